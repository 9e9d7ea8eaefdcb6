package store

// Found by an adversarial review of the two-slot store: each of these lost
// the saved token or secret before the fix.

import (
	"context"
	"errors"
	"testing"
	"time"
)

type failSetKeyring struct {
	*memKeyring
	failName string
}

func (k *failSetKeyring) Set(service, user, secret string) error {
	if user == k.failName {
		k.failName = ""
		return errors.New("D-Bus hiccup")
	}
	return k.memKeyring.Set(service, user, secret)
}

// REVIEW 3b: an undo that times out during rollback lands after the lock is
// released and deletes the token the next change saved in that slot.
func TestLateUndoCannotTouchTheNextToken(t *testing.T) {
	dir := t.TempDir()
	mem := newMemKeyring(nil)
	mem.slowName, mem.slowDelay = entryAccessToken+"-b", time.Second
	kr := &failSetKeyring{memKeyring: mem}
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", Timeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("1"), ""); err != nil { // slot ""
		t.Fatal(err)
	}
	kr.failName = entryRefreshToken + "-b"
	mem.mu.Lock()
	mem.slowArmed = true
	mem.mu.Unlock()
	err = s.Conn(DefaultConnection).SaveToken(ctx, tokN("2"), "") // access-b written, refresh-b fails, undo of access-b times out
	t.Logf("second save: %v", err)
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("3"), ""); err != nil { // slot b again
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	got, err := s.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil || got.Token.AccessToken != "AQV-3" {
		t.Fatalf("after a late undo, Load = token %v, err %v; want AQV-3", got.Token, err)
	}
}
