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

// Options tune the reminder. Words is required; the zero value of the
// rest is what the app uses.
type Options struct {
	Before   time.Duration  // 0: DefaultBefore
	Now      time.Time      // zero: time.Now()
	Location *time.Location // the person's time zone; nil: time.Local
	Words    Words
}

// Words are the events' words, in the person's language: the front end
// gives them (words.ReminderAccess and words.ReminderRefresh), as this
// package holds no words for a person.
type Words struct {
	// Access is the summary and text of the event before the access token
	// expires; account is the member's name or ""; renewableUntil is zero
	// when there is no refresh token. Times are said in loc.
	Access func(account string, expires, renewableUntil time.Time, loc *time.Location) (summary, text string)
	// Refresh is the summary and text of the event before the refresh
	// token expires.
	Refresh func(renewableUntil time.Time, loc *time.Location) (summary, text string)
}

// ErrNoWords is returned when Options has no Words.
var ErrNoWords = errors.New("reminder: no words for the events")

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
	if o.Words.Access == nil || o.Words.Refresh == nil {
		return nil, ErrNoWords
	}
	if !o.Now.Before(tok.AccessExpiresAt) {
		return nil, ErrExpired
	}

	cal := ics.NewCalendarFor("TokenDesk")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("TokenDesk")

	access := event{kind: KindAccess, expires: tok.AccessExpiresAt}
	access.summary, access.text = o.Words.Access(tok.Account, tok.AccessExpiresAt, tok.RefreshExpiresAt, o.Location)
	events := []event{access}
	if !tok.RefreshExpiresAt.IsZero() && o.Now.Before(tok.RefreshExpiresAt) {
		refresh := event{kind: KindRefresh, expires: tok.RefreshExpiresAt}
		refresh.summary, refresh.text = o.Words.Refresh(tok.RefreshExpiresAt, o.Location)
		events = append(events, refresh)
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
