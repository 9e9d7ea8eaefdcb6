package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// MaxNameLength bounds a connection's name, in characters.
const MaxNameLength = 60

// Listing is every connection, as settings.json describes them: no secret
// is read for it, so it works while the keychain is locked.
type Listing struct {
	Current     string // the ID of the connection the window shows; "" when there is none
	Connections []Listed
}

// Listed is what is known of a connection without its secrets.
type Listed struct {
	ID, Name    string
	ClientID    string
	RedirectURL string
	Scopes      []string // asked for
	Token       *TokenFacts
}

// TokenFacts is what is not secret about a saved token.
type TokenFacts struct {
	ExpiresAt        time.Time // zero: not known
	RefreshExpiresAt time.Time // zero: no refresh token, or not known
	ObtainedAt       time.Time
	Scopes           []string // granted
	Account          string   // the member's name, when known
	Renewable        bool     // it came with a refresh token
}

// RenewsItself reports whether TokenDesk renews this token before it
// expires (it has a refresh token that has not expired): its expiry is no
// reason to warn.
func (f TokenFacts) RenewsItself(now time.Time) bool {
	return f.Renewable && (f.RefreshExpiresAt.IsZero() || now.Before(f.RefreshExpiresAt))
}

// Find is the connection with that name (in any case) or ID.
func (l Listing) Find(nameOrID string) (Listed, bool) {
	for _, c := range l.Connections {
		if c.ID == nameOrID {
			return c, true
		}
	}
	for _, c := range l.Connections {
		if strings.EqualFold(c.Name, strings.TrimSpace(nameOrID)) {
			return c, true
		}
	}
	return Listed{}, false
}

// Names are the connections' names, in the list's order.
func (l Listing) Names() []string {
	names := make([]string, len(l.Connections))
	for i, c := range l.Connections {
		names[i] = c.Name
	}
	return names
}

// List reads the connections, in the order they were made.
func (s *Store) List(ctx context.Context) (Listing, error) {
	unlock, err := s.lock(ctx, false)
	if err != nil {
		return Listing{}, err
	}
	defer unlock()
	sf, _, err := s.readSettings()
	if err != nil {
		return Listing{}, err
	}
	out := Listing{Current: sf.Current, Connections: sf.listed()}
	if sf.conn(out.Current) == nil && len(sf.Connections) > 0 {
		out.Current = sf.Connections[0].ID
	}
	return out, nil
}

// listed is what List says of the connections.
func (sf *settingsFile) listed() []Listed {
	var out []Listed
	for _, cf := range sf.Connections {
		l := Listed{ID: cf.ID, Name: cf.Name, ClientID: cf.ClientID, RedirectURL: cf.RedirectURL, Scopes: cf.Scopes}
		if m := cf.Token; m != nil {
			l.Token = &TokenFacts{ExpiresAt: m.ExpiresAt, RefreshExpiresAt: m.RefreshExpiresAt,
				ObtainedAt: m.ObtainedAt, Scopes: m.Scopes, Account: m.Account,
				Renewable: m.Renewable || !m.RefreshExpiresAt.IsZero()}
		}
		out = append(out, l)
	}
	return out
}

// Add makes a connection named name with the settings set (its client
// secret, if any, goes in the keychain). It becomes the one in use only
// when there was none: which one the window shows is SetCurrent's. It
// returns the new connection's ID.
func (s *Store) Add(ctx context.Context, name string, set oauthflow.Settings) (string, error) {
	set = set.Clean()
	var id string
	err := s.change(ctx, func(tx *txn) error {
		cf, err := tx.newConn(name)
		if err != nil {
			return err
		}
		if set.ClientSecret != "" {
			if err := tx.put(entriesOf(cf.ID).clientSecret(), set.ClientSecret); err != nil {
				return err
			}
		}
		cf.ClientID, cf.RedirectURL, cf.Scopes, cf.PKCE = set.ClientID, set.RedirectURL, set.Scopes, set.PKCE
		id = cf.ID
		return nil
	})
	return id, err
}

// Duplicate makes a connection named name with the settings and client
// secret of the connection id, without its token: the same LinkedIn app,
// for another member. Its ID is returned; the one in use stays.
func (s *Store) Duplicate(ctx context.Context, id, name string) (string, error) {
	var newID string
	err := s.change(ctx, func(tx *txn) error {
		src, err := s.Conn(id).find(&tx.sf)
		if err != nil {
			return err
		}
		if src == nil {
			src = &connFile{ID: DefaultConnection}
		}
		secret, err := tx.get(entriesOf(src.ID).clientSecret())
		if err != nil {
			return err
		}
		cf, err := tx.newConn(name)
		if err != nil {
			return err
		}
		if err := tx.put(entriesOf(cf.ID).clientSecret(), secret); err != nil {
			return err
		}
		cf.ClientID, cf.RedirectURL, cf.Scopes, cf.PKCE = src.ClientID, src.RedirectURL, src.Scopes, src.PKCE
		newID = cf.ID
		return nil
	})
	return newID, err
}

