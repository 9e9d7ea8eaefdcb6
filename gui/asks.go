package gui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// What the window asks about the token shown: each starts the work (in
// package connection) off the UI goroutine and paints the answer, if the
// token it asked about is still the one shown.

// connectAgain is how to get a new token, in the connected screen's words.
func connectAgain() string {
	return lang.X("asks.connect_again", "Press Connect again to get a new token: while you are signed in to LinkedIn, it takes one click.")
}

// hintHere is err's words with the connected screen's step: again is the
// button that asks again ("": none), and a new token comes from Connect.
func hintHere(err error, again string) string {
	msg, hint, _ := words.Explain(err)
	next := words.NextStep(err)
	then := step(next, again)
	if next == words.NextSignIn {
		then = connectAgain()
	}
	return withStep(withStep(msg, hint), then)
}

// renewNow trades the refresh token for a new access token, which the
// connection saves in place of the old one; on failure the old token
// stays, and the screen says why.
func (u *UI) renewNow(auto bool) {
	s, old, set := u.connectedUI(), *u.state.token, u.state.settings
	s.renew.Disable()
	s.say(s.checked, lang.X("asks.renew.renewing", "Renewing…"), widget.MediumImportance, false)
	var renewed store.SavedToken
	conn := u.conn
	u.background(time.Minute, func(ctx context.Context) (err error) {
		renewed, err = conn.Renew(ctx, set, old)
		return err
	}, func(err error) { u.showRenewed(auto, old.AccessToken, renewed, err) })
}

func (u *UI) showRenewed(auto bool, old string, renewed store.SavedToken, err error) {
	s := u.connected
	s.renew.Enable()
	if !u.shows(old) {
		return // cleared or replaced meanwhile: nothing to show
	}
	if err != nil {
		s.say(s.checked, hintHere(err, lang.X("connected.renew", "Renew now")), widget.MediumImportance, false) // its hint says the current token is kept
		return
	}
	u.setToken(&renewed)
	data := map[string]any{"Expiry": words.Expiry(u.deps.Now(), renewed.ExpiresAt)}
	text := lang.X("asks.renew.done", "Renewed: a new token, {{.Expiry}}", data)
	if auto {
		text = lang.X("asks.renew.done_auto", "Renewed automatically, as the old token had less than 7 days left: {{.Expiry}}", data)
	}
	s.say(s.checked, text, widget.SuccessImportance, false)
}

// lookUpMember asks LinkedIn's userinfo who the token belongs to, when the
// token's permissions allow it, and says which permission would otherwise.
func (u *UI) lookUpMember() {
	s, tok := u.connected, *u.state.token
	if missing := linkedin.MissingForWho(tok.Scopes); len(tok.Scopes) > 0 && len(missing) > 0 {
		s.say(s.who, lang.X("asks.who.missing", "To see who is connected here, the token needs the {{.Scopes}} permission: tick \"Sign In with OpenID Connect\" (and add that product to your LinkedIn app), then press Connect again.",
			map[string]any{"Scopes": strings.Join(missing, lang.X("asks.who.and", " and "))}), widget.MediumImportance, false)
		return
	}
	s.say(s.who, lang.X("asks.who.asking", "Asking LinkedIn who is connected…"), widget.LowImportance, false)
	var m connection.Member
	conn := u.conn
	u.background(30*time.Second, func(ctx context.Context) (err error) {
		m, err = conn.WhoIs(ctx, tok)
		return err
	}, func(err error) { u.showMember(tok.AccessToken, m, err) })
}

func (u *UI) showMember(access string, m connection.Member, err error) {
	s := u.connected
	if !u.shows(access) {
		return // another token is shown now
	}
	if err != nil {
		rejected := errors.Is(err, oauthflow.ErrTokenRejected)
		if rejected && s.rejected != "" {
			s.who.Hide() // the rejected banner says it already
			return
		}
		s.say(s.who, hintHere(err, ""), widget.MediumImportance, rejected)
		return
	}
	s.who.Hide()
	u.learned(access, func(t *store.SavedToken) { t.Account, t.MemberID = m.Name, m.ID })
	s.showWho(m.Name, m.Email)
	s.showPicture(m.Picture)
}

func (u *UI) confirmClear() {
	d := dialog.NewConfirm(lang.X("asks.clear.title", "Clear the token?"),
		lang.X("asks.clear.text", "TokenDesk will forget this token, here and in your keychain. Programs you already gave it to can still use it until it expires: to stop them, remove TokenDesk's access in your LinkedIn settings (Settings, Data privacy, Permitted services)."),
		func(ok bool) {
			if ok {
				u.clearNow()
			}
		}, u.win)
	d.SetConfirmText(lang.X("connected.clear", "Clear"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(lang.X("dialog.keep_it", "Keep it"))
	u.showDialog(d, nil) // Enter keeps it: a stray key must not delete
}

// clearNow forgets the token shown: in the store (only if it is still the
// saved one: a token saved meanwhile from the command line is not cleared
// unseen), on screen, and in the clipboard if the clipboard still holds it.
func (u *UI) clearNow() {
	token := u.state.token.AccessToken
	conn := u.conn
	u.background(time.Minute, func(ctx context.Context) error {
		return conn.Clear(ctx, token)
	}, func(err error) {
		if errors.Is(err, store.ErrTokenChanged) {
			u.showMessage(lang.X("asks.clear.outdated.title", "Nothing was cleared"),
				lang.X("asks.clear.outdated.message", "A newer token was saved for this connection meanwhile (from the command line, or another window), so the one you cleared was already replaced."),
				lang.X("asks.clear.outdated.hint", "The newer token is shown now. Press Clear again to forget it too."), "")
			u.follow()
			return
		}
		if err != nil && !errors.Is(err, store.ErrLeftInKeychain) {
			u.showProblem(lang.X("asks.clear.failed", "The token could not be cleared"), err)
			return
		}
		if cb := u.app.Clipboard(); token != "" && strings.Contains(cb.Content(), token) {
			cb.SetContent("")
		}
		u.setToken(nil)
		u.show(u.setup.content)
		u.setup.focusFirstEmpty()
		u.showCleared()
		if err != nil { // forgotten, but a copy is still in the keychain
			u.showProblem(lang.X("asks.clear.left_in_keychain", "The token is forgotten, not yet removed"), err)
		}
	})
}
