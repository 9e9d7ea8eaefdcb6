package words

import (
	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// SignInHelp is what to tell a person whose sign-in waits in the browser
// longer than signing in takes: LinkedIn may be showing an error page of
// its own, from which it never sends the browser back. When TokenDesk saw
// LinkedIn's page (linkedin.CheckSignIn), Found is true and Lines are that
// cause and its fix; otherwise Lines are the likely causes, each with the
// words the browser shows and the fix. It names no button and no command:
// the front ends add their own ways to act (copy the redirect URL, open the
// app in the Developer Portal, go back).
type SignInHelp struct {
	Found bool
	Title string   // one line over the rest
	Lines []string // each a sentence or two
	// Tab is the tab of the app in the Developer Portal that has the fix:
	// linkedin.TabAuth, or TabProducts for a permission no product gives.
	Tab string
}

// SignInStopHelp is the help for what the check saw, for a sign-in with
// the settings set.
func SignInStopHelp(c linkedin.SignInCheck, set oauthflow.Settings) SignInHelp {
	d := map[string]any{"URL": set.RedirectURL, "ClientID": set.ClientID, "Said": c.Said}
	found := func(title string, tab string, lines ...string) SignInHelp {
		return SignInHelp{Found: true, Title: title, Lines: lines, Tab: tab}
	}
	switch c.Stop {
	case linkedin.StopRedirectURL:
		return found(lang.X("signin.redirect.title", "LinkedIn does not know TokenDesk's redirect URL"), linkedin.TabAuth,
			lang.X("signin.redirect.cause", "Your browser shows LinkedIn's page \"The redirect_uri does not match the registered value\": {{.URL}} is not on your LinkedIn app's Auth tab exactly as it is.", d),
			lang.X("signin.redirect.fix", "On your app's Auth tab in the LinkedIn Developer Portal, add it under \"Authorized redirect URLs for your app\", character for character (a trailing slash, the port and http or https all count), press Update, and sign in again.", d))
	case linkedin.StopClientID:
		return found(lang.X("signin.client.title", "LinkedIn does not know this Client ID"), linkedin.TabAuth,
			lang.X("signin.client.cause", "Your browser shows LinkedIn's page \"The passed in client_id is invalid\": no LinkedIn app has the Client ID {{.ClientID}}.", d),
			lang.X("signin.client.fix", "Copy the Client ID from your app's Auth tab in the LinkedIn Developer Portal (not the Client secret, nor the app's name), and sign in again.", d))
	case linkedin.StopScope:
		msg, hint, _ := Explain(linkedin.NameTheProduct(c.Returned))
		return found(lang.X("signin.scope.title", "Your LinkedIn app lacks a product for a permission asked for"), linkedin.TabProducts, msg, hint)
	case linkedin.StopUnavailable:
		return found(lang.X("signin.down.title", "LinkedIn's sign-in is not working right now"), linkedin.TabAuth,
			lang.X("signin.down.cause", "LinkedIn answers with an error page of its own: the problem is on LinkedIn's side, not in your settings."),
			lang.X("signin.down.fix", "Wait a few minutes, then sign in again."))
	case linkedin.StopOther:
		return found(lang.X("signin.other.title", "LinkedIn stopped the sign-in on its own page"), linkedin.TabAuth,
			lang.X("signin.other.cause", "LinkedIn's page says: \"{{.Said}}\".", d),
			lang.X("signin.other.fix", "Check your app's Client ID, redirect URL and products in the LinkedIn Developer Portal, then sign in again."))
	}
	return SignInHelp{Title: lang.X("signin.maybe.title", "Is your browser showing an error from LinkedIn instead of its sign-in page?"), Tab: linkedin.TabAuth,
		Lines: []string{
			lang.X("signin.maybe.redirect", "\"The redirect_uri does not match the registered value\": add {{.URL}}, exactly as it is, under \"Authorized redirect URLs for your app\" on your app's Auth tab, and press Update.", d),
			lang.X("signin.maybe.client", "\"The passed in client_id is invalid\": copy the Client ID from your app's Auth tab again."),
			lang.X("signin.maybe.scope", "\"Scope … is not authorized for your application\": add the product that gives that permission on your app's Products tab, or ask for fewer permissions."),
			lang.X("signin.maybe.down", "\"Bummer, something went wrong\" with no reason, or a page saying LinkedIn is unavailable: the problem is on LinkedIn's side; wait a few minutes and sign in again."),
		}}
}
