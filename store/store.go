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
	"sync"
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

// Notice is something the window should tell the person once: where the
// secrets are kept, or that a damaged file was set aside.
type Notice struct {
	Message string
	Hint    string
}

// Options configure Open. The zero value is what the app uses.
type Options struct {
	Dir     string        // the settings folder; "": DefaultDir()
	Keyring Keyring       // nil: the system's keychain
	Service string        // the keychain service name; "": DefaultService
	Timeout time.Duration // per keychain call; 0: DefaultTimeout
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

// Store is TokenDesk's memory. It is safe for concurrent use.
type Store struct {
	dir     string
	secrets secrets
	mu      sync.Mutex // serialises read-modify-write of the settings file
}

// Saved is everything remembered: the settings as the form shows them
// (client secret included) and the token, if there is one.
type Saved struct {
	Settings oauthflow.Settings
	Token    *SavedToken
}

// SavedToken is a token with what TokenDesk knows about it.
type SavedToken struct {
	oauthflow.Token
	Account string // the member's name, when known
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
}

// Open finds where secrets can be kept and reads the settings. The notices
// are for the window: the keychain fallback (once), a damaged file set
// aside. Open may wait for a keychain unlock prompt: call it off the UI
// goroutine.
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
	if err := ensurePrivateDir(opts.Dir); err != nil {
		return nil, nil, saveError(err)
	}
	removeLeftovers(opts.Dir)

	s := &Store{dir: opts.Dir}
	var notices []Notice
	sf, notice := s.readSettings()
	if notice != nil {
		notices = append(notices, *notice)
	}

	kc := &keychainSecrets{kr: opts.Keyring, service: opts.Service, timeout: opts.Timeout}
	file := &fileSecrets{path: filepath.Join(opts.Dir, secretsFileName)}
	_, probeErr := kc.get(ctx, entryClientSecret)
	if probeErr == nil || errors.Is(probeErr, errNotFound) {
		s.secrets = kc
		if sf.SecretsIn == BackendFile {
			if err := migrate(ctx, file, kc); err != nil {
				return nil, notices, err
			}
		}
		sf.SecretsIn = BackendKeychain
	} else {
		s.secrets = file
		if sf.SecretsIn == BackendKeychain {
			notices = append(notices, Notice{
				Message: "TokenDesk could not reach the keychain where your client secret and token are saved.",
				Hint:    "Unlock your keychain (or sign out and in again) and restart TokenDesk. Until then, anything new is kept in a file only your user account can read.",
			})
		} else if !sf.FileNoticeShown {
			notices = append(notices, Notice{
				Message: "This computer has no keychain TokenDesk can use, so your client secret and token are kept in a file only your user account can read.",
				Hint:    "Anyone who can sign in as you, or read your backups, can read that file: " + file.path + ". On Linux, installing and unlocking a keyring (such as GNOME Keyring) keeps them safer.",
			})
			sf.FileNoticeShown = true
		}
		sf.SecretsIn = BackendFile
	}
	if err := s.writeSettings(sf); err != nil {
		return nil, notices, err
	}
	return s, notices, nil
}

// migrate moves secrets a keychain-less run left in the file into the
// keychain, then removes the file.
func migrate(ctx context.Context, from *fileSecrets, to *keychainSecrets) error {
	for _, name := range allEntries {
		v, err := from.get(ctx, name)
		if errors.Is(err, errNotFound) {
			continue
		}
		if err != nil {
			return &Error{Err: err, Message: "TokenDesk could not read the secrets it kept in a file.", Hint: "Check " + from.path + "."}
		}
		if err := to.set(ctx, name, v); err != nil {
			return err
		}
	}
	if err := os.Remove(from.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return saveError(err)
	}
	return nil
}

// Backend says where the secrets are kept now.
func (s *Store) Backend() Backend { return s.secrets.backend() }

// Dir is the settings folder.
func (s *Store) Dir() string { return s.dir }

// Load reads everything remembered. A token whose secret is missing from
// the keychain is reported as no token.
func (s *Store) Load(ctx context.Context) (Saved, error) {
	s.mu.Lock()
	sf, _ := s.readSettings()
	s.mu.Unlock()

	out := Saved{Settings: oauthflow.Settings{
		ClientID:    sf.ClientID,
		RedirectURL: sf.RedirectURL,
		Scopes:      sf.Scopes,
		PKCE:        sf.PKCE,
	}}
	secret, err := s.secrets.get(ctx, entryClientSecret)
	if err != nil && !errors.Is(err, errNotFound) {
		return out, readError(err)
	}
	out.Settings.ClientSecret = secret

	access, err := s.secrets.get(ctx, entryAccessToken)
	if errors.Is(err, errNotFound) {
		return out, nil
	}
	if err != nil {
		return out, readError(err)
	}
	refresh, err := s.secrets.get(ctx, entryRefreshToken)
	if err != nil && !errors.Is(err, errNotFound) {
		return out, readError(err)
	}
	tok := &SavedToken{Token: oauthflow.Token{AccessToken: access, RefreshToken: refresh}}
	if m := sf.Token; m != nil && m.Fingerprint == fingerprint(access) {
		tok.ExpiresAt, tok.Scopes, tok.ObtainedAt = m.ExpiresAt, m.Scopes, m.ObtainedAt
		tok.RefreshTokenExpiresAt, tok.Account = m.RefreshExpiresAt, m.Account
	}
	out.Token = tok
	return out, nil
}

