package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

func TestClosingTheWindowStopsTheSignIn(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(h.redirect)
	h.closeWindow()
	assertPortFree(t, h.port)
	if saved := h.loadStore(); saved.Settings.ClientSecret != testClientSecret {
		t.Error("closing the window lost the form")
	}
}

// assertBanner checks the form shows the error's words, keeps what was
// typed, and lets the person try again.
// sampleError is the engine's words for a kind, where they do not depend
// on the situation.

func TestTokenShownAfterRestart(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.restart()
	if h.showing() != h.ui.connected.content || h.ui.state.token.AccessToken != h.fake.Issued()[0].AccessToken {
		t.Error("the saved token is not shown after a restart")
	}
	test.Tap(h.ui.connected.again)
	h.settle()
	h.assertForm()
	if h.ui.setup.clientID.Text != testClientID {
		t.Error("Connect again lost the form")
	}
}

func TestWindowRemembersItsSize(t *testing.T) {
	h := newHarness(t)
	h.win.Resize(fyne.NewSize(700, 720))
	h.closeWindow()
	p := h.app.Preferences()
	if p.Float("window.width") != 700 || p.Float("window.height") != 720 {
		t.Errorf("saved size %v x %v", p.Float("window.width"), p.Float("window.height"))
	}
	if got := h.ui.savedSize(); got != fyne.NewSize(700, 720) {
		t.Errorf("savedSize = %v", got)
	}
}

func TestDamagedSettingsAreExplainedAtStart(t *testing.T) {
	h := newHarness(t)
	h.closeWindow()
	if err := os.WriteFile(filepath.Join(h.dir, "settings.json"), []byte(`{"client_id": `), 0o600); err != nil {
		t.Fatal(err)
	}
	// Its copy gone too (with a whole copy, nothing is lost to explain:
	// store's TestDamagedSettingsComeBackFromTheCopy).
	_ = os.Remove(filepath.Join(h.dir, "connections.json"))
	h.start()
	if text := h.dialogText(); !strings.Contains(text, "damaged") || !strings.Contains(text, "settings.json.bak") {
		t.Errorf("start-up dialog: %q", text)
	}
	if h.ui.setup.redirect.Text != oauthflow.DefaultRedirectURL {
		t.Error("the form did not start from the defaults")
	}
}

func TestExpiringToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	// Three days before the token's end, TokenDesk starts again.
	h.restartWithExpiry(testNow.Add(3*24*time.Hour + time.Hour))
	c := h.ui.connected
	if !c.renewBox.Visible() || !strings.Contains(c.expiring.Text, "Valid for 3 more days") {
		t.Errorf("no expiry warning: %q", c.expiring.Text)
	}
	sent := h.notifications()
	if len(sent) != 1 || !strings.Contains(sent[0].Content, "Valid for 3 more days") {
		t.Fatalf("notifications = %+v", sent)
	}
	// One click: straight to the browser, with the saved settings.
	c.renewBox.Objects[1].(*widget.Button).OnTapped()
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	h.settle()
	h.assertConnected()
	if c.renewBox.Visible() {
		t.Error("the warning stays after reconnecting")
	}
	if len(h.fake.Issued()) != 2 {
		t.Error("no new token")
	}
}

func TestNoNotificationForAFreshToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.restart()
	if n := h.notifications(); len(n) != 0 {
		t.Errorf("notifications for a 60-day token: %+v", n)
	}
	if h.ui.connected.renewBox.Visible() {
		t.Error("expiry warning for a 60-day token")
	}
}

func TestQuietCheckAtStart(t *testing.T) {
	t.Run("revoked", func(t *testing.T) {
		h := newHarness(t)
		h.connect()
		h.fake.Revoke(h.fake.Issued()[0].AccessToken)
		h.restart()
		h.settle()
		assertRejected(t, h) // the banner says it, with Connect again
	})
	t.Run("active: nothing to say", func(t *testing.T) {
		h := newHarness(t)
		h.connect()
		h.restart()
		h.settle()
		if c := h.ui.connected; c.checked.Visible() {
			t.Errorf("a quiet check spoke: %q", c.checked.Text)
		}
	})
	t.Run("imported token learns its expiry", func(t *testing.T) {
		h := newHarness(t)
		token := h.fake.Issue(testClientID, []string{"openid", "profile", "email"})
		h.ui.importData("credentials.json", []byte(`{"client_id": "`+testClientID+`", "client_secret": "`+testClientSecret+`", "redirect_uri": "`+h.redirect+`", "access_token": "`+token+`"}`))
		h.settle() // the import, and the quiet check of the imported token at once
		h.assertConnected()
		c := h.ui.connected
		if strings.HasPrefix(c.expiry.Text, "Expiry unknown") || c.scopes.Text != "openid, profile, email" {
			t.Errorf("after the check: %q, %q", c.expiry.Text, c.scopes.Text)
		}
		if saved := h.loadStore(); saved.Token == nil || saved.Token.ExpiresAt.IsZero() {
			t.Error("the learned expiry is not saved")
		}
		h.restart()
		if c := h.ui.connected; strings.HasPrefix(c.expiry.Text, "Expiry unknown") {
			t.Errorf("after a restart: %q", c.expiry.Text)
		}
	})
}

