package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/loopbacktest"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

const pasteRedirect = "https://example.com/linkedin/callback"

// loginEnv is a store of the test's own and the fake LinkedIn, with an app
// whose redirect URLs are a free loopback port and an address elsewhere.
type loginEnv struct {
	o        Options
	fake     *fakelinkedin.Server
	port     int
	redirect string
	opened   chan string // what login asked the browser to open
}

func newLoginEnv(t *testing.T, app ...func(*fakelinkedin.App)) *loginEnv {
	t.Helper()
	e := &loginEnv{o: testStore(t), port: loopbacktest.FreePort(t), opened: make(chan string, 4)}
	e.redirect = fmt.Sprintf("http://localhost:%d/callback", e.port)
	a := fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret, RedirectURLs: []string{e.redirect, pasteRedirect},
		Scopes: []string{"openid", "profile", "email", "w_member_social"}}
	for _, f := range app {
		f(&a)
	}
	e.fake = fakelinkedin.Start(a)
	t.Cleanup(e.fake.Close)
	e.o.Endpoints = linkedin.Endpoints{OAuthURL: e.fake.OAuthURL(), APIURL: e.fake.APIURL()}
	e.o.Getenv = func(k string) string {
		if k == EnvClientSecret {
			return clientSecret
		}
		return ""
	}
	e.o.Stdin = strings.NewReader("")
	e.o.OpenBrowser = func(u string) error { e.opened <- u; return nil }
	e.o.FlowTimeout = 20 * time.Second
	e.o.SignInHelpAfter = -1 // TestLoginExplainsWhatLinkedInShows sets it
	return e
}

// login runs `tokendesk login args…` in the background.
func (e *loginEnv) login(ctx context.Context, args ...string) (result func() (int, string, string)) {
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"login"}, args...), &out, &errOut, e.o) }()
	return func() (int, string, string) {
		select {
		case code := <-done:
			mustBeFilled(args, out.String()+errOut.String())
			return code, out.String(), errOut.String()
		case <-time.After(30 * time.Second):
			return -1, out.String(), errOut.String() + "\n(login did not end)"
		}
	}
}

func (e *loginEnv) authURL(t *testing.T) string {
	t.Helper()
	select {
	case u := <-e.opened:
		return u
	case <-time.After(10 * time.Second):
		t.Fatal("login did not open the browser")
		return ""
	}
}

func (e *loginEnv) saved(t *testing.T) store.Saved {
	t.Helper()
	return e.savedIn(t, store.DefaultConnection)
}

