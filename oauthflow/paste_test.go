package oauthflow

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	testState = "Sb3kX0h2m1bq8u9Jc0bXWl8mJbYfQ1wqf6m3C7zR2aE"
	testCode  = "AQTq8Vx_7-cLw2uSaLbdF0rA4d3Yy9sN1mKq"
)

func TestParsePasted(t *testing.T) {
	full := "http://localhost:8765/callback?code=" + testCode + "&state=" + testState
	tests := []struct {
		name string
		in   string
	}{
		{"full address", full},
		{"without scheme", "localhost:8765/callback?code=" + testCode + "&state=" + testState},
		{"https website", "https://example.com/li/callback?code=" + testCode + "&state=" + testState},
		{"spaces around", "   " + full + "   "},
		{"line break after", full + "\r\n"},
		{"double quotes", `"` + full + `"`},
		{"single quotes", "'" + full + "'"},
		{"curly quotes", "\u201c" + full + "\u201d"},
		{"angle brackets", "<" + full + ">"},
		{"brackets and quotes", ` "<` + full + `>" `},
		{"wrapped over lines", "http://localhost:8765/callback?code=" + testCode[:10] + "\n" + testCode[10:] + "&state=\n" + testState},
		{"html-escaped ampersand", "http://localhost:8765/callback?code=" + testCode + "&amp;state=" + testState},
		{"state first", "http://localhost:8765/callback?state=" + testState + "&code=" + testCode},
		{"with fragment", full + "#"},
		{"just the query", "?code=" + testCode + "&state=" + testState},
		{"query without ?", "code=" + testCode + "&state=" + testState},
		{"no state", "http://localhost:8765/callback?code=" + testCode},
		{"bare code", testCode},
		{"bare code with spaces", "  " + testCode + "\n"},
		{"quoted bare code with spaces", `" ` + testCode + ` "`},
		{"quoted address with spaces inside", `" <` + full + `> "`},
		{"percent-encoded code", "http://localhost:8765/callback?code=" + strings.ReplaceAll(testCode, "_", "%5F") + "&state=" + testState},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := ParsePasted(tt.in, testState)
			if err != nil {
				t.Fatalf("ParsePasted(%q) error: %v", tt.in, err)
			}
			if code != testCode {
				t.Errorf("code = %q, want %q", code, testCode)
			}
		})
	}
}

func TestParsePastedRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *Error
	}{
		{"empty", "", ErrNotARedirect},
		{"only spaces", " \n\t ", ErrNotARedirect},
		{"a sentence", "I could not find the code", ErrNotARedirect},
		{"the redirect URL without code", "http://localhost:8765/callback", ErrNotARedirect},
		{"a code too short", "abc", ErrNotARedirect},
		{"the sign-in page", "https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=abc&redirect_uri=x&state=" + testState, ErrNotARedirect},
		{"the login page", "https://www.linkedin.com/uas/login?session_redirect=%2Foauth%2Fv2%2Flogin-success", ErrNotARedirect},
		{"empty code", "http://localhost:8765/callback?code=&state=" + testState, ErrNotARedirect},
		{"code with spaces encoded", "http://localhost:8765/callback?code=a%20b%20c%20d%20e&state=" + testState, ErrNotARedirect},
		{"wrong state", "http://localhost:8765/callback?code=" + testCode + "&state=someoneelse", ErrStateMismatch},
		{"empty state", "http://localhost:8765/callback?code=" + testCode + "&state=", ErrStateMismatch},
		{"error with wrong state", "http://localhost:8765/callback?error=user_cancelled_login&state=old", ErrStateMismatch},
		{"cancelled login", "http://localhost:8765/callback?error=user_cancelled_login&error_description=The+user+cancelled+LinkedIn+login&state=" + testState, ErrCancelledLogin},
		{"cancelled authorize", "http://localhost:8765/callback?error=user_cancelled_authorize&state=" + testState, ErrCancelledAuthorize},
		{"unauthorized scope", "localhost:8765/callback?error=unauthorized_scope_error&error_description=Scope+%22r_liteprofile%22+is+not+authorized&state=" + testState, ErrUnauthorizedScope},
		{"other LinkedIn error", "http://localhost:8765/callback?error=invalid_request&state=" + testState, ErrLinkedInError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := ParsePasted(tt.in, testState)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParsePasted(%q) = %q, %v; want %v", tt.in, code, err, tt.want.Kind)
			}
			e := AsError(err)
			if e.Message == "" || e.Hint == "" {
				t.Errorf("error lacks message or hint: %+v", e)
			}
			if strings.Contains(e.Error(), testState) {
				t.Errorf("error %q echoes the expected state", e.Error())
			}
		})
	}
}

func TestUnauthorizedScopeNamesTheScope(t *testing.T) {
	_, err := ParsePasted("http://localhost:8765/callback?error=unauthorized_scope_error&error_description=Scope+%22w_member_social%22+is+not+authorized+for+your+application&state="+testState, testState)
	if e := AsError(err); !strings.Contains(e.Message, "w_member_social") {
		t.Errorf("message %q does not name the scope", e.Message)
	}
}

// FuzzParsePasted: whatever is pasted, the parser answers a code or an
// *Error with words for a person, never panics, never takes a code that a
// URL could not carry, and never repeats the state it expects.
func FuzzParsePasted(f *testing.F) {
	for _, seed := range []string{
		"http://localhost:8765/callback?code=" + testCode + "&state=" + testState,
		"<http://localhost:8765/callback?code=abc&state=x>",
		"code=" + testCode,
		testCode,
		"?error=user_cancelled_login&state=" + testState,
		"https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=a",
		"%zz?code=%&state=%%",
		"\u201chttp://x?code=\xff\xfe\u201d",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		code, err := ParsePasted(in, testState)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if e.Message == "" || e.Hint == "" {
				t.Fatalf("error without words: %+v", e)
			}
			if code != "" {
				t.Fatalf("both a code %q and an error", code)
			}
			if strings.Contains(e.Message+e.Hint, testState) {
				t.Fatalf("error repeats the expected state")
			}
			return
		}
		if !validCode(code) || !utf8.ValidString(code) {
			t.Fatalf("accepted an impossible code %q from %q", code, in)
		}
	})
}
