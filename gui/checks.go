package gui

// What the token can do (#19), on the connected screen: LinkedIn's Token
// Inspector's verdict and one harmless read per product, side by side
// (connection.WhatWorks), one line per product with the fix, LinkedIn's own
// answers behind Details, and the IDs the next step needs, with Copy. The
// check runs off the UI goroutine, bounded by checkTimeout; a newer check,
// or another token shown, cancels the one under way, and its answer is
// never shown.

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// checkTimeout bounds a whole check: each of its calls has its own
// (linkedin.CallTimeout, connection.InspectTimeout), and a retired
// LinkedIn-Version adds a search for a served one.
const checkTimeout = 30 * time.Second

// checkToken checks what the token shown can do. From the Check button it
// says the Token Inspector's answer too; quietly (at start, on another
// connection, a new token) it speaks of the token only when LinkedIn no
// longer accepts it or could not be asked, and fills in an expiry or
// permissions that were not known. The products and IDs are shown either
// way.
func (u *UI) checkToken(quiet bool) {
	if u.state.token == nil {
		return
	}
	s, tok, set := u.connectedUI(), *u.state.token, u.state.settings
	u.stopCheck()
	run := u.state.check
	ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
	u.checkCancel = cancel
	if !quiet {
		s.say(s.checked, lang.X("asks.check.asking", "Asking LinkedIn…"), widget.MediumImportance, false)
	}
	s.checksUI().begin()
	conn, version := u.conn, u.apiVersion() // the goroutine keeps to this connection, whatever is shown later
	var w connection.WhatWorks
	u.background(0, func(context.Context) error {
		w = conn.WhatWorks(ctx, set, tok, version)
		return nil
	}, func(error) {
		cancel()
		if run != u.state.check || !u.shows(tok.AccessToken) {
			return // a newer check, or another token: this answer is out of date
		}
		u.checkCancel = nil
		u.showWhatWorks(quiet, tok.AccessToken, w)
	})
}

// stopCheck cancels the check under way, if any; its answer, when it
// comes, is not shown.
func (u *UI) stopCheck() {
	u.state.check++
	if u.checkCancel != nil {
		u.checkCancel()
		u.checkCancel = nil
	}
}

// showWhatWorks paints a check's answer about the token access, shown.
func (u *UI) showWhatWorks(quiet bool, access string, w connection.WhatWorks) {
	s := u.connected
	st := w.Status
	switch {
	case w.Rejected():
		msg, hint := words.Rejected(st.Rejection)
		if st.State != connection.StateRejected { // a read was refused with 401
			for _, p := range w.Products {
				if p.Outcome == linkedin.OutcomeDenied && p.Denial == linkedin.DeniedTokenRejected {
					msg, hint = words.Check(w.Abilities, p)
					break
				}
			}
		}
		s.showRejected(msg, hint)
	case s.rejected != "":
		// LinkedIn does not take a token back once it stopped accepting it;
		// a check that could not tell (offline) does not hide it.
	case errors.Is(st.AskErr, connection.ErrNoClientSecret):
		if !quiet {
			s.say(s.checked, lang.X("asks.check.needs_settings", "Checking a token needs the Client ID and Client secret: fill them in on the form (Connect again)."), widget.MediumImportance, false)
		}
	case st.AskErr != nil:
		if !quiet {
			s.say(s.checked, hintHere(st.AskErr, lang.X("connected.check", "Check")), widget.MediumImportance, false)
		}
	case st.Inspected:
		u.learnedFrom(access, st)
		if !quiet {
			s.say(s.checked, activeText(st.Inspection), widget.SuccessImportance, false)
		}
	}
	u.setChecked(access, w.Abilities, w.Rejected())
	c := s.checksUI()
	if w.Rejected() {
		// The token can do nothing: the banner says so, and the section
		// would only repeat it.
		c.forget()
		s.checksSlot.Hide()
		return
	}
	s.checksSlot.Show()
	c.show(w)
}

