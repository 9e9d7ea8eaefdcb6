package store

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// Two connections keep apart everything: settings, client secrets, tokens;
// Rename, Duplicate (no token), SetCurrent and Delete (its secrets gone)
// change only what they name; all on the real test keychain.
func TestConnectionsKeepApart(t *testing.T) {
	needKeyring(t)
	ctx := context.Background()
	dir, service := t.TempDir(), testService(t)
	s, _ := openReal(t, dir, service)
	t.Cleanup(func() { _ = s.ForgetEverything(ctx) })

	def := s.Conn(DefaultConnection)
	if err := def.SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := def.SaveToken(ctx, sampleToken, "Ada Lovelace"); err != nil {
		t.Fatal(err)
	}
	other := oauthflow.Settings{ClientID: "86clientb", ClientSecret: "secret-of-b", RedirectURL: "http://localhost:8766/callback", Scopes: []string{"w_member_social"}}
	id, err := s.Add(ctx, "  Acme page ", other)
	if err != nil {
		t.Fatal(err)
	}
	tokB := oauthflow.Token{AccessToken: "AQV-acme", Scopes: []string{"w_member_social"}, ExpiresAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.Conn(id).SaveToken(ctx, tokB, "Grace Hopper"); err != nil {
		t.Fatal(err)
	}

	l, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Names(); !slices.Equal(got, []string{"default", "Acme page"}) || l.Current != DefaultConnection {
		t.Fatalf("List = %v current %q; want [default Acme page], the one in use kept", got, l.Current)
	}
	if c, ok := l.Find("ACME PAGE"); !ok || c.ID != id || c.Token == nil || c.Token.Account != "Grace Hopper" || c.ClientID != "86clientb" {
		t.Fatalf("Find(ACME PAGE) = %+v, %v", c, ok)
	}
	a, _ := s.Conn(DefaultConnection).Load(ctx)
	b, _ := s.Conn(id).Load(ctx)
	if a.Settings.ClientSecret != sampleSettings.ClientSecret || a.Token.AccessToken != sampleToken.AccessToken ||
		b.Settings.ClientSecret != "secret-of-b" || b.Token.AccessToken != "AQV-acme" || b.Name != "Acme page" {
		t.Fatalf("loaded %q/%v and %q/%v: the connections mixed", a.Settings.ClientID, a.Token != nil, b.Settings.ClientID, b.Token != nil)
	}
	// The default connection keeps the plain entry names; the other's
	// start with its ID.
	if v, ok := secretTool(t, service, id+"/client-secret"); !ok || v != "secret-of-b" {
		t.Errorf("the keychain has %q under %s/client-secret; want secret-of-b", v, id)
	}

	if err := s.Rename(ctx, id, "Default"); !errors.Is(err, ErrBadName) {
		t.Errorf("Rename to another's name (in another case) = %v; want ErrBadName", err)
	}
	if err := s.Rename(ctx, id, "Acme Corp"); err != nil {
		t.Fatal(err)
	}
	dup, err := s.Duplicate(ctx, id, "Acme Corp, Bob")
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Conn(dup).Load(ctx)
	if err != nil || d.Token != nil || d.Settings.ClientSecret != "secret-of-b" || d.Settings.ClientID != "86clientb" {
		t.Fatalf("Duplicate loads %+v, %v; want the app's settings and secret, no token", d.Settings.ClientID, err)
	}

	if err := s.SetCurrent(ctx, DefaultConnection); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	for _, name := range entriesOf(id).all() {
		if _, ok := secretTool(t, service, name); ok {
			t.Errorf("the deleted connection's %s is still in the keychain", name)
		}
	}
	if _, err := s.Conn(id).Load(ctx); !errors.Is(err, ErrNoConnection) {
		t.Errorf("Load of a deleted connection = %v; want ErrNoConnection", err)
	}
	if err := s.Conn(id).SaveSettings(ctx, other); !errors.Is(err, ErrNoConnection) {
		t.Errorf("SaveSettings of a deleted connection = %v; want ErrNoConnection (it must not come back)", err)
	}
	l, _ = s.List(ctx)
	if got := l.Names(); !slices.Equal(got, []string{"default", "Acme Corp, Bob"}) || l.Current != DefaultConnection {
		t.Fatalf("after Delete: %v current %q", got, l.Current)
	}
	if a2, _ := s.Conn(DefaultConnection).Load(ctx); a2.Token == nil || a2.Token.AccessToken != sampleToken.AccessToken {
		t.Error("deleting one connection touched another's token")
	}

	if err := s.ForgetEverything(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range append(entriesOf(DefaultConnection).all(), entriesOf(dup).all()...) {
		if _, ok := secretTool(t, service, name); ok {
			t.Errorf("after Forget everything, %s is still in the keychain", name)
		}
	}
	if l, _ := s.List(ctx); len(l.Connections) != 0 {
		t.Errorf("after Forget everything, connections %v", l.Names())
	}
}

// Deleting the current connection makes the next one current; a change to
// a connection never touches another's token in the keychain.
func TestDeleteCurrentPicksTheNext(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range []string{"one", "two", "three"} {
		id, err := s.Add(ctx, n, sampleSettings)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	_ = s.SetCurrent(ctx, ids[1])
	if err := s.Delete(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.List(ctx); l.Current != ids[2] {
		t.Errorf("current after deleting it = %q; want the next, %q", l.Current, ids[2])
	}
	if err := s.Delete(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.List(ctx); l.Current != ids[0] {
		t.Errorf("current after deleting the last = %q; want %q", l.Current, ids[0])
	}
}

func TestConnectionNames(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, "Acme", oauthflow.Settings{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", "   ", "acme", " ACME ", strings.Repeat("x", MaxNameLength+1), "tab\there", "new\nline"} {
		if _, err := s.Add(ctx, name, oauthflow.Settings{}); !errors.Is(err, ErrBadName) {
			t.Errorf("Add(%q) = %v; want ErrBadName", name, err)
		}
	}
	for _, name := range []string{"Acme 2", "Zoë's page", strings.Repeat("é", MaxNameLength)} {
		if _, err := s.Add(ctx, name, oauthflow.Settings{}); err != nil {
			t.Errorf("Add(%q) = %v", name, err)
		}
	}
}

// A failing keychain deletes nothing: the connection stays, with its
// secret, and the other connections are untouched.
func TestDeleteIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	kr := &faultyKeyring{real: newMemKeyring(nil), fault: secondWriteFail}
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(ctx, "Acme", sampleSettings)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(id).SaveToken(ctx, sampleToken, ""); err != nil {
		t.Fatal(err)
	}
	kr.arm()
	if err := s.Delete(ctx, id); err == nil {
		t.Fatal("Delete with a keychain that fails the second write succeeded")
	}
	kr.mu.Lock()
	kr.armed = false
	kr.mu.Unlock()
	got, err := s.Conn(id).Load(ctx)
	if err != nil || got.Settings.ClientSecret != sampleSettings.ClientSecret || got.Token == nil || got.Token.AccessToken != sampleToken.AccessToken {
		t.Fatalf("after a failed Delete: %v, secret kept %v, token kept %v", err, got.Settings.ClientSecret != "", got.Token != nil)
	}
}

// What a sign-in used and got is saved together or not at all: a keychain
// that fails half-way leaves the settings and the token as they were.
func TestSaveSignInIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	kr := &faultyKeyring{real: newMemKeyring(nil), fault: secondWriteFail}
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Conn(DefaultConnection)
	if err := saveSignIn(ctx, c, sampleSettings, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	other := oauthflow.Settings{ClientID: "another", ClientSecret: "another-secret", RedirectURL: "http://localhost:9999/cb", Scopes: []string{"w_member_social"}}
	kr.arm()
	if err := saveSignIn(ctx, c, other, oauthflow.Token{AccessToken: "AQV-new", RefreshToken: "AQX-new"}, ""); err == nil {
		t.Fatal("SaveSignIn with a keychain failing its second write succeeded")
	}
	kr.mu.Lock()
	kr.armed = false
	kr.mu.Unlock()
	got, err := c.Load(ctx)
	if err != nil || !equalSettings(got.Settings, sampleSettings) || got.Token == nil || got.Token.AccessToken != sampleToken.AccessToken || got.Token.Account != "Ada" {
		t.Fatalf("after a failed SaveSignIn: %v settings %q token kept %v", err, got.Settings.ClientID, got.Token != nil && got.Token.AccessToken == sampleToken.AccessToken)
	}
}

// The upgrade: a version 1 settings file (one connection at the top level,
// secrets under the plain names) reads as one connection, "default", with
// every value; a reader does not rewrite it; the first change writes
// version 2 and moves no secret.
func TestVersion1SettingsUpgrade(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	kr := newMemKeyring(map[string]string{
		"client-secret": "s3cret", "access-token-b": "AQV-old", "refresh-token-b": "AQX-old",
	})
	v1 := `{
  "version": 1,
  "client_id": "78abc",
  "redirect_url": "http://localhost:8765/callback",
  "scopes": ["openid", "profile"],
  "pkce": true,
  "token": {"expires_at": "2027-01-21T10:00:00Z", "scopes": ["openid", "profile"], "obtained_at": "2026-11-22T10:00:00Z",
            "refresh_expires_at": "2027-11-22T10:00:00Z", "account": "Ada", "fingerprint": "` + fingerprint("AQV-old") + `", "slot": "b"},
  "secrets_in": "keychain",
  "file_fallback_notice_shown": true
}
`
	path := filepath.Join(dir, settingsFileName)
	if err := os.WriteFile(path, []byte(v1), 0o600); err != nil {
		t.Fatal(err)
	}
	ro, _, _ := Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", ReadOnly: true})
	if _, err := ro.Conn(DefaultConnection).Load(ctx); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != v1 {
		t.Fatal("a read-only store rewrote the version 1 file")
	}

	s, notices, err := Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil || len(notices) != 0 {
		t.Fatalf("Open: %v, notices %v", err, notices)
	}
	got, err := s.Conn(DefaultConnection).Load(ctx)
	want := oauthflow.Settings{ClientID: "78abc", ClientSecret: "s3cret", RedirectURL: "http://localhost:8765/callback", Scopes: []string{"openid", "profile"}, PKCE: true}
	if err != nil || got.Name != "default" || !equalSettings(got.Settings, want) || got.Token == nil ||
		got.Token.AccessToken != "AQV-old" || got.Token.RefreshToken != "AQX-old" || got.Token.Account != "Ada" ||
		!got.Token.ExpiresAt.Equal(time.Date(2027, 1, 21, 10, 0, 0, 0, time.UTC)) ||
		!got.Token.RefreshTokenExpiresAt.Equal(time.Date(2027, 11, 22, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("upgraded: %+v token %+v err %v", got.Settings.ClientID, got.Token, err)
	}
	if err := s.Rename(ctx, DefaultConnection, "Main"); err != nil {
		t.Fatal(err)
	}
	var sf map[string]any
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &sf); err != nil || sf["version"] != float64(2) || sf["client_id"] != nil || sf["token"] != nil || len(sf["connections"].([]any)) != 1 {
		t.Fatalf("after the first change the file is\n%s", data)
	}
	if cp, _ := os.ReadFile(filepath.Join(dir, copyFileName)); string(cp) != string(data) {
		t.Errorf("connections.json is not a copy of settings.json:\n%s", cp)
	}
	if len(kr.held()) != 3 || kr.held()["client-secret"] != "s3cret" || kr.held()["access-token-b"] != "AQV-old" {
		t.Errorf("the upgrade moved secrets: keychain now %v", keys(kr.held()))
	}
}

// twoConnections is a store (on a keychain in memory) with the default
// connection, whose token is in slot b ("AQV-2"), and "Acme", with its own
// secret and token ("AQV-acme"), whose ID it returns.
func twoConnections(t *testing.T) (*Store, Options, *memKeyring, string) {
	t.Helper()
	ctx := context.Background()
	kr := newMemKeyring(nil)
	opts := Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second}
	s, _, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveSignIn(ctx, s.Conn(DefaultConnection), sampleSettings, tokN("1"), "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("2"), "Ada"); err != nil { // slot b
		t.Fatal(err)
	}
	id, err := s.Add(ctx, "Acme", oauthflow.Settings{ClientID: "acme", ClientSecret: "acme-secret"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(id).SaveToken(ctx, tokN("acme"), ""); err != nil {
		t.Fatal(err)
	}
	return s, opts, kr, id
}

func equalSettings(a, b oauthflow.Settings) bool {
	return a.ClientID == b.ClientID && a.ClientSecret == b.ClientSecret && a.RedirectURL == b.RedirectURL &&
		slices.Equal(a.Scopes, b.Scopes) && a.PKCE == b.PKCE
}

// Without a keychain, every connection's secrets share the private file,
// and moving into a keychain that appears moves them all.
func TestConnectionsMoveIntoKeychain(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, _, err := Open(ctx, Options{Dir: dir, Keyring: brokenKeyring{}, Service: "x", Timeout: time.Second})
	if err != nil || s.Backend() != BackendFile {
		t.Fatalf("Open without keychain: %v, %s", err, s.Backend())
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(ctx, "Acme", oauthflow.Settings{ClientID: "b", ClientSecret: "secret-b"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(id).SaveToken(ctx, sampleToken, ""); err != nil {
		t.Fatal(err)
	}
	kr := newMemKeyring(nil)
	s, _, err = Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil || s.Backend() != BackendKeychain {
		t.Fatalf("Open with a keychain: %v, %s", err, s.Backend())
	}
	b, err := s.Conn(id).Load(ctx)
	if err != nil || b.Settings.ClientSecret != "secret-b" || b.Token == nil || b.Token.AccessToken != sampleToken.AccessToken {
		t.Fatalf("after the move: %v %+v", err, b.Token != nil)
	}
	if a, _ := s.Conn(DefaultConnection).Load(ctx); a.Settings.ClientSecret != sampleSettings.ClientSecret {
		t.Error("the default connection's secret was not moved")
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the secrets file is still there after the move: %v", err)
	}
}

// onlyTokensFail is a keychain that removes client secrets but refuses to
// remove tokens (locked again half-way).
type onlyTokensFail struct{ *memKeyring }

func (k onlyTokensFail) Delete(service, user string) error {
	if entryOf(user) != EntryClientSecret {
		return errLocked
	}
	return k.memKeyring.Delete(service, user)
}

// Forget everything is all or nothing: a keychain that refuses half-way
// leaves every connection as it was (afterwards nothing would say which
// entries are TokenDesk's); a working one is left with none of them.
func TestForgetEverythingIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	kr := newMemKeyring(nil)
	s, _, err := Open(ctx, Options{Dir: dir, Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := saveSignIn(ctx, s.Conn(DefaultConnection), sampleSettings, tokN("default"), ""); err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(ctx, "Acme", sampleSettings)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(id).SaveToken(ctx, tokN("acme"), ""); err != nil {
		t.Fatal(err)
	}
	half, _, err := Open(ctx, Options{Dir: dir, Keyring: onlyTokensFail{kr}, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := half.ForgetEverything(ctx); err == nil {
		t.Fatal("Forget everything succeeded with a keychain that refused to remove the tokens")
	}
	for _, c := range []struct{ id, token string }{{DefaultConnection, "AQV-default"}, {id, "AQV-acme"}} {
		got, err := s.Conn(c.id).Load(ctx)
		if err != nil || got.Settings.ClientSecret != sampleSettings.ClientSecret || got.Token == nil || got.Token.AccessToken != c.token {
			t.Errorf("after a failed Forget everything, %s: %v, secret kept %v, token kept %v", c.id, err, got.Settings.ClientSecret != "", got.Token != nil)
		}
	}
	if err := s.ForgetEverything(ctx); err != nil {
		t.Fatal(err)
	}
	if left := keys(kr.held()); len(left) > 0 {
		t.Errorf("after Forget everything the keychain still holds %v", left)
	}
}

// A name may not be another connection's ID: --connection takes either,
// and must never mean two connections.
func TestNameIsNoOtherID(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: newMemKeyring(nil), Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, DefaultConnection, "Work"); err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(ctx, "Acme", oauthflow.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"default", "DEFAULT", strings.ToUpper(id)} {
		if _, err := s.Add(ctx, name, oauthflow.Settings{}); !errors.Is(err, ErrBadName) {
			t.Errorf("Add(%q) = %v; want ErrBadName (another connection's ID)", name, err)
		}
	}
	if err := s.Rename(ctx, DefaultConnection, "default"); err != nil {
		t.Errorf("a connection cannot take back its own ID as its name: %v", err)
	}
}

// A damaged settings.json loses no connection: they come back from its
// copy, and the next change writes both whole again.
func TestDamagedSettingsComeBackFromTheCopy(t *testing.T) {
	ctx := context.Background()
	_, opts, _, _ := twoConnections(t)
	dir := opts.Dir
	if err := os.WriteFile(filepath.Join(dir, settingsFileName), []byte(`{"version": 2, "connections": [{"id": "def`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, notices, err := Open(ctx, opts)
	if err != nil || len(notices) != 1 || notices[0].Kind != NoticeDamagedFile || notices[0].Reason != ReasonSettingsRecovered {
		t.Fatalf("Open: %v, notices %+v", err, notices)
	}
	l, err := s.List(ctx)
	if err != nil || !slices.Equal(l.Names(), []string{"default", "Acme"}) {
		t.Fatalf("after settings.json was damaged: %v (%v)", l.Names(), err)
	}
	if kept, err := os.ReadFile(filepath.Join(dir, settingsFileName+".bak")); err != nil || !strings.HasPrefix(string(kept), `{"version": 2, "connections"`) {
		t.Errorf("the damaged settings.json was not kept aside: %v", err)
	}
	if got, err := s.Conn(DefaultConnection).Load(ctx); err != nil || got.Token == nil || got.Token.AccessToken != "AQV-2" {
		t.Errorf("the default connection's token after the damage: %v", err)
	}
	if err := s.Rename(ctx, DefaultConnection, "Main"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, settingsFileName))
	if !json.Valid(data) {
		t.Errorf("settings.json still damaged after a change:\n%s", data)
	}
}

// saveSignIn saves a sign-in into the existing connection c.
func saveSignIn(ctx context.Context, c *Conn, set oauthflow.Settings, tok oauthflow.Token, account string) error {
	_, err := c.s.SaveSignIn(ctx, Into{ID: c.id}, set, tok, account)
	return err
}

// Issue 17, item 3: a sign-in started on an empty store saves into the
// default connection even when the window made another connection
// meanwhile (and the other way round); a default connection that was
// deleted is never made again behind the person's back.
func TestASignInStartedOnAnEmptyStoreIsSaved(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// tokendesk login starts on an empty store: the default connection.
	// Meanwhile the window makes "Acme" (New, or Import).
	acme, err := s.Add(ctx, "Acme", oauthflow.Settings{ClientID: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	// The login's sign-in finishes.
	got, err := s.SaveSignIn(ctx, Into{ID: DefaultConnection}, sampleSettings, tokN("login"), "Ada")
	if err != nil || got.ID != DefaultConnection || got.Name != DefaultConnection {
		t.Fatalf("the login's sign-in after the window made a connection: %+v, %v", got, err)
	}
	l, _ := s.List(ctx)
	if !slices.Equal(l.Names(), []string{"default", "Acme"}) || l.Current != acme {
		t.Errorf("connections %v, current %q; want default and Acme, Acme still in use", l.Names(), l.Current)
	}
	if d, err := s.Conn(DefaultConnection).Load(ctx); err != nil || d.Token == nil || d.Token.AccessToken != "AQV-login" {
		t.Errorf("the login's token: %v", err)
	}

	// The other way round: a login makes "Acme 2" first, then the
	// window's first Connect (on the default connection) saves.
	s2, _, _ := Open(ctx, Options{Dir: t.TempDir(), Keyring: newMemKeyring(nil), Service: "x", Timeout: time.Second})
	if _, err := s2.SaveSignIn(ctx, Into{NewName: "Acme 2"}, sampleSettings, tokN("acme2"), ""); err != nil {
		t.Fatal(err)
	}
	if err := s2.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Errorf("the window's first Connect after a login made a connection: %v", err)
	}

	// Deleted: nothing saves into it any more.
	if err := s.Delete(ctx, DefaultConnection); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSignIn(ctx, Into{ID: DefaultConnection}, sampleSettings, tokN("late"), ""); !errors.Is(err, ErrNoConnection) {
		t.Errorf("a sign-in into the deleted default connection = %v, want ErrNoConnection", err)
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); !errors.Is(err, ErrNoConnection) {
		t.Errorf("saving the form of the deleted default connection = %v, want ErrNoConnection", err)
	}
	if l, _ := s.List(ctx); !slices.Equal(l.Names(), []string{"Acme"}) {
		t.Errorf("after deleting default: %v", l.Names())
	}
}

// Issue 17, item 8: two sign-ins racing to make the same new name each
// keep their own token: the second gets a free name of its own and says so.
func TestTwoSignInsMakingOneNameKeepBoth(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	results := make(chan SavedInto, 2)
	var wg sync.WaitGroup
	for _, who := range []string{"first", "second"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := s.SaveSignIn(ctx, Into{NewName: "Acme"}, sampleSettings, tokN(who), who)
			if err != nil {
				t.Error(err)
			}
			results <- got
		}()
	}
	wg.Wait()
	close(results)
	renamed := 0
	for got := range results {
		if !got.Made {
			t.Errorf("%+v: not made for this sign-in", got)
		}
		if got.Renamed {
			renamed++
			if got.Name != "Acme 2" {
				t.Errorf("the second sign-in's connection is named %q, want \"Acme 2\"", got.Name)
			}
		}
		saved, err := s.Conn(got.ID).Load(ctx)
		if err != nil || saved.Token == nil {
			t.Fatalf("%s: no token (%v)", got.Name, err)
		}
		if want := "AQV-" + saved.Token.Account; saved.Token.AccessToken != want {
			t.Errorf("%s holds %s's token %q", got.Name, saved.Token.Account, saved.Token.AccessToken)
		}
	}
	if renamed != 1 {
		t.Errorf("%d of the two sign-ins were renamed, want 1", renamed)
	}
}

// Issue 17, item 6: one rule for a new name, asked before the sign-in
// (Listing.CheckNewName) and again when saving: what one refuses, the
// other refuses; and --connection finds a connection by its ID in any
// case, as the rule treats it.
func TestCheckNewNameIsTheOneRule(t *testing.T) {
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: newMemKeyring(nil), Service: "x", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveSettings(ctx, sampleSettings); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, DefaultConnection, "Main"); err != nil {
		t.Fatal(err)
	}
	acme, err := s.Add(ctx, "Acme", oauthflow.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want string // refused: before and after; made: as asked; renamed: taken meanwhile, so numbered
	}{
		{"Default", "refused"}, {"DEFAULT", "refused"}, {"", "refused"}, {strings.Repeat("x", MaxNameLength+1), "refused"},
		{"tab\there", "refused"}, {"Fresh", "made"}, {" Spaced ", "made"},
		{"main", "renamed"}, {" acme ", "renamed"}, {strings.ToUpper(acme), "renamed"},
	} {
		l, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		_, taken := l.Find(tc.name)
		clean, before := l.CheckNewName(tc.name)
		got, saving := s.SaveSignIn(ctx, Into{NewName: tc.name}, oauthflow.Settings{}, oauthflow.Token{}, "")
		switch tc.want {
		case "refused":
			if !errors.Is(before, ErrBadName) || !errors.Is(saving, ErrBadName) {
				t.Errorf("%q: before %v, saving %v; want refused both times", tc.name, before, saving)
			}
		case "made":
			if before != nil || saving != nil || got.Name != clean || got.Renamed || !got.Made {
				t.Errorf("%q: before %v, saving %+v %v", tc.name, before, got, saving)
			}
		case "renamed": // as when another sign-in made it meanwhile
			if !errors.Is(before, ErrBadName) || !taken || saving != nil || !got.Renamed || !strings.HasSuffix(got.Name, " 2") {
				t.Errorf("%q: before %v, found %v, saving %+v %v", tc.name, before, taken, got, saving)
			}
		}
	}
	l, _ := s.List(ctx)
	for _, ref := range []string{"default", "Default", "DEFAULT", "Main"} {
		if c, ok := l.Find(ref); !ok || c.ID != DefaultConnection {
			t.Errorf("Find(%q) = %+v, %v; want the default connection", ref, c, ok)
		}
	}
}
