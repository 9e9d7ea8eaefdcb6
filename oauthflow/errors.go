package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Kind says what went wrong, in terms a caller can act on; code that needs
// to branch compares kinds, usually through errors.Is with the sentinels
// below. What a person reads is said above, by package words, from the
// error's facts: its Kind, its Reason and the values they name.
type Kind string

// The kinds of failure a Connect can end in.
const (
	KindInvalidSettings    Kind = "invalid_settings"
	KindCancelledLogin     Kind = "user_cancelled_login"
	KindCancelledAuthorize Kind = "user_cancelled_authorize"
	KindUnauthorizedScope  Kind = "unauthorized_scope"
	KindCodeRejected       Kind = "code_rejected"
	KindBadClient          Kind = "bad_client"
	KindLinkedInError      Kind = "linkedin_error"
	KindLinkedInDown       Kind = "linkedin_unavailable"
	KindNetwork            Kind = "network"
	KindTimeout            Kind = "timeout"
	KindPortBusy           Kind = "port_busy"
	KindPortForbidden      Kind = "port_forbidden"
	KindStateMismatch      Kind = "state_mismatch"
	KindNotARedirect       Kind = "not_a_redirect"
	KindCancelled          Kind = "cancelled"
	KindFlowOver           Kind = "flow_over"
	KindTokenRejected      Kind = "token_rejected" // expired, revoked or unknown
)

// Reason says which case of its kind an error is, as a stable identifier:
// the words for a person are chosen by Kind and Reason together. A
// package that returns *Errors of its own (linkedin) declares its own
// reasons.
type Reason string

// The reasons oauthflow gives.
const (
	// LinkedIn's error= on the way back from its sign-in page.
	ReasonLoginCancelled     Reason = "login_cancelled"     // KindCancelledLogin
	ReasonAuthorizeCancelled Reason = "authorize_cancelled" // KindCancelledAuthorize: the member chose Cancel
	ReasonAccessDenied       Reason = "access_denied"       // KindCancelledAuthorize: access_denied
	ReasonScopeRefused       Reason = "scope_refused"       // KindUnauthorizedScope, naming Scope
	ReasonSomeScopeRefused   Reason = "some_scope_refused"  // KindUnauthorizedScope, naming none
	ReasonSignInUnavailable  Reason = "sign_in_unavailable" // KindLinkedInDown
	ReasonSignInStopped      Reason = "sign_in_stopped"     // KindLinkedInError: another error=, in Code

	// The token endpoint's answers.
	ReasonCodeRejected     Reason = "code_rejected"     // KindCodeRejected
	ReasonClientRejected   Reason = "client_rejected"   // KindBadClient
	ReasonRefreshRejected  Reason = "refresh_rejected"  // KindTokenRejected
	ReasonNoRefreshToken   Reason = "no_refresh_token"  // KindTokenRejected: Renew without one
	ReasonTokenUnavailable Reason = "token_unavailable" // KindLinkedInDown
	ReasonTokenRefused     Reason = "token_refused"     // KindLinkedInError
	ReasonTokenUnreadable  Reason = "token_unreadable"  // KindLinkedInError: a 2xx answer that is no token

	// What was being done when LinkedIn could not be reached (KindNetwork,
	// KindTimeout, KindCancelled).
	ReasonGettingToken Reason = "getting_token"

	// The loopback receiver and the wait for the browser.
	ReasonPortBusy       Reason = "port_busy"        // KindPortBusy: Port, and Address to use instead
	ReasonPortForbidden  Reason = "port_forbidden"   // KindPortForbidden: Port, and Address to use instead
	ReasonNoReceiver     Reason = "no_receiver"      // KindNetwork: listening failed otherwise
	ReasonStoppedWaiting Reason = "stopped_waiting"  // KindCancelled: said on the browser's page
	ReasonInputEnded     Reason = "input_ended"      // KindCancelled: what a paste is read from ended before an address came
	ReasonNoBrowserReply Reason = "no_browser_reply" // KindTimeout: Wait
	ReasonNoState        Reason = "no_state"         // KindLinkedInError: no randomness for a state
	ReasonLinkStale      Reason = "link_stale"       // KindStateMismatch: the browser's page for a return with a state not this sign-in's
	ReasonLinkUsed       Reason = "link_used"        // KindFlowOver: the browser's page for a second return
	ReasonFinished       Reason = "finished"         // KindFlowOver

	// A pasted address (KindNotARedirect, KindStateMismatch).
	ReasonNothingPasted  Reason = "nothing_pasted"
	ReasonOnlyCode       Reason = "only_code"
	ReasonSignInPage     Reason = "sign_in_page"
	ReasonNotRedirectURL Reason = "not_redirect_url" // Address: the redirect URL
	ReasonDamaged        Reason = "damaged"
	ReasonNotAnAddress   Reason = "not_an_address"
	ReasonStateMissing   Reason = "state_missing" // KindStateMismatch
	ReasonStateStale     Reason = "state_stale"   // KindStateMismatch

	// Anything else, for AsError.
	ReasonUnexpected Reason = "unexpected"
)

