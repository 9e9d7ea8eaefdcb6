package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// faultyKeyring is a keychain (the test Secret Service, or one in memory)
// with one fault laid over it once armed, as people meet them.
type faultyKeyring struct {
	real  Keyring
	fault fault

	mu     sync.Mutex
	armed  bool
	calls  int // since armed
	writes int // since armed
}

type fault int

const (
	locked          fault = iota // the unlock prompt was dismissed: every call fails
	slow                         // nothing answers within the timeout, then it all lands
	slowWrite                    // reads answer; a write answers late, then lands (a prompt answered after TokenDesk gave up)
	secondWriteFail              // the second write fails
	busGone                      // D-Bus goes away mid-run: the first two calls work, then nothing does
)

func (f fault) String() string {
	return [...]string{"locked", "slow past the timeout", "a write answered late", "second write fails", "D-Bus gone mid-run"}[f]
}

const faultTimeout = 150 * time.Millisecond

var (
	errLocked  = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	errBusGone = errors.New("The name org.freedesktop.secrets was not provided by any .service files")
)

func (k *faultyKeyring) arm() {
	k.mu.Lock()
	k.armed, k.calls, k.writes = true, 0, 0
	k.mu.Unlock()
}

// before says what the fault does to a call: fail it, delay it, or let it through.
func (k *faultyKeyring) before(write bool) error {
	k.mu.Lock()
	if !k.armed {
		k.mu.Unlock()
		return nil
	}
	k.calls++
	if write {
		k.writes++
	}
	calls, writes := k.calls, k.writes
	k.mu.Unlock()
	switch k.fault {
	case locked:
		return errLocked
	case slow:
		time.Sleep(2 * faultTimeout)
	case slowWrite:
		if write && writes == 1 {
			time.Sleep(2 * faultTimeout)
		}
	case secondWriteFail:
		if write && writes == 2 {
			return errLocked
		}
	case busGone:
		if calls > 2 {
			return errBusGone
		}
	}
	return nil
}

func (k *faultyKeyring) Get(service, user string) (string, error) {
	if err := k.before(false); err != nil {
		return "", err
	}
	return k.real.Get(service, user)
}

func (k *faultyKeyring) Set(service, user, secret string) error {
	if err := k.before(true); err != nil {
		return err
	}
	return k.real.Set(service, user, secret)
}

func (k *faultyKeyring) Delete(service, user string) error {
	if err := k.before(true); err != nil {
		return err
	}
	return k.real.Delete(service, user)
}

