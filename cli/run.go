package cli

import (
	"errors"
	"flag"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/tokendesk/tokendesk/linkedin"
)

// EnvAPIVersion is the variable `tokendesk run` sets to the LinkedIn-Version
// a call to LinkedIn's versioned API (/rest/...) needs.
const EnvAPIVersion = "LINKEDIN_VERSION"

// Exit codes of `tokendesk run` when the command itself could not be
// started, as shells give them. Otherwise run exits with the command's own
// code (128+N when a signal N ended it).
const (
	ExitCannotRun = 126 // found, but not a program this system can start
	ExitNotFound  = 127 // no such program
)

var runCommand = &command{
	name: "run",
	summary: func() string {
		return lang.X("cli.run.summary", "run a command with the access token in its environment")
	},
	help: func() string {
		return lang.X("cli.run.help", `Runs COMMAND with the saved access token in its environment, as
LINKEDIN_ACCESS_TOKEN, and the LinkedIn-Version a call to LinkedIn's API
needs, as LINKEDIN_VERSION: in the command's environment only, never on
a command line or the screen. The command reads from and writes to this
terminal; Ctrl-C and the signals TokenDesk is sent reach it, and TokenDesk
waits for it to end.

  tokendesk run -- python3 post.py
  tokendesk run --connection Acme -- node report.js --since 2026-11-01

In the script, read the token from the environment:

  token = os.environ["LINKEDIN_ACCESS_TOKEN"]      # Python
  const token = process.env.LINKEDIN_ACCESS_TOKEN  // JavaScript

-- ends TokenDesk's flags: everything after it is the command and its own
arguments. First TokenDesk asks LinkedIn's Token Inspector whether LinkedIn
still accepts the token, as status does (with --offline, or when LinkedIn
cannot be asked, the saved expiry decides). When the token does not work
(none is saved, it has expired, or LinkedIn no longer accepts it), or
whether it works is not known, the command is not started: TokenDesk says
why and exits with 1.
`)
	},
	exitCodes: func() string {
		return lang.X("cli.run.exit_codes", `Exit codes:
  the command's own exit code, once it has started (128+N when signal N ended it)
  1    the command was not started: no token is saved, it has expired or was
       revoked (run "tokendesk login"), or whether it works is not known
  2    the command line is wrong
  126  the command cannot be run (not a program, or not allowed to run)
  127  the command was not found
`)
	},
	args: "[--connection NAME] [--offline] -- COMMAND [ARGS...]",
	connectionHelp: func() string {
		return lang.X("cli.flag.connection_run", "the connection whose token to give, by `NAME` or ID (default: the one in use; see tokendesk list)")
	},
	takesCommand: true,
	flags: func(fs *flag.FlagSet) func(r *runner) int {
		offline := fs.Bool("offline", false, lang.X("cli.flag.offline_run", "do not ask LinkedIn whether it accepts the token: go by its saved expiry"))
		return func(r *runner) int { return r.run(*offline) }
	},
}

// tokenToRun is the saved token when run may give it to a command, or the
// exit code after saying on stderr why not. It is status's answer (stand):
// LinkedIn's Token Inspector is asked whether LinkedIn still accepts the
// token (offline, or when it cannot be asked, the saved expiry decides),
// so that run starts a command exactly when status says the token works.
func (r *runner) tokenToRun(offline bool) (known, int) {
	sd := r.stand(offline)
	switch {
	case sd.why != "":
		fmt.Fprintln(r.stderr, "tokendesk: "+sd.why)
	case sd.k.expired:
		fmt.Fprintln(r.stderr, "tokendesk: "+expiredWhy(r.opts.Now(), sd.k))
	case sd.code == ExitOK && sd.note != "":
		fmt.Fprintln(r.stderr, "tokendesk: "+sd.note)
	}
	return sd.k, sd.code
}

