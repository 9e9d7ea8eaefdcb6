package words

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// Explain is the one place an error becomes words for a person: what
// happened (message), why and what to check (hint, possibly empty), and the
// technical cause behind "Details" (detail, possibly empty). It never names
// a button or a command: what to do next is a fact (NextStep), which each
// front end says in its own words after these. The errors below carry facts
// (oauthflow.Error and store.Error: a Reason and the values it names); the
// words are chosen here, from the catalogue, in the language in use. It
// reads err anywhere in its chain, with errors.As, so that no front end
// needs to know which package an error came from; when one error wraps
// another, the outer one speaks. An error it knows nothing of gets general
// words, with its text as the detail.
func Explain(err error) (message, hint, detail string) {
	if err == nil {
		return "", "", ""
	}
	var fe *oauthflow.Error
	var se *store.Error
	hasFlow, hasStore := errors.As(err, &fe), errors.As(err, &se)
	switch {
	case hasStore && (!hasFlow || errors.As(se.Err, new(*oauthflow.Error))): // the outer one speaks
		message, hint = storeWords(se)
		return message, hint, se.Detail()
	case hasFlow:
		message, hint = flowWords(fe)
		return message, hint, fe.Detail()
	}
	return lang.X("error.unknown.message", "Something went wrong.", nil), "", err.Error()
}

// Notice is the words for something the store tells the person once.
func Notice(n store.Notice) (message, hint string) {
	switch n.Kind {
	case store.NoticeSecretsInFile:
		return lang.X("notice.secrets_in_file.message", "This computer has no keychain, so your client secret and token are kept in a file only your user account can read."),
			lang.X("notice.secrets_in_file.hint", "Anyone who can sign in as you, or read your backups, can read {{.Path}}. Installing and unlocking a keyring (such as GNOME Keyring) keeps them safer.", map[string]any{"Path": n.Path})
	case store.NoticeKeychainUnreachable:
		return lang.X("notice.keychain_unreachable.message", "TokenDesk could not reach the keychain where your client secret and token are saved."),
			lang.X("notice.keychain_unreachable.hint", "Unlock your keychain. Nothing saved was changed.")
	case store.NoticeNewerVersion:
		return storeWords(&store.Error{Reason: store.ReasonNewerVersion})
	case store.NoticeNotMoved:
		message = lang.X("notice.not_moved.message", "TokenDesk could not move your client secret and token from its file into the keychain, so they stay in the file for now.")
		hint = lang.X("notice.not_moved.hint", "It tries again at the next start.")
		var e *store.Error
		if errors.As(n.Cause, &e) {
			why, _ := storeWords(e)
			hint = lang.X("notice.not_moved.hint_why", "{{.Why}} It tries again at the next start.", map[string]any{"Why": why})
		}
		return message, hint
	}
	// NoticeDamagedFile
	switch n.Reason {
	case store.ReasonSecretsDamaged:
		message = lang.X("notice.secrets_damaged.message", "The file where TokenDesk kept your client secret and token was damaged, so they could not be read.")
		hint = lang.X("notice.secrets_damaged.hint", "Type the client secret again and sign in again.")
	case store.ReasonSettingsRecovered:
		message = lang.X("notice.settings_recovered.message", "TokenDesk's saved settings were damaged, so it brought back your connections from their copy.")
		hint = lang.X("notice.settings_recovered.hint", "Check that everything is there.")
	default:
		message = lang.X("notice.settings_damaged.message", "TokenDesk's saved settings were damaged, so it started with empty ones.")
		hint = lang.X("notice.settings_damaged.hint", "Enter your settings again.")
	}
	if n.Path != "" {
		hint = lang.X("notice.damaged.kept_as", "{{.Hint}} The damaged file was kept as {{.Path}}.", map[string]any{"Hint": hint, "Path": n.Path})
	}
	return message, hint
}

// Problem is the words for one problem with the settings, under its field.
func Problem(p oauthflow.Problem) (message, hint string) {
	return flowWords(&oauthflow.Error{Kind: oauthflow.KindInvalidSettings, Reason: p.Reason, Field: p.Field,
		Scope: p.Scope, Address: p.Address, Example: p.Example})
}

// Cancelled is the words for a sign-in the person cancelled (Ctrl-C in
// the terminal): that it was, and that nothing changed.
func Cancelled() string {
	message, hint := cancelled(nil)
	return message + " " + hint
}

// BrowserPage is the words of the page the browser lands on at the end of
// a sign-in (outcome nil: it worked), for oauthflow.Config.Page.
func BrowserPage(outcome error) oauthflow.Page {
	p := browserPage(outcome)
	p.Footer, p.Lang = NotAffiliated(), InUse()
	return p
}

func browserPage(outcome error) oauthflow.Page {
	var e *oauthflow.Error
	switch {
	case outcome == nil:
		return oauthflow.Page{
			Title:   Connected(), // the window's title for the same moment
			Message: lang.X("page.connected.message", "You're connected. You can close this tab and go back to TokenDesk.", nil),
		}
	case errors.As(outcome, &e) && e.Reason == oauthflow.ReasonLinkStale:
		m, h := linkStale(nil)
		return oauthflow.Page{Title: lang.X("page.link_stale.title", "This sign-in link is out of date", nil), Message: m,
			Hint: lang.X("page.link_stale.hint", "{{.Hint}} Go back to TokenDesk and open the sign-in page again from there.", map[string]any{"Hint": h})}
	case errors.As(outcome, &e) && e.Reason == oauthflow.ReasonLinkUsed:
		m, h := linkUsed(nil)
		finished, _ := signInFinished(nil)
		return oauthflow.Page{Title: strings.TrimSuffix(finished, "."), Message: m, Hint: h}
	}
	msg, hint, _ := Explain(outcome)
	// The page's own next step: the sign-in starts again in TokenDesk.
	closeTab := lang.X("page.failed.hint", "{{.Hint}} You can close this tab.", map[string]any{"Hint": hint})
	if NextStep(outcome) != NextNone {
		closeTab = lang.X("page.failed.hint_again", "{{.Hint}} You can close this tab and sign in again from TokenDesk.", map[string]any{"Hint": hint})
	}
	return oauthflow.Page{
		Title:   lang.X("page.failed.title", "TokenDesk could not connect", nil),
		Message: msg,
		Hint:    strings.TrimSpace(closeTab),
	}
}

