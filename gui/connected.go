package gui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/account"
	"github.com/tokendesk/tokendesk/internal/plain"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// connectedScreen shows the token and what it is good for.
type connectedScreen struct {
	ui *UI

	account    *widget.Label
	picture    *canvas.Image
	pictureBox *fyne.Container // hidden whole when there is no picture, so no gap is left
	who        *widget.Label   // what stops us saying who is connected, if anything
	tokenText  *widget.Label
	reveal     *widget.Button
	copyToken  *widget.Button
	copyAs     *widget.Button
	check      *widget.Button
	renew      *widget.Button  // only for tokens LinkedIn gave a refresh token with
	checked    *widget.Label   // what LinkedIn's Token Inspector said
	expiring   *widget.Label   // the warning from 7 days before expiry
	renewBox   *fyne.Container // the warning and its one-click reconnect
	expiry     *widget.Label
	scopes     *widget.Label
	clear      *widget.Button
	again      *widget.Button

	token    store.SavedToken
	revealed bool
	recount  chan struct{} // stops the countdown of the shown token
	content  fyne.CanvasObject
}

func newConnectedScreen(u *UI) *connectedScreen {
	s := &connectedScreen{ui: u}
	title := screenTitle("You're connected")
	s.account = widget.NewLabel("")
	s.account.Wrapping = fyne.TextWrapWord
	s.picture = canvas.NewImageFromResource(nil)
	s.picture.FillMode = canvas.ImageFillContain
	s.picture.SetMinSize(fyne.NewSize(56, 56))
	s.who = widget.NewLabel("")
	s.who.Wrapping = fyne.TextWrapWord
	s.who.Hide()
	s.tokenText = widget.NewLabel("")
	s.tokenText.Wrapping = fyne.TextWrapBreak
	s.tokenText.TextStyle = fyne.TextStyle{Monospace: true}
	s.reveal = widget.NewButtonWithIcon("Reveal", theme.VisibilityIcon(), s.toggleReveal)
	s.copyToken = widget.NewButtonWithIcon("Copy token", theme.ContentCopyIcon(), s.copy)
	s.copyToken.Importance = widget.HighImportance
	s.copyAs = widget.NewButtonWithIcon("Copy as…", theme.MoreVerticalIcon(), s.showCopyAs)
	s.check = widget.NewButtonWithIcon("Check", theme.SearchIcon(), func() { s.checkToken(false) })
	s.renew = widget.NewButtonWithIcon("Renew now", theme.ViewRefreshIcon(), func() { s.renewNow(false) })
	s.renew.Hide()
	s.checked = widget.NewLabel("")
	s.checked.Wrapping = fyne.TextWrapWord
	s.checked.Hide()
	s.expiring = widget.NewLabel("")
	s.expiring.Wrapping = fyne.TextWrapWord
	s.expiring.Importance = widget.WarningImportance
	reconnect := widget.NewButtonWithIcon("Reconnect now", theme.ViewRefreshIcon(), u.reconnect)
	reconnect.Importance = widget.WarningImportance
	s.renewBox = container.NewBorder(nil, nil, nil, reconnect, s.expiring)
	s.renewBox.Hide()
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
		widget.NewFormItem("Access token", container.NewVBox(s.tokenText, container.NewHBox(s.copyToken, s.copyAs, s.reveal))),
		widget.NewFormItem("Expires", s.expiry),
		widget.NewFormItem("Permissions", s.scopes),
		widget.NewFormItem("LinkedIn says", container.NewVBox(s.checked, container.NewHBox(s.check, s.renew, s.reminderButton()))),
	)
	s.pictureBox = container.NewVBox(s.picture)
	s.pictureBox.Hide()
	header := container.NewBorder(nil, nil, s.pictureBox, nil, container.NewVBox(title, s.account))
	body := container.NewVBox(header, s.who, s.renewBox, widget.NewSeparator(), details)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, s.again, s.clear))
	s.content = container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewPadded(body)))
	return s
}

// present shows a token, masked, and asks LinkedIn in the background who it
// belongs to.
func (s *connectedScreen) present(tok store.SavedToken) {
	s.token = tok
	s.revealed = false
	s.showToken()
	s.showWho(tok.Account, "")
	s.pictureBox.Hide()
	s.who.Hide()
	s.checked.Hide()
	s.again.Importance = widget.MediumImportance
	s.again.Refresh()
	s.showExpiring()
	s.countDown()
	if tok.RefreshToken != "" {
		s.renew.Show()
	} else {
		s.renew.Hide()
	}
	s.lookUpMember()
	s.showExpiryText()
	s.scopes.SetText(plain.Scopes(tok.Scopes))
}

