package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// Golden markup of each state, in testdata/. After an intended change to
// the window, review testdata/failed/ and copy it over.
func TestGoldenScreens(t *testing.T) {
	h := newHarness(t)
	c := h.win.Canvas()
	s := h.ui.setup
	s.redirect.SetText(oauthflow.DefaultRedirectURL)
	test.AssertRendersToMarkup(t, "setup_empty.xml", c)

	h.fillForm(oauthflow.DefaultRedirectURL)
	test.AssertRendersToMarkup(t, "setup_filled.xml", c)

	s.redirect.SetText("https://localhost:8765/callback")
	test.AssertRendersToMarkup(t, "setup_invalid.xml", c)

	s.redirect.SetText(oauthflow.DefaultRedirectURL)
	s.banner.showError(&oauthflow.Error{Kind: oauthflow.KindCancelledLogin, Reason: oauthflow.ReasonLoginCancelled})
	test.AssertRendersToMarkup(t, "setup_error.xml", c)
	s.banner.hide()

	s.secret.SetText("")
	s.unreadable(&store.Error{Reason: store.ReasonKeychainLocked}, func() {})
	test.AssertRendersToMarkup(t, "setup_unreadable.xml", c)
	s.banner.hide()
	s.fillSecret(testClientSecret)

	s.redirect.SetText(h.redirect)
	test.Tap(s.connect)
	h.settle()
	h.assertWaiting()
	<-h.opened
	test.AssertRendersToMarkup(t, "waiting.xml", c)
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()

	s.redirect.SetText(pasteRedirect)
	test.Tap(s.connect)
	h.settle()
	h.assertWaiting()
	<-h.opened
	test.AssertRendersToMarkup(t, "waiting_paste.xml", c)
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()

	tok := store.SavedToken{Token: oauthflow.Token{
		AccessToken: "AQVgoldenTokenValue0123456789abcdefghijklmnopqrstuvwxyzXYZ9",
		ExpiresAt:   testNow.Add(60 * 24 * time.Hour), ObtainedAt: testNow,
		Scopes: []string{"email", "openid", "profile", "w_member_social"},
	}}
	h.ui.setToken(&tok)
	h.ui.show(h.ui.connectedUI().content)
	test.AssertRendersToMarkup(t, "connected.xml", c)
}
