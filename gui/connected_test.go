package gui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
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
	h.fillForm(h.redirect)
	h.ui.setup.products.check("share").SetChecked(true) // w_member_social: a post as the member
	test.Tap(h.ui.setup.connect)
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	h.settle()
	h.assertConnected()
	token := h.fake.Issued()[0].AccessToken
	c := h.ui.connected
	test.Tap(c.copyAs)
	menu := h.win.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("no Copy as… menu")
	}
	var curl handover
	for _, hv := range c.handovers() {
		c.copyAsNow(hv)
		h.settle()
		// Each holds the token, but a program that reads it from the
		// environment, which holds none.
		got := h.app.Clipboard().Content()
		fromEnv := slices.Contains(hv.menu, "Token from LINKEDIN_ACCESS_TOKEN")
		if got != hv.text || strings.Contains(got, token) == fromEnv || fromEnv != strings.Contains(got, linkedin.EnvAccessToken) {
			t.Errorf("%v %s copied a text that does not say where the token is (%d bytes)", hv.menu, hv.label, len(got))
		}
		if strings.HasPrefix(hv.text, "curl ") {
			curl = hv
		}
	}
	// The menu: the programs in a submenu per language, the member's ID
	// (learned when LinkedIn said who is connected) as the author of a
	// post as them.
	fromEnv := item(t, c.copyAsMenu(), "Python (requests)", "Token from LINKEDIN_ACCESS_TOKEN")
	var labels []string
	for _, it := range fromEnv.ChildMenu.Items {
		labels = append(labels, it.Label)
	}
	if !slices.Equal(labels, []string{"Who you are", "Post as you"}) {
		t.Errorf("the Python submenu offers %q (%v)", labels, h.fake.Issued()[0].Scopes)
	}
	fromEnv.ChildMenu.Items[1].Action()
	h.settle()
	if got := h.app.Clipboard().Content(); !strings.Contains(got, `"urn:li:person:`+fakelinkedin.DefaultMember.Sub+`"`) {
		t.Errorf("the post as the member is not theirs: %q", got)
	}
	fromEnv.ChildMenu.Items[0].Action()
	h.settle()
	if got := h.app.Clipboard().Content(); !strings.Contains(got, "import requests") || !strings.Contains(got, h.fake.APIURL()+"/v2/userinfo") {
		t.Errorf("the first Python program does not ask userinfo: %q", got)
	}
	c.copyAsNow(curl)
	h.settle()
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

// item is the menu item at path in m, each but the last a submenu.
func item(t *testing.T, m *fyne.Menu, path ...string) *fyne.MenuItem {
	t.Helper()
	for i, label := range path {
		var found *fyne.MenuItem
		for _, it := range m.Items {
			if it.Label == label {
				found = it
			}
		}
		if found == nil || i < len(path)-1 && found.ChildMenu == nil {
			t.Fatalf("no %q in the menu (%v)", label, path)
		}
		if i == len(path)-1 {
			return found
		}
		m = found.ChildMenu
	}
	return nil
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
