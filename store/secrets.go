package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

// Backend says where the secrets are kept.
type Backend string

const (
	BackendKeychain Backend = "keychain" // Secret Service, macOS Keychain, Windows Credential Manager
	BackendFile     Backend = "file"     // a file only the user can read, when there is no keychain
)

// The keychain entries, one per secret and connection: Windows caps one
// credential at 2560 bytes, and a LinkedIn token alone can be 1000
// characters.
//
// A token lives in one of two slots, and settings.json says which: a new
// token is written into the other slot, and the settings file, replaced
// atomically, switches to it. So a keychain that fails half-way through
// (D-Bus gone between two writes) can leave only leftovers in the unused
// slot, never a new access token beside an old refresh token.
const (
	entryClientSecret = "client-secret"
	entryAccessToken  = "access-token"
	entryRefreshToken = "refresh-token"
)

// slotB is the second slot's name; the first, "", has the plain entry
// names, which is where TokenDesk kept its one token before slots.
const slotB = "b"

// entries names one connection's keychain entries. The connection TokenDesk
// had before there were several (DefaultConnection) keeps the plain names
// it always had, so an upgrade moves no secret; every other connection's
// names start with its ID and a slash.
type entries string

func entriesOf(id string) entries {
	if id == DefaultConnection {
		return ""
	}
	return entries(id + "/")
}

func (e entries) clientSecret() string { return string(e) + entryClientSecret }

// tokens names the access and refresh token entries of a slot.
func (e entries) tokens(slot string) (access, refresh string) {
	if slot == slotB {
		return string(e) + entryAccessToken + "-b", string(e) + entryRefreshToken + "-b"
	}
	return string(e) + entryAccessToken, string(e) + entryRefreshToken
}

// all is every entry of the connection.
func (e entries) all() []string {
	a, r := e.tokens("")
	ab, rb := e.tokens(slotB)
	return []string{e.clientSecret(), a, r, ab, rb}
}

// otherSlot is the slot a new token goes to.
func otherSlot(slot string) string {
	if slot == slotB {
		return ""
	}
	return slotB
}

// Keyring is the OS keychain as github.com/zalando/go-keyring offers it.
type Keyring interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// SystemKeyring is the operating system's keychain.
type SystemKeyring struct{}

func (SystemKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (SystemKeyring) Get(service, user string) (string, error) {
	return keyring.Get(service, user)
}
func (SystemKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// errNotFound is what a secret store says of a secret it does not have.
var errNotFound = errors.New("secret not found")

// secrets is where the three secrets live: the keychain or the fallback file.
type secrets interface {
	get(ctx context.Context, name string) (string, error) // errNotFound when absent
	set(ctx context.Context, name, value string) error
	delete(ctx context.Context, name string) error // nil when absent
	backend() Backend
}

// keychainSecrets keeps each secret as its own keychain item. Every call has
// a timeout: a locked keyring may show a password prompt, or hang for ever.
type keychainSecrets struct {
	kr      Keyring
	service string
	timeout time.Duration
}

func (k *keychainSecrets) backend() Backend { return BackendKeychain }

func (k *keychainSecrets) get(ctx context.Context, name string) (string, error) {
	var v string
	err := k.call(ctx, func() error {
		var err error
		v, err = k.kr.Get(k.service, name)
		return err
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return "", errNotFound
	}
	return v, err
}

func (k *keychainSecrets) set(ctx context.Context, name, value string) error {
	err := k.call(ctx, func() error { return k.kr.Set(k.service, name, value) })
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		return &Error{Reason: ReasonTooLong, Err: err, Entry: entryOf(name), Length: len(value)}
	}
	return err
}

func (k *keychainSecrets) delete(ctx context.Context, name string) error {
	err := k.call(ctx, func() error { return k.kr.Delete(k.service, name) })
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// call runs fn with the timeout. A call that times out cannot be stopped
// (go-keyring offers no way), and may still land later, as when the person
// answers an unlock prompt after TokenDesk gave up: its error carries a
// *stuckCall, so that a change in progress can wait for it before putting
// things back (see txn.rollback).
func (k *keychainSecrets) call(ctx context.Context, fn func() error) error {
	ctx, cancel := context.WithTimeout(ctx, k.timeout)
	defer cancel()
	done := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		done <- fn()
		close(finished)
	}()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, keyring.ErrNotFound) && !errors.Is(err, keyring.ErrSetDataTooBig) {
			return &Error{Reason: ReasonKeychainFailed, Err: fmt.Errorf("keychain: %w", err)}
		}
		return err
	case <-ctx.Done():
		return &Error{Reason: ReasonKeychainSilent, Err: fmt.Errorf("keychain did not answer within %s: %w (%w)", k.timeout, ctx.Err(), &stuckCall{done: finished})}
	}
}

