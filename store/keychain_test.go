package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// stuckKeyring never answers, like a keychain waiting on an unlock prompt
// nobody sees.
type stuckKeyring struct{ release chan struct{} }

func (k stuckKeyring) Set(string, string, string) error   { <-k.release; return nil }
func (k stuckKeyring) Get(string, string) (string, error) { <-k.release; return "", nil }
func (k stuckKeyring) Delete(string, string) error        { <-k.release; return nil }

func TestKeychainCallsTimeOut(t *testing.T) {
	k := stuckKeyring{release: make(chan struct{})}
	defer close(k.release)
	kc := &keychainSecrets{kr: k, service: "x", timeout: 50 * time.Millisecond}
	start := time.Now()
	_, err := kc.get(context.Background(), entryAccessToken)
	var e *Error
	if !errors.As(err, &e) || e.Reason != ReasonKeychainSilent || time.Since(start) > 2*time.Second {
		t.Fatalf("get on a stuck keychain = %v after %v", err, time.Since(start))
	}
	if err := kc.set(context.Background(), entryAccessToken, "v"); !errors.As(err, &e) {
		t.Fatalf("set on a stuck keychain = %v", err)
	}
}

// tooSmallKeyring refuses large secrets as Windows' Credential Manager does
// past 2560 bytes.
type tooSmallKeyring struct{}

func (tooSmallKeyring) Set(_, _, s string) error {
	if len(s) > 2560 {
		return keyring.ErrSetDataTooBig
	}
	return nil
}
func (tooSmallKeyring) Get(string, string) (string, error) { return "", keyring.ErrNotFound }
func (tooSmallKeyring) Delete(string, string) error        { return nil }

func TestSecretTooBigSaysSo(t *testing.T) {
	kc := &keychainSecrets{kr: tooSmallKeyring{}, service: "x", timeout: time.Second}
	if err := kc.set(context.Background(), entryAccessToken, strings.Repeat("a", 1000)); err != nil {
		t.Fatalf("a 1000-character token must fit: %v", err)
	}
	err := kc.set(context.Background(), entryAccessToken, strings.Repeat("a", 3000))
	var e *Error
	if !errors.As(err, &e) || e.Reason != ReasonTooLong || e.Entry != EntryAccessToken || e.Length != 3000 || !errors.Is(err, keyring.ErrSetDataTooBig) {
		t.Fatalf("set of a too-big secret = %v", err)
	}
}

// A keychain that holds the secrets but does not answer this time (a
// locked one whose prompt nobody answers) is not swapped for a file behind
// the person's back: Open says so, and Load says it could not read.
func TestHungKeychainAtStartIsNotReplacedByAFile(t *testing.T) {
	k := stuckKeyring{release: make(chan struct{})}
	defer close(k.release)
	dir := t.TempDir()
	if err := writeFileAtomic(dir+"/"+settingsFileName, []byte(`{"version":1,"secrets_in":"keychain"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, notices, err := Open(context.Background(), Options{Dir: dir, Keyring: k, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() != BackendKeychain || len(notices) != 1 || notices[0].Kind != NoticeKeychainUnreachable {
		t.Fatalf("backend %s, notices %+v", s.Backend(), notices)
	}
	if _, err := s.Conn(DefaultConnection).Load(context.Background()); !errors.Is(err, ErrUnreadable) {
		t.Fatalf("Load = %v, want ErrUnreadable", err)
	}
}

// lockedKeyring is a keychain that is there but locked: its unlock prompt
// was dismissed.
type lockedKeyring struct{}

func (lockedKeyring) Get(string, string) (string, error) { return "", errLocked }
func (lockedKeyring) Set(string, string, string) error   { return errLocked }
func (lockedKeyring) Delete(string, string) error        { return errLocked }

// At the very first start, a keychain that is locked is still a keychain:
// the secrets never go to a plain file because an unlock prompt was
// dismissed. Saving fails and says so; nothing is written in the clear.
// Only a computer with no keychain at all gets the file.
func TestLockedKeychainAtFirstStartIsNotReplacedByAFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, notices, err := Open(ctx, Options{Dir: dir, Keyring: lockedKeyring{}, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() != BackendKeychain || len(notices) != 1 || notices[0].Kind != NoticeKeychainUnreachable {
		t.Fatalf("backend %s, notices %+v; want the keychain, unreachable", s.Backend(), notices)
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err == nil {
		t.Error("saving a secret into a locked keychain succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a secrets file was written: %v", err)
	}

	for _, absent := range []error{errBusGone, errors.New("dbus: couldn't determine address of session bus"),
		errors.New("dial unix /run/user/0/bus: connect: no such file or directory"),
		errors.New(`exec: "dbus-launch": executable file not found in $PATH`),
		errors.New("dbus-launch: Autolaunch error: X11 initialization failed.")} {
		if !noKeychain(absent) {
			t.Errorf("%q is not taken for a computer without a keychain", absent)
		}
	}
	for _, there := range []error{errLocked, errors.New("prompt dismissed"), errors.New("keychain: something else")} {
		if noKeychain(there) {
			t.Errorf("%q is taken for a computer without a keychain", there)
		}
	}
}

// A computer with no session bus at all (over SSH, on a server: no
// DBUS_SESSION_BUS_ADDRESS and no dbus-launch) has no keychain: the
// secrets go to the private file, with the notice, as they always did.
func TestNoSessionBusFallsBackToTheFile(t *testing.T) {
	dir := t.TempDir()
	env := os.Environ()
	kept := env[:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, "PATH=") {
			kept = append(kept, kv)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildFallback$", "-test.v")
	cmd.Env = append(kept, "STORE_CHILD_DIR="+dir, "PATH="+t.TempDir()) // no dbus-launch to be found
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), fmt.Sprintf("NOTICE: kind %d, ", NoticeSecretsInFile)) {
		t.Fatalf("without a session bus: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); err != nil {
		t.Errorf("no secrets file: %v", err)
	}
}
