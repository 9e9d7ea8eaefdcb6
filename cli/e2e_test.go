//go:build linux

package cli

// End-to-end tests of the real binary against the fake LinkedIn, run by
// `make e2e-cli` (part of `make test`), which builds bin/tokendesk and sets
// TOKENDESK_E2E_BIN to it, inside a throwaway keyring
// (scripts/with-keyring.sh): the binary keeps its secrets under the real
// service name there. Linux only: they need its Secret Service and read
// the terminal's settings with termios calls other systems do not have.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/loopbacktest"
	"github.com/tokendesk/tokendesk/reminder"
)

const (
	e2eClientID      = "78e2eclient01"
	e2eClientSecret  = "e2e-client-secret-0001"
	e2eSecondID      = "78e2esecond02"
	e2eSecondSecret  = "e2e-second-secret-0002"
	e2ePasteRedirect = "https://example.com/tokendesk/callback"
)

// e2e is the binary, a settings folder of its own, the fake LinkedIn and
// a stand-in xdg-open that writes down the address it was asked to open.
type e2e struct {
	t      *testing.T
	bin    string
	dir    string
	fake   *fakelinkedin.Server
	port   int
	opened string // the stand-in xdg-open writes here
	env    []string
}

func newE2E(t *testing.T) *e2e {
	bin := os.Getenv("TOKENDESK_E2E_BIN")
	if bin == "" {
		t.Skip("set TOKENDESK_E2E_BIN to a built tokendesk (make e2e-cli does)")
	}
	if os.Getenv("TOKENDESK_TEST_KEYRING") != "1" {
		t.Skip("no Secret Service on this machine: the built binary keeps its secrets in the real keychain, under the real service name; make test (make e2e-cli) runs it on a throwaway GNOME Keyring (scripts/with-keyring.sh)")
	}
	e := &e2e{t: t, bin: bin, dir: t.TempDir(), port: loopbacktest.FreePort(t)}
	redirect := fmt.Sprintf("http://localhost:%d/callback", e.port)
	e.fake = fakelinkedin.Start(
		fakelinkedin.App{ClientID: e2eClientID, ClientSecret: e2eClientSecret, RedirectURLs: []string{redirect, e2ePasteRedirect},
			Scopes: []string{"openid", "profile", "email"}, Refresh: true},
		fakelinkedin.App{ClientID: e2eSecondID, ClientSecret: e2eSecondSecret, RedirectURLs: []string{redirect, e2ePasteRedirect},
			Scopes: []string{"openid", "profile", "email"}},
	)
	t.Cleanup(e.fake.Close)

	path := filepath.Join(e.dir, "path")
	e.opened = filepath.Join(e.dir, "opened-url")
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
	// It also keeps its environment, to check no secret reached the browser.
	script := "#!/bin/sh\nenv > '" + e.opened + ".env'\nprintf '%s' \"$1\" > '" + e.opened + "'\n"
	if err := os.WriteFile(filepath.Join(path, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "DISPLAY", "WAYLAND_DISPLAY", "LANG", "LC_ALL", "SSH_CONNECTION", "SSH_TTY", "WSL_DISTRO_NAME", "XDG_CONFIG_HOME", "TZ", "PATH",
			EnvClientSecret, "LINKEDIN_OAUTH_URL", "LINKEDIN_API_URL":
		default:
			e.env = append(e.env, kv)
		}
	}
	e.env = append(e.env,
		"PATH="+path+":"+os.Getenv("PATH"),
		"XDG_CONFIG_HOME="+filepath.Join(e.dir, "config"),
		"TZ=UTC",
		// As the Makefile does: Fyne, linked into the binary, complains on
		// stderr about the C locale (see the report on issue 12).
		"LANG=en_US.UTF-8",
		"LINKEDIN_OAUTH_URL="+e.fake.OAuthURL(),
		"LINKEDIN_API_URL="+e.fake.APIURL(),
	)
	return e
}

