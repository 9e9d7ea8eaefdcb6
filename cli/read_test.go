package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/reminder"
	"github.com/tokendesk/tokendesk/store"
)

func TestFlagsAndHelp(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	o.Version = "1.2.3"
	tests := []struct {
		args    []string
		code    int
		stdout  string // a part of it
		stderr  string // a part of it
		noToken bool
	}{
		{args: []string{"--help"}, stdout: "tokendesk login"},
		{args: []string{"-h"}, stdout: "Exit codes:"},
		{args: []string{"help"}, stdout: "tokendesk reminder"},
		{args: []string{"help", "token"}, stdout: "--format FORMAT"},
		{args: []string{"help", "nope"}, code: ExitUsage, stderr: `no command "nope"`},
		{args: []string{"--version"}, stdout: "tokendesk 1.2.3\n"},
		{args: []string{"version"}, stdout: "tokendesk 1.2.3\n"},
		{args: []string{"login", "--help"}, stdout: "TOKENDESK_CLIENT_SECRET"},
		{args: []string{"status", "-h"}, stdout: `"refresh_expires_at"`},
		{args: []string{"token", "--help"}, stdout: "Authorization: Bearer TOKEN"},
		{args: []string{"token", "--help"}, stdout: "python-with-token      the Python program with the token written into it"},
		{args: []string{"token", "--help"}, stdout: "--page ID"},
		{args: []string{"reminder", "--help"}, stdout: "--days-before"},
		{args: []string{}, code: ExitUsage, stderr: "Usage:"},
		{args: []string{"tokens"}, code: ExitUsage, stderr: `unknown command "tokens"`},
		{args: []string{"token", "extra"}, code: ExitUsage, stderr: `unexpected "extra"`},
		{args: []string{"token", "--format", "yaml"}, code: ExitUsage, stderr: `no format "yaml"`},
		{args: []string{"token", "--formt", "raw"}, code: ExitUsage, stderr: "flag provided but not defined: -formt"},
		{args: []string{"status", "--json=maybe"}, code: ExitUsage, stderr: "invalid boolean value"},
		{args: []string{"reminder", "--days-before", "90"}, code: ExitUsage, stderr: "from 0 to 59"},
		{args: []string{"reminder", "--days-before", "x"}, code: ExitUsage, stderr: "invalid value"},
		{args: []string{"status", "--connection", "work"}, code: ExitUsage, stderr: `no connection named "work"`},
		{args: []string{"login", "--client-secret", "s3cret"}, code: ExitUsage, stderr: "not defined: -client-secret"},
		// Flags work with one dash or two, before the default connection's name.
		{args: []string{"token", "-format=header", "--connection=default"}, stdout: "Authorization: Bearer " + accessToken + "\n"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := Run(t.Context(), tt.args, &out, &errOut, o)
		if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errOut.String(), tt.stderr) {
			t.Errorf("%q = %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out.String(), errOut.String(), tt.code, tt.stdout, tt.stderr)
		}
		if code == ExitUsage && out.Len() > 0 {
			t.Errorf("%q wrote to stdout on a usage error", tt.args)
		}
	}
}

func TestTokenFormats(t *testing.T) {
	o := testStore(t)
	o.Endpoints = linkedin.Endpoints{OAuthURL: linkedin.DefaultOAuthURL, APIURL: linkedin.DefaultAPIURL}
	expires := now.Add(59 * 24 * time.Hour)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: expires, Scopes: []string{"openid", "email"}}, "Ada")
	tests := []struct{ format, want string }{
		{"raw", accessToken + "\n"},
		{"header", "Authorization: Bearer " + accessToken + "\n"},
		{"curl", "curl -H 'Authorization: Bearer " + accessToken + "' 'https://api.linkedin.com/v2/userinfo'\n"},
		{"env", "LINKEDIN_ACCESS_TOKEN=" + accessToken + "\n"},
		{"json", `{"access_token":"` + accessToken + `","token_type":"Bearer","expires_at":"` + expires.UTC().Format(time.RFC3339) + `","scopes":["openid","email"]}` + "\n"},
	}
	for _, tt := range tests {
		code, out, errOut := run(o, "token", "--format", tt.format)
		if code != ExitOK || out != tt.want || errOut != "" {
			t.Errorf("--format %s = %d, %q, %q; want %q", tt.format, code, out, errOut, tt.want)
		}
	}
}

