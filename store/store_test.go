package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// needKeyring is for the tests about the real keychain: they check its
// entries from outside with secret-tool, or share it with child processes.
// `make test` and CI provide a throwaway Secret Service
// (scripts/with-keyring.sh, TOKENDESK_TEST_KEYRING=1), where a keychain
// that does not work is a failure; elsewhere they skip, and say why. Every
// other test runs on a keychain in memory (openMem), on any machine.
func needKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("TOKENDESK_TEST_KEYRING") != "1" {
		t.Skip("no Secret Service on this machine: this test is about the real keychain (secret-tool, or processes sharing it); make test runs it on a throwaway GNOME Keyring (scripts/with-keyring.sh)")
	}
	if _, err := exec.LookPath("secret-tool"); err != nil {
		t.Fatal("secret-tool is missing: install libsecret-tools")
	}
}

// testService is a keychain service name of the test's own.
func testService(t *testing.T) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return "TokenDesk-test-" + hex.EncodeToString(b)
}

// secretTool asks the Secret Service directly, bypassing our code.
func secretTool(t *testing.T, service, entry string) (string, bool) {
	t.Helper()
	out, err := exec.Command("secret-tool", "lookup", "service", service, "username", entry).Output()
	if err != nil {
		return "", false
	}
	return string(out), true
}

// keychainToken is the saved token as the Secret Service has it, in the
// slot settings.json names, read with secret-tool.
func keychainToken(t *testing.T, dir, service string) (access, refresh string, ok bool) {
	t.Helper()
	s := &Store{dir: dir}
	sf, _, _ := s.readSettings()
	cf := sf.conn(DefaultConnection)
	if cf == nil || cf.Token == nil {
		return "", "", false
	}
	a, r := entriesOf(DefaultConnection).tokens(cf.Token.Slot)
	access, ok = secretTool(t, service, a)
	refresh, _ = secretTool(t, service, r)
	return access, refresh, ok
}

// keychainTokenEntries lists the token entries the Secret Service holds
// for service, named by the settings or not.
func keychainTokenEntries(t *testing.T, service string) []string {
	t.Helper()
	var found []string
	for _, name := range entriesOf(DefaultConnection).all()[1:] {
		if _, ok := secretTool(t, service, name); ok {
			found = append(found, name)
		}
	}
	return found
}

// openMem opens the store in dir on the keychain in memory kr, under the
// tests' service "x".
func openMem(t *testing.T, dir string, kr *memKeyring) (*Store, []Notice) {
	t.Helper()
	s, notices, err := Open(context.Background(), Options{Dir: dir, Service: "x", Keyring: kr})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s, notices
}

// memTokenEntries lists the token entries kr holds, named by the settings
// or not: keychainTokenEntries for a keychain in memory.
func memTokenEntries(kr *memKeyring) []string {
	var found []string
	held := kr.held()
	for _, name := range entriesOf(DefaultConnection).all()[1:] {
		if _, ok := held[name]; ok {
			found = append(found, name)
		}
	}
	return found
}

func openReal(t *testing.T, dir, service string) (*Store, []Notice) {
	t.Helper()
	s, notices, err := Open(context.Background(), Options{Dir: dir, Service: service})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s, notices
}

var (
	sampleSettings = oauthflow.Settings{ClientID: "78abcdefgh1234", ClientSecret: "WPL_AP1.client-secret-value.Zm9v",
		RedirectURL: "http://localhost:8765/callback", Scopes: []string{"openid", "profile", "email"}}
	sampleToken = oauthflow.Token{
		AccessToken:           "AQV" + strings.Repeat("access-token-body-", 50), // ~900 characters, like LinkedIn's
		RefreshToken:          "AQX" + strings.Repeat("refresh-", 40),
		Scopes:                []string{"email", "openid", "profile"},
		ExpiresAt:             time.Date(2027, 1, 21, 10, 0, 0, 0, time.UTC),
		ObtainedAt:            time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC),
		RefreshTokenExpiresAt: time.Date(2027, 11, 22, 10, 0, 0, 0, time.UTC),
	}
)

