package linkedin

import (
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// LinkedIn's versioned APIs (https://api.linkedin.com/rest/...) want a
// LinkedIn-Version: YYYYMM header on every call and apply no default. What
// LinkedIn documents about those versions
// (https://learn.microsoft.com/linkedin/marketing/versioning and
// https://learn.microsoft.com/linkedin/marketing/integrations/migrations):
//
//   - The first versioned release was June 2022 (202206).
//   - Versions come out on a monthly cycle, and each is "supported and stable
//     for a minimum of one year before sunset"; a sunset one is refused.
//   - The sunset dates fall in the middle of the month a year on (202511 on
//     November 16, 2026; 202603 on March 16, 2027), so a version is not
//     necessarily out on the 1st of its month.
//   - Some months have no version: the migrations table goes from 202511
//     straight to 202601 (and the changelogs seem to skip 202412 too).
const firstAPIVersion = "202206"

// defaultVersionLag is how many months DefaultAPIVersion stays behind now.
// Three months back, a version has been out for two months or more whatever
// day of its month it shipped, and has seven months or more before its
// sunset (eight, unless the December rule below moved it back one): a
// command copied today keeps working for most of a year, without TokenDesk
// having to know LinkedIn's release calendar.
const defaultVersionLag = 3

// DefaultAPIVersion is a LinkedIn-Version LinkedIn serves at now: the month
// three months back, in UTC. A December falls back to November: LinkedIn
// shipped no December 2025 version, and a month older costs nothing.
func DefaultAPIVersion(now time.Time) string {
	y, m, _ := now.UTC().Date()
	v := time.Date(y, m-defaultVersionLag, 1, 0, 0, 0, 0, time.UTC) // time.Date carries the month back across the year
	if v.Month() == time.December {
		v = v.AddDate(0, -1, 0)
	}
	if s := v.Format("200601"); s > firstAPIVersion {
		return s
	}
	return firstAPIVersion // a clock set years back
}

// ValidAPIVersion says whether v can be a LinkedIn-Version at now: six
// digits, a real month, not before LinkedIn's first version and not after
// now's month. It cannot tell whether LinkedIn released or has already
// retired that month's version; LinkedIn's answer to the call does.
//
// The error is an *oauthflow.Error of kind KindInvalidSettings, with the
// version (Value) and one that would do (Example), for the marketer who
// typed v.
func ValidAPIVersion(v string, now time.Time) error {
	invalid := func(r oauthflow.Reason) error {
		return &oauthflow.Error{Kind: oauthflow.KindInvalidSettings, Reason: r, Value: v, Example: DefaultAPIVersion(now)}
	}
	if len(v) != 6 || !allDigits(v) {
		return invalid(ReasonAPIVersionDigits)
	}
	month := int(v[4]-'0')*10 + int(v[5]-'0')
	if month < 1 || month > 12 {
		return invalid(ReasonAPIVersionMonth)
	}
	if v < firstAPIVersion {
		return invalid(ReasonAPIVersionTooOld)
	}
	if v > now.UTC().Format("200601") {
		return invalid(ReasonAPIVersionFuture)
	}
	return nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
