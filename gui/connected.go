package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// connectedScreen shows the token and what it is good for.
type connectedScreen struct {
	ui *UI

	title      *widget.Label // "You're connected", or that the token stopped working
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

	// A token LinkedIn no longer accepts (rejected: what LinkedIn said;
	// "" while it accepts it): the expiry line says so, and a banner
	// offers Connect again.
	rejected     string
	rejectedText *widget.Label
	rejectedBox  *fyne.Container

	checks     *checksSection  // what a check found (checks.go); built on the first check
	checksSlot *fyne.Container // where it goes
	scroll     *container.Scroll

	revealed bool
	recount  chan struct{} // stops the countdown of the shown token
	content  fyne.CanvasObject
}

func newConnectedScreen(u *UI) *connectedScreen {
	s := &connectedScreen{ui: u}
	s.title = screenTitle(words.Connected())
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
	s.reveal = widget.NewButtonWithIcon(lang.X("connected.reveal", "Reveal"), theme.VisibilityIcon(), s.toggleReveal)
	s.copyToken = widget.NewButtonWithIcon(lang.X("connected.copy_token", "Copy token"), theme.ContentCopyIcon(), s.copy)
	s.copyToken.Importance = widget.HighImportance
	s.copyAs = widget.NewButtonWithIcon(lang.X("connected.copy_as", "Copy as…"), theme.MoreVerticalIcon(), s.showCopyAs)
	s.check = widget.NewButtonWithIcon(lang.X("connected.check", "Check"), theme.SearchIcon(), func() { u.checkToken(false) })
	s.renew = widget.NewButtonWithIcon(lang.X("connected.renew", "Renew now"), theme.ViewRefreshIcon(), func() { u.renewNow(false) })
	s.renew.Hide()
	s.checked = widget.NewLabel("")
	s.checked.Wrapping = fyne.TextWrapWord
	s.checked.Hide()
	s.expiring = widget.NewLabel("")
	s.expiring.Wrapping = fyne.TextWrapWord
	s.expiring.Importance = widget.WarningImportance
	reconnect := widget.NewButtonWithIcon(lang.X("connected.reconnect", "Reconnect now"), theme.ViewRefreshIcon(), u.reconnect)
	reconnect.Importance = widget.WarningImportance
	s.renewBox = container.NewBorder(nil, nil, nil, reconnect, s.expiring)
	s.renewBox.Hide()
	s.expiry = widget.NewLabel("")
	s.expiry.Wrapping = fyne.TextWrapWord
	s.scopes = widget.NewLabel("")
	s.scopes.Wrapping = fyne.TextWrapWord
	s.clear = widget.NewButtonWithIcon(lang.X("connected.clear", "Clear"), theme.DeleteIcon(), u.confirmClear)
	s.clear.Importance = widget.DangerImportance
	s.again = widget.NewButtonWithIcon(lang.X("connected.connect_again", "Connect again"), theme.LoginIcon(), u.signInAgain)
	s.rejectedText = widget.NewLabel("")
	s.rejectedText.Wrapping = fyne.TextWrapWord
	s.rejectedText.Importance = widget.DangerImportance
	againNow := widget.NewButtonWithIcon(lang.X("connected.connect_again", "Connect again"), theme.LoginIcon(), u.signInAgain)
	againNow.Importance = widget.HighImportance
	s.rejectedBox = container.NewBorder(nil, nil, nil, againNow, s.rejectedText)
	s.rejectedBox.Hide()
	s.checksSlot = container.NewVBox()
	s.checksSlot.Hide() // until the first check: no gap before it

	details := widget.NewForm(
		widget.NewFormItem(lang.X("connected.access_token", "Access token"), container.NewVBox(s.tokenText, container.NewHBox(s.copyToken, s.copyAs, s.reveal))),
		widget.NewFormItem(lang.X("connected.expires", "Expires"), s.expiry),
		widget.NewFormItem(lang.X("connected.permissions", "Permissions"), s.scopes),
		widget.NewFormItem(lang.X("connected.linkedin_says", "LinkedIn says"), container.NewVBox(s.checked, container.NewHBox(s.check, s.renew, s.reminderButton()))),
	)
	s.pictureBox = container.NewVBox(s.picture)
	s.pictureBox.Hide()
	header := container.NewBorder(nil, nil, s.pictureBox, nil, container.NewVBox(s.title, s.account))
	body := container.NewVBox(header, s.who, s.rejectedBox, s.renewBox, widget.NewSeparator(), details, s.checksSlot)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, s.again, s.clear))
	s.scroll = container.NewVScroll(container.NewPadded(body))
	s.content = container.NewBorder(nil, bottom, nil, nil, s.scroll)
	return s
}

