package gui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/words"
)

func TestHandovers(t *testing.T) {
	e := linkedin.Endpoints{}
	for _, tc := range []struct {
		name   string
		scopes []string
		want   []string
	}{
		{"sign in only", []string{"openid", "profile", "email"}, []string{
			"Authorization: Bearer AQVtok",
			"Authorization: Bearer AQVtok\nLinkedIn-Version: 202509\nX-Restli-Protocol-Version: 2.0.0",
			"curl -H 'Authorization: Bearer AQVtok' 'https://api.linkedin.com/v2/userinfo'",
		}},
		{"permissions not known", nil, []string{
			"Authorization: Bearer AQVtok",
			"Authorization: Bearer AQVtok\nLinkedIn-Version: 202509\nX-Restli-Protocol-Version: 2.0.0",
			"curl -H 'Authorization: Bearer AQVtok' 'https://api.linkedin.com/v2/userinfo'",
		}},
		{"community management", []string{"rw_organization_admin", "w_organization_social", "r_organization_social", "w_member_social"}, []string{
			"Authorization: Bearer AQVtok",
			"Authorization: Bearer AQVtok\nLinkedIn-Version: 202509\nX-Restli-Protocol-Version: 2.0.0",
			"curl -H 'Authorization: Bearer AQVtok' -H 'LinkedIn-Version: 202509' -H 'X-Restli-Protocol-Version: 2.0.0' 'https://api.linkedin.com/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED'",
		}},
	} {
		got := []handover{}
		for _, h := range handovers("AQVtok", tc.scopes, linkedin.Authors{}, nil, e, "202509") {
			if len(h.menu) == 0 { // the programs: TestHandoverPrograms
				got = append(got, h)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d choices %v; want %d", tc.name, len(got), got, len(tc.want))
			continue
		}
		for i := range got {
			if got[i].text != tc.want[i] {
				t.Errorf("%s: %s = %q\nwant %q", tc.name, got[i].label, got[i].text, tc.want[i])
			}
		}
	}
}

// The programs, per language in a submenu of their own, twice: reading
// the token from LINKEDIN_ACCESS_TOKEN, and with the token written in. Who
// you are, and a post as each author the token can post as; nothing to
// post as without its products, nor as a member not known.
func TestHandoverPrograms(t *testing.T) {
	e := linkedin.Endpoints{}
	cm := []string{"openid", "profile", "rw_organization_admin", "w_organization_social", "r_organization_social", "w_member_social"}
	ada := linkedin.Authors{MemberID: "782bbtaQ", Pages: []string{"urn:li:organization:2414183"}}
	for _, tc := range []struct {
		name    string
		scopes  []string
		authors linkedin.Authors
		want    []string // the programs, in each submenu
	}{
		{"sign in only", []string{"openid", "profile", "email"}, ada, []string{"Who you are"}},
		{"permissions not known: who it is", nil, ada, []string{"Who you are"}},
		{"Share on LinkedIn, the member not known yet", []string{"openid", "profile", "w_member_social"}, linkedin.Authors{}, []string{"Who you are"}},
		{"Share on LinkedIn", []string{"openid", "profile", "w_member_social"}, ada, []string{"Who you are", "Post as you"}},
		{"community management with a Page", cm, ada, []string{"Who you are", "Post as you", "Post as your Page 2414183"}},
	} {
		menus := map[string][]string{}
		for _, h := range handovers("AQVtok", tc.scopes, tc.authors, nil, e, "202509") {
			if len(h.menu) == 0 {
				continue
			}
			path := strings.Join(h.menu, " > ")
			menus[path] = append(menus[path], h.label)
			inline := h.menu[len(h.menu)-1] == "Token written into the code"
			if inline != strings.Contains(h.text, `"AQVtok"`) || inline == strings.Contains(h.text, linkedin.EnvAccessToken) {
				t.Errorf("%s: %s > %s:\n%s", tc.name, path, h.label, h.text)
			}
			if h.label == "Post as you" && !strings.Contains(h.text, `"urn:li:person:782bbtaQ"`) ||
				strings.Contains(h.label, "Page") && !strings.Contains(h.text, `"urn:li:organization:2414183"`) {
				t.Errorf("%s: %s does not post as its author:\n%s", tc.name, h.label, h.text)
			}
		}
		var paths []string
		for _, l := range []string{"Python (requests)", "JavaScript (fetch, Node.js 18+)"} {
			for _, v := range []string{"Token from LINKEDIN_ACCESS_TOKEN", "Token written into the code"} {
				path := l + " > " + v
				paths = append(paths, path)
				if !slices.Equal(menus[path], tc.want) {
					t.Errorf("%s: %s offers %q; want %q", tc.name, path, menus[path], tc.want)
				}
			}
		}
		if len(menus) != len(paths) {
			t.Errorf("%s: submenus %v; want %v", tc.name, menus, paths)
		}
	}
}

// The LinkedIn-Version follows today's date until the person picks one; a
// version that is not one is not kept.
func TestAPIVersionPreference(t *testing.T) {
	a := test.NewTempApp(t)
	u := &UI{app: a, deps: Deps{Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }}}
	if got, want := u.apiVersion(), linkedin.DefaultAPIVersion(u.deps.Now()); got != want {
		t.Errorf("default version %s; want %s", got, want)
	}
	a.Preferences().SetString(apiVersionKey, "202511")
	if got := u.apiVersion(); got != "202511" {
		t.Errorf("chosen version %s; want 202511", got)
	}
	a.Preferences().SetString(apiVersionKey, "209913")
	if got := u.apiVersion(); got != linkedin.DefaultAPIVersion(u.deps.Now()) {
		t.Errorf("an impossible version %s was used", got)
	}
}

