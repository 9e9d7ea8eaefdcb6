// Package memkeyring is a keychain in memory, for the tests that are not
// about the keychain: they then run on a machine that has only Go, with no
// Secret Service. It is what go-keyring's own MockInit and
// MockInitWithError offer (github.com/zalando/go-keyring, keyring_mock.go),
// as a value rather than a change of the package's global provider, so that
// each test has one of its own and tests can run side by side.
//
// A *Keyring is a store.Keyring: Set, Get and Delete, with
// keyring.ErrNotFound for an entry it does not hold. It is safe for
// concurrent use; it is shared by the goroutines of one process only.
package memkeyring

import (
	"maps"
	"sync"

	"github.com/zalando/go-keyring"
)

// Keyring is an in-memory keychain. The zero value is empty and ready to
// use.
type Keyring struct {
	mu      sync.Mutex
	entries map[string]map[string]string // service → user → secret
	err     error
}

// New is an empty keychain.
func New() *Keyring { return &Keyring{} }

// Failing is a keychain whose every call fails with err (a locked
// keychain, or none at all), as go-keyring's MockInitWithError.
func Failing(err error) *Keyring { return &Keyring{err: err} }

// Fail makes every later call fail with err, until Fail(nil): a keychain
// locked, then unlocked. What it holds is kept meanwhile.
func (k *Keyring) Fail(err error) {
	k.mu.Lock()
	k.err = err
	k.mu.Unlock()
}

// Set keeps secret under service and user, over any secret kept there.
func (k *Keyring) Set(service, user, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err != nil {
		return k.err
	}
	if k.entries == nil {
		k.entries = map[string]map[string]string{}
	}
	if k.entries[service] == nil {
		k.entries[service] = map[string]string{}
	}
	k.entries[service][user] = secret
	return nil
}

// Get is the secret kept under service and user, or keyring.ErrNotFound.
func (k *Keyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err != nil {
		return "", k.err
	}
	v, ok := k.entries[service][user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

// Delete removes the secret kept under service and user, or says
// keyring.ErrNotFound when there is none.
func (k *Keyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.err != nil {
		return k.err
	}
	if _, ok := k.entries[service][user]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.entries[service], user)
	if len(k.entries[service]) == 0 {
		delete(k.entries, service)
	}
	return nil
}

// Entries is a copy of what is kept under service, user → secret, for a
// test to check from outside (as secret-tool does on a real keychain). It
// answers even while the keychain fails.
func (k *Keyring) Entries(service string) map[string]string {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := maps.Clone(k.entries[service])
	if out == nil {
		out = map[string]string{}
	}
	return out
}
