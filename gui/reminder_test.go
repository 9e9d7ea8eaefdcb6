package gui

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	ics "github.com/arran4/golang-ical"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/reminder"
	"github.com/tokendesk/tokendesk/store"
)

// openRecorder records what the window asks the system to open.
type openRecorder struct {
	fyne.App
	opened []*url.URL
	err    error
}

func (o *openRecorder) OpenURL(u *url.URL) error {
	o.opened = append(o.opened, u)
	return o.err
}

// showToken shows the connected screen with tok, as after a Connect, with
// the system's "open" recorded.
func showToken(h *harness, tok store.SavedToken) *openRecorder {
	rec := &openRecorder{App: h.ui.app}
	h.ui.app = rec
	h.ui.setToken(&tok)
	h.ui.show(h.ui.connectedUI().content)
	return rec
}

func TestAddReminderOpensTheCalendarFile(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	h := newHarness(t)
	expires := testNow.Add(60 * 24 * time.Hour)
	renewable := testNow.Add(365 * 24 * time.Hour)
	rec := showToken(h, store.SavedToken{Account: "Ada Lovelace", Token: oauthflow.Token{AccessToken: "AQVreminder", RefreshToken: "AQXrefresh",
		ExpiresAt: expires, RefreshTokenExpiresAt: renewable, Scopes: []string{"openid"}}})

	b := findButton(h.ui.connectedUI().content, "Add a reminder to my calendar")
	if b == nil {
		t.Fatal("no reminder button on the connected screen")
	}
	test.Tap(b)
	h.settle()

	if len(rec.opened) != 1 || rec.opened[0].Scheme != "file" {
		t.Fatalf("the window opened %v, want one file", rec.opened)
	}
	path := rec.opened[0].Path
	if filepath.Dir(path) != filepath.Join(cache, "TokenDesk") || filepath.Base(path) != reminder.FileName {
		t.Errorf("the reminder is at %s", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("not iCalendar: %v", err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	for i, exp := range []time.Time{expires, renewable} {
		start, err := events[i].GetStartAt()
		if want := reminder.At(exp, reminder.Options{Now: testNow}); err != nil || !start.Equal(want) {
			t.Errorf("event %d starts %v (%v), want %v", i, start, err, want)
		}
	}
	if strings.Contains(string(data), "AQVreminder") || strings.Contains(string(data), "AQXrefresh") {
		t.Error("the calendar file holds a token")
	}
	if b.Text != "Opened in your calendar" {
		t.Errorf("the button says %q", b.Text)
	}
}

func TestAddReminderProblems(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dialogSays := func(h *harness, text string) {
		t.Helper()
		top := h.win.Canvas().Overlays().Top()
		if top == nil || !strings.Contains(allText(top), text) {
			t.Errorf("no dialog saying %q", text)
		}
	}
	t.Run("no calendar app", func(t *testing.T) {
		h := newHarness(t)
		rec := showToken(h, store.SavedToken{Token: oauthflow.Token{AccessToken: "AQVreminder", ExpiresAt: testNow.Add(30 * 24 * time.Hour)}})
		rec.err = errors.New("xdg-open: no application for text/calendar")
		test.Tap(findButton(h.ui.connectedUI().content, "Add a reminder to my calendar"))
		h.settle()
		dialogSays(h, reminder.FileName) // where the file is, to open by hand
	})
	t.Run("unknown expiry", func(t *testing.T) {
		h := newHarness(t)
		rec := showToken(h, store.SavedToken{Token: oauthflow.Token{AccessToken: "AQVreminder"}})
		test.Tap(findButton(h.ui.connectedUI().content, "Add a reminder to my calendar"))
		h.settle()
		dialogSays(h, "Press Check")
		if len(rec.opened) != 0 {
			t.Error("a file was opened")
		}
	})
}

// allText is every label's text under o.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + " ")
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(o)
	return b.String()
}
