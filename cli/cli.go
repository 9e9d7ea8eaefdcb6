// Package cli is TokenDesk's command line, for terminals, scripts and
// schedulers:
//
//	tokendesk login      signs in from a terminal (the one command that saves)
//	tokendesk list       the connections, and which one is in use (--json for scripts)
//	tokendesk status     says who is connected and until when, as LinkedIn says (--json for scripts)
//	tokendesk check      what the token can do, product by product, and the IDs (--json)
//	tokendesk token      prints the saved access token (--format raw|header|curl|env|json)
//	tokendesk run        runs a command with the token in its environment only
//	tokendesk reminder   writes a calendar file that reminds of the expiry
//
// With no arguments the window opens as usual (see main.go). Every command
// but login only reads: it opens the store read-only, so it never changes
// what the window saved, even while it saves.
//
// TokenDesk keeps several connections (a LinkedIn app and the member signed
// in with it). Every command but list works on one: --connection NAME picks
// it, and without it the commands use the one in use, the window's.
//
// Flags are parsed with the standard library's flag package, one FlagSet
// per command: it is maintained with Go itself, accepts both -flag and
// --flag, and the few flags here need nothing more (no new dependency).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// Exit codes, the same for every command. They are documented in the
// README and in `tokendesk --help`: scripts depend on them.
const (
	ExitOK        = 0
	ExitNoUse     = 1 // no token, or it has expired or was revoked, or lacks the permission a program needs; or the sign-in did not finish
	ExitUsage     = 2 // the command line itself is wrong, or the settings it gives are
	ExitUnknown   = 3 // LinkedIn could not be reached (or asked), or the keychain could not be read: it could not be told
	ExitCancelled = 130
)

// EnvClientSecret is where `tokendesk login` reads the client secret from
// when it is not saved: never a flag, which other users see in process lists.
const EnvClientSecret = "TOKENDESK_CLIENT_SECRET"

// inspectTimeout bounds the one question to LinkedIn's Token Inspector.
const inspectTimeout = 30 * time.Second

// readTimeout bounds reading what the window saved: waiting for the lock
// while the window saves, and the keychain (which may show an unlock prompt).
const readTimeout = time.Minute

// Options are what the commands work with; the zero value is the real thing.
type Options struct {
	// Store says where the store is. Only login opens it writable.
	Store store.Options
	// Endpoints and EndpointsError are LinkedIn's addresses, as the window
	// has them (linkedin.EndpointsFromEnv).
	Endpoints      linkedin.Endpoints
	EndpointsError error
	HTTPClient     *http.Client // login's token exchange; nil: oauthflow.NewHTTPClient()
	Now            func() time.Time
	// Version is what --version says; "": the module's build information.
	Version string

	// For login. Stdin is where pasted addresses and the client secret are
	// read from (nil: os.Stdin); Getenv reads the environment (nil:
	// os.Getenv); OpenBrowser opens the sign-in page (nil: the system's
	// browser, in WSL Windows' one, see browser.go).
	Stdin       io.Reader
	Getenv      func(string) string
	OpenBrowser func(url string) error
	// FlowTimeout bounds the wait for the browser (0: oauthflow's defaults).
	FlowTimeout time.Duration
	// SignInHelpAfter is how long login waits for the browser before it
	// says what LinkedIn's page may be showing (0: DefaultSignInHelpAfter;
	// below 0: never).
	SignInHelpAfter time.Duration
}

// command is one subcommand: its flags and what it does. Its words are
// funcs: they are read from the catalogue when said, once it is loaded
// (main's words.Use), not when the package is initialised.
type command struct {
	name    string
	args    string // after the name in the usage line
	summary func() string
	help    func() string // what --help says beneath the usage line, before the flags
	// connectionHelp is what --help says of --connection; nil for a command
	// that works on no one connection (list).
	connectionHelp func() string
	flags          func(fs *flag.FlagSet) func(r *runner) int
	// takesCommand: what follows "--" is a command to run, with its own
	// arguments, none of them this command's flags (run).
	takesCommand bool
	// exitCodes is what --help says of the exit codes; nil: exitCodesHelp.
	exitCodes func() string
}

// readConnectionHelp is --connection's help for the commands that only read.
func readConnectionHelp() string {
	return lang.X("cli.flag.connection_read", "the connection to use, by `NAME` or ID (default: the one in use; see tokendesk list)")
}

var commands []*command

func init() {
	// In the order the help lists them. (Set here, not in the declaration:
	// the commands' own help refers back to this list.)
	commands = []*command{loginCommand, listCommand, statusCommand, checkCommand, tokenCommand, runCommand, reminderCommand}
}