// Sentinels for errors.Is: errors.Is(err, oauthflow.ErrPortBusy) is true for
// any *Error of that kind, whatever its reason.
var (
	ErrInvalidSettings    = &Error{Kind: KindInvalidSettings}
	ErrCancelledLogin     = &Error{Kind: KindCancelledLogin}
	ErrCancelledAuthorize = &Error{Kind: KindCancelledAuthorize}
	ErrUnauthorizedScope  = &Error{Kind: KindUnauthorizedScope}
	ErrCodeRejected       = &Error{Kind: KindCodeRejected}
	ErrBadClient          = &Error{Kind: KindBadClient}
	ErrLinkedInError      = &Error{Kind: KindLinkedInError}
	ErrLinkedInDown       = &Error{Kind: KindLinkedInDown}
	ErrNetwork            = &Error{Kind: KindNetwork}
	ErrTimeout            = &Error{Kind: KindTimeout}
	ErrPortBusy           = &Error{Kind: KindPortBusy}
	ErrPortForbidden      = &Error{Kind: KindPortForbidden}
	ErrStateMismatch      = &Error{Kind: KindStateMismatch}
	ErrNotARedirect       = &Error{Kind: KindNotARedirect}
	ErrCancelled          = &Error{Kind: KindCancelled}
	ErrFlowOver           = &Error{Kind: KindFlowOver}
	ErrTokenRejected      = &Error{Kind: KindTokenRejected}
)

// Error is the one error type oauthflow (and linkedin) returns: facts, as
// golang.org/x/oauth2's RetrieveError is, not words. Kind and Reason say
// what happened; the fields after them are the values its words name, each
// set only where its reason uses it; Err is the technical cause, for a
// "Details" section and for errors.As. Package words turns it into what a
// person reads.
//
// None of its fields ever holds a client secret, a code, a state or a
// token: the constructors below take status codes and LinkedIn's error
// fields, never request bodies.
type Error struct {
	Kind   Kind
	Reason Reason
	Err    error // the technical cause; may be nil

	Field Field // the setting at fault (KindInvalidSettings)
	// Scope is a permission: the one the provider refused
	// (KindUnauthorizedScope), when it named one, so that the provider's
	// package can say what grants it; or the one a setting names.
	Scope       string
	Products    []string      // the products that grant Scope
	Approval    string        // of them, the one that needs the provider's approval
	RequestURL  string        // where to ask for that approval
	Port        int           // a port on this computer
	Address     string        // an address the words name: the redirect URL, or one to use instead
	Code        string        // the provider's error code, as it sent it
	Description string        // the provider's error description, as it sent it
	Wait        time.Duration // how long TokenDesk waited
	Value       string        // a value at fault (an API version, a setting's name)
	Example     string        // a value that would do
}

// Error is a technical text, in English, for logs and "Details": the kind,
// the reason and the cause. It never holds a secret.
func (e *Error) Error() string {
	s := string(e.Kind)
	if e.Reason != "" {
		s += " (" + string(e.Reason) + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap gives errors.Is and errors.As the technical cause.
func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error of the same kind, so the sentinels work with
// errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}

// Detail is the technical cause as text, for a "Details" expander. It is
// empty when there is nothing beyond what the words say.
func (e *Error) Detail() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}

// AsError returns err's *Error, or wraps an unexpected error in one, so a
// window always has something to show.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: KindLinkedInError, Reason: ReasonUnexpected, Err: err}
}

// detail is a technical cause with a text we choose. It keeps the original
// error for errors.As but never prints it, because some errors (a token
// endpoint's raw body, say) could carry more than we want in a log.
type detail struct {
	text string
	err  error
}

func (d *detail) Error() string { return d.text }
func (d *detail) Unwrap() error { return d.err }

// ReturnedError is the *Error for the error= (and error_description) that
// LinkedIn sends a browser back with, as the flow reads it: for whoever
// sees that return other than the flow (linkedin.CheckSignIn).
func ReturnedError(code, description string) *Error { return authorizationError(code, description) }

