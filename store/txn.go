package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// undoTimeout bounds each keychain call that puts a previous value back.
const undoTimeout = 30 * time.Second

// txn is one change to what is saved, made under the exclusive lock: the
// settings as they are on disk once the lock is held, where the secrets
// are, and how to put back every secret written so far. A change is all or
// nothing: Store.change commits the settings file last, and on any error
// puts the secrets back as they were.
type txn struct {
	ctx   context.Context
	s     *Store
	sf    settingsFile // as read under the lock; the change edits it
	state settingsState
	sec   secrets
	// keptAs is where a damaged settings.json was set aside when this
	// change committed; "" when there was none.
	keptAs string

	undo  []func(context.Context) error
	after []func() error
	// stuck are keychain calls that timed out and may still land: a write,
	// an undo, a removal. The lock is kept until every one has ended, so
	// that none lands on what a later change saved.
	stuck []<-chan struct{}
}

// change runs fn under the exclusive lock and commits what it did, or puts
// everything back.
func (s *Store) change(ctx context.Context, fn func(*txn) error) error {
	if s.readOnly {
		return &Error{Reason: ReasonReadOnly, Err: ErrReadOnly}
	}
	unlock, err := s.lock(ctx, true)
	if err != nil {
		return err
	}
	tx := &txn{ctx: ctx, s: s}
	tx.sf, tx.state, err = s.readSettings()
	if err == nil && tx.state == settingsNewer {
		err = newerVersion()
	}
	if err != nil {
		unlock()
		return err
	}
	before, _ := json.Marshal(tx.sf)
	tx.sec = s.secretsFor(tx.sf)

	err = fn(tx)
	if err == nil {
		if after, _ := json.Marshal(tx.sf); !bytes.Equal(before, after) || tx.damaged() {
			err = tx.commitSettings()
		}
	}
	if err != nil {
		tx.release(unlock, true)
		return err
	}
	for _, f := range tx.after {
		if ferr := f(); ferr != nil && err == nil {
			err = ferr
		}
	}
	tx.release(unlock, false)
	return err
}

// commitSettings writes the settings file: the change's commit point. A
// damaged file is kept aside first (keepAside: never over an earlier one),
// and only now: a change that fails moves nothing.
func (tx *txn) commitSettings() error {
	if tx.damaged() {
		tx.keptAs, _ = keepAside(tx.s.settingsPath())
	}
	return tx.s.writeSettings(tx.sf)
}

// damaged reports whether settings.json was damaged when the change began.
func (tx *txn) damaged() bool {
	return tx.state == settingsDamaged || tx.state == settingsRecovered
}

func newerVersion() error {
	return &Error{Reason: ReasonNewerVersion, Err: ErrNewerVersion}
}

// release undoes a failed change and lets go of the lock, once every
// keychain call that timed out has ended: in the background when there are
// such calls, for as long as they take (a keychain that never answers
// again holds TokenDesk's lock until the process ends, which is what frees
// it), so that none can land on what another change saves meanwhile.
func (tx *txn) release(unlock func(), rollback bool) {
	if len(tx.stuck) == 0 {
		if rollback {
			tx.rollback()
		}
		if len(tx.stuck) == 0 {
			unlock()
			return
		}
		rollback = false // done; only its own stuck calls are left to wait for
	}
	go func() {
		tx.waitStuck()
		if rollback {
			tx.rollback()
			tx.waitStuck()
		}
		unlock()
	}()
}

func (tx *txn) waitStuck() {
	for len(tx.stuck) > 0 {
		<-tx.stuck[0]
		tx.stuck = tx.stuck[1:]
	}
}

// noteStuck keeps a timed-out keychain call for release to wait for.
func (tx *txn) noteStuck(err error) {
	var sc *stuckCall
	if errors.As(err, &sc) {
		tx.stuck = append(tx.stuck, sc.done)
	}
}

func timedOut(err error) bool {
	var sc *stuckCall
	return errors.As(err, &sc)
}

// get reads a secret where the secrets are; "" when there is none.
func (tx *txn) get(name string) (string, error) {
	v, err := tx.sec.get(tx.ctx, name)
	if errors.Is(err, errNotFound) {
		return "", nil
	}
	if err != nil {
		return "", unreadable(err)
	}
	return v, nil
}

// put sets a secret ("" removes it), after noting how to put back the value
// it had. A secret it cannot read first is not written at all.
func (tx *txn) put(name, value string) error {
	sec := tx.sec
	prev, err := sec.get(tx.ctx, name)
	had := err == nil
	if err != nil && !errors.Is(err, errNotFound) {
		return unreadable(err) // nothing written; a read landing late changes nothing
	}
	if had && prev == value || !had && value == "" {
		return nil
	}
	// Noted before the write: a write that times out may still land.
	tx.undo = append(tx.undo, func(ctx context.Context) error {
		if had {
			return sec.set(ctx, name, prev)
		}
		return sec.delete(ctx, name)
	})
	if value == "" {
		err = sec.delete(tx.ctx, name)
	} else {
		err = sec.set(tx.ctx, name, value)
	}
	if err != nil {
		tx.noteStuck(err)
		return saveError(err)
	}
	return nil
}

