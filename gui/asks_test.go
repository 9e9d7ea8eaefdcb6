package gui

import (
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"strings"
	"testing"
	"time"
)

func TestClearLeavesSomeoneElsesClipboard(t *testing.T) {
	h := newHarness(t)
	h.connect()
	test.Tap(h.ui.connected.copyToken)
	h.settle()
	if got := h.app.Clipboard().Content(); got != h.ui.state.token.AccessToken {
		t.Fatalf("Copy copied %.12q", got)
	}
	h.app.Clipboard().SetContent("something the person copied since")
	test.Tap(h.ui.connected.clear)
	h.settle()
	h.assertDialog("Clear the token?")
	h.tapDialogButton("Clear")
	h.settle()
	h.assertForm()
	if got := h.app.Clipboard().Content(); got != "something the person copied since" {
		t.Errorf("clipboard = %q", got)
	}
}

func TestWhoIsConnected(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.settle()
	c := h.ui.connected
	if !strings.Contains(c.account.Text, "Connected as Ada Lovelace (ada@example.com).") {
		t.Errorf("account = %q", c.account.Text)
	}
	if !c.pictureBox.Visible() || c.picture.Resource == nil {
		t.Error("no profile picture")
	}
	if c.who.Visible() {
		t.Errorf("a problem is shown: %q", c.who.Text)
	}
	if saved := h.loadStore(); saved.Token == nil || saved.Token.Account != "Ada Lovelace" {
		t.Errorf("the name is not remembered: %+v", saved.Token)
	}
	if n := h.fake.MeCalls(); n != 0 {
		t.Errorf("/v2/me was called %d times: it fails with OpenID Connect tokens", n)
	}
}

func TestWhoNeedsOpenIDAndProfile(t *testing.T) {
	h := newHarness(t)
	h.fillForm(h.redirect)
	h.ui.setup.products.check("openid-connect").SetChecked(false)
	h.ui.setup.products.check("share").SetChecked(true)
	test.Tap(h.ui.setup.connect)
	h.settle()
	h.assertWaiting()
	<-h.signIn()
	h.settle()
	h.assertConnected()
	c := h.ui.connected
	if !c.who.Visible() || !strings.Contains(c.who.Text, "openid and profile") || !strings.Contains(c.who.Text, "Sign In with OpenID Connect") {
		t.Errorf("who = %q", c.who.Text)
	}
	if strings.Contains(c.account.Text, "Connected as") {
		t.Error("claims to know who is connected")
	}
}

func TestRevokedTokenAtStart(t *testing.T) {
	h := newHarness(t)
	h.connect()
	h.settle()
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	h.restart()
	h.settle()
	c := h.ui.connected
	assertRejected(t, h) // the banner says it once, with Connect again
	if c.who.Visible() {
		t.Errorf("said twice: %q", c.who.Text)
	}
	if c.again.Importance != widget.HighImportance {
		t.Error("Connect again is not the thing to do")
	}
	if !strings.Contains(c.account.Text, "Ada Lovelace") {
		t.Errorf("the remembered name is gone: %q", c.account.Text)
	}
}

func TestCheckToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	c := h.ui.connected
	test.Tap(c.check)
	h.settle()
	if !c.checked.Visible() || !strings.Contains(c.checked.Text, "The token is active.") || !strings.Contains(c.checked.Text, "email, openid, profile") {
		t.Errorf("check = %q", c.checked.Text)
	}
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	test.Tap(c.check)
	h.settle()
	assertRejected(t, h)
	if c.again.Importance != widget.HighImportance {
		t.Error("Connect again is not the thing to do")
	}
}

func TestRenewNow(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	c := h.ui.connected
	first := c.token()
	if !c.renew.Visible() || !strings.Contains(c.expiry.Text, "Renewable until 22 Nov 2027") {
		t.Fatalf("renew visible %v, expiry %q", c.renew.Visible(), c.expiry.Text)
	}
	test.Tap(c.renew)
	h.settle()
	issued := map[string]bool{}
	for _, i := range h.fake.Issued() {
		issued[i.AccessToken] = true
	}
	if c.token().AccessToken == first.AccessToken || !issued[c.token().AccessToken] || len(issued) != 2 {
		t.Fatal("the screen does not show a new token LinkedIn issued")
	}
	if !c.token().RefreshTokenExpiresAt.Equal(first.RefreshTokenExpiresAt) {
		t.Errorf("refresh expiry moved: %v -> %v", first.RefreshTokenExpiresAt, c.token().RefreshTokenExpiresAt)
	}
	saved := h.loadStore()
	if saved.Token == nil || saved.Token.AccessToken != c.token().AccessToken || saved.Token.RefreshToken == "" {
		t.Errorf("the new token is not saved")
	}
	if !strings.HasPrefix(c.checked.Text, "Renewed: a new token") {
		t.Errorf("checked = %q", c.checked.Text)
	}
}

func TestFailedRenewalKeepsTheToken(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	c := h.ui.connected
	old := c.token().AccessToken
	h.fake.FailTokenEndpoint(400, "application/json", `{"error":"invalid_request","error_description":"The provided authorization grant or refresh token is invalid, expired or revoked"}`)
	test.Tap(c.renew)
	h.settle()
	if c.token().AccessToken != old || !strings.Contains(c.checked.Text, "would not renew") || !strings.Contains(c.checked.Text, "current token is kept") {
		t.Errorf("after a failed renewal: %q", c.checked.Text)
	}
	if saved := h.loadStore(); saved.Token == nil || saved.Token.AccessToken != old {
		t.Error("a failed renewal lost the saved token")
	}
}

func TestRenewAfterClearDoesNotBringItBack(t *testing.T) {
	h := newHarness(t, withRefresh)
	h.connect()
	c := h.ui.connected
	h.fake.SetTokenDelay(time.Second) // LinkedIn is slow to answer the renewal
	test.Tap(c.renew)
	test.Tap(c.clear) // the renewal is still in flight: no settle
	h.assertDialog("Clear the token?")
	h.tapDialogButton("Clear")
	h.settle() // the Clear, then the renewal
	if saved := h.loadStore(); saved.Token != nil {
		t.Fatalf("the renewal brought a token back after Clear")
	}
	if h.showing() != h.ui.setup.content {
		t.Error("the window no longer shows the form after Clear")
	}
}
