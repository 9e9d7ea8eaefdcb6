package gui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// keyedDialog is a dialog that answers the keyboard: Enter takes its
// default action, Escape cancels it. Fyne's dialogs leave keys to the
// window, and keys typed while a dialog is up (with nothing in it focused)
// reach the window's canvas, where typedKey sends them here.
type keyedDialog struct {
	d     dialog.Dialog
	enter func()
}

// showDialog shows d, answering Enter with enter and Escape with closing
// it, which a confirmation takes as "no". enter nil closes it too: the
// default of a dialog with one button, and of a confirmation that deletes
// or exposes something, where only a click may say yes.
func (u *UI) showDialog(d dialog.Dialog, enter func()) {
	if enter == nil {
		enter = d.Hide
	}
	k := &keyedDialog{d: d, enter: enter}
	u.dialogs = append(u.dialogs, k)
	d.SetOnClosed(func() {
		u.dialogs = slices.DeleteFunc(u.dialogs, func(x *keyedDialog) bool { return x == k })
	})
	d.Show()
}

// dialogKey answers a key for the dialog on top, if there is one.
func (u *UI) dialogKey(ev *fyne.KeyEvent) bool {
	if len(u.dialogs) == 0 {
		return false
	}
	top := u.dialogs[len(u.dialogs)-1]
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		top.enter()
	case fyne.KeyEscape:
		top.d.Hide()
	}
	return true
}

// escEntry is an entry that gives Escape to its owner: a focused entry
// gets every key before the window does, and Fyne's entry ignores Escape,
// so without this Escape would do nothing while the cursor is in a field.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry(onEscape func()) *escEntry {
	e := &escEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
