package words_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

func TestExplain(t *testing.T) {
	flowErr := &oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonGettingToken, Err: errors.New("deadline")}
	storeErr := &store.Error{Reason: store.ReasonDiskFull, Err: errors.New("ENOSPC")}
	const (
		timeoutMessage = "LinkedIn took too long to answer while getting your token."
		timeoutHint    = "Check your internet connection."
		diskFull       = "TokenDesk could not save: the disk is full."
		notSaved       = "Free some space or fix the folder's permissions. What was saved before is unchanged."
	)
	tests := []struct {
		name                  string
		err                   error
		message, hint, detail string
		next                  words.Next
	}{
		{"flow error", flowErr, timeoutMessage, timeoutHint, "deadline", words.NextRetry},
		{"store error", storeErr, diskFull, notSaved, "ENOSPC", words.NextRetry},
		{"wrapped flow error", fmt.Errorf("connect: %w", flowErr), timeoutMessage, timeoutHint, "deadline", words.NextRetry},
		{"wrapped store error", fmt.Errorf("save: %w", storeErr), diskFull, notSaved, "ENOSPC", words.NextRetry},
		{"a store error around a flow error", &store.Error{Reason: store.ReasonBusy, Err: flowErr},
			"TokenDesk's saved settings are busy: another TokenDesk is saving them.", "It is usually free again in a moment. If it goes on, close other TokenDesk windows.", "timeout (getting_token): deadline", words.NextRetry},
		{"a flow error around a store error", &oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonGettingToken, Err: storeErr},
			timeoutMessage, timeoutHint, "store: disk_full: ENOSPC", words.NextRetry},
		{"the outer error's step", &store.Error{Reason: store.ReasonTokenChanged, Err: flowErr},
			"The saved token changed meanwhile, so this result was not saved.", "Nothing needs doing: the token you see now is the one that is saved.", "timeout (getting_token): deadline", words.NextNone},
		{"a store error of a reason no words know", &store.Error{Reason: "new", Err: errors.New("x")},
			"TokenDesk could not save.", notSaved, "x", words.NextRetry},
		{"a flow error of a reason no words know", &oauthflow.Error{Kind: oauthflow.KindNetwork, Reason: "new", Err: errors.New("x")},
			"Something went wrong while connecting.", "It may be a passing problem.", "x", words.NextRetry},
		{"a token LinkedIn no longer accepts", &oauthflow.Error{Kind: oauthflow.KindTokenRejected, Reason: linkedin.ReasonInspectUnknown},
			"LinkedIn does not recognise this token for this Client ID.", "Check the Client ID: the token may have been made for another app, or revoked.", "", words.NextSignIn},
		{"no answer from the browser", &oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonNoBrowserReply, Wait: time.Minute},
			"No answer came back from the browser in 1 minute.", "If the browser showed \"This site can't be reached\", that page's address is what TokenDesk needs.", "", words.NextPaste},
		{"a setting", &oauthflow.Error{Kind: oauthflow.KindInvalidSettings, Reason: oauthflow.ReasonClientIDEmpty},
			"The Client ID is empty.", "Copy it from your app's Auth tab in the LinkedIn Developer Portal.", "", words.NextNone},
		{"an error that says nothing", errors.New("boom"), "Something went wrong.", "", "boom", words.NextRetry},
		{"nil", nil, "", "", "", words.NextNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, h, d := words.Explain(tt.err)
			if m != tt.message || h != tt.hint || d != tt.detail {
				t.Errorf("Explain = %q, %q, %q; want %q, %q, %q", m, h, d, tt.message, tt.hint, tt.detail)
			}
			if n := words.NextStep(tt.err); n != tt.next {
				t.Errorf("NextStep = %d, want %d", n, tt.next)
			}
		})
	}
}

