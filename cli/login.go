package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/term"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

type loginFlags struct {
	clientID, redirectURL, scopes string
	paste, noBrowser              bool
}

var loginCommand = &command{
	name: "login",
	summary: func() string {
		return lang.X("cli.login.summary", "sign in to LinkedIn from a terminal and save the token")
	},
	help: func() string {
		return lang.X("cli.login.help", `Signs in to LinkedIn as the window's Connect does, and saves the token where
the window keeps it. It opens your browser at LinkedIn's sign-in page, or
prints the link when no browser can open here (over SSH, or without a
display; in WSL it opens Windows' browser). After you press Allow, your
browser comes back to TokenDesk by itself; or, with --paste or a redirect
URL that is not on this computer, you paste the address your browser shows.

It signs in the connection in use, or the one --connection names; a name
no connection has makes a new connection of that name (the one in use stays
the one in use), which needs --client-id and the Client secret.

It uses the connection's saved Client ID, redirect URL and permissions, and
its saved Client secret; the flags below replace them, and are saved once
you are signed in: a sign-in that does not finish changes nothing. The
Client secret is read from TOKENDESK_CLIENT_SECRET or asked for here,
without showing it: it is never a flag, because other users can see flags.
Messages and questions go to stderr; Ctrl-C cancels.
`)
	},
	args: "[--connection NAME] [--client-id ID] [--redirect-url URL] [--scopes LIST] [--paste] [--no-browser]",
	connectionHelp: func() string {
		return lang.X("cli.flag.connection_login", "the connection to sign in, by `NAME` or ID (default: the one in use); a new name makes a new connection")
	},
	flags: func(fs *flag.FlagSet) func(*runner) int {
		var f loginFlags
		fs.StringVar(&f.clientID, "client-id", "", lang.X("cli.flag.client_id", "your LinkedIn app's Client ID (Auth tab)"))
		fs.StringVar(&f.redirectURL, "redirect-url", "", lang.X("cli.flag.redirect_url", "the redirect URL on your app's Auth tab (default {{.URL}})", map[string]any{"URL": oauthflow.DefaultRedirectURL}))
		fs.StringVar(&f.scopes, "scopes", "", lang.X("cli.flag.scopes", `the permissions to ask for, e.g. "openid profile email" (default: the saved ones, or openid profile email)`))
		fs.BoolVar(&f.paste, "paste", false, lang.X("cli.flag.paste", "paste the address from the browser rather than wait for it"))
		fs.BoolVar(&f.noBrowser, "no-browser", false, lang.X("cli.flag.no_browser", "print the sign-in link; do not open a browser"))
		return func(r *runner) int { return r.login(f) }
	},
}

func (r *runner) say(format string, a ...any) { fmt.Fprintf(r.stderr, format, a...) }

