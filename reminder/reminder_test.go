package reminder

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/tokendesk/tokendesk/words"
)

// say are the events' words, as the front ends give them (English here).
var say = Words{Access: words.ReminderAccess, Refresh: words.ReminderRefresh}

var (
	paris = mustLoad("Europe/Paris")
	now   = time.Date(2026, 11, 22, 10, 0, 0, 0, paris)
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// parse reads a calendar back with the same library, as a calendar app would.
func parse(t *testing.T, text string) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatalf("the calendar does not parse: %v\n%s", err, text)
	}
	return cal
}

func TestAccessAndRefreshEvents(t *testing.T) {
	tok := Token{
		AccessExpiresAt:  now.Add(60 * 24 * time.Hour),  // 21 Jan 2027, 10:00
		RefreshExpiresAt: now.Add(365 * 24 * time.Hour), // 22 Nov 2027
		Account:          "Ada Lovelace, Countess; of \"Lovelace\" Zoë Ångström 日本語",
	}
	var b strings.Builder
	if err := Write(&b, tok, Options{Now: now, Location: paris, Words: say}); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasSuffix(text, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		t.Error("lines do not all end in CRLF")
	}
	for _, line := range strings.Split(text, "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than RFC 5545's 75 octets: %q", line)
		}
	}
	cal := parse(t, text)
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	want := []struct {
		start   time.Time
		summary string
		says    []string
	}{
		{time.Date(2027, 1, 14, 9, 0, 0, 0, paris), "Renew your LinkedIn token (TokenDesk)",
			[]string{"Ada Lovelace, Countess; of \"Lovelace\" Zoë Ångström 日本語", "expires on 21 Jan 2027 at 10:00 (CET)", "tokendesk login", "Reconnect now", "press Allow", "Renew now"}},
		{time.Date(2027, 11, 15, 9, 0, 0, 0, paris), "Sign in to LinkedIn again (TokenDesk)",
			[]string{"only until 22 Nov 2027 at 10:00 (CET)", "tokendesk login", "Connect again"}},
	}
	for i, ev := range events {
		start, err := ev.GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		end, err := ev.GetEndAt()
		if err != nil {
			t.Fatal(err)
		}
		if !start.Equal(want[i].start) || end.Sub(start) != Duration {
			t.Errorf("event %d from %v to %v, want from %v for %v", i, start, end, want[i].start, Duration)
		}
		if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != want[i].summary {
			t.Errorf("event %d summary %q", i, got)
		}
		desc := ev.GetProperty(ics.ComponentPropertyDescription).Value
		// The library escapes on the way out; read it back as a calendar would.
		desc = strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`).Replace(desc)
		for _, s := range want[i].says {
			if !strings.Contains(desc, s) {
				t.Errorf("event %d does not say %q:\n%s", i, s, desc)
			}
		}
		if len(ev.Alarms()) != 1 {
			t.Errorf("event %d has %d alarms", i, len(ev.Alarms()))
		}
		if uid := ev.Id(); !strings.HasPrefix(uid, "tokendesk-") {
			t.Errorf("event %d UID %q", i, uid)
		}
	}
}

// TestSameTokenSameUIDs: adding the reminder again for the same token
// replaces the events in a calendar rather than doubling them; a new token
// gets new ones.
func TestSameTokenSameUIDs(t *testing.T) {
	uids := func(tok Token, at time.Time) string {
		var b strings.Builder
		if err := Write(&b, tok, Options{Now: at, Location: paris, Words: say}); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, ev := range parse(t, b.String()).Events() {
			ids = append(ids, ev.Id())
		}
		return strings.Join(ids, " ")
	}
	tok := Token{AccessExpiresAt: now.Add(60 * 24 * time.Hour)}
	if a, b := uids(tok, now), uids(tok, now.Add(time.Hour)); a != b {
		t.Errorf("UIDs changed for the same token: %s, %s", a, b)
	}
	if a, b := uids(tok, now), uids(Token{AccessExpiresAt: now.Add(61 * 24 * time.Hour)}, now); a == b {
		t.Error("a new token got the old token's UIDs")
	}
}

func TestWhen(t *testing.T) {
	tests := []struct {
		name    string
		expires time.Time
		want    time.Time
	}{
		{"the usual: a week ahead at 9", now.Add(60 * 24 * time.Hour), time.Date(2027, 1, 14, 9, 0, 0, 0, paris)},
		{"expires early morning: the day a week ahead, at 9", time.Date(2027, 1, 21, 2, 0, 0, 0, paris), time.Date(2027, 1, 14, 9, 0, 0, 0, paris)},
		{"under a week left: the next quarter hour", now.Add(3 * 24 * time.Hour), now.Add(15 * time.Minute)},
		{"a week and a few hours: that morning has passed", time.Date(2026, 11, 29, 12, 0, 0, 0, paris), now.Add(15 * time.Minute)},
	}
	for _, tt := range tests {
		if got := At(tt.expires, Options{Now: now, Location: paris, Words: say}); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNoReminderWithoutAFutureExpiry(t *testing.T) {
	if _, err := Calendar(Token{}, Options{Now: now, Words: say}); !errors.Is(err, ErrNoExpiry) {
		t.Errorf("no expiry: %v", err)
	}
	if _, err := Calendar(Token{AccessExpiresAt: now.Add(-time.Minute)}, Options{Now: now, Words: say}); !errors.Is(err, ErrExpired) {
		t.Errorf("expired: %v", err)
	}
	// A refresh token that has expired gets no event of its own.
	cal, err := Calendar(Token{AccessExpiresAt: now.Add(time.Hour), RefreshExpiresAt: now.Add(-time.Hour)}, Options{Now: now, Words: say})
	if err != nil || len(cal.Events()) != 1 {
		t.Errorf("expired refresh token: %v, %v", cal, err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir() + "/sub"
	tok := Token{AccessExpiresAt: now.Add(60 * 24 * time.Hour)}
	for range 2 { // the second time replaces the first
		path, err := WriteFile(dir, tok, Options{Now: now, Location: paris, Words: say})
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(parse(t, string(data)).Events()); n != 1 {
			t.Errorf("%d events", n)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != FileName {
		t.Errorf("the folder holds %v", entries)
	}
}

// The layers below the front ends hold no words: without the front end's,
// there is no calendar.
func TestNoWordsNoCalendar(t *testing.T) {
	if _, err := Calendar(Token{AccessExpiresAt: now.Add(time.Hour)}, Options{Now: now}); !errors.Is(err, ErrNoWords) {
		t.Errorf("Calendar without words: %v", err)
	}
}
