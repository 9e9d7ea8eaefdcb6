package gui

import (
	"errors"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

// DeveloperPortal is where a LinkedIn app's ID, secret and redirect URLs are.
const DeveloperPortal = "https://www.linkedin.com/developers/apps"

// setupScreen is the form: what the person copies from their LinkedIn app.
type setupScreen struct {
	ui *UI

	clientID    *widget.Entry
	secret      *widget.Entry
	redirect    *widget.Entry
	copyURL     *widget.Button
	products    *productPicker
	pkce        *widget.Check
	connect     *widget.Button
	loading     *widget.Label
	scopeChange *widget.Label // the saved token will stop working if the permissions change
	secretNote  *widget.Label // where the secret is kept, when that needs saying

	problems map[oauthflow.Field]*widget.Label
	touched  map[oauthflow.Field]bool
	banner   *problemBanner
	filling  bool // set while fill() changes the widgets

	content fyne.CanvasObject
}

func newSetupScreen(u *UI) *setupScreen {
	s := &setupScreen{ui: u, problems: map[oauthflow.Field]*widget.Label{}, touched: map[oauthflow.Field]bool{}}

	s.clientID = widget.NewEntry()
	s.clientID.SetPlaceHolder(lang.X("setup.client_id.placeholder", "e.g. 78abcdefgh1234"))
	s.secret = widget.NewPasswordEntry()
	s.secret.SetPlaceHolder(lang.X("setup.secret.placeholder", "Primary Client Secret"))
	s.redirect = widget.NewEntry()
	s.redirect.SetPlaceHolder(oauthflow.DefaultRedirectURL)
	s.copyURL = widget.NewButtonWithIcon(lang.X("setup.redirect.copy", "Copy"), theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(strings.TrimSpace(s.redirect.Text))
		u.flash(s.copyURL, lang.X("flash.copied", "Copied"))
	})
	s.products = newProductPicker(func() { s.changedField(oauthflow.FieldScopes) })
	s.pkce = widget.NewCheck(lang.X("setup.pkce", "Use PKCE, no client secret (only if LinkedIn switched it on for your app)"), func(bool) {
		s.changedField(oauthflow.FieldClientSecret)
	})

	for f, e := range map[oauthflow.Field]*widget.Entry{
		oauthflow.FieldClientID: s.clientID, oauthflow.FieldClientSecret: s.secret,
		oauthflow.FieldRedirectURL: s.redirect, oauthflow.FieldScopes: s.products.other,
	} {
		e.OnChanged = func(string) { s.changedField(f) }
		e.OnSubmitted = func(string) { s.submit() }
	}
	for _, f := range []oauthflow.Field{oauthflow.FieldClientID, oauthflow.FieldClientSecret, oauthflow.FieldRedirectURL, oauthflow.FieldScopes} {
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		s.problems[f] = l
	}

	s.connect = widget.NewButtonWithIcon(lang.X("setup.connect", "Connect"), theme.LoginIcon(), s.submit)
	s.connect.Importance = widget.HighImportance
	s.connect.Disable()
	s.loading = widget.NewLabel(lang.X("setup.loading", "Loading your saved settings…"))
	s.scopeChange = widget.NewLabel(lang.X("setup.permissions_changed", "You changed the permissions: when you connect, LinkedIn will stop accepting your current token, including copies you gave to other programs."))
	s.scopeChange.Wrapping = fyne.TextWrapWord
	s.scopeChange.Importance = widget.WarningImportance
	s.scopeChange.Hide()
	s.banner = newProblemBanner()
	s.secretNote = widget.NewLabel("")
	s.secretNote.Wrapping = fyne.TextWrapWord
	s.secretNote.Importance = widget.WarningImportance
	s.secretNote.Hide()

	portal, _ := url.Parse(DeveloperPortal)
	heading := screenTitle(lang.X("setup.title", "Connect your LinkedIn app"))
	intro := widget.NewLabel(lang.X("setup.intro", "Copy these three values from your app in the LinkedIn Developer Portal (Auth tab)."))
	intro.Wrapping = fyne.TextWrapWord
	links := container.NewHBox(
		widget.NewHyperlink(lang.X("setup.where", "Where do I find these?"), portal),
		widget.NewButtonWithIcon(lang.X("setup.guide", "Step-by-step guide"), theme.HelpIcon(), u.showGuide),
	)

	redirectHint := widget.NewLabel(lang.X("setup.redirect.hint", "Add this exact URL to your LinkedIn app (Auth tab, Authorized redirect URLs)."))
	redirectHint.Wrapping = fyne.TextWrapWord

	field := func(objs ...fyne.CanvasObject) fyne.CanvasObject { return container.NewVBox(objs...) }
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("setup.client_id", "Client ID")), field(s.clientID, s.problems[oauthflow.FieldClientID]),
		widget.NewLabel(lang.X("setup.secret", "Client secret")), field(s.secret, s.secretNote, s.problems[oauthflow.FieldClientSecret]),
		widget.NewLabel(lang.X("setup.redirect", "Redirect URL")), field(container.NewBorder(nil, nil, nil, s.copyURL, s.redirect), redirectHint, s.problems[oauthflow.FieldRedirectURL]),
		widget.NewLabel(lang.X("setup.products", "Products")), field(s.products.content, s.problems[oauthflow.FieldScopes]),
	)
	advanced := widget.NewAccordion(widget.NewAccordionItem(lang.X("setup.advanced", "Advanced"), s.pkce))

	top := container.NewVBox(heading, intro, links, widget.NewSeparator(), form, advanced)
	// The problem banner sits by the Connect button, outside the scrolling
	// form, so it is seen whatever the window's size.
	bottom := container.NewVBox(widget.NewSeparator(), s.banner.content, s.scopeChange, container.NewBorder(nil, nil, s.loading, s.connect))
	s.content = container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewPadded(top)))
	return s
}