// stuckCall is a keychain call that timed out and is still running; done
// closes when it ends.
type stuckCall struct{ done <-chan struct{} }

func (*stuckCall) Error() string { return "the call is still running" }

// fileSecrets keeps the secrets in one JSON file only the user can read, in
// a folder only the user can open. It is the fallback when there is no
// keychain, and the window says so.
type fileSecrets struct {
	path     string
	readOnly bool // never move a damaged file aside: report it
	mu       sync.Mutex
}

func (f *fileSecrets) backend() Backend { return BackendFile }

// errDamaged is the cause when the secrets file is not what TokenDesk wrote.
var errDamaged = errors.New("the file is damaged")

// read reads the file. A damaged file would otherwise block every save for
// good, so it is moved aside to secrets.json.bak (or .2.bak, …; still readable by the
// user only) and reading goes on with none; a read-only store reports it
// instead.
func (f *fileSecrets) read() (map[string]string, error) {
	m, err := f.parse()
	if !errors.Is(err, errDamaged) || f.readOnly {
		return m, err
	}
	if _, merr := f.moveAside(); merr != nil {
		return nil, err
	}
	return map[string]string{}, nil
}

func (f *fileSecrets) parse() (map[string]string, error) {
	m := map[string]string{}
	data, err := readLimited(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, fmt.Errorf("%w: %w", errDamaged, err)
		}
		return nil, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read %s: %w: %w", f.path, errDamaged, err)
	}
	return m, nil
}

// moveAside sets a damaged secrets file aside (keepAside), never over an
// earlier one.
func (f *fileSecrets) moveAside() (string, error) { return keepAside(f.path) }

// repair moves a damaged secrets file aside and says where it went; "" when
// there was nothing to repair.
func (f *fileSecrets) repair() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.parse(); !errors.Is(err, errDamaged) {
		return ""
	}
	bak, err := f.moveAside()
	if err != nil {
		return ""
	}
	return bak
}

func (f *fileSecrets) exists() bool {
	_, err := os.Stat(f.path)
	return err == nil
}

func (f *fileSecrets) write(m map[string]string) error {
	if err := ensurePrivateDir(filepath.Dir(f.path)); err != nil {
		return err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(f.path, data, 0o600)
}

func (f *fileSecrets) get(_ context.Context, name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.read()
	if err != nil {
		return "", err
	}
	v, ok := m[name]
	if !ok {
		return "", errNotFound
	}
	return v, nil
}

func (f *fileSecrets) set(_ context.Context, name, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.read()
	if err != nil {
		return err
	}
	m[name] = value
	return f.write(m)
}

func (f *fileSecrets) delete(_ context.Context, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.read()
	if err != nil {
		return err
	}
	if _, ok := m[name]; !ok {
		return nil
	}
	delete(m, name)
	if len(m) == 0 {
		if err := os.Remove(f.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	return f.write(m)
}

// entryOf is which secret a keychain entry holds (EntryClientSecret,
// EntryAccessToken, EntryRefreshToken), or its name.
func entryOf(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	switch name {
	case entryClientSecret:
		return EntryClientSecret
	case entryAccessToken, entryAccessToken + "-b":
		return EntryAccessToken
	case entryRefreshToken, entryRefreshToken + "-b":
		return EntryRefreshToken
	}
	return name
}

// ensurePrivateDir makes dir (0700) or narrows an existing one to 0700.
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("restrict %s: %w", dir, err)
	}
	return nil
}