func (r *runner) login(lf loginFlags) int {
	for _, f := range []struct{ name, value string }{{"--client-id", lf.clientID}, {"--redirect-url", lf.redirectURL}, {"--scopes", lf.scopes}} {
		if f.value != "" {
			r.loginArgs = append(r.loginArgs, f.name, shellWord(f.value))
		}
	}
	if lf.paste {
		r.loginArgs = append(r.loginArgs, "--paste")
	}
	if lf.noBrowser {
		r.loginArgs = append(r.loginArgs, "--no-browser")
	}
	// Ctrl-C cancels the context; the flow's Close (below) then frees the
	// port at once. A second Ctrl-C, once stop has run, ends the process
	// the usual way.
	ctx, stop := signal.NotifyContext(r.ctx, os.Interrupt)
	defer stop()

	if r.opts.EndpointsError != nil {
		r.say("tokendesk: %s\n", message(r.opts.EndpointsError))
		return ExitUsage
	}
	s, notices, err := store.Open(ctx, r.opts.Store) // writable: login saves
	if err != nil {
		return r.fail(err)
	}
	for _, n := range notices {
		msg, hint := words.Notice(n)
		login, again := r.commands()
		r.say("%s\n", strings.TrimSpace(strings.TrimSpace(msg+" "+hint)+" "+step(words.NoticeStep(n), login, again)))
	}
	l, err := s.List(ctx)
	if err != nil {
		return r.fail(err)
	}
	conn, found := r.pick(l)
	var saved store.Saved // a new connection starts with nothing saved
	if found {
		saved, err = s.ConnSeen(conn.id, l).Load(ctx)
		if err != nil {
			// A locked keychain is not an empty one: do not sign in and then
			// fail to save, or overwrite what could not be read.
			return r.fail(err)
		}
	} else if _, err := l.CheckNewName(conn.name); err != nil {
		// Before LinkedIn is asked: the rule the save applies, said now.
		r.say("tokendesk login: --connection %s: %s\n", strconv.Quote(conn.name), message(err))
		return ExitUsage
	}

	set := saved.Settings
	otherApp := lf.clientID != "" && strings.TrimSpace(lf.clientID) != set.ClientID
	if lf.clientID != "" {
		set.ClientID = lf.clientID
	}
	if lf.redirectURL != "" {
		set.RedirectURL = lf.redirectURL
	}
	if set.RedirectURL == "" {
		set.RedirectURL = oauthflow.DefaultRedirectURL
	}
	if lf.scopes != "" {
		set.Scopes = oauthflow.ParseScopes(lf.scopes)
	}
	if len(set.Scopes) == 0 {
		set.Scopes = slices.Clone(oauthflow.DefaultScopes)
	}
	if otherApp {
		set.ClientSecret = "" // the saved secret is another app's
	}
	if env := strings.TrimSpace(r.opts.Getenv(EnvClientSecret)); env != "" {
		set.ClientSecret = env
	}
	// The browser opener (xdg-open, and the browser it starts) would
	// inherit the secret in its environment: it has no business there.
	_ = os.Unsetenv(EnvClientSecret)
	if set.ClientSecret == "" && !set.PKCE && set.ClientID != "" {
		secret, code := r.askSecret(ctx)
		if code != ExitOK {
			return code
		}
		set.ClientSecret = secret
	}
	set = set.Clean() // where the flags come in: from here on, taken as they are
	if err := set.Validate(); err != nil {
		r.sayInvalid(err)
		return ExitUsage
	}

	into := store.Into{ID: conn.id, DefaultEpoch: l.DefaultEpoch}
	if !found {
		into = store.Into{NewName: conn.name}
	}
	si, err := connection.Begin(ctx, s, r.opts.Endpoints, into, set, oauthflow.Config{HTTPClient: r.opts.HTTPClient, Now: r.opts.Now,
		Timeout: r.opts.FlowTimeout, PasteTimeout: r.opts.FlowTimeout, Page: words.BrowserPage})
	if err != nil {
		return r.loginFailed(err)
	}
	defer si.Close()
	// Close on Ctrl-C, at once: the port is free before Wait has even
	// returned, and a Wait blocked on the exchange ends too.
	stopClose := context.AfterFunc(ctx, si.Close)
	defer stopClose()

	if lf.paste {
		si.Flow.SwitchToPaste() // stops listening: nothing waits on the port
	}
	r.showSignIn(si.Flow, lf.noBrowser)

	got, err := r.waitForSignIn(ctx, si)
	var notSaved *connection.NotSavedError
	switch {
	case errors.As(err, &notSaved):
		r.say("tokendesk: %s\n", lang.X("cli.login.not_saved", "You are signed in, but your settings and token could not be saved: {{.Why}}", map[string]any{"Why": r.explained(notSaved.Err)}))
		return ExitNoUse
	case err != nil && ctx.Err() != nil:
		stop()
		r.say("\n%s\n", words.Cancelled())
		return ExitCancelled
	case err != nil:
		return r.loginFailed(err)
	}
	printIt := "tokendesk token"
	if !got.Into.Current {
		printIt += " --connection " + shellWord(got.Into.Name)
	}
	data := map[string]any{"Print": printIt, "Name": strconv.Quote(got.Into.Name), "Asked": strconv.Quote(conn.name)}
	kept := lang.X("cli.login.saved", `Your token is saved: "{{.Print}}" prints it.`, data)
	switch {
	case got.Into.Renamed:
		kept = lang.X("cli.login.saved_renamed", `Your token is saved in the new connection {{.Name}} (another sign-in made {{.Asked}} meanwhile): "{{.Print}}" prints it.`, data)
	case got.Into.Made:
		kept = lang.X("cli.login.saved_new", `Your token is saved in the new connection {{.Name}}: "{{.Print}}" prints it.`, data)
	}
	// The window's words for who is connected and until when.
	r.say("\n%s %s\n%s\n", words.ConnectedAs(got.Token.Account, ""), words.Expiry(r.opts.Now(), got.Token.ExpiresAt), kept)
	return ExitOK
}

