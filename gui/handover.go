package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/linkedin"
)

// handover is a way to hand the token to another program: what other tools
// want pasted.
type handover struct {
	menu  []string // the submenus it is in, outermost first: none for the menu itself
	label string
	text  string
}

// handovers are the "Copy as…" choices for a token with those scopes: the
// header, the headers of LinkedIn's versioned REST APIs (LinkedIn-Version
// is required there, and a retired one is refused), curl commands for the
// calls the token's products allow, and, per language, programs that run
// as pasted: who you are, and a post as the authors the token can post as.
// The programs are in a submenu per language, which holds them twice, in a
// submenu each: reading the token from LINKEDIN_ACCESS_TOKEN, and with the
// token written in. Nested, every title is short enough for the window in
// every language, and says which of the two it is. pageNames are the
// names of the Pages in authors by URN, where known.
func handovers(token string, scopes []string, authors linkedin.Authors, pageNames map[string]string, e linkedin.Endpoints, version string) []handover {
	out := []handover{
		{label: lang.X("handover.header", "Authorization header"), text: "Authorization: Bearer " + token},
		{label: lang.X("handover.rest_headers", "Headers for LinkedIn's REST APIs (version {{.Version}})", map[string]any{"Version": version}),
			text: "Authorization: Bearer " + token + "\nLinkedIn-Version: " + version + "\nX-Restli-Protocol-Version: 2.0.0"},
	}
	examples := e.Examples(scopes)
	if len(examples) == 0 { // permissions not known (an imported token): who it is
		examples = []linkedin.Example{{What: linkedin.ExampleWhoYouAre, Method: "GET", URL: e.UserinfoURL()}}
	}
	for _, x := range examples {
		out = append(out, handover{label: curlTitle(x.What), text: x.Curl(token, version)})
	}
	programs := e.CodeExamples(scopes, authors, lang.X("handover.code.post_text", "Hello from the LinkedIn API!"))
	if len(scopes) == 0 { // as for curl: who it is
		programs = append([]linkedin.Example{{What: linkedin.ExampleWhoYouAre, Method: "GET", URL: e.UserinfoURL()}}, programs...)
	}
	for _, l := range linkedin.CodeLanguages {
		language := lang.X("handover.code.python", "Python (requests)")
		if l == linkedin.JavaScript {
			language = lang.X("handover.code.javascript", "JavaScript (fetch, Node.js 18+)")
		}
		fromEnv := []string{language, lang.X("handover.code.from_env", "Token from LINKEDIN_ACCESS_TOKEN")}
		for _, x := range programs {
			out = append(out, handover{menu: fromEnv, label: codeTitle(x, pageNames), text: x.Code(l, "", version)})
		}
		inline := []string{language, lang.X("handover.code.inline", "Token written into the code")}
		for _, x := range programs {
			out = append(out, handover{menu: inline, label: codeTitle(x, pageNames), text: x.Code(l, token, version)})
		}
	}
	return out
}

// handoverMenu is the menu of hs, each in its submenus, which pick copies.
func handoverMenu(hs []handover, pick func(handover)) *fyne.Menu {
	root := fyne.NewMenu("")
	for _, h := range hs {
		m := root
		for _, label := range h.menu {
			m = submenu(m, label)
		}
		m.Items = append(m.Items, fyne.NewMenuItem(h.label, func() { pick(h) }))
	}
	return root
}

// submenu is m's submenu titled label, added at its end when it has none.
func submenu(m *fyne.Menu, label string) *fyne.Menu {
	for _, it := range m.Items {
		if it.Label == label && it.ChildMenu != nil {
			return it.ChildMenu
		}
	}
	it := fyne.NewMenuItem(label, nil)
	it.ChildMenu = fyne.NewMenu("")
	m.Items = append(m.Items, it)
	return it.ChildMenu
}

// pageNameRunes is as much of a Page's name as a menu title holds: the
// menu must fit the window (TestProgramMenusFitEveryLanguage).
const pageNameRunes = 28

// codeTitle names a program by what it does; a post as a Page by the
// Page's name in pageNames, or its ID.
func codeTitle(x linkedin.Example, pageNames map[string]string) string {
	switch x.What {
	case linkedin.ExamplePostAsMember:
		return lang.X("handover.code.post_as_member", "Post as you")
	case linkedin.ExamplePostAsPage:
		page := ""
		if x.Post != nil {
			page = linkedin.OrganizationID(x.Post.Author)
			if name := strings.TrimSpace(pageNames[x.Post.Author]); name != "" {
				page = shorten(name, pageNameRunes)
			}
		}
		return lang.X("handover.code.post_as_page", "Post as your Page {{.Page}}", map[string]any{"Page": page})
	}
	return lang.X("handover.code.who_you_are", "Who you are")
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

// shorten is s cut to at most n runes, an ellipsis saying it was cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