// countDown says the expiry again every u.recountEvery while the token is
// shown, so a window left open for days does not keep saying "60 days".
// One redraw every ten minutes costs nothing measurable.
func (s *connectedScreen) countDown() {
	if s.recount != nil {
		close(s.recount)
		s.recount = nil
	}
	every := s.ui.recountEvery
	if every <= 0 || s.token.ExpiresAt.IsZero() {
		return
	}
	stop := make(chan struct{})
	s.recount = stop
	tok := s.token.AccessToken
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				s.ui.do(func() {
					if s.token.AccessToken == tok {
						s.showExpiryText()
						s.showExpiring()
						s.ui.changed("recounted")
					}
				})
			}
		}
	}()
}

// expiresSoon is when TokenDesk starts warning that a token will expire.
const expiresSoon = 7 * 24 * time.Hour

// showExpiring warns from 7 days before the token expires, with a one-click
// reconnect (no consent screen while the member is signed in to LinkedIn).
func (s *connectedScreen) showExpiring() {
	left := s.token.ExpiresAt.Sub(s.ui.deps.Now())
	switch {
	case s.token.ExpiresAt.IsZero() || left > expiresSoon:
		s.renewBox.Hide()
		return
	case left <= 0:
		s.expiring.SetText("This token has expired. Reconnect to get a new one: while you are signed in to LinkedIn, it takes one click.")
	default:
		s.expiring.SetText(plain.Expiry(s.ui.deps.Now(), s.token.ExpiresAt) + " Reconnect to get a new token: while you are signed in to LinkedIn, it takes one click.")
	}
	s.renewBox.Show()
}

// showExpiryText says when the token stops working, and until when it can
// be renewed.
func (s *connectedScreen) showExpiryText() {
	tok := s.token
	expiry := plain.Expiry(s.ui.deps.Now(), tok.ExpiresAt)
	if tok.RefreshToken != "" && !tok.RefreshTokenExpiresAt.IsZero() {
		expiry += " Renewable until " + tok.RefreshTokenExpiresAt.Local().Format("2 Jan 2006") + " (that date does not move when you renew)."
	}
	s.expiry.SetText(expiry)
}

// showCopyAs offers the token in the forms other tools want.
func (s *connectedScreen) showCopyAs() {
	var items []*fyne.MenuItem
	for _, h := range handovers {
		items = append(items, fyne.NewMenuItem(h.label, func() { s.copyAsNow(h) }))
	}
	c := s.ui.win.Canvas()
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, fyne.NewPos(0, s.copyAs.Size().Height), s.copyAs)
}

func (s *connectedScreen) copyAsNow(h handover) {
	s.ui.app.Clipboard().SetContent(h.format(s.token.AccessToken, s.ui.deps.Endpoints))
	s.ui.flash(s.copyAs, "Copied")
	s.ui.changed("copied-as")
}