// run runs the command after "--" with the working token in its
// environment, and returns its exit code.
func (r *runner) run(offline bool) int {
	if !r.dashes || len(r.child) == 0 {
		fmt.Fprintf(r.stderr, "tokendesk run: %s\n%s", lang.X("cli.run.which", "which command? Put it after --, as in: tokendesk run -- python3 script.py"), usageLine(find(r.command)))
		return ExitUsage
	}
	name := r.child[0]
	k, code := r.tokenToRun(offline)
	switch code {
	case ExitOK:
	case ExitUsage: // --connection names no connection: said, with the names there are
		return code
	default:
		// Expired, revoked, none, or not known to work (ExitUnknown
		// elsewhere): for run all the same, a command that would fail
		// with a token that does not work is not started.
		fmt.Fprintf(r.stderr, "tokendesk run: %s\n", lang.X("cli.run.not_started", "{{.Command}} was not started.", map[string]any{"Command": shellWord(name)}))
		return ExitNoUse
	}

	cmd := exec.Command(name, r.child[1:]...)
	// Only the child's environment holds the token: TokenDesk's own is
	// never changed (os.Setenv would also leave it there for whatever
	// TokenDesk starts next). The client secret login may read from
	// TokenDesk's environment is no business of the command's.
	cmd.Env = childEnv(withoutVar(os.Environ(), EnvClientSecret),
		EnvAccessToken+"="+k.tok.AccessToken,
		EnvAPIVersion+"="+linkedin.DefaultAPIVersion(r.opts.Now()))
	in, closeIn := childStdin(r.opts.Stdin)
	defer closeIn()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, r.stdout, r.stderr

	// Caught from before the start to after the end: TokenDesk outlives
	// the child whatever it is sent, and hands the signal on (relay).
	// Not a signal TokenDesk was started with ignored (nohup's SIGHUP, a
	// background job's SIGINT): it stays ignored, and so the command
	// inherits it ignored (exec keeps an ignored signal ignored, but sets
	// a caught one back to its default, which ends the command).
	sigs := make(chan os.Signal, 8)
	for _, s := range relayedSignals {
		if !signal.Ignored(s) {
			signal.Notify(sigs, s)
		}
	}
	defer signal.Stop(sigs)

	if err := cmd.Start(); err != nil {
		return r.notStarted(name, err)
	}
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(done) }()
	for {
		select {
		case s := <-sigs:
			relay(cmd.Process, s)
		case <-done:
			var ee *exec.ExitError
			if waitErr != nil && !errors.As(waitErr, &ee) {
				// The command ran and ended, but copying its input or
				// output failed (a test's reader, never a terminal's).
				fmt.Fprintf(r.stderr, "tokendesk run: %s: %v\n", shellWord(name), waitErr)
			}
			return exitStatus(cmd.ProcessState)
		}
	}
}

// notStarted says why the command could not be started and returns the
// exit code a shell gives for it.
func (r *runner) notStarted(name string, err error) int {
	word := shellWord(name)
	switch {
	case errors.Is(err, exec.ErrDot):
		fmt.Fprintf(r.stderr, "tokendesk run: %s\n", lang.X("cli.run.in_current_folder", "{{.Command}} is in the current folder, which TokenDesk does not search: run it as {{.Path}}.",
			map[string]any{"Command": word, "Path": shellWord("." + string(os.PathSeparator) + name)}))
		return ExitNotFound
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(r.stderr, "tokendesk run: %s\n", lang.X("cli.run.not_found", "no command {{.Command}} was found. Is it installed, and is its folder in PATH? (Nothing was run.)", map[string]any{"Command": word}))
		return ExitNotFound
	case errors.Is(err, fs.ErrPermission):
		fmt.Fprintf(r.stderr, "tokendesk run: %s\n", lang.X("cli.run.not_a_program", "{{.Command}} cannot be run: it is not a program you may run (a folder, or a file without permission to execute).", map[string]any{"Command": word}))
		return ExitCannotRun
	}
	fmt.Fprintf(r.stderr, "tokendesk run: %s\n", lang.X("cli.run.cannot_run", "{{.Command}} cannot be run: {{.Why}}", map[string]any{"Command": word, "Why": unwrapExecError(err).Error()}))
	return ExitCannotRun
}

// unwrapExecError is what went wrong, without exec's "exec: NAME:" (the
// message names the command already).
func unwrapExecError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	return err
}

// childEnv is environ with set ("NAME=value") in place of any variable of
// the same name: a LINKEDIN_ACCESS_TOKEN left in the shell from before is
// not the one the command gets.
func childEnv(environ []string, set ...string) []string {
	env := make([]string, 0, len(environ)+len(set))
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		replaced := false
		for _, s := range set {
			sname, _, _ := strings.Cut(s, "=")
			if sameEnvName(name, sname) {
				replaced = true
				break
			}
		}
		if !replaced {
			env = append(env, kv)
		}
	}
	return append(env, set...)
}

// withoutVar is environ without the variable name.
func withoutVar(environ []string, name string) []string {
	out := make([]string, 0, len(environ))
	for _, kv := range environ {
		if n, _, _ := strings.Cut(kv, "="); !sameEnvName(n, name) {
			out = append(out, kv)
		}
	}
	return out
}

// sameEnvName says whether two variable names are the same variable:
// Windows' names are case-insensitive.
func sameEnvName(a, b string) bool {
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// signalExitBase is what a shell adds to the number of the signal that
// ended a command, for its exit code.
const signalExitBase = 128

// exitStatus is the exit code of a command that ended: its own, or
// 128+N when signal N ended it.
func exitStatus(ps *os.ProcessState) int {
	if code := ps.ExitCode(); code >= 0 {
		return code
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return signalExitBase + int(ws.Signal())
	}
	return ExitCannotRun // not expected: ended neither by exit nor by a signal
}
