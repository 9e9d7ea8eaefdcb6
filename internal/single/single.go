// Package single keeps TokenDesk to one window per person. A second
// double-click must not start a second copy that fights the first over the
// redirect port and the settings: it asks the first to come to the front,
// and exits.
//
// The first window holds an OS file lock in the settings folder (released by
// the OS when the process ends, however it ends, so a crash leaves nothing
// that blocks the next start) and listens on 127.0.0.1, on a port the OS
// picks. It writes that address and a random key to a file only its user can
// read; a second launch that cannot take the lock reads the file and sends
// the key, and the first window answers and comes to the front. The key keeps
// other users of the computer, and web pages, from poking the window.
package single

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// ErrRunning is what Claim says when another TokenDesk window holds the claim.
var ErrRunning = errors.New("TokenDesk is already open")

// Names of the files in the settings folder.
const (
	lockName = "window.lock"
	addrName = "window.addr"
)

// The one request and answer. A request line is short; anything longer is
// not ours.
const (
	request    = "raise "
	answer     = "ok\n"
	maxRequest = 128
	ioTimeout  = 2 * time.Second
)

// Window is this process's claim to be the one TokenDesk window.
type Window struct {
	lock *flock.Flock
	ln   net.Listener
	key  string
	done chan struct{}

	mu      sync.Mutex
	onRaise func()
	pending bool // a raise came before OnRaise was set
}

// Claim makes this process the one TokenDesk window for the settings folder
// dir, or returns ErrRunning when another process already is.
func Claim(dir string) (*Window, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	lock := flock.New(filepath.Join(dir, lockName))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", lock.Path(), err)
	}
	if !ok {
		return nil, ErrRunning
	}
	w, err := listen(dir, lock)
	if err != nil {
		_ = lock.Unlock()
		return nil, err
	}
	return w, nil
}

func listen(dir string, lock *flock.Flock) (*Window, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, fmt.Errorf("make a key: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen on 127.0.0.1: %w", err)
	}
	w := &Window{lock: lock, ln: ln, key: hex.EncodeToString(raw[:]), done: make(chan struct{})}
	line := fmt.Sprintf("%s %s %d\n", ln.Addr(), w.key, os.Getpid())
	if err := writeFile(filepath.Join(dir, addrName), line); err != nil {
		ln.Close()
		return nil, err
	}
	go w.serve()
	return w, nil
}

// writeFile replaces path with data, so that a second launch never reads
// half an address. os.CreateTemp makes the file readable by this user only
// (0600); on Windows the settings folder is the user's own.
func writeFile(path, data string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), addrName+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// OnRaise sets what to do when another launch asks for the window: bring it
// to the front. f runs on the package's own goroutine. A request that came
// before OnRaise is passed on at once.
func (w *Window) OnRaise(f func()) {
	w.mu.Lock()
	w.onRaise = f
	pending := w.pending
	w.pending = false
	w.mu.Unlock()
	if pending && f != nil {
		f()
	}
}

// Close gives up the claim: the next launch opens a window.
func (w *Window) Close() error {
	err := w.ln.Close()
	<-w.done
	return errors.Join(err, w.lock.Unlock())
}

func (w *Window) serve() {
	defer close(w.done)
	for {
		conn, err := w.ln.Accept()
		if err != nil {
			return // closed
		}
		// One at a time: requests are rare, and one that stalls gives up
		// after ioTimeout.
		w.handle(conn)
	}
}

func (w *Window) handle(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(ioTimeout))
	line, err := bufio.NewReader(io.LimitReader(conn, maxRequest)).ReadString('\n')
	if err != nil {
		return
	}
	got, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), request)
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(w.key)) != 1 {
		return
	}
	w.mu.Lock()
	f := w.onRaise
	if f == nil {
		w.pending = true
	}
	w.mu.Unlock()
	if f != nil {
		f()
	}
	_, _ = io.WriteString(conn, answer)
}

// Raise asks the TokenDesk window that holds the claim for dir to come to
// the front, and returns nil once it has agreed. It keeps trying until ctx
// ends: the window may have just started and not yet written its address.
func Raise(ctx context.Context, dir string) error {
	var last error
	for {
		if last = raiseOnce(ctx, dir); last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the open TokenDesk window did not answer: %w", last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func raiseOnce(ctx context.Context, dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, addrName))
	if err != nil {
		return err
	}
	fields := strings.Fields(string(data))
	if len(fields) != 3 {
		return errors.New("the window's address file is damaged")
	}
	addr, key := fields[0], fields[1]
	if pid, err := strconv.Atoi(fields[2]); err == nil {
		allowForeground(pid)
	}
	// Only ever loopback, whatever the file says.
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host != "127.0.0.1" {
		return fmt.Errorf("the window's address %q is not on 127.0.0.1", addr)
	}
	d := net.Dialer{Timeout: ioTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline := time.Now().Add(ioTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = conn.SetDeadline(deadline)
	if _, err := io.WriteString(conn, request+key+"\n"); err != nil {
		return err
	}
	got, err := bufio.NewReader(io.LimitReader(conn, maxRequest)).ReadString('\n')
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	if got != answer {
		return fmt.Errorf("unexpected answer %q", got)
	}
	return nil
}