// checkToken asks LinkedIn's Token Inspector about the token. From the
// Check button it says what LinkedIn said; quietly (at start) it speaks only
// of a problem, and fills in an expiry or permissions that were not known.
func (s *connectedScreen) checkToken(quiet bool) {
	u := s.ui
	tok := s.token
	set := u.setup.settings()
	if set.ClientID == "" || set.ClientSecret == "" {
		if !quiet {
			s.checked.SetText("Checking a token needs the Client ID and Client secret: fill them in on the form (Connect again).")
			s.checked.Importance = widget.MediumImportance
			s.checked.Show()
			s.checked.Refresh()
			u.changed("check-problem")
		}
		return
	}
	if !quiet {
		s.check.Disable()
		s.checked.SetText("Asking LinkedIn…")
		s.checked.Importance = widget.MediumImportance
		s.checked.Show()
		s.checked.Refresh()
	}
	client, endpoints, st := u.client, u.deps.Endpoints, u.store
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		in, err := account.Inspect(ctx, client, endpoints, set.ClientID, set.ClientSecret, tok.AccessToken)
		learned := err == nil && in.Usable() && (tok.ExpiresAt.IsZero() || len(tok.Scopes) == 0)
		if learned {
			if tok.ExpiresAt.IsZero() {
				tok.ExpiresAt = in.ExpiresAt
			}
			if len(tok.Scopes) == 0 {
				tok.Scopes = in.Scopes
			}
			if st != nil {
				// Only about this token: a Clear or a new Connect meanwhile wins.
				_ = st.UpdateTokenInfo(ctx, tok.AccessToken, store.TokenInfo{ExpiresAt: tok.ExpiresAt, Scopes: tok.Scopes})
			}
		}
		u.do(func() {
			if s.token.AccessToken != tok.AccessToken {
				return
			}
			s.check.Enable()
			if err != nil {
				if !quiet || errors.Is(err, oauthflow.ErrTokenRejected) {
					msg, hint, _ := explain(err)
					s.checkProblem(msg+" "+hint, errors.Is(err, oauthflow.ErrTokenRejected))
				}
				u.changed("check-problem")
				return
			}
			if !in.Usable() {
				s.checkProblem(in.Reason()+" Press Connect again to get a new token.", true)
				u.changed("check-problem")
				return
			}
			if learned {
				s.token.ExpiresAt, s.token.Scopes = tok.ExpiresAt, tok.Scopes
				if u.token != nil && u.token.AccessToken == tok.AccessToken {
					u.token.ExpiresAt, u.token.Scopes = tok.ExpiresAt, tok.Scopes
				}
				s.expiry.SetText(plain.Expiry(u.deps.Now(), tok.ExpiresAt))
				s.scopes.SetText(plain.Scopes(tok.Scopes))
				s.showExpiring()
			}
			if !quiet {
				text := "The token is active."
				if !in.CreatedAt.IsZero() {
					text += " Created " + in.CreatedAt.Local().Format("2 Jan 2006") + ","
				}
				if !in.ExpiresAt.IsZero() {
					text += " expires " + in.ExpiresAt.Local().Format("2 Jan 2006") + "."
				}
				text += " Permissions: " + plain.Scopes(in.Scopes) + "."
				s.checked.SetText(text)
				s.checked.Importance = widget.SuccessImportance
				s.checked.Refresh()
			}
			u.changed("checked")
		})
	}()
}

// renewable reports whether the token can be renewed without the browser.
func (s *connectedScreen) renewable() bool {
	t := s.token
	return t.RefreshToken != "" && (t.RefreshTokenExpiresAt.IsZero() || s.ui.deps.Now().Before(t.RefreshTokenExpiresAt))
}

// renewNow trades the refresh token for a new access token and saves it;
// on failure the old token stays, and the screen says why.
func (s *connectedScreen) renewNow(auto bool) {
	u := s.ui
	old := s.token
	set := u.setup.settings()
	s.renew.Disable()
	s.checked.SetText("Renewing…")
	s.checked.Importance = widget.MediumImportance
	s.checked.Show()
	s.checked.Refresh()
	client, endpoints, st, now := u.client, u.deps.Endpoints, u.store, u.deps.Now()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		tok, err := oauthflow.Renew(ctx, set, endpoints, client, now, old.Token)
		if err == nil && st != nil {
			// Only in place of the token it renewed: a Clear or a new
			// Connect meanwhile wins, and the screen has moved on.
			err = st.ReplaceToken(ctx, old.AccessToken, tok, old.Account)
		}
		u.do(func() {
			s.renew.Enable()
			if s.token.AccessToken != old.AccessToken {
				u.changed("renew-outdated") // cleared or replaced meanwhile: nothing to show
				return
			}
			if err != nil {
				msg, hint, _ := explain(err)
				s.checkProblem(msg+" "+hint, false)
				u.changed("renew-problem")
				return
			}
			renewed := store.SavedToken{Token: tok, Account: old.Account}
			u.token = &renewed
			s.present(renewed)
			s.checked.SetText("Renewed: a new token, " + plain.Expiry(u.deps.Now(), tok.ExpiresAt))
			if auto {
				s.checked.SetText("Renewed automatically, as the old token had less than 7 days left: " + plain.Expiry(u.deps.Now(), tok.ExpiresAt))
			}
			s.checked.Importance = widget.SuccessImportance
			s.checked.Show()
			s.checked.Refresh()
			u.changed("renewed")
		})
	}()
}

