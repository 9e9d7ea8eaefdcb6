package connection

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
	var into store.SavedInto
	if si.st == nil {
		err = &NotSavedError{Token: saved, Err: ErrNoStore}
	} else {
		// Saved first, at once: the member's name can wait, the token
		// must not (a window closing meanwhile waits for this save only).
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), store.DefaultTimeout)
		into, err = si.st.SaveSignIn(sctx, si.into, si.set, tok, "")
		cancel()
		if err != nil {
			err = &NotSavedError{Token: saved, Err: err}
		}
	}
	if len(linkedin.MissingForWho(tok.Scopes)) == 0 {
		wctx, cancel := context.WithTimeout(ctx, whoTimeout)
		if m, werr := si.api.WhoIsConnected(wctx, tok.AccessToken); werr == nil {
			saved.Account, saved.MemberID = m.Name, m.ID
			if nse := (*NotSavedError)(nil); errors.As(err, &nse) {
				nse.Token.Account, nse.Token.MemberID = m.Name, m.ID
			} else if err == nil {
				// Kept with the token, if it is still the saved one.
				uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), store.DefaultTimeout)
				_ = si.st.Conn(into.ID).UpdateTokenInfo(uctx, tok.AccessToken, store.TokenFacts{Account: m.Name, MemberID: m.ID})
				ucancel()
			}
		}
		cancel()
	}
	return SignedIn{Token: saved, Into: into}, err
}

// Settings are the settings the sign-in uses, as checked.
func (si *SignIn) Settings() oauthflow.Settings { return si.set }

// Close stops the sign-in: the port is free when it returns.
func (si *SignIn) Close() { si.Flow.Close() }

// String names the sign-in by where it saves, never its settings' secret.
func (si *SignIn) String() string {
	if si == nil {
		return "connection.SignIn(nil)"
	}
	return fmt.Sprintf("connection.SignIn{into: %+v, flow: %s}", si.into, si.Flow)
}

// GoString keeps %#v from printing the secrets.
func (si *SignIn) GoString() string { return si.String() }

// Format prints String for every verb: the settings in an unexported field
// would otherwise be printed without their own redaction.
func (si *SignIn) Format(s fmt.State, verb rune) { _, _ = io.WriteString(s, si.String()) }

// LogValue keeps slog from printing the secrets.
func (si *SignIn) LogValue() slog.Value { return slog.StringValue(si.String()) }

// CheckSignInPage asks LinkedIn for the sign-in page itself, as a browser
// nobody is signed in on would, and says what stops the sign-in there, if
// anything TokenDesk recognises: the front ends say it while they wait,
// since LinkedIn never sends the browser back from its own error page.
func (si *SignIn) CheckSignInPage(ctx context.Context) (linkedin.SignInCheck, error) {
	return si.api.CheckSignIn(ctx, si.Flow.AuthURL())
}
