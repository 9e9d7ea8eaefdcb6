package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// hammerRounds bounds the two-process tests: enough for the writers'
// read-modify-write cycles to overlap many times, few enough to finish in
// seconds on two cores.
const hammerRounds = 40

// hammerToken is the i-th token a hammering writer saves, and its expiry,
// so a reader can tell which description belongs to which token.
func hammerToken(i int) oauthflow.Token {
	return oauthflow.Token{AccessToken: fmt.Sprintf("AQVhammer-%04d-%s", i, strings.Repeat("x", 200)),
		RefreshToken: fmt.Sprintf("AQXhammer-%04d", i), Scopes: []string{"openid"},
		ExpiresAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)}
}

func hammerIndex(access string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(access, "AQVhammer-")[:4])
	if err != nil {
		return -1
	}
	return n
}

// TestTwoProcessesHammer is issue #9's third point with real processes: a
// window saving tokens, another saving the form, and `tokendesk token`
// reading, all at once on one store. No update is lost, a reader never
// sees a token with another token's expiry (or none), and the reader
// writes nothing.
func TestTwoProcessesHammer(t *testing.T) {
	needKeyring(t)
	dir, service := t.TempDir(), testService(t)
	s, _ := openReal(t, dir, service)
	t.Cleanup(func() { _ = s.ForgetEverything(context.Background()) })
	if err := s.Conn(DefaultConnection).SaveToken(context.Background(), hammerToken(0), ""); err != nil {
		t.Fatal(err)
	}

	env := []string{"STORE_CHILD_SERVICE=" + service}
	children := map[string]*exec.Cmd{}
	outs := map[string]*bytes.Buffer{}
	for _, child := range []string{"TestChildSavesTokens", "TestChildSavesForms", "TestChildReads"} {
		cmd := exec.Command(os.Args[0], "-test.run=^"+child+"$", "-test.v")
		cmd.Env = append(append(os.Environ(), "STORE_CHILD_DIR="+dir), env...)
		outs[child] = &bytes.Buffer{}
		cmd.Stdout, cmd.Stderr = outs[child], outs[child]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		children[child] = cmd
	}
	for name, cmd := range children {
		if err := cmd.Wait(); err != nil {
			t.Errorf("%s: %v\n%s", name, err, outs[name])
		}
	}

	got, err := s.Conn(DefaultConnection).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	last := hammerToken(hammerRounds)
	if got.Token == nil || got.Token.AccessToken != last.AccessToken || !got.Token.ExpiresAt.Equal(last.ExpiresAt) {
		t.Errorf("the last token saved is not the one saved: %v", got.Token)
	}
	if want := fmt.Sprintf("78form%04d", hammerRounds); got.Settings.ClientID != want || got.Settings.ClientSecret != "secret-"+want {
		t.Errorf("the last form saved was lost: client ID %q", got.Settings.ClientID)
	}
	if e := keychainTokenEntries(t, service); len(e) != 2 {
		t.Errorf("the keychain holds token entries %v, want only the saved token's two", e)
	}
}

func childService(t *testing.T) (dir, service string) {
	dir = childDir(t)
	return dir, os.Getenv("STORE_CHILD_SERVICE")
}