// TestKeychainFaults is the fault matrix of issue #9: for each fault the
// keychain can have and each thing the window and the command line do,
// what is saved afterwards is exactly what was saved before (when the
// operation reported an error) or exactly what it saved (when it reported
// none). Never a secret lost, never a new access token with an old refresh
// token, never a description of another token. It is checked with a fresh
// store on the real keychain, after any late keychain write has landed and
// been undone, and with secret-tool, which bypasses our code.
func TestKeychainFaults(t *testing.T) {
	needKeyring(t)
	secret0, secret1 := "WPL_AP1.secret-before", "WPL_AP1.secret-after"
	token0 := sampleToken
	token1 := oauthflow.Token{AccessToken: "AQVnew-" + token0.AccessToken[:100], RefreshToken: "AQXnew-refresh",
		Scopes: token0.Scopes, ExpiresAt: token0.ExpiresAt.Add(24 * time.Hour), ObtainedAt: token0.ObtainedAt.Add(24 * time.Hour)}

	type state struct {
		secret, access, refresh string
		expires                 time.Time
	}
	before := state{secret0, token0.AccessToken, token0.RefreshToken, token0.ExpiresAt}

	ops := []struct {
		name  string
		run   func(ctx context.Context, s *Store) error
		after state // what success leaves
	}{
		{"the window closes after a failed read", func(ctx context.Context, s *Store) error {
			saved, _ := s.Conn(DefaultConnection).Load(ctx) // the form as the window fills it, read error or not
			return s.Conn(DefaultConnection).SaveSettings(ctx, saved.Settings)
		}, before},
		{"a new client secret is saved", func(ctx context.Context, s *Store) error {
			set := sampleSettings
			set.ClientSecret = secret1
			return s.Conn(DefaultConnection).SaveSettings(ctx, set)
		}, state{secret1, token0.AccessToken, token0.RefreshToken, token0.ExpiresAt}},
		{"a new token is saved", func(ctx context.Context, s *Store) error {
			return s.Conn(DefaultConnection).SaveToken(ctx, token1, "Ada")
		}, state{secret0, token1.AccessToken, token1.RefreshToken, token1.ExpiresAt}},
		{"the token is renewed", func(ctx context.Context, s *Store) error {
			return s.Conn(DefaultConnection).ReplaceToken(ctx, token0.AccessToken, token1, "Ada")
		}, state{secret0, token1.AccessToken, token1.RefreshToken, token1.ExpiresAt}},
		{"the token is cleared", func(ctx context.Context, s *Store) error {
			return s.Conn(DefaultConnection).ClearToken(ctx, token0.AccessToken)
		}, state{secret: secret0}},
	}

	for _, f := range []fault{locked, slow, slowWrite, secondWriteFail, busGone} {
		for _, op := range ops {
			t.Run(fmt.Sprintf("%s/%s", f, op.name), func(t *testing.T) {
				ctx := context.Background()
				dir, service := t.TempDir(), testService(t)
				good, _ := openReal(t, dir, service)
				t.Cleanup(func() { _ = good.ForgetEverything(ctx) })
				set := sampleSettings
				set.ClientSecret = secret0
				if err := good.Conn(DefaultConnection).SaveSettings(ctx, set); err != nil {
					t.Fatal(err)
				}
				if err := good.Conn(DefaultConnection).SaveToken(ctx, token0, "Ada"); err != nil {
					t.Fatal(err)
				}

				kr := &faultyKeyring{real: SystemKeyring{}, fault: f}
				s, _, err := Open(ctx, Options{Dir: dir, Service: service, Keyring: kr, Timeout: faultTimeout})
				if err != nil {
					t.Fatal(err)
				}
				kr.arm()
				opErr := op.run(ctx, s)

				// A fresh store on the working keychain: its Load waits for
				// the lock, which a change whose write timed out keeps until
				// that write lands and is undone.
				fresh, _ := openReal(t, dir, service)
				saved, err := fresh.Conn(DefaultConnection).Load(ctx)
				if err != nil {
					t.Fatalf("Load on the working keychain: %v", err)
				}
				got := state{secret: saved.Settings.ClientSecret}
				if saved.Token != nil {
					got.access, got.refresh, got.expires = saved.Token.AccessToken, saved.Token.RefreshToken, saved.Token.ExpiresAt
				}
				want := op.after
				if opErr != nil && !errors.Is(opErr, ErrLeftInKeychain) {
					want = before
				}
				if got.secret != want.secret || got.access != want.access || got.refresh != want.refresh || !got.expires.Equal(want.expires) {
					t.Fatalf("after %q (error: %v):\n got  %s\n want %s", op.name, opErr, show(got.secret, got.access, got.refresh, got.expires), show(want.secret, want.access, want.refresh, want.expires))
				}
				// And as the keychain itself has them, once a start on the
				// working keychain has removed what was left behind.
				if kv, ok := secretTool(t, service, entryClientSecret); kv != want.secret || !ok {
					t.Errorf("secret-tool client-secret = %.12q (found %v), want %.12q", kv, ok, want.secret)
				}
				if a, r, _ := keychainToken(t, dir, service); a != want.access || r != want.refresh {
					t.Errorf("secret-tool token = %.12q / %.12q, want %.12q / %.12q", a, r, want.access, want.refresh)
				}
				openReal(t, dir, service)
				wantEntries := 0
				if want.access != "" {
					wantEntries = 2
				}
				if e := keychainTokenEntries(t, service); len(e) != wantEntries {
					t.Errorf("after a start on the working keychain, it holds token entries %v; want only the saved token's", e)
				}
				if opErr != nil {
					var e *Error
					if !errors.As(opErr, &e) || e.Reason == "" {
						t.Errorf("the error says no fact a person can be told: %v", opErr)
					}
				}
			})
		}
	}
}

func show(secret, access, refresh string, expires time.Time) string {
	cut := func(s string) string {
		if len(s) > 12 {
			return s[:12] + "…"
		}
		return s
	}
	return fmt.Sprintf("secret %q, access %q, refresh %q, expires %s", cut(secret), cut(access), cut(refresh), expires.Format(time.RFC3339))
}
