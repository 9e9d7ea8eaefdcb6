package connection

import (
	"time"

	"github.com/tokendesk/tokendesk/store"
)

// The rules about a token's life, for the window and the command line
// alike.

// ExpiresSoon is when TokenDesk starts warning that a token will expire
// (and renews one that can be renewed without asking): the window's
// warning, the notification, and status's "expiring".
const ExpiresSoon = 7 * 24 * time.Hour

// Renewable reports whether tok can be renewed without the browser: it
// came with a refresh token that has not expired.
func Renewable(tok store.SavedToken, now time.Time) bool {
	return tok.RefreshToken != "" && (tok.RefreshTokenExpiresAt.IsZero() || now.Before(tok.RefreshTokenExpiresAt))
}

// RenewNow reports whether tok should be renewed at once, without asking:
// it can be, and it has less than ExpiresSoon left.
func RenewNow(tok store.SavedToken, now time.Time) bool {
	return Renewable(tok, now) && !tok.ExpiresAt.IsZero() && tok.ExpiresAt.Sub(now) < ExpiresSoon
}

// RenewsItself reports whether TokenDesk renews the listed token f before
// it expires, so that its expiry is no reason to warn: the rule of
// Renewable, for a token known from the list alone (no secret read).
func RenewsItself(f store.TokenFacts, now time.Time) bool {
	return f.Renewable && (f.RefreshExpiresAt.IsZero() || now.Before(f.RefreshExpiresAt))
}

// Expiry is where a token stands with its expiry.
type Expiry int

const (
	ExpiryUnknown  Expiry = iota // not known
	ExpiryValid                  // more than ExpiresSoon left
	ExpiryExpiring               // ExpiresSoon or less left
	ExpiryExpired                // past
)

// ExpiryOf is where a token that expires at expires stands at now.
func ExpiryOf(expires, now time.Time) Expiry {
	switch left := expires.Sub(now); {
	case expires.IsZero():
		return ExpiryUnknown
	case left <= 0:
		return ExpiryExpired
	case left <= ExpiresSoon:
		return ExpiryExpiring
	}
	return ExpiryValid
}
