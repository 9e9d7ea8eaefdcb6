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
	// DefaultDeleted: DefaultConnection was deleted while others remain,
	// so nothing saves into it; until then it is made by the first save.
	DefaultDeleted bool
	// DefaultEpoch is how many times DefaultConnection was deleted: see
	// Store.ConnSeen and Into.
	DefaultEpoch int
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
	MemberID         string   // the member's LinkedIn ID (userinfo's sub), when known
	Renewable        bool     // it came with a refresh token
}

// Find is the connection with that ID or name, in any case: the rule for
// names (CheckNewName) makes sure that neither stands for two.
func (l Listing) Find(nameOrID string) (Listed, bool) {
	nameOrID = strings.TrimSpace(nameOrID)
	for _, c := range l.Connections {
		if strings.EqualFold(c.ID, nameOrID) {
			return c, true
		}
	}
	for _, c := range l.Connections {
		if strings.EqualFold(c.Name, nameOrID) {
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
	out := Listing{Current: sf.Current, Connections: sf.listed(), DefaultDeleted: sf.DefaultDeleted, DefaultEpoch: sf.DefaultEpoch}
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
				ObtainedAt: m.ObtainedAt, Scopes: m.Scopes, Account: m.Account, MemberID: m.MemberID,
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
	var id string
	err := s.change(ctx, func(tx *txn) error {
		cf, err := tx.newConn(name)
		if err != nil {
			return err
		}
		id = cf.ID
		return tx.setSettings(cf, set)
	})
	return id, err
}

// Into says where SaveSignIn saves: into the connection ID, or else into a
// new connection named NewName.
type Into struct {
	ID      string
	NewName string
	// DefaultEpoch is the list's when the sign-in began (Listing): into
	// DefaultConnection, deleted since, nothing is saved.
	DefaultEpoch int
	// IfEmpty (with ID and NewName): into ID, renamed NewName, if it still
	// has nothing in it (no Client ID, client secret or token: a first
	// start's form an import fills); else into a new connection NewName.
	// What was saved into ID meanwhile (by tokendesk login) is never
	// replaced by an import the window began on the empty form.
	IfEmpty bool
}

// SavedInto is the connection SaveSignIn saved into.
type SavedInto struct {
	ID, Name string
	Current  bool // it is the one in use
	Made     bool // it was made for this save
	// Renamed: a connection named NewName was made meanwhile (another
	// sign-in, the window), so this one got a free name of its own rather
	// than a token it never saw being replaced.
	Renamed bool
}

// SaveSignIn remembers what a sign-in (or an import) used and got, in one
// change: the settings, and the token when tok has one, all or, on error,
// none; and the new connection it goes into, if into asks for one. A
// token saved into an existing connection replaces its token: a sign-in is
// the person's own, newest, word. Into.ID must exist (DefaultConnection
// is made if it never was); a new name is checked here as CheckNewName
// does before the sign-in; one taken meanwhile gets a number (Renamed).
func (s *Store) SaveSignIn(ctx context.Context, into Into, set oauthflow.Settings, tok oauthflow.Token, account string) (SavedInto, error) {
	var out SavedInto
	err := s.change(ctx, func(tx *txn) error {
		var cf *connFile
		var err error
		if into.IfEmpty && into.ID != "" {
			cf, err = (&Conn{s: s, id: into.ID, epoch: into.DefaultEpoch, seen: true}).forChange(tx)
			if err == nil {
				if empty, eerr := tx.isEmpty(cf); eerr != nil {
					return eerr
				} else if !empty {
					cf = nil
					into.ID = "" // filled meanwhile: a connection of its own
				} else if name, nerr := tx.listing().checkName(into.NewName, cf.ID); nerr == nil {
					cf.Name = name
				} else {
					cf.Name = tx.listing().FreeName(into.NewName, cf.Name)
				}
			} else if errors.Is(err, ErrNoConnection) {
				into.ID, err = "", nil // deleted meanwhile: a connection of its own
			}
		}
		switch {
		case cf != nil:
		case into.ID != "":
			cf, err = (&Conn{s: s, id: into.ID, epoch: into.DefaultEpoch, seen: true}).forChange(tx)
		case err == nil:
			out.Made = true
			name, nerr := checkOwnName(into.NewName, "")
			if nerr != nil {
				return nerr
			}
			free := tx.freeName(name)
			out.Renamed = free != name
			cf, err = tx.newConn(free)
		}
		if err != nil {
			return err
		}
		if err := tx.setSettings(cf, set); err != nil {
			return err
		}
		if tok.AccessToken != "" {
			if err := tx.saveToken(cf, tok, account); err != nil {
				return err
			}
		}
		out.ID, out.Name, out.Current = cf.ID, cf.Name, tx.sf.Current == cf.ID
		return nil
	})
	if err != nil {
		return SavedInto{}, err
	}
	return out, nil
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
		name, err := tx.listing().checkName(name, id)
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
		if id == DefaultConnection {
			tx.sf.DefaultEpoch++ // what began before the delete never makes it again
		}
		switch {
		case len(tx.sf.Connections) == 0:
			tx.sf.DefaultDeleted = false // nothing left: a fresh start, whose first save makes it
		case id == DefaultConnection:
			tx.sf.DefaultDeleted = true // nothing makes it again behind the person's back
		}
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
		tx.sf = settingsFile{Version: settingsVersion, SecretsIn: tx.sf.SecretsIn, FileNoticeShown: tx.sf.FileNoticeShown,
			DefaultEpoch: tx.sf.DefaultEpoch + 1} // what began before never lands in the fresh start

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

// isEmpty reports whether cf has nothing in it yet: no Client ID, no
// client secret, no token.
func (tx *txn) isEmpty(cf *connFile) (bool, error) {
	if cf.ClientID != "" || cf.Token != nil {
		return false, nil
	}
	secret, err := tx.get(entriesOf(cf.ID).clientSecret())
	return secret == "", err
}

// newConn appends a connection named name with a fresh ID.
func (tx *txn) newConn(name string) (*connFile, error) {
	name, err := tx.listing().checkName(name, "")
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

func (tx *txn) listing() Listing { return Listing{Connections: tx.sf.listed()} }

// freeName is FreeName on the connections as they are saved now.
func (tx *txn) freeName(name string) string { return tx.listing().FreeName(name, name) }

// newConnID is a random ID no connection has: random, so that no new
// connection ever takes over the keychain entries of a deleted one.
func newConnID(sf *settingsFile) (string, error) {
	for {
		b := make([]byte, 4)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("make a connection ID: %w", err)
		}
		id := "c" + hex.EncodeToString(b)
		if _, named := (Listing{Connections: sf.listed()}).Find(id); !named && id != DefaultConnection {
			return id, nil
		}
	}
}

// ErrBadName is in the chain of the error for a name that cannot be a
// connection's.
var ErrBadName = errors.New("bad connection name")

// CheckName cleans a connection's name and checks that it can be one: not
// empty, not too long, printable. Whether another connection has it is
// Listing.CheckNewName's.
func CheckName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", badName(&Error{Reason: ReasonNameEmpty})
	case utf8.RuneCountInString(name) > MaxNameLength:
		return "", badName(&Error{Reason: ReasonNameTooLong, Max: MaxNameLength})
	case strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		return "", badName(&Error{Reason: ReasonNameUnprintable})
	}
	return name, nil
}

// badName is e, a name's fault, with ErrBadName as its cause.
func badName(e *Error) error {
	e.Err = ErrBadName
	return e
}

// CheckNewName is the one rule for a new connection's name, which the
// command line asks before it signs in and Add, SaveSignIn and Duplicate
// ask again under the lock: CheckName, and no other connection's name or
// ID, in any case (--connection takes either, so neither may stand for
// two; DefaultConnection's ID is taken even before that connection is
// made).
func (l Listing) CheckNewName(name string) (string, error) { return l.checkName(name, "") }

// checkName is CheckNewName for a connection that may keep its own name
// (except: its ID; "" for a new one).
func (l Listing) checkName(name, except string) (string, error) {
	name, err := checkOwnName(name, except)
	if err != nil {
		return "", err
	}
	for _, c := range l.Connections {
		if c.ID == except {
			continue
		}
		if strings.EqualFold(c.Name, name) {
			return "", badName(&Error{Reason: ReasonNameTaken, Name: c.Name})
		}
		if strings.EqualFold(c.ID, name) {
			return "", badName(&Error{Reason: ReasonNameIsID, ID: c.ID, Name: c.Name})
		}
	}
	return name, nil
}

// checkOwnName is what a name must be whatever other connections there
// are: CheckName, and not DefaultConnection's ID unless it is that
// connection's (except), since that ID is taken even before it is made.
func checkOwnName(name, except string) (string, error) {
	name, err := CheckName(name)
	if err != nil {
		return "", err
	}
	if except != DefaultConnection && strings.EqualFold(name, DefaultConnection) {
		return "", badName(&Error{Reason: ReasonNameIsDefault, ID: DefaultConnection})
	}
	return name, nil
}

// FreeName is name, or name with a number ("Acme 2"), so that
// CheckNewName takes it; made fit to be a name first (a file's name may be
// long, or odd): only what cannot be printed is dropped, and the name is
// cut only as far as it must be. A name with nothing left is fallback's.
func (l Listing) FreeName(name, fallback string) string {
	fit := func(name string, room int) string {
		name = strings.TrimSpace(strings.Map(func(r rune) rune {
			if !unicode.IsPrint(r) {
				return -1
			}
			return r
		}, name))
		if r := []rune(name); len(r) > room {
			name = strings.TrimSpace(string(r[:room]))
		}
		return name
	}
	if fit(name, MaxNameLength) == "" {
		name = fallback
	}
	if n := fit(name, MaxNameLength); func() bool { _, err := l.CheckNewName(n); return err == nil }() {
		return n
	}
	for i := 2; i < 10000; i++ {
		suffix := fmt.Sprintf(" %d", i)
		n := fit(name, MaxNameLength-len(suffix)) + suffix
		if _, err := l.CheckNewName(n); err == nil {
			return n
		}
	}
	return fallback
}
