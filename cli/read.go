package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/reminder"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// ExpiringWithin is when status says "expiring" rather than "valid": the
// window warns from the same day (connection.ExpiresSoon).
const ExpiringWithin = connection.ExpiresSoon

// The states of `tokendesk status --json`.
const (
	StateValid    = "valid"    // works until expires_at, more than 7 days away
	StateExpiring = "expiring" // works until expires_at, 7 days away or less
	StateExpired  = "expired"  // expires_at has passed
	StateRejected = "rejected" // LinkedIn's Token Inspector says it no longer works (revoked, or expired early)
	StateNone     = "none"     // no token is saved
	StateUnknown  = "unknown"  // the expiry is not known and LinkedIn could not be asked
)

// Status is what `tokendesk status --json` prints: a stable schema that
// scripts read. Fields are added, never renamed or removed, and Schema
// changes only if one has to be.
type Status struct {
	Schema       int    `json:"schema"`        // 1
	Connection   string `json:"connection"`    // the connection's name
	ConnectionID string `json:"connection_id"` // its ID, which a rename does not change
	State        string `json:"state"`         // one of the State* values
	// Member is the LinkedIn member's name, when known (the token has the
	// openid and profile permissions); null otherwise.
	Member   *string  `json:"member"`
	ClientID string   `json:"client_id"`
	Scopes   []string `json:"scopes"` // granted permissions; [] when not known
	// ExpiresAt and RefreshExpiresAt are RFC 3339 times in UTC, or null:
	// no token, the expiry is not known, or there is no refresh token.
	ExpiresAt        *time.Time `json:"expires_at"`
	RefreshExpiresAt *time.Time `json:"refresh_expires_at"`
	// ExpirySource says where expires_at comes from: "saved" (what LinkedIn
	// said when the token was issued) or "token_inspector" (asked now).
	ExpirySource string `json:"expiry_source,omitempty"`
	// Rejection says why LinkedIn no longer accepts the token (state
	// rejected, when its Token Inspector said): revoked, expired,
	// other_app or unknown.
	Rejection string `json:"rejection,omitempty"`
}

// known is a saved token whose expiry is known: saved, or asked of LinkedIn.
type known struct {
	conn      chosen
	saved     store.Saved
	tok       *store.SavedToken
	inspected bool
	expired   bool
}

// readToken opens the store read-only and finds out whether the saved
// token of the connection the command works on works. code is ExitOK with
// k.tok set when there is a token whose expiry is known (k.expired says
// whether it has passed); otherwise why says, for a person, why not, and
// state says it for --json ("" when the store itself could not be read:
// there is nothing to describe). A --connection that names no connection
// is said here, with why "", and is ExitUsage.
func (r *runner) readToken() (k known, code int, state, why string) {
	if k, code, state, why = r.loadToken(); code != ExitOK {
		return k, code, state, why
	}
	// An unknown expiry is never reported as valid: ask LinkedIn, once.
	// (A token imported from a credentials.json, or whose description a
	// crash lost.) What it says is not saved: these commands only read.
	if k.tok.ExpiresAt.IsZero() {
		_, again := r.commands()
		code, expires, why := inspect(r.ctx, r.opts, k.saved, loginCommandFor(k.conn), again)
		if code != ExitOK {
			state := StateUnknown
			if code == ExitNoUse {
				state = StateRejected
			}
			return k, code, state, why
		}
		k.tok.ExpiresAt, k.inspected = expires, true
	}
	state = tokenState(r.opts.Now(), k.tok.ExpiresAt)
	k.expired = state == StateExpired
	return k, ExitOK, state, ""
}

