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

// stuckWait bounds how long a failed change holds the lock waiting for a
// keychain call that timed out, so as to undo it if it lands after all.
const stuckWait = 10 * time.Minute

// undoTimeout bounds each keychain call that puts a previous value back.
const undoTimeout = 30 * time.Second

// txn is one change to what is saved, made under the exclusive lock: the
// settings as they are on disk once the lock is held, where the secrets
// are, and how to put back every secret written so far. A change is all or
// nothing: Store.change commits the settings file last, and on any error
// puts the secrets back as they were.
type txn struct {
	ctx     context.Context
	s       *Store
	sf      settingsFile // as read under the lock; the change edits it
	sec     secrets
	damaged *Notice // settings.json was damaged and moved aside

	undo  []func(context.Context) error
	after []func() error
	stuck <-chan struct{} // a keychain call that timed out and may still land
}

// change runs fn under the exclusive lock and commits what it did, or puts
// everything back. When a keychain call timed out, the lock is kept, in
// the background, until that call ends and is undone, so that a late write
// can never mix with what another change saves meanwhile.
func (s *Store) change(ctx context.Context, fn func(*txn) error) error {
	if s.readOnly {
		return &Error{Err: ErrReadOnly, Message: "This command only reads what TokenDesk saved.", Hint: "Open the TokenDesk window to change it."}
	}
	unlock, err := s.lock(ctx, true)
	if err != nil {
		return err
	}
	tx := &txn{ctx: ctx, s: s}
	tx.sf, tx.damaged = s.readSettings(true)
	before, _ := json.Marshal(tx.sf)
	tx.sec = s.secretsFor(tx.sf)

	err = fn(tx)
	if err == nil {
		if after, _ := json.Marshal(tx.sf); !bytes.Equal(before, after) || tx.damaged != nil {
			err = s.writeSettings(tx.sf)
		}
	}
	if err == nil {
		for _, f := range tx.after {
			if ferr := f(); ferr != nil && err == nil {
				err = ferr
			}
		}
		unlock()
		return err
	}
	if tx.stuck == nil {
		tx.rollback()
		unlock()
		return err
	}
	go func() {
		select {
		case <-tx.stuck:
		case <-time.After(stuckWait):
		}
		tx.rollback()
		unlock()
	}()
	return err
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
		return unreadable(err) // nothing written, nothing to wait for
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

func (tx *txn) noteStuck(err error) {
	var sc *stuckCall
	if errors.As(err, &sc) {
		tx.stuck = sc.done
	}
}

// saveToken writes a token into the slot the settings do not name, then
// names it: the settings file, written last and atomically, is what makes
// the new token the saved one. The old slot is emptied after that.
func (tx *txn) saveToken(tok oauthflow.Token, account string) error {
	slot := ""
	if tx.sf.Token != nil {
		slot = otherSlot(tx.sf.Token.Slot)
	}
	accessName, refreshName := tokenEntries(slot)
	if err := tx.put(accessName, tok.AccessToken); err != nil {
		return err
	}
	if err := tx.put(refreshName, tok.RefreshToken); err != nil {
		return err
	}
	tx.sf.Token = &tokenMeta{
		ExpiresAt: tok.ExpiresAt, Scopes: tok.Scopes, ObtainedAt: tok.ObtainedAt,
		RefreshExpiresAt: tok.RefreshTokenExpiresAt, Account: account,
		Fingerprint: fingerprint(tok.AccessToken), Slot: slot,
	}
	tx.removeLeftovers()
	return nil
}

// leftoverTimeout bounds each removal of a token the settings no longer
// name: it happens after the change is saved, and must not hold it up.
const leftoverTimeout = 10 * time.Second

// removeLeftovers removes, once the change is saved, the token entries the
// settings do not name: the slot a new token replaced, a cleared token, the
// remains of a change cut short. A removal that fails is said in the
// change's error (ErrLeftInKeychain) and tried again at the next start.
func (tx *txn) removeLeftovers() {
	sec := tx.sec
	tx.afterCommit(func() error {
		keep := map[string]bool{}
		if m := tx.sf.Token; m != nil {
			a, r := tokenEntries(m.Slot)
			keep[a], keep[r] = true, true
		}
		var failed error
		for _, slot := range []string{"", slotB} {
			a, r := tokenEntries(slot)
			for _, name := range []string{a, r} {
				if keep[name] {
					continue
				}
				ctx, cancel := context.WithTimeout(context.Background(), leftoverTimeout)
				err := sec.delete(ctx, name)
				cancel()
				if err != nil && failed == nil {
					failed = err
				}
			}
		}
		if failed != nil {
			return &Error{Err: fmt.Errorf("%w: %w", ErrLeftInKeychain, failed),
				Message: "TokenDesk has forgotten the old token, but the keychain did not let it remove its copy yet.",
				Hint:    "Unlock your keychain: TokenDesk removes the copy at its next start."}
		}
		return nil
	})
}

// afterCommit runs f once the change is saved, still under the lock. Its
// error does not undo the change: it is returned as what was left undone.
func (tx *txn) afterCommit(f func() error) { tx.after = append(tx.after, f) }

// rollback puts back, newest first, every secret the change wrote. It is
// best effort: the keychain that failed the change may fail this too, and
// then the settings file, written last and only on success, still
// describes the previous token, so a mixed one is never taken for it.
func (tx *txn) rollback() {
	for i := len(tx.undo) - 1; i >= 0; i-- {
		ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
		_ = tx.undo[i](ctx)
		cancel()
	}
}
