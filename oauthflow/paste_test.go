package oauthflow

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	testState    = "Sb3kX0h2m1bq8u9Jc0bXWl8mJbYfQ1wqf6m3C7zR2aE"
	testCode     = "AQTq8Vx_7-cLw2uSaLbdF0rA4d3Yy9sN1mKq"
	testRedirect = "http://localhost:8765/callback"
)

// expect is what a flow on testRedirect expects, without PKCE.
var expect = Expect{State: testState, Redirect: mustURL(testRedirect)}

func TestParsePasted(t *testing.T) {
	full := testRedirect + "?code=" + testCode + "&state=" + testState
	tests := []struct {
		name string
		in   string
		want Expect
	}{
		{"full address", full, expect},
		{"without scheme", "localhost:8765/callback?code=" + testCode + "&state=" + testState, expect},
		{"host in capitals", "http://LOCALHOST:8765/callback?code=" + testCode + "&state=" + testState, expect},
		{"https website", "https://example.com/li/callback?code=" + testCode + "&state=" + testState,
			Expect{State: testState, Redirect: mustURL("https://example.com/li/callback")}},
		{"https website, port written out", "https://example.com:443/li/callback?code=" + testCode + "&state=" + testState,
			Expect{State: testState, Redirect: mustURL("https://example.com/li/callback")}},
		{"root redirect without slash", "http://localhost:8765?code=" + testCode + "&state=" + testState,
			Expect{State: testState, Redirect: mustURL("http://localhost:8765/")}},
		{"spaces around", "   " + full + "   ", expect},
		{"line break after", full + "\r\n", expect},
		{"double quotes", `"` + full + `"`, expect},
		{"single quotes", "'" + full + "'", expect},
		{"curly quotes", "\u201c" + full + "\u201d", expect},
		{"angle brackets", "<" + full + ">", expect},
		{"brackets and quotes", ` "<` + full + `>" `, expect},
		{"wrapped over lines", testRedirect + "?code=" + testCode[:10] + "\n" + testCode[10:] + "&state=\n" + testState, expect},
		{"html-escaped ampersand", testRedirect + "?code=" + testCode + "&amp;state=" + testState, expect},
		{"state first", testRedirect + "?state=" + testState + "&code=" + testCode, expect},
		{"with fragment", full + "#", expect},
		{"just the query", "?code=" + testCode + "&state=" + testState, expect},
		{"query without ?", "code=" + testCode + "&state=" + testState, expect},
		{"percent-encoded code", testRedirect + "?code=" + strings.ReplaceAll(testCode, "_", "%5F") + "&state=" + testState, expect},
		{"bare code with PKCE", testCode, Expect{State: testState, Redirect: mustURL(testRedirect), BareCode: true}},
		{"bare code with spaces, PKCE", "  " + testCode + "\n", Expect{State: testState, BareCode: true}},
		{"quoted bare code, PKCE", `" ` + testCode + ` "`, Expect{State: testState, BareCode: true}},
		{"full address with PKCE", full, Expect{State: testState, Redirect: mustURL(testRedirect), BareCode: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := ParsePasted(tt.in, tt.want)
			if err != nil {
				t.Fatalf("ParsePasted(%q) error: %v", tt.in, err)
			}
			if code != testCode {
				t.Errorf("code = %q, want %q", code, testCode)
			}
		})
	}
}

// TestParsePastedRefuses covers issue #9's first point: a code this flow did
// not ask for is never accepted, however it is dressed.
func TestParsePastedRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *Error
	}{
		{"empty", "", ErrNotARedirect},
		{"only spaces", " \n\t ", ErrNotARedirect},
		{"a sentence", "I could not find the code", ErrNotARedirect},
		{"the redirect URL without code", testRedirect, ErrNotARedirect},
		{"a code too short", "abc", ErrNotARedirect},
		{"the sign-in page", "https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=abc&redirect_uri=x&state=" + testState, ErrNotARedirect},
		{"the login page", "https://www.linkedin.com/uas/login?session_redirect=%2Foauth%2Fv2%2Flogin-success", ErrNotARedirect},
		{"empty code", testRedirect + "?code=&state=" + testState, ErrNotARedirect},
		{"code with spaces encoded", testRedirect + "?code=a%20b%20c%20d%20e&state=" + testState, ErrNotARedirect},
		{"wrong state", testRedirect + "?code=" + testCode + "&state=someoneelse", ErrStateMismatch},
		{"empty state", testRedirect + "?code=" + testCode + "&state=", ErrStateMismatch},
		{"error with wrong state", testRedirect + "?error=user_cancelled_login&state=old", ErrStateMismatch},

		// Someone else's code, with no state at all (login CSRF).
		{"no state", testRedirect + "?code=" + testCode, ErrStateMismatch},
		{"bare code without PKCE", testCode, ErrNotARedirect},
		{"bare code with spaces without PKCE", "  " + testCode + "\n", ErrNotARedirect},
		{"state in capitals", testRedirect + "?code=" + testCode + "&STATE=" + testState, ErrStateMismatch},
		{"error without state", testRedirect + "?error=user_cancelled_login", ErrStateMismatch},
		// Lenient parsing would drop the damaged pair, and the state with it.
		{"state with a bad escape", testRedirect + "?code=" + testCode + "&state=" + testState + "%zz", ErrNotARedirect},
		{"state with a semicolon", testRedirect + "?code=" + testCode + "&state=" + testState + ";", ErrNotARedirect},
		{"bad escape elsewhere", testRedirect + "?code=" + testCode + "&state=" + testState + "&x=%zz", ErrNotARedirect},
		{"error with a bad escape", testRedirect + "?error=user_cancelled_login&state=" + testState + "&error_description=%zz", ErrNotARedirect},
		{"two states", testRedirect + "?code=" + testCode + "&state=" + testState + "&state=other", ErrNotARedirect},
		{"two codes", testRedirect + "?code=" + testCode + "&code=other1234&state=" + testState, ErrNotARedirect},

		// Not the redirect URL.
		{"another host", "http://evil.example:8765/callback?code=" + testCode + "&state=" + testState, ErrNotARedirect},
		{"another port", "http://localhost:9999/callback?code=" + testCode + "&state=" + testState, ErrNotARedirect},
		{"another path", "http://localhost:8765/other?code=" + testCode + "&state=" + testState, ErrNotARedirect},
		{"another scheme", "https://localhost:8765/callback?code=" + testCode + "&state=" + testState, ErrNotARedirect},
		{"a trailing slash", "http://localhost:8765/callback/?code=" + testCode + "&state=" + testState, ErrNotARedirect},
		{"a user name", "http://me@localhost:8765/callback?code=" + testCode + "&state=" + testState, ErrNotARedirect},

		{"cancelled login", testRedirect + "?error=user_cancelled_login&error_description=The+user+cancelled+LinkedIn+login&state=" + testState, ErrCancelledLogin},
		{"cancelled authorize", testRedirect + "?error=user_cancelled_authorize&state=" + testState, ErrCancelledAuthorize},
		{"unauthorized scope", "localhost:8765/callback?error=unauthorized_scope_error&error_description=Scope+%22r_liteprofile%22+is+not+authorized&state=" + testState, ErrUnauthorizedScope},
		{"other LinkedIn error", testRedirect + "?error=invalid_request&state=" + testState, ErrLinkedInError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := ParsePasted(tt.in, expect)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParsePasted(%q) = %q, %v; want %v", tt.in, code, err, tt.want.Kind)
			}
			e := AsError(err)
			if e.Reason == "" {
				t.Errorf("error says no reason: %+v", e)
			}
			if strings.Contains(e.Error(), testState) {
				t.Errorf("error %q echoes the expected state", e.Error())
			}
		})
	}
}