// fact is one kind of error and one of its reasons.
type fact struct {
	kind   oauthflow.Kind
	reason oauthflow.Reason
}

// said is the words for one fact: its message and its hint, from the
// values the error names (data).
type said func(d map[string]any) (message, hint string)

func flowWords(e *oauthflow.Error) (message, hint string) {
	say, ok := flowFacts[fact{e.Kind, e.Reason}]
	if !ok {
		say = flowFacts[fact{oauthflow.KindLinkedInError, oauthflow.ReasonUnexpected}]
	}
	return say(dataOf(e))
}

// dataOf is the values an error names, by the names the catalogue's
// templates use.
func dataOf(e *oauthflow.Error) map[string]any {
	d := map[string]any{
		"Scope": e.Scope, "Approval": e.Approval, "RequestURL": e.RequestURL, "Port": e.Port, "Address": e.Address,
		"Code": e.Code, "Description": e.Description, "Value": e.Value, "Example": e.Example,
		"Default": oauthflow.DefaultRedirectURL, "Wait": duration(e.Wait), "Products": products(e.Products),
	}
	if len(e.Value) == 6 {
		d["Month"] = e.Value[4:]
	}
	return d
}

// products names products, each in quotes: "A", "A" or "B".
func products(names []string) string {
	out := ""
	for i, n := range names {
		q := lang.X("error.product.name", "\"{{.Name}}\"", map[string]any{"Name": n})
		if i == 0 {
			out = q
			continue
		}
		out = lang.X("error.product.or", "{{.Before}} or {{.Next}}", map[string]any{"Before": out, "Next": q})
	}
	return out
}

// duration says how long, as a person would, in the language in use:
// "5 minutes", "30 seconds". A count of one is its own key: English's
// catalogue, made from the code, has only a plural's other form.
func duration(d time.Duration) string {
	switch {
	case d >= time.Minute && d%time.Minute == 0:
		n := int(d / time.Minute)
		if n == 1 {
			return lang.X("error.duration.minute", "1 minute")
		}
		return lang.XN("error.duration.minutes", "{{.Count}} minutes", n, map[string]any{"Count": n})
	case d >= time.Second:
		n := int(d.Round(time.Second) / time.Second)
		if n == 1 {
			return lang.X("error.duration.second", "1 second")
		}
		return lang.XN("error.duration.seconds", "{{.Count}} seconds", n, map[string]any{"Count": n})
	default:
		return d.String()
	}
}

