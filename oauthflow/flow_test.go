package oauthflow_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/loopbacktest"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

const (
	clientID     = "78testclient01"
	clientSecret = "WPL_AP1.test-secret.Zm9vYmFy"
)

// world is one test's LinkedIn app, fake LinkedIn and redirect URL.
type world struct {
	t        *testing.T
	fake     *fakelinkedin.Server
	port     int
	redirect string
}

// newWorld registers redirect (with %d for a free port) on a fake LinkedIn
// app that allows the scopes of both self-serve products.
func newWorld(t *testing.T, redirectPattern string, change ...func(*fakelinkedin.App)) *world {
	t.Helper()
	w := &world{t: t, port: freePort(t)}
	w.redirect = redirectPattern
	if strings.Contains(redirectPattern, "%d") {
		w.redirect = fmt.Sprintf(redirectPattern, w.port)
	}
	app := fakelinkedin.App{
		ClientID:     clientID,
		ClientSecret: clientSecret,
		RedirectURLs: []string{w.redirect},
		Scopes:       []string{"openid", "profile", "email", "w_member_social"},
	}
	for _, c := range change {
		c(&app)
	}
	w.fake = fakelinkedin.Start(app)
	t.Cleanup(w.fake.Close)
	return w
}

func (w *world) config(change ...func(*oauthflow.Config)) oauthflow.Config {
	cfg := oauthflow.Config{
		Settings: oauthflow.Settings{
			ClientID:     clientID,
			ClientSecret: clientSecret,
			RedirectURL:  w.redirect,
			Scopes:       oauthflow.DefaultScopes,
		},
		Endpoint: linkedin.Endpoints{OAuthURL: w.fake.OAuthURL(), APIURL: w.fake.APIURL()}.Flow(),
		Timeout:  20 * time.Second,
		Page:     words.BrowserPage,
	}
	for _, c := range change {
		c(&cfg)
	}
	return cfg
}

func (w *world) begin(change ...func(*oauthflow.Config)) *oauthflow.Flow {
	w.t.Helper()
	f, err := oauthflow.Begin(context.Background(), w.config(change...))
	if err != nil {
		w.t.Fatalf("Begin: %v", err)
	}
	w.t.Cleanup(f.Close)
	return f
}

// result is what Wait returned, collected from a goroutine.
type result struct {
	tok oauthflow.Token
	err error
}

func waitAsync(f *oauthflow.Flow) <-chan result {
	ch := make(chan result, 1)
	go func() {
		tok, err := f.Wait(context.Background())
		ch <- result{tok, err}
	}()
	return ch
}

func get(t *testing.T, ch <-chan result) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("Wait did not return")
		return result{}
	}
}

var (
	freePort       = loopbacktest.FreePort
	assertPortFree = loopbacktest.AssertPortFree
	haveIPv6       = loopbacktest.HaveIPv6
)

func TestConnectLoopback(t *testing.T) {
	for _, tc := range []struct {
		name, redirect, browserResolves string
	}{
		{"localhost over 127.0.0.1", "http://localhost:%d/callback", "127.0.0.1"},
		{"localhost over ::1", "http://localhost:%d/callback", "::1"},
		{"127.0.0.1", "http://127.0.0.1:%d/callback", "127.0.0.1"},
		{"[::1]", "http://[::1]:%d/callback", "::1"},
		{"trailing slash", "http://localhost:%d/callback/", "127.0.0.1"},
		{"no path", "http://localhost:%d", "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.browserResolves == "::1" && !haveIPv6() {
				t.Skip("no IPv6 loopback on this machine")
			}
			w := newWorld(t, tc.redirect)
			f := w.begin()
			if f.Mode() != oauthflow.Loopback {
				t.Fatalf("mode = %v", f.Mode())
			}
			done := waitAsync(f)
			page, err := fakelinkedin.NewBrowser(tc.browserResolves).Open(context.Background(), f.AuthURL())
			if err != nil {
				t.Fatalf("browser: %v", err)
			}
			r := get(t, done)
			if r.err != nil {
				t.Fatalf("Wait: %v", r.err)
			}
			if page.Status != http.StatusOK || !shows(page, "You're connected") {
				t.Errorf("browser shows %d %q", page.Status, page.Body)
			}
			issued := w.fake.Issued()
			if len(issued) != 1 || issued[0].AccessToken != r.tok.AccessToken {
				t.Fatalf("token %v is not the one LinkedIn issued", r.tok)
			}
			if !slices.Equal(r.tok.Scopes, []string{"email", "openid", "profile"}) {
				t.Errorf("scopes = %q", r.tok.Scopes)
			}
			if d := time.Until(r.tok.ExpiresAt); d < 59*24*time.Hour || d > 61*24*time.Hour {
				t.Errorf("expires in %v, want 60 days", d)
			}
			if r.tok.IDToken == "" {
				t.Error("no id_token kept")
			}
			if r.tok.RefreshToken != "" {
				t.Error("a refresh token from an app without refresh")
			}
			assertPortFree(t, w.port)
		})
	}
}