// TestTokenPrograms: `token --format python|javascript` (and their
// -with-token variants) print the window's programs: who you are; with
// --post, a post as the member (their LinkedIn ID as saved with the token);
// with --page, a post as that Page. What the token cannot do, or a
// command line that does not make sense, is said, with nothing on stdout.
func TestTokenPrograms(t *testing.T) {
	o := testStore(t)
	o.Endpoints = linkedin.Endpoints{OAuthURL: linkedin.DefaultOAuthURL, APIURL: linkedin.DefaultAPIURL}
	scopes := []string{"openid", "profile", "w_member_social", "w_organization_social", "rw_organization_admin"}
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour), Scopes: scopes}, "Ada")
	learnMember(t, o, "782bbtaQ")
	version := linkedin.DefaultAPIVersion(now)
	e := o.Endpoints
	xs := e.CodeExamples(scopes, linkedin.Authors{MemberID: "782bbtaQ", Pages: []string{"2414183"}}, "Hello from the LinkedIn API!")
	who, asMe, asPage := xs[0], xs[1], xs[2]
	launch := e.CodeExamples(scopes, linkedin.Authors{MemberID: "782bbtaQ"}, "Launch day (at last) #news")[1]
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--format", "python"}, who.Code(linkedin.Python, "", version)},
		{[]string{"--format", "javascript"}, who.Code(linkedin.JavaScript, "", version)},
		{[]string{"--format", "python-with-token"}, who.Code(linkedin.Python, accessToken, version)},
		{[]string{"--format", "javascript-with-token"}, who.Code(linkedin.JavaScript, accessToken, version)},
		{[]string{"--format", "python", "--post"}, asMe.Code(linkedin.Python, "", version)},
		{[]string{"--format", "javascript-with-token", "--post"}, asMe.Code(linkedin.JavaScript, accessToken, version)},
		{[]string{"--format", "python", "--page", "2414183"}, asPage.Code(linkedin.Python, "", version)},
		{[]string{"--format", "javascript", "--page", "urn:li:organization:2414183"}, asPage.Code(linkedin.JavaScript, "", version)},
		{[]string{"--format", "python", "--post", "--text", "Launch day (at last) #news"}, launch.Code(linkedin.Python, "", version)},
	}
	for _, tt := range tests {
		code, out, errOut := run(o, append([]string{"token"}, tt.args...)...)
		if code != ExitOK || out != tt.want || errOut != "" {
			t.Errorf("token %q = %d, stderr %q, stdout:\n%s\nwant:\n%s", tt.args, code, errOut, redacted(out), redacted(tt.want))
		}
		if inline := strings.HasSuffix(tt.args[1], "-with-token"); inline != strings.Contains(out, accessToken) {
			t.Errorf("token %q: the token is written in: %v", tt.args, !inline)
		}
	}
	if xs[1].Post.Author != "urn:li:person:782bbtaQ" || xs[2].Post.Author != "urn:li:organization:2414183" {
		t.Fatalf("authors %s, %s", xs[1].Post.Author, xs[2].Post.Author)
	}

	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"--format", "curl", "--post"}, "go with a program"},
		{[]string{"--format", "raw", "--page", "1"}, "go with a program"},
		{[]string{"--format", "python", "--post", "--page", "1"}, "give one of them"},
		{[]string{"--format", "python", "--text", "Hi"}, "add --post"},
		{[]string{"--format", "python", "--post", "--text", " "}, "--text is empty"},
		{[]string{"--format", "python", "--page", "acme"}, `--page "acme" is not a LinkedIn Page's ID`},
		{[]string{"--format", "ruby"}, `no format "ruby"`},
	} {
		code, out, errOut := run(o, append([]string{"token"}, tt.args...)...)
		if code != ExitUsage || out != "" || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("token %q = %d, %q, %q; want %d and %q", tt.args, code, redacted(out), errOut, ExitUsage, tt.stderr)
		}
	}

	// What the token cannot do.
	for _, tt := range []struct {
		name   string
		scopes []string
		member string
		args   []string
		stderr string
	}{
		{"no Share on LinkedIn", []string{"openid", "profile"}, "782bbtaQ", []string{"--post"},
			`cannot post as you: that needs Share on LinkedIn. Add that product to your LinkedIn app, then run "tokendesk login --scopes 'openid profile w_member_social'"`},
		{"the member not known", []string{"w_member_social"}, "", []string{"--post"}, "does not know who you are"},
		{"no Community Management", []string{"openid", "profile", "w_member_social"}, "782bbtaQ", []string{"--page", "2414183"}, "cannot post as a Page"},
		{"no sign-in product", []string{"w_member_social"}, "782bbtaQ", nil, "cannot ask LinkedIn who you are"},
		{"permissions not known", nil, "782bbtaQ", []string{"--post"}, "permissions are not known"},
	} {
		o := testStore(t)
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour), Scopes: tt.scopes}, "Ada")
		if tt.member != "" {
			learnMember(t, o, tt.member)
		}
		// The command line is right: the token cannot, as one that does
		// not work (1), and the message gives the sign-in that can.
		code, out, errOut := run(o, append([]string{"token", "--format", "python"}, tt.args...)...)
		if code != ExitNoUse || out != "" || !strings.Contains(errOut, tt.stderr) || !strings.Contains(errOut, "tokendesk login") {
			t.Errorf("%s: %d, %q, %q; want %d and %q", tt.name, code, redacted(out), errOut, ExitNoUse, tt.stderr)
		}
	}
}

