package gui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// awaitShown runs the UI goroutine's queue until the window shows the
// token access (or none, for ""): a token saved from outside the window.
func (h *harness) awaitShown(access string) {
	h.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		tok := h.ui.state.token
		if tok == nil && access == "" || tok != nil && tok.AccessToken == access {
			return
		}
		select {
		case fn := <-h.uiQueue:
			fn()
		case <-deadline:
			shown := "none"
			if tok != nil {
				shown = fmt.Sprintf("%.12s…", tok.AccessToken)
			}
			h.t.Fatalf("the window never showed %.12q; it shows %s", access, shown)
		}
	}
}

// Issue 17, item 4: with the window open, a tokendesk login for the same
// connection saves a newer token: the window shows it and copies it, and
// Clear never deletes a token the person did not see.
func TestTheWindowFollowsWhatIsSaved(t *testing.T) {
	h := newHarness(t)
	h.connect()
	first := h.ui.state.token.AccessToken
	s := h.openStore()
	ctx := context.Background()
	set := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: []string{"openid", "profile"}}

	// tokendesk login saves a newer token (the same path, another process's store).
	newer := oauthflow.Token{AccessToken: "AQV-newer-from-the-terminal", Scopes: []string{"openid", "profile"}, ExpiresAt: testNow.Add(60 * 24 * time.Hour)}
	if _, err := s.SaveSignIn(ctx, store.Into{ID: store.DefaultConnection}, set, newer, "Ada"); err != nil {
		t.Fatal(err)
	}
	h.awaitShown(newer.AccessToken)
	test.Tap(h.ui.connected.copyToken)
	if got := h.app.Clipboard().Content(); got != newer.AccessToken {
		t.Errorf("Copy token copied %.12q, not the saved token", got)
	}

	// Another is saved while the window still shows the one before, and
	// the person presses Clear on what they see: nothing is cleared.
	newest := newer
	newest.AccessToken = "AQV-newest-from-the-terminal"
	if _, err := s.SaveSignIn(ctx, store.Into{ID: store.DefaultConnection}, set, newest, "Ada"); err != nil {
		t.Fatal(err)
	}
	h.ui.clearNow() // before the window has read the change
	h.settle()
	got, err := s.Conn(store.DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil || got.Token.AccessToken != newest.AccessToken {
		t.Fatalf("Clear deleted a token the person never saw: saved %v (%v)", got.Token != nil, err)
	}
	if text := h.dialogText(); text == "" {
		t.Error("the window did not say why nothing was cleared")
	}
	h.awaitShown(newest.AccessToken)

	// Cleared from elsewhere: the window shows the form.
	if err := s.Conn(store.DefaultConnection).ClearToken(ctx, newest.AccessToken); err != nil {
		t.Fatal(err)
	}
	h.awaitShown("")
	if h.showing() != h.ui.setup.content {
		t.Error("after the token was cleared elsewhere the window does not show the form")
	}
	if first == newest.AccessToken {
		t.Fatal("the test's tokens are not distinct")
	}
}

// Issue 17, item 8: closing the window with an edited form and a keychain
// that does not answer does not block the UI goroutine: the save runs
// beside it, and main waits for it before exiting.
func TestClosingNeverBlocksOnTheKeychain(t *testing.T) {
	kr := &hungKeyring{release: make(chan struct{})}
	h := newHarness(t, func(h *harness, _ *fakelinkedin.App) { h.appKeyring = kr })
	h.fillForm(h.redirect)
	kr.hang.Store(true)
	start := time.Now()
	h.closeWindowNow()
	if took := time.Since(start); took > time.Second {
		t.Errorf("closing the window took %v on the UI goroutine", took)
	}
	close(kr.release)
	h.ui.WaitForSaves()
}

