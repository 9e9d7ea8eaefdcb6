package cli

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// openStore is the window's (writable) store.
func openStore(t *testing.T, o Options) *store.Store {
	t.Helper()
	s, _, err := store.Open(context.Background(), o.Store)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// addConnection is the window adding a connection of the test app, with
// tok saved in it unless its access token is empty. The one in use stays
// the one in use.
func addConnection(t *testing.T, o Options, name string, tok oauthflow.Token, account string) string {
	t.Helper()
	s := openStore(t, o)
	ctx := context.Background()
	before, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Add(ctx, name, oauthflow.Settings{ClientID: clientID, ClientSecret: clientSecret})
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "" {
		if err := s.Conn(id).SaveToken(ctx, tok, account); err != nil {
			t.Fatal(err)
		}
	}
	if before.Current != "" {
		setCurrent(t, o, before.Current)
	}
	return id
}

func setCurrent(t *testing.T, o Options, id string) {
	t.Helper()
	if err := openStore(t, o).SetCurrent(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

func listOf(t *testing.T, o Options) store.Listing {
	t.Helper()
	l, err := openStore(t, o).List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The tokens of the connections of TestList: none may ever be printed.
const (
	acmeToken     = "AQVacme-token-abcdefghijklmnopqrstuvwxyz0123"
	oldToken      = "AQVold-token-abcdefghijklmnopqrstuvwxyz01234"
	importedToken = "AQVimported-token-abcdefghijklmnopqrstuvwxyz"
)

// fiveConnections is a store with a connection in each state: default
// (valid, in use), Acme (expiring), Old (expired), Imported (expiry not
// known) and New (no token).
func fiveConnections(t *testing.T) (Options, map[string]string) {
	t.Helper()
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, RefreshToken: "AQXrefresh", ExpiresAt: now.Add(59 * 24 * time.Hour),
		RefreshTokenExpiresAt: now.Add(300 * 24 * time.Hour), Scopes: []string{"profile", "openid"}}, "Ada Lovelace")
	ids := map[string]string{"default": store.DefaultConnection}
	ids["Acme"] = addConnection(t, o, "Acme", oauthflow.Token{AccessToken: acmeToken, ExpiresAt: now.Add(3 * 24 * time.Hour), Scopes: []string{"w_member_social"}}, "Bob Builder")
	ids["Old"] = addConnection(t, o, "Old", oauthflow.Token{AccessToken: oldToken, ExpiresAt: now.Add(-24 * time.Hour)}, "")
	ids["Imported"] = addConnection(t, o, "Imported", oauthflow.Token{AccessToken: importedToken}, "")
	ids["New"] = addConnection(t, o, "New", oauthflow.Token{}, "")
	return o, ids
}

func assertNoToken(t *testing.T, what, text string) {
	t.Helper()
	for _, tok := range []string{accessToken, "AQXrefresh", acmeToken, oldToken, importedToken, clientSecret} {
		if strings.Contains(text, tok) {
			t.Errorf("%s printed a secret (%.12s…):\n%s", what, tok, text)
		}
	}
}

func TestList(t *testing.T) {
	o, ids := fiveConnections(t)
	before := listing(t, o.Store.Dir)

	t.Run("text", func(t *testing.T) {
		code, out, errOut := run(o, "list")
		if code != ExitOK {
			t.Fatalf("list = %d, %q", code, errOut)
		}
		assertNoToken(t, "list", out+errOut)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 6 || !strings.HasPrefix(lines[0], "  NAME") {
			t.Fatalf("list printed %d lines, want a header and 5:\n%s", len(lines), out)
		}
		tests := []struct {
			line  int
			words []string // in this order on the line
		}{
			{1, []string{"* default", "Ada Lovelace", "valid", "Valid for 59 more days, until 20 Jan 2027."}},
			{2, []string{"  Acme", "Bob Builder", "expiring", "Valid for 3 more days"}},
			{3, []string{"  Old", "—", "expired", "Expired on 21 Nov 2026."}},
			{4, []string{"  Imported", "—", "unknown", `"tokendesk status --connection Imported" asks LinkedIn`}},
			{5, []string{"  New", "—", "none", "Not connected."}},
		}
		for _, tt := range tests {
			rest := lines[tt.line]
			for _, w := range tt.words {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("line %d %q: no %q (after what came before)", tt.line, lines[tt.line], w)
					break
				}
				rest = rest[i+len(w):]
			}
		}
		if !strings.Contains(errOut, "* is the connection in use") {
			t.Errorf("list does not say what * means: %q", errOut)
		}
	})

	t.Run("json", func(t *testing.T) {
		code, out, errOut := run(o, "list", "--json")
		if code != ExitOK || errOut != "" {
			t.Fatalf("list --json = %d, %q", code, errOut)
		}
		assertNoToken(t, "list --json", out)
		var raw []map[string]any
		if err := json.Unmarshal([]byte(out), &raw); err != nil {
			t.Fatalf("list --json is not a JSON array: %v\n%s", err, out)
		}
		for _, m := range raw {
			for _, f := range []string{"name", "id", "current", "state", "member", "client_id", "scopes", "expires_at", "refresh_expires_at"} {
				if _, ok := m[f]; !ok {
					t.Errorf("%v has no %q", m["name"], f)
				}
			}
		}
		var got []ListedConnection
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatal(err)
		}
		utc := func(d time.Duration) *time.Time { u := now.Add(d).UTC(); return &u }
		ada, bob := "Ada Lovelace", "Bob Builder"
		want := []ListedConnection{
			{Name: "default", ID: store.DefaultConnection, Current: true, State: StateValid, Member: &ada, ClientID: clientID,
				Scopes: []string{"openid", "profile"}, ExpiresAt: utc(59 * 24 * time.Hour), RefreshExpiresAt: utc(300 * 24 * time.Hour)},
			{Name: "Acme", ID: ids["Acme"], State: StateExpiring, Member: &bob, ClientID: clientID, Scopes: []string{"w_member_social"},
				ExpiresAt: utc(3 * 24 * time.Hour)},
			{Name: "Old", ID: ids["Old"], State: StateExpired, ClientID: clientID, Scopes: []string{}, ExpiresAt: utc(-24 * time.Hour)},
			{Name: "Imported", ID: ids["Imported"], State: StateUnknown, ClientID: clientID, Scopes: []string{}},
			{Name: "New", ID: ids["New"], State: StateNone, ClientID: clientID, Scopes: []string{}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("list --json =\n%+v\nwant\n%+v", got, want)
		}
	})

	t.Run("with the keychain locked", func(t *testing.T) {
		locked := o
		locked.Store.Keyring = lockedKeyring{}
		_, want, _ := run(o, "list", "--json")
		if code, out, errOut := run(locked, "list", "--json"); code != ExitOK || out != want {
			t.Errorf("list --json with a locked keychain = %d, %q; want what it says unlocked", code, errOut)
		}
	})

	if after := listing(t, o.Store.Dir); after != before {
		t.Errorf("list changed the settings folder:\nbefore %s\nafter  %s", before, after)
	}
}

// noConnections is a store where nothing was saved yet. (testStore's
// settings file is version 1, which always reads as one connection.)
func noConnections(t *testing.T) Options {
	t.Helper()
	o := testStore(t)
	if err := os.WriteFile(filepath.Join(o.Store.Dir, "settings.json"), []byte(`{"version":2,"file_fallback_notice_shown":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestListWithoutConnections(t *testing.T) {
	o := noConnections(t)
	for _, args := range [][]string{{"list"}, {"list", "--json"}} {
		code, out, errOut := run(o, args...)
		want := ""
		if len(args) == 2 {
			want = "[]\n"
		}
		if code != ExitOK || out != want || !strings.Contains(errOut, "No connections yet: run tokendesk login, or open TokenDesk.") {
			t.Errorf("%q with no connection = %d, %q, %q", args, code, out, errOut)
		}
	}
}

// TestConnectionFlag: --connection picks a connection by name, in any
// case, or ID; without it the commands use the one in use; a name no
// connection has is a usage error that lists the names there are.
func TestConnectionFlag(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	acme := addConnection(t, o, "Acme", oauthflow.Token{AccessToken: acmeToken, ExpiresAt: now.Add(30 * 24 * time.Hour)}, "Bob")
	addConnection(t, o, "Team Page", oauthflow.Token{}, "")
	// The window shows Acme: that is the one without --connection.
	setCurrent(t, o, acme)

	const names = `The connections are: "default", "Acme", "Team Page".`
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // stdout whole; a part of stderr
	}{
		{args: []string{"token"}, stdout: acmeToken + "\n"},
		{args: []string{"token", "--connection", "default"}, stdout: accessToken + "\n"},
		{args: []string{"token", "--connection", "DEFAULT"}, stdout: accessToken + "\n"},
		{args: []string{"token", "--connection=acme"}, stdout: acmeToken + "\n"},
		{args: []string{"token", "--connection", acme}, stdout: acmeToken + "\n"},
		{args: []string{"token", "--connection", " Acme "}, stdout: acmeToken + "\n"},
		{args: []string{"token", "--connection", "x"}, code: ExitUsage,
			stderr: `tokendesk token: there is no connection named "x". ` + names + "\n"},
		{args: []string{"status", "--connection", "Nope"}, code: ExitUsage, stderr: `tokendesk status: there is no connection named "Nope". ` + names},
		{args: []string{"status", "--json", "--connection", "Nope"}, code: ExitUsage, stderr: `tokendesk status: there is no connection named "Nope". ` + names},
		{args: []string{"reminder", "--connection", "Nope"}, code: ExitUsage, stderr: `tokendesk reminder: there is no connection named "Nope". ` + names},
		{args: []string{"token", "--connection", ""}, code: ExitUsage, stderr: "--connection needs a name"},
		{args: []string{"list", "--connection", "Acme"}, code: ExitUsage, stderr: "flag provided but not defined: -connection"},
		// Not the one in use: the way out names it.
		{args: []string{"token", "--connection", "team page"}, code: ExitNoUse, stderr: `Run "tokendesk login --connection 'Team Page'"`},
		{args: []string{"status", "--connection", "Acme"}, stderr: ""},
	}
	for _, tt := range tests {
		code, out, errOut := run(o, tt.args...)
		if code != tt.code || (tt.code != ExitOK || tt.stdout != "") && out != tt.stdout || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%q = %d, %q, %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.stdout, tt.stderr)
		}
	}

	code, out, _ := run(o, "status", "--connection", "Acme")
	if code != ExitOK || !strings.Contains(out, "Connection:   Acme\n") || !strings.Contains(out, "Account:      Bob\n") {
		t.Errorf("status --connection Acme = %d:\n%s", code, out)
	}
	for _, tt := range []struct {
		args     []string
		name, id string
	}{
		{[]string{"status", "--json"}, "Acme", acme},
		{[]string{"status", "--json", "--connection", "Default"}, "default", store.DefaultConnection},
	} {
		var st Status
		_, out, _ := run(o, tt.args...)
		if err := json.Unmarshal([]byte(out), &st); err != nil || st.Connection != tt.name || st.ConnectionID != tt.id {
			t.Errorf("%q: connection %q, connection_id %q (%v); want %q, %q", tt.args, st.Connection, st.ConnectionID, err, tt.name, tt.id)
		}
	}
}

// TestConnectionFlagWithoutConnections: before anything is saved, the
// connection is "default", as it always was, and other names are unknown.
func TestConnectionFlagWithoutConnections(t *testing.T) {
	o := noConnections(t)
	if code, _, errOut := run(o, "token", "--connection", "default"); code != ExitNoUse || !strings.Contains(errOut, "No token is saved") {
		t.Errorf("token --connection default with nothing saved = %d, %q", code, errOut)
	}
	code, _, errOut := run(o, "token", "--connection", "Acme")
	if code != ExitUsage || !strings.Contains(errOut, `there is no connection named "Acme". No connections yet: run tokendesk login, or open TokenDesk.`) {
		t.Errorf("token --connection Acme with nothing saved = %d, %q", code, errOut)
	}
}

func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"Acme":       "Acme",
		"c0a1b2c3":   "c0a1b2c3",
		"Team Page":  "'Team Page'",
		"Ada's page": `'Ada'\''s page'`,
		"$HOME":      "'$HOME'",
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}

// --connection takes a name or an ID, and never means two connections: a
// name that is another connection's ID cannot be given.
func TestConnectionNamedLikeAnID(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	if err := openStore(t, o).Rename(context.Background(), store.DefaultConnection, "Work"); err != nil {
		t.Fatal(err)
	}
	if _, err := openStore(t, o).Add(context.Background(), "default", oauthflow.Settings{ClientID: "other"}); !errors.Is(err, store.ErrBadName) {
		t.Fatalf("a connection could be named after another's ID: %v", err)
	}
	if code, out, _ := run(o, "token", "--connection", "default"); code != ExitOK || out != accessToken+"\n" {
		t.Errorf("token --connection default = %d %.20q; want Work's token (its ID is default)", code, out)
	}
}
