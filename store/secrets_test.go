package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// TestDamagedSecretsFile: a damaged secrets.json used to block every save
// for good, and once a keychain appeared, every start. It is moved aside,
// kept, and said once; saving works again.
func TestDamagedSecretsFile(t *testing.T) {
	damaged := []byte(`{"client-secret": "WPL_AP1.half-writ`)
	for _, withKeychain := range []bool{false, true} {
		name := "without a keychain"
		if withKeychain {
			name = "when a keychain appears"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`{"version":1,"secrets_in":"file","file_fallback_notice_shown":true}`), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, secretsFileName), damaged, 0o600); err != nil {
				t.Fatal(err)
			}
			opts := Options{Dir: dir, Keyring: brokenKeyring{}, Timeout: time.Second}
			if withKeychain {
				opts = Options{Dir: dir, Service: "x", Keyring: newMemKeyring(nil)}
			}
			s, notices, err := Open(ctx, opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			t.Cleanup(func() { _ = s.ForgetEverything(ctx) })
			bak := filepath.Join(dir, secretsFileName+".bak")
			if len(notices) != 1 || notices[0].Kind != NoticeDamagedFile || notices[0].Reason != ReasonSecretsDamaged || notices[0].Path != bak {
				t.Fatalf("notices = %+v, want one saying the file was kept as %s", notices, bak)
			}
			if kept, err := os.ReadFile(bak); err != nil || !bytes.Equal(kept, damaged) {
				t.Errorf("the damaged file was not kept intact: %v", err)
			}
			if info, err := os.Stat(bak); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("the kept file is not private: %v", info)
			}
			if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
				t.Fatalf("saving after the repair: %v", err)
			}
			if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, ""); err != nil {
				t.Fatalf("saving a token after the repair: %v", err)
			}
			got, err := s.Conn(DefaultConnection).Load(ctx)
			if err != nil || got.Token == nil || got.Settings.ClientSecret != sampleSettings.ClientSecret {
				t.Fatalf("Load = %+v, %v", got, err)
			}
			if _, again, err := Open(ctx, opts); err != nil || len(again) != 0 {
				t.Errorf("the next start: %v, notices %+v", err, again)
			}
		})
	}
}

// TestDamagedSecretsFileReadOnly: the command line says the file is
// damaged and leaves it for the window to repair.
func TestDamagedSecretsFileReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`{"version":1,"secrets_in":"file"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, secretsFileName), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _, err := Open(ctx, Options{Dir: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conn(DefaultConnection).Load(ctx); !errors.Is(err, ErrUnreadable) {
		t.Fatalf("Load = %v, want ErrUnreadable", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, secretsFileName)); string(data) != "garbage" {
		t.Error("a read-only store moved the damaged file")
	}
}

// Without a keychain, the connections share the private file: deleting one
// leaves the others' entries, Forget everything removes the file.
func TestSecretsFileWithSeveralConnections(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, _, err := Open(ctx, Options{Dir: dir, Keyring: brokenKeyring{}, Service: "x", Timeout: time.Second})
	if err != nil || s.Backend() != BackendFile {
		t.Fatal(err)
	}
	_ = saveSignIn(ctx, s.Conn(DefaultConnection), sampleSettings, tokN("d"), "")
	a, _ := s.Add(ctx, "A", oauthflow.Settings{ClientID: "a", ClientSecret: "sa"})
	b, _ := s.Add(ctx, "B", oauthflow.Settings{ClientID: "b", ClientSecret: "sb"})
	_ = s.Conn(a).SaveToken(ctx, tokN("a1"), "")
	_ = s.Conn(a).SaveToken(ctx, tokN("a2"), "")
	_ = s.Conn(b).SaveToken(ctx, tokN("b"), "")
	if err := s.Delete(ctx, a); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ id, sec, tok string }{{DefaultConnection, sampleSettings.ClientSecret, "AQV-d"}, {b, "sb", "AQV-b"}} {
		got, err := s.Conn(c.id).Load(ctx)
		if err != nil || got.Settings.ClientSecret != c.sec || got.Token == nil || got.Token.AccessToken != c.tok {
			t.Errorf("%s after deleting A: %v", c.id, err)
		}
	}
	if err := s.ForgetEverything(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, os.ErrNotExist) {
		m, _ := s.file.read()
		t.Errorf("after Forget everything secrets.json holds %v", keys(m))
	}
}
