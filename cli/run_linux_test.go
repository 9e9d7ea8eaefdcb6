//go:build linux

package cli

// Signals, with real processes (Linux: the terminal's test shares
// e2e_test.go's helpers): `tokendesk run` is this test binary
// started as TokenDesk (the child "tokendesk", which runs Run on a store of
// its own), and its command another child that traps signals.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// storeSwitch is the settings folder of the child "tokendesk".
const storeSwitch = "TOKENDESK_RUN_TEST_STORE"

// trapWindow is how long the child "trap" keeps counting signals after the
// first: a signal handed on by TokenDesk as well as sent by the terminal
// comes within it.
const trapWindow = 700 * time.Millisecond

// childPatience is how long a child waits for a signal before it gives up:
// a test whose signal never comes fails rather than hangs.
const childPatience = 20 * time.Second

func childOnThisSystem(t *testing.T, args []string) int {
	switch args[0] {
	case "trap": // exits with 100+N for the first signal N, and says how many came
		sigs := make(chan os.Signal, 16)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
		fmt.Println("ready")
		var first os.Signal
		select {
		case first = <-sigs:
		case <-time.After(childPatience):
			fmt.Println("no signal came")
			return 1
		}
		n := 1
		end := time.After(trapWindow)
	counting:
		for {
			select {
			case <-sigs:
				n++
			case <-end:
				break counting
			}
		}
		fmt.Printf("signals %d\n", n)
		return 100 + int(first.(syscall.Signal))
	case "sleep": // ends as a signal's default says
		fmt.Println("ready")
		time.Sleep(childPatience)
		return 0
	case "ignored": // which of the signals it was started with ignored
		for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT} {
			fmt.Printf("%v %v\n", sig, signal.Ignored(sig))
		}
		return 0
	case "kill-self":
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(time.Minute)
		return 0
	case "tokendesk": // TokenDesk, with a working token: tokendesk run -- (child args[1:])
		o := Options{Store: store.Options{Dir: os.Getenv(storeSwitch), Service: "TokenDesk-runtest", Keyring: memkeyring.New(), Timeout: 20 * time.Second},
			Now: time.Now, Stdin: os.Stdin, Endpoints: nowhere}
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: time.Now().Add(59 * 24 * time.Hour)}, "Ada")
		exe, _ := os.Executable()
		return Run(context.Background(), append([]string{"run", "--", exe, "-test.run=^TestRunChild$", "--"}, args[1:]...), os.Stdout, os.Stderr, o)
	}
	t.Logf("no child %q", args[0])
	return 2
}

// startTokenDesk starts `tokendesk run -- (child)` as a process of its own.
func startTokenDesk(t *testing.T, child ...string) *exec.Cmd {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "settings.json"), []byte(`{"version":1,"file_fallback_notice_shown":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(storeSwitch, dir)
	args := childCommand(t, append([]string{"tokendesk"}, child...)...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return exec.CommandContext(ctx, args[0], args[1:]...)
}

// waitExit is the exit code of cmd, which must have exited by itself: not
// been killed by a signal.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); ws.Signaled() {
		t.Fatalf("TokenDesk was killed by %v before its command ended", ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

// TestRunRelaysSignals: a signal sent to TokenDesk (by kill, by a
// scheduler stopping it) reaches the command once, TokenDesk waits for the
// command, and exits with its code.
func TestRunRelaysSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := startTokenDesk(t, "trap")
			// No controlling terminal: the signal can come only from kill.
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var errOut lockedBuffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			if !lines.Scan() || lines.Text() != "ready" {
				t.Fatalf("the command did not start: %q %q", lines.Text(), errOut.String())
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			var said []string
			for lines.Scan() {
				said = append(said, lines.Text())
			}
			code := waitExit(t, cmd)
			if code != 100+int(sig) || strings.Join(said, "\n") != "signals 1" {
				t.Errorf("after %v: exit %d, the command said %q; want %d and one signal (stderr %q)", sig, code, said, 100+int(sig), errOut.String())
			}
		})
	}
	t.Run("ended by the signal", func(t *testing.T) {
		cmd := startTokenDesk(t, "sleep")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if lines := bufio.NewScanner(out); !lines.Scan() || lines.Text() != "ready" {
			t.Fatal("the command did not start")
		}
		start := time.Now()
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if code := waitExit(t, cmd); code != 128+int(syscall.SIGTERM) {
			t.Errorf("a command ended by SIGTERM: exit %d, want %d", code, 128+int(syscall.SIGTERM))
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("TokenDesk took %v to end after its command", took)
		}
	})
}

// TestRunCtrlCOnATerminal: Ctrl-C (and Ctrl-\) typed on the terminal reach
// the command once: the terminal sends them to TokenDesk's process group,
// the command's too, and TokenDesk does not hand them on again.
func TestRunCtrlCOnATerminal(t *testing.T) {
	for _, tt := range []struct {
		key string
		sig syscall.Signal
	}{{"\x03", syscall.SIGINT}, {"\x1c", syscall.SIGQUIT}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			cmd := startTokenDesk(t, "trap")
			term, tty, err := pty.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer term.Close()
			defer tty.Close()
			cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			screen := &lockedBuffer{}
			go func() { _, _ = copyAll(screen, term) }()
			waitFor(t, screen, "ready")
			fmt.Fprint(term, tt.key)
			code := waitExit(t, cmd)
			waitFor(t, screen, "signals ")
			if code != 100+int(tt.sig) || !strings.Contains(screen.String(), "signals 1") {
				t.Errorf("after %q on the terminal: exit %d; want %d and one signal:\n%s", tt.key, code, 100+int(tt.sig), screen.String())
			}
		})
	}
}

// TestRunUnderNohup: a signal TokenDesk was started with ignored (nohup's
// SIGHUP, SIGINT for a shell script's background job) stays ignored for
// the command, as it would be without TokenDesk in between: `nohup
// tokendesk run -- job &` survives the terminal closing.
func TestRunUnderNohup(t *testing.T) {
	td := startTokenDesk(t, "ignored")
	// As nohup and sh's background jobs start a program: the signals
	// ignored, kept so through exec.
	cmd := exec.CommandContext(context.Background(), "sh", append([]string{"-c", `trap '' HUP INT; exec "$0" "$@"`}, td.Args...)...)
	cmd.Env = td.Env
	out, err := cmd.Output()
	want := "hangup true\ninterrupt true\n"
	if err != nil || string(out) != want {
		t.Errorf("under nohup, the command got %q (%v); want %q", out, err, want)
	}
}

// TestRunKilledBySignal: a command a signal ended exits, as shells say it,
// with 128+N.
func TestRunKilledBySignal(t *testing.T) {
	o := testStore(t)
	o.Stdin = strings.NewReader("")
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	if code, _, errOut := run(o, append([]string{"run", "--"}, childCommand(t, "kill-self")...)...); code != 128+int(syscall.SIGKILL) {
		t.Errorf("a command killed by SIGKILL: exit %d, want %d (%q)", code, 128+int(syscall.SIGKILL), errOut)
	}
}