func TestKeychainRoundTrip(t *testing.T) {
	needKeyring(t)
	ctx := context.Background()
	dir, service := t.TempDir(), testService(t)
	s, notices := openReal(t, dir, service)
	t.Cleanup(func() { _ = s.ForgetEverything(ctx) })
	if s.Backend() != BackendKeychain || len(notices) != 0 {
		t.Fatalf("backend %s, notices %v; want the keychain, silently", s.Backend(), notices)
	}

	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada Lovelace"); err != nil {
		t.Fatal(err)
	}
	if got, ok := secretTool(t, service, entryClientSecret); !ok || got != sampleSettings.ClientSecret {
		t.Errorf("secret-tool client-secret = %.20q (found %v), want the saved value", got, ok)
	}
	if a, r, ok := keychainToken(t, dir, service); !ok || a != sampleToken.AccessToken || r != sampleToken.RefreshToken {
		t.Errorf("secret-tool finds token %.20q / %.20q (found %v), want the saved one", a, r, ok)
	}
	assertNoSecretsOnDisk(t, dir, sampleSettings.ClientSecret, sampleToken.AccessToken, sampleToken.RefreshToken)

	// A restart: a new Store on the same folder and keychain.
	s2, _ := openReal(t, dir, service)
	got, err := s2.Conn(DefaultConnection).Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Settings.ClientID != sampleSettings.ClientID || got.Settings.ClientSecret != sampleSettings.ClientSecret ||
		got.Settings.RedirectURL != sampleSettings.RedirectURL || !slices.Equal(got.Settings.Scopes, sampleSettings.Scopes) {
		t.Errorf("settings after restart = %+v", got.Settings)
	}
	if got.Token == nil || got.Token.AccessToken != sampleToken.AccessToken || got.Token.RefreshToken != sampleToken.RefreshToken ||
		!got.Token.ExpiresAt.Equal(sampleToken.ExpiresAt) || got.Token.Account != "Ada Lovelace" ||
		!got.Token.RefreshTokenExpiresAt.Equal(sampleToken.RefreshTokenExpiresAt) || !slices.Equal(got.Token.Scopes, sampleToken.Scopes) {
		t.Fatalf("token after restart = %v", got.Token)
	}

	// Who it belongs to is remembered, for this token only.
	if err := s2.Conn(DefaultConnection).UpdateTokenInfo(ctx, sampleToken.AccessToken, TokenFacts{Account: "Ada L."}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Conn(DefaultConnection).UpdateTokenInfo(ctx, "another token", TokenFacts{Account: "Someone Else"}); !errors.Is(err, ErrTokenChanged) {
		t.Fatalf("UpdateTokenInfo for another token = %v, want ErrTokenChanged", err)
	}
	if got, _ := s2.Conn(DefaultConnection).Load(ctx); got.Token == nil || got.Token.Account != "Ada L." {
		t.Errorf("account after SaveAccount = %v", got.Token)
	}

	// Overwrite: a new token replaces the old, and a token without a
	// refresh token removes the old refresh token.
	newer := sampleToken
	newer.AccessToken, newer.RefreshToken = "AQVnewer-token", ""
	if err := s2.Conn(DefaultConnection).SaveToken(ctx, newer, ""); err != nil {
		t.Fatal(err)
	}
	if a, r, _ := keychainToken(t, dir, service); a != newer.AccessToken || r != "" {
		t.Errorf("keychain has %.20q / %.20q after overwrite", a, r)
	}
	if e := keychainTokenEntries(t, service); len(e) != 1 {
		t.Errorf("the keychain holds %v after overwrite: the old token and its refresh token must be gone", e)
	}

	// Clear: the token is gone from the keychain and the settings; the
	// form's settings stay.
	if err := s2.Conn(DefaultConnection).ClearToken(ctx, newer.AccessToken); err != nil {
		t.Fatal(err)
	}
	if e := keychainTokenEntries(t, service); len(e) != 0 {
		t.Errorf("token still in the keychain after Clear: %v", e)
	}
	got, err = s2.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Token != nil || got.Settings.ClientSecret != sampleSettings.ClientSecret {
		t.Errorf("after Clear: %+v, %v", got, err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, settingsFileName)); bytes.Contains(data, []byte(`"token"`)) {
		t.Errorf("settings still describe a token: %s", data)
	}

	// Forget everything: the client secret goes too.
	if err := s2.ForgetEverything(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := secretTool(t, service, entryClientSecret); ok {
		t.Error("client secret still in the keychain")
	}
	got, _ = s2.Conn(DefaultConnection).Load(ctx)
	if got.Settings.ClientID != "" || got.Settings.ClientSecret != "" {
		t.Errorf("after Forget: %+v", got.Settings)
	}
}

func TestTokenWithStaleDescription(t *testing.T) {
	ctx := context.Background()
	s, _ := openMem(t, t.TempDir(), newMemKeyring(nil))
	if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	// A crash after the keychain write and before the settings write.
	if err := s.keychain.set(ctx, entryAccessToken, "AQVa-token-the-settings-do-not-describe"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Token != nil {
		t.Fatalf("Load = %v, %v: a token the settings do not describe is no saved token", got.Token != nil, err)
	}
}

// The fallback runs in a child process whose D-Bus address leads nowhere,
// so the real go-keyring finds no Secret Service, as on a bare Linux box.
func TestFallbackWithoutSecretService(t *testing.T) {
	dir := t.TempDir()
	for round := 1; round <= 2; round++ {
		out, err := runChild(t, "TestChildFallback", dir, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(dir, "no-bus"))
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, out)
		}
		notice := strings.Contains(out, fmt.Sprintf("NOTICE: kind %d, ", NoticeSecretsInFile))
		if round == 1 && !notice {
			t.Errorf("the person was not told about the fallback:\n%s", out)
		}
		if round == 2 && notice {
			t.Errorf("the fallback notice came twice:\n%s", out)
		}
	}
	info, err := os.Stat(filepath.Join(dir, secretsFileName))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("secrets file mode %v, want 0600", info.Mode().Perm())
	}
	if d, _ := os.Stat(dir); d.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", d.Mode().Perm())
	}
	settings, _ := os.ReadFile(filepath.Join(dir, settingsFileName))
	for _, secret := range []string{sampleSettings.ClientSecret, sampleToken.AccessToken, sampleToken.RefreshToken} {
		if bytes.Contains(settings, []byte(secret)) {
			t.Error("a secret is in settings.json")
		}
	}

	// With a keychain again, the secrets move into it and the file goes.
	if os.Getenv("TOKENDESK_TEST_KEYRING") == "1" {
		ctx := context.Background()
		service := testService(t)
		s, _ := openReal(t, dir, service)
		t.Cleanup(func() { _ = s.ForgetEverything(ctx) })
		got, err := s.Conn(DefaultConnection).Load(ctx)
		if err != nil || got.Token == nil || got.Token.AccessToken != sampleToken.AccessToken || got.Settings.ClientSecret != sampleSettings.ClientSecret {
			t.Fatalf("after migration: %+v, %v", got, err)
		}
		if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, fs.ErrNotExist) {
			t.Error("the secrets file is still there after moving to the keychain")
		}
		if v, _, ok := keychainToken(t, dir, service); !ok || v != sampleToken.AccessToken {
			t.Error("the token did not reach the keychain")
		}
	}
}