func TestAutoRenewAtStart(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	tok := h.restartWithExpiry(testNow.Add(2 * 24 * time.Hour))
	h.settle()
	c := h.ui.connected
	if c.token().AccessToken == tok.AccessToken || !strings.Contains(c.checked.Text, "Renewed automatically") {
		t.Errorf("not renewed: %q", c.checked.Text)
	}
	if c.renewBox.Visible() {
		t.Error("the expiry warning stays after renewing")
	}
	if n := h.notifications(); len(n) != 0 {
		t.Errorf("a notification about a token that was renewed: %+v", n)
	}
}

// The window's side of issue #9: nothing the person trusted TokenDesk with
// is lost or brought back behind their back.
// TestLockedKeychainLosesNothing: the keychain cannot be read at start (it
// is locked). The window says so, with Retry, and shows no token; closing
// it keeps the saved client secret and token (it used to delete the
// secret); Retry after unlocking brings both back.

func TestLockedKeychainLosesNothing(t *testing.T) {
	h := newHarness(t)
	h.connect()
	token := h.ui.state.token.AccessToken

	k := &lockableKeyring{base: h.keyring}
	k.locked.Store(true)
	h.appKeyring = k
	h.restart()
	s := h.ui.setup
	if h.showing() != s.content || !s.banner.content.Visible() || !s.banner.action.Visible() || s.banner.action.Text != "Retry" ||
		!strings.Contains(s.banner.message.Text, "could not read") {
		t.Fatalf("a locked keychain is not explained with Retry: %q", s.banner.message.Text)
	}
	if s.secret.Text != "" || !strings.Contains(s.secret.PlaceHolder, "could not be read") {
		t.Errorf("secret field %q, placeholder %q", s.secret.Text, s.secret.PlaceHolder)
	}

	h.closeWindow() // saves the form, whose secret is empty
	saved := h.loadStore()
	if saved.Settings.ClientSecret != testClientSecret || saved.Token == nil || saved.Token.AccessToken != token {
		t.Fatalf("closing the window with a locked keychain lost what was saved: secret kept %v, token kept %v",
			saved.Settings.ClientSecret == testClientSecret, saved.Token != nil)
	}

	h.start() // still locked
	k.locked.Store(false)
	test.Tap(h.ui.setup.banner.action)
	h.settle()
	if h.showing() != h.ui.connected.content || h.ui.state.token.AccessToken != token {
		t.Fatal("Retry after unlocking does not show the saved token")
	}
	if h.ui.setup.secret.Text != testClientSecret || h.ui.setup.banner.content.Visible() {
		t.Errorf("after Retry: secret filled %v, banner shown %v", h.ui.setup.secret.Text == testClientSecret, h.ui.setup.banner.content.Visible())
	}
}

// TestRenewAfterClearDoesNotBringItBack: a renewal still on its way when
// the person presses Clear ends after it, and must not save its token.
// TestFirstStartWithoutKeychain: no dialog greets the person before they
// typed anything; the secret field says where the secret will be kept,
// once.
// TestDialogsAnswerEnterAndEscape: every dialog takes Enter for its
// default action and Escape for cancel.

// A token LinkedIn's Token Inspector no longer accepts is said in the
// window's language, as the command line says it (words.Rejected), not in
// the English of the linkedin package.
func TestRejectedTokenInTheWindowsLanguage(t *testing.T) {
	inLanguage(t, "de")
	h := newHarness(t)
	h.connect()
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	h.restart()
	h.settle()
	want, _ := words.Rejected(connection.RejectedRevoked)
	c := h.ui.connected
	if !c.rejectedBox.Visible() || !strings.Contains(c.rejectedText.Text, want) || strings.Contains(c.rejectedText.Text, "LinkedIn says") {
		t.Errorf("the banner at start = %q, want it to say %q", c.rejectedText.Text, want)
	}
	if !strings.Contains(c.expiry.Text, want) {
		t.Errorf("the expiry line = %q, want it to say %q", c.expiry.Text, want)
	}
}
