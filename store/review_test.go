package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// From review: a sign-in (or the window's closing save) begun for the default
// connection, which is deleted while it runs as the last connection, must
// not make it again: "deleting a connection removes its own entries and
// settings ... and nothing saves into it afterwards". Delete resets
// DefaultDeleted when the list empties, so forChange makes it again, with
// the client secret and the token the person just deleted.
func TestDeletedLastDefaultIsNotMadeAgainByALateSave(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := saveSignIn(ctx, s.Conn(DefaultConnection), sampleSettings, tokN("1"), "Ada"); err != nil {
		t.Fatal(err)
	}
	// tokendesk login begins a sign-in for the default connection (the one
	// in use); meanwhile the person deletes it in the window: the last one.
	if err := s.Delete(ctx, DefaultConnection); err != nil {
		t.Fatal(err)
	}
	// The login's sign-in finishes.
	got, err := s.SaveSignIn(ctx, Into{ID: DefaultConnection}, sampleSettings, tokN("late"), "Ada")
	if !errors.Is(err, ErrNoConnection) {
		l, _ := s.List(ctx)
		t.Errorf("a sign-in begun before the last connection was deleted saved into it: %+v, %v; connections now %v, keychain %v",
			got, err, l.Names(), keys(kr.held()))
	}
	// The same for the window's closing save of a form edited before the delete.
	_ = s.ForgetEverything(ctx)
	l, _ := s.List(ctx) // a fresh start: a save on what it shows makes the connection
	if _, err := s.SaveSignIn(ctx, Into{ID: DefaultConnection, DefaultEpoch: l.DefaultEpoch}, sampleSettings, tokN("2"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, DefaultConnection); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); !errors.Is(err, ErrNoConnection) {
		t.Errorf("a save of the deleted (last) default connection's form = %v, want ErrNoConnection; keychain now %v", err, keys(kr.held()))
	}
}

// From review: "a newer settings version is never overwritten". A newer
// TokenDesk wrote settings.json and its copy (version 3); settings.json is
// damaged. This build refuses the copy (too new), starts from empty
// settings, and its first change (Open itself) writes its own version 2
// copy over the newer one: the only whole list of the newer build's
// connections is gone.
func TestNewerCopyIsNotOverwrittenWhenSettingsAreDamaged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	newer := `{
  "version": 3,
  "current": "c0ffee00",
  "connections": [{"id": "c0ffee00", "name": "Acme", "client_id": "78abc", "something_new": {"a": 1}}],
  "secrets_in": "keychain"
}
`
	cp := filepath.Join(dir, copyFileName)
	if err := os.WriteFile(cp, []byte(newer), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`{"version": 3, "connections": [{"id": "c0f`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Open(ctx, Options{Dir: dir, Keyring: newMemKeyring(nil), Service: "x", Timeout: time.Second}); err != nil && !errors.Is(err, ErrNewerVersion) {
		t.Fatal(err)
	}
	kept := false
	matches, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, m := range matches {
		if data, _ := os.ReadFile(m); string(data) == newer {
			kept = true
		}
	}
	if !kept {
		data, _ := os.ReadFile(cp)
		t.Errorf("the newer TokenDesk's copy (its whole list of connections) was written over; connections.json is now:\n%s", data)
	}
}

// From review: a copy that could not be written (the case copy.go allows for)
// is older than settings.json. When settings.json is then damaged, the
// copy is recovered and "nothing is tidied away on its word" — but Open
// commits it as settings.json, and from the next start on it is taken as
// read whole: the token saved after the copy went stale (the one the
// person last had) is removed from the keychain as a leftover.
func TestStaleCopyDoesNotDeleteTheNewestTokenAfterRecovery(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	opts := Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second}
	s, _, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveSignIn(ctx, s.Conn(DefaultConnection), sampleSettings, tokN("1"), "Ada"); err != nil {
		t.Fatal(err)
	}
	// The copy cannot be written for the next save (another program holds it).
	cp := filepath.Join(opts.Dir, copyFileName)
	data, _ := os.ReadFile(cp)
	_ = os.Remove(cp)
	if err := os.Mkdir(cp, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("2"), "Ada"); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(cp)
	if err := os.WriteFile(cp, data, 0o600); err != nil { // the stale copy, as it was left
		t.Fatal(err)
	}
	// settings.json is damaged; the window starts twice.
	if err := os.WriteFile(filepath.Join(opts.Dir, settingsFileName), []byte(`{"version": 2, "conn`), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, _, err := Open(ctx, opts); err != nil {
			t.Fatal(err)
		}
	}
	held := kr.held()
	if !slices.ContainsFunc(keys(held), func(k string) bool { return held[k] == "AQV-2" }) {
		t.Errorf("the newest token (AQV-2) is gone from the keychain after recovery from a stale copy; left: %v", keys(held))
	}
}
