package gui

import (
	"context"
	"errors"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// One Connect, from the button to the token shown: the flow runs in
// package oauthflow, off the UI goroutine; the waiting screen shows it.

// startConnect begins a sign-in: it starts the flow, opens the browser and
// waits for the result in the background.
func (u *UI) startConnect(set oauthflow.Settings) {
	if u.flow != nil || u.switching {
		return // one sign-in at a time, for the connection shown
	}
	if u.deps.EndpointsError != nil {
		u.setup.banner.showError(u.deps.EndpointsError)
		u.changed("error")
		return
	}
	f, err := oauthflow.Begin(context.Background(), oauthflow.Config{Settings: set, Endpoint: u.deps.Endpoints.Flow(), Now: u.deps.Now})
	if err != nil {
		u.setup.banner.showError(err)
		u.changed("error")
		return
	}
	u.flow = f
	u.waitingUI().start(f)
	u.show(u.waitingUI().content)
	formSaved := make(chan struct{})
	c := u.here() // the token goes to the connection it was asked for
	go func() {   // remember the form, whatever happens next
		defer close(formSaved)
		if c == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), store.DefaultTimeout)
		defer cancel()
		if err := c.SaveSettings(ctx, set); err != nil {
			u.do(func() { u.showProblem("Your settings could not be saved", err) })
		} else {
			u.do(func() { u.formSaved(c.ID(), set) })
		}
	}()
	u.openBrowser()
	go u.waitFor(f, c, formSaved)
	u.changed("waiting")
}

// reconnect is "Connect again" in one click, with the saved settings; the
// form opens instead when they need the person.
func (u *UI) reconnect() {
	if u.setup.validate() != nil {
		u.show(u.setup.content)
		u.setup.focusFirstEmpty()
		u.changed("setup")
		return
	}
	u.startConnect(u.state.settings)
}

// openBrowser opens the sign-in page; opening can take a moment (xdg-open),
// so it runs off the UI goroutine.
func (u *UI) openBrowser() {
	f := u.flow
	if f == nil {
		return
	}
	go func() {
		if err := u.deps.OpenURL(f.AuthURL()); err != nil {
			u.do(func() {
				if u.flow == f {
					u.waitingUI().browserFailed(f.AuthURL())
					u.changed("browser-failed")
				}
			})
		}
	}()
}

// waitFor waits for the flow's end, saves the token after the form it was
// got with (formSaved closes when that is saved), and shows the result.
func (u *UI) waitFor(f *oauthflow.Flow, c *store.Conn, formSaved <-chan struct{}) {
	tok, err := f.Wait(context.Background())
	err = linkedin.NameTheProduct(err) // a refused permission: which product grants it
	<-formSaved
	var saveErr error
	if err == nil && c != nil {
		ctx, cancel := context.WithTimeout(context.Background(), store.DefaultTimeout)
		saveErr = c.SaveToken(ctx, tok, "")
		cancel()
	}
	u.do(func() {
		if u.flow != f {
			return // cancelled, or the window closed: nothing to show
		}
		u.flow = nil
		u.waitingUI().stop()
		if err != nil {
			if !errors.Is(err, oauthflow.ErrCancelled) {
				u.setup.banner.showError(err)
			}
			u.show(u.setup.content)
			u.changed("error")
			return
		}
		u.setToken(&store.SavedToken{Token: tok})
		u.show(u.connected.content)
		if saveErr != nil {
			u.showProblem("Your token could not be saved", saveErr)
		} else if c != nil {
			u.refreshList() // the connection may be new, and its state has changed
		}
		u.changed("connected")
	})
}

// cancelFlow stops the sign-in and goes back to the form, fields intact.
// The port is free when it returns.
func (u *UI) cancelFlow() {
	f := u.flow
	if f == nil {
		return
	}
	u.flow = nil
	f.Close()
	u.waitingUI().stop()
	u.show(u.setup.content)
	u.changed("cancelled")
}
