package single

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The other TokenDesk is this test binary run again as a "window" that
// claims dir, says "claimed", and says "raised" each time it is asked to
// come to the front.
func TestMain(m *testing.M) {
	if dir := os.Getenv("SINGLE_TEST_WINDOW"); dir != "" {
		w, err := Claim(dir)
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(3)
		}
		w.OnRaise(func() { os.Stdout.WriteString("raised\n") })
		os.Stdout.WriteString("claimed\n")
		select {} // until killed
	}
	os.Exit(m.Run())
}

// tempDir is t.TempDir, but leaving the folder behind is no failure: these
// tests also run on Windows under Wine (scripts/test-wine.sh), where Wine 8
// lacks the call Go's os.RemoveAll makes there.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "single-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// startWindow starts the other process and waits until it holds the claim.
func startWindow(t *testing.T, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SINGLE_TEST_WINDOW="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(out)
	if line := nextLine(t, lines); line != "claimed" {
		t.Fatalf("the first window said %q, want \"claimed\"", line)
	}
	return cmd, lines
}

func nextLine(t *testing.T, s *bufio.Scanner) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		if s.Scan() {
			got <- s.Text()
		}
		close(got)
	}()
	select {
	case line := <-got:
		return line
	case <-time.After(10 * time.Second):
		t.Fatal("the other process said nothing for 10 s")
		return ""
	}
}

func TestSecondLaunchRaisesTheFirst(t *testing.T) {
	dir := tempDir(t)
	_, lines := startWindow(t, dir)

	if _, err := Claim(dir); !errors.Is(err, ErrRunning) {
		t.Fatalf("a second Claim while the first window runs: %v, want ErrRunning", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Raise(ctx, dir); err != nil {
		t.Fatalf("Raise: %v", err)
	}
	if line := nextLine(t, lines); line != "raised" {
		t.Fatalf("the first window said %q, want \"raised\"", line)
	}
}

func TestKilledWindowDoesNotBlockTheNext(t *testing.T) {
	dir := tempDir(t)
	cmd, _ := startWindow(t, dir)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	// Its lock file and address file are still there.
	for _, name := range []string{lockName, addrName} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("the killed window's %s: %v", name, err)
		}
	}

	w, err := Claim(dir)
	if err != nil {
		t.Fatalf("Claim after the window was killed: %v", err)
	}
	defer w.Close()
	raised := make(chan struct{}, 1)
	w.OnRaise(func() { raised <- struct{}{} })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Raise(ctx, dir); err != nil {
		t.Fatalf("Raise the new window: %v", err)
	}
	select {
	case <-raised:
	case <-time.After(5 * time.Second):
		t.Fatal("the new window was not raised")
	}
}

func TestNoWindowNoRaise(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := Raise(ctx, tempDir(t)); err == nil {
		t.Fatal("Raise with no window answered nil")
	}
}

func TestCloseLetsTheNextClaim(t *testing.T) {
	dir := tempDir(t)
	w, err := Claim(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w, err = Claim(dir)
	if err != nil {
		t.Fatalf("Claim after Close: %v", err)
	}
	w.Close()
}

// A raise that arrives before the window set OnRaise is not lost.
func TestRaiseBeforeOnRaise(t *testing.T) {
	dir := tempDir(t)
	w, err := Claim(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := Raise(ctx, dir); err != nil {
		t.Fatal(err)
	}
	raised := false
	w.OnRaise(func() { raised = true })
	if !raised {
		t.Fatal("the early raise was lost")
	}
}

// Without the key, nothing happens: another user of the computer (or a web
// page, which cannot read the file) cannot poke the window.
func TestWrongKeyIsIgnored(t *testing.T) {
	dir := tempDir(t)
	w, err := Claim(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	raised := make(chan struct{}, 1)
	w.OnRaise(func() { raised <- struct{}{} })

	data, err := os.ReadFile(filepath.Join(dir, addrName))
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(data))
	if len(fields) != 3 {
		t.Fatalf("the address file holds %d fields, want address, key and process ID", len(fields))
	}
	addr, key := fields[0], fields[1]
	if len(key) != 64 {
		t.Fatalf("the key is %d hex digits, want 64", len(key))
	}
	if host, _, _ := net.SplitHostPort(addr); host != "127.0.0.1" {
		t.Fatalf("the window listens on %s, want 127.0.0.1 only", addr)
	}
	if info, err := os.Stat(filepath.Join(dir, addrName)); err == nil && info.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
		t.Errorf("the address file is %v, want readable by its user only", info.Mode().Perm())
	}
	for _, req := range []string{"raise " + strings.Repeat("0", 64) + "\n", "raise\n", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(3 * time.Second))
		conn.Write([]byte(req))
		buf := make([]byte, 16)
		n, _ := conn.Read(buf)
		conn.Close()
		if n > 0 {
			t.Errorf("request %q got an answer %q", req, buf[:n])
		}
	}
	select {
	case <-raised:
		t.Fatal("a request without the key raised the window")
	case <-time.After(100 * time.Millisecond):
	}
}