func TestCredentialsGoInTheBody(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	f := w.begin()
	done := waitAsync(f)
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL()); err != nil {
		t.Fatal(err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	reqs := w.fake.TokenRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d token requests, want exactly 1 (a code is exchanged once)", len(reqs))
	}
	req := reqs[0]
	if req.BasicAuth || len(req.Query) > 0 {
		t.Errorf("credentials outside the body: basic=%v query=%v", req.BasicAuth, req.Query)
	}
	for k, want := range map[string]string{"client_id": clientID, "client_secret": clientSecret, "grant_type": "authorization_code", "redirect_uri": w.redirect} {
		if got := req.Form.Get(k); got != want {
			t.Errorf("form %s = %q, want %q", k, got, want)
		}
	}
}

func TestAuthURL(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	a, b := w.begin(), newWorldFlowSamePort(t, w)
	ua, err := url.Parse(a.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	q := ua.Query()
	if ua.Path != "/oauth/v2/authorization" || q.Get("response_type") != "code" || q.Get("client_id") != clientID ||
		q.Get("redirect_uri") != w.redirect || q.Get("scope") != "openid profile email" {
		t.Errorf("authorization URL = %s", a.AuthURL())
	}
	if q.Has("client_secret") || strings.Contains(a.AuthURL(), clientSecret) {
		t.Error("the client secret is in the browser's address")
	}
	state := q.Get("state")
	if len(state) != 43 || strings.ContainsAny(state, "+/=") {
		t.Errorf("state %q is not 32 bytes of base64url", state)
	}
	ub, _ := url.Parse(b)
	if ub.Query().Get("state") == state {
		t.Error("two flows share a state")
	}
}

// newWorldFlowSamePort starts a second flow on another port against the same
// fake, and returns its authorization URL.
func newWorldFlowSamePort(t *testing.T, w *world) string {
	cfg := w.config()
	cfg.Settings.RedirectURL = fmt.Sprintf("http://localhost:%d/callback", freePort(t))
	f, err := oauthflow.Begin(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.AuthURL()
}

func TestStrayRequestsDoNotEndTheFlow(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback/")
	f := w.begin()
	done := waitAsync(f)
	base := fmt.Sprintf("http://127.0.0.1:%d", w.port)
	state := mustState(t, f.AuthURL())

	cases := []struct {
		path   string
		status int
	}{
		{"/favicon.ico", 404},
		{"/", 404},
		{"/callback", 404}, // the registered URL has a trailing slash
		{"/callback/?code=x&state=forged-" + state[:5], 400},
		{"/callback/?code=x", 400},
		{"/callback/?state=" + state, 400}, // right state, but neither code nor error
		{"/callback/?error=user_cancelled_login", 400},
		// The right state, but hidden from a strict reading: refused, not half-read.
		{"/callback/?code=x&state=" + state + "%zz", 400},
		{"/callback/?code=x&state=" + state + ";", 400},
		{"/callback/?code=x&state=" + state + "&state=" + state, 400},
		{"/callback/?code=x&STATE=" + state, 400},
		{"/callback/?error=user_cancelled_login&state=" + state + "&x=%zz", 400},
	}
	for _, c := range cases {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatalf("GET %s: %v", c.path, err)
		}
		body := readAll(t, resp)
		if resp.StatusCode != c.status {
			t.Errorf("GET %s = %d, want %d", c.path, resp.StatusCode, c.status)
		}
		if strings.Contains(body, state) {
			t.Errorf("GET %s echoes the expected state", c.path)
		}
		if c.status == 400 && !strings.Contains(body, "out of date") {
			t.Errorf("GET %s: page %q does not say the link is stale", c.path, body)
		}
	}
	resp, err := http.Post(base+"/callback/?code=x&state="+state, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	if readAll(t, resp); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d", resp.StatusCode)
	}
	// A page elsewhere that re-points its own name at 127.0.0.1.
	req, _ := http.NewRequest("GET", base+"/callback/?code=x&state="+state, nil)
	req.Host = "attacker.example:" + strconv.Itoa(w.port)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 404 {
		t.Errorf("foreign Host header: %v %v", resp, err)
	} else {
		readAll(t, resp)
	}

	select {
	case r := <-done:
		t.Fatalf("flow ended early: %v", r.err)
	default:
	}
	page, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, done); r.err != nil || !shows(page, "You're connected") {
		t.Fatalf("after stray requests: %v, page %q", r.err, page.Body)
	}
	assertPortFree(t, w.port)
}

