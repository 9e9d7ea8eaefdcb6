// Package store keeps TokenDesk's settings and token between runs, safely:
// the client secret and the tokens go in the operating system's keychain
// (Secret Service on Linux, Keychain on macOS, Credential Manager on
// Windows), everything else in a settings file that is replaced atomically.
// Without a keychain, the secrets go in a file only the user can read, and
// Open says so.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// Names of things on disk and in the keychain.
const (
	DefaultService   = "TokenDesk"
	settingsFileName = "settings.json"
	secretsFileName  = "secrets.json"
	maxFileSize      = 1 << 20
)

// DefaultTimeout bounds every keychain call: long enough to type a password
// into an unlock prompt, short enough that a hung keychain is noticed.
const DefaultTimeout = 2 * time.Minute

// ErrUnreadable is in the chain of Load's error when the keychain (or the
// secrets file) could not be read: the client secret and the token are
// unknown, not empty. Nothing saved is changed by that, and saving settings
// with an empty client secret keeps the saved one (see SaveSettings).
var ErrUnreadable = errors.New("the saved secrets could not be read")

// ErrTokenChanged is returned by ReplaceToken and UpdateTokenInfo when the
// saved token is no longer the one the caller started with: it was
// cleared, or another was saved meanwhile. Nothing was written.
var ErrTokenChanged = errors.New("the saved token changed meanwhile")

// ErrReadOnly is returned by every change to a store opened ReadOnly.
var ErrReadOnly = errors.New("this store was opened read-only")

// ErrSettingsChanged is SaveEdits' error when the saved settings are no
// longer those the form was filled with: nothing was written.
var ErrSettingsChanged = errors.New("the saved settings changed meanwhile")

// ErrNewerVersion is in the chain of every change's error when the
// settings were saved by a newer TokenDesk, in a format this one does not
// know: it reads what it understands, and writes nothing over it.
var ErrNewerVersion = errors.New("the settings were saved by a newer TokenDesk")

// ErrLeftInKeychain is in the chain of ClearToken's error when the token is
// forgotten but the keychain would not remove its copy yet.
var ErrLeftInKeychain = errors.New("a copy of the token is still in the keychain")

// NoticeKind says what a Notice is about, so the window can say it where it
// matters.
type NoticeKind int

const (
	// NoticeSecretsInFile: no keychain, so the secrets are in a file. Said
	// once, the first time.
	NoticeSecretsInFile NoticeKind = iota + 1
	// NoticeKeychainUnreachable: the keychain that holds the secrets could
	// not be reached this time.
	NoticeKeychainUnreachable
	// NoticeDamagedFile: a damaged file was moved aside.
	NoticeDamagedFile
	// NoticeNotMoved: the secrets could not be moved from the file into a
	// keychain that has appeared; they stay in the file for now.
	NoticeNotMoved
	// NoticeNewerVersion: the settings were saved by a newer TokenDesk;
	// this one reads them and changes nothing.
	NoticeNewerVersion
)

// Notice is something the window should tell the person once: where the
// secrets are kept, or that a damaged file was set aside. Like Error, it
// is facts; package words says it.
type Notice struct {
	Kind   NoticeKind
	Reason Reason // NoticeDamagedFile: ReasonSecretsDamaged, ReasonSettingsDamaged or ReasonSettingsRecovered
	Path   string // NoticeSecretsInFile: the secrets file; NoticeDamagedFile: where the damaged file was kept ("" if nowhere)
	Cause  error  // NoticeNotMoved: why not
}

// Options configure Open. The zero value is what the app uses.
type Options struct {
	Dir     string        // the settings folder; "": DefaultDir()
	Keyring Keyring       // nil: the system's keychain
	Service string        // the keychain service name; "": DefaultService
	Timeout time.Duration // per keychain call; 0: DefaultTimeout

	// ReadOnly is for commands that only read (tokendesk token, status):
	// such a store never creates, moves, migrates or writes anything, and
	// does not wait for a keychain probe. It reads the secrets where the
	// last writer put them.
	ReadOnly bool
}

