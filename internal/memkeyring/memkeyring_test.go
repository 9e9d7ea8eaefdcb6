package memkeyring_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/store"
)

var _ store.Keyring = (*memkeyring.Keyring)(nil)

func TestSetGetDelete(t *testing.T) {
	k := memkeyring.New()
	if _, err := k.Get("svc", "a"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("Get of nothing: %v, want ErrNotFound", err)
	}
	if err := k.Delete("svc", "a"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("Delete of nothing: %v, want ErrNotFound", err)
	}
	if err := k.Set("svc", "a", "1"); err != nil {
		t.Fatal(err)
	}
	if err := k.Set("svc", "a", "2"); err != nil {
		t.Fatal(err)
	}
	if err := k.Set("other", "a", "x"); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get("svc", "a"); v != "2" || err != nil {
		t.Fatalf("Get = %q, %v; want the last Set", v, err)
	}
	if v, err := k.Get("other", "a"); v != "x" || err != nil {
		t.Fatalf("another service's entry = %q, %v", v, err)
	}
	if e := k.Entries("svc"); len(e) != 1 || e["a"] != "2" {
		t.Fatalf("Entries = %v", e)
	}
	if err := k.Delete("svc", "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get("svc", "a"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if v, _ := k.Get("other", "a"); v != "x" {
		t.Fatal("Delete touched another service")
	}
	if e := k.Entries("svc"); len(e) != 0 {
		t.Fatalf("Entries after Delete = %v", e)
	}
	var zero memkeyring.Keyring
	if err := zero.Set("s", "u", "v"); err != nil {
		t.Fatalf("the zero value: %v", err)
	}
}

func TestFail(t *testing.T) {
	locked := errors.New("locked")
	k := memkeyring.New()
	_ = k.Set("svc", "a", "1")
	k.Fail(locked)
	if _, err := k.Get("svc", "a"); err != locked {
		t.Fatalf("Get while failing: %v", err)
	}
	if err := k.Set("svc", "a", "2"); err != locked {
		t.Fatalf("Set while failing: %v", err)
	}
	if err := k.Delete("svc", "a"); err != locked {
		t.Fatalf("Delete while failing: %v", err)
	}
	k.Fail(nil)
	if v, err := k.Get("svc", "a"); v != "1" || err != nil {
		t.Fatalf("after Fail(nil): %q, %v; want what was kept", v, err)
	}
	if err := memkeyring.Failing(locked).Set("s", "u", "v"); err != locked {
		t.Fatalf("Failing: %v", err)
	}
}

// Run with -race: many goroutines at once.
func TestConcurrentUse(t *testing.T) {
	k := memkeyring.New()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprint("u", g)
			for i := range 200 {
				_ = k.Set("svc", user, fmt.Sprint(i))
				_, _ = k.Get("svc", user)
				_ = k.Entries("svc")
				if i%3 == 0 {
					_ = k.Delete("svc", user)
				}
			}
		}()
	}
	wg.Wait()
}