// authorizationError turns the error= LinkedIn puts on the redirect (to the
// loopback receiver or in a pasted address) into an *Error. description is
// LinkedIn's error_description; it comes from the browser, so it is shown as
// detail only, never as the message.
func authorizationError(code, description string) *Error {
	tech := fmt.Errorf("LinkedIn sent error=%q", code)
	if description != "" {
		tech = fmt.Errorf("LinkedIn sent error=%q (%s)", code, description)
	}
	switch code {
	case "user_cancelled_login":
		return &Error{Kind: KindCancelledLogin, Reason: ReasonLoginCancelled, Err: tech}
	case "user_cancelled_authorize":
		return &Error{Kind: KindCancelledAuthorize, Reason: ReasonAuthorizeCancelled, Err: tech}
	case "unauthorized_scope_error", "invalid_scope":
		if s := scopeNamedIn(description); s != "" {
			return &Error{Kind: KindUnauthorizedScope, Reason: ReasonScopeRefused, Err: tech, Scope: s, Code: code}
		}
		return &Error{Kind: KindUnauthorizedScope, Reason: ReasonSomeScopeRefused, Err: tech, Code: code}
	case "access_denied":
		return &Error{Kind: KindCancelledAuthorize, Reason: ReasonAccessDenied, Err: tech}
	case "server_error", "temporarily_unavailable":
		return &Error{Kind: KindLinkedInDown, Reason: ReasonSignInUnavailable, Err: tech, Code: code}
	default:
		return &Error{Kind: KindLinkedInError, Reason: ReasonSignInStopped, Err: tech, Code: code}
	}
}

// scopeNamedIn finds the scope LinkedIn names in an unauthorized_scope_error
// description, such as `Scope "r_liteprofile" is not authorized for your
// application`.
func scopeNamedIn(description string) string {
	_, rest, ok := strings.Cut(description, `"`)
	if !ok {
		return ""
	}
	s, _, ok := strings.Cut(rest, `"`)
	if !ok || !validScope(s) {
		return ""
	}
	return s
}

// exchangeError maps what went wrong while trading the code for a token.
func exchangeError(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok {
		return e
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return retrieveError(re)
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return transportError(err, ReasonGettingToken)
	}
	// A 2xx answer that is not a token: x/oauth2 says so in plain text
	// ("cannot parse json", "server response missing access_token").
	return &Error{Kind: KindLinkedInError, Reason: ReasonTokenUnreadable, Err: err}
}

// retrieveError maps LinkedIn's token-endpoint answers. Its error shapes are
// {"error": "...", "error_description": "..."} with 400 or 401.
func retrieveError(re *oauth2.RetrieveError) *Error {
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	tech := &detail{err: re, text: fmt.Sprintf("token endpoint answered HTTP %d", status)}
	if re.ErrorCode != "" {
		tech.text += fmt.Sprintf(", error=%q", re.ErrorCode)
		if re.ErrorDescription != "" {
			tech.text += fmt.Sprintf(" (%s)", re.ErrorDescription)
		}
	}
	desc := strings.ToLower(re.ErrorDescription)
	e := &Error{Err: tech, Code: re.ErrorCode, Description: re.ErrorDescription}
	codeRejected := func() *Error { e.Kind, e.Reason = KindCodeRejected, ReasonCodeRejected; return e }
	badClient := func() *Error { e.Kind, e.Reason = KindBadClient, ReasonClientRejected; return e }
	switch {
	case strings.Contains(desc, "refresh token"):
		e.Kind, e.Reason = KindTokenRejected, ReasonRefreshRejected
		return e
	case re.ErrorCode == "invalid_redirect_uri":
		return codeRejected()
	case strings.Contains(desc, "authorization code"):
		return codeRejected()
	case re.ErrorCode == "invalid_client", re.ErrorCode == "unauthorized_client":
		return badClient()
	case strings.Contains(desc, "client_id"), strings.Contains(desc, "client_secret"), strings.Contains(desc, "client authentication"):
		return badClient()
	case status == http.StatusUnauthorized:
		return badClient()
	case status >= 500:
		e.Kind, e.Reason = KindLinkedInDown, ReasonTokenUnavailable
		return e
	default:
		e.Kind, e.Reason = KindLinkedInError, ReasonTokenRefused
		return e
	}
}

// NetworkError maps a failure to reach LinkedIn at all (a timeout, no
// connection, a cancel) for callers that make their own requests; during
// is what was being done, as the caller's own Reason ("checking_who").
func NetworkError(err error, during Reason) *Error { return transportError(err, during) }

// transportError maps failures to reach a server at all.
func transportError(err error, during Reason) *Error {
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{Kind: KindCancelled, Reason: during, Err: err}
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return &Error{Kind: KindTimeout, Reason: during, Err: safeNetError(err)}
	default:
		return &Error{Kind: KindNetwork, Reason: during, Err: safeNetError(err)}
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// safeNetError keeps a *url.Error's operation and cause but drops its URL's
// query string, in case a caller ever puts something private there.
func safeNetError(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return &detail{text: ue.Op + ": " + ue.Err.Error(), err: err}
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return &detail{text: fmt.Sprintf("%s %s: %v", ue.Op, u.String(), ue.Err), err: err}
}
