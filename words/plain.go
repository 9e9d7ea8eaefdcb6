package words

// Things said about a token in plain words, for the window and the command
// line alike: how long it works, when, what it allows. Dates and durations
// are written as the language in use writes them ("30. Jan. 2027" in
// German): the date's pattern and the months' names are in the catalogue
// (area common), as every other word. A count of one is its own key,
// asked for with lang.X: English's catalogue is made from the code, which
// gives a plural only its "other" form.

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
)

// Expiry says when a token stops working, in words:
// "Valid for 59 more days, until 21 Jan 2027".
func Expiry(now, expires time.Time) string {
	if expires.IsZero() {
		return lang.X("common.expiry.unknown", "Expiry unknown: LinkedIn tokens usually work for 60 days.")
	}
	left := expires.Sub(now)
	if left <= 0 {
		// The step (a button, a command) is each front end's to add.
		return lang.X("common.expiry.expired", "Expired on {{.Date}}.", map[string]any{"Date": Date(expires)})
	}
	n, unit := amountLeft(left)
	switch unit {
	case minute:
		data := map[string]any{"Count": n, "Time": Time(expires)}
		if n == 1 {
			return lang.X("common.expiry.minute", "Valid for 1 more minute, until {{.Time}}.", data)
		}
		return lang.XN("common.expiry.minutes", "Valid for {{.Count}} more minutes, until {{.Time}}.", n, data)
	case hour:
		data := map[string]any{"Count": n, "Date": Date(expires), "Time": Time(expires)}
		if n == 1 {
			return lang.X("common.expiry.hour", "Valid for 1 more hour, until {{.Date}} {{.Time}}.", data)
		}
		return lang.XN("common.expiry.hours", "Valid for {{.Count}} more hours, until {{.Date}} {{.Time}}.", n, data)
	}
	// Two days or more: never one day.
	return lang.XN("common.expiry.days", "Valid for {{.Count}} more days, until {{.Date}}.", n, map[string]any{"Count": n, "Date": Date(expires)})
}

// Left says in a few words how long a token has, counted as Expiry counts:
// "59 days left", "3 hours left", "expired".
func Left(now, expires time.Time) string {
	left := expires.Sub(now)
	if left <= 0 {
		return lang.X("common.left.expired", "expired")
	}
	n, unit := amountLeft(left)
	data := map[string]any{"Count": n}
	switch unit {
	case minute:
		if n == 1 {
			return lang.X("common.left.minute", "1 minute left")
		}
		return lang.XN("common.left.minutes", "{{.Count}} minutes left", n, data)
	case hour:
		if n == 1 {
			return lang.X("common.left.hour", "1 hour left")
		}
		return lang.XN("common.left.hours", "{{.Count}} hours left", n, data)
	}
	return lang.XN("common.left.days", "{{.Count}} days left", n, data)
}

type unit int

const (
	minute unit = iota
	hour
	day
)

// amountLeft is how much of left there is, in minutes under an hour, in
// hours under two days, and after that in whole days, rounded: a token
// received a second ago has 60 days.
func amountLeft(left time.Duration) (int, unit) {
	switch {
	case left < time.Hour:
		return int(left.Minutes()) + 1, minute
	case left < 48*time.Hour:
		return int(left.Hours()), hour
	}
	return int(math.Round(left.Hours() / 24)), day
}

// Date is t's day, in local time, as the language in use writes a date
// with the month's short name: "21 Jan 2027", "21. Jan. 2027",
// "21 janv. 2027".
func Date(t time.Time) string { return dateIn(t, time.Local) }

func dateIn(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return lang.X("common.date", "{{.Day}} {{.Month}} {{.Year}}", map[string]any{
		"Day": strconv.Itoa(t.Day()), "Month": monthName(t.Month()), "Year": strconv.Itoa(t.Year()),
	})
}

// Time is t's time of day, in local time, on the 24-hour clock every
// language of TokenDesk reads: "09:30".
func Time(t time.Time) string { return t.Local().Format("15:04") }

func monthName(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("common.month.jan", "Jan")
	case time.February:
		return lang.X("common.month.feb", "Feb")
	case time.March:
		return lang.X("common.month.mar", "Mar")
	case time.April:
		return lang.X("common.month.apr", "Apr")
	case time.May:
		return lang.X("common.month.may", "May")
	case time.June:
		return lang.X("common.month.jun", "Jun")
	case time.July:
		return lang.X("common.month.jul", "Jul")
	case time.August:
		return lang.X("common.month.aug", "Aug")
	case time.September:
		return lang.X("common.month.sep", "Sep")
	case time.October:
		return lang.X("common.month.oct", "Oct")
	case time.November:
		return lang.X("common.month.nov", "Nov")
	}
	return lang.X("common.month.dec", "Dec")
}

// Connected is the title of the moment the sign-in worked: the window's
// and the browser page's.
func Connected() string { return lang.X("common.connected", "You're connected") }

// NotAffiliated is what TokenDesk says of itself wherever LinkedIn's name
// is near: the About dialog and the browser's page.
func NotAffiliated() string {
	return lang.X("common.not_affiliated", "TokenDesk is not affiliated with, endorsed by or sponsored by LinkedIn.")
}

