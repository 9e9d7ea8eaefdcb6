package oauthflow

import (
	"net/url"
	"strings"
	"unicode"
)

// maxPaste bounds what the paste parser reads: a LinkedIn redirect is well
// under 2 KB, and a huge clipboard should not cost anything.
const maxPaste = 16 << 10

// ParsePasted reads what a person pasted from the browser's address bar and
// returns the sign-in code.
//
// It accepts the whole address, with or without http://, with spaces,
// quotes, angle brackets or line breaks around or inside it (as mail and
// chat programs wrap long links), "&amp;" for "&", just the part after the
// "?", or the bare code. When the address has a state it must be wantState.
// An address carrying LinkedIn's error= gives the same *Error as the loopback
// receiver would. Anything else is an *Error of kind KindNotARedirect or
// KindStateMismatch, never a panic.
func ParsePasted(text, wantState string) (code string, err error) {
	s, innerSpace := cleanPaste(text)
	if s == "" {
		return "", &Error{Kind: KindNotARedirect,
			Message: "Nothing was pasted.",
			Hint:    "After signing in, copy the whole address from the browser's address bar and paste it here."}
	}

	query, isQuery := queryPart(s)
	if !isQuery {
		// White space inside an address is line wrapping; inside a bare
		// code it means this is a sentence, not a code.
		if !innerSpace && validCode(s) && len(s) >= 8 {
			return s, nil
		}
		return "", notARedirect()
	}

	vals, _ := url.ParseQuery(query) // keep what parses; a bad escape elsewhere is no reason to fail
	state, hasState := vals.Get("state"), vals.Has("state")
	stateOK := !hasState || sameState(state, wantState)

	if errCode := vals.Get("error"); errCode != "" {
		if !stateOK {
			return "", staleState()
		}
		return "", authorizationError(errCode, vals.Get("error_description"))
	}

	code = vals.Get("code")
	if code == "" {
		if vals.Has("response_type") || vals.Has("client_id") || vals.Has("session_redirect") {
			return "", &Error{Kind: KindNotARedirect,
				Message: "This is the address of LinkedIn's sign-in page, not of the page after it.",
				Hint:    "Finish signing in and press Allow in the browser. Then copy the address of the page you land on (it may say \"This site can't be reached\") and paste it here."}
		}
		return "", notARedirect()
	}
	if !stateOK {
		return "", staleState()
	}
	if !validCode(code) {
		return "", notARedirect()
	}
	return code, nil
}

// cleanPaste removes what surrounds a link when it is copied from a mail, a
// chat or a document: spaces, line breaks, quotes, angle brackets. A URL has
// no white space of its own, so any inside it came from line wrapping and is
// removed too; innerSpace reports that there was some.
func cleanPaste(text string) (s string, innerSpace bool) {
	if len(text) > maxPaste {
		text = text[:maxPaste]
	}
	isSpace := func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }
	const wrappers = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb<>()"
	for range 3 { // ` "<https://…>" `: spaces, quotes and brackets in any nesting
		text = strings.Trim(strings.TrimFunc(text, isSpace), wrappers)
	}
	innerSpace = strings.IndexFunc(text, isSpace) >= 0
	text = strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, text)
	text = strings.Trim(text, wrappers)
	return strings.ReplaceAll(text, "&amp;", "&"), innerSpace
}

// queryPart finds the query string in an address, or reports that the text
// is not an address or query at all.
func queryPart(s string) (string, bool) {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[i+1:]
	} else if !strings.Contains(s, "=") {
		return "", false
	}
	if j := strings.IndexByte(s, '#'); j >= 0 {
		s = s[:j]
	}
	return s, true
}

// validCode accepts the characters LinkedIn's codes are made of (and those
// of other URL-safe encodings), so a pasted sentence is never taken for one.
func validCode(s string) bool {
	if s == "" || len(s) > 4096 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '-' || r == '_' || r == '.' || r == '~' || r == '+' || r == '/' || r == '=') {
			return false
		}
	}
	return true
}

func notARedirect() *Error {
	return &Error{Kind: KindNotARedirect,
		Message: "That doesn't look like the address LinkedIn sent you to.",
		Hint:    "After signing in, copy the whole address from the browser's address bar (it starts with your redirect URL and has code= in it) and paste it here."}
}

// staleState never says which state was expected.
func staleState() *Error {
	return &Error{Kind: KindStateMismatch,
		Message: "This address is from an earlier or different sign-in.",
		Hint:    "Copy the address from the browser tab you signed in with just now, or press Connect to start again."}
}