var flowFacts = map[fact]said{
	// LinkedIn's error= on the way back from its sign-in page.
	{oauthflow.KindCancelledLogin, oauthflow.ReasonLoginCancelled}: func(d map[string]any) (string, string) {
		return lang.X("error.user_cancelled_login.login_cancelled.message", "You cancelled the sign-in.", d),
			lang.X("error.user_cancelled_login.login_cancelled.hint", "TokenDesk gets your token only once you sign in to LinkedIn.", d)
	},
	{oauthflow.KindCancelledAuthorize, oauthflow.ReasonAuthorizeCancelled}: func(d map[string]any) (string, string) {
		return lang.X("error.user_cancelled_authorize.authorize_cancelled.message", "You chose not to allow access on LinkedIn's page.", d),
			lang.X("error.user_cancelled_authorize.authorize_cancelled.hint", "TokenDesk gets your token only when you choose Allow there.", d)
	},
	{oauthflow.KindCancelledAuthorize, oauthflow.ReasonAccessDenied}: func(d map[string]any) (string, string) {
		return lang.X("error.user_cancelled_authorize.access_denied.message", "LinkedIn did not give access.", d),
			lang.X("error.user_cancelled_authorize.access_denied.hint", "TokenDesk gets your token only when you choose Allow on LinkedIn's page.", d)
	},
	{oauthflow.KindUnauthorizedScope, oauthflow.ReasonScopeRefused}: func(d map[string]any) (string, string) {
		return scopeNotAllowed(d),
			addProduct(d)
	},
	{oauthflow.KindUnauthorizedScope, oauthflow.ReasonSomeScopeRefused}: func(d map[string]any) (string, string) {
		return lang.X("error.unauthorized_scope.some_scope_refused.message", "Your LinkedIn app is not allowed to ask for one of the permissions you chose.", d),
			addProduct(d)
	},
	{oauthflow.KindUnauthorizedScope, linkedin.ReasonScopeInProducts}: func(d map[string]any) (string, string) {
		return scopeNotAllowed(d),
			lang.X("error.unauthorized_scope.scope_in_products.hint", "The permission \"{{.Scope}}\" comes with {{.Products}}. In the LinkedIn Developer Portal, open your app's Products tab and add it, or stop asking for that permission.", d)
	},
	{oauthflow.KindUnauthorizedScope, linkedin.ReasonScopeNeedsApproval}: func(d map[string]any) (string, string) {
		return scopeNotAllowed(d),
			lang.X("error.unauthorized_scope.scope_needs_approval.hint", "The permission \"{{.Scope}}\" comes with {{.Products}}. In the LinkedIn Developer Portal, open your app's Products tab and add it ({{.Approval}} needs LinkedIn's approval: request it at {{.RequestURL}}), or stop asking for that permission.", d)
	},
	{oauthflow.KindLinkedInDown, oauthflow.ReasonSignInUnavailable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_unavailable.sign_in_unavailable.message", "LinkedIn had a problem and could not finish the sign-in.", d),
			backSoon(d)
	},
	{oauthflow.KindLinkedInError, oauthflow.ReasonSignInStopped}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.sign_in_stopped.message", "LinkedIn stopped the sign-in.", d),
			lang.X("error.linkedin_error.sign_in_stopped.hint", "Check the Client ID, the redirect URL and the permissions against your LinkedIn app. The details below say what LinkedIn reported.", d)
	},

	// The token endpoint's answers.
	{oauthflow.KindCodeRejected, oauthflow.ReasonCodeRejected}: func(d map[string]any) (string, string) {
		return lang.X("error.code_rejected.code_rejected.message", "LinkedIn did not accept the sign-in code.", d),
			lang.X("error.code_rejected.code_rejected.hint", "Sign-in codes work once and only for 30 minutes, and the redirect URL must be exactly the one in your LinkedIn app.", d)
	},
	{oauthflow.KindBadClient, oauthflow.ReasonClientRejected}: func(d map[string]any) (string, string) {
		return lang.X("error.bad_client.client_rejected.message", "LinkedIn did not accept your Client ID or Client secret.", d),
			lang.X("error.bad_client.client_rejected.hint", "Copy both again from your app's Auth tab in the LinkedIn Developer Portal.", d)
	},
	{oauthflow.KindTokenRejected, oauthflow.ReasonRefreshRejected}: func(d map[string]any) (string, string) {
		return lang.X("error.token_rejected.refresh_rejected.message", "LinkedIn would not renew the token: its refresh token is invalid, expired or revoked.", d),
			lang.X("error.token_rejected.refresh_rejected.hint", "Your current token is kept while it lasts.", d)
	},
	{oauthflow.KindTokenRejected, oauthflow.ReasonNoRefreshToken}: func(d map[string]any) (string, string) {
		return lang.X("error.token_rejected.no_refresh_token.message", "This token cannot be renewed: LinkedIn gave no refresh token with it.", d),
			lang.X("error.token_rejected.no_refresh_token.hint", "Your current token is kept while it lasts: only a new sign-in gives a new one.", d)
	},
	{oauthflow.KindLinkedInDown, oauthflow.ReasonTokenUnavailable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_unavailable.token_unavailable.message", "LinkedIn had a problem and could not give you a token.", d),
			backSoon(d)
	},
	{oauthflow.KindLinkedInError, oauthflow.ReasonTokenRefused}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.token_refused.message", "LinkedIn refused to give a token.", d),
			lang.X("error.linkedin_error.token_refused.hint", "Check the Client ID, Client secret and redirect URL against your LinkedIn app. The details below say what LinkedIn reported.", d)
	},
	{oauthflow.KindLinkedInError, oauthflow.ReasonTokenUnreadable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.token_unreadable.message", "LinkedIn's answer could not be understood, so there is no token.", d),
			lang.X("error.linkedin_error.token_unreadable.hint", "It may be a passing problem; if it keeps happening, LinkedIn (or a proxy on your network) may be having trouble.", d)
	},

	// LinkedIn could not be reached.
	{oauthflow.KindCancelled, oauthflow.ReasonGettingToken}: cancelled,
	{oauthflow.KindCancelled, linkedin.ReasonCheckingWho}:   cancelled,
	{oauthflow.KindCancelled, linkedin.ReasonCheckingToken}: cancelled,
	{oauthflow.KindTimeout, oauthflow.ReasonGettingToken}: func(d map[string]any) (string, string) {
		return lang.X("error.timeout.getting_token.message", "LinkedIn took too long to answer while getting your token.", d), timeoutHint(d)
	},
	{oauthflow.KindTimeout, linkedin.ReasonCheckingWho}: func(d map[string]any) (string, string) {
		return lang.X("error.timeout.checking_who.message", "LinkedIn took too long to answer while checking who is connected.", d), timeoutHint(d)
	},
	{oauthflow.KindTimeout, linkedin.ReasonCheckingToken}: func(d map[string]any) (string, string) {
		return lang.X("error.timeout.checking_token.message", "LinkedIn took too long to answer while checking the token.", d), timeoutHint(d)
	},
	{oauthflow.KindNetwork, oauthflow.ReasonGettingToken}: func(d map[string]any) (string, string) {
		return lang.X("error.network.getting_token.message", "TokenDesk could not reach LinkedIn while getting your token.", d), networkHint(d)
	},
	{oauthflow.KindNetwork, linkedin.ReasonCheckingWho}: func(d map[string]any) (string, string) {
		return lang.X("error.network.checking_who.message", "TokenDesk could not reach LinkedIn while checking who is connected.", d), networkHint(d)
	},
	{oauthflow.KindNetwork, linkedin.ReasonCheckingToken}: func(d map[string]any) (string, string) {
		return lang.X("error.network.checking_token.message", "TokenDesk could not reach LinkedIn while checking the token.", d), networkHint(d)
	},
	{oauthflow.KindCancelled, linkedin.ReasonCheckingWhat}: cancelled,
	{oauthflow.KindTimeout, linkedin.ReasonCheckingWhat}: func(d map[string]any) (string, string) {
		return lang.X("error.timeout.checking_what.message", "LinkedIn took too long to answer while checking what the token can do.", d), timeoutHint(d)
	},
	{oauthflow.KindNetwork, linkedin.ReasonCheckingWhat}: func(d map[string]any) (string, string) {
		return lang.X("error.network.checking_what.message", "TokenDesk could not reach LinkedIn while checking what the token can do.", d), networkHint(d)
	},
	{oauthflow.KindLinkedInError, linkedin.ReasonCheckUnreadable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.check_unreadable.message", "LinkedIn's answer to a check of what the token can do could not be understood.", d),
			tokenUnaffected(d)
	},

	// The loopback receiver and the wait for the browser.
	{oauthflow.KindPortBusy, oauthflow.ReasonPortBusy}: func(d map[string]any) (string, string) {
		return lang.X("error.port_busy.port_busy.message", "Port {{.Port}} on this computer is already in use by another program.", d),
			lang.X("error.port_busy.port_busy.hint", "Close the other program (or another TokenDesk window), or use another port: change the redirect URL to {{.Address}} in TokenDesk and in your LinkedIn app.", d)
	},
	{oauthflow.KindPortForbidden, oauthflow.ReasonPortForbidden}: func(d map[string]any) (string, string) {
		return lang.X("error.port_forbidden.port_forbidden.message", "This computer does not let TokenDesk use port {{.Port}}.", d),
			lang.X("error.port_forbidden.port_forbidden.hint", "Use a port above 1024, such as {{.Address}}, in TokenDesk and in your LinkedIn app.", d)
	},
	{oauthflow.KindNetwork, oauthflow.ReasonNoReceiver}: func(d map[string]any) (string, string) {
		return lang.X("error.network.no_receiver.message", "TokenDesk could not wait for the browser on this computer.", d),
			lang.X("error.network.no_receiver.hint", "The address your browser shows after you sign in can bring your token to TokenDesk instead.", d)
	},
	{oauthflow.KindCancelled, oauthflow.ReasonStoppedWaiting}: func(d map[string]any) (string, string) {
		return lang.X("error.cancelled.stopped_waiting.message", "TokenDesk stopped waiting for this sign-in.", d),
			lang.X("error.cancelled.stopped_waiting.hint", "It was cancelled in TokenDesk, or it took too long.", d)
	},
	{oauthflow.KindCancelled, oauthflow.ReasonInputEnded}: func(d map[string]any) (string, string) {
		return lang.X("error.cancelled.input_ended.message", "No address was pasted.", d),
			lang.X("error.cancelled.input_ended.hint", "TokenDesk needs the address your browser shows after you press Allow.", d)
	},
	{oauthflow.KindTimeout, oauthflow.ReasonNoBrowserReply}: func(d map[string]any) (string, string) {
		return lang.X("error.timeout.no_browser_reply.message", "No answer came back from the browser in {{.Wait}}.", d),
			lang.X("error.timeout.no_browser_reply.hint", "If the browser showed \"This site can't be reached\", that page's address is what TokenDesk needs.", d)
	},
	{oauthflow.KindLinkedInError, oauthflow.ReasonNoState}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.no_state.message", "TokenDesk could not make a secure sign-in link.", d),
			lang.X("error.linkedin_error.no_state.hint", "This computer did not give it the random numbers it needs.", d)
	},
	{oauthflow.KindFlowOver, oauthflow.ReasonFinished}:       signInFinished,
	{oauthflow.KindStateMismatch, oauthflow.ReasonLinkStale}: linkStale,
	{oauthflow.KindFlowOver, oauthflow.ReasonLinkUsed}:       linkUsed,

	// A pasted address.
	{oauthflow.KindNotARedirect, oauthflow.ReasonNothingPasted}: func(d map[string]any) (string, string) {
		return lang.X("error.not_a_redirect.nothing_pasted.message", "Nothing was pasted.", d),
			lang.X("error.not_a_redirect.nothing_pasted.hint", "After signing in, copy the whole address from the browser's address bar and paste it here.", d)
	},
	{oauthflow.KindNotARedirect, oauthflow.ReasonOnlyCode}: func(d map[string]any) (string, string) {
		return lang.X("error.not_a_redirect.only_code.message", "That is only the sign-in code; TokenDesk needs the whole address to check it is yours.", d),
			lang.X("error.not_a_redirect.only_code.hint", "Copy the whole address from the browser's address bar (it has code= and state= in it) and paste it here.", d)
	},
	{oauthflow.KindNotARedirect, oauthflow.ReasonSignInPage}: func(d map[string]any) (string, string) {
		return lang.X("error.not_a_redirect.sign_in_page.message", "This is the address of LinkedIn's sign-in page, not of the page after it.", d),
			lang.X("error.not_a_redirect.sign_in_page.hint", "Finish signing in and press Allow in the browser. Then copy the address of the page you land on (it may say \"This site can't be reached\") and paste it here.", d)
	},
	{oauthflow.KindNotARedirect, oauthflow.ReasonNotRedirectURL}: func(d map[string]any) (string, string) {
		return lang.X("error.not_a_redirect.not_redirect_url.message", "This is not the address of your redirect URL, {{.Address}}.", d),
			lang.X("error.not_a_redirect.not_redirect_url.hint", "After you press Allow, LinkedIn sends your browser to an address that starts with {{.Address}}. Copy that whole address from the address bar and paste it here.", d)
	},
	{oauthflow.KindNotARedirect, oauthflow.ReasonDamaged}: func(d map[string]any) (string, string) {
		return lang.X("error.not_a_redirect.damaged.message", "Part of this address is damaged, so TokenDesk cannot trust it.", d),
			lang.X("error.not_a_redirect.damaged.hint", "Copy the whole address again from the browser's address bar, without changing it, and paste it here.", d)
	},
	{oauthflow.KindNotARedirect, oauthflow.ReasonNotAnAddress}: func(d map[string]any) (string, string) {
		return lang.X("error.not_a_redirect.not_an_address.message", "That doesn't look like the address LinkedIn sent you to.", d),
			lang.X("error.not_a_redirect.not_an_address.hint", "After signing in, copy the whole address from the browser's address bar (it starts with your redirect URL and has code= in it) and paste it here.", d)
	},
	{oauthflow.KindStateMismatch, oauthflow.ReasonStateMissing}: func(d map[string]any) (string, string) {
		return lang.X("error.state_mismatch.state_missing.message", "This address lacks the part that shows it comes from the sign-in TokenDesk started.", d),
			lang.X("error.state_mismatch.state_missing.hint", "Copy the whole address from the browser's address bar (it has both code= and state= in it) and paste it here.", d)
	},
	{oauthflow.KindStateMismatch, oauthflow.ReasonStateStale}: func(d map[string]any) (string, string) {
		return lang.X("error.state_mismatch.state_stale.message", "This address is from an earlier or different sign-in.", d),
			lang.X("error.state_mismatch.state_stale.hint", "Copy the address from the browser tab you signed in with just now: an address from an earlier sign-in no longer works.", d)
	},
	{oauthflow.KindLinkedInError, oauthflow.ReasonUnexpected}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.unexpected.message", "Something went wrong while connecting.", d),
			lang.X("error.linkedin_error.unexpected.hint", "It may be a passing problem.", d)
	},

	// The settings, each under its field.
	{oauthflow.KindInvalidSettings, oauthflow.ReasonClientIDEmpty}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.client_id_empty.message", "The Client ID is empty.", d),
			lang.X("error.invalid_settings.client_id_empty.hint", "Copy it from your app's Auth tab in the LinkedIn Developer Portal.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonClientIDSpace}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.client_id_space.message", "The Client ID has a space in it.", d),
			clientIDHint(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonClientIDAddress}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.client_id_address.message", "The Client ID looks like a web address.", d),
			clientIDHint(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonClientSecretEmpty}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.client_secret_empty.message", "The Client secret is empty.", d),
			lang.X("error.invalid_settings.client_secret_empty.hint", "Copy the Primary Client Secret from your app's Auth tab in the LinkedIn Developer Portal.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonClientSecretSpace}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.client_secret_space.message", "The Client secret has a space in it.", d),
			lang.X("error.invalid_settings.client_secret_space.hint", "Copy it again with the copy button next to it in the LinkedIn Developer Portal.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectEmpty}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_empty.message", "The redirect URL is empty.", d), useDefault(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectNotFull}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_not_full.message", "The redirect URL must be a full address, starting with http:// or https://.", d), useDefault(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectScheme}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_scheme.message", "The redirect URL must start with http:// or https://.", d), useDefault(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectFragment}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_fragment.message", "The redirect URL must not contain a # sign.", d),
			lang.X("error.invalid_settings.redirect_fragment.hint", "Remove the # and everything after it, in TokenDesk and in your LinkedIn app.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectUser}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_user.message", "The redirect URL must not contain a user name or password.", d), useDefault(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectPort}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_port.message", "The redirect URL's port must be a number from 1 to 65535.", d), useDefault(d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectLocalHTTPS}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_local_https.message", "TokenDesk cannot receive https:// addresses on this computer.", d),
			lang.X("error.invalid_settings.redirect_local_https.hint", "Use {{.Address}} instead, and add that exact address to your LinkedIn app.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectRemoteHTTP}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_remote_http.message", "LinkedIn only accepts http:// for addresses on this computer (localhost).", d),
			lang.X("error.invalid_settings.redirect_remote_http.hint", "Use https:// for a website, or {{.Default}} to receive the sign-in on this computer.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonRedirectPKCE}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.redirect_pkce.message", "LinkedIn's native sign-in (PKCE) only sends you back to 127.0.0.1 or [::1].", d),
			lang.X("error.invalid_settings.redirect_pkce.hint", "Use http://127.0.0.1:8765/callback and add it to your LinkedIn app, or switch PKCE off.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonScopesNone}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.scopes_none.message", "Choose at least one permission.", d),
			lang.X("error.invalid_settings.scopes_none.hint", "Choose \"Sign In with OpenID Connect\" (openid profile email) unless you know you need something else.", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonScopeRetired}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.scope_retired.message", "LinkedIn retired the permission \"{{.Scope}}\" in 2023.", d),
			lang.X("error.invalid_settings.scope_retired.hint", "Use {{.Example}} instead (LinkedIn's \"Sign In with LinkedIn using OpenID Connect\" product gives openid, profile and email).", d)
	},
	{oauthflow.KindInvalidSettings, oauthflow.ReasonScopeInvalid}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.scope_invalid.message", "\"{{.Scope}}\" is not a permission name.", d),
			lang.X("error.invalid_settings.scope_invalid.hint", "Permission names are words like openid, profile, email or w_member_social, separated by spaces.", d)
	},
	{oauthflow.KindInvalidSettings, linkedin.ReasonAPIVersionDigits}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.api_version_digits.message", "The LinkedIn API version must be six digits: the year, then the month.", d), versionFormat(d)
	},
	{oauthflow.KindInvalidSettings, linkedin.ReasonAPIVersionMonth}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.api_version_month.message", "{{.Value}} has no month {{.Month}}: the last two digits are the month, 01 to 12.", d), versionFormat(d)
	},
	{oauthflow.KindInvalidSettings, linkedin.ReasonAPIVersionTooOld}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.api_version_too_old.message", "LinkedIn has no API version {{.Value}}: its versions start in June 2022 (202206).", d),
			lang.X("error.invalid_settings.api_version_too_old.hint", "Use a recent version, such as {{.Example}}.", d)
	},
	{oauthflow.KindInvalidSettings, linkedin.ReasonAPIVersionFuture}: func(d map[string]any) (string, string) {
		return lang.X("error.invalid_settings.api_version_future.message", "{{.Value}} is a month still to come: LinkedIn has not released that version yet.", d),
			lang.X("error.invalid_settings.api_version_future.hint", "Use a version LinkedIn has released, such as {{.Example}}.", d)
	},
	{linkedin.KindBadEndpoint, linkedin.ReasonUnsafeEndpoint}: func(d map[string]any) (string, string) {
		return lang.X("error.bad_endpoint.unsafe_endpoint.message", "The setting {{.Value}} is not a safe address.", d),
			lang.X("error.bad_endpoint.unsafe_endpoint.hint", "It must start with https://, or with http://127.0.0.1 or http://[::1] for a server on this computer. Remove it to use LinkedIn's own servers.", d)
	},

	// LinkedIn's API: who is connected.
	{oauthflow.KindLinkedInError, linkedin.ReasonWhoUnreadable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.who_unreadable.message", "LinkedIn's answer about who is connected could not be understood.", d),
			tokenUnaffected(d)
	},
	{oauthflow.KindTokenRejected, linkedin.ReasonWhoTokenRefused}: func(d map[string]any) (string, string) {
		return lang.X("error.token_rejected.who_token_refused.message", "LinkedIn no longer accepts this token.", d), newToken(d)
	},
	// The Token Inspector's words for the same facts (RejectedWhy).
	{oauthflow.KindTokenRejected, linkedin.ReasonWhoTokenRevoked}: func(d map[string]any) (string, string) {
		return rejectedWithWhy(connection.RejectedRevoked, d)
	},
	{oauthflow.KindTokenRejected, linkedin.ReasonWhoTokenExpired}: func(d map[string]any) (string, string) {
		return rejectedWithWhy(connection.RejectedExpired, d)
	},
	{linkedin.KindNotAllowed, linkedin.ReasonWhoNotAllowed}: func(d map[string]any) (string, string) {
		return lang.X("error.not_allowed.who_not_allowed.message", "This token is not allowed to say who is connected.", d),
			lang.X("error.not_allowed.who_not_allowed.hint", "It needs the openid and profile permissions, which \"Sign In with OpenID Connect\" gives.", d)
	},
	{oauthflow.KindLinkedInDown, linkedin.ReasonWhoUnavailable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_unavailable.who_unavailable.message", "LinkedIn could not say who is connected just now.", d),
			tokenUnaffected(d)
	},
	{oauthflow.KindLinkedInError, linkedin.ReasonWhoRefused}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.who_refused.message", "LinkedIn refused to say who is connected.", d),
			lang.X("error.linkedin_error.who_refused.hint", "Your token may still work. The details below say what LinkedIn reported.", d)
	},

	// LinkedIn's Token Inspector.
	{oauthflow.KindLinkedInError, linkedin.ReasonInspectUnreadable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.inspect_unreadable.message", "LinkedIn's answer about the token could not be understood.", d),
			tokenUnaffected(d)
	},
	{oauthflow.KindBadClient, linkedin.ReasonInspectSecret}: func(d map[string]any) (string, string) {
		return lang.X("error.bad_client.inspect_secret.message", "LinkedIn did not accept your Client secret, so it could not check the token.", d),
			lang.X("error.bad_client.inspect_secret.hint", "Copy the Primary Client Secret again from your app's Auth tab in the LinkedIn Developer Portal.", d)
	},
	{oauthflow.KindTokenRejected, linkedin.ReasonInspectUnknown}: func(d map[string]any) (string, string) {
		return lang.X("error.token_rejected.inspect_unknown.message", "LinkedIn does not recognise this token for this Client ID.", d),
			lang.X("error.token_rejected.inspect_unknown.hint", "Check the Client ID: the token may have been made for another app, or revoked.", d)
	},
	{oauthflow.KindLinkedInDown, linkedin.ReasonInspectUnavailable}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_unavailable.inspect_unavailable.message", "LinkedIn could not check the token just now.", d),
			tokenUnaffected(d)
	},
	{oauthflow.KindLinkedInError, linkedin.ReasonInspectRefused}: func(d map[string]any) (string, string) {
		return lang.X("error.linkedin_error.inspect_refused.message", "LinkedIn refused to check the token.", d),
			lang.X("error.linkedin_error.inspect_refused.hint", "The details below say what LinkedIn reported.", d)
	},
}