// ConnectedAs says who is connected, as far as is known: "Connected as
// Ada Lovelace (ada@example.com)."
func ConnectedAs(name, email string) string {
	switch {
	case name != "" && email != "":
		return lang.X("common.who.name_email", "Connected as {{.Name}} ({{.Email}}).", map[string]any{"Name": name, "Email": email})
	case name != "":
		return lang.X("common.who.name", "Connected as {{.Name}}.", map[string]any{"Name": name})
	}
	return lang.X("common.who.unknown", "Your LinkedIn account is connected.")
}

// The words of a sign-in whose redirect the browser shows the person,
// who pastes it back (oauthflow's paste mode); each front end adds how to
// hand it over (a field and a button, or Enter).

// PasteWhy says why TokenDesk asks for the address: the redirect URL is
// not on this computer.
func PasteWhy() string {
	return lang.X("common.paste.why", "Your redirect URL is not on this computer, so TokenDesk cannot see when you are done.")
}

// PasteHelp says which address to paste: the one that starts with
// redirectURL.
func PasteHelp(redirectURL string) string {
	return lang.X("common.paste.help", "After you sign in, your browser goes to an address that starts with {{.URL}} (the page may say the site can't be reached). Copy that whole address from the address bar and paste it here.",
		map[string]any{"URL": redirectURL})
}

// Checking says that a pasted address is being traded for a token.
func Checking() string { return lang.X("common.checking", "Checking with LinkedIn…") }

// DevelopmentBuild is the version of a build that was not released.
func DevelopmentBuild() string { return lang.X("common.development_build", "development build") }

// The words of the calendar reminder (package reminder), one event before
// the access token expires and one before the refresh token does: the
// window's "Add a reminder to my calendar" and tokendesk reminder write
// the same, each in its language. The steps name the window's buttons and
// the command, as the reminder serves both.

// ReminderAccess is the summary and text of the event before the access
// token expires (renewableUntil zero: no refresh token), times in loc.
func ReminderAccess(account string, expires, renewableUntil time.Time, loc *time.Location) (summary, text string) {
	data := map[string]any{"Name": account, "When": reminderWhen(expires, loc)}
	lead := lang.X("common.reminder.access.lead", "Your LinkedIn access token expires on {{.When}}.", data)
	if account != "" {
		lead = lang.X("common.reminder.access.lead_named", "The LinkedIn access token of {{.Name}} expires on {{.When}}.", data)
	}
	text = lead + " " + lang.X("common.reminder.access.after", "After that, scripts and tools that use it stop working.") + "\n\n" +
		lang.X("common.reminder.access.steps", "To get a new one:") + "\n" +
		"1. " + lang.X("common.reminder.step.reconnect", "Open TokenDesk and press \"Reconnect now\" (or \"Connect again\"), or run \"tokendesk login\" in a terminal.") + "\n" +
		reminderSteps()
	if !renewableUntil.IsZero() {
		text += "\n\n" + lang.X("common.reminder.access.renews", "TokenDesk can also renew it by itself (\"Renew now\") until {{.When}}.", map[string]any{"When": reminderWhen(renewableUntil, loc)})
	}
	return lang.X("common.reminder.access.summary", "Renew your LinkedIn token (TokenDesk)"), text
}

// ReminderRefresh is the summary and text of the event before the refresh
// token expires, times in loc.
func ReminderRefresh(renewableUntil time.Time, loc *time.Location) (summary, text string) {
	text = lang.X("common.reminder.refresh.lead", "TokenDesk can renew your LinkedIn token by itself only until {{.When}}. After that, you need to sign in again.", map[string]any{"When": reminderWhen(renewableUntil, loc)}) + "\n\n" +
		lang.X("common.reminder.refresh.steps", "To do it now:") + "\n" +
		"1. " + lang.X("common.reminder.step.connect_again", "Open TokenDesk and press \"Connect again\", or run \"tokendesk login\" in a terminal.") + "\n" +
		reminderSteps()
	return lang.X("common.reminder.refresh.summary", "Sign in to LinkedIn again (TokenDesk)"), text
}

// reminderSteps are the steps after the first, the same in both events.
func reminderSteps() string {
	return "2. " + lang.X("common.reminder.step.browser", "Your browser opens LinkedIn: sign in if asked, and press Allow.") + "\n" +
		"3. " + lang.X("common.reminder.step.use", "Put the new token where your scripts use it: \"Copy token\" in TokenDesk, or \"tokendesk token\".")
}

// reminderWhen is a moment as the reminder says it: its day, time and
// time zone, in loc: "21 Jan 2027 at 10:00 (CET)".
func reminderWhen(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return lang.X("common.reminder.when", "{{.Date}} at {{.Time}} ({{.Zone}})", map[string]any{"Date": dateIn(t, loc), "Time": t.Format("15:04"), "Zone": t.Format("MST")})
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
		return lang.X("common.scopes.unknown", "Not reported by LinkedIn")
	}
	return strings.Join(scopes, ", ")
}