// loadToken opens the store read-only and reads the saved token of the
// connection the command works on: code is ExitOK with k.tok set, or says
// why not as readToken does.
func (r *runner) loadToken() (k known, code int, state, why string) {
	// Reading waits for the lock while the window saves, and for the
	// keychain (which may show an unlock prompt): not for ever.
	ctx, cancel := context.WithTimeout(r.ctx, readTimeout)
	defer cancel()
	s, err := r.openReadOnly(ctx)
	if err != nil {
		return k, ExitUnknown, "", r.explained(err)
	}
	// The list of connections is in the settings file: no secret is read
	// to pick one.
	l, err := s.List(ctx)
	if err != nil {
		return k, ExitUnknown, "", r.explained(err)
	}
	var found bool
	if k.conn, found = r.pick(l); !found {
		return k, r.unknownConnection(l), "", ""
	}
	// What was saved could not be read (a locked keychain): whether the
	// token works is not known, which is not "no token".
	k.saved, err = s.ConnSeen(k.conn.id, l).Load(ctx)
	if errors.Is(err, store.ErrNoConnection) {
		// Deleted in the window since it was listed, a moment ago.
		fmt.Fprintf(r.stderr, "tokendesk %s: %s\n", r.command, message(err))
		return k, ExitUsage, "", ""
	}
	if listed, _ := l.Find(k.conn.id); errors.Is(err, store.ErrUnreadable) && listed.Token == nil {
		// The settings say no token is saved: an unreadable keychain (or
		// none at all, before anything was saved) hides no token.
		err = nil
	}
	if err != nil {
		return k, ExitUnknown, "", r.explained(err)
	}
	k.tok = k.saved.Token
	if k.tok == nil {
		return k, ExitNoUse, StateNone, noToken(loginCommandFor(k.conn))
	}
	return k, ExitOK, "", ""
}

// openReadOnly opens the store for the commands that only read: they never
// create, move or write anything there.
func (r *runner) openReadOnly(ctx context.Context) (*store.Store, error) {
	so := r.opts.Store
	so.ReadOnly = true
	s, _, err := store.Open(ctx, so)
	return s, err
}

// inspect asks LinkedIn's Token Inspector when a token expires. It says
// ExitOK with the expiry, ExitNoUse when LinkedIn no longer accepts the
// token, or ExitUnknown when it could not be asked; why is for a person,
// and names login, the command that gets a new token, or again, the one
// that asks again.
func inspect(ctx context.Context, opts Options, saved store.Saved, login, again string) (code int, expires time.Time, why string) {
	notAsked := func(why string) string {
		return lang.X("cli.inspect.not_asked", "The saved token's expiry is not known, and LinkedIn could not be asked: {{.Why}}", map[string]any{"Why": why})
	}
	set := saved.Settings
	switch {
	case opts.EndpointsError != nil:
		return ExitUnknown, time.Time{}, notAsked(message(opts.EndpointsError))
	case set.ClientID == "" || set.ClientSecret == "":
		return ExitUnknown, time.Time{}, lang.X("cli.inspect.needs_settings", `The saved token's expiry is not known, and asking LinkedIn needs the Client ID and Client secret: fill them in in TokenDesk, or run "{{.Login}}" for a new token.`, map[string]any{"Login": login})
	}
	ctx, cancel := context.WithTimeout(ctx, inspectTimeout)
	defer cancel()
	// The window's check, with nothing kept: these commands only read.
	c, err := connection.New(nil, opts.Endpoints, opts.Now).Check(ctx, set, *saved.Token)
	in := c.Inspection
	switch {
	case errors.Is(err, oauthflow.ErrTokenRejected):
		return ExitNoUse, time.Time{}, explained(err, login, again)
	case err != nil:
		return ExitUnknown, time.Time{}, notAsked(explained(err, login, again))
	case !in.Usable():
		// The words both front ends say for LinkedIn's verdict, then the terminal's step.
		return ExitNoUse, time.Time{}, rejectedWhy(connection.RejectionOf(in), login)
	case in.ExpiresAt.IsZero():
		return ExitUnknown, time.Time{}, lang.X("cli.inspect.no_expiry", "The saved token's expiry is not known: LinkedIn says the token is active but not until when.")
	}
	return ExitOK, in.ExpiresAt, ""
}

