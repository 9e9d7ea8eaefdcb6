package gui

import (
	"context"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// The import and export of the tutorial's credentials.json, so people who
// start from it lose nothing, and scripts written against it keep working.

func (u *UI) chooseImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		go func() { // a file may sit on a slow disk or a network share
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
			u.do(func() {
				if err != nil {
					u.showProblem("That file could not be read", err)
					return
				}
				u.importData(data)
			})
		}()
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// dropped imports a credentials.json dropped on the window.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		if !strings.EqualFold(uri.Extension(), ".json") {
			continue
		}
		path := uri.Path()
		go func() { // off the UI goroutine: the file may be slow to read
			c, err := store.ReadCredentialsFile(path)
			u.do(func() {
				if err != nil {
					u.showProblem("That file could not be imported", err)
					return
				}
				u.importCredentials(c)
			})
		}()
		return
	}
	if len(uris) > 0 {
		u.showMessage("Nothing to import", "TokenDesk can import a credentials.json file.", "Drop a file whose name ends in .json.", "")
	}
}

func (u *UI) importData(data []byte) {
	c, err := store.ParseCredentials(data)
	if err != nil {
		u.showProblem("That file could not be imported", err)
		return
	}
	u.importCredentials(c)
}

// importCredentials fills the form from a credentials.json and keeps its
// token, if it has one.
func (u *UI) importCredentials(c store.Credentials) {
	set := u.state.settings
	if c.ClientID != "" {
		set.ClientID = c.ClientID
	}
	if c.ClientSecret != "" {
		set.ClientSecret = c.ClientSecret
	}
	if c.RedirectURI != "" {
		set.RedirectURL = c.RedirectURI
	}
	u.setSettings(set)
	u.setup.touchAll()
	if u.flow == nil && u.state.token == nil {
		u.show(u.setup.content)
	}

	st := u.store
	var tok oauthflow.Token
	if c.AccessToken != "" {
		tok = oauthflow.Token{AccessToken: c.AccessToken}
	}
	u.background(time.Minute, func(ctx context.Context) error {
		if st == nil {
			return nil
		}
		if err := st.SaveSettings(ctx, set); err != nil {
			return err
		}
		if tok.AccessToken != "" {
			return st.SaveToken(ctx, tok, "")
		}
		return nil
	}, func(err error) {
		if err != nil {
			u.showProblem("The imported settings could not be saved", err)
			u.changed("error")
			return
		}
		if tok.AccessToken != "" && u.flow == nil {
			u.setToken(&store.SavedToken{Token: tok})
			u.show(u.connected.content)
		}
		u.changed("imported")
	})
}

func (u *UI) confirmExport() {
	d := dialog.NewConfirm("Export credentials.json?",
		"The file will hold your client secret"+map[bool]string{true: " and your token", false: ""}[u.state.token != nil]+
			" in plain text, like the tutorial's file.\nAnyone who can read it can act as your LinkedIn app.\n"+
			"Keep it private, and never add it to git or share it.",
		func(ok bool) {
			if ok {
				u.chooseExport()
			}
		}, u.win)
	d.SetConfirmText("Export")
	d.SetConfirmImportance(widget.WarningImportance)
	u.showDialog(d, nil) // Enter cancels: writing secrets in plain text takes a click
}

func (u *UI) chooseExport() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // our own writer replaces the file atomically, readable by you only
		c := u.credentials()
		u.background(time.Minute, func(context.Context) error {
			return store.WriteCredentialsFile(path, c)
		}, func(err error) {
			if err != nil {
				u.showProblem("The file could not be written", err)
				return
			}
			u.showMessage("Exported", "Saved to "+path+".", "Only your user account can read it. Delete it when you no longer need it.", "")
			u.changed("exported")
		})
	}, u.win)
	d.SetFileName("credentials.json")
	d.Show()
}

// credentials are the current settings and token in the tutorial's format.
func (u *UI) credentials() store.Credentials {
	set := u.state.settings
	c := store.Credentials{ClientID: set.ClientID, ClientSecret: set.ClientSecret, RedirectURI: set.RedirectURL}
	if u.state.token != nil {
		c.AccessToken = u.state.token.AccessToken
	}
	return c
}

// exportTo writes the current settings and token in the tutorial's format.
func (u *UI) exportTo(path string) error { return store.WriteCredentialsFile(path, u.credentials()) }

func (u *UI) confirmForget() {
	d := dialog.NewConfirm("Forget everything?",
		"TokenDesk will remove your token, your client secret and all its settings from this computer.",
		func(ok bool) {
			if ok {
				u.forgetNow()
			}
		}, u.win)
	d.SetConfirmText("Forget everything")
	d.SetConfirmImportance(widget.DangerImportance)
	u.showDialog(d, nil) // Enter cancels: a stray key must not delete
}

func (u *UI) forgetNow() {
	if u.flow != nil {
		u.cancelFlow()
	}
	st := u.store
	u.background(time.Minute, func(ctx context.Context) error {
		if st == nil {
			return nil
		}
		return st.ForgetEverything(ctx)
	}, func(err error) {
		if err != nil {
			u.showProblem("TokenDesk could not forget everything", err)
			u.changed("error")
			return
		}
		if t := u.state.token; t != nil && u.app.Clipboard().Content() == t.AccessToken {
			u.app.Clipboard().SetContent("")
		}
		u.setToken(nil)
		u.setSettings(oauthflow.Settings{RedirectURL: oauthflow.DefaultRedirectURL, Scopes: oauthflow.DefaultScopes})
		u.setup.untouch()
		u.setup.banner.hide()
		u.show(u.setup.content)
		u.setup.focusFirstEmpty()
		u.changed("forgotten")
	})
}
