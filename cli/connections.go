package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// chosen is the connection a command works on.
type chosen struct {
	id   string // "" when login is to make it
	name string
	// current says it is the one in use: the window's, and the one the
	// commands use without --connection.
	current bool
}

// pick is the connection the command works on: --connection's, by name (in
// any case) or ID, or else the one in use. found is false when no
// connection has that name: login then makes it; the other commands say so
// with unknownConnection.
func (r *runner) pick(l store.Listing) (c chosen, found bool) {
	if !r.connectionGiven {
		if cur, ok := l.Find(l.Current); ok {
			return chosen{id: cur.ID, name: cur.Name, current: true}, true
		}
		// No connection yet: the first save makes DefaultConnection, as
		// TokenDesk always did.
		return chosen{id: store.DefaultConnection, name: store.DefaultConnection, current: true}, true
	}
	name := strings.TrimSpace(r.connection)
	if found, ok := l.Find(name); ok {
		return chosen{id: found.ID, name: found.Name, current: found.ID == l.Current}, true
	}
	if strings.EqualFold(name, store.DefaultConnection) && !l.DefaultDeleted {
		// Not made yet: the first save makes it.
		return chosen{id: store.DefaultConnection, name: store.DefaultConnection, current: len(l.Connections) == 0}, true
	}
	return chosen{name: name}, false
}

// unknownConnection says that --connection names no connection, with the
// names there are, and returns the exit code: the command line is wrong.
func (r *runner) unknownConnection(l store.Listing) int {
	msg := fmt.Sprintf("tokendesk %s: %s", r.command, lang.X("cli.connection_unknown", "there is no connection named {{.Name}}.", map[string]any{"Name": strconv.Quote(strings.TrimSpace(r.connection))}))
	if names := l.Names(); len(names) > 0 {
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = strconv.Quote(n)
		}
		msg += " " + lang.X("cli.connections_are", "The connections are: {{.Names}}.", map[string]any{"Names": strings.Join(quoted, ", ")})
	} else {
		msg += " " + noConnectionsYet()
	}
	fmt.Fprintln(r.stderr, msg)
	return ExitUsage
}

func noConnectionsYet() string {
	return lang.X("cli.no_connections", "No connections yet: run tokendesk login, or open TokenDesk.")
}

// loginCommandFor is the command that signs in again for c: with
// --connection when c is not the one in use.
func loginCommandFor(c chosen) string {
	if c.current {
		return "tokendesk login"
	}
	return "tokendesk login --connection " + shellWord(c.name)
}

var plainWord = regexp.MustCompile(`^[A-Za-z0-9._@+/:=-]+$`)

