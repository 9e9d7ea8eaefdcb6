package gui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

// helpAfter is how long the waiting screen waits before it says what the
// browser may be showing: longer than LinkedIn takes to show its page,
// shorter than a person takes to give up.
const helpAfter = 5 * time.Second

// stopHelp is the part of the waiting screen for a sign-in LinkedIn stops
// in the browser. LinkedIn shows some mistakes (a redirect URL not on the
// app's Auth tab, an unknown Client ID) on an error page of its own and
// never sends the browser back, so the window would wait on. Meanwhile
// TokenDesk asks LinkedIn for the same page itself (connection's
// CheckSignInPage) and, after helpAfter, says what LinkedIn's page says
// and the fix, or else the likely causes, with the fixes one click away.
// It appears once, by one timer: the window stays still otherwise.
type stopHelp struct {
	ui *UI

	box          *fyne.Container   // hidden until the timer fires
	parent       fyne.CanvasObject // what box is laid out in: a container's Show does not lay it out again
	title        *widget.Label
	lines        *widget.Label
	copyRedirect *widget.Button
	openApp      *widget.Button
	back         *widget.Button

	flow  *oauthflow.Flow      // the sign-in the help is for
	check linkedin.SignInCheck // what LinkedIn's page said; zero until known
	help  words.SignInHelp     // what is shown
	shown bool
	quit  chan struct{} // closed when the sign-in ends: the timer and the check stop
}

func newStopHelp(u *UI) *stopHelp {
	h := &stopHelp{ui: u}
	h.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.title.Wrapping = fyne.TextWrapWord
	h.lines = widget.NewLabel("")
	h.lines.Wrapping = fyne.TextWrapWord
	h.copyRedirect = widget.NewButtonWithIcon(lang.X("waiting.help.copy_redirect", "Copy redirect URL"), theme.ContentCopyIcon(), h.copy)
	h.openApp = widget.NewButtonWithIcon("", theme.ComputerIcon(), h.open)
	h.back = widget.NewButtonWithIcon(lang.X("waiting.help.back", "Back to the form"), theme.NavigateBackIcon(), h.goBack)
	h.box = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, h.title),
		h.lines,
		container.NewGridWithColumns(2, h.copyRedirect, h.openApp),
		container.NewGridWithColumns(2, h.back),
		widget.NewSeparator())
	h.box.Hide()
	return h
}

// start watches the sign-in si for a stop in the browser: it checks
// LinkedIn's page now, and shows the help after the window's helpAfter
// (0, in tests: never, unless a test sets it).
func (h *stopHelp) start(si *connection.SignIn) {
	h.stop()
	h.setVisible(false)
	h.flow, h.check, h.shown = si.Flow, linkedin.SignInCheck{}, false
	after := h.ui.helpAfter
	if after <= 0 {
		return
	}
	quit := make(chan struct{})
	h.quit = quit
	f := si.Flow
	go func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			select {
			case <-quit:
				cancel()
			case <-ctx.Done():
			}
		}()
		// A failure to ask is no answer: the likely causes are said then.
		check, _ := si.CheckSignInPage(ctx)
		h.ui.do(func() {
			if h.flow == f && h.ui.state.signIn == f {
				h.check = check
				if h.shown { // the check came after the timer: say what it found, once
					h.show()
				}
			}
		})
	}()
	go func() {
		t := time.NewTimer(after)
		defer t.Stop()
		select {
		case <-quit:
		case <-t.C:
			h.ui.do(func() {
				if h.flow == f && h.ui.state.signIn == f {
					h.show()
				}
			})
		}
	}()
}

// stop ends the watch: the sign-in is over.
func (h *stopHelp) stop() {
	if h.quit != nil {
		close(h.quit)
		h.quit = nil
	}
}

// show puts the help in the window, from what is known now.
func (h *stopHelp) show() {
	help := words.SignInStopHelp(h.check, h.flow.Settings())
	if h.shown && help.Found == h.help.Found && help.Title == h.help.Title {
		return // nothing new: no redraw
	}
	h.help, h.shown = help, true
	h.title.SetText(help.Title)
	h.lines.SetText(bulleted(help.Lines, help.Found))
	switch {
	case !digitsOnly(h.check.AppID):
		h.openApp.SetText(lang.X("waiting.help.open_portal", "Open the Developer Portal"))
	case help.Tab == linkedin.TabProducts:
		h.openApp.SetText(lang.X("waiting.help.open_products", "Open your app's Products tab"))
	default:
		h.openApp.SetText(lang.X("waiting.help.open_auth", "Open your app's Auth tab"))
	}
	h.setVisible(true)
}

// setVisible shows or hides the help, and lays the screen out again.
func (h *stopHelp) setVisible(on bool) {
	if on == h.box.Visible() {
		return
	}
	if on {
		h.box.Show()
	} else {
		h.box.Hide()
	}
	if h.parent != nil {
		h.parent.Refresh()
	}
}

// bulleted joins the likely causes as a list; a cause found and its fix
// read as one paragraph.
func bulleted(lines []string, found bool) string {
	if found {
		return strings.Join(lines, " ")
	}
	return "• " + strings.Join(lines, "\n• ")
}

func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// appURL is the Developer Portal's page with the fix.
func (h *stopHelp) appURL() string {
	return linkedin.DeveloperAppURL(h.check.AppID, h.help.Tab)
}

func (h *stopHelp) copy() {
	if h.flow == nil {
		return
	}
	h.ui.app.Clipboard().SetContent(h.flow.Settings().RedirectURL)
	h.ui.flash(h.copyRedirect, lang.X("flash.copied", "Copied"))
}

func (h *stopHelp) open() {
	address := h.appURL()
	h.ui.background(0, func(context.Context) error { return h.ui.deps.OpenURL(address) }, func(err error) {
		if err != nil {
			h.ui.showProblem(lang.X("waiting.help.open_failed", "TokenDesk could not open your browser"), err)
		}
	})
}

// goBack ends the sign-in and shows the form, with the cursor in the field
// LinkedIn's page is about.
func (h *stopHelp) goBack() {
	stop := h.check.Stop
	h.ui.cancelFlow()
	switch stop {
	case linkedin.StopClientID:
		h.ui.win.Canvas().Focus(h.ui.setup.clientID)
	case linkedin.StopRedirectURL:
		h.ui.win.Canvas().Focus(h.ui.setup.redirect)
	}
}
