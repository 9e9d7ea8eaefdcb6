package gui

import (
	"context"
	"slices"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// The window follows what is saved: tokendesk login, or another TokenDesk,
// may save a newer token, clear it or change the list while the window is
// open. The store's Watch says when the settings file changed (and the
// window reads again whenever it comes to the front, in case watching is
// not possible); follow then reads the list and the connection shown, and
// shows what changed. Every change the window makes is conditional on
// what it showed (ClearToken, ReplaceToken, UpdateTokenInfo), so one that
// raced a change made elsewhere saves nothing and follow shows the newer.

// watch starts following the store's changes, until the window closes.
func (u *UI) watch(st *store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	u.stopWatching = cancel
	_ = st.Watch(ctx, func() { u.do(u.follow) }) // without it, coming to the front reads again
}

// follow reads again what is saved and shows what changed elsewhere. It
// waits for the window's own work in flight (a sign-in, a Clear, a renewal,
// a change of connection): that work shows its own result, then follow
// runs.
func (u *UI) follow() {
	st := u.store
	if st == nil {
		return
	}
	if u.state.signIn != nil || u.state.switching || u.inFlight > 0 || u.reading {
		u.followAgain = true
		return
	}
	u.followAgain = false
	u.reading = true
	id, version := u.state.connID, u.state.version
	var l store.Listing
	var saved store.Saved
	var loadErr error
	u.background(store.DefaultTimeout, func(ctx context.Context) (err error) {
		if l, err = st.List(ctx); err == nil {
			saved, loadErr = st.ConnSeen(id, l).Load(ctx)
		}
		return err
	}, func(err error) {
		u.reading = false
		switch {
		case u.state.version != version:
			u.followAgain = true // the window changed what it shows meanwhile: this read is out of date
		case err == nil:
			u.followed(id, l, saved, loadErr)
		}
		if u.followAgain {
			u.follow()
		}
	})
}

// followed shows what follow read of the connection id, when it is still
// the one shown and the window is not busy with it.
func (u *UI) followed(id string, l store.Listing, saved store.Saved, loadErr error) {
	u.state.listing = l
	u.bar.relist()
	if id != u.state.connID || u.state.signIn != nil || u.state.switching || u.inFlight > 0 {
		u.followAgain = true // read again once the window is done
		return
	}
	if _, listed := l.Find(id); !listed && (id != store.DefaultConnection || len(l.Connections) > 0 && l.DefaultDeleted) {
		u.open("", false, nil) // deleted elsewhere: show the one in use
		return
	}
	if loadErr != nil || u.state.tokenUnsaved {
		// Unreadable now (a locked keychain), or the token shown is the
		// only copy of one that could not be saved: keep what is shown.
		return
	}
	shown := u.state.token
	switch {
	case saved.Token == nil && shown != nil: // cleared elsewhere
		u.setToken(nil)
		u.show(u.setup.content)
	case saved.Token != nil && (shown == nil || shown.AccessToken != saved.Token.AccessToken): // a newer token
		u.setToken(saved.Token)
		u.show(u.connected.content)
	case saved.Token != nil && learnedElsewhere(*shown, *saved.Token):
		t := *saved.Token
		u.learned(t.AccessToken, func(st *store.SavedToken) { *st = t })
	}
	if form := formOf(saved.Settings); !u.formEdited() && !sameSettings(form, u.state.saved) {
		u.setSettings(form) // the form nobody touched shows what was saved
	}
}

// formOf is what the form shows for saved settings: the defaults where a
// new connection has nothing yet.
func formOf(set oauthflow.Settings) oauthflow.Settings {
	if set.RedirectURL == "" && set.ClientID == "" {
		set.RedirectURL = oauthflow.DefaultRedirectURL
	}
	if len(set.Scopes) == 0 {
		set.Scopes = oauthflow.DefaultScopes
	}
	return set
}

// learnedElsewhere reports whether what is saved of the token shown (its
// member, expiry or permissions) is news to the window.
func learnedElsewhere(shown, saved store.SavedToken) bool {
	return shown.Account != saved.Account || !shown.ExpiresAt.Equal(saved.ExpiresAt) || !slices.Equal(shown.Scopes, saved.Scopes)
}