// askSecret asks for the client secret on the terminal without echoing it.
func (r *runner) askSecret(ctx context.Context) (string, int) {
	in, ok := r.opts.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		// The form's words for an empty Client secret, then where the
		// terminal takes it from.
		msg, hint := words.Problem(oauthflow.Problem{Field: oauthflow.FieldClientSecret, Reason: oauthflow.ReasonClientSecretEmpty})
		r.say("tokendesk login: %s %s %s\n", msg, hint, lang.X("cli.login.secret_where", "Set {{.Env}} to it, or run this in a terminal to be asked for it.", map[string]any{"Env": EnvClientSecret}))
		return "", ExitUsage
	}
	fd := int(in.Fd())
	old, err := term.GetState(fd)
	if err != nil {
		return "", r.fail(fmt.Errorf("read from the terminal: %w", err))
	}
	r.say("%s ", lang.X("cli.login.secret_prompt", "Client secret (the Primary Client Secret on your app's Auth tab; it is not shown as you type):"))
	type answer struct {
		b   []byte
		err error
	}
	got := make(chan answer, 1)
	go func() { b, err := term.ReadPassword(fd); got <- answer{b, err} }()
	select {
	case a := <-got:
		r.say("\n")
		if a.err != nil {
			return "", r.fail(fmt.Errorf("read the Client secret: %w", a.err))
		}
		return strings.TrimSpace(string(a.b)), ExitOK
	case <-ctx.Done():
		// ReadPassword turned echo off; put the terminal back as it was.
		_ = term.Restore(fd, old)
		r.say("\n%s\n", words.Cancelled())
		return "", ExitCancelled
	}
}

// sayInvalid lists every problem with the settings, with the flag to fix it.
func (r *runner) sayInvalid(err error) {
	flagFor := map[oauthflow.Field]string{
		oauthflow.FieldClientID:     "--client-id",
		oauthflow.FieldClientSecret: EnvClientSecret,
		oauthflow.FieldRedirectURL:  "--redirect-url",
		oauthflow.FieldScopes:       "--scopes",
	}
	var v *oauthflow.ValidationError
	if !errors.As(err, &v) {
		r.say("tokendesk login: %s\n", message(err))
		return
	}
	r.say("tokendesk login: %s\n", lang.X("cli.login.settings_incomplete", "the settings are not complete yet:"))
	for _, p := range v.Problems {
		msg, hint := words.Problem(p)
		r.say("  %s (%s): %s %s\n", p.Field, flagFor[p.Field], msg, hint)
	}
}

// loginFailed says why the sign-in did not finish, and picks the exit code.
func (r *runner) loginFailed(err error) int {
	r.say("tokendesk: %s\n", r.explained(err))
	switch {
	case errors.Is(err, oauthflow.ErrInvalidSettings), errors.Is(err, linkedin.ErrBadEndpoint):
		return ExitUsage
	case errors.Is(err, oauthflow.ErrNetwork), errors.Is(err, oauthflow.ErrLinkedInDown):
		return ExitUnknown
	}
	return ExitNoUse
}

// showSignIn opens the browser at the sign-in page, or prints the link.
// The link is printed either way: an opener that "worked" may have shown
// nothing (no handler set up, a browser on another screen).
func (r *runner) showSignIn(f *oauthflow.Flow, noBrowser bool) {
	open := r.opts.OpenBrowser
	if open == nil && !noBrowser {
		open = systemOpener(r.opts.Getenv, r.stderr)
	}
	if noBrowser {
		open = nil
	}
	opened := false
	if open != nil {
		if err := open(f.AuthURL()); err == nil {
			opened = true
		}
	}
	if opened {
		r.say("%s\n\n  %s\n\n", lang.X("cli.login.browser_opening", "Your browser is opening LinkedIn's sign-in page. Sign in there and press Allow.\nIf it did not open, open this link in a browser:"), f.AuthURL())
	} else {
		r.say("%s\n\n  %s\n\n", lang.X("cli.login.open_link", "Open this link in a browser, sign in to LinkedIn and press Allow:"), f.AuthURL())
	}
	if f.Mode() == oauthflow.Paste {
		// The window's words for the address to paste; then the terminal's
		// way to hand it over.
		help := words.PasteHelp(f.Settings().RedirectURL)
		if f.RedirectMode() == oauthflow.Paste {
			help = words.PasteWhy() + " " + help
		}
		r.say("%s %s\n", help, lang.X("cli.login.press_enter", "Then press Enter:"))
		return
	}
	r.say("%s\n", lang.X("cli.login.waiting", `Waiting for your browser (Ctrl-C to cancel)… If it says "This site can't be reached" after you press Allow, copy the address from its address bar, paste it here and press Enter.`))
}

type signIn struct {
	got connection.SignedIn
	err error
}