// The LinkedIn-Version dialog takes a valid version on Enter, refuses one
// that is not, and Escape leaves the choice as it was.
func TestAPIVersionDialog(t *testing.T) {
	h := newHarness(t)
	enter, escape := &fyne.KeyEvent{Name: fyne.KeyReturn}, &fyne.KeyEvent{Name: fyne.KeyEscape}
	h.ui.askAPIVersion()
	h.settle()
	h.dialogEntry().SetText("209913")
	h.ui.dialogKey(enter)
	if v := h.app.Preferences().String(apiVersionKey); v != "" || h.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("an impossible version was taken (%q), or the dialog closed", v)
	}
	h.dialogEntry().SetText(" 202511 ")
	h.ui.dialogKey(enter)
	h.settle()
	h.assertNoDialog()
	if v := h.ui.apiVersion(); v != "202511" {
		t.Fatalf("version after Enter = %q; want 202511", v)
	}
	h.ui.askAPIVersion()
	h.settle()
	h.dialogEntry().SetText("202401")
	h.ui.dialogKey(escape)
	h.settle()
	h.assertNoDialog()
	if v := h.ui.apiVersion(); v != "202511" {
		t.Errorf("Escape changed the version to %q", v)
	}
}

// Every submenu of programs fits the window at its default size (a
// submenu wider than the window would be cut), in every language, with
// the longest titles: a post as a Page with a long ID, and one with a long
// name (cut short).
func TestProgramMenusFitEveryLanguage(t *testing.T) {
	test.NewTempApp(t)
	scopes := []string{"openid", "profile", "w_member_social", "w_organization_social", "rw_organization_admin"}
	authors := linkedin.Authors{MemberID: "782bbtaQ", Pages: []string{"urn:li:organization:2414183", "urn:li:organization:105843210"}}
	pageNames := map[string]string{"urn:li:organization:2414183": "Wunderbare Marketingagentur für Kommunikation GmbH & Co. KG"}
	for _, l := range words.Languages {
		t.Run(l.Tag, func(t *testing.T) {
			inLanguage(t, l.Tag)
			var check func(m *fyne.Menu, depth int) int
			check = func(m *fyne.Menu, depth int) int {
				if w := widget.NewMenu(m).MinSize().Width; w > defaultWidth {
					t.Errorf("the submenu %q needs %.0f; the window is %d wide", m.Label, w, defaultWidth)
				}
				n := 0
				for _, it := range m.Items {
					if it.ChildMenu != nil {
						it.ChildMenu.Label = it.Label // for the message
						n += 1 + check(it.ChildMenu, depth+1)
					}
				}
				return n
			}
			if n := check(handoverMenu(handovers("AQVtok", scopes, authors, pageNames, linkedin.Endpoints{}, "202609"), nil), 0); n != 6 {
				t.Errorf("%d submenus; want a language's and its two, twice", n)
			}
		})
	}
}