// saveToken writes a token into the slot the settings do not name, then
// names it: the settings file, written last and atomically, is what makes
// the new token the saved one. The old slot is emptied after that.
func (tx *txn) saveToken(cf *connFile, tok oauthflow.Token, account string) error {
	slot := ""
	if cf.Token != nil {
		slot = otherSlot(cf.Token.Slot)
	}
	accessName, refreshName := entriesOf(cf.ID).tokens(slot)
	if err := tx.put(accessName, tok.AccessToken); err != nil {
		return err
	}
	if err := tx.put(refreshName, tok.RefreshToken); err != nil {
		return err
	}
	cf.Token = &tokenMeta{
		ExpiresAt: tok.ExpiresAt, Scopes: tok.Scopes, ObtainedAt: tok.ObtainedAt,
		RefreshExpiresAt: tok.RefreshTokenExpiresAt, Account: account,
		Fingerprint: fingerprint(tok.AccessToken), Slot: slot, Renewable: tok.RefreshToken != "",
	}
	tx.removeLeftovers(cf)
	return nil
}

// slotWith reports whether a slot holds the access token whose fingerprint
// is fp, and with it the slot's tokens.
func slotWith(ctx context.Context, sec secrets, e entries, slot, fp string) (access, refresh string, ok bool) {
	a, r := e.tokens(slot)
	access, err := sec.get(ctx, a)
	if err != nil || fingerprint(access) != fp {
		return "", "", false
	}
	refresh, _ = sec.get(ctx, r)
	return access, refresh, true
}

// adoptSlot points the settings at the slot that holds the token they
// describe, when they name the other one: an older TokenDesk rewrote them
// without the slot.
func (tx *txn) adoptSlot(cf *connFile) {
	m := cf.Token
	if m == nil {
		return
	}
	e := entriesOf(cf.ID)
	a, _ := e.tokens(m.Slot)
	if v, err := tx.sec.get(tx.ctx, a); err == nil && fingerprint(v) == m.Fingerprint {
		return
	}
	if _, _, ok := slotWith(tx.ctx, tx.sec, e, otherSlot(m.Slot), m.Fingerprint); ok {
		m.Slot = otherSlot(m.Slot)
	}
}

// tidyTokens points every connection at the slot that holds its token, and
// removes what changes cut short left in the other.
func (tx *txn) tidyTokens() {
	for _, cf := range tx.sf.Connections {
		tx.adoptSlot(cf)
		tx.removeLeftovers(cf)
	}
}

// leftoverTimeout bounds each removal of a token the settings no longer
// name: it happens after the change is saved, and must not hold it up.
const leftoverTimeout = 10 * time.Second

// removeLeftovers removes, once the change is saved, the token entries the
// settings do not name: the slot a new token replaced, a cleared token, the
// remains of a change cut short. Only settings read whole can say what is
// a leftover: with damaged or missing ones nothing is removed. And a slot
// that holds the token the settings describe is never one. A removal that
// fails is said in the change's error (ErrLeftInKeychain) and tried again
// at the next start.
func (tx *txn) removeLeftovers(cf *connFile) {
	if tx.state == settingsRecovered || tx.state != settingsRead && cf.Token == nil {
		return // a copy that may be older, or no settings: no word on what is left over
	}
	sec, e := tx.sec, entriesOf(cf.ID)
	tx.afterCommit(func() error {
		keep := map[string]bool{}
		if m := cf.Token; m != nil {
			a, r := e.tokens(m.Slot)
			keep[a], keep[r] = true, true
			if _, _, ok := slotWith(tx.ctx, sec, e, otherSlot(m.Slot), m.Fingerprint); ok {
				return nil // the described token is in the other slot: keep both
			}
			if _, _, ok := slotWith(tx.ctx, sec, e, m.Slot, m.Fingerprint); !ok {
				// The described token is in neither slot: these settings
				// (recovered from an older copy, say) do not know what the
				// keychain holds, so nothing in it is a leftover on their word.
				return nil
			}
		}
		var failed error
		for _, slot := range []string{"", slotB} {
			a, r := e.tokens(slot)
			for _, name := range []string{a, r} {
				if keep[name] {
					continue
				}
				ctx, cancel := context.WithTimeout(context.Background(), leftoverTimeout)
				err := sec.delete(ctx, name)
				cancel()
				if err != nil {
					tx.noteStuck(err)
					if failed == nil {
						failed = err
					}
				}
			}
		}
		if failed != nil {
			return &Error{Reason: ReasonLeftInKeychain, Err: fmt.Errorf("%w: %w", ErrLeftInKeychain, failed)}
		}
		return nil
	})
}

// afterCommit runs f once the change is saved, still under the lock. Its
// error does not undo the change: it is returned as what was left undone.
func (tx *txn) afterCommit(f func() error) { tx.after = append(tx.after, f) }

// rollback puts back, newest first, every secret the change wrote. It is
// best effort: the keychain that failed the change may fail this too, and
// then the settings file, written last and only on success, still names
// the previous token's slot, so a mixed one is never taken for it.
func (tx *txn) rollback() {
	for i := len(tx.undo) - 1; i >= 0; i-- {
		ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
		if err := tx.undo[i](ctx); err != nil {
			tx.noteStuck(err)
		}
		cancel()
	}
	tx.undo = nil
}