// waitForSignIn waits for the browser's return, and meanwhile reads what
// the person pastes: in the loopback flow too, where a paste is the way
// out when the browser runs on another computer (SSH).
func (r *runner) waitForSignIn(ctx context.Context, si *connection.SignIn) (connection.SignedIn, error) {
	f := si.Flow
	done := make(chan signIn, 1)
	go func() {
		got, err := si.Finish(ctx)
		done <- signIn{got, err}
	}()
	quit := make(chan struct{})
	defer close(quit)
	lines := readLines(r.opts.Stdin, quit)
	help := r.watchForStop(ctx, si, quit)
	submitted := false // a paste was accepted: the flow is trading it for a token
	for {
		select {
		case res := <-done:
			return res.got, res.err
		case check := <-help:
			help = nil
			if !submitted {
				r.sayStopHelp(si, check)
			}
		case line, ok := <-lines:
			if !ok {
				lines = nil
				if f.Mode() == oauthflow.Paste && !submitted {
					// Nothing more can be pasted: waiting on is waiting forever.
					f.Close()
					res := <-done
					if res.err == nil {
						return res.got, nil
					}
					return connection.SignedIn{}, &oauthflow.Error{Kind: oauthflow.KindCancelled, Reason: oauthflow.ReasonInputEnded, Err: res.err}
				}
				continue
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			if err := f.SubmitPaste(line); err != nil {
				r.say("%s\n%s\n", message(err), lang.X("cli.login.paste_again", "Paste the address again and press Enter:"))
				continue
			}
			submitted = true
			r.say("%s\n", words.Checking())
		}
	}
}

// readLines reads lines from in until it ends or quit is closed. The
// goroutine may outlive the sign-in, blocked reading a terminal: the
// process ends soon after.
func readLines(in io.Reader, quit <-chan struct{}) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 4096), 64<<10)
		for sc.Scan() {
			select {
			case out <- sc.Text():
			case <-quit:
				return
			}
		}
	}()
	return out
}

// DefaultSignInHelpAfter is how long login waits for the browser before it
// says what LinkedIn's page may be showing: longer than LinkedIn takes to
// show its page, shorter than a person takes to give up.
const DefaultSignInHelpAfter = 5 * time.Second

// watchForStop asks LinkedIn for the sign-in page itself (LinkedIn shows
// some mistakes only there, and never sends the browser back), and hands
// over what it saw once the browser has taken SignInHelpAfter: once, and
// not before the check has its answer (the check bounds its own wait).
func (r *runner) watchForStop(ctx context.Context, si *connection.SignIn, quit <-chan struct{}) <-chan linkedin.SignInCheck {
	after := r.opts.SignInHelpAfter
	if after == 0 {
		after = DefaultSignInHelpAfter
	}
	if after < 0 {
		return nil
	}
	out := make(chan linkedin.SignInCheck, 1)
	go func() {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		checked := make(chan linkedin.SignInCheck, 1)
		go func() {
			check, _ := si.CheckSignInPage(ctx) // no answer: the likely causes are said
			checked <- check
		}()
		t := time.NewTimer(after)
		defer t.Stop()
		select {
		case <-t.C:
		case <-quit:
			return
		}
		select {
		case check := <-checked:
			out <- check
		case <-quit:
		}
	}()
	return out
}

// sayStopHelp says what LinkedIn's page may be showing and the fix, with
// what to copy and where to go, and then what the person can still do
// here: paste, or stop and run login again.
func (r *runner) sayStopHelp(si *connection.SignIn, check linkedin.SignInCheck) {
	set := si.Settings()
	help := words.SignInStopHelp(check, set)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s %s\n", lang.X("cli.login.still_waiting", "Still waiting for your browser."), help.Title)
	for _, line := range help.Lines {
		if help.Found {
			fmt.Fprintf(&b, "  %s\n", line)
		} else {
			fmt.Fprintf(&b, "  - %s\n", line)
		}
	}
	b.WriteString(lang.X("cli.login.redirect_exactly", "Your redirect URL, exactly as TokenDesk uses it: {{.URL}}", map[string]any{"URL": set.RedirectURL}) + "\n")
	switch portal := linkedin.DeveloperAppURL(check.AppID, help.Tab); {
	case portal == linkedin.DeveloperPortalURL:
		b.WriteString(lang.X("cli.login.portal_apps", "Your LinkedIn apps (open yours, then its {{.Tab}} tab): {{.URL}}", map[string]any{"Tab": tabName(help.Tab), "URL": portal}) + "\n")
	default:
		b.WriteString(lang.X("cli.login.portal_tab", "Your app's {{.Tab}} tab: {{.URL}}", map[string]any{"Tab": tabName(help.Tab), "URL": portal}) + "\n")
	}
	login, _ := r.commands()
	b.WriteString(lang.X("cli.login.stop_fix", `Press Ctrl-C to stop, fix it, and run "{{.Command}}" again.`, map[string]any{"Command": login}))
	if si.Flow.Mode() == oauthflow.Paste {
		b.WriteString(" " + lang.X("cli.login.or_paste", "Or, once you have pressed Allow, paste the address your browser shows here and press Enter:"))
	}
	r.say("%s\n", b.String())
}

// tabName is a Developer Portal tab as the portal names it.
func tabName(tab string) string {
	if tab == linkedin.TabProducts {
		return "Products"
	}
	return "Auth"
}
