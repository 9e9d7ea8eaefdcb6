package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

// waitingScreen is shown while the person signs in in the browser.
type waitingScreen struct {
	ui *UI

	indicator    *waitSign
	info         *widget.Label
	link         *widget.Label // the sign-in link, shown when the browser would not open
	openAgain    *widget.Button
	copyLink     *widget.Button
	pasteInstead *widget.Button
	cancel       *widget.Button

	pasteBox     *fyne.Container
	pasteHelp    *widget.Label
	pasteEntry   *escEntry
	pasteGo      *widget.Button
	pasteProblem *widget.Label

	help *stopHelp // what the browser may be showing, once it has taken a while

	content fyne.CanvasObject
}

func newWaitingScreen(u *UI) *waitingScreen {
	s := &waitingScreen{ui: u}
	title := screenTitle(lang.X("waiting.title", "Finish signing in in your browser…"))
	s.indicator = newWaitSign(u)
	s.info = widget.NewLabel("")
	s.info.Wrapping = fyne.TextWrapWord
	s.link = widget.NewLabel("")
	s.link.Wrapping = fyne.TextWrapBreak
	s.link.TextStyle = fyne.TextStyle{Monospace: true}
	s.link.Selectable = true
	s.link.Hide()

	s.openAgain = widget.NewButtonWithIcon(lang.X("waiting.open_again", "Open the browser again"), theme.ViewRefreshIcon(), func() { u.openBrowser() })
	s.copyLink = widget.NewButtonWithIcon(lang.X("waiting.copy_link", "Copy sign-in link"), theme.ContentCopyIcon(), func() {
		if u.state.signIn != nil {
			u.app.Clipboard().SetContent(u.state.signIn.AuthURL())
			u.flash(s.copyLink, lang.X("flash.copied", "Copied"))
		}
	})
	s.pasteInstead = widget.NewButtonWithIcon(lang.X("waiting.paste_instead", "Paste the address instead"), theme.ContentPasteIcon(), s.switchToPaste)
	s.cancel = widget.NewButtonWithIcon(lang.X("dialog.cancel", "Cancel"), theme.CancelIcon(), u.cancelFlow)

	s.pasteHelp = widget.NewLabel("")
	s.pasteHelp.Wrapping = fyne.TextWrapWord
	s.pasteEntry = newEscEntry(u.cancelFlow) // Escape in the field cancels, as outside it
	s.pasteEntry.SetPlaceHolder(lang.X("waiting.paste.placeholder", "Paste the whole address here"))
	s.pasteEntry.OnSubmitted = func(string) { s.submitPaste() }
	s.pasteGo = widget.NewButtonWithIcon(lang.X("waiting.paste.continue", "Continue"), theme.NavigateNextIcon(), s.submitPaste)
	s.pasteGo.Importance = widget.HighImportance
	s.pasteProblem = widget.NewLabel("")
	s.pasteProblem.Importance = widget.DangerImportance
	s.pasteProblem.Wrapping = fyne.TextWrapWord
	s.pasteProblem.Hide()
	s.pasteBox = container.NewVBox(widget.NewSeparator(), s.pasteHelp,
		container.NewBorder(nil, nil, nil, s.pasteGo, s.pasteEntry), s.pasteProblem)
	s.pasteBox.Hide()

	s.help = newStopHelp(u)
	body := container.NewVBox(
		title,
		s.indicator.content,
		s.info,
		s.link,
		s.help.box,
		container.NewGridWithColumns(2, s.openAgain, s.copyLink),
		s.pasteInstead,
		s.pasteBox,
	)
	s.help.parent = body
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
		s.info.SetText(lang.X("waiting.info.paste", "TokenDesk opened LinkedIn's sign-in page in your browser. Sign in and press Allow."))
		s.showPasteBox(f, words.PasteWhy())
	} else {
		s.info.SetText(lang.X("waiting.info", "TokenDesk opened LinkedIn's sign-in page in your browser. Sign in and press Allow: this window updates by itself."))
		s.pasteBox.Hide()
		s.pasteInstead.Show()
	}
}

func (s *waitingScreen) stop() {
	s.indicator.stop()
	s.help.stop()
}

// browserFailed says the browser could not be opened, and how to go on.
func (s *waitingScreen) browserFailed(link string) {
	s.info.SetText(lang.X("waiting.browser_failed", "TokenDesk could not open your browser. Press \"Copy sign-in link\", paste the link into your browser's address bar, and sign in there. This is the link:"))
	s.link.SetText(link)
	s.link.Show()
}

func (s *waitingScreen) switchToPaste() {
	f := s.ui.state.signIn
	if f == nil {
		return
	}
	f.SwitchToPaste() // stops listening: the port is free again
	s.showPasteBox(f, "")
	s.ui.win.Canvas().Focus(s.pasteEntry)
}

func (s *waitingScreen) showPasteBox(f *oauthflow.Flow, why string) {
	help := words.PasteHelp(f.Settings().RedirectURL)
	if why != "" {
		help = why + " " + help
	}
	s.pasteHelp.SetText(help)
	s.pasteInstead.Hide()
	s.pasteBox.Show()
}

func (s *waitingScreen) submitPaste() {
	f := s.ui.state.signIn
	if f == nil {
		return
	}
	if err := f.SubmitPaste(s.pasteEntry.Text); err != nil {
		msg, hint, _ := words.Explain(err)
		s.pasteProblem.SetText(msg + " " + hint)
		s.pasteProblem.Show()
		return
	}
	s.pasteProblem.Hide()
	s.pasteGo.Disable()
	s.pasteEntry.Disable()
	s.help.stop() // LinkedIn sent the browser back: nothing stops it there
	s.help.setVisible(false)
	s.info.SetText(words.Checking())
}
