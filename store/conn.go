package store

import (
	"context"
	"errors"
	"slices"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// DefaultConnection is the ID of the connection TokenDesk keeps when nobody
// made another: the one a version 1 settings file had, or the first one on
// a new computer. Its keychain entries have the names TokenDesk always used.
const DefaultConnection = "default"

// Conn is one connection in a store: a LinkedIn app's settings, its client
// secret and the token it got. Every method reads or changes only it, under
// the store's lock. A Conn is a name, not a copy: it is cheap, and it sees
// what other processes save.
type Conn struct {
	s  *Store
	id string
	// epoch is the DefaultEpoch of the list the caller saw (ConnSeen);
	// seen is false for Conn, which knows none: such a Conn makes
	// DefaultConnection only while it was never deleted.
	epoch int
	seen  bool
}

// Conn is the connection with that ID (see List). DefaultConnection exists
// as soon as anything is saved in it, until it is deleted; any other ID
// must have been made by Add, Duplicate or SaveSignIn, or the methods
// return an error for which errors.Is(err, ErrNoConnection) holds.
func (s *Store) Conn(id string) *Conn { return &Conn{s: s, id: id} }

// ConnSeen is the connection id as the list l shows it: a change through
// it makes DefaultConnection, when it does not exist, only if it was not
// deleted since l was read. The front ends save through it what they
// began on a list (a form, a sign-in).
func (s *Store) ConnSeen(id string, l Listing) *Conn {
	return &Conn{s: s, id: id, epoch: l.DefaultEpoch, seen: true}
}

// ID is the connection's ID.
func (c *Conn) ID() string { return c.id }

// ErrNoConnection is in the chain of the error of every method of a Conn
// that does not exist (any more).
var ErrNoConnection = errors.New("no such connection")

// find is the connection in sf: nil, and no error, for DefaultConnection
// while it was never made (a new computer, where a sign-in may be saving
// into it; or settings that were damaged: its client secret may still be
// in the keychain).
func (c *Conn) find(sf *settingsFile) (*connFile, error) {
	if cf := sf.conn(c.id); cf != nil {
		return cf, nil
	}
	if c.id == DefaultConnection && !sf.DefaultDeleted && (c.seen && c.epoch == sf.DefaultEpoch || !c.seen && sf.DefaultEpoch == 0) {
		return nil, nil
	}
	return nil, noConnection()
}

// forChange is the connection in tx, made first when it is
// DefaultConnection and was never made: whatever connections were made
// meanwhile (in the window, by another sign-in), a change started on it
// lands in it.
func (c *Conn) forChange(tx *txn) (*connFile, error) {
	cf, err := c.find(&tx.sf)
	if cf != nil || err != nil {
		return cf, err
	}
	cf = &connFile{ID: DefaultConnection, Name: DefaultConnection} // no other may have that name (checkName)
	tx.sf.Connections = append([]*connFile{cf}, tx.sf.Connections...)
	if tx.sf.conn(tx.sf.Current) == nil {
		tx.sf.Current = cf.ID
	}
	return cf, nil
}

func noConnection() error {
	return &Error{Reason: ReasonNoConnection, Err: ErrNoConnection}
}

// Load reads everything remembered of the connection. A token whose
// description does not match it (a save was cut short) has no expiry: it is
// not known. When the secrets cannot be read, Load returns the settings
// without them and an error for which errors.Is(err, ErrUnreadable) holds.
func (c *Conn) Load(ctx context.Context) (Saved, error) {
	s := c.s
	unlock, err := s.lock(ctx, false)
	if err != nil {
		return Saved{}, err
	}
	defer unlock()
	sf, _, err := s.readSettings()
	if err != nil {
		return Saved{}, err
	}
	cf, err := c.find(&sf)
	if err != nil {
		return Saved{}, err
	}
	if cf == nil {
		cf = &connFile{ID: DefaultConnection, Name: DefaultConnection}
	}
	sec := s.secretsFor(sf)
	out := Saved{ID: cf.ID, Name: cf.Name, KeptIn: sec.backend(), Settings: oauthflow.Settings{
		ClientID:    cf.ClientID,
		RedirectURL: cf.RedirectURL,
		Scopes:      cf.Scopes,
		PKCE:        cf.PKCE,
	}}
	e := entriesOf(cf.ID)
	// The settings say whether there is a token, and in which slot: token
	// entries they do not name are leftovers of a change cut short.
	names := []string{e.clientSecret()}
	var accessName, refreshName string
	if cf.Token != nil {
		accessName, refreshName = e.tokens(cf.Token.Slot)
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
	out.Settings.ClientSecret = vals[e.clientSecret()]
	access, ok := vals[accessName]
	if cf.Token != nil && (!ok || !cf.Token.describes(access)) {
		// The settings name the wrong slot (an older TokenDesk rewrote
		// them without it): the slot that holds the described token wins.
		a, r, found := slotWith(ctx, sec, e, otherSlot(cf.Token.Slot), cf.Token.Fingerprint)
		access, ok, vals[refreshName] = a, found, r
	}
	if !ok {
		// Only the token the settings describe is the saved one: a value
		// they do not describe is what a change cut short, or a delete the
		// keychain refused, left behind, maybe a token someone cleared.
		return out, nil
	}
	m := cf.Token
	out.Token = &SavedToken{Token: oauthflow.Token{AccessToken: access, RefreshToken: vals[refreshName],
		ExpiresAt: m.ExpiresAt, Scopes: m.Scopes, ObtainedAt: m.ObtainedAt, RefreshTokenExpiresAt: m.RefreshExpiresAt},
		Account: m.Account, MemberID: m.MemberID}
	return out, nil
}

// SaveSettings remembers the form: the client secret in the keychain, the
// rest in the settings file; all of it or, on error, none. An empty client
// secret keeps the saved one: the form may be empty because the keychain
// could not be read, and a secret is never deleted for that.
// Store.ForgetEverything and Store.Delete remove it.
func (c *Conn) SaveSettings(ctx context.Context, set oauthflow.Settings) error {
	return c.s.change(ctx, func(tx *txn) error {
		cf, err := c.forChange(tx)
		if err != nil {
			return err
		}
		return tx.setSettings(cf, set)
	})
}

// SaveEdits saves set, the form as the person edited it, only over base,
// what the form was filled with: when the saved settings changed meanwhile
// (a tokendesk login with another app), nothing is written and the error
// is ErrSettingsChanged, so that a form's stale values never mix with what
// was saved since (another app's Client ID with this one's secret). A base
// without a client secret (the keychain could not be read) does not
// compare it. As SaveSettings, an empty secret keeps the saved one.
func (c *Conn) SaveEdits(ctx context.Context, base, set oauthflow.Settings) error {
	return c.s.change(ctx, func(tx *txn) error {
		cf, err := c.forChange(tx)
		if err != nil {
			return err
		}
		if cf.ClientID != base.ClientID || cf.RedirectURL != base.RedirectURL || cf.PKCE != base.PKCE || !slices.Equal(cf.Scopes, base.Scopes) {
			if !(cf.ClientID == "" && cf.RedirectURL == "" && len(cf.Scopes) == 0 && base.ClientID == "") {
				return settingsChanged()
			}
		}
		if base.ClientSecret != "" {
			secret, err := tx.get(entriesOf(cf.ID).clientSecret())
			if err != nil {
				return err
			}
			if secret != base.ClientSecret {
				return settingsChanged()
			}
		}
		return tx.setSettings(cf, set)
	})
}

// setSettings puts set in cf, within a change: the client secret in the
// keychain, unless it is empty (see SaveSettings). set was cleaned where it
// came in (the form, the flags, an imported file): it is kept as it is.
func (tx *txn) setSettings(cf *connFile, set oauthflow.Settings) error {
	if set.ClientSecret != "" {
		if err := tx.put(entriesOf(cf.ID).clientSecret(), set.ClientSecret); err != nil {
			return err
		}
	}
	cf.ClientID, cf.RedirectURL, cf.Scopes, cf.PKCE = set.ClientID, set.RedirectURL, set.Scopes, set.PKCE
	return nil
}

// SaveToken remembers a token: access token, refresh token and description
// together or, on error, none of them (the previous ones are put back).
func (c *Conn) SaveToken(ctx context.Context, tok oauthflow.Token, account string) error {
	if tok.AccessToken == "" {
		return &Error{Reason: ReasonNoToken}
	}
	return c.s.change(ctx, func(tx *txn) error {
		cf, err := c.forChange(tx)
		if err != nil {
			return err
		}
		return tx.saveToken(cf, tok, account)
	})
}

// ReplaceToken saves tok in place of the token old, and only if old is
// still the saved one: a renewal that ends after Clear, or after another
// Connect, must not bring back what the person removed or replaced. It
// returns an error for which errors.Is(err, ErrTokenChanged) holds then.
func (c *Conn) ReplaceToken(ctx context.Context, old string, tok oauthflow.Token, account string) error {
	if tok.AccessToken == "" {
		return &Error{Reason: ReasonNoToken}
	}
	return c.s.change(ctx, func(tx *txn) error {
		cf := tx.sf.conn(c.id)
		if cf == nil || cf.Token == nil || old == "" {
			return tokenChanged()
		}
		accessName, _ := entriesOf(cf.ID).tokens(cf.Token.Slot)
		cur, err := tx.get(accessName)
		if err != nil {
			return err
		}
		if cur != old {
			return tokenChanged()
		}
		// A renewed token is the same member's: who they are stays known.
		member := cf.Token.MemberID
		if err := tx.saveToken(cf, tok, account); err != nil {
			return err
		}
		cf.Token.MemberID = member
		return nil
	})
}

// UpdateTokenInfo records what was learned about the saved token (its
// expiry, permissions, member: the TokenFacts that can be learned) when it
// is still token; zero fields are left as they are. Otherwise nothing is written and the error is
// ErrTokenChanged.
func (c *Conn) UpdateTokenInfo(ctx context.Context, token string, info TokenFacts) error {
	return c.s.change(ctx, func(tx *txn) error {
		cf := tx.sf.conn(c.id)
		if cf == nil || !cf.Token.describes(token) {
			return tokenChanged()
		}
		m := cf.Token
		if !info.ExpiresAt.IsZero() {
			m.ExpiresAt = info.ExpiresAt
		}
		if len(info.Scopes) > 0 {
			m.Scopes = info.Scopes
		}
		if info.Account != "" {
			m.Account = info.Account
		}
		if info.MemberID != "" {
			m.MemberID = info.MemberID
		}
		return nil
	})
}

// ClearToken forgets the connection's token, if it is shown, the access
// token the person saw: a token saved meanwhile (by tokendesk login, or by
// another window) is not theirs to clear unseen, and the error is then
// ErrTokenChanged. No token saved is nothing to do. The settings stop
// naming the token first, so that from then on no TokenDesk shows or
// prints it; then its keychain entries go. When the keychain will not
// remove them, the error says so (errors.Is ErrLeftInKeychain) and the
// next start removes them.
func (c *Conn) ClearToken(ctx context.Context, shown string) error {
	return c.s.change(ctx, func(tx *txn) error {
		cf, err := c.find(&tx.sf)
		if err != nil || cf == nil || cf.Token == nil {
			return err
		}
		if !cf.Token.describes(shown) {
			return tokenChanged()
		}
		cf.Token = nil
		tx.removeLeftovers(cf)
		return nil
	})
}
