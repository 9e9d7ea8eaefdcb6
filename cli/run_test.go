package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// The commands `tokendesk run` runs in these tests are this test binary
// itself, started as a child that does one thing (TestRunChild): they
// run wherever the tests do, Windows included, with no shell.
const childSwitch = "TOKENDESK_RUN_TEST_CHILD"

// childCommand is the command line of a child that does what args say.
func childCommand(t *testing.T, args ...string) []string {
	t.Helper()
	t.Setenv(childSwitch, "1")
	// The child is a test binary, not TokenDesk: under a C locale Fyne's
	// locale complaint at its start would reach run's stderr, which the
	// tests read. TokenDesk itself quiets it (internal/quietlocale).
	t.Setenv("LANGUAGE", "en")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{exe, "-test.run=^TestRunChild$", "--"}, args...)
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestRunChild is not a test: it is the child of the tests of run,
// started by childCommand, and does what its arguments say.
func TestRunChild(t *testing.T) {
	if os.Getenv(childSwitch) != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(child(t, args))
}

func child(t *testing.T, args []string) int {
	switch args[0] {
	case "env": // what it was given, the token as its hash
		n := 0
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); sameEnvName(name, EnvAccessToken) {
				n++
			}
		}
		fmt.Printf("token %s\nversion %s\ncount %d\n", hash(os.Getenv(EnvAccessToken)), os.Getenv(EnvAPIVersion), n)
		return 0
	case "exit":
		code, _ := strconv.Atoi(args[1])
		return code
	case "cat": // stdin to stdout, and a word on stderr
		_, _ = io.Copy(os.Stdout, os.Stdin)
		fmt.Fprint(os.Stderr, "to stderr")
		return 0
	case "args":
		fmt.Print(strings.Join(args[1:], "\n"))
		return 0
	case "has": // whether each variable named is in its environment
		for _, name := range args[1:] {
			_, ok := os.LookupEnv(name)
			fmt.Printf("%s %v\n", name, ok)
		}
		return 0
	}
	return childOnThisSystem(t, args)
}