func TestLinkedInErrorsEndTheFlow(t *testing.T) {
	tests := []struct {
		name     string
		decision fakelinkedin.Decision
		scopes   []string
		app      func(*fakelinkedin.App)
		cfg      func(*oauthflow.Config)
		want     *oauthflow.Error
	}{
		{name: "member cancels sign-in", decision: fakelinkedin.CancelLogin, want: oauthflow.ErrCancelledLogin},
		{name: "member cancels consent", decision: fakelinkedin.CancelAuthorize, want: oauthflow.ErrCancelledAuthorize},
		{name: "app lacks Share on LinkedIn", scopes: []string{"openid", "w_member_social"},
			app: func(a *fakelinkedin.App) { a.Scopes = []string{"openid", "profile", "email"} }, want: oauthflow.ErrUnauthorizedScope},
		{name: "wrong client secret", cfg: func(c *oauthflow.Config) { c.Settings.ClientSecret = "not-the-secret" }, want: oauthflow.ErrBadClient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var changes []func(*fakelinkedin.App)
			if tt.app != nil {
				changes = append(changes, tt.app)
			}
			w := newWorld(t, "http://localhost:%d/callback", changes...)
			w.fake.SetDecision(tt.decision)
			f := w.begin(func(c *oauthflow.Config) {
				if tt.scopes != nil {
					c.Settings.Scopes = tt.scopes
				}
				if tt.cfg != nil {
					tt.cfg(c)
				}
			})
			done := waitAsync(f)
			page, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL())
			if err != nil {
				t.Fatal(err)
			}
			r := get(t, done)
			if !errors.Is(r.err, tt.want) {
				t.Fatalf("Wait = %v, want %s", r.err, tt.want.Kind)
			}
			msg, _, _ := words.Explain(r.err)
			if !shows(page, msg) || !strings.Contains(page.Body, "could not connect") {
				t.Errorf("browser page does not show %q: %s", msg, page.Body)
			}
			assertNoSecrets(t, r.err)
			assertPortFree(t, w.port)
		})
	}
}

func TestPortBusy(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", w.port))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = oauthflow.Begin(context.Background(), w.config())
	if !errors.Is(err, oauthflow.ErrPortBusy) {
		t.Fatalf("Begin = %v, want ErrPortBusy", err)
	}
	if e := oauthflow.AsError(err); e.Port != w.port || !strings.Contains(e.Address, strconv.Itoa(w.port+1)) {
		t.Errorf("error %+v does not name the port and another one", e)
	}
	if msg, hint, _ := words.Explain(err); !strings.Contains(msg, strconv.Itoa(w.port)) || !strings.Contains(hint, strconv.Itoa(w.port+1)) {
		t.Errorf("message %q / hint %q do not name the port and another one", msg, hint)
	}
	l.Close()
	// Nothing of ours was left listening on the other address.
	assertPortFree(t, w.port)
}

