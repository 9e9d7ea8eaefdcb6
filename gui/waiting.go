package gui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/explain"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// waitingScreen is shown while the person signs in in the browser.
type waitingScreen struct {
	ui *UI

	indicator    *dots
	info         *widget.Label
	link         *widget.Label // the sign-in link, shown when the browser would not open
	openAgain    *widget.Button
	copyLink     *widget.Button
	pasteInstead *widget.Button
	cancel       *widget.Button

	pasteBox     *fyne.Container
	pasteHelp    *widget.Label
	pasteEntry   *widget.Entry
	pasteGo      *widget.Button
	pasteProblem *widget.Label

	content fyne.CanvasObject
}

func newWaitingScreen(u *UI) *waitingScreen {
	s := &waitingScreen{ui: u}
	title := screenTitle("Finish signing in in your browser…")
	s.indicator = newDots(u)
	s.info = widget.NewLabel("")
	s.info.Wrapping = fyne.TextWrapWord
	s.link = widget.NewLabel("")
	s.link.Wrapping = fyne.TextWrapBreak
	s.link.TextStyle = fyne.TextStyle{Monospace: true}
	s.link.Selectable = true
	s.link.Hide()

	s.openAgain = widget.NewButtonWithIcon("Open the browser again", theme.ViewRefreshIcon(), func() { u.openBrowser() })
	s.copyLink = widget.NewButtonWithIcon("Copy sign-in link", theme.ContentCopyIcon(), func() {
		if u.flow != nil {
			u.app.Clipboard().SetContent(u.flow.AuthURL())
			u.flash(s.copyLink, "Copied")
		}
	})
	s.pasteInstead = widget.NewButtonWithIcon("Paste the address instead", theme.ContentPasteIcon(), s.switchToPaste)
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), u.cancelFlow)

	s.pasteHelp = widget.NewLabel("")
	s.pasteHelp.Wrapping = fyne.TextWrapWord
	s.pasteEntry = widget.NewEntry()
	s.pasteEntry.SetPlaceHolder("Paste the whole address here")
	s.pasteEntry.OnSubmitted = func(string) { s.submitPaste() }
	s.pasteGo = widget.NewButtonWithIcon("Continue", theme.NavigateNextIcon(), s.submitPaste)
	s.pasteGo.Importance = widget.HighImportance
	s.pasteProblem = widget.NewLabel("")
	s.pasteProblem.Importance = widget.DangerImportance
	s.pasteProblem.Wrapping = fyne.TextWrapWord
	s.pasteProblem.Hide()
	s.pasteBox = container.NewVBox(widget.NewSeparator(), s.pasteHelp,
		container.NewBorder(nil, nil, nil, s.pasteGo, s.pasteEntry), s.pasteProblem)
	s.pasteBox.Hide()

	body := container.NewVBox(
		container.NewHBox(title, s.indicator.label),
		s.info,
		s.link,
		container.NewGridWithColumns(2, s.openAgain, s.copyLink),
		s.pasteInstead,
		s.pasteBox,
	)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, s.cancel))
	s.content = container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewPadded(body)))
	return s
}

// start resets the screen for a new flow.
func (s *waitingScreen) start(f *oauthflow.Flow) {
	s.pasteEntry.SetText("")
	s.pasteProblem.Hide()
	s.pasteGo.Enable()
	s.pasteEntry.Enable()
	s.link.Hide()
	s.indicator.start()
	if f.Mode() == oauthflow.Paste {
		s.info.SetText("TokenDesk opened LinkedIn's sign-in page in your browser. Sign in and press Allow.")
		s.showPasteBox(f, "Your redirect URL is not on this computer, so TokenDesk cannot see when you are done. ")
	} else {
		s.info.SetText("TokenDesk opened LinkedIn's sign-in page in your browser. Sign in and press Allow: this window updates by itself.")
		s.pasteBox.Hide()
		s.pasteInstead.Show()
	}
}

func (s *waitingScreen) stop() { s.indicator.stop() }

// browserFailed says the browser could not be opened, and how to go on.
func (s *waitingScreen) browserFailed(link string) {
	s.info.SetText("TokenDesk could not open your browser. Press \"Copy sign-in link\", paste the link into your browser's address bar, and sign in there. This is the link:")
	s.link.SetText(link)
	s.link.Show()
}

func (s *waitingScreen) switchToPaste() {
	f := s.ui.flow
	if f == nil {
		return
	}
	f.SwitchToPaste() // stops listening: the port is free again
	s.showPasteBox(f, "")
	s.ui.win.Canvas().Focus(s.pasteEntry)
	s.ui.changed("paste")
}

func (s *waitingScreen) showPasteBox(f *oauthflow.Flow, why string) {
	s.pasteHelp.SetText(why + "After you sign in, your browser goes to an address that starts with " +
		f.Settings().RedirectURL + " (the page may say the site can't be reached). Copy that whole address from the address bar and paste it here.")
	s.pasteInstead.Hide()
	s.pasteBox.Show()
}

