package store

// Found by an adversarial review of the two-slot store: each of these lost
// the saved token or secret before the fix.

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// REVIEW 1: a damaged settings.json makes the next Open delete the live
// token from the keychain (the defaults name no token, so both slots are
// "leftovers").
func TestDamagedSettingsDeleteNoToken(t *testing.T) {
	needKeyring(t)
	dir, service := t.TempDir(), testService(t)
	s, _ := openReal(t, dir, service)
	ctx := context.Background()
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	if _, ok := secretTool(t, service, entryAccessToken); !ok {
		t.Fatal("setup: token not in keychain")
	}
	// A damaged settings file (truncated, a bad sector, an editor, ...).
	if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`{"version":1,"client_id":"78ab`), 0o600); err != nil {
		t.Fatal(err)
	}
	openReal(t, dir, service)
	if _, ok := secretTool(t, service, entryAccessToken); !ok {
		t.Error("the live access token was deleted from the keychain because settings.json was damaged")
	}
	if _, ok := secretTool(t, service, entryRefreshToken); !ok {
		t.Error("the live refresh token was deleted from the keychain because settings.json was damaged")
	}
}

// REVIEW 2: damaged settings.json + a keychain locked at that start puts the
// store in file mode; the next start with the keychain unlocked "migrates"
// the empty file into the keychain, deleting the client secret (and tokens).
func TestMoveIntoKeychainDeletesNothing(t *testing.T) {
	needKeyring(t)
	dir, service := t.TempDir(), testService(t)
	s, _ := openReal(t, dir, service)
	ctx := context.Background()
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`garbage`), 0o600); err != nil {
		t.Fatal(err)
	}
	kr := &faultyKeyring{real: SystemKeyring{}, fault: locked}
	kr.arm()
	s2, notices, err := Open(ctx, Options{Dir: dir, Service: service, Keyring: kr, Timeout: faultTimeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("locked start: backend=%s notices=%+v", s2.Backend(), notices)
	// The person types nothing; or types the ClientID again and saves (empty secret keeps "the saved one").
	set := sampleSettings
	set.ClientSecret = ""
	_ = s2.Conn(DefaultConnection).SaveSettings(ctx, set)
	// Next start: keychain unlocked.
	openReal(t, dir, service)
	if v, ok := secretTool(t, service, entryClientSecret); !ok || v != sampleSettings.ClientSecret {
		t.Errorf("client secret in keychain after migration = %q, %v; it was deleted by a migration of an empty file", v, ok)
	}
}