func TestPortBusyOnIPv6Only(t *testing.T) {
	if !haveIPv6() {
		t.Skip("no IPv6 loopback")
	}
	w := newWorld(t, "http://localhost:%d/callback")
	l, err := net.Listen("tcp", fmt.Sprintf("[::1]:%d", w.port))
	if err != nil {
		t.Fatal(err)
	}
	_, err = oauthflow.Begin(context.Background(), w.config())
	l.Close()
	if !errors.Is(err, oauthflow.ErrPortBusy) {
		t.Fatalf("Begin = %v, want ErrPortBusy", err)
	}
	assertPortFree(t, w.port)
}

func TestTimeout(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	f := w.begin(func(c *oauthflow.Config) { c.Timeout = 150 * time.Millisecond })
	r := get(t, waitAsync(f))
	if !errors.Is(r.err, oauthflow.ErrTimeout) {
		t.Fatalf("Wait = %v, want ErrTimeout", r.err)
	}
	if next := words.NextStep(r.err); next != words.NextPaste {
		t.Errorf("NextStep = %d: it does not offer the paste flow", next)
	}
	assertPortFree(t, w.port)
	// The browser coming back late finds nothing listening.
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL()); err == nil {
		t.Error("the receiver still answered after the timeout")
	}
}

func TestCancel(t *testing.T) {
	t.Run("context", func(t *testing.T) {
		w := newWorld(t, "http://localhost:%d/callback")
		f := w.begin()
		ctx, cancel := context.WithCancel(context.Background())
		ch := make(chan error, 1)
		go func() { _, err := f.Wait(ctx); ch <- err }()
		time.Sleep(20 * time.Millisecond)
		cancel()
		if err := <-ch; !errors.Is(err, oauthflow.ErrCancelled) {
			t.Fatalf("Wait = %v, want ErrCancelled", err)
		}
		assertPortFree(t, w.port)
	})
	t.Run("Close", func(t *testing.T) {
		w := newWorld(t, "http://localhost:%d/callback")
		f := w.begin()
		done := waitAsync(f)
		time.Sleep(20 * time.Millisecond)
		f.Close()
		assertPortFree(t, w.port) // free as soon as Close returns
		if r := get(t, done); !errors.Is(r.err, oauthflow.ErrCancelled) {
			t.Fatalf("Wait = %v, want ErrCancelled", r.err)
		}
		if _, err := f.Wait(context.Background()); !errors.Is(err, oauthflow.ErrFlowOver) {
			t.Errorf("second Wait = %v, want ErrFlowOver", err)
		}
	})
	// A browser that preconnected and never sent a request must not hold
	// Close up (it did for 2 s, on the window's UI goroutine): Close cuts
	// such connections at once, so by the time it returns the browser's
	// connection is closed, not still waiting for a grace period to pass.
	t.Run("Close with a half-open connection", func(t *testing.T) {
		// Were Close to wait for the grace period, it would wait an hour;
		// net/http's own rule cuts a silent new connection after 5 s. Close
		// does neither: it takes milliseconds, so 3 s is a bound, not a
		// measurement.
		defer oauthflow.SetShutdownGrace(time.Hour)()
		w := newWorld(t, "http://localhost:%d/callback")
		f := w.begin()
		done := waitAsync(f)
		conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", w.port))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		closed := make(chan struct{})
		go func() { f.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(3 * time.Second):
			t.Fatal("Close waited for the half-open connection")
		}
		assertPortFree(t, w.port)
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		if n, err := conn.Read(make([]byte, 1)); !errors.Is(err, io.EOF) && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("the half-open connection was not closed by Close: read %d, %v", n, err)
		}
		if r := get(t, done); !errors.Is(r.err, oauthflow.ErrCancelled) {
			t.Fatalf("Wait = %v, want ErrCancelled", r.err)
		}
	})
	t.Run("Close during the token exchange", func(t *testing.T) {
		w := newWorld(t, "http://localhost:%d/callback")
		w.fake.SetTokenDelay(10 * time.Second)
		f := w.begin()
		done := waitAsync(f)
		pageCh := make(chan fakelinkedin.Page, 1)
		go func() {
			p, _ := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL())
			pageCh <- p
		}()
		waitFor(t, func() bool { return len(w.fake.TokenRequests()) == 1 })
		start := time.Now()
		f.Close()
		r := get(t, done)
		if !errors.Is(r.err, oauthflow.ErrCancelled) || time.Since(start) > 5*time.Second {
			t.Fatalf("Wait = %v after %v", r.err, time.Since(start))
		}
		if p := <-pageCh; !shows(p, "stopped waiting") {
			t.Errorf("browser page = %q", p.Body)
		}
		assertPortFree(t, w.port)
	})
}

