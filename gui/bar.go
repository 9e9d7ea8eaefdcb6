package gui

import (
	"cmp"
	"github.com/tokendesk/tokendesk/connection"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// The bar above the screens: which connection is shown, every connection's
// state at a glance, most urgent first, and New.

// connectionBar is the row above the screens.
type connectionBar struct {
	ui       *UI
	pick     *widget.Select
	add      *widget.Button
	more     *widget.Button
	urgent   *widget.Button // another connection's token needs attention
	ids      []string       // pick's options' connection IDs, in its order
	urgentID string
	filling  bool

	content fyne.CanvasObject
}

func newConnectionBar(u *UI) *connectionBar {
	b := &connectionBar{ui: u}
	b.pick = widget.NewSelect(nil, func(string) {
		if !b.filling && b.pick.SelectedIndex() >= 0 {
			u.switchTo(b.ids[b.pick.SelectedIndex()])
		}
	})
	b.pick.PlaceHolder = lang.X("bar.none", "No connection yet")
	b.add = widget.NewButtonWithIcon(lang.X("bar.new", "New"), theme.ContentAddIcon(), u.askNewConnection)
	b.more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
		widget.ShowPopUpMenuAtRelativePosition(u.connectionMenu(), u.win.Canvas(), fyne.NewPos(0, b.more.Size().Height), b.more)
	})
	b.urgent = widget.NewButtonWithIcon("", theme.WarningIcon(), func() { u.switchTo(b.urgentID) })
	b.urgent.Importance = widget.WarningImportance
	b.urgent.Hide()
	row := container.NewBorder(nil, nil, widget.NewLabel(lang.X("menu.connection", "Connection")), container.NewHBox(b.add, b.more), b.pick)
	b.content = container.NewVBox(container.NewPadded(row), b.urgent, widget.NewSeparator())
	return b
}

// relist repaints the bar from the state: the list, most urgent first,
// with the connection shown picked, and a button to the most urgent other
// one when its token needs attention.
func (b *connectionBar) relist() {
	u := b.ui
	now := u.deps.Now()
	conns := urgentFirst(u.state.listing.Connections, now)
	b.ids, b.urgentID = b.ids[:0], ""
	options := make([]string, 0, len(conns))
	selected := -1
	for _, c := range conns {
		if c.ID == u.state.connID {
			c.Token = u.shownFacts(c.Token)
			selected = len(options)
		}
		options = append(options, c.Name+" — "+connectionState(c, now))
		b.ids = append(b.ids, c.ID)
		if r := urgency(c, now); c.ID != u.state.connID && b.urgentID == "" && r <= rankExpiring && !connection.RenewsItself(*c.Token, now) {
			b.urgentID = c.ID
			b.urgent.SetText(lang.X("bar.urgent", "{{.Name}}: {{.State}}. Show it", map[string]any{"Name": c.Name, "State": connectionState(c, now)}))
		}
	}
	b.filling = true
	b.pick.SetOptions(options)
	if selected >= 0 {
		b.pick.SetSelectedIndex(selected)
	} else {
		b.pick.ClearSelected()
	}
	b.filling = false
	if b.urgentID != "" {
		b.urgent.Show()
	} else {
		b.urgent.Hide()
	}
}

// setEnabled turns the bar off while signing in: the token must go to the
// connection it was asked for.
func (b *connectionBar) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{b.pick, b.add, b.more, b.urgent} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// shownFacts is what the window knows of the token shown, which may be
// newer than the list (a Connect, a check): the list is read at start and
// after each change of connection.
func (u *UI) shownFacts(listed *store.TokenFacts) *store.TokenFacts {
	t := u.state.token
	if t == nil {
		return nil
	}
	f := &store.TokenFacts{ExpiresAt: t.ExpiresAt, RefreshExpiresAt: t.RefreshTokenExpiresAt, ObtainedAt: t.ObtainedAt, Scopes: t.Scopes, Account: t.Account}
	if f.Account == "" && listed != nil {
		f.Account = listed.Account
	}
	return f
}

// How urgent a connection is, most urgent first.
const (
	rankExpired = iota
	rankExpiring
	rankValid
	rankUnknown
	rankNotConnected
)

func urgency(c store.Listed, now time.Time) int {
	if c.Token == nil {
		return rankNotConnected
	}
	switch connection.ExpiryOf(c.Token.ExpiresAt, now) {
	case connection.ExpiryUnknown:
		return rankUnknown
	case connection.ExpiryExpired:
		return rankExpired
	case connection.ExpiryExpiring:
		return rankExpiring
	}
	return rankValid
}

// urgentFirst orders connections by urgency, then by expiry; otherwise as
// they were made.
func urgentFirst(conns []store.Listed, now time.Time) []store.Listed {
	out := slices.Clone(conns)
	slices.SortStableFunc(out, func(a, b store.Listed) int {
		if c := cmp.Compare(urgency(a, now), urgency(b, now)); c != 0 {
			return c
		}
		if a.Token != nil && b.Token != nil {
			return a.Token.ExpiresAt.Compare(b.Token.ExpiresAt)
		}
		return 0
	})
	return out
}

// soonestExpiry is the connection whose token expires first (expired ones
// included), if any token's expiry is known; tokens TokenDesk renews by
// itself do not count.
func soonestExpiry(l store.Listing, now time.Time) (store.Listed, bool) {
	var best store.Listed
	found := false
	for _, c := range l.Connections {
		if c.Token == nil || c.Token.ExpiresAt.IsZero() || connection.RenewsItself(*c.Token, now) {
			continue
		}
		if !found || c.Token.ExpiresAt.Before(best.Token.ExpiresAt) {
			best, found = c, true
		}
	}
	return best, found
}

// connectionState says a connection's state in a few words: "Ada Lovelace,
// 40 days left", "expired", "not connected".
func connectionState(c store.Listed, now time.Time) string {
	t := c.Token
	if t == nil {
		return lang.X("bar.state.not_connected", "not connected")
	}
	who := lang.X("bar.state.connected", "connected")
	if t.Account != "" {
		who = t.Account
	}
	switch urgency(c, now) {
	case rankUnknown:
		return lang.X("bar.state.expiry_unknown", "{{.Who}}, expiry not known", map[string]any{"Who": who})
	case rankExpired:
		return lang.X("bar.state.expired", "{{.Who}}, expired", map[string]any{"Who": who})
	}
	return lang.X("bar.state.left", "{{.Who}}, {{.Left}}", map[string]any{"Who": who, "Left": words.Left(now, t.ExpiresAt)})
}