// learnedFrom fills in the shown token's expiry and permissions from the
// Token Inspector, when they were not known (connection.Check saved them).
func (u *UI) learnedFrom(access string, st connection.TokenStatus) {
	t := u.state.token
	if t == nil || (!t.ExpiresAt.IsZero() || st.Inspection.ExpiresAt.IsZero()) && (len(t.Scopes) > 0 || len(st.Inspection.Scopes) == 0) {
		return
	}
	u.learned(access, func(t *store.SavedToken) {
		if t.ExpiresAt.IsZero() {
			t.ExpiresAt = st.Inspection.ExpiresAt
		}
		if len(t.Scopes) == 0 {
			t.Scopes = st.Inspection.Scopes
		}
	})
}

// activeText says what the Token Inspector said of a token it accepts.
func activeText(in linkedin.Inspection) string {
	data := map[string]any{"Created": words.Date(in.CreatedAt), "Expires": words.Date(in.ExpiresAt), "Scopes": words.Scopes(in.Scopes)}
	switch {
	case !in.CreatedAt.IsZero() && !in.ExpiresAt.IsZero():
		return lang.X("asks.check.active", "The token is active. Created {{.Created}}, expires {{.Expires}}. Permissions: {{.Scopes}}.", data)
	case !in.CreatedAt.IsZero():
		return lang.X("asks.check.active_created", "The token is active. Created {{.Created}}. Permissions: {{.Scopes}}.", data)
	case !in.ExpiresAt.IsZero():
		return lang.X("asks.check.active_expires", "The token is active. Expires {{.Expires}}. Permissions: {{.Scopes}}.", data)
	}
	return lang.X("asks.check.active_only", "The token is active. Permissions: {{.Scopes}}.", data)
}

// showRejected says that LinkedIn no longer accepts the token: in the
// title, on the expiry line, in what LinkedIn says, and in a banner with
// Connect again.
func (s *connectedScreen) showRejected(msg, hint string) {
	s.rejected = msg
	// Not "You're connected": the connection is there, the token no longer
	// works.
	s.title.SetText(lang.X("connected.title_rejected", "This connection has stopped working"))
	s.showExpiryText()
	// Connect again becomes the thing to do; the banner says why, once:
	// not also what LinkedIn says, nor anything about who is connected,
	// which cannot be asked with this token.
	s.say(s.checked, withStep(msg, hint), widget.MediumImportance, true)
	s.checked.Hide()
	s.who.Hide()
	s.rejectedText.SetText(withStep(msg, hint))
	s.rejectedBox.Show()
	s.renewBox.Hide() // reconnecting is the banner's button now
}

// checksSection is the connected screen's part that shows a check: built on
// the first check, as most starts never scroll to it before it has an
// answer.
type checksSection struct {
	ui *UI

	status   *widget.Label  // "Checking…" while a check is under way: static, no animation
	retry    *widget.Button // when something could not be asked
	version  *widget.Label  // a retired LinkedIn-Version
	useIt    *widget.Button // uses the version LinkedIn serves
	useRow   *fyne.Container
	served   string // that version
	products *fyne.Container
	notAsked *widget.Label
	details  *widget.Accordion
	detail   *widget.Label
	idsTitle *widget.Label
	ids      *fyne.Container

	// copies are the Copy buttons of the IDs, and what each copies.
	copies []*widget.Button
	copied []string

	content *fyne.Container
}