// token is the token shown: the state's. The screen is shown only while
// there is one.
func (s *connectedScreen) token() store.SavedToken {
	if t := s.ui.state.token; t != nil {
		return *t
	}
	return store.SavedToken{}
}

// present shows the state's token afresh, masked, and asks LinkedIn in the
// background who it belongs to.
func (s *connectedScreen) present() {
	tok := s.token()
	s.revealed = false
	s.pictureBox.Hide()
	s.who.Hide()
	s.checked.Hide()
	s.rejected = ""
	s.rejectedBox.Hide()
	s.title.SetText(words.Connected())
	if s.checks != nil {
		s.checks.forget()
	}
	s.again.Importance = widget.MediumImportance
	s.again.Refresh()
	if tok.RefreshToken != "" {
		s.renew.Show()
	} else {
		s.renew.Hide()
	}
	s.repaint()
	s.countDown()
	s.ui.lookUpMember()
}

// repaint shows what is known of the state's token: who, the token, the
// expiry and the permissions.
func (s *connectedScreen) repaint() {
	tok := s.token()
	s.showWho(tok.Account, "")
	s.showToken()
	s.showExpiryText()
	s.showExpiring()
	s.scopes.SetText(words.Scopes(tok.Scopes))
}

// forget empties the screen when the token is gone.
func (s *connectedScreen) forget() {
	s.countDown() // stops it: there is no token
	if s.checks != nil {
		s.checks.forget()
	}
	s.tokenText.SetText("")
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
	tok := s.token()
	if every <= 0 || tok.ExpiresAt.IsZero() {
		return
	}
	stop := make(chan struct{})
	s.recount = stop
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				s.ui.do(func() {
					if s.ui.shows(tok.AccessToken) {
						s.showExpiryText()
						s.showExpiring()
					}
				})
			}
		}
	}()
}

// showExpiring warns from 7 days before the token expires, with a one-click
// reconnect (no consent screen while the member is signed in to LinkedIn).
func (s *connectedScreen) showExpiring() {
	expires, now := s.token().ExpiresAt, s.ui.deps.Now()
	if s.rejected != "" {
		s.renewBox.Hide() // the rejected banner says what to do
		return
	}
	switch connection.ExpiryOf(expires, now) {
	case connection.ExpiryUnknown, connection.ExpiryValid:
		s.renewBox.Hide()
		return
	case connection.ExpiryExpired:
		s.expiring.SetText(lang.X("connected.expired", "This token has expired. Reconnect to get a new one: while you are signed in to LinkedIn, it takes one click."))
	default:
		s.expiring.SetText(lang.X("connected.expiring", "{{.Expiry}} Reconnect to get a new token: while you are signed in to LinkedIn, it takes one click.",
			map[string]any{"Expiry": words.Expiry(now, expires)}))
	}
	s.renewBox.Show()
}

// showExpiryText says when the token stops working, and until when it can
// be renewed.
func (s *connectedScreen) showExpiryText() {
	tok := s.token()
	expiry := words.Expiry(s.ui.deps.Now(), tok.ExpiresAt)
	if tok.RefreshToken != "" && !tok.RefreshTokenExpiresAt.IsZero() {
		expiry = lang.X("connected.renewable", "{{.Expiry}} Renewable until {{.Date}} (that date does not move when you renew).",
			map[string]any{"Expiry": expiry, "Date": words.Date(tok.RefreshTokenExpiresAt)})
	}
	if s.rejected != "" {
		expiry = s.rejected
	}
	s.expiry.SetText(expiry)
	s.expiry.Importance = widget.MediumImportance
	if s.rejected != "" {
		s.expiry.Importance = widget.DangerImportance
	}
	s.expiry.Refresh()
}