func TestPasteFlow(t *testing.T) {
	messy := []struct {
		name string
		form func(addr string) string
	}{
		{"as copied", func(a string) string { return a }},
		{"without scheme", func(a string) string { return strings.TrimPrefix(a, "https://") }},
		{"in quotes with spaces", func(a string) string { return `  "` + a + `" ` }},
		{"in angle brackets", func(a string) string { return "<" + a + ">" }},
		{"with a line break", func(a string) string { return a[:len(a)/2] + "\n" + a[len(a)/2:] + "\n" }},
	}
	for _, m := range messy {
		t.Run(m.name, func(t *testing.T) {
			w := newWorld(t, "https://example.com/linkedin/callback")
			f := w.begin()
			if f.Mode() != oauthflow.Paste {
				t.Fatalf("mode = %v, want paste", f.Mode())
			}
			done := waitAsync(f)
			addr, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), f.AuthURL())
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SubmitPaste(m.form(addr)); err != nil {
				t.Fatalf("SubmitPaste: %v", err)
			}
			r := get(t, done)
			if r.err != nil {
				t.Fatalf("Wait: %v", r.err)
			}
			if r.tok.AccessToken != w.fake.Issued()[0].AccessToken {
				t.Error("not the issued token")
			}
			if err := f.SubmitPaste(m.form(addr)); !errors.Is(err, oauthflow.ErrFlowOver) {
				t.Errorf("second paste = %v, want ErrFlowOver", err)
			}
		})
	}
}

func TestPasteMistakesKeepTheFlowWaiting(t *testing.T) {
	w := newWorld(t, "https://example.com/linkedin/callback")
	f := w.begin()
	done := waitAsync(f)
	addr := signedInAddress(t, f)
	forged := strings.Replace(addr, "state=", "state=x", 1)
	for _, bad := range []struct {
		text string
		want *oauthflow.Error
	}{
		{"", oauthflow.ErrNotARedirect},
		{"hello there", oauthflow.ErrNotARedirect},
		{f.AuthURL(), oauthflow.ErrNotARedirect}, // the sign-in page itself
		{forged, oauthflow.ErrStateMismatch},
	} {
		if err := f.SubmitPaste(bad.text); !errors.Is(err, bad.want) {
			t.Errorf("SubmitPaste(%.40q) = %v, want %s", bad.text, err, bad.want.Kind)
		}
	}
	select {
	case r := <-done:
		t.Fatalf("flow ended on a bad paste: %v", r.err)
	default:
	}
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatal(err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatal(r.err)
	}
}

