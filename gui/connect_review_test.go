package gui

import (
	"testing"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
)

// Review 2: a first Connect whose save fails (the keychain refuses writes
// for a moment: NotSavedError). waitFor still calls formSaved with the
// sign-in's settings, so the window believes the form is saved:
// formEdited() is false, and closing (after the keychain is unlocked again)
// saves nothing. The Client ID and client secret the person typed are lost
// without a word; the next start shows an empty form. (Any later edit in the
// same session fares no better: SaveEdits compares against that false base
// and refuses with ErrSettingsChanged, an error closing drops.)
func TestFormOfANotSavedSignInIsStillSavedOnClose(t *testing.T) {
	kr := &failingSetsKeyring{mem: memkeyring.New()}
	h := newHarness(t, func(h *harness, _ *fakelinkedin.App) { h.keyring = kr })
	h.pressConnect(h.redirect)
	kr.fail.Store(true) // locked while the person signs in
	<-h.signIn()
	h.settle()
	h.assertConnected()
	if !h.ui.state.tokenUnsaved {
		t.Fatal("the test expects the sign-in's save to have failed")
	}
	kr.fail.Store(false) // unlocked again
	edited := h.ui.formEdited()
	h.closeWindow()
	saved := h.loadStore()
	if saved.Settings.ClientID != testClientID || saved.Settings.ClientSecret != testClientSecret {
		t.Errorf("after a sign-in that could not be saved and a close with the keychain unlocked, the saved settings are client ID %q, secret set %v: what the person typed is lost (formEdited at close: %v)",
			saved.Settings.ClientID, saved.Settings.ClientSecret != "", edited)
	}
}