// Rename gives the connection id another name.
func (s *Store) Rename(ctx context.Context, id, name string) error {
	return s.change(ctx, func(tx *txn) error {
		cf := tx.sf.conn(id)
		if cf == nil {
			return noConnection()
		}
		name, err := tx.checkName(name, id)
		if err != nil {
			return err
		}
		cf.Name = name
		return nil
	})
}

// SetCurrent remembers id as the connection the window shows.
func (s *Store) SetCurrent(ctx context.Context, id string) error {
	return s.change(ctx, func(tx *txn) error {
		if tx.sf.conn(id) == nil {
			return noConnection()
		}
		tx.sf.Current = id
		return nil
	})
}

// Delete removes the connection id: its settings, client secret and
// token, all or (when the keychain fails) nothing. The next one becomes
// current if it was.
func (s *Store) Delete(ctx context.Context, id string) error {
	return s.change(ctx, func(tx *txn) error {
		i := tx.sf.index(id)
		if i < 0 {
			return noConnection()
		}
		for _, name := range entriesOf(id).all() {
			if err := tx.put(name, ""); err != nil {
				return err
			}
		}
		tx.sf.Connections = append(tx.sf.Connections[:i:i], tx.sf.Connections[i+1:]...)
		if tx.sf.Current == id {
			tx.sf.Current = ""
			if n := len(tx.sf.Connections); n > 0 {
				tx.sf.Current = tx.sf.Connections[min(i, n-1)].ID
			}
		}
		return nil
	})
}

// ForgetEverything removes every connection: settings, client secrets and
// tokens, all or (when the keychain fails) nothing. Every entry goes before
// the settings forget the connections: afterwards nothing would say which
// entries are TokenDesk's.
func (s *Store) ForgetEverything(ctx context.Context) error {
	return s.change(ctx, func(tx *txn) error {
		ids := []string{DefaultConnection} // its secrets may outlive damaged settings
		for _, cf := range tx.sf.Connections {
			if cf.ID != DefaultConnection {
				ids = append(ids, cf.ID)
			}
		}
		for _, id := range ids {
			for _, name := range entriesOf(id).all() {
				if err := tx.put(name, ""); err != nil {
					return err
				}
			}
		}
		tx.sf = settingsFile{Version: settingsVersion, SecretsIn: tx.sf.SecretsIn, FileNoticeShown: tx.sf.FileNoticeShown}
		return nil
	})
}

func (sf *settingsFile) index(id string) int {
	for i, c := range sf.Connections {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// newConn appends a connection named name with a fresh ID.
func (tx *txn) newConn(name string) (*connFile, error) {
	name, err := tx.checkName(name, "")
	if err != nil {
		return nil, err
	}
	id, err := newConnID(&tx.sf)
	if err != nil {
		return nil, saveError(err)
	}
	cf := &connFile{ID: id, Name: name}
	tx.sf.Connections = append(tx.sf.Connections, cf)
	if tx.sf.conn(tx.sf.Current) == nil {
		tx.sf.Current = id
	}
	return cf, nil
}

// newConnID is a random ID no connection has: random, so that no new
// connection ever takes over the keychain entries of a deleted one.
func newConnID(sf *settingsFile) (string, error) {
	for {
		b := make([]byte, 4)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("make a connection ID: %w", err)
		}
		id := "c" + hex.EncodeToString(b)
		if _, named := (Listing{Connections: sf.listed()}).Find(id); !named {
			return id, nil
		}
	}
}

// ErrBadName is in the chain of the error for a name that cannot be a
// connection's.
var ErrBadName = errors.New("bad connection name")

// CheckName cleans a connection's name and checks that it can be one: not
// empty, not too long, printable. (Add and Rename also refuse another
// connection's name, in any case: the command line picks them by name.)
func CheckName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", badName("A connection needs a name.")
	case utf8.RuneCountInString(name) > MaxNameLength:
		return "", badName(fmt.Sprintf("A connection's name can be at most %d characters long.", MaxNameLength))
	case strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		return "", badName("A connection's name can only have letters, digits, spaces and punctuation.")
	}
	return name, nil
}

func badName(msg string) error {
	return &Error{Err: ErrBadName, Message: msg, Hint: "Choose another name."}
}

// checkName is CheckName, and no other connection's (but except's) name.
func (tx *txn) checkName(name, except string) (string, error) {
	name, err := CheckName(name)
	if err != nil {
		return "", err
	}
	for _, c := range tx.sf.Connections {
		if c.ID != except && strings.EqualFold(c.Name, name) {
			return "", badName(fmt.Sprintf("There is already a connection named %q.", c.Name))
		}
		// --connection takes a name or an ID: neither may stand for two.
		if c.ID != except && strings.EqualFold(c.ID, name) {
			return "", badName(fmt.Sprintf("%q is how TokenDesk knows the connection %q.", c.ID, c.Name))
		}
	}
	return name, nil
}
