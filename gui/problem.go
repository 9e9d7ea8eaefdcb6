package gui

import (
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// problemBanner shows an error on a screen: the message in bold, the hint,
// and the detail behind a "Details" expander.
type problemBanner struct {
	message *widget.Label
	hint    *widget.Label
	detail  *widget.Label
	details *widget.Accordion
	action  *widget.Button // hidden unless the problem has a remedy to press
	content *fyne.Container
}

func newProblemBanner() *problemBanner {
	b := &problemBanner{
		message: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint:    widget.NewLabel(""),
		detail:  widget.NewLabel(""),
	}
	b.message.Importance = widget.DangerImportance
	for _, l := range []*widget.Label{b.message, b.hint, b.detail} {
		l.Wrapping = fyne.TextWrapWord
	}
	b.detail.TextStyle = fyne.TextStyle{Monospace: true}
	b.details = widget.NewAccordion(widget.NewAccordionItem(lang.X("problem.details", "Details"), b.detail))
	// Hidden until there is a detail to show: a layout of the (hidden)
	// banner would otherwise measure the monospace label, and loading the
	// monospace fonts costs megabytes at every start.
	b.details.Hide()
	b.action = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), nil)
	b.action.Hide()
	icon := widget.NewIcon(theme.ErrorIcon())
	b.content = container.NewBorder(nil, nil, container.NewVBox(icon), nil,
		container.NewVBox(b.message, b.hint, container.NewHBox(b.action), b.details))
	b.content.Hide()
	return b
}

// showError shows err, with no action button.
func (b *problemBanner) showError(err error) { b.showErrorWithAction(err, "", nil) }

// showErrorWithAction shows err with a button that does something about
// it, such as Retry. The hint ends with the window's step: the button
// when the step is to try again, Connect otherwise.
func (b *problemBanner) showErrorWithAction(err error, label string, action func()) {
	if action == nil {
		b.action.Hide()
	} else {
		b.action.SetText(label)
		b.action.OnTapped = action
		b.action.Show()
	}
	msg, hint, detail := words.Explain(err)
	next := words.NextStep(err)
	then := step(next, connectButton())
	if action != nil && (next == words.NextRetry || next == words.NextLater) {
		then = lang.X("step.press", "Press {{.Button}}.", map[string]any{"Button": label})
	}
	hint = withStep(hint, then)
	b.message.SetText(msg)
	b.hint.SetText(hint)
	b.detail.SetText(detail)
	b.details.CloseAll()
	if detail == "" {
		b.details.Hide()
	} else {
		b.details.Show()
	}
	b.content.Show()
}

func (b *problemBanner) hide() { b.content.Hide() }

// screenTitle is a screen's heading.
func screenTitle(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// showProblem shows an error in a dialog, in the same three parts; no
// button in the dialog does it again.
func (u *UI) showProblem(title string, err error) {
	msg, hint, detail := explainHere(err, "")
	u.showMessage(title, msg, hint, detail)
}

// showNotice tells the person something once, where it matters: that the
// secrets go to a file beside the field for the secret, without stopping
// them; a damaged file in a dialog. A keychain that could not be reached is
// said by Load's error, with Retry (showSaved).
func (u *UI) showNotice(n store.Notice) {
	msg, hint := words.Notice(n)
	hint = withStep(hint, step(words.NoticeStep(n), ""))
	switch n.Kind {
	case store.NoticeSecretsInFile:
		u.setup.noteSecretsInFile(msg + " " + hint)
	case store.NoticeKeychainUnreachable:
	default:
		u.showMessage(lang.X("problem.notice", "Please note"), msg, hint, "")
	}
}

func (u *UI) showMessage(title, msg, hint, detail string) {
	m := widget.NewLabel(msg)
	m.Wrapping = fyne.TextWrapWord
	m.TextStyle = fyne.TextStyle{Bold: true}
	h := widget.NewLabel(hint)
	h.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(m, h)
	if detail != "" {
		d := widget.NewLabel(detail)
		d.Wrapping = fyne.TextWrapWord
		d.TextStyle = fyne.TextStyle{Monospace: true}
		box.Add(widget.NewAccordion(widget.NewAccordionItem(lang.X("problem.details", "Details"), d)))
	}
	dlg := dialog.NewCustom(title, lang.X("dialog.ok", "OK"), box, u.win)
	dlg.Resize(fyne.NewSize(480, 0))
	u.showDialog(dlg, nil)
}

// PermittedServices is the LinkedIn settings page where a member removes an
// app's access, which revokes its tokens. LinkedIn has no revoke API.
const PermittedServices = "https://www.linkedin.com/psettings/permitted-services"

// showCleared says what clearing did, and what it could not do.
func (u *UI) showCleared() {
	m := widget.NewLabel(lang.X("cleared.message", "The token is gone from this computer."))
	m.TextStyle = fyne.TextStyle{Bold: true}
	h := widget.NewLabel(lang.X("cleared.hint", "LinkedIn offers apps no way to cancel a token, so a copy you gave to another program keeps working until it expires. To stop it now, remove your LinkedIn app's access in your LinkedIn settings (Settings, Data privacy, Permitted services)."))
	h.Wrapping = fyne.TextWrapWord
	link, _ := url.Parse(PermittedServices)
	box := container.NewVBox(m, h, widget.NewHyperlink(lang.X("cleared.link", "Open Permitted services on LinkedIn"), link))
	d := dialog.NewCustom(lang.X("cleared.title", "Token cleared"), lang.X("dialog.ok", "OK"), box, u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d, nil)
}

// flash shows a short confirmation on a button ("Copied"), then restores it.
func (u *UI) flash(b *widget.Button, text string) {
	old := b.Text
	if old == text {
		return
	}
	b.SetText(text)
	if u.flashFor <= 0 {
		return
	}
	go func() {
		<-time.After(u.flashFor)
		u.do(func() { b.SetText(old) })
	}()
}