func TestChildFallback(t *testing.T) {
	dir := childDir(t)
	ctx := context.Background()
	s, notices, err := Open(ctx, Options{Dir: dir, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notices {
		fmt.Printf("NOTICE: kind %d, %s\n", n.Kind, n.Path)
	}
	if s.Backend() != BackendFile {
		t.Fatalf("backend = %s, want file", s.Backend())
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil || got.Token.AccessToken != sampleToken.AccessToken || got.Settings.ClientSecret != sampleSettings.ClientSecret {
		t.Fatalf("Load = %+v, %v", got, err)
	}
}

func TestCorruptSettingsFile(t *testing.T) {
	tests := map[string][]byte{
		"empty":      {},
		"garbage":    []byte("\x00\x01 not json at all"),
		"truncated":  []byte(`{"version":1,"client_id":"78ab`),
		"wrong type": []byte(`{"version":1,"client_id":42,"scopes":"openid"}`),
		"huge":       bytes.Repeat([]byte(" "), maxFileSize+10),
		"array":      []byte(`[1,2,3]`),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, settingsFileName), content, 0o600); err != nil {
				t.Fatal(err)
			}
			s, notices := openMem(t, dir, newMemKeyring(nil))
			if len(notices) != 1 || notices[0].Reason != ReasonSettingsDamaged || !strings.HasSuffix(notices[0].Path, ".bak") {
				t.Fatalf("notices = %+v", notices)
			}
			kept, err := os.ReadFile(filepath.Join(dir, settingsFileName+".bak"))
			if err != nil || !bytes.Equal(kept, content) {
				t.Errorf("the damaged file was not kept aside intact: %v", err)
			}
			got, err := s.Conn(DefaultConnection).Load(context.Background())
			if err != nil || got.Settings.ClientID != "" {
				t.Errorf("Load = %+v, %v; want defaults", got, err)
			}
			if err := s.Conn(DefaultConnection).SaveSettings(context.Background(), oauthflow.Settings{ClientID: "x"}); err != nil {
				t.Errorf("saving after recovery: %v", err)
			}
		})
	}
}

