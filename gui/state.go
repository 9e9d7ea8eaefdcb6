package gui

import (
	"slices"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// state is what the window is about: the settings of the LinkedIn app in
// use and the token it got. The UI owns it, on the UI goroutine. Screens
// read it, never each other's widgets, and change it only through the
// setters below, which repaint what shows it: the form writes the settings
// as the person types (formChanged); everything else replaces them with
// setSettings, which refills the form. The token changes through setToken
// and learned, which repaint the connected screen.
type state struct {
	signIn    *oauthflow.Flow // the sign-in in progress for the connection shown; nil when none (setSignIn)
	switching bool            // another connection is being opened (setSwitching)
	problem   error           // the problem the form's banner shows; nil when none (setProblem)

	// version counts the changes of the token and settings shown: a read
	// of what is saved (follow) that began before one is out of date.
	version int
	// check counts the checks of the token shown begun or stopped
	// (checks.go): the answer of an older one is out of date.
	check int
	// checked is what the latest check found about the token shown
	// (checks.go): who the member is and the Pages they have a role on,
	// for Copy as…'s programs. nil until a check of that token answers;
	// setToken forgets it, so it is never another token's.
	checked *checkAnswer
	// tokenUnsaved: the token shown could not be saved (the sign-in got
	// it, the keychain refused it): it is the only copy, and what is saved
	// does not replace it on screen.
	tokenUnsaved bool

	connID   string             // the connection shown (store.Conn)
	settings oauthflow.Settings // the form's values, cleaned; the client secret included
	saved    oauthflow.Settings // what the form was filled with, or last saved: the form is edited when settings differ
	token    *store.SavedToken  // the token shown; nil when there is none
	listing  store.Listing      // every connection, for the connection bar
}

// here is the connection shown, in the store; nil when nothing can be
// saved this time.
func (u *UI) here() *store.Conn {
	if u.store == nil {
		return nil
	}
	return u.store.ConnSeen(u.state.connID, u.state.listing)
}

// setSettings replaces the settings (loaded, imported, forgotten) and
// refills the form.
func (u *UI) setSettings(set oauthflow.Settings) {
	u.state.version++
	u.state.settings = set
	u.state.saved = set
	u.setup.fill(u.state.settings)
}

// formEdited reports whether the person changed the form since it was
// filled or saved. Only then is it saved on its own (when the window
// closes or shows another connection): a form nobody touched must not put
// back what the command line saved meanwhile, nor make a connection that
// was deleted.
func (u *UI) formEdited() bool { return !sameSettings(u.state.settings, u.state.saved) }

// formSaved notes that set, the form as it was, is what the connection
// shown has saved now.
func (u *UI) formSaved(id string, set oauthflow.Settings) {
	if id == u.state.connID {
		u.state.saved = set
	}
}

func sameSettings(a, b oauthflow.Settings) bool {
	return a.ClientID == b.ClientID && a.ClientSecret == b.ClientSecret && a.RedirectURL == b.RedirectURL &&
		a.PKCE == b.PKCE && slices.Equal(a.Scopes, b.Scopes)
}

// formChanged is the form telling what the person typed: the form already
// shows it.
func (u *UI) formChanged(set oauthflow.Settings) { u.state.settings = set }

// setToken makes tok the token shown (nil: none) and repaints the connected
// screen. Which screen is in front is the caller's choice.
func (u *UI) setToken(tok *store.SavedToken) {
	u.state.version++
	u.stopCheck() // its answer is about the token shown until now
	u.state.checked = nil
	u.state.token = tok
	u.state.tokenUnsaved = false
	if tok != nil {
		u.connectedUI().present()
	} else if u.connected != nil {
		u.connected.forget()
	}
	u.setup.validate() // the warning about changed permissions depends on it
	u.bar.relist()     // the connection's state in the bar
}

// learned merges into the shown token what was learned about it, and
// repaints it. It reports false, changing nothing, when the token shown now
// is another (cleared or replaced while LinkedIn was being asked).
func (u *UI) learned(access string, merge func(*store.SavedToken)) bool {
	if !u.shows(access) {
		return false
	}
	merge(u.state.token)
	u.connected.repaint()
	return true
}

// checkAnswer is a check's answer about the token access.
type checkAnswer struct {
	access    string
	abilities linkedin.Abilities
}

// setChecked keeps what a check found about the token access, when it is
// still the one shown (a rejected token: nothing, it can do nothing).
func (u *UI) setChecked(access string, a linkedin.Abilities, rejected bool) {
	if !u.shows(access) {
		return
	}
	u.state.checked = nil
	if !rejected {
		u.state.checked = &checkAnswer{access: access, abilities: a}
	}
}

// checkedAbilities is what the latest check found about the token shown;
// ok is false when no check of it has answered.
func (u *UI) checkedAbilities() (a linkedin.Abilities, ok bool) {
	c := u.state.checked
	if c == nil || !u.shows(c.access) {
		return linkedin.Abilities{}, false
	}
	return c.abilities, true
}

// shows reports whether the token shown is access.
func (u *UI) shows(access string) bool {
	return u.state.token != nil && u.state.token.AccessToken == access
}

// setSignIn makes f the sign-in in progress (nil: none), and lets the
// connection bar be used only when there is none: a token goes to the
// connection it was asked for.
func (u *UI) setSignIn(f *oauthflow.Flow) {
	u.state.signIn = f
	u.bar.setEnabled(u.state.signIn == nil && !u.state.switching)
}

// setSwitching says another connection is being opened: the bar and
// Connect wait for it.
func (u *UI) setSwitching(on bool) {
	u.state.switching = on
	u.bar.setEnabled(u.state.signIn == nil && !u.state.switching)
}

// setProblem shows err in the form's banner (nil hides it).
func (u *UI) setProblem(err error) {
	u.state.problem = err
	if err == nil {
		u.setup.banner.hide()
		return
	}
	u.setup.banner.showError(err)
}
