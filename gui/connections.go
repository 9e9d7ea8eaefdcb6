package gui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// The connections: one per LinkedIn app and member. The bar above the
// screens picks the one shown, most urgent first, and offers New; the
// Connection menu renames, duplicates and deletes. Every change goes to the
// store off the UI goroutine, then the window shows what the store says.

var errNoStore = errors.New("TokenDesk could not open its settings this time")

// connectionMenu is what can be done with the connection shown.
func (u *UI) connectionMenu() *fyne.Menu {
	return fyne.NewMenu(lang.X("menu.connection", "Connection"),
		fyne.NewMenuItem(lang.X("menu.connection.new", "New connection…"), u.askNewConnection),
		fyne.NewMenuItem(lang.X("menu.connection.rename", "Rename…"), u.askRename),
		fyne.NewMenuItem(lang.X("menu.connection.duplicate", "Duplicate for another member…"), u.askDuplicate),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.connection.delete", "Delete…"), u.confirmDelete),
	)
}

// switchTo shows the connection id, keeping first what was typed in the
// one shown.
func (u *UI) switchTo(id string) { u.open(id, true, nil) }

// open shows the connection id ("": the one in use), once it is the one
// in use; keepShown saves first what was typed in the one shown. With no
// connection left, the form is the default one's, saved when filled in.
// then, if any, runs once it is shown. While it loads, the window is the
// form, waiting: nothing on the screen of the connection it leaves (a
// Reconnect, a Clear) can act on the one it opens.
func (u *UI) open(id string, keepShown bool, then func()) {
	st := u.store
	if u.state.signIn != nil || u.state.switching || st == nil {
		u.bar.relist()
		return
	}
	keepShown = keepShown && u.state.connID != id && u.formEdited()
	old, base, set := u.here(), u.state.saved, u.state.settings
	var l store.Listing
	var saved store.Saved
	var loadErr error
	u.setSwitching(true)
	u.setup.setLoading(true)
	u.show(u.setup.content)
	u.background(store.DefaultTimeout, func(ctx context.Context) (err error) {
		if keepShown {
			_ = old.SaveEdits(ctx, base, set) // only over what the form showed; a deleted connection keeps nothing
		}
		if l, err = st.List(ctx); err != nil {
			return err
		}
		if c, ok := l.Find(id); ok {
			id = c.ID
		} else {
			id = currentOf(l)
		}
		if _, ok := l.Find(id); ok && l.Current != id {
			if err := st.SetCurrent(ctx, id); err != nil {
				return err
			}
			l.Current = id
		}
		saved, loadErr = st.ConnSeen(id, l).Load(ctx)
		return nil
	}, func(err error) {
		u.setSwitching(false)
		u.setup.setLoading(false)
		if err != nil {
			u.bar.relist()
			u.showProblem(lang.X("connections.open_failed", "TokenDesk could not open that connection"), err)
			return
		}
		u.state.listing = l
		u.present(id, saved, loadErr)
		if then != nil {
			then()
		}
	})
}

// askName asks for a connection's name, with name filled in; done gets it.
func (u *UI) askName(title, confirm, name string, done func(string)) {
	u.askOne(title, confirm, lang.X("connections.name", "Name"), name, "", func(s string) error {
		if strings.TrimSpace(s) == "" {
			msg, _, _ := words.Explain(&store.Error{Reason: store.ReasonNameEmpty}) // the store's rule, in its words
			return errors.New(msg)
		}
		return nil
	}, done)
}

// askOne is a dialog that asks for one value, with a note above it when
// note is not empty: Enter (in the field or not) takes it once valid,
// Escape cancels; done gets it, trimmed.
func (u *UI) askOne(title, confirm, label, value, note string, valid func(string) error, done func(string)) {
	entry := newEscEntry(nil)
	entry.SetText(value)
	entry.Validator = valid
	var items []*widget.FormItem
	if note != "" {
		l := widget.NewLabel(note)
		l.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("", l))
	}
	items = append(items, widget.NewFormItem(label, entry))
	d := dialog.NewForm(title, confirm, lang.X("dialog.cancel", "Cancel"), items, func(ok bool) {
		if ok {
			done(strings.TrimSpace(entry.Text))
		}
	}, u.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	entry.onEscape = d.Hide
	d.Resize(fyne.NewSize(460, 0))
	u.showDialog(d, d.Submit)
	u.win.Canvas().Focus(entry)
}

func (u *UI) askNewConnection() {
	u.askName(lang.X("connections.new.title", "New connection"), lang.X("connections.new.confirm", "Add"), u.freeName(lang.X("connections.default_name", "My LinkedIn app")), func(name string) {
		set := oauthflow.Settings{RedirectURL: oauthflow.DefaultRedirectURL, Scopes: oauthflow.DefaultScopes}
		u.changeConnections(lang.X("connections.new.failed", "The connection could not be added"), true, func(ctx context.Context, st *store.Store) (string, error) {
			return st.Add(ctx, name, set)
		})
	})
}

