package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/words"
)

func TestConnectCopyClear(t *testing.T) {
	h := newHarness(t)
	s := h.ui.setup
	if h.win.Canvas().Focused() != s.clientID {
		t.Error("the cursor is not in the first empty field")
	}
	h.fillForm(h.redirect)
	if s.connect.Disabled() {
		t.Fatal("Connect is disabled for a valid form")
	}
	test.Tap(s.connect)
	h.settle()
	if h.showing() != h.ui.waiting.content {
		t.Fatal("not on the waiting screen")
	}
	page := <-h.signIn()
	h.settle()
	h.assertConnected()
	if !strings.Contains(page.Body, "connected") {
		t.Errorf("browser page: %q", page.Body)
	}

	issued := h.fake.Issued()
	if len(issued) != 1 {
		t.Fatalf("%d tokens issued", len(issued))
	}
	token := issued[0].AccessToken
	c := h.ui.connected
	if h.showing() != c.content {
		t.Fatal("not on the connected screen")
	}
	if c.tokenText.Text != words.MaskToken(token) || strings.Contains(c.tokenText.Text, token[6:len(token)-4]) {
		t.Errorf("token shown as %q, want it masked", c.tokenText.Text)
	}
	if c.expiry.Text != "Valid for 60 more days, until 21 Jan 2027." {
		t.Errorf("expiry = %q", c.expiry.Text)
	}
	if c.scopes.Text != "email, openid, profile" {
		t.Errorf("scopes = %q", c.scopes.Text)
	}

	test.Tap(c.copyToken)
	h.settle()
	if got := h.app.Clipboard().Content(); got != token {
		t.Errorf("clipboard has %.20q…, want the token", got)
	}
	if c.copyToken.Text != "Copied" {
		t.Errorf("no Copied confirmation: %q", c.copyToken.Text)
	}
	test.Tap(c.reveal)
	h.settle()
	if c.tokenText.Text != token {
		t.Error("Reveal does not show the token")
	}

	// The token survives a restart.
	if saved := h.loadStore(); saved.Token == nil || saved.Token.AccessToken != token || saved.Settings.ClientSecret != testClientSecret {
		t.Fatalf("store after connecting: %+v", saved)
	}

	test.Tap(c.clear)
	h.settle()
	if !strings.Contains(h.dialogText(), "Clear the token?") {
		t.Fatalf("no confirmation: %q", h.dialogText())
	}
	h.tapDialogButton("Clear")
	h.settle()
	if h.showing() != s.content {
		t.Error("not back on the form")
	}
	if h.app.Clipboard().Content() != "" {
		t.Error("the token is still in the clipboard")
	}
	if saved := h.loadStore(); saved.Token != nil || saved.Settings.ClientID != testClientID {
		t.Errorf("store after Clear: %+v", saved)
	}
	if s.clientID.Text != testClientID || s.secret.Text != testClientSecret {
		t.Error("Clear emptied the form")
	}
}

func TestCopyAs(t *testing.T) {
	h := newHarness(t)
	h.connect()
	token := h.fake.Issued()[0].AccessToken
	c := h.ui.connected
	test.Tap(c.copyAs)
	menu := h.win.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("no Copy as… menu")
	}
	for _, hv := range c.handovers() {
		c.copyAsNow(hv)
		h.settle()
		if got := h.app.Clipboard().Content(); got != hv.text || !strings.Contains(got, "Bearer "+token) {
			t.Errorf("%s copied %.60q", hv.label, got)
		}
	}
	if got := h.app.Clipboard().Content(); !strings.Contains(got, h.fake.APIURL()+"/v2/userinfo") {
		t.Errorf("the curl command does not call userinfo: %q", got)
	}
	// Clear also empties a clipboard holding the token in another form.
	test.Tap(c.clear)
	h.settle()
	h.assertDialog("Clear the token?")
	h.tapDialogButton("Clear")
	h.settle()
	if h.app.Clipboard().Content() != "" {
		t.Error("the curl command with the token is still in the clipboard")
	}
	if text := h.dialogText(); !strings.Contains(text, "Permitted services") || !strings.Contains(text, "keeps working until it expires") {
		t.Errorf("after Clear: %q", text)
	}
}

func TestExpiryCountsDown(t *testing.T) {
	h := newHarness(t)
	h.connect()
	c := h.ui.connected
	clock := testNow
	h.ui.deps.Now = func() time.Time { return clock } // read on the test goroutine only
	h.ui.recountEvery = 10 * time.Millisecond
	c.present()
	clock = testNow.Add(58 * 24 * time.Hour)
	h.awaitState("the expiry counted down", func() bool { return strings.HasPrefix(c.expiry.Text, "Valid for 2 more days") })
	if !strings.HasPrefix(c.expiry.Text, "Valid for 2 more days") || !c.renewBox.Visible() {
		t.Errorf("after 58 days: %q, warning %v", c.expiry.Text, c.renewBox.Visible())
	}
	h.ui.recountEvery = 0
	c.present() // stops the countdown before the test's clock goes away
}