// loginInBrowser runs `login args…` with the client secret in the
// environment and presses Allow in the browser it opens.
func (e *e2e) loginInBrowser(t *testing.T, secret string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := e.command(ctx, []string{"DISPLAY=:99", EnvClientSecret + "=" + secret}, append([]string{"login"}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	page, err := fakelinkedin.NewBrowser("127.0.0.1").Open(ctx, e.waitOpened())
	if err != nil || !strings.Contains(page.Body, "connected") {
		t.Errorf("the browser's page: %v %q", err, page.Body)
	}
	return exitCode(t, cmd.Wait()), out.String(), errOut.String()
}

func (e *e2e) command(ctx context.Context, extraEnv []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, e.bin, args...)
	cmd.Env = append(append([]string{}, e.env...), extraEnv...)
	return cmd
}

// run runs the binary to its end.
func (e *e2e) run(args ...string) (code int, stdout, stderr string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := e.command(ctx, nil, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	return exitCode(e.t, cmd.Run()), out.String(), errOut.String()
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatalf("the binary did not run: %v", err)
	return -1
}

// waitOpened waits for the stand-in xdg-open to be asked to open a page.
func (e *e2e) waitOpened() string {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(e.opened); err == nil && len(b) > 0 {
			_ = os.Remove(e.opened)
			return string(b)
		}
		time.Sleep(20 * time.Millisecond)
	}
	e.t.Fatal("the browser was not opened")
	return ""
}

// documentedStatus is `status --json` as the README documents it.
type documentedStatus struct {
	Schema           int        `json:"schema"`
	Connection       string     `json:"connection"`
	ConnectionID     string     `json:"connection_id"`
	State            string     `json:"state"`
	Member           *string    `json:"member"`
	ClientID         string     `json:"client_id"`
	Scopes           []string   `json:"scopes"`
	ExpiresAt        *time.Time `json:"expires_at"`
	RefreshExpiresAt *time.Time `json:"refresh_expires_at"`
	ExpirySource     string     `json:"expiry_source"`
	Rejection        string     `json:"rejection"`
}

func (e *e2e) status() (int, documentedStatus) {
	e.t.Helper()
	code, out, errOut := e.run("status", "--json")
	var keys map[string]any
	if err := json.Unmarshal([]byte(out), &keys); err != nil {
		e.t.Fatalf("status --json = %d, not JSON (%v): %q %q", code, err, out, errOut)
	}
	for _, f := range statusFields {
		if _, ok := keys[f]; !ok {
			e.t.Errorf("status --json lacks %q", f)
		}
	}
	var st documentedStatus
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		e.t.Fatalf("status --json does not match the documented schema: %v\n%s", err, out)
	}
	return code, st
}