func storeWords(e *store.Error) (message, hint string) {
	say, ok := storeFacts[e.Reason]
	if !ok {
		say = storeFacts[store.ReasonNotSaved]
	}
	return say(map[string]any{"Path": e.Path, "Entry": entry(e.Entry), "Length": e.Length, "Max": e.Max,
		"Name": e.Name, "ID": e.ID, "Field": e.Field})
}

// entry names a keychain entry for a person.
func entry(name string) string {
	switch name {
	case store.EntryClientSecret:
		return lang.X("error.store.entry.client_secret", "client secret")
	case store.EntryAccessToken:
		return lang.X("error.store.entry.access_token", "access token")
	case store.EntryRefreshToken:
		return lang.X("error.store.entry.refresh_token", "refresh token")
	}
	return name
}

var storeFacts = map[store.Reason]said{
	store.ReasonNoFolder: func(d map[string]any) (string, string) {
		return lang.X("error.store.no_folder.message", "TokenDesk could not find a folder for its settings.", d),
			lang.X("error.store.no_folder.hint", "Check that your home folder exists and is yours.", d)
	},
	store.ReasonBusy: func(d map[string]any) (string, string) {
		return lang.X("error.store.busy.message", "TokenDesk's saved settings are busy: another TokenDesk is saving them.", d),
			lang.X("error.store.busy.hint", "It is usually free again in a moment. If it goes on, close other TokenDesk windows.", d)
	},
	store.ReasonNotSaved: func(d map[string]any) (string, string) {
		return lang.X("error.store.not_saved.message", "TokenDesk could not save.", d), notSavedHint(d)
	},
	store.ReasonDiskFull: func(d map[string]any) (string, string) {
		return lang.X("error.store.disk_full.message", "TokenDesk could not save: the disk is full.", d), notSavedHint(d)
	},
	store.ReasonReadOnlyFolder: func(d map[string]any) (string, string) {
		return lang.X("error.store.read_only_folder.message", "TokenDesk could not save: its folder is read-only.", d), notSavedHint(d)
	},
	store.ReasonSettingsUnreadable: func(d map[string]any) (string, string) {
		return lang.X("error.store.settings_unreadable.message", "TokenDesk could not read its saved settings.", d),
			lang.X("error.store.settings_unreadable.hint", "Check that you can open {{.Path}}. Nothing was changed.", d)
	},
	store.ReasonSecretsUnreadable: func(d map[string]any) (string, string) {
		return lang.X("error.store.secrets_unreadable.message", "TokenDesk could not read the secrets it kept in a file.", d),
			lang.X("error.store.secrets_unreadable.hint", "Check {{.Path}}.", d)
	},
	store.ReasonKeychainLocked: func(d map[string]any) (string, string) {
		return lang.X("error.store.keychain_locked.message", "TokenDesk could not read your client secret and token from the keychain.", d),
			lang.X("error.store.keychain_locked.hint", "Unlock your keychain (or answer its password prompt). Nothing saved was changed.", d)
	},
	store.ReasonSecretsDamaged: func(d map[string]any) (string, string) {
		return lang.X("error.store.secrets_damaged.message", "The file where TokenDesk keeps your client secret and token is damaged.", d),
			lang.X("error.store.secrets_damaged.hint", "Open the TokenDesk window: it sets the damaged file aside so you can connect again.", d)
	},
	store.ReasonKeychainFailed: func(d map[string]any) (string, string) {
		return lang.X("error.store.keychain_failed.message", "TokenDesk could not use this computer's keychain.", d),
			lang.X("error.store.keychain_failed.hint", "If your keychain is locked, unlock it.", d)
	},
	store.ReasonKeychainSilent: func(d map[string]any) (string, string) {
		return lang.X("error.store.keychain_silent.message", "The keychain did not answer.", d),
			lang.X("error.store.keychain_silent.hint", "If the computer asked for your keychain password, enter it.", d)
	},
	store.ReasonTooLong: func(d map[string]any) (string, string) {
		return lang.X("error.store.too_long.message", "The {{.Entry}} is too long for this computer's keychain ({{.Length}} characters).", d),
			lang.X("error.store.too_long.hint", "Nothing was changed. Please report this: TokenDesk needs a way to split it.", d)
	},
	store.ReasonTokenChanged: func(d map[string]any) (string, string) {
		return lang.X("error.store.token_changed.message", "The saved token changed meanwhile, so this result was not saved.", d),
			lang.X("error.store.token_changed.hint", "Nothing needs doing: the token you see now is the one that is saved.", d)
	},
	store.ReasonSettingsChanged: func(d map[string]any) (string, string) {
		return lang.X("error.store.settings_changed.message", "The saved settings changed meanwhile, so your edits were not saved.", d),
			lang.X("error.store.settings_changed.hint", "The form now shows what is saved: make your changes again.", d)
	},
	store.ReasonNoConnection: func(d map[string]any) (string, string) {
		return lang.X("error.store.no_connection.message", "This connection was deleted.", d),
			lang.X("error.store.no_connection.hint", "Pick another connection, or add a new one.", d)
	},
	store.ReasonNoToken: func(d map[string]any) (string, string) {
		return lang.X("error.store.no_token.message", "There is no token to save.", d),
			lang.X("error.store.no_token.hint", "A token comes from signing in to LinkedIn.", d)
	},
	store.ReasonReadOnly: func(d map[string]any) (string, string) {
		return lang.X("error.store.read_only.message", "This command only reads what TokenDesk saved.", d),
			lang.X("error.store.read_only.hint", "Open the TokenDesk window to change it.", d)
	},
	store.ReasonNewerVersion: func(d map[string]any) (string, string) {
		return lang.X("error.store.newer_version.message", "Your settings were saved by a newer TokenDesk, so this one changes nothing in them.", d),
			lang.X("error.store.newer_version.hint", "Use the newer TokenDesk: it has everything you saved.", d)
	},
	store.ReasonLeftInKeychain: func(d map[string]any) (string, string) {
		return lang.X("error.store.left_in_keychain.message", "TokenDesk has forgotten the old token, but the keychain did not let it remove its copy yet.", d),
			lang.X("error.store.left_in_keychain.hint", "Unlock your keychain: TokenDesk removes the copy at its next start.", d)
	},

	// A connection's name.
	store.ReasonNameEmpty: func(d map[string]any) (string, string) {
		return lang.X("error.store.name_empty.message", "A connection needs a name.", d), otherName(d)
	},
	store.ReasonNameTooLong: func(d map[string]any) (string, string) {
		return lang.X("error.store.name_too_long.message", "A connection's name can be at most {{.Max}} characters long.", d), otherName(d)
	},
	store.ReasonNameUnprintable: func(d map[string]any) (string, string) {
		return lang.X("error.store.name_unprintable.message", "A connection's name can only have letters, digits, spaces and punctuation.", d), otherName(d)
	},
	store.ReasonNameTaken: func(d map[string]any) (string, string) {
		return lang.X("error.store.name_taken.message", "There is already a connection named \"{{.Name}}\".", d), otherName(d)
	},
	store.ReasonNameIsID: func(d map[string]any) (string, string) {
		return lang.X("error.store.name_is_id.message", "\"{{.ID}}\" is how TokenDesk knows the connection \"{{.Name}}\".", d), otherName(d)
	},
	store.ReasonNameIsDefault: func(d map[string]any) (string, string) {
		return lang.X("error.store.name_is_default.message", "\"{{.ID}}\" is how TokenDesk knows its first connection.", d), otherName(d)
	},

	// A credentials.json.
	store.ReasonFileGone: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_gone.message", "That file does not exist any more.", d),
			lang.X("error.store.file_gone.hint", "Pick the file again.", d)
	},
	store.ReasonFileUnreadable: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_unreadable.message", "TokenDesk could not read that file.", d),
			lang.X("error.store.file_unreadable.hint", "Check that it is a credentials.json you can open, and not too large.", d)
	},
	store.ReasonFileEmpty: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_empty.message", "The file is empty.", d), credentialsHint(d)
	},
	store.ReasonFileTooLarge: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_too_large.message", "The file is far too large to be a credentials.json.", d), credentialsHint(d)
	},
	store.ReasonFileNotJSON: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_not_json.message", "The file is not a valid credentials.json (it is not JSON, or it is cut short).", d), credentialsHint(d)
	},
	store.ReasonFileNotText: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_not_text.message", "In the file, \"{{.Field}}\" must be text in quotes.", d), credentialsHint(d)
	},
	store.ReasonFileNothing: func(d map[string]any) (string, string) {
		return lang.X("error.store.file_nothing.message", "The file has none of client_id, client_secret, redirect_uri or access_token.", d), credentialsHint(d)
	},
}

