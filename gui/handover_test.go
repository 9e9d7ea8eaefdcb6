package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/linkedin"
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
		got := handovers("AQVtok", tc.scopes, e, "202509")
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