// A writer killed in the middle of saving leaves the previous state or the
// new one, and it loads.
func TestCrashWhileSaving(t *testing.T) {
	needKeyring(t)
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildKeepsSaving$")
		cmd.Env = append(os.Environ(), "STORE_CHILD_DIR="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed while it saves: once it has saved (a busy machine may take
		// a while to start it), at a moment that differs each round.
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(filepath.Join(dir, settingsFileName)); err == nil {
				break
			}
		}
		time.Sleep(time.Duration(50+100*i) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()

		s, notices := openReal(t, dir, "TokenDesk-test-crash")
		if len(notices) != 0 {
			t.Fatalf("after a killed writer: %+v", notices)
		}
		got, err := s.Conn(DefaultConnection).Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got.Settings.RedirectURL, "http://localhost:8765/callback") {
			t.Errorf("round %d: redirect URL %q is neither old nor new", i, got.Settings.RedirectURL)
		}
		leftovers, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
		if len(leftovers) != 0 {
			t.Errorf("temporary files left: %v", leftovers)
		}
	}
	// A temporary file of a crash, half-written, is ignored and removed.
	half := filepath.Join(dir, tempPrefix+"settings.json-123")
	if err := os.WriteFile(half, []byte(`{"version":1,"client_id":"half`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ := openReal(t, dir, "TokenDesk-test-crash")
	if _, err := os.Stat(half); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the crash's temporary file was not removed")
	}
	_ = s.ForgetEverything(context.Background())
}

func TestChildKeepsSaving(t *testing.T) {
	dir := childDir(t)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: dir, Service: "TokenDesk-test-crash"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		set := sampleSettings
		set.RedirectURL = "http://localhost:8765/callback" + strings.Repeat("x", i%5000)
		if err := s.change(ctx, func(tx *txn) error {
			cf, err := s.Conn(DefaultConnection).forChange(tx)
			if err == nil {
				cf.RedirectURL = set.RedirectURL
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// A full disk is an error the person sees, and what was saved stays.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	out, err := runChild(t, "TestChildDiskFull", dir, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(dir, "no-bus"))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "REASON: disk_full") {
		t.Errorf("child output:\n%s", out)
	}
}

func TestChildDiskFull(t *testing.T) {
	dir := childDir(t)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: dir, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, oauthflow.Settings{ClientID: "before", ClientSecret: "s"}); err != nil {
		t.Fatal(err)
	}
	limitFileSize(t, 400)
	err = s.Conn(DefaultConnection).SaveSettings(ctx, oauthflow.Settings{ClientID: "after", RedirectURL: "http://localhost:8765/" + strings.Repeat("x", 2000)})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("SaveSettings on a full disk = %v", err)
	}
	fmt.Println("REASON: " + e.Reason)
	got, err := s.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Settings.ClientID != "before" {
		t.Fatalf("after the failed save: %+v, %v", got.Settings, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// runChild runs one Test function of this package in a child process.
func runChild(t *testing.T, test, dir string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(append(os.Environ(), "STORE_CHILD_DIR="+dir), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// childDir is the folder a child test works in; outside a child it skips.
func childDir(t *testing.T) string {
	dir := os.Getenv("STORE_CHILD_DIR")
	if dir == "" {
		t.Skip("runs as a child process of another test")
	}
	return dir
}

func assertNoSecretsOnDisk(t *testing.T, dir string, secrets ...string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds a secret", path)
			}
		}
		return nil
	})
}