// TestPasteIsSingleUse: a second paste, even before Wait has picked up the
// first, is refused at once rather than queued or blocked.
func TestPasteIsSingleUse(t *testing.T) {
	w := newWorld(t, "https://example.com/linkedin/callback")
	f := w.begin()
	addr := signedInAddress(t, f)
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() { second <- f.SubmitPaste(addr) }()
	select {
	case err := <-second:
		if !errors.Is(err, oauthflow.ErrFlowOver) {
			t.Fatalf("second paste = %v, want ErrFlowOver", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second paste blocked")
	}
	if r := get(t, waitAsync(f)); r.err != nil {
		t.Fatal(r.err)
	}
	if n := len(w.fake.TokenRequests()); n != 1 {
		t.Errorf("%d exchanges, want 1", n)
	}
}

func TestPastedLinkedInError(t *testing.T) {
	w := newWorld(t, "https://example.com/linkedin/callback")
	w.fake.SetDecision(fakelinkedin.CancelAuthorize)
	f := w.begin()
	done := waitAsync(f)
	addr := signedInAddress(t, f)
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatalf("SubmitPaste = %v; LinkedIn's error should end the flow through Wait", err)
	}
	if r := get(t, done); !errors.Is(r.err, oauthflow.ErrCancelledAuthorize) {
		t.Fatalf("Wait = %v", r.err)
	}
}

func TestSwitchToPaste(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	f := w.begin()
	done := waitAsync(f)
	f.SwitchToPaste()
	if f.Mode() != oauthflow.Paste {
		t.Fatal("mode did not change")
	}
	assertPortFree(t, w.port) // the firewall case: nothing listens any more
	// The browser lands on "This site can't be reached"; the person copies the address.
	addr := signedInAddress(t, f)
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatal(err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatal(r.err)
	}
}

func TestPasteWhileListening(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	f := w.begin()
	done := waitAsync(f)
	addr := signedInAddress(t, f)
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatal(err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	assertPortFree(t, w.port)
}

func TestCodeProblems(t *testing.T) {
	t.Run("expired", func(t *testing.T) {
		w := newWorld(t, "https://example.com/linkedin/callback")
		f := w.begin()
		done := waitAsync(f)
		addr := signedInAddress(t, f)
		later := time.Now().Add(31 * time.Minute)
		w.fake.SetClock(func() time.Time { return later })
		if err := f.SubmitPaste(addr); err != nil {
			t.Fatal(err)
		}
		r := get(t, done)
		if !errors.Is(r.err, oauthflow.ErrCodeRejected) {
			t.Fatalf("Wait = %v, want ErrCodeRejected", r.err)
		}
		assertNoSecrets(t, r.err, codeOf(addr))
	})
	t.Run("used twice", func(t *testing.T) {
		w := newWorld(t, "https://example.com/linkedin/callback")
		code := w.fake.IssueCode(clientID, w.redirect, oauthflow.DefaultScopes)
		for i, want := range []*oauthflow.Error{nil, oauthflow.ErrCodeRejected} {
			f := w.begin()
			done := waitAsync(f)
			if err := f.SubmitPaste(w.returnWith(t, f, code)); err != nil {
				t.Fatal(err)
			}
			r := get(t, done)
			if want == nil && r.err != nil || want != nil && !errors.Is(r.err, want) {
				t.Fatalf("exchange %d = %v, want %v", i+1, r.err, want)
			}
			if r.err != nil {
				assertNoSecrets(t, r.err, code)
			}
		}
	})
	t.Run("unknown", func(t *testing.T) {
		w := newWorld(t, "https://example.com/linkedin/callback")
		f := w.begin()
		done := waitAsync(f)
		if err := f.SubmitPaste(w.returnWith(t, f, "AQTnotacodethatexists")); err != nil {
			t.Fatal(err)
		}
		if r := get(t, done); !errors.Is(r.err, oauthflow.ErrCodeRejected) {
			t.Fatalf("Wait = %v", r.err)
		}
	})
}

func TestTokenEndpointFailures(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		delay       time.Duration
		want        *oauthflow.Error
	}{
		{"LinkedIn down", 503, "text/html", "<html>Service Unavailable</html>", 0, oauthflow.ErrLinkedInDown},
		{"garbage JSON", 200, "application/json", `{"access_tok`, 0, oauthflow.ErrLinkedInError},
		{"no access token", 200, "application/json", `{"expires_in": 5184000}`, 0, oauthflow.ErrLinkedInError},
		{"redirect elsewhere", 307, "text/plain", "moved", 0, oauthflow.ErrLinkedInError},
		{"slow", 0, "", "", 2 * time.Second, oauthflow.ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, "https://example.com/linkedin/callback")
			w.fake.FailTokenEndpoint(tt.status, tt.contentType, tt.body)
			w.fake.SetTokenDelay(tt.delay)
			f := w.begin(func(c *oauthflow.Config) {
				c.HTTPClient = oauthflow.NewHTTPClient()
				c.HTTPClient.Timeout = 300 * time.Millisecond
			})
			done := waitAsync(f)
			code := w.fake.IssueCode(clientID, w.redirect, oauthflow.DefaultScopes)
			if err := f.SubmitPaste(w.returnWith(t, f, code)); err != nil {
				t.Fatal(err)
			}
			r := get(t, done)
			if !errors.Is(r.err, tt.want) {
				t.Fatalf("Wait = %v, want %s", r.err, tt.want.Kind)
			}
			assertNoSecrets(t, r.err, code)
		})
	}
	t.Run("unreachable", func(t *testing.T) {
		w := newWorld(t, "https://example.com/linkedin/callback")
		cfg := w.config()
		cfg.Endpoint.TokenURL = fmt.Sprintf("http://127.0.0.1:%d/oauth/v2/accessToken", freePort(t)) // nothing there
		f, err := oauthflow.Begin(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		done := waitAsync(f)
		if err := f.SubmitPaste(w.returnWith(t, f, "AQTsomecode12345")); err != nil {
			t.Fatal(err)
		}
		if r := get(t, done); !errors.Is(r.err, oauthflow.ErrNetwork) {
			t.Fatalf("Wait = %v, want ErrNetwork", r.err)
		}
	})
}

