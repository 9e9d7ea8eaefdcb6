package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"os"
	"strings"
	"testing"
)

func TestCancelKeepsFieldsAndFreesPort(t *testing.T) {
	for _, how := range []string{"button", "escape"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t)
			h.pressConnect(h.redirect)
			<-h.opened
			if how == "button" {
				test.Tap(h.ui.waiting.cancel)
			} else {
				h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
			}
			h.settle()
			assertPortFree(t, h.port)
			s := h.ui.setup
			if h.showing() != s.content || s.clientID.Text != testClientID || s.secret.Text != testClientSecret || s.redirect.Text != h.redirect {
				t.Error("Cancel lost the form")
			}
			if s.banner.content.Visible() {
				t.Error("Cancel shows an error")
			}
			// And Connect works again.
			test.Tap(s.connect)
			h.settle()
			h.assertWaiting()
			<-h.signIn()
			h.settle()
			h.assertConnected()
		})
	}
}

func TestPasteFlow(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(pasteRedirect)
	w := h.ui.waiting
	if !w.pasteBox.Visible() || w.pasteInstead.Visible() {
		t.Fatal("the paste field is not shown at once for a redirect URL elsewhere")
	}
	if !strings.Contains(w.pasteHelp.Text, pasteRedirect) {
		t.Errorf("paste help %q does not say what to paste", w.pasteHelp.Text)
	}
	addr := h.addressAfterSignIn()

	test.Type(w.pasteEntry, "this is not it")
	test.Tap(w.pasteGo)
	h.settle()
	if !w.pasteProblem.Visible() || !strings.Contains(w.pasteProblem.Text, "doesn't look like") {
		t.Errorf("paste problem = %q", w.pasteProblem.Text)
	}

	w.pasteEntry.SetText("  \"" + addr + "\"\n")
	w.pasteEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	h.assertConnected()
	if w.pasteProblem.Visible() {
		t.Error("the old paste problem is still shown")
	}
}

func TestSwitchToPaste(t *testing.T) {
	h := newHarness(t)
	h.pressConnect(h.redirect)
	w := h.ui.waiting
	if w.pasteBox.Visible() {
		t.Fatal("paste field shown for a loopback flow")
	}
	test.Tap(w.pasteInstead)
	h.settle()
	if !w.pasteBox.Visible() {
		t.Error("the paste field is not shown")
	}
	assertPortFree(t, h.port)
	if h.win.Canvas().Focused() != w.pasteEntry {
		t.Error("the cursor is not in the paste field")
	}
	test.Type(w.pasteEntry, h.addressAfterSignIn())
	test.Tap(w.pasteGo)
	h.settle()
	h.assertConnected()
}

func TestBrowserThatWillNotOpen(t *testing.T) {
	h := newHarness(t)
	h.ui.deps.OpenURL = func(string) error { return os.ErrNotExist }
	h.fillForm(h.redirect)
	test.Tap(h.ui.setup.connect)
	h.settle()
	h.assertWaiting()
	if !strings.Contains(h.ui.waiting.info.Text, "could not open your browser") {
		t.Errorf("info = %q", h.ui.waiting.info.Text)
	}
	if !h.ui.waiting.link.Visible() || !strings.HasPrefix(h.ui.waiting.link.Text, h.fake.OAuthURL()+"/authorization?") {
		t.Errorf("the link is not shown: %q", h.ui.waiting.link.Text)
	}
	test.Tap(h.ui.waiting.copyLink)
	if link := h.app.Clipboard().Content(); !strings.HasPrefix(link, h.fake.OAuthURL()+"/authorization?") {
		t.Errorf("copied link %q", link)
	}
	test.Tap(h.ui.waiting.cancel)
	h.settle()
	h.assertForm()
}