func (e *loginEnv) savedIn(t *testing.T, id string) store.Saved {
	t.Helper()
	so := e.o.Store
	so.ReadOnly = true
	s, _, err := store.Open(context.Background(), so)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := s.Conn(id).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// saveSettings is the window saving the form of the connection "default".
func (e *loginEnv) saveSettings(t *testing.T, set oauthflow.Settings) {
	t.Helper()
	if err := openStore(t, e.o).Conn(store.DefaultConnection).SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
}

// assertSettings fails unless the connection "default" has the settings
// want, client secret included.
func (e *loginEnv) assertSettings(t *testing.T, want oauthflow.Settings) {
	t.Helper()
	if got := e.saved(t).Settings; !reflect.DeepEqual(got, want.Clean()) {
		t.Errorf("saved settings = %+v, want them unchanged: %+v", got, want.Clean())
	}
}

// lockedBuffer is a bytes.Buffer that login's goroutines may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestLoginThroughTheLoopbackReceiver(t *testing.T) {
	e := newLoginEnv(t, func(a *fakelinkedin.App) { a.Refresh = true })
	wait := e.login(context.Background(), "--client-id", clientID, "--redirect-url", e.redirect, "--scopes", "openid profile email")
	page, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), e.authURL(t))
	if err != nil || !strings.Contains(page.Body, "connected") {
		t.Fatalf("the browser's page: %v, %q", err, page.Body)
	}
	code, out, errOut := wait()
	if code != ExitOK {
		t.Fatalf("login = %d:\n%s", code, errOut)
	}
	if out != "" {
		t.Errorf("login wrote to stdout: %q", out)
	}
	for _, want := range []string{"Connected as Ada Lovelace.", "Valid for 60 more days", "tokendesk token"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("login does not say %q:\n%s", want, errOut)
		}
	}
	saved := e.saved(t)
	if saved.Token == nil || saved.Token.Account != "Ada Lovelace" || !saved.Token.ExpiresAt.Equal(now.Add(60*24*time.Hour)) ||
		saved.Token.RefreshToken == "" || saved.Token.RefreshTokenExpiresAt.IsZero() {
		t.Fatalf("saved token: %+v", saved.Token)
	}
	// Who the member is, for a program that posts as them (token --post).
	if saved.Token.MemberID != fakelinkedin.DefaultMember.Sub {
		t.Errorf("the member's LinkedIn ID saved is %q; want %q", saved.Token.MemberID, fakelinkedin.DefaultMember.Sub)
	}
	set := saved.Settings
	if set.ClientID != clientID || set.ClientSecret != clientSecret || set.RedirectURL != e.redirect || strings.Join(set.Scopes, " ") != "openid profile email" {
		t.Errorf("saved settings: %+v", set)
	}
	if strings.Contains(errOut, clientSecret) || strings.Contains(errOut, saved.Token.AccessToken) {
		t.Error("login printed a secret")
	}
	loopbacktest.AssertPortFree(t, e.port)

	// And the read-only commands see it.
	if code, out, _ := run(e.o, "token"); code != ExitOK || out != saved.Token.AccessToken+"\n" {
		t.Errorf("token after login = %d", code)
	}
}

// TestLoginUsesTheSavedSettings: once signed in, `tokendesk login` alone
// signs in again with what was saved (the secret from the keychain).
func TestLoginUsesTheSavedSettings(t *testing.T) {
	e := newLoginEnv(t)
	s, _, err := store.Open(context.Background(), e.o.Store)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(store.DefaultConnection).SaveSettings(context.Background(), oauthflow.Settings{ClientID: clientID, ClientSecret: clientSecret, RedirectURL: e.redirect, Scopes: []string{"openid"}}); err != nil {
		t.Fatal(err)
	}
	e.o.Getenv = func(string) string { return "" }
	wait := e.login(context.Background())
	u := e.authURL(t)
	if q := mustParse(t, u).Query(); q.Get("scope") != "openid" || q.Get("redirect_uri") != e.redirect {
		t.Errorf("sign-in link %s", u)
	}
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := wait(); code != ExitOK {
		t.Fatalf("login = %d:\n%s", code, errOut)
	}
}

func TestLoginByPaste(t *testing.T) {
	e := newLoginEnv(t)
	e.fake.SetTokenDelay(300 * time.Millisecond) // stdin ends while LinkedIn is asked
	pr, pw := io.Pipe()
	defer pw.Close()
	e.o.Stdin = pr
	wait := e.login(context.Background(), "--client-id", clientID, "--redirect-url", pasteRedirect, "--scopes", "openid,profile")
	u := e.authURL(t)
	address, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	// A wrong paste first: the person is told and may paste again.
	fmt.Fprintln(pw, "https://example.com/somewhere-else?code=abc")
	fmt.Fprintf(pw, "  %q  \n", address) // quotes and spaces, as chat programs add
	pw.Close()                           // the end of what is piped in does not cancel the check that started
	code, out, errOut := wait()
	if code != ExitOK || out != "" {
		t.Fatalf("login = %d, %q:\n%s", code, out, errOut)
	}
	for _, want := range []string{"not on this computer", "paste it here", "Paste the address again", "Checking with LinkedIn", "Connected as Ada Lovelace."} {
		if !strings.Contains(errOut, want) {
			t.Errorf("login does not say %q:\n%s", want, errOut)
		}
	}
	if e.saved(t).Token == nil {
		t.Error("no token saved")
	}
}