func (s *waitingScreen) submitPaste() {
	f := s.ui.flow
	if f == nil {
		return
	}
	if err := f.SubmitPaste(s.pasteEntry.Text); err != nil {
		msg, hint, _ := explain.Words(err)
		s.pasteProblem.SetText(msg + " " + hint)
		s.pasteProblem.Show()
		s.ui.changed("paste-problem")
		return
	}
	s.pasteProblem.Hide()
	s.pasteGo.Disable()
	s.pasteEntry.Disable()
	s.info.SetText("Checking with LinkedIn…")
}

// startConnect begins a sign-in: it starts the flow, opens the browser and
// waits for the result in the background.
func (u *UI) startConnect(set oauthflow.Settings) {
	if u.flow != nil {
		return
	}
	if u.deps.EndpointsError != nil {
		u.setup.banner.showError(u.deps.EndpointsError)
		u.changed("error")
		return
	}
	f, err := oauthflow.Begin(context.Background(), oauthflow.Config{Settings: set, Endpoint: u.deps.Endpoints.Flow(), Now: u.deps.Now})
	if err != nil {
		u.setup.banner.showError(err)
		u.changed("error")
		return
	}
	u.flow = f
	u.waitingUI().start(f)
	u.show(u.waitingUI().content)
	formSaved := make(chan struct{})
	st := u.store
	go func() { // remember the form, whatever happens next
		defer close(formSaved)
		if st == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), store.DefaultTimeout)
		defer cancel()
		if err := st.SaveSettings(ctx, set); err != nil {
			u.do(func() { u.showProblem("Your settings could not be saved", err) })
		}
	}()
	u.openBrowser()
	go u.waitFor(f, formSaved)
	u.changed("waiting")
}

// reconnect is "Connect again" in one click, with the saved settings; the
// form opens instead when they need the person.
func (u *UI) reconnect() {
	if u.setup.validate() != nil {
		u.show(u.setup.content)
		u.setup.focusFirstEmpty()
		u.changed("setup")
		return
	}
	u.startConnect(u.state.settings)
}

// openBrowser opens the sign-in page; opening can take a moment (xdg-open),
// so it runs off the UI goroutine.
func (u *UI) openBrowser() {
	f := u.flow
	if f == nil {
		return
	}
	go func() {
		if err := u.deps.OpenURL(f.AuthURL()); err != nil {
			u.do(func() {
				if u.flow == f {
					u.waitingUI().browserFailed(f.AuthURL())
					u.changed("browser-failed")
				}
			})
		}
	}()
}

// waitFor waits for the flow's end, saves the token after the form it was
// got with (formSaved closes when that is saved), and shows the result.
func (u *UI) waitFor(f *oauthflow.Flow, formSaved <-chan struct{}) {
	tok, err := f.Wait(context.Background())
	<-formSaved
	var saveErr error
	if err == nil && u.store != nil {
		ctx, cancel := context.WithTimeout(context.Background(), store.DefaultTimeout)
		saveErr = u.store.SaveToken(ctx, tok, "")
		cancel()
	}
	u.do(func() {
		if u.flow != f {
			return // cancelled, or the window closed: nothing to show
		}
		u.flow = nil
		u.waitingUI().stop()
		if err != nil {
			if !errors.Is(err, oauthflow.ErrCancelled) {
				u.setup.banner.showError(err)
			}
			u.show(u.setup.content)
			u.changed("error")
			return
		}
		u.setToken(&store.SavedToken{Token: tok})
		u.show(u.connected.content)
		if saveErr != nil {
			u.showProblem("Your token could not be saved", saveErr)
		}
		u.changed("connected")
	})
}

// cancelFlow stops the sign-in and goes back to the form, fields intact.
// The port is free when it returns.
func (u *UI) cancelFlow() {
	f := u.flow
	if f == nil {
		return
	}
	u.flow = nil
	f.Close()
	u.waitingUI().stop()
	u.show(u.setup.content)
	u.changed("cancelled")
}

// dots is a quiet "working" sign. It changes every tick (2 s): Fyne redraws
// the whole window on any change, which costs about 1% of a core per redraw
// a second under software rendering (measured by `make bench`), so an
// animation at frame rate, or even a fast ticker, would burn CPU while the
// person is busy in the browser.
type dots struct {
	ui    *UI
	label *widget.Label
	quit  chan struct{}
}

func newDots(u *UI) *dots { return &dots{ui: u, label: widget.NewLabel("")} }

func (d *dots) start() {
	d.stop()
	d.label.SetText("•")
	if d.ui.tick <= 0 {
		return
	}
	quit := make(chan struct{})
	d.quit = quit
	go func() {
		t := time.NewTicker(d.ui.tick)
		defer t.Stop()
		for i := 1; ; i++ {
			select {
			case <-quit:
				return
			case <-t.C:
				text := [...]string{"•", "• •", "• • •"}[i%3]
				d.ui.do(func() {
					select {
					case <-quit:
					default:
						d.label.SetText(text)
					}
				})
			}
		}
	}()
}

func (d *dots) stop() {
	if d.quit != nil {
		close(d.quit)
		d.quit = nil
	}
}