func exitCodesHelp() string {
	return lang.X("cli.help.exit_codes", `Exit codes:
  0    done; for status, check, token and reminder: the token works until its expiry
  1    no token is saved, or it has expired or LinkedIn rejects it (run "tokendesk
       login"); status, check and run ask LinkedIn, token and reminder go by
       what was saved; for token's programs: the token lacks a permission
       the program needs (the message says the login that adds it); for
       login: the sign-in did not finish
  2    the command line is wrong, or the settings it gives are
  3    whether the token works is not known: the keychain could not be read, or
       LinkedIn could not be reached; for login: LinkedIn could not be reached
  130  login was cancelled (Ctrl-C)
  run exits with its command's exit code once the command has started;
  1 when it did not start for want of a working token; 126 or 127 when the
  command cannot be run or was not found
`)
}

func usage() string {
	var b strings.Builder
	b.WriteString(lang.X("cli.usage.title", "TokenDesk: a LinkedIn access token for your scripts.") + "\n\n" + lang.X("cli.usage.usage", "Usage:") + "\n")
	line := func(what, text string) { fmt.Fprintf(&b, "  tokendesk %-17s %s\n", what, text) }
	line("", lang.X("cli.usage.window", "open the window"))
	for _, c := range commands {
		line(c.name, c.summary())
	}
	line("COMMAND --help", lang.X("cli.usage.command_help", "more about one command"))
	line("--version", lang.X("cli.usage.version", "the version of TokenDesk"))
	b.WriteString("\n" + exitCodesHelp())
	return b.String()
}

// runner is one run of one command.
type runner struct {
	ctx            context.Context
	stdout, stderr io.Writer
	opts           Options
	command        string // its name, for messages
	// connection is --connection's value; connectionGiven says whether it
	// was given at all (an empty name is a mistake, not "the one in use").
	connection      string
	connectionGiven bool
	// loginArgs are the settings' flags login was given: its next step
	// repeats them, since a sign-in that did not finish saved none of them.
	loginArgs []string
	// For run: dashes says "--" was given, child is what follows it.
	dashes bool
	child  []string
}

// Run runs the command in args and returns the process's exit code.
// Machine output (the token, --json, the calendar) goes to stdout only;
// everything for a person goes to stderr, so `$(tokendesk token)` is the
// token or nothing.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, opts Options) int {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = oauthflow.NewHTTPClient()
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return ExitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) == 2 {
			if c := find(args[1]); c != nil {
				fmt.Fprint(stdout, commandUsage(c))
				return ExitOK
			}
		}
		if len(args) > 1 {
			fmt.Fprintf(stderr, "tokendesk: %s\n\n%s", lang.X("cli.no_command", "no command {{.Command}}", map[string]any{"Command": strconv.Quote(strings.Join(args[1:], " "))}), usage())
			return ExitUsage
		}
		fmt.Fprint(stdout, usage())
		return ExitOK
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "tokendesk "+version(opts.Version))
		return ExitOK
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "tokendesk: %s\n\n%s", lang.X("cli.unknown_command", "unknown command {{.Command}}", map[string]any{"Command": strconv.Quote(args[0])}), usage())
		return ExitUsage
	}
	fs := flag.NewFlagSet("tokendesk "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the messages are ours, below
	r := &runner{ctx: ctx, stdout: stdout, stderr: stderr, opts: opts, command: c.name}
	if c.connectionHelp != nil {
		fs.StringVar(&r.connection, "connection", "", c.connectionHelp())
	}
	run := c.flags(fs)
	flagArgs := args[1:]
	if c.takesCommand {
		// The first "--" ends TokenDesk's flags: the command's own, after
		// it, are never read as TokenDesk's.
		if i := slices.Index(flagArgs, "--"); i >= 0 {
			r.dashes, r.child, flagArgs = true, flagArgs[i+1:], flagArgs[:i]
		}
	}
	if err := fs.Parse(flagArgs); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, commandUsage(c))
			return ExitOK
		}
		fmt.Fprintf(stderr, "tokendesk %s: %v\n\n%s", c.name, err, commandUsage(c))
		return ExitUsage
	}
	if fs.NArg() > 0 && c.takesCommand {
		// The command as it should have been: the flags, --, the rest.
		flagsGiven := args[1 : 1+len(flagArgs)-fs.NArg()]
		fixed := append(append(append([]string{"tokendesk", c.name}, flagsGiven...), "--"), args[1+len(flagsGiven):]...)
		fmt.Fprintf(stderr, "tokendesk %s: %s\n%s", c.name, lang.X("cli.run.dashes", "put -- before the command, so that its own flags are not taken for TokenDesk's: {{.Fixed}}", map[string]any{"Fixed": shellWords(fixed)}), usageLine(c))
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tokendesk %s: %s\n\n%s", c.name, lang.X("cli.unexpected", "unexpected {{.Args}}", map[string]any{"Args": strconv.Quote(strings.Join(fs.Args(), " "))}), commandUsage(c))
		return ExitUsage
	}
	fs.Visit(func(f *flag.Flag) { r.connectionGiven = r.connectionGiven || f.Name == "connection" })
	if r.connectionGiven && strings.TrimSpace(r.connection) == "" {
		fmt.Fprintf(stderr, "tokendesk %s: %s\n", c.name, lang.X("cli.connection_empty", `--connection needs a name ("tokendesk list" lists them).`))
		return ExitUsage
	}
	return run(r)
}

