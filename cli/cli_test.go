package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.Local)

const (
	accessToken  = "AQVcli-test-token-0123456789abcdefghijklmnop"
	clientID     = "78cliclient01"
	clientSecret = "cli-secret"
)

// testStore opens a real store in a folder of the test's own, on a keychain
// in memory of its own: the command line's tests are not about the
// keychain, and run on a machine that has only Go. (TestE2E runs the built
// binary on the real one.)
func testStore(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	opts := store.Options{Dir: dir, Service: "TokenDesk-clitest-" + hex.EncodeToString(b), Keyring: memkeyring.New(), Timeout: 20 * time.Second}
	// The person was told about a keychain fallback before.
	if err := os.WriteFile(filepath.Join(dir, "settings.json"), []byte(`{"version":1,"file_fallback_notice_shown":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, _, err := store.Open(context.Background(), opts); err == nil {
			_ = s.ForgetEverything(context.Background())
		}
	})
	// LinkedIn is nowhere: status asks it, and a test that means it to
	// answer starts the fake. These tests never reach the real one.
	return Options{Store: opts, Now: func() time.Time { return now }, Endpoints: nowhere}
}

// nowhere is a LinkedIn that cannot be reached: a loopback port nothing
// listens on.
var nowhere = linkedin.Endpoints{OAuthURL: "http://127.0.0.1:1/oauth/v2", APIURL: "http://127.0.0.1:1"}

// save is the window saving a token: a writable store.
func save(t *testing.T, o Options, tok oauthflow.Token, account string) {
	t.Helper()
	s, _, err := store.Open(context.Background(), o.Store)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(store.DefaultConnection).SaveSettings(context.Background(), oauthflow.Settings{ClientID: clientID, ClientSecret: clientSecret}); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(store.DefaultConnection).SaveToken(context.Background(), tok, account); err != nil {
		t.Fatal(err)
	}
}

func run(o Options, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, &out, &errOut, o)
	mustBeFilled(args, out.String()+errOut.String())
	return code, out.String(), errOut.String()
}

// mustBeFilled panics, failing the test that ran the command, when what
// it said has a catalogue placeholder the code gave no value for: the
// catalogue's template then writes "<no value>".
func mustBeFilled(args []string, said string) {
	if strings.Contains(said, "<no value>") {
		panic(fmt.Sprintf("tokendesk %v said a sentence with a placeholder left empty:\n%s", args, said))
	}
}

func TestToken(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour), Scopes: []string{"openid"}}, "Ada")
	code, out, errOut := run(o, "token")
	if code != ExitOK || out != accessToken+"\n" || errOut != "" {
		t.Fatalf("token = %d, %q, %q; want only the token on stdout", code, out, errOut)
	}
}

func TestStatusNeverPrintsTheToken(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(60 * 24 * time.Hour), ObtainedAt: now,
		Scopes: []string{"email", "openid", "profile"}}, "Ada Lovelace")
	code, out, errOut := run(o, "status")
	if code != ExitOK {
		t.Fatalf("status = %d, %q", code, errOut)
	}
	for _, want := range []string{"Ada Lovelace", clientID, "email, openid, profile", "Valid for 60 more days, until 21 Jan 2027."} {
		if !strings.Contains(out, want) {
			t.Errorf("status does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errOut, accessToken) || strings.Contains(out+errOut, accessToken[8:20]) {
		t.Error("status printed the token")
	}
}

func TestNoTokenOrExpired(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		o := testStore(t)
		for _, cmd := range []string{"token", "status"} {
			code, out, errOut := run(o, cmd)
			if code != ExitNoUse || out != "" || !strings.Contains(errOut, `Run "tokendesk login" to sign in`) {
				t.Errorf("%s with no token = %d, %q, %q", cmd, code, out, errOut)
			}
		}
	})
	t.Run("expired", func(t *testing.T) {
		o := testStore(t)
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(-time.Hour)}, "")
		code, out, errOut := run(o, "token")
		if code != ExitNoUse || out != "" || !strings.Contains(errOut, "Expired on 22 Nov 2026.") {
			t.Errorf("token when expired = %d, %q, %q", code, out, errOut)
		}
		code, out, _ = run(o, "status")
		if code != ExitNoUse || !strings.Contains(out, "Expired on") {
			t.Errorf("status when expired = %d, %q", code, out)
		}
	})
}

func TestUsage(t *testing.T) {
	o := testStore(t)
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"help"}, ExitOK},
		{[]string{"--help"}, ExitOK},
		{[]string{"tokens"}, ExitUsage},
		{[]string{"token", "extra"}, ExitUsage},
	}
	for _, tt := range tests {
		code, out, errOut := run(o, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, "tokendesk token") {
			t.Errorf("%v = %d, want %d with the usage", tt.args, code, tt.code)
		}
	}
}

// TestUnknownExpiryIsNeverValid: a token whose expiry is not known (one
// imported from a credentials.json, or whose description a crash lost) is
// not printed as if it worked: LinkedIn's Token Inspector is asked once,
// and when it cannot be, the exit code says so.
func TestUnknownExpiryIsNeverValid(t *testing.T) {
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret,
		RedirectURLs: []string{"http://localhost:8765/callback"}, Scopes: []string{"openid", "profile"}})
	t.Cleanup(fake.Close)
	endpoints := linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}

	t.Run("LinkedIn says it works", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints, o.Now = endpoints, time.Now
		tok := fake.Issue(clientID, []string{"openid"})
		save(t, o, oauthflow.Token{AccessToken: tok}, "")
		if code, out, errOut := run(o, "token"); code != ExitOK || out != tok+"\n" {
			t.Fatalf("token = %d, %.20q, %q", code, out, errOut)
		}
		code, out, _ := run(o, "status")
		if code != ExitOK || !strings.Contains(out, "Valid for 60 more days") || !strings.Contains(out, "Token Inspector") {
			t.Errorf("status = %d:\n%s", code, out)
		}
	})
	t.Run("LinkedIn says it was revoked", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints, o.Now = endpoints, time.Now
		tok := fake.Issue(clientID, []string{"openid"})
		fake.Revoke(tok)
		save(t, o, oauthflow.Token{AccessToken: tok}, "")
		if code, out, errOut := run(o, "token"); code != ExitNoUse || out != "" || !strings.Contains(errOut, "revoked") {
			t.Errorf("token = %d, %.20q, %q", code, out, errOut)
		}
	})
	t.Run("LinkedIn cannot be reached", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints = linkedin.Endpoints{OAuthURL: "http://127.0.0.1:1/oauth/v2", APIURL: "http://127.0.0.1:1"}
		save(t, o, oauthflow.Token{AccessToken: accessToken}, "")
		for _, cmd := range []string{"token", "status"} {
			if code, out, errOut := run(o, cmd); code != ExitUnknown || out != "" || !strings.Contains(errOut, "expiry is not known") {
				t.Errorf("%s = %d, %.20q, %q; want exit %d and why", cmd, code, out, errOut, ExitUnknown)
			}
		}
	})
	t.Run("no client secret to ask with", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints = endpoints
		s, _, err := store.Open(context.Background(), o.Store)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Conn(store.DefaultConnection).SaveToken(context.Background(), oauthflow.Token{AccessToken: accessToken}, ""); err != nil {
			t.Fatal(err)
		}
		if code, out, errOut := run(o, "token"); code != ExitUnknown || out != "" || !strings.Contains(errOut, "Client secret") {
			t.Errorf("token = %d, %.20q, %q", code, out, errOut)
		}
	})
}

// TestCommandsOnlyRead: `tokendesk token` and `status` leave the settings
// folder exactly as they found it (they used to rewrite settings.json with
// what they had read, over the window's newer save).
func TestCommandsOnlyRead(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	before := listing(t, o.Store.Dir)
	for _, cmd := range []string{"token", "status"} {
		if code, _, errOut := run(o, cmd); code != ExitOK {
			t.Fatalf("%s = %d, %q", cmd, code, errOut)
		}
	}
	if after := listing(t, o.Store.Dir); after != before {
		t.Errorf("the commands changed the settings folder:\nbefore %s\nafter  %s", before, after)
	}
}

func listing(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, _ := e.Info()
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b.WriteString(e.Name() + " " + info.ModTime().Format(time.RFC3339Nano) + " " + string(data) + "; ")
	}
	return b.String()
}

// lockedKeyring is a keychain whose unlock prompt was dismissed.
type lockedKeyring struct{}

func (lockedKeyring) Get(string, string) (string, error) {
	return "", errors.New("failed to unlock correct collection")
}
func (lockedKeyring) Set(string, string, string) error {
	return errors.New("failed to unlock correct collection")
}
func (lockedKeyring) Delete(string, string) error {
	return errors.New("failed to unlock correct collection")
}

// TestLockedKeychainIsNotNoToken: when the keychain cannot be read, whether
// the token works is not known: exit 3, not 1 ("connect again").
func TestLockedKeychainIsNotNoToken(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	o.Store.Keyring = lockedKeyring{}
	for _, cmd := range []string{"token", "status"} {
		if code, out, errOut := run(o, cmd); code != ExitUnknown || out != "" || !strings.Contains(errOut, "keychain") {
			t.Errorf("%s with a locked keychain = %d, %.20q, %q", cmd, code, out, errOut)
		}
	}
}

// The terminal says the step of each fact as a command: the same words as
// the window's, but for the step.
func TestStepIsACommand(t *testing.T) {
	const login, status = "tokendesk login --connection Acme", "tokendesk status --connection Acme"
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&store.Error{Reason: store.ReasonKeychainLocked},
			`TokenDesk could not read your client secret and token from the keychain. Unlock your keychain (or answer its password prompt). Nothing saved was changed. Run "tokendesk status --connection Acme" again.`},
		{&oauthflow.Error{Kind: oauthflow.KindTokenRejected, Reason: oauthflow.ReasonRefreshRejected},
			`LinkedIn would not renew the token: its refresh token is invalid, expired or revoked. Your current token is kept while it lasts. Run "tokendesk login --connection Acme" to sign in again.`},
		{&oauthflow.Error{Kind: oauthflow.KindLinkedInDown, Reason: oauthflow.ReasonTokenUnavailable},
			`LinkedIn had a problem and could not give you a token. It is usually back within a minute. Run "tokendesk status --connection Acme" again later.`},
		{&oauthflow.Error{Kind: oauthflow.KindNetwork, Reason: oauthflow.ReasonNoReceiver},
			`TokenDesk could not wait for the browser on this computer. The address your browser shows after you sign in can bring your token to TokenDesk instead. Run "tokendesk login --connection Acme --paste" and paste the address.`},
		{&store.Error{Reason: store.ReasonNameTaken, Name: "Acme"},
			`There is already a connection named "Acme". Choose another name.`},
	} {
		if got := explained(tt.err, login, status); got != tt.want {
			t.Errorf("explained(%v) =\n%s\nwant\n%s", tt.err, got, tt.want)
		}
	}
}