// DefaultDir is TokenDesk's folder in the user's configuration folder
// (~/.config/TokenDesk on Linux).
func DefaultDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	return filepath.Join(base, "TokenDesk"), nil
}

// Store is TokenDesk's memory. It is safe for concurrent use, by several
// goroutines and by several processes: every read takes the settings
// folder's lock shared, every change takes it exclusive and reads afresh
// what is saved once it has it.
type Store struct {
	dir      string
	keychain *keychainSecrets
	file     *fileSecrets
	readOnly bool
}

// Saved is everything remembered of one connection: the settings as the
// form shows them (client secret included) and the token, if there is one.
type Saved struct {
	ID       string // the connection's ID (see Store.Conn)
	Name     string // its name, as the person gave it
	Settings oauthflow.Settings
	Token    *SavedToken
	KeptIn   Backend // where the secrets are
}

// SavedToken is a token with what TokenDesk knows about it.
type SavedToken struct {
	oauthflow.Token
	Account string // the member's name, when known
	// MemberID is the member's LinkedIn ID (userinfo's sub), when known:
	// urn:li:person:MemberID is the author of a post as them.
	MemberID string
}

// settingsVersion is the settings file's format: 2 since there are several
// connections. Version 1 kept one connection's fields at the top level;
// readSettings turns it into a list of one, DefaultConnection, in memory,
// and the next change writes it as version 2. Its secrets stay where they
// are: DefaultConnection's keychain entries have the names they had.
//
// A file of a higher version was saved by a newer TokenDesk: this one
// reads what it understands and never writes over it (ErrNewerVersion), so
// that going back to an older build loses nothing the newer one saved. A
// change to the format that an older build would misread must raise it.
const settingsVersion = 2

// settingsFile is settings.json. It never holds a secret.
type settingsFile struct {
	Version         int         `json:"version"`
	Current         string      `json:"current,omitempty"` // the connection the window shows
	Connections     []*connFile `json:"connections,omitempty"`
	SecretsIn       Backend     `json:"secrets_in,omitempty"`
	FileNoticeShown bool        `json:"file_fallback_notice_shown,omitempty"`
	// DefaultDeleted says DefaultConnection was deleted. Until then it
	// exists as soon as anything is saved in it, whatever other connections
	// were made meanwhile (a sign-in started on an empty store saves there);
	// after, nothing brings it back behind the person's back.
	DefaultDeleted bool `json:"default_deleted,omitempty"`
	// DefaultEpoch counts the times DefaultConnection was deleted (or
	// everything forgotten): a save that saw an earlier count (a sign-in
	// begun before the delete, a form filled before it) never makes it
	// again, even once the list is empty and a fresh first save may.
	DefaultEpoch int `json:"default_epoch,omitempty"`

	// Version 1's one connection: read for the upgrade, never written.
	V1ClientID    string     `json:"client_id,omitempty"`
	V1RedirectURL string     `json:"redirect_url,omitempty"`
	V1Scopes      []string   `json:"scopes,omitempty"`
	V1PKCE        bool       `json:"pkce,omitempty"`
	V1Token       *tokenMeta `json:"token,omitempty"`
}

// connFile is one connection in settings.json: a LinkedIn app's settings
// and what is not secret about its token.
type connFile struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	ClientID    string     `json:"client_id,omitempty"`
	RedirectURL string     `json:"redirect_url,omitempty"`
	Scopes      []string   `json:"scopes,omitempty"`
	PKCE        bool       `json:"pkce,omitempty"`
	Token       *tokenMeta `json:"token,omitempty"`
}