func find(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// commandUsage is a command's --help: usage line, text, flags, exit codes.
func commandUsage(c *command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", usageLine(c), strings.TrimRight(c.help(), "\n"))
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.connectionHelp != nil {
		var conn string
		fs.StringVar(&conn, "connection", "", c.connectionHelp())
	}
	c.flags(fs)
	b.WriteString("\n" + lang.X("cli.usage.flags", "Flags:") + "\n")
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(&b, "%-28s %s", line, text)
		if f.DefValue != "" && f.DefValue != "false" {
			b.WriteString(" " + lang.X("cli.usage.default", "(default {{.Value}})", map[string]any{"Value": f.DefValue}))
		}
		b.WriteString("\n")
	})
	codes := exitCodesHelp()
	if c.exitCodes != nil {
		codes = c.exitCodes()
	}
	b.WriteString("\n" + codes)
	return b.String()
}

// usageLine is the first line of a command's --help.
func usageLine(c *command) string {
	return fmt.Sprintf("%s tokendesk %s %s\n", lang.X("cli.usage.usage", "Usage:"), c.name, c.args)
}

func version(v string) string {
	if v != "" {
		return v
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "(" + words.DevelopmentBuild() + ")"
}

// message is an error's words for a person, its message and hint, with
// no next step: for a line that goes on, or whose step follows it.
func message(err error) string {
	msg, hint, detail := words.Explain(err)
	if detail != "" && !errors.As(err, new(*oauthflow.Error)) && !errors.As(err, new(*store.Error)) {
		// An error the catalogue has no facts for (a calendar file that
		// could not be created): "Something went wrong" alone would not
		// say what to check, and its own text holds no secret.
		msg += " (" + detail + ")"
	}
	return strings.TrimSpace(msg + " " + hint)
}

// explained is an error's words and the terminal's next step for it:
// login is the command that signs in, again the one that does the same
// again.
func explained(err error, login, again string) string {
	return strings.TrimSpace(message(err) + " " + step(words.NextStep(err), login, again))
}

// step is the terminal's words for what a person can do next (the window
// names its buttons for the same facts).
func step(next words.Next, login, again string) string {
	switch next {
	case words.NextRetry:
		return runAgain(again)
	case words.NextLater:
		return lang.X("cli.step.later", `Run "{{.Command}}" again later.`, map[string]any{"Command": again})
	case words.NextSignIn:
		if again == login {
			return runAgain(login)
		}
		return lang.X("cli.step.sign_in", `Run "{{.Command}}" to sign in again.`, map[string]any{"Command": login})
	case words.NextPaste:
		if !strings.Contains(login+" ", " --paste ") {
			login += " --paste"
		}
		return lang.X("cli.step.paste", `Run "{{.Command}}" and paste the address.`, map[string]any{"Command": login})
	}
	return ""
}

func runAgain(command string) string {
	return lang.X("cli.step.again", `Run "{{.Command}}" again.`, map[string]any{"Command": command})
}

// explained is err's words and this command's next step.
func (r *runner) explained(err error) string {
	login, again := r.commands()
	return explained(err, login, again)
}

// commands is the command that signs in the connection this one works on,
// and this one, to copy into a shell.
func (r *runner) commands() (login, again string) {
	login, again = "tokendesk login", "tokendesk "+r.command
	if r.connectionGiven {
		login += " --connection " + shellWord(r.connection)
		again += " --connection " + shellWord(r.connection)
	}
	for _, a := range r.loginArgs {
		login += " " + a
	}
	if r.command == "login" {
		again = login // as given: a sign-in that did not finish saved none of its flags
	}
	return login, again
}

func (r *runner) fail(err error) int {
	fmt.Fprintln(r.stderr, "tokendesk: "+r.explained(err))
	return ExitNoUse
}