// expiredWhy is the words for a saved token that has expired: the
// window's (words.Expiry), and the terminal's step.
func expiredWhy(now time.Time, k known) string {
	return words.Expiry(now, k.tok.ExpiresAt) + " " + signInAgain(loginCommandFor(k.conn))
}

// noToken is the words for a connection with no token saved, and the step.
func noToken(login string) string {
	return lang.X("cli.no_token", `No token is saved. Run "{{.Login}}" to sign in, or sign in from the TokenDesk window.`, map[string]any{"Login": login})
}

// rejectedWhy is the words both front ends say for a token LinkedIn no
// longer accepts, then the fix once, as the terminal's step: the window
// says "a new token comes with signing in again" beside its button, the
// terminal with its command.
func rejectedWhy(r connection.Rejection, login string) string {
	msg, why := words.RejectedWhy(r)
	return strings.TrimSpace(msg+" "+why) + " " +
		lang.X("cli.step.new_token", `A new token comes with signing in again: run "{{.Login}}", or sign in from the TokenDesk window.`, map[string]any{"Login": login})
}

// signInAgain is the step for a token that no longer works: login, the
// command that signs in for this connection, or the window.
func signInAgain(login string) string {
	return lang.X("cli.step.sign_in_or_window", `Run "{{.Login}}", or sign in again from the TokenDesk window.`, map[string]any{"Login": login})
}

var statusCommand = &command{
	name:    "status",
	summary: func() string { return lang.X("cli.status.summary", "who is connected, the permissions and the expiry") },
	help: func() string {
		return lang.X("cli.status.help", `Says who is connected, the permissions LinkedIn granted and when the token
expires; never the token. It asks LinkedIn's Token Inspector whether LinkedIn
still accepts the token (a token revoked on LinkedIn, or replaced by signing
in again with other permissions, is rejected whatever its date); with
--offline, or when LinkedIn cannot be asked, it says what was saved. With
--json, prints one JSON object on stdout:

  {"schema": 1, "connection": "default", "connection_id": "default",
   "state": "valid", "member": "Ada Lovelace", "client_id": "78abc",
   "scopes": ["email", "openid", "profile"],
   "expires_at": "2027-01-21T09:00:00Z", "refresh_expires_at": null,
   "expiry_source": "token_inspector"}

state is valid, expiring (7 days or less left), expired, rejected (LinkedIn
no longer accepts it; "rejection" then says why: revoked, expired, other_app
or unknown), none (no token saved) or unknown (LinkedIn could not be asked).
expiry_source is token_inspector (LinkedIn, asked now) or saved (what was
saved). member, expires_at and refresh_expires_at are null when not known.
connection is the connection's name, connection_id its ID (which stays the
same when the connection is renamed).
`)
	},
	args:           "[--connection NAME] [--json] [--offline]",
	connectionHelp: readConnectionHelp,
	flags: func(fs *flag.FlagSet) func(*runner) int {
		asJSON := fs.Bool("json", false, lang.X("cli.flag.json_status", "print a JSON object (schema above) instead of text"))
		offline := fs.Bool("offline", false, lang.X("cli.flag.offline", "do not ask LinkedIn: say what was saved"))
		return func(r *runner) int { return r.status(*asJSON, *offline) }
	},
}

