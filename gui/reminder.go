package gui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/reminder"
	"github.com/tokendesk/tokendesk/words"
)

// The connected screen's "Add a reminder to my calendar": a calendar file
// with an event before the token expires (see package reminder, which
// `tokendesk reminder` uses too), opened with the system's calendar, so
// the person is reminded even when TokenDesk is closed. This file holds
// all of it; connected.go only places the button.

// reminderButton makes the button; connected.go puts it in its row.
func (s *connectedScreen) reminderButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.X("reminder.add", "Add a reminder to my calendar"), theme.CalendarIcon(), func() { s.addReminder(b) })
	return b
}

// reminderFolder is where the calendar file goes: TokenDesk's folder in
// the user's cache folder. The calendar app copies the events in, so the
// file is not needed afterwards, but it stays where it can be opened again.
func reminderFolder() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find a folder for the reminder: %w", err)
	}
	return filepath.Join(dir, "TokenDesk"), nil
}

// addReminder writes the calendar file for the shown token and opens it.
// Writing and opening (the calendar app starting) happen off the UI
// goroutine; what follows is reported back with u.do.
func (s *connectedScreen) addReminder(b *widget.Button) {
	u := s.ui
	tok := s.token()
	if tok.ExpiresAt.IsZero() {
		u.showMessage(lang.X("reminder.no_expiry.title", "TokenDesk does not know when this token expires"),
			lang.X("reminder.no_expiry.message", "A reminder needs the day your token expires, and LinkedIn did not say it for this token."),
			lang.X("reminder.no_expiry.hint", "Press Check to ask LinkedIn, then add the reminder."), "")
		return
	}
	rt := reminder.Token{AccessExpiresAt: tok.ExpiresAt, RefreshExpiresAt: tok.RefreshTokenExpiresAt, Account: tok.Account}
	now := u.deps.Now()
	var path string
	var openErr error
	u.background(time.Minute, func(context.Context) (err error) {
		if path, err = writeReminder(rt, now); err == nil {
			openErr = u.app.OpenURL(fileURL(path))
		}
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, reminder.ErrExpired):
			u.showMessage(lang.X("reminder.expired.title", "This token has already expired"), lang.X("reminder.expired.message", "A reminder would come too late."),
				lang.X("reminder.expired.hint", "Press Connect again for a new token, then add the reminder."), "")
		case err != nil:
			u.showMessage(lang.X("reminder.not_written.title", "The reminder could not be written"), lang.X("reminder.not_written.message", "TokenDesk could not write the calendar file."),
				lang.X("reminder.not_written.hint", "Check that your user folder has free space, then try again."), err.Error())
		case openErr != nil:
			u.showMessage(lang.X("reminder.not_opened.title", "Open the reminder with your calendar"),
				lang.X("reminder.not_opened.message", "TokenDesk wrote the reminder, but could not open your calendar app."),
				lang.X("reminder.not_opened.hint", "Open this file with your calendar app (or import it there): {{.Path}}", map[string]any{"Path": path}), openErr.Error())
		default:
			u.flash(b, lang.X("reminder.opened", "Opened in your calendar"))
		}
	})
}

func writeReminder(tok reminder.Token, now time.Time) (string, error) {
	dir, err := reminderFolder()
	if err != nil {
		return "", err
	}
	return reminder.WriteFile(dir, tok, reminder.Options{Now: now, Words: reminder.Words{Access: words.ReminderAccess, Refresh: words.ReminderRefresh}})
}

func fileURL(path string) *url.URL {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	}
	return u
}
