package words

import (
	"strings"
	"testing"
	"time"
)

func TestExpiry(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.Local)
	tests := []struct {
		expires time.Time
		want    string
	}{
		{time.Time{}, "Expiry unknown"},
		{now.Add(60*24*time.Hour - time.Hour), "Valid for 60 more days, until 21 Jan 2027."},
		{now.Add(59*24*time.Hour + 2*time.Hour), "Valid for 59 more days, until 20 Jan 2027."},
		{now.Add(60 * 24 * time.Hour), "Valid for 60 more days, until 21 Jan 2027."},
		{now.Add(3 * 24 * time.Hour), "Valid for 3 more days"},
		{now.Add(47*time.Hour + 30*time.Minute), "Valid for 47 more hours, until 24 Nov 2026 09:30."},
		{now.Add(time.Hour), "Valid for 1 more hour"},
		{now.Add(42*time.Minute + 10*time.Second), "Valid for 43 more minutes, until 10:42."},
		{now.Add(30 * time.Second), "Valid for 1 more minute"},
		{now.Add(-time.Hour), "Expired on 22 Nov 2026."},
		{now, "Expired on"},
	}
	for _, tt := range tests {
		if got := Expiry(now, tt.expires); !strings.HasPrefix(got, tt.want) {
			t.Errorf("Expiry(%v) = %q, want it to start with %q", tt.expires.Sub(now), got, tt.want)
		}
	}
}

// Left counts as Expiry counts, in fewer words.
func TestLeft(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.Local)
	for _, tt := range []struct {
		left time.Duration
		want string
	}{
		{60*24*time.Hour - time.Hour, "60 days left"},
		{59*24*time.Hour + 2*time.Hour, "59 days left"},
		{47*time.Hour + 30*time.Minute, "47 hours left"},
		{time.Hour, "1 hour left"},
		{30 * time.Second, "1 minute left"},
		{0, "expired"},
		{-time.Hour, "expired"},
	} {
		if got := Left(now, now.Add(tt.left)); got != tt.want {
			t.Errorf("Left(%v) = %q, want %q", tt.left, got, tt.want)
		}
		num, unit, _ := strings.Cut(tt.want, " ")
		if tt.left > 0 && !strings.HasPrefix(Expiry(now, now.Add(tt.left)), "Valid for "+num+" more "+strings.TrimSuffix(unit, " left")[:3]) {
			t.Errorf("Left(%v) = %q counts otherwise than Expiry: %q", tt.left, tt.want, Expiry(now, now.Add(tt.left)))
		}
	}
}

func TestMaskToken(t *testing.T) {
	tok := "AQV3xkLmN0pQrStUvWxYz0123456789fQ2"
	got := MaskToken(tok)
	if got != "AQV3xk…9fQ2" {
		t.Errorf("maskToken = %q", got)
	}
	if m := MaskToken("short"); strings.Contains(m, "s") {
		t.Errorf("a short token shows characters: %q", m)
	}
}

// Dates and durations as each language writes them, from its catalogue.
func TestExpiryInEachLanguage(t *testing.T) {
	t.Cleanup(func() { Use("en") })
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	expires := now.Add(59*24*time.Hour + 2*time.Hour) // 29 Jan 2027
	for tag, want := range map[string][2]string{
		"de":    {"Noch 59 Tage gültig, bis 29. Jan. 2027.", "noch 59 Tage"},
		"fr":    {"Valable encore 59\u00a0jours, jusqu’au 29\u00a0janv. 2027.", "encore 59\u00a0jours"},
		"es":    {"Válido 59 días más, hasta el 29 ene 2027.", "quedan 59 días"},
		"pt-BR": {"Válido por mais 59 dias, até 29 de jan. de 2027.", "faltam 59 dias"},
		"it":    {"Valido ancora per 59 giorni, scadenza: 29 gen 2027.", "ancora 59 giorni"},
		"nl":    {"Nog 59 dagen geldig, tot 29 jan 2027.", "nog 59 dagen"},
		"en":    {"Valid for 59 more days, until 29 Jan 2027.", "59 days left"},
	} {
		Use(tag)
		if got := Expiry(now, expires); got != want[0] {
			t.Errorf("%s: Expiry = %q, want %q", tag, got, want[0])
		}
		if got := Left(now, expires); got != want[1] {
			t.Errorf("%s: Left = %q, want %q", tag, got, want[1])
		}
	}
}

// The calendar reminder the window writes is in the window's language,
// whole: every sentence of both events, and the moment it names.
func TestReminderInEveryLanguage(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	expires, renewable := time.Date(2027, 1, 21, 10, 0, 0, 0, paris), time.Date(2027, 11, 22, 10, 0, 0, 0, paris)
	texts := func() []string {
		as, at := ReminderAccess("Ada Lovelace", expires, renewable, paris)
		rs, rt := ReminderRefresh(renewable, paris)
		return []string{as, at, rs, rt}
	}
	t.Cleanup(func() { Use("en") })
	Use("en")
	english := texts()
	if !strings.Contains(english[1], "Ada Lovelace") || !strings.Contains(english[1], "21 Jan 2027 at 10:00 (CET)") || !strings.Contains(english[3], "22 Nov 2027") {
		t.Fatalf("in English: %q", english)
	}
	for _, l := range Languages[1:] {
		Use(l.Tag)
		for i, text := range texts() {
			if text == english[i] || strings.Contains(text, "{{") || strings.Contains(text, "<no value>") ||
				strings.Contains(text, "Renew your") || strings.Contains(text, "sign in if asked") || strings.Contains(text, " at 10:00") {
				t.Errorf("%s, text %d: %q", l.Tag, i, text)
			}
		}
	}
}