func (r *runner) status(asJSON, offline bool) int {
	sd := r.stand(offline)
	k, code, state, why := sd.k, sd.code, sd.state, sd.why
	if asJSON {
		if why != "" {
			fmt.Fprintln(r.stderr, "tokendesk: "+why)
		}
		if sd.note != "" {
			fmt.Fprintln(r.stderr, "tokendesk: "+sd.note)
		}
		if state == "" {
			return code
		}
		st := Status{Schema: 1, Connection: k.saved.Name, ConnectionID: k.saved.ID, State: state, ClientID: k.saved.Settings.ClientID, Scopes: []string{},
			Rejection: string(sd.status.Rejection)}
		if k.tok != nil {
			if k.tok.Account != "" {
				st.Member = &k.tok.Account
			}
			st.Scopes = sortedScopes(k.tok.Scopes)
			st.ExpiresAt = utc(k.tok.ExpiresAt)
			st.RefreshExpiresAt = utc(k.tok.RefreshTokenExpiresAt)
			if st.ExpiresAt != nil {
				st.ExpirySource = "saved"
				if k.inspected {
					st.ExpirySource = "token_inspector"
				}
			}
		}
		enc := json.NewEncoder(r.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st); err != nil {
			return r.fail(fmt.Errorf("write the status: %w", err))
		}
		return code
	}
	if why != "" {
		fmt.Fprintln(r.stderr, "tokendesk: "+why)
	}
	if why != "" || state == "" { // nothing to describe
		return code
	}
	if sd.note != "" {
		fmt.Fprintln(r.stderr, "tokendesk: "+sd.note)
	}
	now := r.opts.Now()
	tok := k.tok
	who := tok.Account
	if who == "" {
		who = lang.X("cli.status.account_unknown", "(not known yet)")
	}
	expires := words.Expiry(now, tok.ExpiresAt) + " " + lang.X("cli.status.as_saved", "(as saved; LinkedIn was not asked)")
	if k.inspected {
		expires = words.Expiry(now, tok.ExpiresAt) + " " + lang.X("cli.status.inspected", "(as LinkedIn's Token Inspector says)")
	}
	rows := [][2]string{
		{lang.X("cli.status.connection", "Connection:"), k.saved.Name},
		{lang.X("cli.status.account", "Account:"), who},
		{lang.X("cli.status.client_id", "Client ID:"), k.saved.Settings.ClientID},
		{lang.X("cli.status.permissions", "Permissions:"), words.Scopes(tok.Scopes)},
		{lang.X("cli.status.expires", "Expires:"), expires},
	}
	if !tok.RefreshTokenExpiresAt.IsZero() {
		rows = append(rows, [2]string{lang.X("cli.status.renewable", "Renewable:"),
			lang.X("cli.status.renewable_until", "until {{.Date}}", map[string]any{"Date": words.Date(tok.RefreshTokenExpiresAt)})})
	}
	if !tok.ObtainedAt.IsZero() {
		rows = append(rows, [2]string{lang.X("cli.status.received", "Received:"), words.Date(tok.ObtainedAt) + " " + words.Time(tok.ObtainedAt)})
	}
	rows = append(rows, [2]string{lang.X("cli.status.kept_in", "Kept in:"), keptIn(k.saved.KeptIn)})
	for _, row := range rows {
		fmt.Fprintf(r.stdout, "%-13s %s\n", row[0], row[1])
	}
	return code
}

func utc(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC().Truncate(time.Second)
	return &u
}

func keptIn(b store.Backend) string {
	if b == store.BackendKeychain {
		return lang.X("cli.status.kept_in_keychain", "this computer's keychain")
	}
	return lang.X("cli.status.kept_in_file", "a file only your user account can read")
}

// Formats of `tokendesk token --format`.
var tokenFormats = []string{"raw", "header", "curl", "env", "json",
	"python", "javascript", "python-with-token", "javascript-with-token"}

// programFormats are the formats that print a program, and what they
// write: the language, and whether the token is written into it.
var programFormats = map[string]struct {
	lang   linkedin.CodeLanguage
	inline bool
}{
	"python":                {linkedin.Python, false},
	"javascript":            {linkedin.JavaScript, false},
	"python-with-token":     {linkedin.Python, true},
	"javascript-with-token": {linkedin.JavaScript, true},
}

// defaultPostText is what a program that posts says, unless --text says
// otherwise.
const defaultPostText = "Hello from the LinkedIn API!"

// EnvAccessToken is the variable `token --format env` sets.
const EnvAccessToken = "LINKEDIN_ACCESS_TOKEN"

