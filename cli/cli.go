// Package cli is TokenDesk's command line, for scripts that need the token
// the window saved:
//
//	tokendesk token    prints the saved access token and nothing else
//	tokendesk status   prints the account, permissions and expiry (never the token)
//
// With no arguments the window opens as usual (see main.go).
package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/tokendesk/tokendesk/internal/plain"
	"github.com/tokendesk/tokendesk/store"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitNoUse = 1 // no token, or it has expired: the person must Connect
	ExitUsage = 2 // the command line itself is wrong
)

// Options are what the commands work with; the zero value is the real thing.
type Options struct {
	OpenStore func(ctx context.Context) (*store.Store, []store.Notice, error)
	Now       func() time.Time
}

const usage = `Usage:
  tokendesk            open the window
  tokendesk token      print the saved LinkedIn access token, and nothing else
  tokendesk status     print who is connected, the permissions and the expiry
  tokendesk help       show this help

"token" and "status" exit with 1 when no token is saved or it has expired.
`

// Run runs the command in args and returns the process's exit code. The
// token goes to stdout only, and only for "token"; everything for a person
// goes to stderr, so `$(tokendesk token)` is the token or nothing.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, opts Options) int {
	if opts.OpenStore == nil {
		opts.OpenStore = func(ctx context.Context) (*store.Store, []store.Notice, error) {
			return store.Open(ctx, store.Options{})
		}
	}
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

	s, notices, err := opts.OpenStore(ctx)
	for _, n := range notices {
		fmt.Fprintf(stderr, "Note: %s %s\n", n.Message, n.Hint)
	}
	if err != nil {
		return fail(stderr, err)
	}
	saved, err := s.Load(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	tok := saved.Token
	if tok == nil {
		fmt.Fprintln(stderr, "No token is saved. Open TokenDesk and press Connect.")
		return ExitNoUse
	}
	now := opts.Now()
	expired := !tok.ExpiresAt.IsZero() && !now.Before(tok.ExpiresAt)

	if args[0] == "token" {
		if expired {
			fmt.Fprintf(stderr, "The saved token expired on %s. Open TokenDesk and press Connect again.\n", tok.ExpiresAt.Local().Format("2 Jan 2006"))
			return ExitNoUse
		}
		fmt.Fprintln(stdout, tok.AccessToken)
		return ExitOK
	}

	account := tok.Account
	if account == "" {
		account = "(not known yet)"
	}
	fmt.Fprintf(stdout, "Account:      %s\n", account)
	fmt.Fprintf(stdout, "Client ID:    %s\n", saved.Settings.ClientID)
	fmt.Fprintf(stdout, "Permissions:  %s\n", plain.Scopes(tok.Scopes))
	fmt.Fprintf(stdout, "Expires:      %s\n", plain.Expiry(now, tok.ExpiresAt))
	if !tok.ObtainedAt.IsZero() {
		fmt.Fprintf(stdout, "Received:     %s\n", tok.ObtainedAt.Local().Format("2 Jan 2006 15:04"))
	}
	fmt.Fprintf(stdout, "Kept in:      %s\n", keptIn(s.Backend()))
	if expired {
		return ExitNoUse
	}
	return ExitOK
}

func keptIn(b store.Backend) string {
	if b == store.BackendKeychain {
		return "this computer's keychain"
	}
	return "a file only your user account can read"
}

func fail(stderr io.Writer, err error) int {
	var msg string
	if e, ok := err.(*store.Error); ok {
		msg = e.Message + " " + e.Hint
	} else {
		msg = err.Error()
	}
	fmt.Fprintln(stderr, "tokendesk: "+msg)
	return ExitNoUse
}