// checkProblem shows what the Token Inspector found wrong. A token LinkedIn
// no longer accepts makes "Connect again" the thing to do.
func (s *connectedScreen) checkProblem(text string, rejected bool) {
	s.checked.SetText(text)
	s.checked.Importance = widget.MediumImportance
	if rejected {
		s.checked.Importance = widget.DangerImportance
		s.again.Importance = widget.HighImportance
		s.again.Refresh()
	}
	s.checked.Show()
	s.checked.Refresh()
}

// showWho says who is connected, as far as is known.
func (s *connectedScreen) showWho(name, email string) {
	who := "Your LinkedIn account is connected."
	if name != "" {
		who = "Connected as " + name
		if email != "" {
			who += " (" + email + ")"
		}
		who += "."
	}
	if !s.token.ObtainedAt.IsZero() {
		who += " Token received " + s.token.ObtainedAt.Local().Format("2 Jan 2006 at 15:04") + "."
	}
	s.account.SetText(who)
}

// lookUpMember asks LinkedIn's userinfo who the token belongs to, when the
// token's permissions allow it, and says which permission would otherwise.
func (s *connectedScreen) lookUpMember() {
	tok := s.token
	if missing := account.MissingForWho(tok.Scopes); len(tok.Scopes) > 0 && len(missing) > 0 {
		s.who.SetText("To see who is connected here, the token needs the " + strings.Join(missing, " and ") +
			" permission: tick \"Sign In with OpenID Connect\" (and add that product to your LinkedIn app), then press Connect again.")
		s.who.Importance = widget.MediumImportance
		s.who.Show()
		return
	}
	u := s.ui
	s.who.SetText("Asking LinkedIn who is connected…")
	s.who.Importance = widget.LowImportance
	s.who.Show()
	client, endpoints, st := u.client, u.deps.Endpoints, u.store
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		m, err := account.WhoIsConnected(ctx, client, endpoints, tok.AccessToken)
		var pic []byte
		if err == nil && m.PictureURL != "" {
			pictures := *client
			pictures.CheckRedirect = nil // a CDN may redirect; no token is sent
			pic, _ = account.Picture(ctx, &pictures, m.PictureURL)
		}
		if err == nil && st != nil && m.Name != tok.Account {
			_ = st.UpdateTokenInfo(ctx, tok.AccessToken, store.TokenInfo{Account: m.Name})
		}
		u.do(func() {
			if s.token.AccessToken != tok.AccessToken {
				return // another token is shown now
			}
			if err != nil {
				s.memberProblem(err)
				u.changed("member-problem")
				return
			}
			s.who.Hide()
			s.token.Account = m.Name
			if u.token != nil && u.token.AccessToken == tok.AccessToken {
				u.token.Account = m.Name
			}
			s.showWho(m.Name, m.Email)
			if len(pic) > 0 {
				s.picture.Resource = fyne.NewStaticResource("picture", pic)
				s.picture.Refresh()
				s.pictureBox.Show()
			}
			u.changed("member")
		})
	}()
}

// memberProblem says why LinkedIn would not say who is connected. A token
// LinkedIn no longer accepts makes "Connect again" the thing to do.
func (s *connectedScreen) memberProblem(err error) {
	msg, hint, _ := explain(err)
	s.who.SetText(msg + " " + hint)
	s.who.Importance = widget.MediumImportance
	if errors.Is(err, oauthflow.ErrTokenRejected) {
		s.who.Importance = widget.DangerImportance
		s.again.Importance = widget.HighImportance
		s.again.Refresh()
	}
	s.who.Show()
	s.who.Refresh()
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
	s.ui.showDialog(d, d.Confirm)
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
		if err != nil && !errors.Is(err, store.ErrLeftInKeychain) {
			s.ui.showProblem("The token could not be cleared", err)
			s.ui.changed("error")
			return
		}
		if cb := s.ui.app.Clipboard(); token != "" && strings.Contains(cb.Content(), token) {
			cb.SetContent("")
		}
		s.token = store.SavedToken{}
		s.countDown() // stops it
		s.tokenText.SetText("")
		s.ui.token = nil
		s.ui.show(s.ui.setup.content)
		s.ui.setup.focusFirstEmpty()
		s.ui.setup.validate()
		s.ui.showCleared()
		if err != nil { // forgotten, but a copy is still in the keychain
			s.ui.showProblem("The token is forgotten, not yet removed", err)
		}
		s.ui.changed("cleared")
	})
}