// The words that several facts share, one key each.

func clientIDHint(d map[string]any) string {
	return lang.X("error.invalid_settings.client_id.hint", "It is one word of letters and digits. Copy it from your app's Auth tab in the LinkedIn Developer Portal.", d)
}

func tokenUnaffected(d map[string]any) string {
	return lang.X("error.token_unaffected.hint", "Your token is not affected.", d)
}

func backSoon(d map[string]any) string {
	return lang.X("error.linkedin_unavailable.hint", "It is usually back within a minute.", d)
}

func scopeNotAllowed(d map[string]any) string {
	return lang.X("error.unauthorized_scope.message", "Your LinkedIn app is not allowed to ask for the permission \"{{.Scope}}\".", d)
}

func addProduct(d map[string]any) string {
	return lang.X("error.unauthorized_scope.add_product.hint", "In the LinkedIn Developer Portal, open your app's Products tab and add the product that gives it (\"Sign In with LinkedIn using OpenID Connect\" for openid, profile and email; \"Share on LinkedIn\" for w_member_social), or stop asking for that permission.", d)
}

func notSavedHint(d map[string]any) string {
	return lang.X("error.store.not_saved.hint", "Free some space or fix the folder's permissions. What was saved before is unchanged.", d)
}

func otherName(d map[string]any) string {
	return lang.X("error.store.name.hint", "Choose another name.", d)
}