var tokenCommand = &command{
	name:    "token",
	summary: func() string { return lang.X("cli.token.summary", "print the saved access token, for scripts") },
	help: func() string {
		return lang.X("cli.token.help", `Prints the saved LinkedIn access token on stdout, and nothing else, when it
works; otherwise prints nothing on stdout and says why on stderr.

  raw     the token alone (the default)
  header  Authorization: Bearer TOKEN
  curl    a curl command that asks LinkedIn who you are
  env     LINKEDIN_ACCESS_TOKEN=TOKEN, for a .env file or export "$(tokendesk token --format env)"
  json    {"access_token": ..., "token_type": "Bearer", "expires_at": ..., "scopes": [...]}

Or a program that runs as pasted and asks LinkedIn who you are; with --post,
one that posts a text update as you (the token needs Share on LinkedIn, and
TokenDesk must know who you are: it learns that when the token has Sign In
with LinkedIn using OpenID Connect); with --page ID, one that posts as that
LinkedIn Page (the token needs Community Management's w_organization_social,
and you must be an administrator of the Page). TokenDesk never posts itself.
The programs print LinkedIn's answer and exit non-zero when LinkedIn says no.

  python                 Python 3 with requests, reading the token from LINKEDIN_ACCESS_TOKEN
  javascript             JavaScript for Node.js 18 or later (fetch), the same way
  python-with-token      the Python program with the token written into it
  javascript-with-token  the JavaScript program with the token written into it

The programs send LinkedIn-Version from LINKEDIN_VERSION, or when it is not
set the version of three months ago, which LinkedIn serves for most of a
year. Keep the token out of files: run the first two with tokendesk run,
which gives the program the token (and the version) in its environment:

  tokendesk token --format python --post --text "We're hiring!" > post.py
  tokendesk run -- python3 post.py
`)
	},
	args:           "[--connection NAME] [--format FORMAT] [--post | --page ID] [--text TEXT]",
	connectionHelp: readConnectionHelp,
	flags: func(fs *flag.FlagSet) func(*runner) int {
		format := fs.String("format", "raw", lang.X("cli.flag.format", "how to print it: `FORMAT` is raw, header, curl, env, json, python, javascript, python-with-token or javascript-with-token"))
		post := fs.Bool("post", false, lang.X("cli.flag.post", "with a program format: a program that posts a text update as you"))
		page := fs.String("page", "", lang.X("cli.flag.page", "with a program format: a program that posts as the LinkedIn Page with this `ID` (or urn:li:organization:ID)"))
		text := fs.String("text", defaultPostText, lang.X("cli.flag.text", "the `TEXT` a program posts"))
		return func(r *runner) int {
			return r.token(tokenRequest{format: *format, post: *post, page: *page, text: *text, textSet: flagSet(fs, "text")})
		}
	},
}

// flagSet says whether the command line gave the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// tokenRequest is what `tokendesk token` was asked to print.
type tokenRequest struct {
	format  string
	post    bool   // a program that posts as the member
	page    string // a program that posts as this Page
	text    string // what the program posts
	textSet bool
}

// workingToken is the saved token when it works, or the exit code after
// saying on stderr why there is none that does.
func (r *runner) workingToken() (known, int) {
	k, code, _, why := r.readToken()
	if code != ExitOK {
		if why != "" {
			fmt.Fprintln(r.stderr, "tokendesk: "+why)
		}
		return k, code
	}
	if k.expired {
		fmt.Fprintln(r.stderr, "tokendesk: "+expiredWhy(r.opts.Now(), k))
		return k, ExitNoUse
	}
	return k, ExitOK
}