// SaveSettings remembers the form: the client secret in the keychain, the
// rest in the settings file. On error the previous settings are intact.
func (s *Store) SaveSettings(ctx context.Context, set oauthflow.Settings) error {
	set = set.Clean()
	if err := s.putSecret(ctx, entryClientSecret, set.ClientSecret); err != nil {
		return err
	}
	return s.update(func(sf *settingsFile) {
		sf.ClientID, sf.RedirectURL, sf.Scopes, sf.PKCE = set.ClientID, set.RedirectURL, set.Scopes, set.PKCE
	})
}

// SaveToken remembers a token. The secrets are written first and the
// description last, so a crash in between leaves a token whose description
// does not match (and is ignored), never a description of a lost token.
func (s *Store) SaveToken(ctx context.Context, tok oauthflow.Token, account string) error {
	if tok.AccessToken == "" {
		return &Error{Message: "There is no token to save.", Hint: "Press Connect to get one."}
	}
	if err := s.putSecret(ctx, entryAccessToken, tok.AccessToken); err != nil {
		return err
	}
	if err := s.putSecret(ctx, entryRefreshToken, tok.RefreshToken); err != nil {
		return err
	}
	return s.update(func(sf *settingsFile) {
		sf.Token = &tokenMeta{
			ExpiresAt: tok.ExpiresAt, Scopes: tok.Scopes, ObtainedAt: tok.ObtainedAt,
			RefreshExpiresAt: tok.RefreshTokenExpiresAt, Account: account,
			Fingerprint: fingerprint(tok.AccessToken),
		}
	})
}

// SaveAccount remembers who the saved token belongs to. It changes nothing
// when the saved token is not token (another was saved meanwhile).
func (s *Store) SaveAccount(token, account string) error {
	return s.update(func(sf *settingsFile) {
		if sf.Token != nil && sf.Token.Fingerprint == fingerprint(token) {
			sf.Token.Account = account
		}
	})
}

// ClearToken forgets the token: from the keychain and from the settings.
func (s *Store) ClearToken(ctx context.Context) error {
	for _, name := range []string{entryAccessToken, entryRefreshToken} {
		if err := s.secrets.delete(ctx, name); err != nil {
			return removeError(err)
		}
	}
	return s.update(func(sf *settingsFile) { sf.Token = nil })
}

// ForgetEverything removes the token, the client secret and the settings.
func (s *Store) ForgetEverything(ctx context.Context) error {
	for _, name := range allEntries {
		if err := s.secrets.delete(ctx, name); err != nil {
			return removeError(err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := settingsFile{Version: 1, SecretsIn: s.secrets.backend(), FileNoticeShown: s.secrets.backend() == BackendFile}
	return s.writeSettings(keep)
}

func (s *Store) putSecret(ctx context.Context, name, value string) error {
	var err error
	if value == "" {
		err = s.secrets.delete(ctx, name)
	} else {
		err = s.secrets.set(ctx, name, value)
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		return saveError(err)
	}
	return nil
}

func (s *Store) update(change func(*settingsFile)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sf, _ := s.readSettings()
	change(&sf)
	return s.writeSettings(sf)
}

func (s *Store) settingsPath() string { return filepath.Join(s.dir, settingsFileName) }

// readSettings reads settings.json. A damaged file does not stop the app: it
// is moved aside to settings.json.bak and the defaults are used, with a
// notice saying so.
func (s *Store) readSettings() (settingsFile, *Notice) {
	path := s.settingsPath()
	data, err := readLimited(path)
	if errors.Is(err, os.ErrNotExist) {
		return settingsFile{Version: 1}, nil
	}
	var sf settingsFile
	if err == nil {
		err = json.Unmarshal(data, &sf)
	}
	if err == nil {
		return sf, nil
	}
	bak := path + ".bak"
	if rerr := os.Rename(path, bak); rerr != nil {
		bak = ""
	}
	n := &Notice{Message: "TokenDesk's saved settings were damaged, so it started with empty ones.",
		Hint: "Fill in the form again."}
	if bak != "" {
		n.Hint += " The damaged file was kept as " + bak + "."
	}
	return settingsFile{Version: 1}, n
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
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxFileSize)
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

func readError(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Err: err, Message: "TokenDesk could not read what it saved.", Hint: "Try again. If your keychain is locked, unlock it first."}
}

func removeError(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Err: err, Message: "TokenDesk could not remove the saved token.", Hint: "Try again. If your keychain is locked, unlock it first."}
}
