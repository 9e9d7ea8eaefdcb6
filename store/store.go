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
	"os"
	"path/filepath"
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

// Error is a storage failure said for a person, with the technical cause.
type Error struct {
	Message string
	Hint    string
	Err     error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Message
	}
	return e.Message + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Explain keeps the contract of internal/explain: the words for a person.
func (e *Error) Explain() (message, hint, detail string) {
	if e.Err != nil {
		detail = e.Err.Error()
	}
	return e.Message, e.Hint, detail
}

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
)

// Notice is something the window should tell the person once: where the
// secrets are kept, or that a damaged file was set aside.
type Notice struct {
	Kind    NoticeKind
	Message string
	Hint    string
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

// Saved is everything remembered: the settings as the form shows them
// (client secret included) and the token, if there is one.
type Saved struct {
	Settings oauthflow.Settings
	Token    *SavedToken
	KeptIn   Backend // where the secrets are
}

// SavedToken is a token with what TokenDesk knows about it.
type SavedToken struct {
	oauthflow.Token
	Account string // the member's name, when known
}

// TokenInfo is what TokenDesk learns about a saved token after saving it.
// UpdateTokenInfo leaves zero fields as they are.
type TokenInfo struct {
	ExpiresAt time.Time
	Scopes    []string
	Account   string
}

// settingsFile is settings.json. It never holds a secret.
type settingsFile struct {
	Version         int        `json:"version"`
	ClientID        string     `json:"client_id,omitempty"`
	RedirectURL     string     `json:"redirect_url,omitempty"`
	Scopes          []string   `json:"scopes,omitempty"`
	PKCE            bool       `json:"pkce,omitempty"`
	Token           *tokenMeta `json:"token,omitempty"`
	SecretsIn       Backend    `json:"secrets_in,omitempty"`
	FileNoticeShown bool       `json:"file_fallback_notice_shown,omitempty"`
}

// tokenMeta is what is not secret about a token. Fingerprint (a short hash
// of the token) tells whether the keychain's token is the one described.
type tokenMeta struct {
	ExpiresAt        time.Time `json:"expires_at,omitzero"`
	Scopes           []string  `json:"scopes,omitempty"`
	ObtainedAt       time.Time `json:"obtained_at,omitzero"`
	RefreshExpiresAt time.Time `json:"refresh_expires_at,omitzero"`
	Account          string    `json:"account,omitempty"`
	Fingerprint      string    `json:"fingerprint,omitempty"`
	Slot             string    `json:"slot,omitempty"` // the keychain slot that holds it: "" or "b"
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
			return nil, nil, &Error{Err: err, Message: "TokenDesk could not find a folder for its settings.", Hint: "Check that your home folder exists and is yours."}
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
	err := s.change(ctx, func(tx *txn) error {
		// Under the exclusive lock, no other process has a save in flight.
		removeLeftovers(s.dir)
		if tx.state == settingsDamaged {
			notices = append(notices, damagedSettingsNotice(s.settingsPath()+".bak"))
		}
		if bak := s.file.repair(); bak != "" {
			notices = append(notices, Notice{Kind: NoticeDamagedFile,
				Message: "The file where TokenDesk kept your client secret and token was damaged, so they could not be read.",
				Hint:    "Type the client secret again and sign in again. The damaged file was kept as " + bak + "."})
		}
		fileInUse := tx.sf.SecretsIn == BackendFile || (tx.sf.SecretsIn == "" && s.file.exists())
		switch {
		case reachable && fileInUse:
			migrate = true // below, as a change of its own
		case reachable:
			tx.sf.SecretsIn = BackendKeychain
			tx.sec = s.keychain
			tx.adoptSlot()
			tx.removeLeftovers()
			if s.file.exists() {
				// Left by a move into the keychain that was cut short after
				// the settings already said "keychain": those values were
				// copied, and newer ones may have been saved since.
				tx.afterCommit(func() error { _ = os.Remove(s.file.path); return nil })
			}
		case tx.sf.SecretsIn == BackendKeychain || timedOut(probeErr) || tx.state == settingsDamaged && probeErr != nil:
			// Locked, slow or gone for now, or maybe so (the settings that
			// would say are damaged): never fall back to a file behind the
			// person's back. Load says it could not read.
			notices = append(notices, Notice{Kind: NoticeKeychainUnreachable,
				Message: "TokenDesk could not reach the keychain where your client secret and token are saved.",
				Hint:    "Unlock your keychain, then press Retry. Nothing saved was changed."})
		default:
			tx.sf.SecretsIn = BackendFile
			tx.sec = s.file
			tx.adoptSlot()
			tx.removeLeftovers()
			if !tx.sf.FileNoticeShown {
				notices = append(notices, Notice{Kind: NoticeSecretsInFile,
					Message: "This computer has no keychain, so your client secret and token are kept in a file only your user account can read.",
					Hint:    "Anyone who can sign in as you, or read your backups, can read " + s.file.path + ". Installing and unlocking a keyring (such as GNOME Keyring) keeps them safer."})
				tx.sf.FileNoticeShown = true
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, ErrLeftInKeychain) { // leftovers go at the next start
		return nil, notices, err
	}
	if migrate {
		if err := s.moveIntoKeychain(ctx); err != nil {
			n := Notice{Kind: NoticeNotMoved,
				Message: "TokenDesk could not move your client secret and token from its file into the keychain, so they stay in the file for now.",
				Hint:    "It tries again at the next start."}
			if e := (*Error)(nil); errors.As(err, &e) {
				n.Hint = e.Message + " " + n.Hint
			}
			notices = append(notices, n)
		}
	}
	return s, notices, nil
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
			return &Error{Err: err, Message: "TokenDesk could not read the secrets it kept in a file.", Hint: "Check " + s.file.path + "."}
		}
		// Only what the file holds is copied: an entry it lacks is no reason
		// to delete one the keychain has (it may be all that is left).
		tx.sec = s.keychain
		for _, name := range allEntries {
			v, ok := m[name]
			if !ok || v == "" {
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

// Load reads everything remembered. A token whose description does not
// match it (a save was cut short) has no expiry: it is not known. When the
// secrets cannot be read, Load returns the settings without them and an
// error for which errors.Is(err, ErrUnreadable) holds.
func (s *Store) Load(ctx context.Context) (Saved, error) {
	unlock, err := s.lock(ctx, false)
	if err != nil {
		return Saved{}, err
	}
	defer unlock()
	sf, _, err := s.readSettings()
	if err != nil {
		return Saved{}, err
	}
	sec := s.secretsFor(sf)
	out := Saved{KeptIn: sec.backend(), Settings: oauthflow.Settings{
		ClientID:    sf.ClientID,
		RedirectURL: sf.RedirectURL,
		Scopes:      sf.Scopes,
		PKCE:        sf.PKCE,
	}}
	// The settings say whether there is a token, and in which slot: token
	// entries they do not name are leftovers of a change cut short.
	names := []string{entryClientSecret}
	var accessName, refreshName string
	if sf.Token != nil {
		accessName, refreshName = tokenEntries(sf.Token.Slot)
		names = append(names, accessName, refreshName)
	}
	vals := map[string]string{}
	for _, name := range names {
		v, err := sec.get(ctx, name)
		if errors.Is(err, errNotFound) {
			continue
		}
		if err != nil {
			return out, unreadable(err)
		}
		vals[name] = v
	}
	out.Settings.ClientSecret = vals[entryClientSecret]
	access, ok := vals[accessName]
	if sf.Token != nil && (!ok || fingerprint(access) != sf.Token.Fingerprint) {
		// The settings name the wrong slot (an older TokenDesk rewrote
		// them without it): the slot that holds the described token wins.
		if a, r, found := slotWith(ctx, sec, otherSlot(sf.Token.Slot), sf.Token.Fingerprint); found {
			access, ok, vals[refreshName] = a, true, r
		}
	}
	if !ok {
		return out, nil
	}
	tok := &SavedToken{Token: oauthflow.Token{AccessToken: access, RefreshToken: vals[refreshName]}}
	if m := sf.Token; m.Fingerprint == fingerprint(access) {
		tok.ExpiresAt, tok.Scopes, tok.ObtainedAt = m.ExpiresAt, m.Scopes, m.ObtainedAt
		tok.RefreshTokenExpiresAt, tok.Account = m.RefreshExpiresAt, m.Account
	}
	out.Token = tok
	return out, nil
}

// SaveSettings remembers the form: the client secret in the keychain, the
// rest in the settings file; all of it or, on error, none. An empty client
// secret keeps the saved one: the form may be empty because the keychain
// could not be read, and a secret is never deleted for that. ForgetEverything
// removes it.
func (s *Store) SaveSettings(ctx context.Context, set oauthflow.Settings) error {
	set = set.Clean()
	return s.change(ctx, func(tx *txn) error {
		if set.ClientSecret != "" {
			if err := tx.put(entryClientSecret, set.ClientSecret); err != nil {
				return err
			}
		}
		tx.sf.ClientID, tx.sf.RedirectURL, tx.sf.Scopes, tx.sf.PKCE = set.ClientID, set.RedirectURL, set.Scopes, set.PKCE
		return nil
	})
}

// SaveToken remembers a token: access token, refresh token and description
// together or, on error, none of them (the previous ones are put back).
func (s *Store) SaveToken(ctx context.Context, tok oauthflow.Token, account string) error {
	if tok.AccessToken == "" {
		return &Error{Message: "There is no token to save.", Hint: "Connect to get one."}
	}
	return s.change(ctx, func(tx *txn) error { return tx.saveToken(tok, account) })
}

// ReplaceToken saves tok in place of the token old, and only if old is
// still the saved one: a renewal that ends after Clear, or after another
// Connect, must not bring back what the person removed or replaced. It
// returns an error for which errors.Is(err, ErrTokenChanged) holds then.
func (s *Store) ReplaceToken(ctx context.Context, old string, tok oauthflow.Token, account string) error {
	if tok.AccessToken == "" {
		return &Error{Message: "There is no token to save.", Hint: "Connect to get one."}
	}
	return s.change(ctx, func(tx *txn) error {
		if tx.sf.Token == nil || old == "" {
			return tokenChanged()
		}
		accessName, _ := tokenEntries(tx.sf.Token.Slot)
		cur, err := tx.get(accessName)
		if err != nil {
			return err
		}
		if cur != old {
			return tokenChanged()
		}
		return tx.saveToken(tok, account)
	})
}

// UpdateTokenInfo records what was learned about the saved token (its
// expiry, permissions, member) when it is still token; zero fields are left
// as they are. Otherwise nothing is written and the error is
// ErrTokenChanged.
func (s *Store) UpdateTokenInfo(ctx context.Context, token string, info TokenInfo) error {
	return s.change(ctx, func(tx *txn) error {
		m := tx.sf.Token
		if m == nil || token == "" || m.Fingerprint != fingerprint(token) {
			return tokenChanged()
		}
		if !info.ExpiresAt.IsZero() {
			m.ExpiresAt = info.ExpiresAt
		}
		if len(info.Scopes) > 0 {
			m.Scopes = info.Scopes
		}
		if info.Account != "" {
			m.Account = info.Account
		}
		return nil
	})
}

// ClearToken forgets the token. The settings stop naming it first, so that
// from then on no TokenDesk shows or prints it; then its keychain entries
// go. When the keychain will not remove them, the error says so (errors.Is
// ErrLeftInKeychain) and the next start removes them.
func (s *Store) ClearToken(ctx context.Context) error {
	return s.change(ctx, func(tx *txn) error {
		tx.sf.Token = nil
		tx.removeLeftovers()
		return nil
	})
}

// ForgetEverything removes the token, the client secret and the settings.
func (s *Store) ForgetEverything(ctx context.Context) error {
	return s.change(ctx, func(tx *txn) error {
		if err := tx.put(entryClientSecret, ""); err != nil {
			return err
		}
		tx.sf = settingsFile{Version: 1, SecretsIn: tx.sf.SecretsIn, FileNoticeShown: tx.sf.FileNoticeShown}
		tx.removeLeftovers()
		return nil
	})
}

func tokenChanged() error {
	return &Error{Err: ErrTokenChanged,
		Message: "The saved token changed meanwhile, so this result was not saved.",
		Hint:    "Nothing needs doing: the token you see now is the one that is saved."}
}

func unreadable(err error) error {
	msg, hint := "TokenDesk could not read your client secret and token from the keychain.",
		"Unlock your keychain (or answer its password prompt), then press Retry. Nothing saved was changed."
	if errors.Is(err, errDamaged) {
		msg, hint = "The file where TokenDesk keeps your client secret and token is damaged.",
			"Open the TokenDesk window: it sets the damaged file aside so you can connect again."
	}
	return &Error{Err: fmt.Errorf("%w: %w", ErrUnreadable, err), Message: msg, Hint: hint}
}

func (s *Store) settingsPath() string { return filepath.Join(s.dir, settingsFileName) }

// settingsState says what readSettings found.
type settingsState int

const (
	settingsRead    settingsState = iota // read and understood
	settingsMissing                      // no file yet (or any more)
	settingsDamaged                      // there, but not what TokenDesk writes
)

// readSettings reads settings.json. A damaged file (not JSON, or larger than
// TokenDesk ever writes) gives the defaults and a notice; it is moved aside
// only when a change commits (txn.commit), never by a reader. A file that
// cannot be read at all (permissions, I/O) is an error: nothing may be
// decided on settings that are merely out of reach.
func (s *Store) readSettings() (settingsFile, settingsState, error) {
	path := s.settingsPath()
	data, err := readLimited(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return settingsFile{Version: 1}, settingsMissing, nil
	case errors.Is(err, errTooLarge):
		return settingsFile{Version: 1}, settingsDamaged, nil
	case err != nil:
		return settingsFile{}, settingsMissing, &Error{Err: err,
			Message: "TokenDesk could not read its saved settings.",
			Hint:    "Check that you can open " + path + ", then try again. Nothing was changed."}
	}
	var sf settingsFile
	if err := json.Unmarshal(data, &sf); err != nil {
		return settingsFile{Version: 1}, settingsDamaged, nil
	}
	return sf, settingsRead, nil
}

// damagedSettingsNotice says a damaged settings file was set aside.
func damagedSettingsNotice(bak string) Notice {
	n := Notice{Kind: NoticeDamagedFile, Message: "TokenDesk's saved settings were damaged, so it started with empty ones.",
		Hint: "Fill in the form again."}
	if bak != "" {
		n.Hint += " The damaged file was kept as " + bak + "."
	}
	return n
}

func (s *Store) writeSettings(sf settingsFile) error {
	sf.Version = 1
	data, err := json.MarshalIndent(sf, "", "  ")
	if err != nil {
		return saveError(err)
	}
	if err := writeFileAtomic(s.settingsPath(), append(data, '\n'), 0o600); err != nil {
		return saveError(err)
	}
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
	msg := "TokenDesk could not save."
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EFBIG):
		msg = "TokenDesk could not save: the disk is full."
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		msg = "TokenDesk could not save: its folder is read-only."
	}
	return &Error{Err: err, Message: msg, Hint: "Free some space or fix the folder's permissions, then try again. What was saved before is unchanged."}
}
