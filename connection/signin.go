package connection

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// whoTimeout bounds asking LinkedIn who signed in: the token is saved
// whatever it says.
const whoTimeout = 15 * time.Second

// SignIn is one sign-in, from the sign-in page to the token saved: the
// one path the window's Connect and `tokendesk login` share. The front end
// opens the browser at Flow's AuthURL, passes on what the person pastes
// (Flow.SubmitPaste), and calls Finish.
type SignIn struct {
	Flow *oauthflow.Flow
	into store.Into
	set  oauthflow.Settings
	st   *store.Store
	api  *linkedin.Client
}

// Begin checks everything a sign-in needs before LinkedIn is asked (the
// settings; a new connection's name, by the same rule the save applies) and
// starts the flow. into is the connection the token goes to, whatever is
// shown or in use by the time it arrives. flowCfg carries the front end's
// timeouts; its Settings, Endpoint and Now are set here.
//
// st may be nil (the store could not be opened): the sign-in still works,
// and Finish says it could not save.
func Begin(ctx context.Context, st *store.Store, endpoints linkedin.Endpoints, into store.Into, set oauthflow.Settings, flowCfg oauthflow.Config) (*SignIn, error) {
	if into.ID == "" && st != nil {
		l, err := st.List(ctx)
		if err != nil {
			return nil, err
		}
		if _, err := l.CheckNewName(into.NewName); err != nil {
			return nil, err
		}
	}
	flowCfg.Settings, flowCfg.Endpoint = set, endpoints.Flow()
	f, err := oauthflow.Begin(ctx, flowCfg)
	if err != nil {
		return nil, err
	}
	return &SignIn{Flow: f, into: into, set: f.Settings(), st: st, api: linkedin.NewClient(endpoints)}, nil
}

// ErrNoStore is NotSavedError's cause when the store could not be opened
// this time: the sign-in works, and nothing can be kept.
var ErrNoStore = errors.New("TokenDesk could not open its settings this time")

// SignedIn is what a sign-in that finished got, and where it is saved.
type SignedIn struct {
	Token store.SavedToken
	Into  store.SavedInto
}

// NotSavedError is Finish's error when the sign-in worked but what it got
// could not be saved: the token is in Token, for the front end to say so.
type NotSavedError struct {
	Token store.SavedToken
	Err   error
}

func (e *NotSavedError) Error() string { return fmt.Sprintf("signed in, not saved: %v", e.Err) }
func (e *NotSavedError) Unwrap() error { return e.Err }

// Finish waits for the sign-in to end (ctx, or the flow's Close, cancels
// it), asks LinkedIn who signed in when the token allows it, and saves the
// settings it used and the token together into the connection it was
// begun for: all or, on error, nothing. A permission LinkedIn refused is
// said with the product that grants it. Once the token has arrived, a
// cancelled ctx no longer stops the save: it would lose the token, not
// spare a change.
func (si *SignIn) Finish(ctx context.Context) (SignedIn, error) {
	tok, err := si.Flow.Wait(ctx)
	if err != nil {
		return SignedIn{}, linkedin.NameTheProduct(err)
	}
	saved := store.SavedToken{Token: tok}
	if len(linkedin.MissingForWho(tok.Scopes)) == 0 {
		wctx, cancel := context.WithTimeout(ctx, whoTimeout)
		if m, err := si.api.WhoIsConnected(wctx, tok.AccessToken); err == nil {
			saved.Account = m.Name
		}
		cancel()
	}
	if si.st == nil {
		return SignedIn{Token: saved}, &NotSavedError{Token: saved, Err: ErrNoStore}
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), store.DefaultTimeout)
	defer cancel()
	into, err := si.st.SaveSignIn(sctx, si.into, si.set, tok, saved.Account)
	if err != nil {
		return SignedIn{Token: saved}, &NotSavedError{Token: saved, Err: err}
	}
	return SignedIn{Token: saved, Into: into}, nil
}

// Settings are the settings the sign-in uses, as checked.
func (si *SignIn) Settings() oauthflow.Settings { return si.set }

// Close stops the sign-in: the port is free when it returns.
func (si *SignIn) Close() { si.Flow.Close() }
