package oauthflow

import (
	"net/url"
)

// browserReturn is what LinkedIn sent the browser back with: a code, or
// LinkedIn's own error. Both the loopback receiver and the paste parser read
// it with readReturn, so the same rules hold however it arrives.
type browserReturn struct {
	code    string
	authErr *Error // LinkedIn's error=, e.g. the member cancelled
}

// readReturn reads the query of the address LinkedIn sent the browser to.
// It is strict, because everything in it came from outside: a query that
// does not parse is refused rather than half-read (url.ParseQuery drops the
// pair it cannot read, and with it a state), a parameter given twice is
// refused, and the state must be this flow's, for an error= as much as for
// a code (RFC 6749 §10.12, RFC 9700 §4.7).
func readReturn(rawQuery, wantState string) (browserReturn, *Error) {
	vals, err := url.ParseQuery(rawQuery)
	if err != nil {
		return browserReturn{}, damagedAddress()
	}
	for _, k := range []string{"state", "code", "error"} {
		if len(vals[k]) > 1 {
			return browserReturn{}, damagedAddress()
		}
	}
	code, errCode := vals.Get("code"), vals.Get("error")
	if code == "" && errCode == "" {
		return browserReturn{}, notARedirect()
	}
	if !vals.Has("state") {
		return browserReturn{}, missingState()
	}
	if !sameState(vals.Get("state"), wantState) {
		return browserReturn{}, staleState()
	}
	if errCode != "" {
		return browserReturn{authErr: authorizationError(errCode, vals.Get("error_description"))}, nil
	}
	if !validCode(code) {
		return browserReturn{}, notARedirect()
	}
	return browserReturn{code: code}, nil
}

func damagedAddress() *Error {
	return &Error{Kind: KindNotARedirect, Reason: ReasonDamaged}
}

func missingState() *Error {
	return &Error{Kind: KindStateMismatch, Reason: ReasonStateMissing}
}

// staleState never says which state was expected.
func staleState() *Error {
	return &Error{Kind: KindStateMismatch, Reason: ReasonStateStale}
}

func notARedirect() *Error {
	return &Error{Kind: KindNotARedirect, Reason: ReasonNotAnAddress}
}
