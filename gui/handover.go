package gui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/linkedin"
)

// handover is a way to hand the token to another program: what other tools
// want pasted.
type handover struct {
	label string
	text  string
}

// handovers are the "Copy as…" choices for a token with those scopes: the
// header, the headers of LinkedIn's versioned REST APIs (LinkedIn-Version
// is required there, and a retired one is refused), and curl commands for
// the calls the token's products allow.
func handovers(token string, scopes []string, e linkedin.Endpoints, version string) []handover {
	out := []handover{
		{lang.X("handover.header", "Authorization header"), "Authorization: Bearer " + token},
		{lang.X("handover.rest_headers", "Headers for LinkedIn's REST APIs (version {{.Version}})", map[string]any{"Version": version}),
			"Authorization: Bearer " + token + "\nLinkedIn-Version: " + version + "\nX-Restli-Protocol-Version: 2.0.0"},
	}
	examples := e.Examples(scopes)
	if len(examples) == 0 { // permissions not known (an imported token): who it is
		examples = []linkedin.Example{{What: linkedin.ExampleWhoYouAre, Method: "GET", URL: e.UserinfoURL()}}
	}
	for _, x := range examples {
		out = append(out, handover{curlTitle(x.What), x.Curl(token, version)})
	}
	return out
}

// curlTitle names a curl command by what it asks LinkedIn.
func curlTitle(what linkedin.ExampleID) string {
	switch what {
	case linkedin.ExamplePages:
		return lang.X("handover.curl.pages", "curl command: the LinkedIn Pages you administer")
	case linkedin.ExampleAdAccounts:
		return lang.X("handover.curl.ad_accounts", "curl command: your ad accounts")
	}
	return lang.X("handover.curl.who_you_are", "curl command: who you are")
}

// apiVersionKey is the preference that holds a LinkedIn-Version the person
// chose; without it, the default follows today's date.
const apiVersionKey = "linkedin.version"

// apiVersion is the LinkedIn-Version the copied headers and commands carry.
func (u *UI) apiVersion() string {
	if v := u.app.Preferences().String(apiVersionKey); v != "" && linkedin.ValidAPIVersion(v, u.deps.Now()) == nil {
		return v
	}
	return linkedin.DefaultAPIVersion(u.deps.Now())
}

// askAPIVersion lets the person pick the LinkedIn-Version (YYYYMM) their
// tools use; empty goes back to the default.
func (u *UI) askAPIVersion() {
	now := u.deps.Now()
	u.askOne("LinkedIn-Version", lang.X("handover.version.use", "Use it"), lang.X("handover.version.label", "Version"), u.apiVersion(),
		lang.X("handover.version.note", "LinkedIn's REST APIs want the month of the version your calls follow, as YYYYMM. Each version works for at least a year. Leave it empty for TokenDesk's choice, {{.Default}}.",
			map[string]any{"Default": linkedin.DefaultAPIVersion(now)}),
		func(v string) error {
			if strings.TrimSpace(v) == "" {
				return nil
			}
			return linkedin.ValidAPIVersion(strings.TrimSpace(v), now)
		}, func(v string) {
			u.app.Preferences().SetString(apiVersionKey, v)
		})
}