// The words name the values the facts carry.
func TestExplainNamesTheFacts(t *testing.T) {
	scope := func(reason oauthflow.Reason) error {
		return linkedin.NameTheProduct(&oauthflow.Error{Kind: oauthflow.KindUnauthorizedScope, Reason: reason, Scope: "r_ads_reporting"})
	}
	tests := []struct {
		err           error
		message, hint string
	}{
		{linkedin.ValidAPIVersion("2026-9", time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)),
			"The LinkedIn API version must be six digits: the year, then the month.", "Write the version as YYYYMM, such as 202609."},
		{linkedin.ValidAPIVersion("202613", time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)),
			"202613 has no month 13: the last two digits are the month, 01 to 12.", "Write the version as YYYYMM, such as 202609."},
		{&oauthflow.Error{Kind: oauthflow.KindUnauthorizedScope, Reason: oauthflow.ReasonScopeRefused, Scope: "w_member_social"},
			`Your LinkedIn app is not allowed to ask for the permission "w_member_social".`, ""},
		{scope(oauthflow.ReasonScopeRefused), `Your LinkedIn app is not allowed to ask for the permission "r_ads_reporting".`,
			`The permission "r_ads_reporting" comes with "Advertising API". In the LinkedIn Developer Portal, open your app's Products tab and add it (Advertising API needs LinkedIn's approval: request it at `},
		{&oauthflow.Error{Kind: oauthflow.KindPortBusy, Reason: oauthflow.ReasonPortBusy, Port: 8765, Address: "http://localhost:8766/callback"},
			"Port 8765 on this computer is already in use by another program.",
			"Close the other program (or another TokenDesk window), or use another port: change the redirect URL to http://localhost:8766/callback in TokenDesk and in your LinkedIn app."},
		{&oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonNoBrowserReply, Wait: 5 * time.Minute},
			"No answer came back from the browser in 5 minutes.", ""},
		{&oauthflow.Error{Kind: oauthflow.KindTimeout, Reason: oauthflow.ReasonNoBrowserReply, Wait: time.Minute},
			"No answer came back from the browser in 1 minute.", ""},
		{(oauthflow.Settings{ClientID: "x", ClientSecret: "y", RedirectURL: "https://localhost:9000", Scopes: []string{"openid"}}).Validate(),
			"TokenDesk cannot receive https:// addresses on this computer.", "Use http://localhost:9000/callback instead, and add that exact address to your LinkedIn app."},
	}
	for _, tt := range tests {
		m, h, _ := words.Explain(tt.err)
		if m != tt.message || len(h) < len(tt.hint) || h[:len(tt.hint)] != tt.hint {
			t.Errorf("Explain(%v) = %q / %q; want %q / %q…", tt.err, m, h, tt.message, tt.hint)
		}
	}
}

func TestBrowserPage(t *testing.T) {
	if p := words.BrowserPage(nil); p.Title != "You're connected" {
		t.Errorf("connected: %+v", p)
	}
	p := words.BrowserPage(&oauthflow.Error{Kind: oauthflow.KindCancelledLogin, Reason: oauthflow.ReasonLoginCancelled})
	if p.Title != "TokenDesk could not connect" || p.Message != "You cancelled the sign-in." || p.Hint == "" {
		t.Errorf("failed: %+v", p)
	}
}

// The browser's page speaks the window's language to the end: its
// disclaimer and its <html lang> too.
func TestBrowserPageInTheLanguageInUse(t *testing.T) {
	english := words.BrowserPage(nil)
	if english.Lang != "en" || english.Footer != "TokenDesk is not affiliated with, endorsed by or sponsored by LinkedIn." {
		t.Errorf("in English: %+v", english)
	}
	t.Cleanup(func() { words.Use("en") })
	for _, l := range words.Languages[1:] {
		words.Use(l.Tag)
		for _, p := range []oauthflow.Page{words.BrowserPage(nil), words.BrowserPage(&oauthflow.Error{Kind: oauthflow.KindFlowOver, Reason: oauthflow.ReasonLinkUsed})} {
			if p.Lang != l.Tag || p.Footer == "" || p.Footer == english.Footer || p.Title == english.Title {
				t.Errorf("in %s: %+v", l.Tag, p)
			}
		}
	}
}

// LinkedIn says a token was revoked or has expired two ways: its userinfo
// answers 401 with a code, its Token Inspector with a status. Both are the
// same fact, in the same words (one key each), whichever was asked.
func TestRejectedTheSameWhoeverSaysIt(t *testing.T) {
	for _, tt := range []struct {
		reason    oauthflow.Reason
		rejection connection.Rejection
	}{
		{linkedin.ReasonWhoTokenRevoked, connection.RejectedRevoked},
		{linkedin.ReasonWhoTokenExpired, connection.RejectedExpired},
	} {
		msg, hint, _ := words.Explain(&oauthflow.Error{Kind: oauthflow.KindTokenRejected, Reason: tt.reason})
		wantMsg, why := words.RejectedWhy(tt.rejection)
		if msg != wantMsg || !strings.HasPrefix(hint, why) {
			t.Errorf("%s: %q / %q; the Token Inspector's words: %q / %q", tt.reason, msg, hint, wantMsg, why)
		}
	}
}