func TestRun(t *testing.T) {
	o := testStore(t)
	o.Stdin = strings.NewReader("")
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	addConnection(t, o, "Acme", oauthflow.Token{AccessToken: acmeToken, ExpiresAt: now.Add(30 * 24 * time.Hour)}, "Bob")
	addConnection(t, o, "Old", oauthflow.Token{AccessToken: "AQVold-token", ExpiresAt: now.Add(-time.Hour)}, "")
	addConnection(t, o, "Empty", oauthflow.Token{}, "")
	// A token left in the shell from before is not the one the command gets.
	t.Setenv(EnvAccessToken, "stale-token")
	version := linkedin.DefaultAPIVersion(now)
	seen := func(token string) string { return "token " + hash(token) + "\nversion " + version + "\ncount 1\n" }

	dir := t.TempDir()
	notExecutable := filepath.Join(dir, "script.sh")
	if err := os.WriteFile(notExecutable, []byte("#!/bin/sh\necho ran\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		args           []string
		stdin          string
		code           int
		stdout, stderr string // stdout whole; a part of stderr
	}{
		{name: "the token and version in the environment", args: append([]string{"run", "--"}, childCommand(t, "env")...), stdout: seen(accessToken)},
		{name: "--connection", args: append([]string{"run", "--connection", "acme", "--"}, childCommand(t, "env")...), stdout: seen(acmeToken)},
		{name: "exit 0", args: append([]string{"run", "--"}, childCommand(t, "exit", "0")...)},
		{name: "exit 3", args: append([]string{"run", "--"}, childCommand(t, "exit", "3")...), code: 3},
		{name: "exit 42", args: append([]string{"run", "--"}, childCommand(t, "exit", "42")...), code: 42},
		{name: "exit 255", args: append([]string{"run", "--"}, childCommand(t, "exit", "255")...), code: 255},
		{name: "stdin, stdout, stderr", args: append([]string{"run", "--"}, childCommand(t, "cat")...), stdin: "line one\nline two\n",
			stdout: "line one\nline two\n", stderr: "to stderr"},
		{name: "the command's flags are its own", args: append([]string{"run", "--"}, childCommand(t, "args", "--connection", "x", "--", "--help")...),
			stdout: "--connection\nx\n--\n--help"},
		{name: "expired: nothing run", args: append([]string{"run", "--connection", "Old", "--"}, childCommand(t, "env")...), code: ExitNoUse,
			stderr: "Expired on 22 Nov 2026."},
		{name: "no token: nothing run", args: append([]string{"run", "--connection", "Empty", "--"}, childCommand(t, "env")...), code: ExitNoUse,
			stderr: "No token is saved"},
		{name: "unknown connection", args: append([]string{"run", "--connection", "Nope", "--"}, childCommand(t, "env")...), code: ExitUsage,
			stderr: `there is no connection named "Nope"`},
		{name: "no --", args: append([]string{"run", "--connection", "Acme"}, childCommand(t, "env")[0], "-x"), code: ExitUsage,
			stderr: "put -- before the command, so that its own flags are not taken for TokenDesk's: tokendesk run --connection Acme -- "},
		{name: "nothing after --", args: []string{"run", "--"}, code: ExitUsage, stderr: "which command? Put it after --"},
		{name: "no command at all", args: []string{"run"}, code: ExitUsage, stderr: "which command?"},
		{name: "a flag of run's own", args: []string{"run", "--format", "raw", "--", "x"}, code: ExitUsage, stderr: "flag provided but not defined: -format"},
		{name: "not found", args: []string{"run", "--", "tokendesk-no-such-command"}, code: ExitNotFound,
			stderr: `tokendesk run: no command tokendesk-no-such-command was found.`},
		{name: "not found, by path", args: []string{"run", "--", filepath.Join(dir, "nope")}, code: ExitNotFound, stderr: "was found"},
	}
	if runtime.GOOS != "windows" { // Windows runs what its extension says, not what a mode bit does
		tests = append(tests, []struct {
			name           string
			args           []string
			stdin          string
			code           int
			stdout, stderr string
		}{
			{name: "not executable", args: []string{"run", "--", notExecutable}, code: ExitCannotRun, stderr: "cannot be run: it is not a program you may run"},
			{name: "a folder", args: []string{"run", "--", dir}, code: ExitCannotRun, stderr: "cannot be run"},
		}...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := o
			o.Stdin = strings.NewReader(tt.stdin)
			code, out, errOut := run(o, tt.args...)
			if code != tt.code || out != tt.stdout || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("%q = %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.stdout, tt.stderr)
			}
			if tt.code == ExitNoUse && !strings.Contains(errOut, "was not started") {
				t.Errorf("a refusal does not say the command was not started: %q", errOut)
			}
			for _, tok := range []string{accessToken, acmeToken, "AQVold-token"} {
				if strings.Contains(out+errOut, tok) {
					t.Errorf("run printed a token: %q %q", out, errOut)
				}
			}
		})
	}
	if got := os.Getenv(EnvAccessToken); got != "stale-token" {
		t.Errorf("TokenDesk's own environment changed: %s is %q", EnvAccessToken, got)
	}
}

// TestRunUnknownIsRefused: a token whose expiry is not known and that
// LinkedIn cannot be asked about is not known to work: run starts nothing
// and exits with 1 (token and status say 3: not known).
func TestRunUnknownIsRefused(t *testing.T) {
	o := testStore(t)
	o.Stdin = strings.NewReader("")
	o.Endpoints = linkedin.Endpoints{OAuthURL: "http://127.0.0.1:1/oauth/v2", APIURL: "http://127.0.0.1:1"}
	save(t, o, oauthflow.Token{AccessToken: accessToken}, "")
	code, out, errOut := run(o, append([]string{"run", "--"}, childCommand(t, "env")...)...)
	if code != ExitNoUse || out != "" || !strings.Contains(errOut, "expiry is not known") || !strings.Contains(errOut, "was not started") {
		t.Errorf("run with a token not known to work = %d, %q, %q", code, out, errOut)
	}
	if code, _, _ := run(o, "status"); code != ExitUnknown {
		t.Errorf("status = %d, want %d", code, ExitUnknown)
	}
}

