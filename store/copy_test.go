package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// Issue 17, item 1: settings.json is the commit point. A copy that cannot
// be written after it (on Windows an antivirus or an indexer holding
// connections.json is enough) does not report the save failed, nor undo
// the keychain under a settings file that already names the new token.
func TestACopyThatCannotBeWrittenUndoesNothing(t *testing.T) {
	ctx := context.Background()
	s, opts, _, acme := twoConnections(t)
	// A rename over a folder fails, as over a file another program holds.
	cp := filepath.Join(opts.Dir, copyFileName)
	if err := os.Remove(cp); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(cp, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("3"), "Ada"); err != nil {
		t.Errorf("SaveToken: %v", err)
	}
	if got, err := s.Conn(DefaultConnection).Load(ctx); err != nil || got.Token == nil || got.Token.AccessToken != "AQV-3" {
		t.Errorf("after the save the saved token is %v (%v); want AQV-3", got.Token != nil, err)
	}
	other := oauthflow.Settings{ClientID: "new-app", ClientSecret: "new-app-secret", RedirectURL: "http://localhost:9000/cb", Scopes: []string{"openid"}}
	if err := s.Conn(acme).SaveSettings(ctx, other); err != nil {
		t.Errorf("SaveSettings: %v", err)
	}
	if got, err := s.Conn(acme).Load(ctx); err != nil || got.Settings.ClientID != other.ClientID || got.Settings.ClientSecret != other.ClientSecret {
		t.Errorf("after SaveSettings: client ID %q with secret %q (%v): want the new app's both", got.Settings.ClientID, got.Settings.ClientSecret, err)
	}
}

// Issue 17, item 5: settings saved by a newer TokenDesk are read, and never
// written over: an older build says so and changes nothing.
func TestNewerVersionIsNeverOverwritten(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(map[string]string{"client-secret": "s3cret"})
	dir := t.TempDir()
	newer := `{
  "version": 3,
  "current": "default",
  "connections": [{"id": "default", "name": "Main", "client_id": "78abc", "redirect_url": "http://localhost:8765/callback", "something_new": {"a": 1}}],
  "secrets_in": "keychain"
}
`
	path := filepath.Join(dir, settingsFileName)
	if err := os.WriteFile(path, []byte(newer), 0o600); err != nil {
		t.Fatal(err)
	}
	s, notices, err := Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil || len(notices) != 1 || notices[0].Kind != NoticeNewerVersion {
		t.Fatalf("Open: %v, notices %+v", err, notices)
	}
	got, err := s.Conn(DefaultConnection).Load(ctx)
	if err != nil || got.Name != "Main" || got.Settings.ClientID != "78abc" || got.Settings.ClientSecret != "s3cret" {
		t.Errorf("Load: %+v, %v", got.Settings.ClientID, err)
	}
	for name, change := range map[string]func() error{
		"SaveSettings": func() error { return s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings) },
		"SaveToken":    func() error { return s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "") },
		"Add":          func() error { _, err := s.Add(ctx, "Acme", oauthflow.Settings{}); return err },
		"Forget":       func() error { return s.ForgetEverything(ctx) },
	} {
		var e *Error
		if err := change(); !errors.Is(err, ErrNewerVersion) || !errors.As(err, &e) || e.Reason != ReasonNewerVersion {
			t.Errorf("%s = %v, want ErrNewerVersion, with its reason", name, err)
		}
	}
	if data, _ := os.ReadFile(path); string(data) != newer {
		t.Errorf("the newer TokenDesk's settings were rewritten:\n%s", data)
	}
	if kr.held()["client-secret"] != "s3cret" || len(kr.held()) != 1 {
		t.Errorf("the keychain was changed: %v", keys(kr.held()))
	}
}

// Issue 17, item 7: every damaged file is kept, each under a name of its
// own: a second one never overwrites the first (the only copy a person
// could still recover a secret from).
func TestEachDamagedFileIsKept(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opts := Options{Dir: dir, Keyring: newMemKeyring(nil), Service: "x", Timeout: time.Second}
	for _, name := range []string{settingsFileName, secretsFileName} {
		path := filepath.Join(dir, name)
		for i, damage := range []string{"{first damage", "{second damage", "{third damage"} {
			if err := os.WriteFile(path, []byte(damage), 0o600); err != nil {
				t.Fatal(err)
			}
			_ = os.Remove(filepath.Join(dir, copyFileName)) // no whole copy to bring the list back from
			if _, _, err := Open(ctx, opts); err != nil {
				t.Fatal(err)
			}
			bak := path + ".bak"
			if i > 0 {
				bak = path + "." + string(rune('1'+i)) + ".bak"
			}
			if kept, err := os.ReadFile(bak); err != nil || string(kept) != damage {
				t.Errorf("%s: damage %d kept as %s: %q, %v", name, i+1, filepath.Base(bak), kept, err)
			}
		}
		if kept, _ := os.ReadFile(path + ".bak"); string(kept) != "{first damage" {
			t.Errorf("%s: the first damaged copy was overwritten: %q", name, kept)
		}
	}
}