func TestParsePastedSaysWhy(t *testing.T) {
	tests := []struct {
		in      string
		says    Reason
		address string
	}{
		{testCode, ReasonOnlyCode, ""},
		{"http://localhost:9999/callback?code=" + testCode + "&state=" + testState, ReasonNotRedirectURL, testRedirect},
		{testRedirect + "?code=" + testCode, ReasonStateMissing, ""},
		{testRedirect + "?code=" + testCode + "&state=" + testState + "%zz", ReasonDamaged, ""},
	}
	for _, tt := range tests {
		_, err := ParsePasted(tt.in, expect)
		if e := AsError(err); e == nil || e.Reason != tt.says || e.Address != tt.address {
			t.Errorf("ParsePasted(%q) = %+v, want reason %s naming %q", tt.in, e, tt.says, tt.address)
		}
	}
}

func TestUnauthorizedScopeNamesTheScope(t *testing.T) {
	_, err := ParsePasted(testRedirect+"?error=unauthorized_scope_error&error_description=Scope+%22w_member_social%22+is+not+authorized+for+your+application&state="+testState, expect)
	if e := AsError(err); e.Reason != ReasonScopeRefused || e.Scope != "w_member_social" {
		t.Errorf("error %+v does not name the scope", e)
	}
}

// FuzzParsePasted: whatever is pasted, the parser answers a code or an
// *Error with words for a person, never panics, never takes a code that a
// URL could not carry, never repeats the state it expects, and accepts
// nothing that does not carry the expected state, unless PKCE binds a bare
// code.
func FuzzParsePasted(f *testing.F) {
	for _, seed := range []string{
		testRedirect + "?code=" + testCode + "&state=" + testState,
		testRedirect + "?code=" + testCode + "&state=" + testState + "%zz",
		testRedirect + "?code=" + testCode + "&state=" + testState + ";",
		testRedirect + "?code=" + testCode + "&STATE=" + testState,
		"<http://localhost:8765/callback?code=abc&state=x>",
		"code=" + testCode,
		testCode,
		"?error=user_cancelled_login&state=" + testState,
		"https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=a",
		"%zz?code=%&state=%%",
		"\u201chttp://x?code=\xff\xfe\u201d",
		"",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, in string, pkce bool) {
		want := Expect{State: testState, Redirect: mustURL(testRedirect), BareCode: pkce}
		code, err := ParsePasted(in, want)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if e.Reason == "" {
				t.Fatalf("error without a reason: %+v", e)
			}
			if code != "" {
				t.Fatalf("both a code %q and an error", code)
			}
			if strings.Contains(e.Scope+e.Address+e.Value+e.Example, testState) {
				t.Fatalf("error repeats the expected state")
			}
			return
		}
		if !validCode(code) || !utf8.ValidString(code) {
			t.Fatalf("accepted an impossible code %q from %q", code, in)
		}
		// The property that matters: an accepted paste carries this flow's
		// state, read independently here, or is a bare code under PKCE.
		cleaned, _ := cleanPaste(in)
		if cleaned == code {
			if !pkce {
				t.Fatalf("accepted a bare code %q without PKCE", in)
			}
			return
		}
		_, query, ok := strings.Cut(cleaned, "?")
		if !ok {
			query = cleaned
		}
		query, _, _ = strings.Cut(query, "#")
		vals, perr := url.ParseQuery(query)
		if perr != nil || len(vals["state"]) != 1 || vals.Get("state") != testState || vals.Get("code") != code {
			t.Fatalf("accepted %q (code %q) without exactly this flow's state", in, code)
		}
	})
}

// mustURL is a redirect URL as Settings.Check parses it.
func mustURL(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	return u
}