// TestE2E drives the built binary through one person's story: login in the
// browser, the commands scripts use, a login pasted on a terminal with the
// secret asked for, and a login cancelled with Ctrl-C.
func TestE2E(t *testing.T) {
	e := newE2E(t)
	redirect := fmt.Sprintf("http://localhost:%d/callback", e.port)
	var token string

	t.Run("login through the loopback receiver", func(t *testing.T) {
		code, out, errOut := e.loginInBrowser(t, e2eClientSecret, "--client-id", e2eClientID, "--redirect-url", redirect, "--scopes", "openid profile email")
		if code != ExitOK {
			t.Fatalf("login = %d:\n%s", code, errOut)
		}
		if out != "" || !strings.Contains(errOut, "Connected as Ada Lovelace.") {
			t.Errorf("login said %q on stdout, %q on stderr", out, errOut)
		}
		if strings.Contains(errOut, e2eClientSecret) {
			t.Error("login printed the client secret")
		}
		if env, err := os.ReadFile(e.opened + ".env"); err != nil || strings.Contains(string(env), e2eClientSecret) {
			t.Errorf("the browser was started with the client secret in its environment (or no record of it: %v)", err)
		}
		loopbacktest.AssertPortFree(t, e.port)
	})

	t.Run("token and its formats", func(t *testing.T) {
		code, out, errOut := e.run("token")
		token = strings.TrimSuffix(out, "\n")
		if code != ExitOK || len(token) < 20 || errOut != "" {
			t.Fatalf("token = %d, %d characters, %q", code, len(token), errOut)
		}
		for format, want := range map[string]string{
			"header": "Authorization: Bearer " + token + "\n",
			"env":    "LINKEDIN_ACCESS_TOKEN=" + token + "\n",
			"curl":   "curl -H 'Authorization: Bearer " + token + "' '" + e.fake.APIURL() + "/v2/userinfo'\n",
		} {
			if code, out, _ := e.run("token", "--format", format); code != ExitOK || out != want {
				t.Errorf("token --format %s = %d, %q", format, code, out)
			}
		}
	})

	// Issue 20: the token handed to a script in its environment only.
	t.Run("run -- python3", func(t *testing.T) {
		python, err := exec.LookPath("python3")
		if err != nil {
			t.Skip("no python3 on this machine")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// The child says what it got as a hash, and exits with 7.
		script := `import hashlib, os, re, sys
print(hashlib.sha256(os.environ["LINKEDIN_ACCESS_TOKEN"].encode()).hexdigest())
print("version ok" if re.fullmatch(r"20\d{4}", os.environ["LINKEDIN_VERSION"]) else "version bad")
print("stdin " + sys.stdin.read().strip())
sys.exit(7)`
		var out, errOut bytes.Buffer
		cmd := e.command(ctx, nil, "run", "--", python, "-c", script)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader("from the pipe\n"), &out, &errOut
		code := exitCode(t, cmd.Run())
		sum := sha256.Sum256([]byte(token))
		want := hex.EncodeToString(sum[:]) + "\nversion ok\nstdin from the pipe\n"
		if code != 7 || out.String() != want || errOut.String() != "" {
			t.Errorf("run -- python3 = %d, %q, %q; want 7, %q", code, out.String(), errOut.String(), want)
		}
		if strings.Contains(out.String()+errOut.String(), token) {
			t.Error("run printed the token")
		}
		if code, _, errOut := e.run("run", "--", "tokendesk-no-such-command"); code != ExitNotFound || !strings.Contains(errOut, "was found") {
			t.Errorf("run -- a command that is not there = %d, %q", code, errOut)
		}
	})

	t.Run("run: SIGTERM reaches the command, TokenDesk waits for it", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := e.command(ctx, nil, "run", "--", "sh", "-c", `trap 'exit 9' TERM; echo ready; while :; do sleep 0.1; done`)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no terminal: the signal comes from kill only
		var out lockedBuffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, &out, "ready")
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if code := exitCode(t, cmd.Wait()); code != 9 {
			t.Errorf("run after SIGTERM = %d, want the command's 9", code)
		}
	})

	// Issue 18: under the locales Docker, SSH and cron give, nothing but
	// TokenDesk's own words reaches stderr (Fyne, linked in, used to log
	// "Error parsing user locale C" three times in every command).
	t.Run("no words but TokenDesk's on stderr, in any locale", func(t *testing.T) {
		for _, env := range [][]string{{"LANG=C.UTF-8"}, {"LANG=C"}, {"LANG=POSIX"}, {"LANG="}, {"LANG=en_US.UTF-8", "LC_ALL=C.utf8"}} {
			for _, args := range [][]string{{"token"}, {"list"}, {"status", "--json"}} {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				var out, errOut bytes.Buffer
				cmd := e.command(ctx, env, args...)
				cmd.Stdout, cmd.Stderr = &out, &errOut
				code := exitCode(t, cmd.Run())
				cancel()
				if code != ExitOK || errOut.String() != "" {
					t.Errorf("%v tokendesk %v = %d, stderr %q", env, args, code, errOut.String())
				}
			}
		}
	})

	// Issue 18: the command line speaks English in every locale, as gh and
	// git do, from the same catalogue as the window: a German or French
	// locale (or LANGUAGE) changes none of its words, dates and durations
	// included, though the window would speak German or French there.
	t.Run("English in every locale", func(t *testing.T) {
		for _, args := range [][]string{{"status"}, {"list"}, {"token", "--format", "x"}, {"status", "--connection", "nope"}, {"reminder", "--help"}} {
			runIn := func(env []string) (int, string, string) {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				var out, errOut bytes.Buffer
				cmd := e.command(ctx, env, args...)
				cmd.Stdout, cmd.Stderr = &out, &errOut
				return exitCode(t, cmd.Run()), out.String(), errOut.String()
			}
			code, out, errOut := runIn(nil)
			if out+errOut == "" {
				t.Fatalf("tokendesk %v said nothing", args)
			}
			for _, env := range [][]string{{"LANG=de_DE.UTF-8"}, {"LANG=fr_FR.UTF-8", "LANGUAGE=fr:de"}, {"LANG=en_US.UTF-8", "LC_ALL=nl_NL.UTF-8"}, {"LANG=pt_BR.UTF-8", "LC_MESSAGES=it_IT.UTF-8"}} {
				if c, o, eo := runIn(env); c != code || o != out || eo != errOut {
					t.Errorf("%v tokendesk %v = %d\n%s%s\nin English = %d\n%s%s", env, args, c, o, eo, code, out, errOut)
				}
			}
		}
		if _, out, _ := e.run("status"); !strings.Contains(out, "Valid for 60 more days") {
			t.Errorf("status does not say how long the token is valid in English:\n%s", out)
		}
	})

	var expires time.Time
	t.Run("status --json", func(t *testing.T) {
		code, st := e.status()
		if code != ExitOK || st.Schema != 1 || st.Connection != "default" || st.State != StateValid || st.Member == nil || *st.Member != "Ada Lovelace" ||
			st.ClientID != e2eClientID || strings.Join(st.Scopes, " ") != "email openid profile" || st.ExpiresAt == nil || st.RefreshExpiresAt == nil ||
			st.ExpirySource != "token_inspector" {
			t.Fatalf("status --json = %d, %+v", code, st)
		}
		if d := time.Until(*st.ExpiresAt); d < 59*24*time.Hour || d > 60*24*time.Hour {
			t.Errorf("expires_at %v is not 60 days away", st.ExpiresAt)
		}
		if d := time.Until(*st.RefreshExpiresAt); d < 364*24*time.Hour || d > 365*24*time.Hour {
			t.Errorf("refresh_expires_at %v is not a year away", st.RefreshExpiresAt)
		}
		expires = *st.ExpiresAt
		_, out, _ := e.run("status")
		if strings.Contains(out, token) {
			t.Error("status printed the token")
		}
	})

	t.Run("reminder", func(t *testing.T) {
		code, out, errOut := e.run("reminder")
		if code != ExitOK {
			t.Fatalf("reminder = %d, %q", code, errOut)
		}
		cal, err := ics.ParseCalendar(strings.NewReader(out))
		if err != nil {
			t.Fatalf("reminder's output is not iCalendar: %v\n%s", err, out)
		}
		events := cal.Events()
		if len(events) != 2 {
			t.Fatalf("%d events, want 2 (access and refresh token)", len(events))
		}
		start, err := events[0].GetStartAt()
		want := reminder.At(expires, reminder.Options{Location: time.UTC})
		weekBefore := expires.AddDate(0, 0, -7).Format("2006-01-02")
		if err != nil || !start.Equal(want) || start.Format("2006-01-02 15:04") != weekBefore+" 09:00" {
			t.Errorf("the reminder starts %v (%v), want %v: 09:00 (TZ=UTC) a week before %v", start, err, want, expires)
		}
		if strings.Contains(out, token) {
			t.Error("the calendar holds the token")
		}
	})

	t.Run("check --json", func(t *testing.T) {
		code, out, errOut := e.run("check", "--json")
		var c struct {
			Schema    int     `json:"schema"`
			State     string  `json:"state"`
			MemberURN *string `json:"member_urn"`
			Products  []struct {
				ID      string  `json:"id"`
				Outcome string  `json:"outcome"`
				Reason  *string `json:"reason"`
			} `json:"products"`
			Pages      []any `json:"pages"`
			AdAccounts []any `json:"ad_accounts"`
		}
		if err := json.Unmarshal([]byte(out), &c); err != nil || code != ExitOK || c.Schema != 1 || c.State != StateValid {
			t.Fatalf("check --json = %d (%v): %q %q", code, err, out, errOut)
		}
		if c.MemberURN == nil || *c.MemberURN != "urn:li:person:"+fakelinkedin.DefaultMember.Sub {
			t.Errorf("member_urn = %v", c.MemberURN)
		}
		outcomes := map[string]string{}
		for _, p := range c.Products {
			outcomes[p.ID] = p.Outcome
		}
		if outcomes["openid-connect"] != "works" || outcomes["share"] != "not_asked" || outcomes["advertising"] != "not_asked" || len(c.Products) != 7 {
			t.Errorf("products: %v", outcomes)
		}
		if c.Pages != nil || c.AdAccounts != nil {
			t.Errorf("pages and ad accounts not read are null: %v %v", c.Pages, c.AdAccounts)
		}
		if strings.Contains(out+errOut, token) {
			t.Error("check --json printed the token")
		}
	})

	// Issue 19: a token revoked on LinkedIn is rejected, whatever its date.
	t.Run("status, check and run after LinkedIn revoked the token", func(t *testing.T) {
		e.fake.Revoke(token)
		code, st := e.status()
		if code != ExitNoUse || st.State != StateRejected || st.Rejection != "revoked" {
			t.Errorf("status --json after revocation = %d, %+v", code, st)
		}
		code, out, errOut := e.run("status")
		if code != ExitNoUse || !strings.Contains(errOut, "revoked") || strings.Contains(out+errOut, token) {
			t.Errorf("status after revocation = %d, %q, %q", code, out, errOut)
		}
		code, out, _ = e.run("check", "--json")
		var c struct {
			State string `json:"state"`
		}
		if err := json.Unmarshal([]byte(out), &c); err != nil || code != ExitNoUse || c.State != StateRejected {
			t.Errorf("check --json after revocation = %d (%v), %q", code, err, out)
		}
		// run agrees with status: nothing is started.
		code, out, errOut = e.run("run", "--", "sh", "-c", "echo started")
		if code != ExitNoUse || out != "" || !strings.Contains(errOut, "revoked") || !strings.Contains(errOut, "sh was not started") {
			t.Errorf("run after revocation = %d, %q, %q", code, out, errOut)
		}
		// --offline says what was saved, and says so.
		code, out, _ = e.run("status", "--json", "--offline")
		var off documentedStatus
		if err := json.Unmarshal([]byte(out), &off); err != nil || code != ExitOK || off.State != StateValid || off.ExpirySource != "saved" {
			t.Errorf("status --json --offline = %d (%v), %q", code, err, out)
		}
	})

	t.Run("login --paste on a terminal, the secret asked without echo", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		// Over SSH: no browser is tried, the link is printed.
		cmd := e.command(ctx, []string{"SSH_CONNECTION=192.0.2.1 50000 192.0.2.2 22"},
			"login", "--paste", "--client-id", e2eSecondID, "--redirect-url", e2ePasteRedirect)
		term, err := pty.Start(cmd)
		if err != nil {
			t.Fatal(err)
		}
		defer term.Close()
		screen := &lockedBuffer{}
		go func() { _, _ = copyAll(screen, term) }()

		waitFor(t, screen, "it is not shown as you type")
		// Type only once the terminal's echo is off, as a person would
		// after the prompt: ReadPassword turns it off just after the prompt.
		waitUntil(t, "echo off", func() bool {
			tio, err := unix.IoctlGetTermios(int(term.Fd()), unix.TCGETS)
			return err == nil && tio.Lflag&unix.ECHO == 0
		})
		fmt.Fprint(term, e2eSecondSecret+"\r")
		waitFor(t, screen, "paste it here. Then press Enter:")
		link := regexp.MustCompile(`https?://127\.0\.0\.1:\d+/oauth/v2/authorization\?\S+`).FindString(screen.String())
		if link == "" {
			t.Fatalf("no sign-in link on the terminal:\n%s", screen.String())
		}
		if _, err := os.Stat(e.opened); err == nil {
			t.Error("a browser was opened over SSH")
		}
		address, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(ctx, link)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprint(term, address+"\r")
		if code := exitCode(t, cmd.Wait()); code != ExitOK {
			t.Fatalf("login --paste = %d:\n%s", code, screen.String())
		}
		// What the process wrote last may reach the terminal's other end
		// after it has ended.
		waitFor(t, screen, "Connected as Ada Lovelace.")
		if strings.Contains(screen.String(), e2eSecondSecret) {
			t.Errorf("the client secret was echoed:\n%s", screen.String())
		}
		if code, st := e.status(); code != ExitOK || st.ClientID != e2eSecondID || st.RefreshExpiresAt != nil {
			t.Errorf("status after the second login = %d, %+v", code, st)
		}
	})

	t.Run("Ctrl-C at the secret's prompt gives the terminal its echo back", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := e.command(ctx, nil, "login", "--client-id", e2eClientID, "--redirect-url", redirect)
		// The test keeps the terminal's other end open too: the terminal's
		// settings outlive the process, as they do in a person's shell.
		term, tty, err := pty.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer term.Close()
		defer tty.Close()
		cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		screen := &lockedBuffer{}
		go func() { _, _ = copyAll(screen, term) }()
		waitFor(t, screen, "it is not shown as you type")
		echo := func() bool {
			tio, err := unix.IoctlGetTermios(int(term.Fd()), unix.TCGETS)
			return err == nil && tio.Lflag&unix.ECHO != 0
		}
		waitUntil(t, "echo off", func() bool { return !echo() })
		fmt.Fprint(term, "\x03") // Ctrl-C, typed: the terminal sends SIGINT
		if code := exitCode(t, cmd.Wait()); code != ExitCancelled {
			t.Errorf("login after Ctrl-C at the prompt = %d:\n%s", code, screen.String())
		}
		if !echo() {
			t.Error("the terminal was left without echo")
		}
	})

	t.Run("Ctrl-C frees the port", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		var errOut lockedBuffer
		cmd := e.command(ctx, []string{"DISPLAY=:99"}, "login", "--redirect-url", redirect)
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		e.waitOpened()
		waitFor(t, &errOut, "Ctrl-C to cancel")
		if l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", e.port)); err == nil {
			l.Close()
			t.Fatal("login is not listening on its port")
		}
		start := time.Now()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		code := exitCode(t, cmd.Wait())
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("login took %v to end after Ctrl-C", took)
		}
		loopbacktest.AssertPortFree(t, e.port)
		if code != ExitCancelled || !strings.Contains(errOut.String(), "Connecting was cancelled. Nothing was changed.") {
			t.Errorf("login after Ctrl-C = %d:\n%s", code, errOut.String())
		}
		// Nothing was changed: the second app's token is still the one.
		if code, st := e.status(); code != ExitOK || st.ClientID != e2eSecondID {
			t.Errorf("status after Ctrl-C = %d, %+v", code, st)
		}
	})

	// Last: it empties the keychain the steps above used.
	t.Run("the upgrade from TokenDesk before connections", func(t *testing.T) { e.upgrade(t) })
}

func copyAll(dst *lockedBuffer, src *os.File) (int64, error) {
	var n int64
	buf := make([]byte, 4096)
	for {
		k, err := src.Read(buf)
		if k > 0 {
			_, _ = dst.Write(buf[:k])
			n += int64(k)
		}
		if err != nil {
			return n, err
		}
	}
}

func waitFor(t *testing.T, b *lockedBuffer, text string) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("%q", text), func() bool { return strings.Contains(b.String(), text) })
}

var waitMu sync.Mutex // keeps waits' failure messages in order

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitMu.Lock()
	defer waitMu.Unlock()
	t.Fatalf("timed out waiting for %s", what)
}