// conn is the connection with that ID, or nil.
func (sf *settingsFile) conn(id string) *connFile {
	for _, c := range sf.Connections {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// tokenMeta is what is not secret about a token. Fingerprint (a short hash
// of the token) tells whether the keychain's token is the one described.
type tokenMeta struct {
	ExpiresAt        time.Time `json:"expires_at,omitzero"`
	Scopes           []string  `json:"scopes,omitempty"`
	ObtainedAt       time.Time `json:"obtained_at,omitzero"`
	RefreshExpiresAt time.Time `json:"refresh_expires_at,omitzero"`
	Account          string    `json:"account,omitempty"`
	MemberID         string    `json:"member_id,omitempty"` // userinfo's sub: not a secret, the member's public ID
	Fingerprint      string    `json:"fingerprint,omitempty"`
	Slot             string    `json:"slot,omitempty"`      // the keychain slot that holds it: "" or "b"
	Renewable        bool      `json:"renewable,omitempty"` // it came with a refresh token
}

// describes reports whether m is the description of the access token
// token: only then is token the saved one.
func (m *tokenMeta) describes(token string) bool {
	return m != nil && token != "" && m.Fingerprint == fingerprint(token)
}

// Open finds where secrets can be kept and tidies the settings folder. The
// notices are for the window: the keychain fallback (once), a keychain
// that could not be reached, a damaged file set aside. Open may wait for a
// keychain unlock prompt: call it off the UI goroutine. With
// Options.ReadOnly it only finds the folder.
func Open(ctx context.Context, opts Options) (*Store, []Notice, error) {
	if opts.Dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, nil, &Error{Reason: ReasonNoFolder, Err: err}
		}
		opts.Dir = d
	}
	if opts.Keyring == nil {
		opts.Keyring = SystemKeyring{}
	}
	if opts.Service == "" {
		opts.Service = DefaultService
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	s := &Store{
		dir:      opts.Dir,
		keychain: &keychainSecrets{kr: opts.Keyring, service: opts.Service, timeout: opts.Timeout},
		file:     &fileSecrets{path: filepath.Join(opts.Dir, secretsFileName), readOnly: opts.ReadOnly},
		readOnly: opts.ReadOnly,
	}
	if opts.ReadOnly {
		return s, nil, nil
	}
	if err := ensurePrivateDir(opts.Dir); err != nil {
		return nil, nil, saveError(err)
	}

	// Ask the keychain before taking the lock: the answer may wait for an
	// unlock prompt, and nobody should wait for that but this window.
	_, probeErr := s.keychain.get(ctx, entryClientSecret)
	reachable := probeErr == nil || errors.Is(probeErr, errNotFound)

	var notices []Notice
	var migrate bool
	var opened *txn
	err := s.change(ctx, func(tx *txn) error {
		opened = tx
		// Under the exclusive lock, no other process has a save in flight.
		removeLeftovers(s.dir)
		if bak := s.file.repair(); bak != "" {
			notices = append(notices, Notice{Kind: NoticeDamagedFile, Reason: ReasonSecretsDamaged, Path: bak})
		}
		fileInUse := tx.sf.SecretsIn == BackendFile || (tx.sf.SecretsIn == "" && s.file.exists())
		switch {
		case reachable && fileInUse:
			migrate = true // below, as a change of its own
		case reachable:
			tx.sf.SecretsIn = BackendKeychain
			tx.sec = s.keychain
			tx.tidyTokens()
			if s.file.exists() {
				// Left by a move into the keychain that was cut short after
				// the settings already said "keychain": those values were
				// copied, and newer ones may have been saved since.
				tx.afterCommit(func() error { _ = os.Remove(s.file.path); return nil })
			}
		case tx.sf.SecretsIn == BackendKeychain || timedOut(probeErr) || tx.state == settingsDamaged && probeErr != nil ||
			!noKeychain(probeErr):
			// Locked, slow or gone for now, or maybe so (the settings that
			// would say are damaged), or there but refusing (a dismissed
			// unlock prompt at the first start): never fall back to a file
			// behind the person's back. Load says it could not read.
			notices = append(notices, Notice{Kind: NoticeKeychainUnreachable})
		default:
			tx.sf.SecretsIn = BackendFile
			tx.sec = s.file
			tx.tidyTokens()
			if !tx.sf.FileNoticeShown {
				notices = append(notices, Notice{Kind: NoticeSecretsInFile, Path: s.file.path})
				tx.sf.FileNoticeShown = true
			}
		}
		return nil
	})
	if opened != nil && opened.damaged() {
		notices = append(notices, damagedSettingsNotice(opened.state == settingsRecovered, opened.keptAs))
	}
	switch {
	case errors.Is(err, ErrNewerVersion):
		// Read what it understands; every change says why it is refused.
		return s, append(notices, Notice{Kind: NoticeNewerVersion}), nil
	case err != nil && !errors.Is(err, ErrLeftInKeychain): // leftovers go at the next start
		return nil, notices, err
	}
	if migrate {
		if err := s.moveIntoKeychain(ctx); err != nil {
			notices = append(notices, Notice{Kind: NoticeNotMoved, Cause: err})
		}
	}
	return s, notices, nil
}

// noKeychain reports whether err says this computer has no keychain to
// use at all: no Secret Service on the session bus, or no session bus.
// Only then may the secrets go to a file; a keychain that is locked, or
// whose unlock prompt was dismissed, is there, and only not now.
func noKeychain(err error) bool {
	msg := err.Error()
	for _, absent := range []string{
		"was not provided by any .service files",    // no Secret Service (org.freedesktop.DBus.Error.ServiceUnknown)
		"org.freedesktop.DBus.Error.ServiceUnknown", // the same, by its name
		"couldn't determine address of session bus", // no session bus at all
		"dbus-launch", // none, and none to start (over SSH, on a server)
		"autolaunch",  // none, and no X11 display to start one for
		"dial unix",   // a session bus address with nothing behind it
	} {
		if strings.Contains(msg, absent) {
			return true
		}
	}
	return false
}

// moveIntoKeychain moves the secrets a keychain-less run kept in the file
// into the keychain: all of them or, on any failure, none. The settings say
// "keychain" before the file is removed, so a crash in between leaves a
// copy to delete, never secrets nobody looks for.
func (s *Store) moveIntoKeychain(ctx context.Context) error {
	return s.change(ctx, func(tx *txn) error {
		if tx.sf.SecretsIn == BackendKeychain {
			return nil // another process moved them while this one waited
		}
		m, err := s.file.read()
		if err != nil {
			return &Error{Reason: ReasonSecretsUnreadable, Err: err, Path: s.file.path}
		}
		// Only what the file holds is copied, every connection's: an entry
		// it lacks is no reason to delete one the keychain has (it may be all
		// that is left).
		tx.sec = s.keychain
		for _, name := range slices.Sorted(maps.Keys(m)) {
			v := m[name]
			if v == "" {
				continue
			}
			if err := tx.put(name, v); err != nil {
				return err
			}
		}
		tx.sf.SecretsIn = BackendKeychain
		tx.afterCommit(func() error { _ = os.Remove(s.file.path); return nil })
		return nil
	})
}

// Backend says where the secrets are kept now.
func (s *Store) Backend() Backend {
	sf, _, _ := s.readSettings()
	return s.secretsFor(sf).backend()
}

// Dir is the settings folder.
func (s *Store) Dir() string { return s.dir }

// secretsFor picks where the secrets are, as the settings say.
func (s *Store) secretsFor(sf settingsFile) secrets {
	switch sf.SecretsIn {
	case BackendFile:
		return s.file
	case BackendKeychain:
		return s.keychain
	}
	if s.file.exists() {
		return s.file
	}
	return s.keychain
}

func tokenChanged() error {
	return &Error{Reason: ReasonTokenChanged, Err: ErrTokenChanged}
}

func settingsChanged() error {
	return &Error{Reason: ReasonSettingsChanged, Err: ErrSettingsChanged}
}

func unreadable(err error) error {
	reason := ReasonKeychainLocked
	if errors.Is(err, errDamaged) {
		reason = ReasonSecretsDamaged
	}
	return &Error{Reason: reason, Err: fmt.Errorf("%w: %w", ErrUnreadable, err)}
}

func (s *Store) settingsPath() string { return filepath.Join(s.dir, settingsFileName) }

// settingsState says what readSettings found.
type settingsState int

const (
	settingsRead    settingsState = iota // read and understood
	settingsMissing                      // no file yet (or any more)
	settingsDamaged                      // there, but not what TokenDesk writes
	// settingsRecovered: settings.json is damaged, and what was read is its
	// copy, which may be older: nothing is tidied away on its word.
	settingsRecovered
	// settingsNewer: saved by a newer TokenDesk; read, never written over.
	settingsNewer
)

// readSettings reads settings.json. A damaged file (not JSON, or larger than
// TokenDesk ever writes) gives its copy, or else the defaults, and a
// notice; it is moved aside only when a change commits (txn.commit), never
// by a reader. A file that cannot be read at all (permissions, I/O) is an
// error: nothing may be decided on settings that are merely out of reach.
func (s *Store) readSettings() (settingsFile, settingsState, error) {
	path := s.settingsPath()
	data, err := readLimited(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return settingsFile{Version: settingsVersion}, settingsMissing, nil
	case errors.Is(err, errTooLarge):
		return s.damagedSettings()
	case err != nil:
		return settingsFile{}, settingsMissing, &Error{Reason: ReasonSettingsUnreadable, Err: err, Path: path}
	}
	var sf settingsFile
	if err := json.Unmarshal(data, &sf); err != nil {
		return s.damagedSettings()
	}
	if sf.Version > settingsVersion {
		return sf, settingsNewer, nil
	}
	sf.upgrade(settingsRead)
	return sf, settingsRead, nil
}

// damagedSettings is what a damaged settings.json leaves: its copy, when
// that is whole (the damaged file is set aside, and the next change writes
// both again), or the defaults. Either way the damaged file is kept, aside,
// when a change commits.
func (s *Store) damagedSettings() (settingsFile, settingsState, error) {
	if kept, ok := s.readCopy(); ok {
		if kept.Version > settingsVersion {
			// A newer TokenDesk's: read it, and change nothing (not even the
			// damaged file, which that TokenDesk may still recover).
			return kept, settingsNewer, nil
		}
		return kept, settingsRecovered, nil
	}
	return settingsFile{Version: settingsVersion}, settingsDamaged, nil
}

// damagedSettingsNotice says a damaged settings file was set aside, and
// whether its connections came back from the copy.
func damagedSettingsNotice(recovered bool, bak string) Notice {
	n := Notice{Kind: NoticeDamagedFile, Reason: ReasonSettingsDamaged, Path: bak}
	if recovered {
		n.Reason = ReasonSettingsRecovered
	}
	return n
}

// writeSettings writes settings.json, the commit point of every change,
// and then, on a best effort basis, its copy (copy.go): once settings.json
// is written the change is made, and a copy that cannot be written must not
// undo it.
func (s *Store) writeSettings(sf settingsFile) error {
	sf.Version = settingsVersion
	data, err := json.MarshalIndent(sf, "", "  ")
	if err != nil {
		return saveError(err)
	}
	data = append(data, '\n')
	if err := writeFileAtomic(s.settingsPath(), data, 0o600); err != nil {
		return saveError(err)
	}
	_ = writeFileAtomic(s.copyPath(), data, 0o600)
	return nil
}

// errTooLarge is the cause when a file is larger than TokenDesk ever writes.
var errTooLarge = errors.New("file too large")

// readLimited reads a file of at most maxFileSize bytes; a larger one is an
// error, not a reason to fill memory.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s: %w (more than %d bytes)", path, errTooLarge, maxFileSize)
	}
	return data, nil
}

// fingerprint is a short hash of a token: enough to tell two tokens apart,
// useless for finding the token.
func fingerprint(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:6])
}

func saveError(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	reason := ReasonNotSaved
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EFBIG):
		reason = ReasonDiskFull
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		reason = ReasonReadOnlyFolder
	}
	return &Error{Reason: reason, Err: err}
}