func TestRefreshTokenIsKept(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback", func(a *fakelinkedin.App) { a.Refresh = true })
	f := w.begin()
	done := waitAsync(f)
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL()); err != nil {
		t.Fatal(err)
	}
	r := get(t, done)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.tok.RefreshToken == "" {
		t.Fatal("no refresh token")
	}
	if d := time.Until(r.tok.RefreshTokenExpiresAt); d < 364*24*time.Hour || d > 366*24*time.Hour {
		t.Errorf("refresh token expires in %v, want 365 days", d)
	}
}

func TestPKCE(t *testing.T) {
	w := newWorld(t, "http://127.0.0.1:%d/callback", func(a *fakelinkedin.App) { a.NativePKCE = true })
	f := w.begin(func(c *oauthflow.Config) {
		c.Settings.PKCE = true
		c.Settings.ClientSecret = ""
	})
	u, _ := url.Parse(f.AuthURL())
	if u.Path != "/oauth/native-pkce/authorization" || u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("code_challenge") == "" {
		t.Fatalf("authorization URL = %s", f.AuthURL())
	}
	done := waitAsync(f)
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL()); err != nil {
		t.Fatal(err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatalf("Wait: %v", r.err)
	}
	if v := w.fake.TokenRequests()[0].Form.Get("code_verifier"); len(v) < 43 {
		t.Errorf("code_verifier %q", v)
	}
}

// TestPastedCodeOfAnotherSignIn is the attack of issue #9: a code from
// someone else's sign-in to the same app, pasted with no state, as a bare
// code, or with its state hidden from a lenient parser. None is exchanged;
// the flow goes on waiting for the real one.
func TestPastedCodeOfAnotherSignIn(t *testing.T) {
	w := newWorld(t, "https://example.com/linkedin/callback")
	f := w.begin()
	done := waitAsync(f)
	theirs := w.fake.IssueCode(clientID, w.redirect, oauthflow.DefaultScopes) // the attacker's own sign-in
	state := mustState(t, f.AuthURL())
	for _, paste := range []string{
		w.redirect + "?code=" + theirs,
		theirs,
		w.redirect + "?code=" + theirs + "&STATE=" + state,
		w.redirect + "?code=" + theirs + "&state=" + state + "%zz",
		w.redirect + "?code=" + theirs + "&state=" + state + ";",
		"https://evil.example/linkedin/callback?code=" + theirs + "&state=" + state,
	} {
		if err := f.SubmitPaste(paste); err == nil {
			t.Fatalf("SubmitPaste(%q) accepted a code this flow did not ask for", paste)
		}
	}
	if n := len(w.fake.TokenRequests()); n != 0 {
		t.Fatalf("%d codes were sent to LinkedIn", n)
	}
	addr, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), f.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatalf("the real address: %v", err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatalf("Wait: %v", r.err)
	}
}