func (s *connectedScreen) checksUI() *checksSection {
	if s.checks != nil {
		return s.checks
	}
	u := s.ui
	c := &checksSection{ui: u}
	title := widget.NewLabelWithStyle(lang.X("checks.title", "What this token can do"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.status = widget.NewLabel("")
	c.status.Importance = widget.LowImportance
	c.retry = widget.NewButtonWithIcon(lang.X("setup.retry", "Retry"), theme.ViewRefreshIcon(), func() { u.checkToken(false) })
	c.retry.Hide()
	c.version = widget.NewLabel("")
	c.version.Wrapping = fyne.TextWrapWord
	c.version.Importance = widget.WarningImportance
	c.useIt = widget.NewButtonWithIcon("", theme.ConfirmIcon(), c.useServed)
	c.useRow = container.NewHBox(c.useIt)
	c.version.Hide()
	c.useRow.Hide()
	c.products = container.NewVBox()
	c.products.Hide()
	c.notAsked = widget.NewLabel("")
	c.notAsked.Wrapping = fyne.TextWrapWord
	c.notAsked.Hide()
	c.detail = widget.NewLabel("")
	c.detail.Wrapping = fyne.TextWrapBreak
	c.detail.TextStyle = fyne.TextStyle{Monospace: true}
	c.details = widget.NewAccordion(widget.NewAccordionItem(lang.X("problem.details", "Details"), c.detail))
	c.details.Hide()
	c.idsTitle = widget.NewLabelWithStyle(lang.X("checks.ids", "IDs for your next step"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.idsTitle.Hide()
	c.ids = container.NewVBox()
	c.content = container.NewVBox(
		container.NewBorder(nil, nil, title, c.retry, c.status),
		c.version, c.useRow,
		c.products, c.notAsked, c.details,
		c.idsTitle, c.ids,
	)
	s.checks = c
	s.checksSlot.Objects = []fyne.CanvasObject{widget.NewSeparator(), c.content}
	s.checksSlot.Show()
	return c
}

// begin says a check is under way; what the last one found stays until
// the answer comes.
func (c *checksSection) begin() {
	c.status.SetText(lang.X("checks.checking", "Checking…"))
	c.retry.Hide()
	c.ui.connected.checksSlot.Show()
}

// forget empties the section: the token it was about is gone.
func (c *checksSection) forget() {
	c.status.SetText("")
	c.retry.Hide()
	c.version.Hide()
	c.useRow.Hide()
	c.products.Objects = nil
	c.products.Hide()
	c.notAsked.Hide()
	c.details.Hide()
	c.idsTitle.Hide()
	c.ids.Objects = nil
	c.ids.Refresh()
	c.copies, c.copied = nil, nil
}

// show paints what a check found.
func (c *checksSection) show(w connection.WhatWorks) {
	u := c.ui
	c.forget()
	a := w.Abilities

	if msg, hint := words.RetiredVersion(a); msg != "" {
		c.version.SetText(withStep(msg, hint))
		c.version.Importance = widget.WarningImportance
		c.version.Show()
		c.served = a.Version
		if a.ServedFound && a.Version != u.apiVersion() {
			c.useIt.SetText(lang.X("checks.use_version", "Use {{.Version}}", map[string]any{"Version": a.Version}))
			c.useRow.Show()
		}
	}

	var notAsked, details []string
	again := false
	for _, p := range a.Products {
		name := words.ProductName(p.Product)
		msg, hint := words.Check(a, p)
		if d := words.CheckDetail(p); d != "" {
			details = append(details, name+": "+d)
		}
		if p.Outcome == linkedin.OutcomeNotAsked {
			notAsked = append(notAsked, name)
			continue
		}
		if p.Outcome == linkedin.OutcomeDenied && p.Denial == linkedin.DeniedTokenRejected {
			continue // the rejected banner says it once for all, with Connect again
		}
		if next := words.CheckStep(p); next == words.NextRetry || next == words.NextLater {
			again = true
		}
		c.products.Add(c.productRow(p, name, msg, hint))
	}
	if len(c.products.Objects) > 0 {
		c.products.Show() // hidden while empty: no gap where it would be
	}
	c.products.Refresh()
	if len(notAsked) > 0 {
		c.notAsked.SetText(lang.X("checks.not_asked", "Not asked for: {{.Products}}. To use one, add it on your app's Products tab in the LinkedIn Developer Portal, tick it on the form and press Connect again.",
			map[string]any{"Products": strings.Join(notAsked, ", ")}))
		c.notAsked.Show()
	}
	if len(details) > 0 {
		c.detail.SetText(strings.Join(details, "\n"))
		c.details.Show()
	}
	if again {
		c.retry.Show()
	}

	if a.MemberURN != "" {
		c.addID(lang.X("checks.id.member", "You: {{.URN}}", map[string]any{"URN": a.MemberURN}), a.MemberURN)
	}
	for _, p := range a.Pages {
		name := p.Name
		if name == "" {
			name = p.ID
		}
		c.addID(lang.X("checks.id.page", "Page {{.Name}} ({{.Role}}): {{.URN}}", map[string]any{"Name": name, "Role": words.PageRole(p.Role), "URN": p.URN}), p.URN)
	}
	for _, x := range a.AdAccounts {
		name := x.Name
		if name == "" {
			name = x.ID
		}
		c.addID(lang.X("checks.id.ad_account", "Ad account {{.Name}} ({{.Role}}): {{.ID}}", map[string]any{"Name": name, "Role": words.AdAccountRole(x.Role), "ID": x.ID}), x.ID)
	}
	if len(c.copies) > 0 {
		c.idsTitle.Show()
	}
	c.ids.Refresh()
}

// productRow is one product's line: a sign, its name and answer, the fix,
// and the button that makes it where one click can.
func (c *checksSection) productRow(p linkedin.ProductCheck, name, msg, hint string) fyne.CanvasObject {
	u := c.ui
	icon := theme.ConfirmIcon()
	switch p.Outcome {
	case linkedin.OutcomeDenied:
		icon = theme.CancelIcon()
	case linkedin.OutcomeCouldNotAsk:
		icon = theme.WarningIcon()
	case linkedin.OutcomeNoTarget:
		icon = theme.InfoIcon()
	}
	line := widget.NewLabel(name + ": " + withStep(msg, hint))
	line.Wrapping = fyne.TextWrapWord
	rows := []fyne.CanvasObject{line}
	if p.Outcome == linkedin.OutcomeDenied && p.Denial == linkedin.DeniedNoProduct {
		// LinkedIn's address for the app's Products tab needs the app's
		// number, which TokenDesk does not know: the list of apps is one
		// click from it.
		b := widget.NewButtonWithIcon(lang.X("menu.help.portal", "Open the LinkedIn Developer Portal"), theme.ComputerIcon(), func() {
			if portal, err := url.Parse(DeveloperPortal); err == nil {
				_ = u.app.OpenURL(portal)
			}
		})
		rows = append(rows, container.NewHBox(b))
	}
	// The sign, centred on the line's first row of text.
	lineHeight := widget.NewLabel("X").MinSize().Height
	sign := container.NewGridWrap(fyne.NewSize(theme.IconInlineSize(), lineHeight), container.NewCenter(widget.NewIcon(icon)))
	return container.NewBorder(nil, nil, container.NewVBox(sign), nil, container.NewVBox(rows...))
}

// addID adds a line with an ID and its Copy button, which copies exactly
// value.
func (c *checksSection) addID(text, value string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.X("setup.redirect.copy", "Copy"), theme.ContentCopyIcon(), func() {
		c.ui.app.Clipboard().SetContent(value)
		c.ui.flash(b, lang.X("flash.copied", "Copied"))
	})
	c.copies = append(c.copies, b)
	c.copied = append(c.copied, value)
	c.ids.Add(container.NewBorder(nil, nil, nil, b, l))
}

// useServed makes the LinkedIn-Version LinkedIn serves the one the copied
// headers and commands carry.
func (c *checksSection) useServed() {
	u := c.ui
	if linkedin.ValidAPIVersion(c.served, u.deps.Now()) != nil {
		return
	}
	u.app.Preferences().SetString(apiVersionKey, c.served)
	c.useRow.Hide()
	c.version.SetText(lang.X("checks.version_used", "Copy as… now uses LinkedIn-Version {{.Version}}.", map[string]any{"Version": c.served}))
	c.version.Importance = widget.SuccessImportance
	c.version.Refresh()
}
