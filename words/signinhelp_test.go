package words

import (
	"strings"
	"testing"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// Each thing LinkedIn's page can say has its own words, in every
// language, naming what the person has to fix; nothing seen gives the
// likely causes.
func TestSignInStopHelp(t *testing.T) {
	set := oauthflow.Settings{ClientID: "78abcdef", RedirectURL: "http://localhost:8765/callback"}
	scope := linkedin.ReadSignInAnswer("https://www.linkedin.com/oauth/v2/authorization?redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcallback", 302,
		"http://localhost:8765/callback?error=unauthorized_scope_error&error_description=Scope+%22w_member_social%22+is+not+authorized+for+your+application", nil)
	cases := []struct {
		check linkedin.SignInCheck
		found bool
		names []string // in every language
		tab   string
	}{
		{linkedin.SignInCheck{Stop: linkedin.StopRedirectURL}, true, []string{set.RedirectURL, "The redirect_uri does not match the registered value", "Authorized redirect URLs for your app"}, linkedin.TabAuth},
		{linkedin.SignInCheck{Stop: linkedin.StopClientID}, true, []string{set.ClientID, "The passed in client_id is invalid"}, linkedin.TabAuth},
		{scope, true, []string{"w_member_social", "Share on LinkedIn"}, linkedin.TabProducts},
		{linkedin.SignInCheck{Stop: linkedin.StopUnavailable}, true, nil, linkedin.TabAuth},
		{linkedin.SignInCheck{Stop: linkedin.StopOther, Said: "Invalid response_type"}, true, []string{"Invalid response_type"}, linkedin.TabAuth},
		{linkedin.SignInCheck{AppID: "42"}, false, []string{set.RedirectURL, "The redirect_uri does not match", "client_id is invalid", "is not authorized for your application", "Bummer"}, linkedin.TabAuth},
	}
	t.Cleanup(func() { Use("en") })
	english := map[int]SignInHelp{}
	for _, l := range Languages {
		Use(l.Tag)
		for i, c := range cases {
			got := SignInStopHelp(c.check, set)
			all := got.Title + "\n" + strings.Join(got.Lines, "\n")
			if got.Found != c.found || got.Tab != c.tab || got.Title == "" || len(got.Lines) < 2 || strings.Contains(all, "{{") || strings.Contains(all, "<no value>") {
				t.Errorf("%s: %q: %+v", l.Tag, c.check.Stop, got)
			}
			for _, n := range c.names {
				if !strings.Contains(all, n) {
					t.Errorf("%s: %q: the help does not name %q: %q", l.Tag, c.check.Stop, n, all)
				}
			}
			if l.Tag == "en" {
				english[i] = got
			} else if got.Title == english[i].Title {
				t.Errorf("%s: %q: still in English: %q", l.Tag, c.check.Stop, got.Title)
			}
		}
	}
}
