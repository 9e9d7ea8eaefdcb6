package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/words"
)

// running is `tokendesk login` running in the background, its stderr
// readable while it runs.
type running struct {
	errOut *lockedBuffer
	done   chan int
}

func (e *loginEnv) start(ctx context.Context, args ...string) *running {
	r := &running{errOut: &lockedBuffer{}, done: make(chan int, 1)}
	go func() { r.done <- Run(ctx, append([]string{"login"}, args...), io.Discard, r.errOut, e.o) }()
	return r
}

// await waits until login has said want, and fails after ten seconds.
func (r *running) await(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.errOut.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("login did not say %q within ten seconds:\n%s", want, r.errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *running) exit(t *testing.T) int {
	t.Helper()
	select {
	case code := <-r.done:
		return code
	case <-time.After(30 * time.Second):
		t.Fatal("login did not end")
		return -1
	}
}

// A redirect URL LinkedIn does not know: LinkedIn's page stays in the
// browser, and login says what it says and the fix, once, after its few
// seconds (here shortened), and Ctrl-C still cancels cleanly.
func TestLoginExplainsWhatLinkedInShows(t *testing.T) {
	e := newLoginEnv(t)
	e.o.SignInHelpAfter = 100 * time.Millisecond
	pr, pw := io.Pipe() // a terminal nobody types in
	defer pw.Close()
	e.o.Stdin = pr
	unknown := e.redirect + "/"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	began := time.Now()
	r := e.start(ctx, "--client-id", clientID, "--redirect-url", unknown)
	if p, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), e.authURL(t)); err != nil || !strings.Contains(p.Body, "The redirect_uri does not match") {
		t.Fatalf("the browser shows %+v, %v", p, err)
	}
	r.await(t, "Still waiting for your browser. LinkedIn does not know TokenDesk's redirect URL\n")
	if took := time.Since(began); took > 10*time.Second {
		t.Errorf("the help took %v", took)
	}
	time.Sleep(300 * time.Millisecond) // anything more would come now
	got := r.errOut.String()
	for _, want := range []string{
		"  Your browser shows LinkedIn's page \"The redirect_uri does not match the registered value\": " + unknown + " is not on your LinkedIn app's Auth tab exactly as it is.",
		"\nYour redirect URL, exactly as TokenDesk uses it: " + unknown + "\n",
		"\nYour LinkedIn apps (open yours, then its Auth tab): " + linkedin.DeveloperPortalURL + "\n",
		"\nPress Ctrl-C to stop, fix it, and run \"tokendesk login --client-id " + clientID + " --redirect-url " + unknown + "\" again.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("login does not say %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "Still waiting"); n != 1 {
		t.Errorf("the help came %d times:\n%s", n, got)
	}
	cancel()
	if code := r.exit(t); code != ExitCancelled || !strings.HasSuffix(r.errOut.String(), "\n"+words.Cancelled()+"\n") {
		t.Errorf("login = %d:\n%s", code, r.errOut.String())
	}
}

// In the paste flow the help lists the likely causes when LinkedIn's page
// is not one it recognises, then asks for the paste again: a paste after
// the help signs in.
func TestLoginHelpKeepsThePastePrompt(t *testing.T) {
	e := newLoginEnv(t)
	e.o.SignInHelpAfter = 100 * time.Millisecond
	pr, pw := io.Pipe()
	defer pw.Close()
	e.o.Stdin = pr
	r := e.start(context.Background(), "--client-id", clientID, "--redirect-url", pasteRedirect)
	u := e.authURL(t)
	r.await(t, "paste the address your browser shows here and press Enter:\n")
	got := r.errOut.String()
	for _, want := range []string{
		"Still waiting for your browser. Is your browser showing an error from LinkedIn instead of its sign-in page?\n",
		"\n  - \"The redirect_uri does not match the registered value\": add " + pasteRedirect + ", exactly as it is,",
		"\n  - \"The passed in client_id is invalid\"",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("login does not say %q:\n%s", want, got)
		}
	}
	address, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(pw, address)
	if code := r.exit(t); code != ExitOK || !strings.Contains(r.errOut.String(), "Connected as Ada Lovelace.") {
		t.Errorf("login = %d:\n%s", code, r.errOut.String())
	}
}

// A sign-in that comes back before the few seconds are up hears nothing of it.
func TestLoginNoHelpWhenTheBrowserComesBack(t *testing.T) {
	e := newLoginEnv(t)
	e.o.SignInHelpAfter = 2 * time.Second
	wait := e.login(context.Background(), "--client-id", clientID, "--redirect-url", e.redirect)
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), e.authURL(t)); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := wait(); code != ExitOK || strings.Contains(errOut, "Still waiting") {
		t.Errorf("login = %d:\n%s", code, errOut)
	}
}