// TestRunAsksLinkedIn: run starts the command exactly when status says the
// token works: LinkedIn's Token Inspector is asked, and a token it no
// longer accepts is refused whatever its saved date.
func TestRunAsksLinkedIn(t *testing.T) {
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret,
		RedirectURLs: []string{"http://localhost:8765/callback"}, Scopes: []string{"openid", "profile"}})
	t.Cleanup(fake.Close)
	for _, tt := range []struct {
		name    string
		revoked bool
		args    []string
		code    int
		stderr  string
	}{
		{name: "accepted", code: ExitOK},
		{name: "revoked", revoked: true, code: ExitNoUse, stderr: "revoked"},
		{name: "revoked, --offline", revoked: true, args: []string{"--offline"}, code: ExitOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := testStore(t)
			o.Stdin = strings.NewReader("")
			o.Endpoints, o.Now = linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, time.Now
			tok := fake.Issue(clientID, []string{"openid"})
			if tt.revoked {
				fake.Revoke(tok)
			}
			save(t, o, oauthflow.Token{AccessToken: tok, ExpiresAt: time.Now().Add(59 * 24 * time.Hour)}, "")
			args := append(append([]string{"run"}, tt.args...), "--")
			code, out, errOut := run(o, append(args, childCommand(t, "env")...)...)
			want := ""
			if tt.code == ExitOK {
				want = "token " + hash(tok) + "\nversion " + linkedin.DefaultAPIVersion(time.Now()) + "\ncount 1\n"
			}
			if code != tt.code || out != want || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("run %q = %d, %q, %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, want, tt.stderr)
			}
			if tt.code == ExitOK && errOut != "" {
				t.Errorf("run said %q", errOut)
			}
			// status agrees.
			if status, _, _ := run(o, append([]string{"status"}, tt.args...)...); status != tt.code {
				t.Errorf("status %q = %d, run = %d", tt.args, status, code)
			}
		})
	}
}

// TestRunLinkedInUnreachable: when LinkedIn cannot be asked, the saved
// expiry decides, as for status, and run says so before the command.
func TestRunLinkedInUnreachable(t *testing.T) {
	o := testStore(t) // LinkedIn is nowhere
	o.Stdin = strings.NewReader("")
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	code, out, errOut := run(o, append([]string{"run", "--"}, childCommand(t, "exit", "5")...)...)
	if code != 5 || out != "" || !strings.Contains(errOut, "Token Inspector could not be asked, so this is what was saved") {
		t.Errorf("run with LinkedIn unreachable = %d, %q, %q", code, out, errOut)
	}
	if code, _, errOut := run(o, append([]string{"run", "--offline", "--"}, childCommand(t, "exit", "5")...)...); code != 5 || errOut != "" {
		t.Errorf("run --offline = %d, %q: LinkedIn is not asked, nothing to say", code, errOut)
	}
}

func TestRunHelp(t *testing.T) {
	o := testStore(t)
	code, out, _ := run(o, "run", "--help")
	for _, want := range []string{"Usage: tokendesk run [--connection NAME] [--offline] -- COMMAND [ARGS...]", "LINKEDIN_ACCESS_TOKEN", "LINKEDIN_VERSION", "127"} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("run --help = %d, without %q:\n%s", code, want, out)
		}
	}
	if _, out, _ := run(o, "--help"); !strings.Contains(out, "tokendesk run ") {
		t.Errorf("the usage does not list run:\n%s", out)
	}
}

// TestRunKeepsTheClientSecretFromTheCommand: the command gets the access
// token, not the app's client secret that TokenDesk may have been given in
// its own environment for login (as login keeps it from the browser).
func TestRunKeepsTheClientSecretFromTheCommand(t *testing.T) {
	o := testStore(t)
	o.Stdin = strings.NewReader("")
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	t.Setenv(EnvClientSecret, "the-client-secret")
	code, out, errOut := run(o, append([]string{"run", "--offline", "--"}, childCommand(t, "has", EnvClientSecret, EnvAccessToken)...)...)
	want := EnvClientSecret + " false\n" + EnvAccessToken + " true\n"
	if code != ExitOK || out != want {
		t.Errorf("run = %d, stdout %q, stderr %q; want 0, %q", code, out, errOut, want)
	}
	if got := os.Getenv(EnvClientSecret); got != "the-client-secret" {
		t.Errorf("TokenDesk's own environment changed: %s is %q", EnvClientSecret, got)
	}
}

func TestChildEnv(t *testing.T) {
	got := childEnv([]string{"PATH=/bin", "LINKEDIN_ACCESS_TOKEN=old", "HOME=/h", "LINKEDIN_VERSION=202001", "X=LINKEDIN_ACCESS_TOKEN=y"},
		"LINKEDIN_ACCESS_TOKEN=new", "LINKEDIN_VERSION=202608")
	want := []string{"PATH=/bin", "HOME=/h", "X=LINKEDIN_ACCESS_TOKEN=y", "LINKEDIN_ACCESS_TOKEN=new", "LINKEDIN_VERSION=202608"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("childEnv = %q, want %q", got, want)
	}
}