func (r *runner) token(req tokenRequest) int {
	format := req.format
	if !slices.Contains(tokenFormats, format) {
		fmt.Fprintf(r.stderr, "tokendesk token: %s\n", lang.X("cli.token.no_format", "no format {{.Format}}: use {{.Formats}}", map[string]any{"Format": strconv.Quote(format), "Formats": strings.Join(tokenFormats, ", ")}))
		return ExitUsage
	}
	_, program := programFormats[format]
	switch {
	case !program && (req.post || req.page != "" || req.textSet):
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.program_flags", "--post, --page and --text go with a program: --format python, javascript, python-with-token or javascript-with-token"))
		return ExitUsage
	case req.post && req.page != "":
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.post_or_page", "--post posts as you, --page as a Page: give one of them"))
		return ExitUsage
	case req.textSet && !req.post && req.page == "":
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.text_needs_post", "--text is what a post says: add --post, or --page ID"))
		return ExitUsage
	case req.textSet && strings.TrimSpace(req.text) == "":
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.text_empty", "--text is empty: LinkedIn wants something to post"))
		return ExitUsage
	}
	if req.page != "" {
		if _, ok := linkedin.OrganizationURN(req.page); !ok {
			fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.page_not_id", "--page {{.Page}} is not a LinkedIn Page's ID: give the number at the end of the Page's admin address (linkedin.com/company/ID/admin), or urn:li:organization:ID", map[string]any{"Page": strconv.Quote(req.page)}))
			return ExitUsage
		}
	}
	k, code := r.workingToken()
	if code != ExitOK {
		return code
	}
	t := k.tok.AccessToken
	if program {
		return r.program(k, req)
	}
	switch format {
	case "raw":
		fmt.Fprintln(r.stdout, t)
	case "header":
		fmt.Fprintln(r.stdout, "Authorization: Bearer "+t)
	case "curl":
		// The same command as the window's "Copy as… curl command".
		fmt.Fprintf(r.stdout, "curl -H 'Authorization: Bearer %s' '%s'\n", t, r.opts.Endpoints.UserinfoURL())
	case "env":
		fmt.Fprintln(r.stdout, EnvAccessToken+"="+t)
	case "json":
		scopes := k.tok.Scopes
		if scopes == nil {
			scopes = []string{}
		}
		out := struct {
			AccessToken string     `json:"access_token"`
			TokenType   string     `json:"token_type"`
			ExpiresAt   *time.Time `json:"expires_at"`
			Scopes      []string   `json:"scopes"`
		}{t, "Bearer", utc(k.tok.ExpiresAt), scopes}
		if err := json.NewEncoder(r.stdout).Encode(out); err != nil {
			return r.fail(fmt.Errorf("write the token: %w", err))
		}
	}
	return ExitOK
}

// program prints the program req asks for, if the saved token can do
// what it does.
func (r *runner) program(k known, req tokenRequest) int {
	f := programFormats[req.format]
	e := r.opts.Endpoints
	want := linkedin.ExampleWhoYouAre
	switch {
	case req.post:
		want = linkedin.ExamplePostAsMember
	case req.page != "":
		want = linkedin.ExamplePostAsPage
	}
	scopes := k.tok.Scopes
	var xs []linkedin.Example
	if want == linkedin.ExampleWhoYouAre && len(scopes) == 0 {
		// Permissions not known (an imported token): who it is, as curl does.
		xs = []linkedin.Example{{What: linkedin.ExampleWhoYouAre, Method: "GET", URL: e.UserinfoURL()}}
	} else {
		var pages []string
		if req.page != "" {
			pages = []string{req.page}
		}
		xs = e.CodeExamples(scopes, linkedin.Authors{MemberID: k.tok.MemberID, Pages: pages}, req.text)
	}
	for _, x := range xs {
		if x.What != want {
			continue
		}
		token := ""
		if f.inline {
			token = k.tok.AccessToken
		}
		fmt.Fprint(r.stdout, x.Code(f.lang, token, linkedin.DefaultAPIVersion(r.opts.Now())))
		return ExitOK
	}
	has := func(s string) bool { return slices.Contains(scopes, s) }
	// The sign-in that gets a token which can: the saved permissions and
	// those it lacks.
	again := func(add ...string) string {
		all := slices.Clone(scopes)
		for _, s := range add {
			if !slices.Contains(all, s) {
				all = append(all, s)
			}
		}
		return loginCommandFor(k.conn) + " --scopes " + shellWord(strings.Join(all, " "))
	}
	switch {
	case len(scopes) == 0:
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.scopes_unknown", "the saved token's permissions are not known, so what it may post is not either. Sign in again with \"tokendesk login\"."))
	case want == linkedin.ExampleWhoYouAre:
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.cannot_ask_who", `this token cannot ask LinkedIn who you are: that needs Sign In with LinkedIn using OpenID Connect. Add that product to your LinkedIn app, then run "{{.Command}}".`, map[string]any{"Command": again("openid", "profile")}))
	case want == linkedin.ExamplePostAsMember && !has("w_member_social"):
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.cannot_post", `this token cannot post as you: that needs Share on LinkedIn. Add that product to your LinkedIn app, then run "{{.Command}}".`, map[string]any{"Command": again("w_member_social")}))
	case want == linkedin.ExamplePostAsMember:
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.who_unknown", `TokenDesk does not know who you are on LinkedIn yet, and a post names its author. Open TokenDesk once (it asks LinkedIn), or run "{{.Command}}" (with Sign In with LinkedIn using OpenID Connect added to your app).`, map[string]any{"Command": again("openid", "profile")}))
	default:
		fmt.Fprintln(r.stderr, "tokendesk token: "+lang.X("cli.token.cannot_post_page", `this token cannot post as a Page: that needs Community Management. Once LinkedIn has approved it for your app, run "{{.Command}}".`, map[string]any{"Command": again("w_organization_social")}))
	}
	// The command line is right; the token cannot do it: as for a token
	// that does not work, 1, with the sign-in that gets one which can.
	return ExitNoUse
}

