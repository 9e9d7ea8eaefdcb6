// Package reminder writes a calendar file (iCalendar, RFC 5545) that
// reminds a person to renew their LinkedIn token before it expires: the
// reminder lives in their own calendar, so it works long after TokenDesk
// was closed. The window's "Add a reminder to my calendar" and
// `tokendesk reminder` both use it.
//
// The file is built and serialised with github.com/arran4/golang-ical, so
// escaping, line folding and date formats follow the RFC.
package reminder

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// DefaultBefore is how long before an expiry the reminder comes: the day
// the window starts warning ("Reconnect now"), so both say the same.
const DefaultBefore = 7 * 24 * time.Hour

// Duration is how long each reminder event lasts in the calendar.
const Duration = 30 * time.Minute

// reminderHour is the hour of the day (local time) the reminder is set
// for: a reminder at 03:00 because the token was issued at 03:00 helps
// nobody.
const reminderHour = 9

// ErrNoExpiry is returned when the token's expiry is not known, so there
// is no date to remind of.
var ErrNoExpiry = errors.New("the token's expiry is not known")

// ErrExpired is returned when the access token has already expired.
var ErrExpired = errors.New("the token has already expired")

// Token is what a reminder is about. Only AccessExpiresAt is required.
type Token struct {
	AccessExpiresAt  time.Time
	RefreshExpiresAt time.Time // zero: no refresh token
	Account          string    // the member's name, when known
}

// Options tune the reminder; the zero value is what the app uses.
type Options struct {
	Before   time.Duration  // 0: DefaultBefore
	Now      time.Time      // zero: time.Now()
	Location *time.Location // the person's time zone; nil: time.Local
}

// Event names, used in the events' UIDs so that adding the reminder again
// for the same token replaces the event in the calendar instead of adding
// a second one.
const (
	KindAccess  = "access-token"
	KindRefresh = "refresh-token"
)

// withDefaults fills in what o leaves zero.
func (o Options) withDefaults() Options {
	if o.Before <= 0 {
		o.Before = DefaultBefore
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	return o
}

// Calendar builds the calendar: one event before the access token expires
// and, when there is a refresh token, one before that expires.
func Calendar(tok Token, o Options) (*ics.Calendar, error) {
	o = o.withDefaults()
	if tok.AccessExpiresAt.IsZero() {
		return nil, ErrNoExpiry
	}
	if !o.Now.Before(tok.AccessExpiresAt) {
		return nil, ErrExpired
	}

	cal := ics.NewCalendarFor("TokenDesk")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("TokenDesk")

	whose := "Your LinkedIn access token"
	if tok.Account != "" {
		whose = "The LinkedIn access token of " + tok.Account
	}
	access := event{
		kind:    KindAccess,
		expires: tok.AccessExpiresAt,
		summary: "Renew your LinkedIn token (TokenDesk)",
		text: whose + " expires on " + when(tok.AccessExpiresAt, o.Location) + ". " +
			"After that, scripts and tools that use it stop working.\n\n" +
			"To get a new one:\n" +
			"1. Open TokenDesk and press \"Reconnect now\" (or \"Connect again\"), " +
			"or run \"tokendesk login\" in a terminal.\n" +
			"2. Your browser opens LinkedIn: sign in if asked, and press Allow.\n" +
			"3. Put the new token where your scripts use it: \"Copy token\" in TokenDesk, or \"tokendesk token\".",
	}
	if !tok.RefreshExpiresAt.IsZero() {
		access.text += "\n\nTokenDesk can also renew it by itself (\"Renew now\") until " +
			when(tok.RefreshExpiresAt, o.Location) + "."
	}
	events := []event{access}
	if !tok.RefreshExpiresAt.IsZero() && o.Now.Before(tok.RefreshExpiresAt) {
		events = append(events, event{
			kind:    KindRefresh,
			expires: tok.RefreshExpiresAt,
			summary: "Sign in to LinkedIn again (TokenDesk)",
			text: "TokenDesk can renew your LinkedIn token by itself only until " + when(tok.RefreshExpiresAt, o.Location) + ". " +
				"After that, you need to sign in again.\n\n" +
				"To do it now:\n" +
				"1. Open TokenDesk and press \"Connect again\", or run \"tokendesk login\" in a terminal.\n" +
				"2. Your browser opens LinkedIn: sign in if asked, and press Allow.\n" +
				"3. Put the new token where your scripts use it: \"Copy token\" in TokenDesk, or \"tokendesk token\".",
		})
	}
	for _, e := range events {
		e.add(cal, o)
	}
	return cal, nil
}

type event struct {
	kind          string
	expires       time.Time
	summary, text string
}

func (e event) add(cal *ics.Calendar, o Options) {
	start := At(e.expires, o)
	ev := cal.AddEvent(fmt.Sprintf("tokendesk-%s-%d@tokendesk.invalid", e.kind, e.expires.Unix()))
	ev.SetDtStampTime(o.Now)
	ev.SetStartAt(start)
	ev.SetEndAt(start.Add(Duration))
	ev.SetSummary(e.summary)
	ev.SetDescription(e.text)
	ev.SetTimeTransparency(ics.TransparencyTransparent) // a reminder, not a meeting: it does not make the person busy
	alarm := ev.AddAlarm()
	alarm.SetAction(ics.ActionDisplay)
	alarm.SetTrigger("-PT0M")
	alarm.SetProperty(ics.ComponentPropertyDescription, e.summary)
}

// At is when the reminder for an expiry comes: Before ahead of it, at
// 09:00 in the person's time zone; but never in the past, and never after
// the expiry itself (a token with less than Before left gets a reminder
// soon, not one that comes too late).
func At(expires time.Time, o Options) time.Time {
	o = o.withDefaults()
	day := expires.Add(-o.Before).In(o.Location)
	at := time.Date(day.Year(), day.Month(), day.Day(), reminderHour, 0, 0, 0, o.Location)
	if at.After(expires.Add(-Duration)) {
		at = expires.Add(-o.Before)
	}
	if at.Before(o.Now) {
		// Too late for the usual day: as soon as it can still help, on the
		// next quarter hour.
		at = o.Now.Truncate(15 * time.Minute).Add(15 * time.Minute)
	}
	return at
}

func when(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Monday 2 January 2006 at 15:04 (MST)")
}

// Write writes the calendar to w.
func Write(w io.Writer, tok Token, o Options) error {
	cal, err := Calendar(tok, o)
	if err != nil {
		return err
	}
	// RFC 5545 wants CRLF line ends; the library's default is LF.
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("write the calendar file: %w", err)
	}
	return nil
}

// FileName is the name of the file WriteFile writes.
const FileName = "TokenDesk reminder.ics"

// WriteFile writes the calendar to FileName in dir (created if need be)
// and returns its path. It replaces the file atomically, so a calendar app
// that opens it never reads half of it.
func WriteFile(dir string, tok Token, o Options) (string, error) {
	var b strings.Builder
	if err := Write(&b, tok, o); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the folder for the reminder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".reminder-*.ics")
	if err != nil {
		return "", fmt.Errorf("write the reminder: %w", err)
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return "", fmt.Errorf("write the reminder: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write the reminder: %w", err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.Rename(f.Name(), path); err != nil {
		return "", fmt.Errorf("write the reminder: %w", err)
	}
	return path, nil
}