func TestChildSavesTokens(t *testing.T) {
	dir, service := childService(t)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: dir, Service: service})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= hammerRounds; i++ {
		if err := s.Conn(DefaultConnection).SaveToken(ctx, hammerToken(i), ""); err != nil {
			t.Fatal(err)
		}
		// What the window does after connecting: say who it is.
		if err := s.Conn(DefaultConnection).UpdateTokenInfo(ctx, hammerToken(i).AccessToken, TokenFacts{Account: "member " + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestChildSavesForms(t *testing.T) {
	dir, service := childService(t)
	ctx := context.Background()
	for i := 1; i <= hammerRounds; i++ {
		// A window started afresh each time: Open tidies, then the form is saved.
		s, _, err := Open(ctx, Options{Dir: dir, Service: service})
		if err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprintf("78form%04d", i)
		set := sampleSettings
		set.ClientID, set.ClientSecret = id, "secret-"+id
		if err := s.Conn(DefaultConnection).SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
}

func TestChildReads(t *testing.T) {
	dir, service := childService(t)
	ctx := context.Background()
	for i := 0; i < 3*hammerRounds; i++ {
		s, _, err := Open(ctx, Options{Dir: dir, Service: service, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		saved, err := s.Conn(DefaultConnection).Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if tok := saved.Token; tok != nil {
			n := hammerIndex(tok.AccessToken)
			if want := hammerToken(n); n < 0 || !tok.ExpiresAt.Equal(want.ExpiresAt) || tok.RefreshToken != want.RefreshToken {
				t.Fatalf("read token %d with expiry %v and refresh %.14q: a mix of two saves", n, tok.ExpiresAt, tok.RefreshToken)
			}
		}
		if id := saved.Settings.ClientID; id != "" && saved.Settings.ClientSecret != "secret-"+id {
			t.Fatalf("read client ID %q with another form's secret", id)
		}
	}
}

// TestReadOnlyWritesNothing: `tokendesk token` and `status` change nothing
// on disk, not even a damaged file, and wait for no keychain probe.
func TestReadOnlyWritesNothing(t *testing.T) {
	ctx := context.Background()
	dir, kr := t.TempDir(), newMemKeyring(nil)
	w, _ := openMem(t, dir, kr)
	if err := w.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := w.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(dir, tempPrefix+"settings.json-999") // another process's save in flight
	if err := os.WriteFile(leftover, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)

	r, _, err := Open(ctx, Options{Dir: dir, Service: "x", Keyring: kr, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Token == nil || got.Token.AccessToken != sampleToken.AccessToken || !got.Token.ExpiresAt.Equal(sampleToken.ExpiresAt) {
		t.Fatalf("Load = %v, %v", got.Token, err)
	}
	for name, change := range map[string]func() error{
		"SaveSettings": func() error { return r.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings) },
		"SaveToken":    func() error { return r.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "") },
		"ClearToken":   func() error { return r.Conn(DefaultConnection).ClearToken(ctx, sampleToken.AccessToken) },
	} {
		if err := change(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only store = %v, want ErrReadOnly", name, err)
		}
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("a read-only store changed the folder:\nbefore %s\nafter  %s", before, after)
	}

	// A folder no window ever made: nothing to read, nothing created.
	none := filepath.Join(t.TempDir(), "never")
	r2, _, err := Open(ctx, Options{Dir: none, Service: "x", Keyring: kr, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r2.Conn(DefaultConnection).Load(ctx); err != nil || got.Token != nil {
		t.Errorf("Load of nothing = %+v, %v", got, err)
	}
	if _, err := os.Stat(none); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a read-only store created the settings folder")
	}
}

// snapshot lists a folder's files with their contents and times.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, _ := d.Info()
		data, _ := os.ReadFile(path)
		fmt.Fprintf(&b, "%s %d %s %x; ", filepath.Base(path), info.Size(), info.ModTime().Format(time.RFC3339Nano), data)
		return nil
	})
	return b.String()
}

// TestMoveIntoKeychainWhileAnotherSaves: a window without a keychain keeps
// saving tokens to the file while another start finds a keychain and moves
// the secrets into it. Every save the first window was told succeeded is
// kept, the saves after the move are refused (that window cannot reach the
// keychain) rather than written to the file, and no secret stays in the
// file.
func TestMoveIntoKeychainWhileAnotherSaves(t *testing.T) {
	needKeyring(t)
	dir, service := t.TempDir(), testService(t)
	if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`{"version":1,"secrets_in":"file","file_fallback_notice_shown":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, _, err := Open(context.Background(), Options{Dir: dir, Service: service}); err == nil {
			_ = s.ForgetEverything(context.Background())
		}
	})
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildSavesWithoutKeychain$", "-test.v")
	cmd.Env = append(os.Environ(), "STORE_CHILD_DIR="+dir, "STORE_CHILD_SERVICE="+service)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lastSaved := -1
	lines := bufio.NewScanner(stdout)
	moved := false
	for lines.Scan() {
		line := lines.Text()
		if n, ok := strings.CutPrefix(line, "SAVED "); ok {
			lastSaved, _ = strconv.Atoi(n)
			if lastSaved == 5 && !moved {
				moved = true
				if _, _, err := Open(context.Background(), Options{Dir: dir, Service: service}); err != nil {
					t.Errorf("the start that moves the secrets: %v", err)
				}
			}
		}
	}
	_ = cmd.Wait()
	if !moved {
		t.Fatal("the child never saved 5 tokens")
	}
	s, _ := openReal(t, dir, service)
	got, err := s.Conn(DefaultConnection).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.KeptIn != BackendKeychain || got.Token == nil || hammerIndex(got.Token.AccessToken) != lastSaved {
		t.Fatalf("the last save the window was told succeeded (%d) is not what is saved: %v in %s", lastSaved, got.Token, got.KeptIn)
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("secrets.json is still on disk, in plain text, after the move")
	}
	assertNoSecretsOnDisk(t, dir, hammerToken(lastSaved).AccessToken)
}

// brokenKeyring is a computer without a keychain.
type brokenKeyring struct{}

func (brokenKeyring) Get(string, string) (string, error) { return "", errBusGone }
func (brokenKeyring) Set(string, string, string) error   { return errBusGone }
func (brokenKeyring) Delete(string, string) error        { return errBusGone }

func TestChildSavesWithoutKeychain(t *testing.T) {
	dir, service := childService(t)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: dir, Service: service, Keyring: brokenKeyring{}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 200; i++ {
		if err := s.Conn(DefaultConnection).SaveToken(ctx, hammerToken(i), ""); err != nil {
			fmt.Println("REFUSED", i)
			return
		}
		fmt.Println("SAVED", i)
	}
}