// TestPastedBareCodeWithPKCE: the verifier binds a code to this flow, so
// a code pasted on its own is enough.
func TestPastedBareCodeWithPKCE(t *testing.T) {
	w := newWorld(t, "http://127.0.0.1:%d/callback", func(a *fakelinkedin.App) { a.NativePKCE = true })
	f := w.begin(func(c *oauthflow.Config) {
		c.Settings.PKCE = true
		c.Settings.ClientSecret = ""
	})
	f.SwitchToPaste()
	done := waitAsync(f)
	addr, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), f.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPaste(codeOf(addr)); err != nil {
		t.Fatalf("SubmitPaste: %v", err)
	}
	if r := get(t, done); r.err != nil {
		t.Fatalf("Wait: %v", r.err)
	}
}

func TestBeginRefusesInvalidSettings(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	_, err := oauthflow.Begin(context.Background(), w.config(func(c *oauthflow.Config) { c.Settings.Scopes = []string{"r_liteprofile"} }))
	if !errors.Is(err, oauthflow.ErrInvalidSettings) {
		t.Fatalf("Begin = %v", err)
	}
	assertPortFree(t, w.port)
}

// TestConcurrentCallbacks: two browser tabs coming back at once with the
// same state; exactly one is accepted and the code is exchanged once.
func TestConcurrentCallbacks(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback")
	w.fake.SetTokenDelay(200 * time.Millisecond)
	f := w.begin()
	done := waitAsync(f)
	addr := signedInAddress(t, f)
	var wg sync.WaitGroup
	pages := make([]string, 4)
	for i := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), addr); err == nil {
				pages[i] = p.Body
			}
		}()
	}
	wg.Wait()
	if r := get(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	connected := 0
	for _, p := range pages {
		if strings.Contains(html.UnescapeString(p), "You're connected") {
			connected++
		}
	}
	if connected != 1 || len(w.fake.TokenRequests()) != 1 {
		t.Errorf("%d pages say connected, %d exchanges; want 1 and 1", connected, len(w.fake.TokenRequests()))
	}
}

// signedInAddress is where LinkedIn sends the browser after the member
// signs in: what the address bar shows, for the paste flow.
func signedInAddress(t *testing.T, f *oauthflow.Flow) string {
	t.Helper()
	addr, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(context.Background(), f.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

func assertNoSecrets(t *testing.T, err error, more ...string) {
	t.Helper()
	e := oauthflow.AsError(err)
	msg, hint, detail := words.Explain(err)
	text := err.Error() + msg + hint + detail + e.Detail() + fmt.Sprintf("%v %+v", err, err)
	for _, s := range append([]string{clientSecret}, more...) {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("error text shows a secret: %s", text)
		}
	}
}

// returnWith is the address the browser would land on with code, for this
// flow: its redirect URL and its state.
func (w *world) returnWith(t *testing.T, f *oauthflow.Flow, code string) string {
	return w.redirect + "?code=" + url.QueryEscape(code) + "&state=" + mustState(t, f.AuthURL())
}

func mustState(t *testing.T, authURL string) string {
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("state")
}

func codeOf(addr string) string {
	u, _ := url.Parse(addr)
	return u.Query().Get("code")
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return sb.String()
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// shows reports whether the page the browser shows has text on it.
func shows(p fakelinkedin.Page, text string) bool {
	return strings.Contains(html.UnescapeString(p.Body), text)
}
