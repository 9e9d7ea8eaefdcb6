package gui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// What the window shows at start and when it changes connection: the
// store's list, the connection in use with its settings and token.

// load opens the store and fills the window from it, off the UI goroutine:
// the connection in use, and the list of all.
func (u *UI) load() {
	var s *store.Store
	var notices []store.Notice
	var listing store.Listing
	var saved store.Saved
	var loadErr error
	// No timeout: opening may wait for the keychain's unlock prompt, which
	// the store bounds itself.
	u.background(0, func(ctx context.Context) (err error) {
		if s, notices, err = u.deps.OpenStore(ctx); err != nil {
			return err
		}
		if listing, err = s.List(ctx); err == nil {
			saved, loadErr = s.ConnSeen(currentOf(listing), listing).Load(ctx)
		}
		return err
	}, func(err error) {
		u.setup.setLoading(false)
		if err != nil {
			u.showProblem(lang.X("load.no_store", "TokenDesk cannot remember anything this time"), err)
			u.setSettings(oauthflow.Settings{RedirectURL: oauthflow.DefaultRedirectURL, Scopes: oauthflow.DefaultScopes})
			return
		}
		u.store = s
		u.watch(s)
		u.barSlot.Objects = []fyne.CanvasObject{u.bar.content}
		u.root.Refresh() // laid out again with the bar
		for _, n := range notices {
			u.showNotice(n)
		}
		u.state.listing = listing
		u.present(currentOf(listing), saved, loadErr)
		if u.deps.EndpointsError != nil {
			u.setProblem(u.deps.EndpointsError)
		}
		u.notifyIfExpiring(listing)
	})
}

// currentOf is the connection to show: the one in use, or the default one
// while there is none.
func currentOf(l store.Listing) string {
	if l.Current != "" {
		return l.Current
	}
	return store.DefaultConnection
}

// present makes id the connection shown, with what was loaded of it.
func (u *UI) present(id string, saved store.Saved, loadErr error) {
	u.state.connID = id
	u.conn = connection.New(u.store.ConnSeen(id, u.state.listing), u.deps.Endpoints, u.deps.Now)
	u.setToken(nil)
	u.setSettings(formOf(saved.Settings))
	u.setup.untouch()
	u.setProblem(nil) // the problem was the other connection's
	u.show(u.setup.content)
	u.bar.relist()
	u.showSaved(saved, loadErr)
}

// showSaved shows what Load found: the saved token, or why the keychain
// could not be read, with Retry. Then the client secret and the token are
// unknown, not gone: the form's secret stays empty, and saving the form
// keeps the saved secret (store.SaveSettings).
func (u *UI) showSaved(saved store.Saved, err error) {
	if errors.Is(err, store.ErrUnreadable) {
		u.setup.unreadable(err, u.retryLoad)
		u.setup.focusFirstEmpty()
		return
	}
	if err != nil {
		u.showProblem(lang.X("load.unreadable", "TokenDesk could not read your saved token"), err)
	}
	if saved.Token == nil {
		u.setup.focusFirstEmpty()
		return
	}
	u.setToken(saved.Token)
	u.show(u.connected.content)
	if connection.RenewNow(*saved.Token, u.deps.Now()) {
		u.renewNow(true) // under 7 days left: renew without asking
	} else {
		u.checkToken(true)
	}
}

// retryLoad reads the keychain again, after the person unlocked it. What
// they typed meanwhile stays; the saved secret fills the field only if it
// is still empty.
func (u *UI) retryLoad() {
	st := u.store
	if st == nil {
		return
	}
	u.setProblem(nil)
	var saved store.Saved
	c := st.ConnSeen(u.state.connID, u.state.listing)
	u.background(store.DefaultTimeout, func(ctx context.Context) error {
		var err error
		saved, err = c.Load(ctx)
		return err
	}, func(err error) {
		if c.ID() != u.state.connID {
			return // another connection is shown now
		}
		if err == nil {
			u.setup.fillSecret(saved.Settings.ClientSecret)
			if u.state.saved.ClientSecret == "" {
				u.state.saved.ClientSecret = saved.Settings.ClientSecret
			}
		}
		if u.state.signIn == nil && u.state.token == nil {
			u.showSaved(saved, err)
		}
	})
}

// notifyIfExpiring sends a desktop notification at start when a saved
// token, the soonest to expire of all connections, has less than 7 days
// left, so the person hears of it even with the window behind others.
func (u *UI) notifyIfExpiring(l store.Listing) {
	c, ok := soonestExpiry(l, u.deps.Now())
	if !ok || connection.ExpiryOf(c.Token.ExpiresAt, u.deps.Now()) == connection.ExpiryValid {
		return
	}
	expired, several := !u.deps.Now().Before(c.Token.ExpiresAt), len(l.Connections) > 1
	title := lang.X("load.notify.expiring", "Your LinkedIn token expires soon")
	switch {
	case expired && several:
		title = lang.X("load.notify.one_expired", "A LinkedIn token has expired")
	case expired:
		title = lang.X("load.notify.expired", "Your LinkedIn token has expired")
	case several:
		title = lang.X("load.notify.one_expiring", "A LinkedIn token expires soon")
	}
	data := map[string]any{"Expiry": words.Expiry(u.deps.Now(), c.Token.ExpiresAt), "Name": c.Name}
	body := lang.X("load.notify.body", "{{.Expiry}} Open TokenDesk and press Reconnect now.", data)
	if several {
		body = lang.X("load.notify.body_named", "{{.Name}}: {{.Expiry}} Open TokenDesk and press Reconnect now.", data)
	}
	u.app.SendNotification(fyne.NewNotification(title, body))
}