// TestLoginPasteInsteadOfLoopback: --paste with a loopback redirect URL
// does not listen (over SSH the browser is elsewhere), and a paste works.
func TestLoginPasteInsteadOfLoopback(t *testing.T) {
	e := newLoginEnv(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	e.o.Stdin = pr
	wait := e.login(context.Background(), "--paste", "--client-id", clientID, "--redirect-url", e.redirect)
	u := e.authURL(t)
	loopbacktest.AssertPortFree(t, e.port)
	address, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(pw, address)
	if code, _, errOut := wait(); code != ExitOK || strings.Contains(errOut, "not on this computer") {
		t.Fatalf("login = %d:\n%s", code, errOut)
	}
}

// TestLoginCancelFreesThePort: Ctrl-C (the context's end) closes the flow
// at once: the port is free when login returns, and nothing is saved,
// neither a token nor the settings login was given.
func TestLoginCancelFreesThePort(t *testing.T) {
	e := newLoginEnv(t)
	before := oauthflow.Settings{ClientID: clientID, ClientSecret: clientSecret, RedirectURL: e.redirect, Scopes: []string{"openid"}}
	e.saveSettings(t, before)
	e.o.Getenv = func(k string) string {
		if k == EnvClientSecret {
			return "another-apps-secret"
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	wait := e.login(ctx, "--client-id", "78anotherapp", "--redirect-url", fmt.Sprintf("http://localhost:%d/elsewhere", e.port), "--scopes", "openid email")
	e.authURL(t)
	start := time.Now()
	cancel()
	code, _, errOut := wait()
	if code != ExitCancelled || !strings.Contains(errOut, words.Cancelled()) {
		t.Errorf("login = %d:\n%s", code, errOut)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancelling took %v", d)
	}
	loopbacktest.AssertPortFree(t, e.port)
	if e.saved(t).Token != nil {
		t.Error("a cancelled login saved a token")
	}
	e.assertSettings(t, before)
}

func TestLoginFailures(t *testing.T) {
	t.Run("no Client ID", func(t *testing.T) {
		e := newLoginEnv(t)
		code, _, errOut := e.login(context.Background())()
		if code != ExitUsage || !strings.Contains(errOut, "--client-id") || !strings.Contains(errOut, "The Client ID is empty.") {
			t.Errorf("login = %d:\n%s", code, errOut)
		}
	})
	t.Run("no secret and no terminal to ask on", func(t *testing.T) {
		e := newLoginEnv(t)
		e.o.Getenv = func(string) string { return "" }
		code, _, errOut := e.login(context.Background(), "--client-id", clientID)()
		if code != ExitUsage || !strings.Contains(errOut, EnvClientSecret) {
			t.Errorf("login = %d:\n%s", code, errOut)
		}
	})
	t.Run("a retired permission", func(t *testing.T) {
		e := newLoginEnv(t)
		code, _, errOut := e.login(context.Background(), "--client-id", clientID, "--scopes", "r_liteprofile")()
		if code != ExitUsage || !strings.Contains(errOut, "--scopes") || !strings.Contains(errOut, "retired") {
			t.Errorf("login = %d:\n%s", code, errOut)
		}
	})
	t.Run("the member presses Cancel on LinkedIn", func(t *testing.T) {
		e := newLoginEnv(t)
		before := oauthflow.Settings{ClientID: clientID, ClientSecret: "the-saved-secret", RedirectURL: e.redirect, Scopes: []string{"openid"}}
		e.saveSettings(t, before)
		e.fake.SetDecision(fakelinkedin.CancelAuthorize)
		wait := e.login(context.Background(), "--client-id", clientID, "--redirect-url", e.redirect, "--scopes", "openid profile")
		if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), e.authURL(t)); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := wait()
		// The engine's words, and this command's step: never the window's.
		want := "tokendesk: You chose not to allow access on LinkedIn's page. TokenDesk gets your token only when you choose Allow there. Run \"tokendesk login --client-id " + clientID + " --redirect-url " + e.redirect + " --scopes 'openid profile'\" again.\n"
		if code != ExitNoUse || !strings.HasSuffix(errOut, want) || strings.Contains(errOut, "Connect") {
			t.Errorf("login = %d:\n%s", code, errOut)
		}
		// The secret from TOKENDESK_CLIENT_SECRET and the permissions
		// were not saved: the sign-in did not finish.
		e.assertSettings(t, before)
	})
	t.Run("the port is busy", func(t *testing.T) {
		e := newLoginEnv(t)
		ctx, cancel := context.WithCancel(context.Background())
		first := e.login(ctx, "--client-id", clientID, "--redirect-url", e.redirect) // holds the port
		e.authURL(t)
		o := e.o
		o.Store = testStore(t).Store
		var out, errOut strings.Builder
		code := Run(context.Background(), []string{"login", "--client-id", clientID, "--redirect-url", e.redirect}, &out, &errOut, o)
		if code != ExitNoUse || !strings.Contains(errOut.String(), fmt.Sprint(e.port)) {
			t.Errorf("login on a busy port = %d:\n%s", code, errOut.String())
		}
		cancel()
		if code, _, _ := first(); code != ExitCancelled {
			t.Errorf("the first login = %d", code)
		}
	})
	t.Run("LinkedIn cannot be reached", func(t *testing.T) {
		e := newLoginEnv(t)
		e.o.Endpoints = linkedin.Endpoints{OAuthURL: "http://127.0.0.1:1/oauth/v2", APIURL: "http://127.0.0.1:1"}
		pr, pw := io.Pipe()
		defer pw.Close()
		e.o.Stdin = pr
		wait := e.login(context.Background(), "--client-id", clientID, "--redirect-url", pasteRedirect)
		state := mustParse(t, e.authURL(t)).Query().Get("state")
		fmt.Fprintf(pw, "%s?code=abc&state=%s\n", pasteRedirect, url.QueryEscape(state))
		code, _, errOut := wait()
		if code != ExitUnknown || !strings.Contains(errOut, "could not reach LinkedIn while getting your token. Check your internet connection (and any proxy or firewall). Run \"tokendesk login --client-id "+clientID+" --redirect-url "+pasteRedirect+"\" again.\n") {
			t.Errorf("login = %d:\n%s", code, errOut)
		}
	})
	t.Run("stdin ends before a paste", func(t *testing.T) {
		e := newLoginEnv(t)
		code, _, errOut := e.login(context.Background(), "--client-id", clientID, "--redirect-url", pasteRedirect)()
		if code != ExitNoUse || !strings.HasSuffix(errOut, "tokendesk: No address was pasted. TokenDesk needs the address your browser shows after you press Allow. Run \"tokendesk login --client-id "+clientID+" --redirect-url "+pasteRedirect+" --paste\" and paste the address.\n") {
			t.Errorf("login = %d:\n%s", code, errOut)
		}
	})
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestBrowserPlan(t *testing.T) {
	tests := []struct {
		name string
		goos string
		env  map[string]string
		wsl  bool
		want string
	}{
		{"Linux desktop (X11)", "linux", map[string]string{"DISPLAY": ":0"}, false, browserOpen},
		{"Linux desktop (Wayland)", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false, browserOpen},
		{"Linux without a display", "linux", nil, false, browserPrint},
		{"over SSH, even with X forwarding", "linux", map[string]string{"DISPLAY": "localhost:10.0", "SSH_CONNECTION": "10.0.0.2 5 10.0.0.1 22"}, false, browserPrint},
		{"an SSH terminal", "darwin", map[string]string{"SSH_TTY": "/dev/pts/1"}, false, browserPrint},
		{"WSL, no display", "linux", nil, true, browserWSL},
		{"macOS", "darwin", nil, false, browserOpen},
		{"Windows", "windows", nil, false, browserOpen},
	}
	for _, tt := range tests {
		if got := browserPlan(tt.goos, func(k string) string { return tt.env[k] }, tt.wsl); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// signIn runs `tokendesk login args…` and presses Allow in the browser.
func (e *loginEnv) signIn(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	wait := e.login(context.Background(), args...)
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), e.authURL(t)); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = wait()
	return code, stderr
}

// TestLoginConnection: login signs in the connection in use, or the one
// --connection names; a new name makes a connection, which does not take
// the window's place unless it is the first.
func TestLoginConnection(t *testing.T) {
	valid := oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}

	t.Run("a new name makes a connection; the one in use stays", func(t *testing.T) {
		e := newLoginEnv(t)
		save(t, e.o, valid, "Ada")
		code, errOut := e.signIn(t, "--connection", "Acme", "--client-id", clientID, "--redirect-url", e.redirect, "--scopes", "openid profile")
		if code != ExitOK || !strings.Contains(errOut, `saved in the new connection "Acme": "tokendesk token --connection Acme" prints it.`) {
			t.Fatalf("login --connection Acme = %d:\n%s", code, errOut)
		}
		l := listOf(t, e.o)
		acme, ok := l.Find("acme")
		if !ok || len(l.Connections) != 2 || l.Current != store.DefaultConnection {
			t.Fatalf("connections %q, in use %q; want default (in use) and Acme", l.Names(), l.Current)
		}
		saved := e.savedIn(t, acme.ID)
		want := oauthflow.Settings{ClientID: clientID, ClientSecret: clientSecret, RedirectURL: e.redirect, Scopes: []string{"openid", "profile"}}
		if !reflect.DeepEqual(saved.Settings, want) || saved.Token == nil || saved.Token.Account != "Ada Lovelace" {
			t.Fatalf("Acme has %+v, token %+v", saved.Settings, saved.Token)
		}
		if code, out, _ := run(e.o, "token"); code != ExitOK || out != accessToken+"\n" {
			t.Errorf("token = %d, %.20q; want the one in use's", code, out)
		}
		if code, out, _ := run(e.o, "token", "--connection", "acme"); code != ExitOK || out != saved.Token.AccessToken+"\n" {
			t.Errorf("token --connection acme = %d, %.20q; want the new one", code, out)
		}
	})

	t.Run("the first connection is the one in use", func(t *testing.T) {
		e := newLoginEnv(t)
		e.o.Store = noConnections(t).Store
		code, errOut := e.signIn(t, "--connection", "Acme", "--client-id", clientID, "--redirect-url", e.redirect)
		if code != ExitOK || !strings.Contains(errOut, `"tokendesk token" prints it.`) {
			t.Fatalf("login --connection Acme = %d:\n%s", code, errOut)
		}
		l := listOf(t, e.o)
		if len(l.Connections) != 1 || l.Connections[0].Name != "Acme" || l.Current != l.Connections[0].ID {
			t.Errorf("connections %q, in use %q; want Acme alone, in use", l.Names(), l.Current)
		}
	})

	t.Run("an existing name, in any case, signs that one in", func(t *testing.T) {
		e := newLoginEnv(t)
		save(t, e.o, valid, "Ada")
		acme := addConnection(t, e.o, "Acme", oauthflow.Token{AccessToken: acmeToken, ExpiresAt: now.Add(time.Hour)}, "Bob")
		code, errOut := e.signIn(t, "--connection", "ACME", "--redirect-url", e.redirect)
		if code != ExitOK || !strings.Contains(errOut, `"tokendesk token --connection Acme" prints it.`) || strings.Contains(errOut, "new connection") {
			t.Fatalf("login --connection ACME = %d:\n%s", code, errOut)
		}
		if tok := e.savedIn(t, acme).Token; tok == nil || tok.AccessToken == acmeToken {
			t.Errorf("Acme's token was not replaced")
		}
		if tok := e.saved(t).Token; tok == nil || tok.AccessToken != accessToken {
			t.Errorf("the connection in use's token changed")
		}
		if l := listOf(t, e.o); len(l.Connections) != 2 || l.Current != store.DefaultConnection {
			t.Errorf("connections %q, in use %q", l.Names(), l.Current)
		}
	})

	t.Run("without --connection, the one in use", func(t *testing.T) {
		e := newLoginEnv(t)
		save(t, e.o, valid, "Ada")
		acme := addConnection(t, e.o, "Acme", oauthflow.Token{}, "")
		setCurrent(t, e.o, acme)
		code, errOut := e.signIn(t, "--redirect-url", e.redirect)
		if code != ExitOK || !strings.Contains(errOut, `"tokendesk token" prints it.`) {
			t.Fatalf("login = %d:\n%s", code, errOut)
		}
		if e.savedIn(t, acme).Token == nil {
			t.Error("the connection in use got no token")
		}
		if tok := e.saved(t).Token; tok == nil || tok.AccessToken != accessToken {
			t.Error("another connection's token changed")
		}
	})

	t.Run("a new connection needs its settings, and is not made without a sign-in", func(t *testing.T) {
		e := newLoginEnv(t)
		save(t, e.o, valid, "Ada")
		code, _, errOut := e.login(context.Background(), "--connection", "Acme")()
		if code != ExitUsage || !strings.Contains(errOut, "The Client ID is empty.") || !strings.Contains(errOut, "--client-id") {
			t.Errorf("login --connection Acme without settings = %d:\n%s", code, errOut)
		}
		ctx, cancel := context.WithCancel(context.Background())
		wait := e.login(ctx, "--connection", "Acme", "--client-id", clientID, "--redirect-url", e.redirect)
		e.authURL(t)
		cancel()
		if code, _, errOut := wait(); code != ExitCancelled {
			t.Errorf("login cancelled = %d:\n%s", code, errOut)
		}
		if l := listOf(t, e.o); len(l.Connections) != 1 {
			t.Errorf("connections %q: a login that did not finish made one", l.Names())
		}
	})

	t.Run("a name no connection can have", func(t *testing.T) {
		e := newLoginEnv(t)
		code, _, errOut := e.login(context.Background(), "--connection", strings.Repeat("x", store.MaxNameLength+1), "--client-id", clientID)()
		if code != ExitUsage || !strings.Contains(errOut, "at most 60 characters") {
			t.Errorf("login with a long name = %d:\n%s", code, errOut)
		}
		select {
		case u := <-e.opened:
			t.Errorf("the browser was opened at %s", u)
		default:
		}
	})
}

// Issue 17, item 6: every rule about the connection is checked before
// LinkedIn is asked. --connection finds a connection by its ID in any case
// (the rule for names treats IDs so), so a renamed first connection is
// still "default"; a name that can never be a connection's is refused
// before the browser opens.
func TestLoginChecksTheConnectionFirst(t *testing.T) {
	valid := oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}

	t.Run("the renamed first connection by its ID, in another case", func(t *testing.T) {
		e := newLoginEnv(t)
		save(t, e.o, valid, "Ada")
		s, _, err := store.Open(context.Background(), e.o.Store)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Rename(context.Background(), store.DefaultConnection, "Main"); err != nil {
			t.Fatal(err)
		}
		code, errOut := e.signIn(t, "--connection", "Default", "--redirect-url", e.redirect)
		if code != ExitOK || strings.Contains(errOut, "new connection") {
			t.Fatalf("login --connection Default = %d:\n%s", code, errOut)
		}
		if tok := e.saved(t).Token; tok == nil || tok.AccessToken == accessToken {
			t.Error("the first connection was not signed in again")
		}
		if l := listOf(t, e.o); len(l.Connections) != 1 {
			t.Errorf("connections %q; want Main alone", l.Names())
		}
	})

	t.Run("the first connection's ID, deleted, is no new name", func(t *testing.T) {
		e := newLoginEnv(t)
		save(t, e.o, valid, "Ada")
		addConnection(t, e.o, "Acme", oauthflow.Token{}, "")
		s, _, err := store.Open(context.Background(), e.o.Store)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(context.Background(), store.DefaultConnection); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := e.login(context.Background(), "--connection", "DEFAULT", "--client-id", clientID, "--redirect-url", e.redirect)()
		if code != ExitUsage || !strings.Contains(errOut, "first connection") {
			t.Errorf("login --connection DEFAULT after it was deleted = %d:\n%s", code, errOut)
		}
		select {
		case u := <-e.opened:
			t.Errorf("the browser was opened at %s", u)
		default:
		}
	})
}