// learnMember records the member's LinkedIn ID with the saved token, as
// the window does when LinkedIn says who is connected.
func learnMember(t *testing.T, o Options, id string) {
	t.Helper()
	learnMemberOf(t, o, accessToken, id)
}

func learnMemberOf(t *testing.T, o Options, token, id string) {
	t.Helper()
	s, _, err := store.Open(t.Context(), o.Store)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(store.DefaultConnection).UpdateTokenInfo(t.Context(), token, store.TokenFacts{MemberID: id}); err != nil {
		t.Fatal(err)
	}
}

func redacted(s string) string { return strings.ReplaceAll(s, accessToken, "[the token]") }

// statusFields are the documented fields of `status --json`, each always
// present (null when not known).
var statusFields = []string{"schema", "connection", "connection_id", "state", "member", "client_id", "scopes", "expires_at", "refresh_expires_at"}

func statusJSON(t *testing.T, o Options) (int, map[string]any, Status) {
	t.Helper()
	code, out, errOut := run(o, "status", "--json")
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("status --json = %d, not JSON: %v\n%s\n%s", code, err, out, errOut)
	}
	for _, f := range statusFields {
		if _, ok := m[f]; !ok {
			t.Errorf("status --json has no %q: %s", f, out)
		}
	}
	var st Status
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, accessToken) {
		t.Error("status --json printed the token")
	}
	return code, m, st
}