// signInAgain goes to the form, to Connect again.
func (u *UI) signInAgain() {
	u.show(u.setup.content)
	u.setup.focusFirstEmpty()
}

// showCopyAs offers the token in the forms other tools want.
func (s *connectedScreen) showCopyAs() {
	c := s.ui.win.Canvas()
	widget.ShowPopUpMenuAtRelativePosition(s.copyAsMenu(), c, fyne.NewPos(0, s.copyAs.Size().Height), s.copyAs)
}

// copyAsMenu is the Copy as… menu, built when it opens: nothing of it
// costs anything at start.
func (s *connectedScreen) copyAsMenu() *fyne.Menu {
	root := handoverMenu(s.handovers(), s.copyAsNow)
	root.Items = append(root.Items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("connected.api_version", "LinkedIn-Version: {{.Version}}…", map[string]any{"Version": s.ui.apiVersion()}), s.ui.askAPIVersion))
	return root
}

// handovers are the Copy as… choices for the token shown, built when the
// menu opens. The programs post as the member when their LinkedIn ID is
// known (saved with the token when LinkedIn said who it is, or found by
// the check), and as each Page the latest check of this token found the
// member may post as (a Super or Content admin's), named as LinkedIn
// names it.
func (s *connectedScreen) handovers() []handover {
	t := s.token()
	authors, names := linkedin.Authors{MemberID: t.MemberID}, map[string]string{}
	if a, ok := s.ui.checkedAbilities(); ok {
		if authors.MemberID == "" {
			authors.MemberID = linkedin.PersonID(a.MemberURN)
		}
		for _, p := range a.Pages {
			if p.CanPost() {
				authors.Pages = append(authors.Pages, p.URN)
				names[p.URN] = p.Name
			}
		}
	}
	return handovers(t.AccessToken, t.Scopes, authors, names, s.ui.deps.Endpoints, s.ui.apiVersion())
}

func (s *connectedScreen) copyAsNow(h handover) {
	s.ui.app.Clipboard().SetContent(h.text)
	s.ui.flash(s.copyAs, lang.X("flash.copied", "Copied"))
}

// say shows what LinkedIn said, or what went wrong asking it. A token
// LinkedIn no longer accepts makes "Connect again" the thing to do.
func (s *connectedScreen) say(label *widget.Label, text string, importance widget.Importance, rejected bool) {
	label.SetText(text)
	label.Importance = importance
	if rejected {
		label.Importance = widget.DangerImportance
		s.again.Importance = widget.HighImportance
		s.again.Refresh()
	}
	label.Show()
	label.Refresh()
}

// showWho says who is connected, as far as is known.
func (s *connectedScreen) showWho(name, email string) {
	who := words.ConnectedAs(name, email)
	if obtained := s.token().ObtainedAt; !obtained.IsZero() {
		who += " " + lang.X("connected.received", "Token received {{.Date}} at {{.Time}}.", map[string]any{"Date": words.Date(obtained), "Time": words.Time(obtained)})
	}
	s.account.SetText(who)
}

func (s *connectedScreen) showPicture(pic []byte) {
	if len(pic) == 0 {
		return
	}
	s.picture.Resource = fyne.NewStaticResource("picture", pic)
	s.picture.Refresh()
	s.pictureBox.Show()
}

func (s *connectedScreen) showToken() {
	if s.revealed {
		s.tokenText.SetText(s.token().AccessToken)
		s.reveal.SetText(lang.X("connected.hide", "Hide"))
		s.reveal.SetIcon(theme.VisibilityOffIcon())
	} else {
		s.tokenText.SetText(words.MaskToken(s.token().AccessToken))
		s.reveal.SetText(lang.X("connected.reveal", "Reveal"))
		s.reveal.SetIcon(theme.VisibilityIcon())
	}
}

func (s *connectedScreen) toggleReveal() {
	s.revealed = !s.revealed
	s.showToken()
}

func (s *connectedScreen) copy() {
	s.ui.app.Clipboard().SetContent(s.token().AccessToken)
	s.ui.flash(s.copyToken, lang.X("flash.copied", "Copied"))
}