// read reads the form's widgets: only the form does, to tell the UI what
// the person typed (formChanged). Everyone else reads the UI's state.
func (s *setupScreen) read() oauthflow.Settings {
	return oauthflow.Settings{
		ClientID:     s.clientID.Text,
		ClientSecret: s.secret.Text,
		RedirectURL:  s.redirect.Text,
		Scopes:       s.products.scopes(),
		PKCE:         s.pkce.Checked,
	}.Clean()
}

// fill puts saved settings in the form.
func (s *setupScreen) fill(set oauthflow.Settings) {
	s.filling = true
	defer func() { s.filling = false }()
	s.clientID.SetText(set.ClientID)
	s.secret.SetText(set.ClientSecret)
	s.redirect.SetText(set.RedirectURL)
	s.products.fill(set.Scopes)
	s.pkce.SetChecked(set.PKCE)
	s.validate()
}

// unreadable says the keychain could not be read, with Retry. The secret
// field says why it is empty.
func (s *setupScreen) unreadable(err error, retry func()) {
	s.banner.showErrorWithAction(err, lang.X("setup.retry", "Retry"), retry)
	if s.secret.Text == "" {
		s.secret.SetPlaceHolder(lang.X("setup.secret.unreadable", "Saved in your keychain, which could not be read"))
	}
}

// fillSecret puts the saved secret in the field, unless the person has
// typed one meanwhile.
func (s *setupScreen) fillSecret(secret string) {
	s.secret.SetPlaceHolder(lang.X("setup.secret.placeholder", "Primary Client Secret"))
	if s.secret.Text != "" || secret == "" {
		return
	}
	s.filling = true
	s.secret.SetText(secret)
	s.filling = false
	s.ui.formChanged(s.read())
	s.validate()
}

// noteSecretsInFile says, beside the secret, where it will be kept.
func (s *setupScreen) noteSecretsInFile(text string) {
	s.secretNote.SetText(text)
	s.secretNote.Show()
}

func (s *setupScreen) setLoading(on bool) {
	for _, w := range []fyne.Disableable{s.clientID, s.secret, s.redirect, s.pkce} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	s.products.setEnabled(!on)
	if on {
		s.loading.Show()
		s.connect.Disable()
	} else {
		s.loading.Hide()
		s.validate()
	}
}

// changedField validates as the person types. A field's problem shows once
// the person has touched it, so an empty form does not open in red.
func (s *setupScreen) changedField(f oauthflow.Field) {
	if !s.filling {
		s.touched[f] = true
		s.ui.formChanged(s.read())
	}
	s.validate()
}

// touchAll shows every field's problem, as after pressing Connect.
func (s *setupScreen) touchAll() {
	for f := range s.problems {
		s.touched[f] = true
	}
	s.validate()
}

// untouch hides the fields' problems again, as on a new form.
func (s *setupScreen) untouch() {
	s.touched = map[oauthflow.Field]bool{}
	s.validate()
}

// validate shows each touched field's problem and enables Connect only for
// a valid form. It returns the problems.
func (s *setupScreen) validate() error {
	set := s.ui.state.settings
	err := set.Validate()
	var v *oauthflow.ValidationError
	errors.As(err, &v)
	for f, label := range s.problems {
		var p oauthflow.Problem
		bad := false
		if v != nil {
			p, bad = v.For(f)
		}
		if bad && s.touched[f] {
			msg, hint := words.Problem(p)
			label.SetText(msg + " " + hint)
			label.Show()
		} else {
			label.Hide()
		}
	}
	if t := s.ui.state.token; err == nil && t != nil && len(t.Scopes) > 0 && !oauthflow.SameScopes(t.Scopes, set.Scopes) {
		s.scopeChange.Show()
	} else {
		s.scopeChange.Hide()
	}
	if err == nil && !s.loading.Visible() {
		s.connect.Enable()
	} else {
		s.connect.Disable()
	}
	return err
}

// submit is Connect, from the button or Enter in any field.
func (s *setupScreen) submit() {
	if s.loading.Visible() {
		return
	}
	for f := range s.problems {
		s.touched[f] = true
	}
	if s.validate() != nil {
		return
	}
	s.banner.hide()
	s.ui.startConnect(s.ui.state.settings)
}

// focusFirstEmpty puts the cursor where the person has to type next.
func (s *setupScreen) focusFirstEmpty() {
	for _, e := range []*widget.Entry{s.clientID, s.secret, s.redirect} {
		if strings.TrimSpace(e.Text) == "" && !(e == s.secret && s.pkce.Checked) {
			s.ui.win.Canvas().Focus(e)
			return
		}
	}
	s.ui.win.Canvas().Focus(s.connect)
}