func TestStatusJSON(t *testing.T) {
	tm := func(t time.Time) *time.Time { u := t.UTC(); return &u }
	ada := "Ada Lovelace"
	t.Run("valid, with a refresh token", func(t *testing.T) {
		o := testStore(t)
		save(t, o, oauthflow.Token{AccessToken: accessToken, RefreshToken: "AQXrefresh", ExpiresAt: now.Add(60 * 24 * time.Hour),
			RefreshTokenExpiresAt: now.Add(365 * 24 * time.Hour), Scopes: []string{"profile", "openid"}}, ada)
		code, _, st := statusJSON(t, o)
		want := Status{Schema: 1, Connection: "default", ConnectionID: store.DefaultConnection, State: StateValid, Member: &ada, ClientID: clientID, Scopes: []string{"openid", "profile"},
			ExpiresAt: tm(now.Add(60 * 24 * time.Hour)), RefreshExpiresAt: tm(now.Add(365 * 24 * time.Hour)), ExpirySource: "saved"}
		if code != ExitOK || !reflect.DeepEqual(st, want) {
			t.Errorf("status --json = %d, %+v; want %+v", code, st, want)
		}
	})
	t.Run("expiring", func(t *testing.T) {
		o := testStore(t)
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(6 * 24 * time.Hour)}, "")
		code, m, st := statusJSON(t, o)
		if code != ExitOK || st.State != StateExpiring || m["member"] != nil || m["refresh_expires_at"] != nil || len(st.Scopes) != 0 || m["scopes"] == nil {
			t.Errorf("status --json = %d, %v", code, m)
		}
	})
	t.Run("expired", func(t *testing.T) {
		o := testStore(t)
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(-time.Hour)}, "")
		if code, _, st := statusJSON(t, o); code != ExitNoUse || st.State != StateExpired {
			t.Errorf("status --json = %d, %+v", code, st)
		}
	})
	t.Run("none", func(t *testing.T) {
		o := testStore(t)
		code, m, st := statusJSON(t, o)
		if code != ExitNoUse || st.State != StateNone || m["expires_at"] != nil || st.Connection != "default" {
			t.Errorf("status --json = %d, %v", code, m)
		}
	})
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret,
		RedirectURLs: []string{"http://localhost:8765/callback"}, Scopes: []string{"openid"}})
	t.Cleanup(fake.Close)
	t.Run("expiry asked of LinkedIn", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints, o.Now = linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, time.Now
		save(t, o, oauthflow.Token{AccessToken: fake.Issue(clientID, []string{"openid"})}, "")
		if code, _, st := statusJSON(t, o); code != ExitOK || st.State != StateValid || st.ExpirySource != "token_inspector" || st.ExpiresAt == nil {
			t.Errorf("status --json = %d, %+v", code, st)
		}
	})
	t.Run("revoked", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints, o.Now = linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, time.Now
		tok := fake.Issue(clientID, []string{"openid"})
		fake.Revoke(tok)
		save(t, o, oauthflow.Token{AccessToken: tok}, "")
		if code, _, st := statusJSON(t, o); code != ExitNoUse || st.State != StateRejected || st.ExpiresAt != nil {
			t.Errorf("status --json = %d, %+v", code, st)
		}
	})
	t.Run("LinkedIn cannot be reached", func(t *testing.T) {
		o := testStore(t)
		o.Endpoints = linkedin.Endpoints{OAuthURL: "http://127.0.0.1:1/oauth/v2", APIURL: "http://127.0.0.1:1"}
		save(t, o, oauthflow.Token{AccessToken: accessToken}, "")
		if code, _, st := statusJSON(t, o); code != ExitUnknown || st.State != StateUnknown {
			t.Errorf("status --json = %d, %+v", code, st)
		}
	})
}

func TestStatusSaysTheRefreshDate(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, RefreshToken: "AQXrefresh", ExpiresAt: now.Add(60 * 24 * time.Hour),
		RefreshTokenExpiresAt: time.Date(2027, 11, 22, 10, 0, 0, 0, time.Local)}, "")
	if code, out, _ := run(o, "status"); code != ExitOK || !strings.Contains(out, "Renewable:    until 22 Nov 2027") {
		t.Errorf("status = %d:\n%s", code, out)
	}
}

func TestReminder(t *testing.T) {
	o := testStore(t)
	expires := now.Add(60 * 24 * time.Hour)
	refresh := now.Add(365 * 24 * time.Hour)
	save(t, o, oauthflow.Token{AccessToken: accessToken, RefreshToken: "AQXrefresh", ExpiresAt: expires, RefreshTokenExpiresAt: refresh}, "Ada")

	check := func(t *testing.T, text string, before time.Duration) {
		t.Helper()
		cal, err := ics.ParseCalendar(strings.NewReader(text))
		if err != nil {
			t.Fatalf("not iCalendar: %v\n%s", err, text)
		}
		events := cal.Events()
		if len(events) != 2 {
			t.Fatalf("%d events", len(events))
		}
		for i, exp := range []time.Time{expires, refresh} {
			start, err := events[i].GetStartAt()
			want := reminder.At(exp, reminder.Options{Before: before, Now: now})
			if err != nil || !start.Equal(want) {
				t.Errorf("event %d starts %v (%v), want %v", i, start, err, want)
			}
		}
		if strings.Contains(text, accessToken) || strings.Contains(text, "AQXrefresh") {
			t.Error("the calendar holds a token")
		}
	}
	t.Run("stdout", func(t *testing.T) {
		code, out, errOut := run(o, "reminder")
		if code != ExitOK || errOut != "" {
			t.Fatalf("reminder = %d, %q", code, errOut)
		}
		check(t, out, reminder.DefaultBefore)
		if start, _ := mustEvents(t, out)[0].GetStartAt(); start.In(time.Local).Format("2006-01-02 15:04") != "2027-01-14 09:00" {
			t.Errorf("the reminder is at %v, want 14 Jan 2027 09:00, a week before the expiry", start)
		}
	})
	t.Run("a file, 3 days before", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "r.ics")
		code, out, errOut := run(o, "reminder", "--output", path, "--days-before", "3")
		if code != ExitOK || out != "" || !strings.Contains(errOut, path) {
			t.Fatalf("reminder = %d, %q, %q", code, out, errOut)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		check(t, string(data), 3*24*time.Hour)
	})
	t.Run("expired or none", func(t *testing.T) {
		o := testStore(t)
		if code, out, _ := run(o, "reminder"); code != ExitNoUse || out != "" {
			t.Errorf("reminder without a token = %d, %q", code, out)
		}
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(-time.Hour)}, "")
		if code, out, errOut := run(o, "reminder"); code != ExitNoUse || out != "" || !strings.Contains(errOut, "Expired on") {
			t.Errorf("reminder when expired = %d, %q, %q", code, out, errOut)
		}
	})
}

