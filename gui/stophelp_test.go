package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
)

// shownHelp waits for the waiting screen's help to show, with what
// LinkedIn's page said when want is a cause (linkedin.StopNotSeen: the
// likely causes), and returns its text.
func (h *harness) shownHelp(want linkedin.SignInStop) string {
	h.t.Helper()
	help := h.ui.waiting.help
	h.awaitState("the help for "+string(want), func() bool {
		return help.box.Visible() && help.check.Stop == want && help.help.Found == (want != linkedin.StopNotSeen)
	})
	return help.title.Text + "\n" + help.lines.Text
}

// browserShows is the member's browser at LinkedIn's sign-in address: the
// page LinkedIn shows there, which never comes back to TokenDesk.
func (h *harness) browserShows() fakelinkedin.Page {
	h.t.Helper()
	var addr string
	select {
	case addr = <-h.opened:
	case <-time.After(10 * time.Second):
		h.t.Fatal("the window did not open the browser")
	}
	p, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), addr)
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// The "done when": a redirect URL LinkedIn does not know leaves
// the waiting window explaining the cause within ten seconds (at the
// window's own pace, helpAfter), with the fix one click away.
func TestARedirectURLLinkedInDoesNotKnowIsExplained(t *testing.T) {
	h := newHarness(t)
	h.ui.helpAfter = helpAfter
	unknown := h.redirect + "/" // a trailing slash: not the registered URL
	began := time.Now()
	h.pressConnect(unknown)
	if p := h.browserShows(); !strings.Contains(p.Body, "The redirect_uri does not match the registered value") {
		t.Fatalf("the browser shows %q", p.Body)
	}
	text := h.shownHelp(linkedin.StopRedirectURL)
	if took := time.Since(began); took > 10*time.Second {
		t.Errorf("the help took %v", took)
	}
	if !strings.Contains(text, "LinkedIn does not know TokenDesk's redirect URL") || !strings.Contains(text, unknown+" is not on your LinkedIn app's Auth tab") {
		t.Errorf("the help says %q", text)
	}
	help := h.ui.waiting.help
	if help.box.Size().Height < 100 || help.lines.Size().Height < 40 {
		t.Errorf("the help is not laid out in the window: %v", help.box.Size())
	}
	test.Tap(help.copyRedirect)
	if got := h.app.Clipboard().Content(); got != unknown {
		t.Errorf("Copy redirect URL copied %q, want %q", got, unknown)
	}
	test.Tap(help.openApp)
	h.settle()
	if got := <-h.opened; got != linkedin.DeveloperPortalURL {
		t.Errorf("the button opened %q", got)
	}
	test.Tap(help.back)
	h.settle()
	h.assertForm()
	assertPortFree(t, h.port)
	if h.ui.setup.redirect.Text != unknown || h.win.Canvas().Focused() != h.ui.setup.redirect {
		t.Error("Back to the form did not keep the redirect URL, with the cursor in it")
	}
	if h.ui.setup.banner.content.Visible() {
		t.Error("going back shows an error")
	}
}

func TestWaitingExplainsWhatLinkedInShows(t *testing.T) {
	for _, c := range []struct {
		name    string
		prepare func(h *harness)
		want    linkedin.SignInStop
		says    []string
		button  string
	}{
		{"an unknown Client ID", func(h *harness) { h.ui.setup.clientID.SetText("78nosuchapp") }, linkedin.StopClientID,
			[]string{"LinkedIn does not know this Client ID", "no LinkedIn app has the Client ID 78nosuchapp"}, "Open the Developer Portal"},
		{"LinkedIn down", func(h *harness) { h.fake.SetSignInDown(true) }, linkedin.StopUnavailable,
			[]string{"LinkedIn's sign-in is not working right now", "Wait a few minutes"}, "Open the Developer Portal"},
		{"nothing TokenDesk recognises", func(*harness) {}, linkedin.StopNotSeen,
			[]string{"Is your browser showing an error from LinkedIn", "• \"The redirect_uri does not match the registered value\"", "• \"The passed in client_id is invalid\"", "• \"Scope … is not authorized", "• \"Bummer, something went wrong\""}, "Open the Developer Portal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.ui.helpAfter = 50 * time.Millisecond
			h.fillForm(h.redirect)
			c.prepare(h)
			test.Tap(h.ui.setup.connect)
			h.settle()
			h.assertWaiting()
			text := h.shownHelp(c.want)
			for _, s := range c.says {
				if !strings.Contains(text, s) {
					t.Errorf("the help does not say %q: %q", s, text)
				}
			}
			if got := h.ui.waiting.help.openApp.Text; got != c.button {
				t.Errorf("the button says %q, want %q", got, c.button)
			}
			// Quiet: the help came by one timer; nothing changes the
			// window after it.
			select {
			case fn := <-h.uiQueue:
				fn()
				t.Error("the window keeps changing after the help came")
			case <-time.After(500 * time.Millisecond):
			}
			if c.want == linkedin.StopClientID {
				test.Tap(h.ui.waiting.help.back)
				h.settle()
				h.assertForm()
				if h.win.Canvas().Focused() != h.ui.setup.clientID {
					t.Error("Back to the form did not put the cursor in the Client ID")
				}
			}
		})
	}
}

// A sign-in that comes back before the help shows never sees it, and one
// cancelled stops its timer.
func TestNoHelpForASignInThatWorks(t *testing.T) {
	h := newHarness(t)
	h.ui.helpAfter = 300 * time.Millisecond
	h.pressConnect(h.redirect)
	<-h.signIn()
	h.settle()
	h.assertConnected()
	time.Sleep(400 * time.Millisecond)
	h.settle()
	if h.ui.waiting.help.box.Visible() {
		t.Error("the help showed after the sign-in worked")
	}
}