func (u *UI) askRename() {
	cur, ok := u.state.listing.Find(u.state.connID)
	if !ok {
		u.showMessage(lang.X("connections.rename.nothing", "Nothing to rename yet"), lang.X("connections.not_saved_yet", "This connection is saved once you fill in the form or press Connect."), "", "")
		return
	}
	u.askName(lang.X("connections.rename.title", "Rename connection"), lang.X("connections.rename.confirm", "Rename"), cur.Name, func(name string) {
		u.changeConnections(lang.X("connections.rename.failed", "The connection could not be renamed"), false, func(ctx context.Context, st *store.Store) (string, error) {
			return cur.ID, st.Rename(ctx, cur.ID, name)
		})
	})
}

func (u *UI) askDuplicate() {
	cur, ok := u.state.listing.Find(u.state.connID)
	if !ok {
		u.showMessage(lang.X("connections.duplicate.nothing", "Nothing to duplicate yet"), lang.X("connections.not_saved_yet", "This connection is saved once you fill in the form or press Connect."), "", "")
		return
	}
	u.askName(lang.X("connections.duplicate.title", "Duplicate for another member"), lang.X("connections.duplicate.confirm", "Duplicate"), u.freeName(cur.Name+" (2)"), func(name string) {
		set, base, edited, listing := u.state.settings, u.state.saved, u.formEdited(), u.state.listing
		u.changeConnections(lang.X("connections.duplicate.failed", "The connection could not be duplicated"), false, func(ctx context.Context, st *store.Store) (string, error) {
			if edited { // the copy takes what the form shows
				if err := st.ConnSeen(cur.ID, listing).SaveEdits(ctx, base, set); err != nil {
					return "", err
				}
			}
			return st.Duplicate(ctx, cur.ID, name)
		})
	})
}

func (u *UI) confirmDelete() {
	cur, ok := u.state.listing.Find(u.state.connID)
	if !ok {
		return
	}
	d := dialog.NewConfirm(lang.X("connections.delete.title", "Delete “{{.Name}}”?", map[string]any{"Name": cur.Name}),
		lang.X("connections.delete.text", "TokenDesk will remove this connection's settings, client secret and token from this computer. LinkedIn is not told: a token you copied somewhere keeps working until it expires. To stop it, remove the app's access in your LinkedIn settings (Settings, Data privacy, Permitted services)."),
		func(ok bool) {
			if ok {
				u.changeConnections(lang.X("connections.delete.failed", "The connection could not be deleted"), false, func(ctx context.Context, st *store.Store) (string, error) {
					return "", st.Delete(ctx, cur.ID) // "": then the one in use
				})
			}
		}, u.win)
	d.SetConfirmText(lang.X("connections.delete.confirm", "Delete"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(lang.X("dialog.keep_it", "Keep it"))
	u.showDialog(d, nil) // Enter keeps it: a stray key must not delete
}

// changeConnections runs change on the store, then shows the connection
// it names: the one shown (renamed) stays, another is opened, keeping what
// was typed in the one shown when keepShown.
func (u *UI) changeConnections(what string, keepShown bool, change func(context.Context, *store.Store) (string, error)) {
	st := u.store
	if st == nil {
		u.showProblem(what, errNoStore)
		return
	}
	if u.state.signIn != nil {
		return
	}
	var id string
	u.background(store.DefaultTimeout, func(ctx context.Context) (err error) {
		id, err = change(ctx, st)
		return err
	}, func(err error) {
		switch {
		case err != nil:
			u.showProblem(what, err)
		case id == u.state.connID:
			u.refreshList()
		default:
			u.open(id, keepShown, nil)
		}
	})
}

// refreshList reads the list again, for the bar.
func (u *UI) refreshList() {
	st := u.store
	var l store.Listing
	u.background(store.DefaultTimeout, func(ctx context.Context) (err error) {
		l, err = st.List(ctx)
		return err
	}, func(err error) {
		if err == nil {
			u.state.listing = l
			u.bar.relist()
		}
	})
}

// freeName is name, or name with a number, so that no connection has it
// (store.Listing.FreeName, the rule the store applies).
func (u *UI) freeName(name string) string {
	return u.state.listing.FreeName(name, lang.X("connections.default_name", "My LinkedIn app"))
}

// shownIsEmpty reports whether the connection shown has nothing in it yet.
func (u *UI) shownIsEmpty() bool {
	set := u.state.settings
	return u.state.token == nil && set.ClientID == "" && set.ClientSecret == ""
}
