package store

// Found by an adversarial review of the two-slot store: each of these lost
// the saved token or secret before the fix.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// memKeyring is a keychain in memory (internal/memkeyring), holding the
// entries of the tests' service "x"; Delete of one entry can be made slow
// once (an unlock prompt answered late, a slow D-Bus), then lands.
type memKeyring struct {
	*memkeyring.Keyring
	mu        sync.Mutex
	slowName  string
	slowDelay time.Duration
	slowArmed bool
}

// newMemKeyring is a keychain in memory that already holds entries (user →
// secret) under the service "x".
func newMemKeyring(entries map[string]string) *memKeyring {
	k := &memKeyring{Keyring: memkeyring.New()}
	for user, secret := range entries {
		_ = k.Set("x", user, secret)
	}
	return k
}

// held is what the keychain holds under the service "x", user → secret.
func (k *memKeyring) held() map[string]string { return k.Entries("x") }

func (k *memKeyring) Delete(service, user string) error {
	k.mu.Lock()
	slow := k.slowArmed && user == k.slowName
	if slow {
		k.slowArmed = false
	}
	k.mu.Unlock()
	if slow {
		time.Sleep(k.slowDelay)
	}
	return k.Keyring.Delete(service, user)
}

func tokN(s string) oauthflow.Token {
	return oauthflow.Token{AccessToken: "AQV-" + s, RefreshToken: "AQX-" + s, ExpiresAt: time.Now().Add(time.Hour)}
}

// REVIEW 3: a leftover removal that times out is not waited for: it lands
// after the lock is released, and deletes the token the next change put in
// that slot.
func TestLateLeftoverRemovalCannotTouchTheNextToken(t *testing.T) {
	dir := t.TempDir()
	kr := newMemKeyring(nil)
	kr.slowName, kr.slowDelay = entryAccessToken, time.Second
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", Timeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("1"), ""); err != nil { // slot ""
		t.Fatal(err)
	}
	kr.mu.Lock()
	kr.slowArmed = true
	kr.mu.Unlock()
	err = s.Conn(DefaultConnection).SaveToken(ctx, tokN("2"), "") // slot "b"; removing slot "" times out
	t.Logf("second save: %v", err)
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("3"), ""); err != nil { // slot "" again
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond) // the late delete lands
	got, err := s.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil || got.Token.AccessToken != "AQV-3" {
		t.Fatalf("after a late leftover removal, Load = token %v, err %v; want the saved token AQV-3", got.Token, err)
	}
}

// REVIEW 4: settings.json rewritten by a TokenDesk from before slots (which
// drops the unknown "slot" field) while the token is in slot "b": the next
// Open deletes slot "b", the only copy of the token.
func TestSettingsWithoutSlotKeepTheLiveToken(t *testing.T) {
	dir := t.TempDir()
	kr := newMemKeyring(nil)
	ctx := context.Background()
	opts := Options{Dir: dir, Keyring: kr, Service: "x", Timeout: time.Second}
	s, _, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Conn(DefaultConnection).SaveToken(ctx, tokN("1"), "")
	_ = s.Conn(DefaultConnection).SaveToken(ctx, tokN("2"), "") // now in slot b
	// An older TokenDesk reads and rewrites settings.json (e.g. it saved the form).
	path := filepath.Join(dir, settingsFileName)
	data, _ := os.ReadFile(path)
	var raw map[string]any
	_ = json.Unmarshal(data, &raw)
	// It writes version 1: the one connection's fields at the top level,
	// and the token without its slot.
	conn := raw["connections"].([]any)[0].(map[string]any)
	delete(conn["token"].(map[string]any), "slot")
	data, _ = json.Marshal(map[string]any{"version": 1, "client_id": conn["client_id"], "token": conn["token"], "secrets_in": raw["secrets_in"]})
	_ = os.WriteFile(path, data, 0o600)

	if _, _, err := Open(ctx, opts); err != nil {
		t.Fatal(err)
	}
	if _, ok := kr.held()[entryAccessToken+"-b"]; !ok {
		t.Errorf("the only copy of the token (slot b) was deleted as a leftover; keychain now %v", keys(kr.held()))
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
