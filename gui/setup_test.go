package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/tokendesk/tokendesk/oauthflow"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInvalidFormKeepsConnectDisabled(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(s *setupScreen)
		field oauthflow.Field
		says  string
	}{
		{"empty client ID", func(s *setupScreen) { s.clientID.SetText("x"); s.clientID.SetText("") }, oauthflow.FieldClientID, "Client ID is empty"},
		{"https on localhost", func(s *setupScreen) { s.redirect.SetText("https://localhost:8765/callback") }, oauthflow.FieldRedirectURL, "cannot receive https://"},
		{"no permission", func(s *setupScreen) { s.products.check("openid-connect").SetChecked(false) }, oauthflow.FieldScopes, "at least one"},
		{"retired scope", func(s *setupScreen) { test.Type(s.products.other, "r_liteprofile") }, oauthflow.FieldScopes, "retired"},
		{"redirect with #", func(s *setupScreen) { test.Type(s.redirect, "#x") }, oauthflow.FieldRedirectURL, "#"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			s := h.ui.setup
			h.fillForm(h.redirect)
			tt.edit(s)
			if !s.connect.Disabled() {
				t.Error("Connect is enabled for an invalid form")
			}
			label := s.problems[tt.field]
			if !label.Visible() || !strings.Contains(label.Text, tt.says) {
				t.Errorf("problem under %s = %q (visible %v), want %q", tt.field, label.Text, label.Visible(), tt.says)
			}
			// Enter does not submit an invalid form either.
			s.clientID.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if h.ui.state.signIn != nil || h.showing() != s.content {
				t.Error("an invalid form started a sign-in")
			}
		})
	}
}

func TestUntouchedFieldsAreNotRed(t *testing.T) {
	h := newHarness(t)
	for f, l := range h.ui.setup.problems {
		if l.Visible() {
			t.Errorf("%s shows %q before the person typed anything", f, l.Text)
		}
	}
	if !h.ui.setup.connect.Disabled() {
		t.Error("Connect enabled on an empty form")
	}
}

func TestEnterSubmits(t *testing.T) {
	h := newHarness(t)
	h.fillForm(h.redirect)
	h.ui.setup.secret.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	h.settle()
	h.assertConnected()
}

func TestFieldsAreRemembered(t *testing.T) {
	h := newHarness(t)
	h.fillForm(pasteRedirect)
	h.ui.setup.products.check("share").SetChecked(true)
	test.Type(h.ui.setup.products.other, "r_organization_social")
	h.closeWindow()

	h.start() // a new run of the app
	s := h.ui.setup
	if s.clientID.Text != testClientID || s.secret.Text != testClientSecret || s.redirect.Text != pasteRedirect ||
		!s.products.check("openid-connect").Checked || !s.products.check("share").Checked || s.products.other.Text != "r_organization_social" {
		t.Errorf("form after restart: %q %q %q %v %v %q", s.clientID.Text, s.secret.Text, s.redirect.Text, s.products.check("openid-connect").Checked, s.products.check("share").Checked, s.products.other.Text)
	}
	if h.win.Canvas().Focused() != s.connect {
		t.Error("with every field filled, the Connect button should have the focus")
	}
}

func TestTabOrderIsTopToBottom(t *testing.T) {
	h := newHarness(t)
	s := h.ui.setup
	c := h.win.Canvas()
	c.Focus(s.clientID)
	want := []fyne.Focusable{s.secret, s.redirect, s.copyURL, s.products.check("openid-connect"), s.products.check("share"), s.products.vettedOpen, s.products.other}
	for _, next := range want {
		// Skip what sits between (the secret's show/hide toggle, links).
		for i := 0; i < 4 && c.Focused() != next; i++ {
			c.FocusNext()
		}
		if c.Focused() != next {
			t.Fatalf("Tab did not reach %T next", next)
		}
	}
}

func TestScopeChangeWarning(t *testing.T) {
	h := newHarness(t)
	h.connect()
	test.Tap(h.ui.connected.again)
	h.settle()
	h.assertForm()
	s := h.ui.setup
	if s.scopeChange.Visible() {
		t.Error("warning shown with the same permissions")
	}
	s.products.check("share").SetChecked(true)
	if !s.scopeChange.Visible() || !strings.Contains(s.scopeChange.Text, "stop accepting your current token") {
		t.Errorf("no warning after changing the permissions: %q", s.scopeChange.Text)
	}
	s.products.check("share").SetChecked(false)
	if s.scopeChange.Visible() {
		t.Error("warning stays after changing them back")
	}
}

func TestFirstStartWithoutKeychain(t *testing.T) {
	h := newHarness(t)
	h.closeWindow()
	if err := os.WriteFile(filepath.Join(h.dir, "settings.json"), []byte(`{"version":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	h.appKeyring = noKeyring{}
	h.start()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog greets the first start: %q", h.dialogText())
	}
	note := h.ui.setup.secretNote
	if !note.Visible() || !strings.Contains(note.Text, "no keychain") || !strings.Contains(note.Text, "secrets.json") {
		t.Fatalf("the secret field does not say where the secret goes: %q", note.Text)
	}
	h.restart()
	if h.ui.setup.secretNote.Visible() {
		t.Error("the note is said again at the next start")
	}
}
