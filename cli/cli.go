// Package cli is TokenDesk's command line, for scripts that need the token
// the window saved:
//
//	tokendesk token    prints the saved access token and nothing else
//	tokendesk status   prints the account, permissions and expiry (never the token)
//
// With no arguments the window opens as usual (see main.go). Both commands
// only read: they open the store read-only, so they never change what the
// window saved, even while it saves.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tokendesk/tokendesk/account"
	"github.com/tokendesk/tokendesk/internal/explain"
	"github.com/tokendesk/tokendesk/internal/plain"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitNoUse   = 1 // no token, or it has expired or was revoked: the person must Connect
	ExitUsage   = 2 // the command line itself is wrong
	ExitUnknown = 3 // whether the token works could not be told: the keychain could not be read, or LinkedIn asked
)

// inspectTimeout bounds the one question to LinkedIn's Token Inspector.
const inspectTimeout = 30 * time.Second

// readTimeout bounds reading what the window saved: waiting for the lock
// while the window saves, and the keychain (which may show an unlock prompt).
const readTimeout = time.Minute

// Options are what the commands work with; the zero value is the real thing.
type Options struct {
	// Store says where the store is; it is always opened read-only.
	Store store.Options
	// Endpoints and EndpointsError are LinkedIn's addresses, as the window
	// has them (linkedin.EndpointsFromEnv).
	Endpoints      linkedin.Endpoints
	EndpointsError error
	Now            func() time.Time
}

const usage = `Usage:
  tokendesk            open the window
  tokendesk token      print the saved LinkedIn access token, and nothing else
  tokendesk status     print who is connected, the permissions and the expiry
  tokendesk help       show this help

Exit codes of "token" and "status":
  0  the token works until the expiry shown
  1  no token is saved, or it has expired or was revoked: open TokenDesk and connect
  3  whether the token works could not be told: what TokenDesk saved could
     not be read (a locked keychain), or its expiry is not known and
     LinkedIn could not be asked
`

// Run runs the command in args and returns the process's exit code. The
// token goes to stdout only, and only for "token"; everything for a person
// goes to stderr, so `$(tokendesk token)` is the token or nothing.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, opts Options) int {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(args) != 1 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	case "token", "status":
	default:
		fmt.Fprintf(stderr, "tokendesk: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}

	so := opts.Store
	so.ReadOnly = true
	readCtx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	s, _, err := store.Open(readCtx, so)
	if err != nil {
		return fail(stderr, err)
	}
	saved, err := s.Load(readCtx)
	if err != nil {
		return fail(stderr, err)
	}
	tok := saved.Token
	if tok == nil {
		fmt.Fprintln(stderr, "No token is saved. Open TokenDesk and press Connect.")
		return ExitNoUse
	}
	now := opts.Now()

	// An unknown expiry is never reported as valid: ask LinkedIn, once.
	// (A token imported from a credentials.json, or whose description a
	// crash lost.) What it says is not saved: these commands only read.
	verdict := ""
	if tok.ExpiresAt.IsZero() {
		code, expires, why := inspect(ctx, opts, saved)
		if code != ExitOK {
			fmt.Fprintln(stderr, "tokendesk: "+why)
			return code
		}
		tok.ExpiresAt, verdict = expires, " (as LinkedIn's Token Inspector says)"
	}
	expired := !now.Before(tok.ExpiresAt)

	if args[0] == "token" {
		if expired {
			fmt.Fprintf(stderr, "The saved token expired on %s. Open TokenDesk and press Connect again.\n", tok.ExpiresAt.Local().Format("2 Jan 2006"))
			return ExitNoUse
		}
		fmt.Fprintln(stdout, tok.AccessToken)
		return ExitOK
	}

	who := tok.Account
	if who == "" {
		who = "(not known yet)"
	}
	fmt.Fprintf(stdout, "Account:      %s\n", who)
	fmt.Fprintf(stdout, "Client ID:    %s\n", saved.Settings.ClientID)
	fmt.Fprintf(stdout, "Permissions:  %s\n", plain.Scopes(tok.Scopes))
	fmt.Fprintf(stdout, "Expires:      %s%s\n", plain.Expiry(now, tok.ExpiresAt), verdict)
	if !tok.ObtainedAt.IsZero() {
		fmt.Fprintf(stdout, "Received:     %s\n", tok.ObtainedAt.Local().Format("2 Jan 2006 15:04"))
	}
	fmt.Fprintf(stdout, "Kept in:      %s\n", keptIn(saved.KeptIn))
	if expired {
		return ExitNoUse
	}
	return ExitOK
}

// inspect asks LinkedIn's Token Inspector when a token expires. It says
// ExitOK with the expiry, ExitNoUse when LinkedIn no longer accepts the
// token, or ExitUnknown when it could not be asked; why is for a person.
func inspect(ctx context.Context, opts Options, saved store.Saved) (code int, expires time.Time, why string) {
	const unknown = "The saved token's expiry is not known"
	set := saved.Settings
	switch {
	case opts.EndpointsError != nil:
		return ExitUnknown, time.Time{}, unknown + ", and LinkedIn could not be asked: " + message(opts.EndpointsError)
	case set.ClientID == "" || set.ClientSecret == "":
		return ExitUnknown, time.Time{}, unknown + ", and asking LinkedIn needs the Client ID and Client secret: fill them in in TokenDesk, or press Connect there for a new token."
	}
	ctx, cancel := context.WithTimeout(ctx, inspectTimeout)
	defer cancel()
	in, err := account.NewClient(opts.Endpoints).Inspect(ctx, set, saved.Token.AccessToken)
	switch {
	case errors.Is(err, oauthflow.ErrTokenRejected):
		return ExitNoUse, time.Time{}, message(err)
	case err != nil:
		return ExitUnknown, time.Time{}, unknown + ", and LinkedIn could not be asked: " + message(err)
	case !in.Usable():
		return ExitNoUse, time.Time{}, in.Reason() + " Open TokenDesk and press Connect again."
	case in.ExpiresAt.IsZero():
		return ExitUnknown, time.Time{}, unknown + ": LinkedIn says the token is active but not until when."
	}
	return ExitOK, in.ExpiresAt, ""
}

func keptIn(b store.Backend) string {
	if b == store.BackendKeychain {
		return "this computer's keychain"
	}
	return "a file only your user account can read"
}

// message is an error's words for a person: its message and hint.
var message = explain.Sentence

// fail says why what was saved could not be read. Whether the token works
// is then not known, which is not the same as "no token": exit 3.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "tokendesk: "+message(err))
	return ExitUnknown
}
