package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/plain"
	"github.com/tokendesk/tokendesk/store"
)

// connectedScreen shows the token and what it is good for.
type connectedScreen struct {
	ui *UI

	account   *widget.Label
	tokenText *widget.Label
	reveal    *widget.Button
	copyToken *widget.Button
	expiry    *widget.Label
	scopes    *widget.Label
	clear     *widget.Button
	again     *widget.Button

	token    store.SavedToken
	revealed bool
	content  fyne.CanvasObject
}

func newConnectedScreen(u *UI) *connectedScreen {
	s := &connectedScreen{ui: u}
	title := screenTitle("You're connected")
	s.account = widget.NewLabel("")
	s.account.Wrapping = fyne.TextWrapWord
	s.tokenText = widget.NewLabel("")
	s.tokenText.Wrapping = fyne.TextWrapBreak
	s.tokenText.TextStyle = fyne.TextStyle{Monospace: true}
	s.reveal = widget.NewButtonWithIcon("Reveal", theme.VisibilityIcon(), s.toggleReveal)
	s.copyToken = widget.NewButtonWithIcon("Copy token", theme.ContentCopyIcon(), s.copy)
	s.copyToken.Importance = widget.HighImportance
	s.expiry = widget.NewLabel("")
	s.expiry.Wrapping = fyne.TextWrapWord
	s.scopes = widget.NewLabel("")
	s.scopes.Wrapping = fyne.TextWrapWord
	s.clear = widget.NewButtonWithIcon("Clear", theme.DeleteIcon(), s.confirmClear)
	s.clear.Importance = widget.DangerImportance
	s.again = widget.NewButtonWithIcon("Connect again", theme.LoginIcon(), func() {
		u.show(u.setup.content)
		u.setup.focusFirstEmpty()
		u.changed("setup")
	})

	details := widget.NewForm(
		widget.NewFormItem("Access token", container.NewVBox(s.tokenText, container.NewHBox(s.copyToken, s.reveal))),
		widget.NewFormItem("Expires", s.expiry),
		widget.NewFormItem("Permissions", s.scopes),
	)
	body := container.NewVBox(title, s.account, widget.NewSeparator(), details)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, s.again, s.clear))
	s.content = container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewPadded(body)))
	return s
}

// present shows a token, masked.
func (s *connectedScreen) present(tok store.SavedToken) {
	s.token = tok
	s.revealed = false
	s.showToken()
	who := "Your LinkedIn account is connected."
	if tok.Account != "" {
		who = "Connected as " + tok.Account + "."
	}
	if !tok.ObtainedAt.IsZero() {
		who += " Token received " + tok.ObtainedAt.Local().Format("2 Jan 2006 at 15:04") + "."
	}
	s.account.SetText(who)
	s.expiry.SetText(plain.Expiry(s.ui.deps.Now(), tok.ExpiresAt))
	s.scopes.SetText(plain.Scopes(tok.Scopes))
}

func (s *connectedScreen) showToken() {
	if s.revealed {
		s.tokenText.SetText(s.token.AccessToken)
		s.reveal.SetText("Hide")
		s.reveal.SetIcon(theme.VisibilityOffIcon())
	} else {
		s.tokenText.SetText(plain.MaskToken(s.token.AccessToken))
		s.reveal.SetText("Reveal")
		s.reveal.SetIcon(theme.VisibilityIcon())
	}
}

func (s *connectedScreen) toggleReveal() {
	s.revealed = !s.revealed
	s.showToken()
	s.ui.changed("reveal")
}

func (s *connectedScreen) copy() {
	s.ui.app.Clipboard().SetContent(s.token.AccessToken)
	s.ui.flash(s.copyToken, "Copied")
	s.ui.changed("copied")
}

func (s *connectedScreen) confirmClear() {
	d := dialog.NewConfirm("Clear the token?",
		"TokenDesk will forget this token, here and in your keychain.\n"+
			"Programs you already gave it to can still use it until it expires:\n"+
			"to stop them, remove TokenDesk's access in your LinkedIn settings\n(Settings, Data privacy, Permitted services).",
		func(ok bool) {
			if ok {
				s.clearNow()
			}
		}, s.ui.win)
	d.SetConfirmText("Clear")
	d.SetDismissText("Keep it")
	d.Show()
	s.ui.changed("confirm-clear")
}

// clearNow forgets the token: in the store, on screen, and in the
// clipboard if the clipboard still holds it.
func (s *connectedScreen) clearNow() {
	token := s.token.AccessToken
	st := s.ui.store
	s.ui.background(time.Minute, func(ctx context.Context) error {
		if st == nil {
			return nil
		}
		return st.ClearToken(ctx)
	}, func(err error) {
		if err != nil {
			s.ui.showProblem("The token could not be cleared", err)
			s.ui.changed("error")
			return
		}
		if cb := s.ui.app.Clipboard(); token != "" && cb.Content() == token {
			cb.SetContent("")
		}
		s.token = store.SavedToken{}
		s.tokenText.SetText("")
		s.ui.token = nil
		s.ui.show(s.ui.setup.content)
		s.ui.setup.focusFirstEmpty()
		s.ui.changed("cleared")
	})
}