var reminderCommand = &command{
	name: "reminder",
	summary: func() string {
		return lang.X("cli.reminder.summary", "a calendar file that reminds you before the token expires")
	},
	help: func() string {
		return lang.X("cli.reminder.help", `Writes an iCalendar file (.ics) with an event before the access token
expires and, when LinkedIn gave a refresh token, one before that expires,
with the steps to renew in the event's text. Open the file (or import it)
in your calendar: the reminder then comes even if TokenDesk is closed.
Adding it again for the same token replaces the events, not doubles them.

  tokendesk reminder > reminder.ics
  tokendesk reminder --output ~/reminder.ics --days-before 3
`)
	},
	args:           "[--connection NAME] [--output FILE] [--days-before N]",
	connectionHelp: readConnectionHelp,
	flags: func(fs *flag.FlagSet) func(*runner) int {
		output := fs.String("output", "-", lang.X("cli.flag.output", "the file to write; - for stdout"))
		days := fs.Int("days-before", int(reminder.DefaultBefore/(24*time.Hour)), lang.X("cli.flag.days_before", "how many days before the expiry the reminder comes"))
		return func(r *runner) int { return r.reminder(*output, *days) }
	},
}

func (r *runner) reminder(output string, days int) int {
	if days < 0 || days > 59 {
		fmt.Fprintln(r.stderr, "tokendesk reminder: "+lang.X("cli.reminder.days_range", "--days-before must be from 0 to 59 (LinkedIn's tokens last 60 days)."))
		return ExitUsage
	}
	k, code := r.workingToken()
	if code != ExitOK {
		return code
	}
	tok := reminder.Token{AccessExpiresAt: k.tok.ExpiresAt, RefreshExpiresAt: k.tok.RefreshTokenExpiresAt, Account: k.tok.Account}
	// Zero days is "on the day": a minute, not reminder's default.
	before := time.Duration(days) * 24 * time.Hour
	if before == 0 {
		before = time.Minute
	}
	o := reminder.Options{Before: before, Now: r.opts.Now(), Words: reminder.Words{Access: words.ReminderAccess, Refresh: words.ReminderRefresh}}
	if output == "-" {
		if err := reminder.Write(r.stdout, tok, o); err != nil {
			return r.fail(err)
		}
		return ExitOK
	}
	f, err := os.Create(output)
	if err != nil {
		return r.fail(fmt.Errorf("create the calendar file: %w", err))
	}
	werr := reminder.Write(f, tok, o)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return r.fail(werr)
	}
	fmt.Fprintln(r.stderr, lang.X("cli.reminder.wrote", "Wrote {{.File}}. Open it with your calendar to add the reminder.", map[string]any{"File": output}))
	return ExitOK
}