// shellWord is name as one word of a command to copy into a shell.
func shellWord(name string) string {
	if plainWord.MatchString(name) {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", `'\''`) + "'"
}

// tokenState is the state (as status --json says it) of a token whose
// expiry, not zero, is expires: connection's rule, in status's words.
func tokenState(now, expires time.Time) string {
	switch connection.ExpiryOf(expires, now) {
	case connection.ExpiryExpired:
		return StateExpired
	case connection.ExpiryExpiring:
		return StateExpiring
	}
	return StateValid
}

// ListedConnection is one element of `tokendesk list --json`'s array: a
// stable schema that scripts read, whose fields mean what status --json's
// of the same names do. Fields are added, never renamed or removed. It
// never holds a secret.
type ListedConnection struct {
	Name    string `json:"name"`
	ID      string `json:"id"`
	Current bool   `json:"current"` // the one in use: the window's, and the commands' without --connection
	// State is valid, expiring, expired, none or unknown: list reads only
	// the settings file, so it neither asks LinkedIn about a token whose
	// expiry is not known (unknown) nor learns that one was revoked.
	State            string     `json:"state"`
	Member           *string    `json:"member"`
	ClientID         string     `json:"client_id"`
	Scopes           []string   `json:"scopes"` // granted, sorted; [] when not known
	ExpiresAt        *time.Time `json:"expires_at"`
	RefreshExpiresAt *time.Time `json:"refresh_expires_at"`
}

var listCommand = &command{
	name:    "list",
	summary: func() string { return lang.X("cli.list.summary", "the connections, and the one in use") },
	help: func() string {
		return lang.X("cli.list.help", `Lists the connections TokenDesk keeps, one a line: its name, the LinkedIn
member signed in (or —), and its token's state; * marks the one in use, the
window's, which the other commands use without --connection. It never
prints a token, and reads no secret: it works while the keychain is locked.
It does not ask LinkedIn either: "tokendesk status --connection NAME" does.

With --json, prints a JSON array, one object per connection ([] when there
is none):

  [{"name": "default", "id": "default", "current": true, "state": "valid",
    "member": "Ada Lovelace", "client_id": "78abc",
    "scopes": ["email", "openid", "profile"],
    "expires_at": "2027-01-21T09:00:00Z", "refresh_expires_at": null}]

state is valid, expiring (7 days or less left), expired, none (no token
saved) or unknown (the expiry is not known). member, expires_at and
refresh_expires_at are null when not known.
`)
	},
	args: "[--json]",
	flags: func(fs *flag.FlagSet) func(*runner) int {
		asJSON := fs.Bool("json", false, lang.X("cli.flag.json_list", "print a JSON array (schema above) instead of text"))
		return func(r *runner) int { return r.list(*asJSON) }
	},
}

func (r *runner) list(asJSON bool) int {
	ctx, cancel := context.WithTimeout(r.ctx, readTimeout)
	defer cancel()
	s, err := r.openReadOnly(ctx)
	if err != nil {
		fmt.Fprintln(r.stderr, "tokendesk: "+r.explained(err))
		return ExitUnknown
	}
	l, err := s.List(ctx)
	if err != nil {
		fmt.Fprintln(r.stderr, "tokendesk: "+r.explained(err))
		return ExitUnknown
	}
	now := r.opts.Now()
	rows := make([]ListedConnection, 0, len(l.Connections))
	for _, c := range l.Connections {
		rows = append(rows, listed(now, c, c.ID == l.Current))
	}
	if len(rows) == 0 {
		fmt.Fprintln(r.stderr, noConnectionsYet())
	}
	if asJSON {
		enc := json.NewEncoder(r.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return r.fail(fmt.Errorf("write the list: %w", err))
		}
		return ExitOK
	}
	if len(rows) == 0 {
		return ExitOK
	}
	w := tabwriter.NewWriter(r.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "  %s\t%s\t%s\t\n", lang.X("cli.list.name", "NAME"), lang.X("cli.list.member", "MEMBER"), lang.X("cli.list.state", "STATE"))
	for _, c := range rows {
		mark, member := " ", "—"
		if c.Current {
			mark = "*"
		}
		if c.Member != nil {
			member = *c.Member
		}
		fmt.Fprintf(w, "%s %s\t%s\t%s\t%s\n", mark, c.Name, member, c.State, stateWords(now, c))
	}
	if err := w.Flush(); err != nil {
		return r.fail(fmt.Errorf("write the list: %w", err))
	}
	if len(rows) > 1 {
		fmt.Fprintln(r.stderr, lang.X("cli.list.in_use", "* is the connection in use: the commands use it without --connection."))
	}
	return ExitOK
}

// listed is what list says of a connection: what settings.json has.
func listed(now time.Time, c store.Listed, current bool) ListedConnection {
	out := ListedConnection{Name: c.Name, ID: c.ID, Current: current, State: StateNone, ClientID: c.ClientID, Scopes: []string{}}
	t := c.Token
	if t == nil {
		return out
	}
	if t.Account != "" {
		out.Member = &t.Account
	}
	if len(t.Scopes) > 0 {
		out.Scopes = slices.Sorted(slices.Values(t.Scopes))
	}
	out.ExpiresAt, out.RefreshExpiresAt = utc(t.ExpiresAt), utc(t.RefreshExpiresAt)
	out.State = StateUnknown
	if !t.ExpiresAt.IsZero() {
		out.State = tokenState(now, t.ExpiresAt)
	}
	return out
}

// stateWords says a listed connection's state for a person.
func stateWords(now time.Time, c ListedConnection) string {
	switch c.State {
	case StateNone:
		return lang.X("cli.list.not_connected", "Not connected.")
	case StateUnknown:
		ask := "tokendesk status"
		if !c.Current {
			ask += " --connection " + shellWord(c.Name)
		}
		return lang.X("cli.list.expiry_unknown", `Expiry not known: "{{.Command}}" asks LinkedIn.`, map[string]any{"Command": ask})
	}
	return words.Expiry(now, *c.ExpiresAt) // "Expired on 21 Nov 2026." too, as the window says it
}

// shellWords is words as a command to copy into a shell.
func shellWords(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = shellWord(w)
	}
	return strings.Join(quoted, " ")
}