func mustEvents(t *testing.T, text string) []*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return cal.Events()
}

// TestExitCodes is the table of exit codes the README documents, command
// by command, on one saved state each.
func TestExitCodes(t *testing.T) {
	states := map[string]func(t *testing.T, o *Options){
		"valid": func(t *testing.T, o *Options) {
			save(t, *o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(30 * 24 * time.Hour)}, "")
		},
		"expired": func(t *testing.T, o *Options) {
			save(t, *o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(-time.Hour)}, "")
		},
		"none": func(*testing.T, *Options) {},
		"unreachable": func(t *testing.T, o *Options) {
			o.Endpoints = linkedin.Endpoints{OAuthURL: "http://127.0.0.1:1/oauth/v2", APIURL: "http://127.0.0.1:1"}
			save(t, *o, oauthflow.Token{AccessToken: accessToken}, "")
		},
	}
	want := map[string]int{"valid": ExitOK, "expired": ExitNoUse, "none": ExitNoUse, "unreachable": ExitUnknown}
	for _, state := range slices.Sorted(func(yield func(string) bool) {
		for k := range states {
			if !yield(k) {
				return
			}
		}
	}) {
		o := testStore(t)
		states[state](t, &o)
		for _, args := range [][]string{{"status"}, {"status", "--json"}, {"token"}, {"reminder"}} {
			if code, _, _ := run(o, args...); code != want[state] {
				t.Errorf("%s with %s: exit %d, want %d", args, state, code, want[state])
			}
		}
	}
}

// Before anything is saved, on a computer whose keychain cannot be read
// (none at all, or locked), token and status say no token is saved and
// how to get one: the settings say there is none, so the keychain hides
// nothing. A saved token behind an unreadable keychain is still unknown.
func TestNoTokenBehindAnUnreadableKeychain(t *testing.T) {
	o := testStore(t)
	o.Store.Keyring = memkeyring.Failing(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	for _, args := range [][]string{{"token"}, {"status"}} {
		if code, _, errOut := run(o, args...); code != ExitNoUse || !strings.Contains(errOut, "No token is saved") {
			t.Errorf("%v with nothing saved and no keychain = %d, %q; want %d and how to get one", args, code, errOut, ExitNoUse)
		}
	}
	saved := testStore(t)
	save(t, saved, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(59 * 24 * time.Hour)}, "Ada")
	saved.Store.Keyring = memkeyring.Failing(errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"))
	if code, out, _ := run(saved, "token"); code != ExitUnknown || out != "" {
		t.Errorf("token behind a locked keychain = %d, %q; want %d and nothing printed", code, out, ExitUnknown)
	}
}

// A calendar file that cannot be created says why, not just that
// something went wrong.
func TestReminderToAFolderThatIsNot(t *testing.T) {
	o := testStore(t)
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(60 * 24 * time.Hour)}, "Ada")
	path := filepath.Join(t.TempDir(), "no such folder", "reminder.ics")
	code, out, errOut := run(o, "reminder", "--output", path)
	if code == ExitOK || out != "" || !strings.Contains(errOut, path) || !strings.Contains(errOut, "no such file or directory") {
		t.Errorf("reminder --output %s = %d, %q, %q", path, code, out, errOut)
	}
}
