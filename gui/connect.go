package gui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// One Connect, from the button to the token shown: the sign-in runs in
// package connection (the path tokendesk login takes too), off the UI
// goroutine; the waiting screen shows it.

// startConnect begins a sign-in for the connection shown: it starts the
// flow, opens the browser and waits for the result in the background. The
// settings and the token are saved together when it finishes, into the
// connection it was started for, whatever is shown by then.
func (u *UI) startConnect(set oauthflow.Settings) {
	if u.state.signIn != nil || u.state.switching {
		return // one sign-in at a time, for the connection shown
	}
	if u.deps.EndpointsError != nil {
		u.setProblem(u.deps.EndpointsError)
		return
	}
	si, err := connection.Begin(context.Background(), u.store, u.deps.Endpoints, store.Into{ID: u.state.connID, DefaultEpoch: u.state.listing.DefaultEpoch}, set,
		oauthflow.Config{Now: u.deps.Now, Page: words.BrowserPage})
	if err != nil {
		u.setProblem(err)
		return
	}
	u.setSignIn(si.Flow)
	u.waitingUI().start(si.Flow)
	u.waitingUI().help.start(si)
	u.show(u.waitingUI().content)
	u.openBrowser()
	u.waitFor(si, u.state.connID)
}

// reconnect is "Connect again" in one click, with the saved settings; the
// form opens instead when they need the person.
func (u *UI) reconnect() {
	if u.setup.validate() != nil {
		u.show(u.setup.content)
		u.setup.focusFirstEmpty()
		return
	}
	u.startConnect(u.state.settings)
}

// openBrowser opens the sign-in page; opening can take a moment (xdg-open),
// so it runs off the UI goroutine.
func (u *UI) openBrowser() {
	f := u.state.signIn
	if f == nil {
		return
	}
	u.background(0, func(context.Context) error { return u.deps.OpenURL(f.AuthURL()) }, func(err error) {
		if err != nil && u.state.signIn == f {
			u.waitingUI().browserFailed(f.AuthURL())
		}
	})
}

// waitFor waits for the sign-in begun for the connection id to finish
// (saved, or not), and shows the result.
func (u *UI) waitFor(si *connection.SignIn, id string) {
	var got connection.SignedIn
	u.saving.Add(1) // a token that arrives is saved even if the window closes meanwhile
	u.background(0, func(ctx context.Context) (err error) {
		defer u.saving.Done()
		got, err = si.Finish(ctx)
		return err
	}, func(err error) {
		if u.state.signIn != si.Flow {
			return // cancelled, or the window closed: nothing to show
		}
		u.setSignIn(nil)
		u.waitingUI().stop()
		var notSaved *connection.NotSavedError
		switch {
		case errors.As(err, &notSaved):
			got.Token = notSaved.Token
		case err != nil:
			if !errors.Is(err, oauthflow.ErrCancelled) {
				u.setProblem(err)
			}
			u.show(u.setup.content)
			return
		}
		if id == u.state.connID && notSaved == nil { // saved, and still the one shown (a switch waits for the sign-in)
			u.formSaved(id, si.Settings())
		}
		u.setToken(&got.Token)
		u.state.tokenUnsaved = notSaved != nil // the only copy: following what is saved keeps it shown
		u.show(u.connected.content)
		u.checkToken(true) // what the new token can do, and the IDs
		if notSaved != nil {
			u.showProblem(lang.X("connect.not_saved", "Your token could not be saved"), notSaved.Err)
		} else {
			u.refreshList() // the connection may be new, and its state has changed
		}
	})
}

// cancelFlow stops the sign-in and goes back to the form, fields intact.
// The port is free when it returns.
func (u *UI) cancelFlow() {
	f := u.state.signIn
	if f == nil {
		return
	}
	u.setSignIn(nil)
	f.Close()
	u.waitingUI().stop()
	u.show(u.setup.content)
}
