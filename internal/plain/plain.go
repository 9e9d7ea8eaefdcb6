// Package plain says things about a token in plain words, for the window
// and the command line alike.
package plain

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Expiry says when a token stops working, in words:
// "Valid for 59 more days, until 21 Jan 2027".
func Expiry(now, expires time.Time) string {
	if expires.IsZero() {
		return "Expiry unknown: LinkedIn tokens usually work for 60 days."
	}
	left := expires.Sub(now)
	when := expires.Local().Format("2 Jan 2006")
	if left <= 0 {
		return "Expired on " + when + ". Press Connect again to get a new token."
	}
	n, unit := amountLeft(left)
	switch unit {
	case "minute":
		when = expires.Local().Format("15:04")
	case "hour":
		when = expires.Local().Format("2 Jan 2006 15:04")
	}
	return fmt.Sprintf("Valid for %s, until %s.", more(n, unit), when)
}

// Left says in a few words how long a token has, counted as Expiry counts:
// "59 days left", "3 hours left", "expired".
func Left(now, expires time.Time) string {
	left := expires.Sub(now)
	if left <= 0 {
		return "expired"
	}
	n, unit := amountLeft(left)
	if n == 1 {
		return "1 " + unit + " left"
	}
	return fmt.Sprintf("%d %ss left", n, unit)
}

// amountLeft is how much of left there is, in minutes under an hour, in
// hours under two days, and after that in whole days, rounded: a token
// received a second ago has 60 days.
func amountLeft(left time.Duration) (int, string) {
	switch {
	case left < time.Hour:
		return int(left.Minutes()) + 1, "minute"
	case left < 48*time.Hour:
		return int(left.Hours()), "hour"
	}
	return int(math.Round(left.Hours() / 24)), "day"
}

// more says "1 more day", "59 more days".
func more(n int, unit string) string {
	if n == 1 {
		return "1 more " + unit
	}
	return fmt.Sprintf("%d more %ss", n, unit)
}

// MaskToken shows enough of a token to recognise it and no more:
// "AQV3xk…9fQ2".
func MaskToken(token string) string {
	n := utf8.RuneCountInString(token)
	if n < 16 {
		return strings.Repeat("•", 8)
	}
	r := []rune(token)
	return string(r[:6]) + "…" + string(r[n-4:])
}

// Scopes lists granted permissions for a person.
func Scopes(scopes []string) string {
	if len(scopes) == 0 {
		return "Not reported by LinkedIn"
	}
	return strings.Join(scopes, ", ")
}
