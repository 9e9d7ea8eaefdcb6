package gui

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
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
		name := r.URI().Name()
		var data []byte
		u.background(time.Minute, func(context.Context) (err error) { // a file may sit on a slow disk or a network share
			defer r.Close()
			data, err = io.ReadAll(io.LimitReader(r, 1<<20+1))
			return err
		}, func(err error) {
			if err != nil {
				u.showProblem(lang.X("transfer.read_failed", "That file could not be read"), err)
				return
			}
			u.importData(name, data)
		})
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	u.showDialog(d, func() {}) // Escape closes it (and cancels no sign-in); Enter is the dialog's own
}

// dropped imports a credentials.json dropped on the window.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		if !strings.EqualFold(uri.Extension(), ".json") {
			continue
		}
		path := uri.Path()
		var c store.Credentials
		u.background(time.Minute, func(context.Context) (err error) { // the file may be slow to read
			c, err = store.ReadCredentialsFile(path)
			return err
		}, func(err error) {
			if err != nil {
				u.showProblem(lang.X("transfer.import_failed", "That file could not be imported"), err)
				return
			}
			u.importCredentials(uri.Name(), c)
		})
		return
	}
	if len(uris) > 0 {
		u.showMessage(lang.X("transfer.nothing.title", "Nothing to import"), lang.X("transfer.nothing.message", "TokenDesk can import a credentials.json file."),
			lang.X("transfer.nothing.hint", "Drop a file whose name ends in .json."), "")
	}
}

func (u *UI) importData(fileName string, data []byte) {
	c, err := store.ParseCredentials(data)
	if err != nil {
		u.showProblem(lang.X("transfer.import_failed", "That file could not be imported"), err)
		return
	}
	u.importCredentials(fileName, c)
}

// importCredentials makes a connection of a credentials.json, named after
// the file, with its token if it has one, and shows it. A connection shown
// with nothing in it yet (a first start) takes the import instead of
// staying behind empty.
func (u *UI) importCredentials(fileName string, c store.Credentials) {
	if u.state.signIn != nil {
		u.showMessage(lang.X("transfer.signing_in.title", "Finish signing in first"), lang.X("transfer.signing_in.message", "TokenDesk is waiting for you to sign in to LinkedIn."),
			lang.X("transfer.signing_in.hint", "Finish or cancel the sign-in, then import the file again."), "")
		return
	}
	st := u.store
	if st == nil {
		u.showProblem(lang.X("transfer.import_failed_no_store", "The file could not be imported"), errNoStore)
		return
	}
	set := oauthflow.Settings{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURI, Scopes: oauthflow.DefaultScopes}.Clean()
	if set.RedirectURL == "" {
		set.RedirectURL = oauthflow.DefaultRedirectURL
	}
	name := u.freeName(strings.TrimSuffix(fileName, filepath.Ext(fileName)))
	reuse, epoch := "", u.state.listing.DefaultEpoch
	if cur, ok := u.state.listing.Find(u.state.connID); ok && u.shownIsEmpty() {
		reuse = cur.ID
	}
	var tok oauthflow.Token
	if c.AccessToken != "" {
		tok = oauthflow.Token{AccessToken: c.AccessToken}
	}
	var id string
	u.background(time.Minute, func(ctx context.Context) (err error) {
		// Into the empty connection shown, renamed, if it is still empty
		// (tokendesk login may have filled it meanwhile); else a new one.
		into := store.Into{ID: reuse, NewName: name, IfEmpty: true, DefaultEpoch: epoch}
		// The settings and the token together, into one connection.
		saved, err := st.SaveSignIn(ctx, into, set, tok, "")
		id = saved.ID
		return err
	}, func(err error) {
		if err != nil {
			u.showProblem(lang.X("transfer.save_failed", "The imported settings could not be saved"), err)
		}
		if id == "" {
			return
		}
		u.open(id, true, func() {
			u.setup.touchAll() // what the file lacked shows at once
		})
	})
}

func (u *UI) confirmExport() {
	text := lang.X("transfer.export.text", "The file will hold your client secret in plain text, like the tutorial's file. Anyone who can read it can act as your LinkedIn app. Keep it private, and never add it to git or share it.")
	if u.state.token != nil {
		text = lang.X("transfer.export.text_token", "The file will hold your client secret and your token in plain text, like the tutorial's file. Anyone who can read it can act as your LinkedIn app. Keep it private, and never add it to git or share it.")
	}
	d := dialog.NewConfirm(lang.X("transfer.export.title", "Export credentials.json?"), text,
		func(ok bool) {
			if ok {
				u.chooseExport()
			}
		}, u.win)
	d.SetConfirmText(lang.X("transfer.export.confirm", "Export"))
	d.SetDismissText(lang.X("dialog.cancel", "Cancel")) // not Fyne's "No": the question is not a yes-or-no one
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
				u.showProblem(lang.X("transfer.write_failed", "The file could not be written"), err)
				return
			}
			u.showMessage(lang.X("transfer.exported.title", "Exported"), lang.X("transfer.exported.message", "Saved to {{.Path}}.", map[string]any{"Path": path}),
				lang.X("transfer.exported.hint", "Only your user account can read it. Delete it when you no longer need it."), "")
		})
	}, u.win)
	d.SetFileName(u.exportName())
	u.showDialog(d, func() {})
}

// exportName is the file an export suggests: the tutorial's name for the
// first connection, the connection's name for the others.
func (u *UI) exportName() string {
	c, ok := u.state.listing.Find(u.state.connID)
	if !ok || c.ID == store.DefaultConnection || len(u.state.listing.Connections) < 2 {
		return "credentials.json"
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, c.Name)
	return "credentials-" + name + ".json"
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
	d := dialog.NewConfirm(lang.X("transfer.forget.title", "Forget everything?"),
		lang.X("transfer.forget.text", "TokenDesk will remove every connection from this computer: their tokens, client secrets and settings."),
		func(ok bool) {
			if ok {
				u.forgetNow()
			}
		}, u.win)
	d.SetConfirmText(lang.X("transfer.forget.confirm", "Forget everything"))
	d.SetDismissText(lang.X("dialog.cancel", "Cancel")) // not Fyne's "No": the question is not a yes-or-no one
	d.SetConfirmImportance(widget.DangerImportance)
	u.showDialog(d, nil) // Enter cancels: a stray key must not delete
}

func (u *UI) forgetNow() {
	if u.state.signIn != nil {
		u.cancelFlow()
	}
	st := u.store
	var l store.Listing
	u.background(time.Minute, func(ctx context.Context) (err error) {
		if st == nil {
			return nil
		}
		if err = st.ForgetEverything(ctx); err == nil {
			l, err = st.List(ctx) // a fresh start: the form saves as what it now shows
		}
		return err
	}, func(err error) {
		if err != nil {
			u.showProblem(lang.X("transfer.forget.failed", "TokenDesk could not forget everything"), err)
			return
		}
		if t := u.state.token; t != nil && u.app.Clipboard().Content() == t.AccessToken {
			u.app.Clipboard().SetContent("")
		}
		u.state.listing = l
		u.setProblem(nil)
		u.present(store.DefaultConnection, store.Saved{}, nil)
	})
}