// TestWindowAndLoginHammerOneStore is the window open on a store while
// another process signs in again and again with tokendesk login's path
// (connection.Begin and Finish, against the fake LinkedIn) in a bounded
// loop, and the window renews the token it shows meanwhile: the saved token
// at the end is the login's last or the window's renewal of it (a renewal
// saves only over the token it started from), and the window shows it.
// The two processes share the store's keychain: the real one (a keychain in
// memory is one process's own).
func TestWindowAndLoginHammerOneStore(t *testing.T) {
	needKeyring(t)
	h := newHarness(t, withRefresh, withRealKeychain)
	h.connect()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildLogsInAgainAndAgain$", "-test.v")
	cmd.Env = append(os.Environ(), "GUI_CHILD_DIR="+h.dir, "GUI_CHILD_SERVICE="+h.service, "GUI_CHILD_FAKE="+h.fake.URL)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	renewedFrom := map[string]string{} // a renewal's token: the token it replaced
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("the login process: %v\n%s", err, out.String())
			}
			running = false
		default:
			if tok := h.ui.state.token; tok != nil && tok.RefreshToken != "" && h.ui.state.signIn == nil {
				old := tok.AccessToken
				h.ui.renewNow(false)
				// Up to the renewal's result: a follow after it may show
				// the login's next token.
				c := h.ui.connected
				h.awaitState("the renewal's end", func() bool {
					return strings.HasPrefix(c.checked.Text, "Renewed:") || h.ui.inFlight == 0
				})
				if strings.HasPrefix(c.checked.Text, "Renewed:") {
					renewedFrom[h.ui.state.token.AccessToken] = old
				}
			} else {
				h.drainFor(20 * time.Millisecond)
			}
		}
	}
	last := ""
	for _, line := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "saved: "); ok {
			last = v
		}
	}
	if last == "" {
		t.Fatalf("the login process saved nothing:\n%s", out.String())
	}
	s := h.openStore()
	got, err := s.Conn(store.DefaultConnection).Load(context.Background())
	if err != nil || got.Token == nil {
		t.Fatalf("nothing saved at the end: %v", err)
	}
	for tok := got.Token.AccessToken; tok != last; {
		from, ok := renewedFrom[tok]
		if !ok {
			t.Fatalf("the saved token is neither the login's last nor a renewal of it")
		}
		tok = from
	}
	h.awaitShown(got.Token.AccessToken)
	t.Logf("%d renewals raced %d sign-ins", len(renewedFrom), childLogins)
}

// childLogins bounds the login process's loop.
const childLogins = 15

func TestChildLogsInAgainAndAgain(t *testing.T) {
	dir := os.Getenv("GUI_CHILD_DIR")
	if dir == "" {
		t.Skip("run by TestWindowAndLoginHammerOneStore")
	}
	ctx := context.Background()
	s, _, err := store.Open(ctx, store.Options{Dir: dir, Service: os.Getenv("GUI_CHILD_SERVICE"), Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	fake := os.Getenv("GUI_CHILD_FAKE")
	endpoints := linkedin.Endpoints{OAuthURL: fake + "/oauth/v2", APIURL: fake}
	set := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: pasteRedirect, Scopes: []string{"openid", "profile"}}
	for i := 1; i <= childLogins; i++ {
		si, err := connection.Begin(ctx, s, endpoints, store.Into{ID: store.DefaultConnection}, set, oauthflow.Config{})
		if err != nil {
			t.Fatal(err)
		}
		to, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(ctx, si.Flow.AuthURL())
		if err != nil {
			t.Fatal(err)
		}
		if err := si.Flow.SubmitPaste(to); err != nil {
			t.Fatal(err)
		}
		got, err := si.Finish(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("saved: %s\n", got.Token.AccessToken)
	}
}

// drainFor runs the UI goroutine's queue for d.
func (h *harness) drainFor(d time.Duration) {
	until := time.After(d)
	for {
		select {
		case fn := <-h.uiQueue:
			fn()
		case <-until:
			return
		}
	}
}

// hungKeyring is a keychain in memory that stops answering while hang is
// set, until release is closed: a keychain whose unlock prompt nobody
// answers.
type hungKeyring struct {
	mem     memkeyring.Keyring
	hang    atomic.Bool
	release chan struct{}
}

func (k *hungKeyring) wait() {
	if k.hang.Load() {
		<-k.release
	}
}

func (k *hungKeyring) Get(service, user string) (string, error) {
	k.wait()
	return k.mem.Get(service, user)
}

func (k *hungKeyring) Set(service, user, secret string) error {
	k.wait()
	return k.mem.Set(service, user, secret)
}

func (k *hungKeyring) Delete(service, user string) error {
	k.wait()
	return k.mem.Delete(service, user)
}

// Issue 17, item 4: Clear acts on what the window showed. A token saved
// from the terminal while the window still shows the one before is not
// deleted by a Clear the person pressed on the older one.
func TestClearNeverDeletesAnUnseenToken(t *testing.T) {
	h := newHarness(t)
	h.connect()
	s := h.openStore()
	ctx := context.Background()
	newer := oauthflow.Token{AccessToken: "AQV-saved-from-the-terminal", Scopes: []string{"openid", "profile"}, ExpiresAt: testNow.Add(60 * 24 * time.Hour)}
	if err := s.Conn(store.DefaultConnection).SaveToken(ctx, newer, "Ada"); err != nil {
		t.Fatal(err)
	}
	h.ui.clearNow() // on the token shown, before the window has read the change
	h.settle()
	got, err := s.Conn(store.DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil || got.Token.AccessToken != newer.AccessToken {
		t.Fatalf("Clear deleted a token the person never saw: saved %v (%v)", got.Token != nil, err)
	}
}
