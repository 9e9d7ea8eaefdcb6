package oauthflow

import (
	"net/url"
	"strings"
	"unicode"
)

// maxPaste bounds what the paste parser reads: a LinkedIn redirect is well
// under 2 KB, and a huge clipboard should not cost anything.
const maxPaste = 16 << 10

// Expect is what a pasted address must match to be accepted.
type Expect struct {
	// State is this flow's state: a pasted address must carry it.
	State string
	// Redirect, when set, is the address LinkedIn sends the browser to, as
	// Settings.Check parsed it: a pasted address with another scheme, host,
	// port or path is refused.
	Redirect *url.URL
	// BareCode accepts a code pasted on its own. Only PKCE makes that safe:
	// the verifier binds the code to this flow, as the state does otherwise.
	BareCode bool
}

// ParsePasted reads what a person pasted from the browser's address bar and
// returns the sign-in code.
//
// It accepts the whole address, with or without http://, with spaces,
// quotes, angle brackets or line breaks around or inside it (as mail and
// chat programs wrap long links), "&amp;" for "&", or just the part after
// the "?". The address must carry want.State, read strictly (see
// readReturn), and be want.RedirectURL. A code on its own is accepted only
// with want.BareCode. An address carrying LinkedIn's error= gives the same
// *Error as the loopback receiver would. Anything else is an *Error of kind
// KindNotARedirect or KindStateMismatch, never a panic.
func ParsePasted(text string, want Expect) (code string, err error) {
	s, innerSpace := cleanPaste(text)
	if s == "" {
		return "", &Error{Kind: KindNotARedirect, Reason: ReasonNothingPasted}
	}

	address, query, isQuery := splitAddress(s)
	if !isQuery {
		// White space inside an address is line wrapping; inside a bare
		// code it means this is a sentence, not a code.
		if innerSpace || !validCode(s) || len(s) < 8 {
			return "", notARedirect()
		}
		if !want.BareCode {
			return "", &Error{Kind: KindNotARedirect, Reason: ReasonOnlyCode}
		}
		return s, nil
	}

	if looksLikeSignInPage(query) {
		return "", &Error{Kind: KindNotARedirect, Reason: ReasonSignInPage}
	}
	if e := checkPastedAddress(address, want.Redirect); e != nil {
		return "", e
	}
	ret, e := readReturn(query, want.State)
	if e != nil {
		return "", e
	}
	if ret.authErr != nil {
		return "", ret.authErr
	}
	return ret.code, nil
}

// splitAddress cuts pasted text into the address before the "?" (empty when
// only the query was pasted) and the query, or reports that the text is not
// an address or query at all.
func splitAddress(s string) (address, query string, ok bool) {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		address, query = s[:i], s[i+1:]
	} else if strings.Contains(s, "=") {
		query = s
	} else {
		return "", "", false
	}
	if j := strings.IndexByte(query, '#'); j >= 0 {
		query = query[:j]
	}
	return address, query, true
}

// looksLikeSignInPage spots the address of LinkedIn's own sign-in or login
// page, pasted too early. It reads leniently: it only picks a message.
func looksLikeSignInPage(query string) bool {
	vals, _ := url.ParseQuery(query)
	return vals.Get("code") == "" &&
		(vals.Has("response_type") || vals.Has("client_id") || vals.Has("session_redirect"))
}

// checkPastedAddress refuses an address that is not the redirect URL:
// another scheme, host, port or path. An address without a scheme
// ("localhost:8765/callback") is read with the redirect URL's.
func checkPastedAddress(address string, want *url.URL) *Error {
	if address == "" || want == nil {
		return nil
	}
	redirectURL := want.String()
	if !strings.Contains(address, "://") {
		address = want.Scheme + "://" + address
	}
	got, err := url.Parse(address)
	if err != nil || got.User != nil || !sameAddress(got, want) {
		return &Error{Kind: KindNotARedirect, Reason: ReasonNotRedirectURL, Address: redirectURL}
	}
	return nil
}

// sameAddress compares scheme, host, port and path as LinkedIn matches
// redirect URLs: exactly, but for the case of the scheme and host and an
// empty path meaning "/".
func sameAddress(a, b *url.URL) bool {
	path := func(u *url.URL) string {
		if p := u.EscapedPath(); p != "" {
			return p
		}
		return "/"
	}
	return strings.EqualFold(a.Scheme, b.Scheme) &&
		strings.EqualFold(a.Hostname(), b.Hostname()) &&
		portOf(a) == portOf(b) &&
		path(a) == path(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
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