func credentialsHint(d map[string]any) string {
	return lang.X("error.store.file.hint", "A credentials.json looks like {\"client_id\": \"…\", \"client_secret\": \"…\", \"redirect_uri\": \"http://localhost:8765/callback\"}. Pick another file, or type the values in.", d)
}

func cancelled(d map[string]any) (string, string) {
	return lang.X("error.cancelled.any.message", "Connecting was cancelled.", d),
		lang.X("error.cancelled.any.hint", "Nothing was changed.", d)
}

func timeoutHint(d map[string]any) string {
	return lang.X("error.timeout.any.hint", "Check your internet connection.", d)
}

func networkHint(d map[string]any) string {
	return lang.X("error.network.any.hint", "Check your internet connection (and any proxy or firewall).", d)
}

func useDefault(d map[string]any) string {
	return lang.X("error.invalid_settings.redirect.hint", "Use {{.Default}} and add that exact address to your LinkedIn app (Auth tab, Authorized redirect URLs).", d)
}

func versionFormat(d map[string]any) string {
	return lang.X("error.invalid_settings.api_version.hint", "Write the version as YYYYMM, such as {{.Example}}.", d)
}

// rejectedWithWhy is LinkedIn's verdict on a token in the words the Token
// Inspector's gets (RejectedWhy), then that no program can use it.
func rejectedWithWhy(r connection.Rejection, d map[string]any) (string, string) {
	message, why := RejectedWhy(r)
	return message, strings.TrimSpace(why + " " + newToken(d))
}

func newToken(d map[string]any) string {
	return lang.X("error.token_rejected.who.hint", "No program can use it any more.", d)
}

func linkStale(d map[string]any) (string, string) {
	return lang.X("error.state_mismatch.link_stale.message", "This page was opened from an old sign-in link, or from one TokenDesk did not make, so TokenDesk ignored it.", d),
		lang.X("error.state_mismatch.link_stale.hint", "A sign-in link works only for the sign-in TokenDesk is waiting for.", d)
}

// signInFinished is also the title of the browser's page for a link
// already used (without its full stop, as a title).
func signInFinished(d map[string]any) (string, string) {
	return lang.X("error.flow_over.finished.message", "This sign-in is already finished.", d),
		lang.X("error.flow_over.finished.hint", "Each sign-in gives one token.", d)
}

func linkUsed(d map[string]any) (string, string) {
	return lang.X("error.flow_over.link_used.message", "TokenDesk has already used this sign-in link.", d),
		lang.X("error.flow_over.link_used.hint", "Go back to TokenDesk to get a new token.", d)
}
