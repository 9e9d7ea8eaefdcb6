package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"strings"
	"testing"
)

func TestDialogsAnswerEnterAndEscape(t *testing.T) {
	h := newHarness(t)
	key := func(name fyne.KeyName) { h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name}) }
	open := func() bool { return h.win.Canvas().Overlays().Top() != nil }

	h.ui.showAbout()
	key(fyne.KeyEscape)
	if open() {
		t.Error("Escape does not close About")
	}
	h.ui.showGuide()
	key(fyne.KeyReturn)
	if open() {
		t.Error("Enter does not close the guide")
	}
	h.ui.showMessage("Title", "Message.", "Hint.", "")
	key(fyne.KeyEnter)
	if open() {
		t.Error("Enter (keypad) does not close a message")
	}
	h.ui.confirmForget()
	key(fyne.KeyReturn)
	if open() {
		t.Error("Enter does not close \"Forget everything?\"")
	}

	h.connect()
	c := h.ui.connected
	test.Tap(c.clear)
	h.settle()
	h.assertDialog("Clear the token?")
	key(fyne.KeyEscape)
	if open() || h.loadStore().Token == nil {
		t.Fatal("Escape on \"Clear the token?\" must keep the token")
	}
	// Enter takes the safe way out of a dialog that deletes: only a click
	// on Clear clears.
	test.Tap(c.clear)
	h.settle()
	h.assertDialog("Clear the token?")
	key(fyne.KeyReturn)
	if open() || h.loadStore().Token == nil {
		t.Fatal("Enter on \"Clear the token?\" must keep the token")
	}
	test.Tap(c.clear)
	h.settle()
	h.assertDialog("Clear the token?")
	h.tapDialogButton("Clear")
	h.settle()
	if h.loadStore().Token != nil {
		t.Fatal("Clear did not clear")
	}
	if !strings.Contains(h.dialogText(), "The token is gone") {
		t.Fatalf("no \"Token cleared\" dialog: %q", h.dialogText())
	}
	key(fyne.KeyReturn)
	if open() {
		t.Error("Enter does not close \"Token cleared\"")
	}
	// The file dialogs close on Escape, and it cancels no sign-in behind them.
	h.pressConnect(h.redirect)
	for _, choose := range []func(){h.ui.chooseImport, h.ui.chooseExport} {
		choose()
		if !open() {
			t.Fatal("no file dialog")
		}
		key(fyne.KeyEscape)
		if open() || h.ui.state.signIn == nil {
			t.Fatalf("Escape in a file dialog: dialog open %v, sign-in cancelled %v", open(), h.ui.state.signIn == nil)
		}
	}
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()
	// With no dialog, Escape still cancels a sign-in.
	h.pressConnect(h.redirect)
	key(fyne.KeyEscape)
	h.settle()
	h.assertForm()
	assertPortFree(t, h.port)
}

// Escape typed with the cursor in a field (keys routed as the driver
// routes them: to the focused widget first) closes the dialog that asks
// for it, and cancels a sign-in from the paste field.
func TestEscapeInFields(t *testing.T) {
	h := newHarness(t)
	for name, open := range map[string]func(){"New": h.ui.askNewConnection, "LinkedIn-Version": h.ui.askAPIVersion} {
		open()
		if h.win.Canvas().Focused() == nil {
			t.Fatalf("%s: the field has no focus", name)
		}
		h.typeKey(fyne.KeyEscape)
		if h.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: Escape in its field does not close it", name)
		}
	}
	h.pressConnect(pasteRedirect)
	h.win.Canvas().Focus(h.ui.waiting.pasteEntry)
	h.typeKey(fyne.KeyEscape)
	h.settle()
	h.assertForm()
	if h.ui.state.signIn != nil {
		t.Error("Escape in the paste field does not cancel the sign-in")
	}
}
