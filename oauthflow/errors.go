package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// Kind says what went wrong, in terms a caller can act on. The window shows
// Error.Message and Error.Hint; code that needs to branch compares kinds,
// usually through errors.Is with the sentinels below.
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

// Sentinels for errors.Is: errors.Is(err, oauthflow.ErrPortBusy) is true for
// any *Error of that kind, whatever its message.
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

// Error is the one error type oauthflow returns. It carries a short message
// for a person who has never heard of OAuth, a hint with the fix, and the
// technical cause for a "Details" section and for errors.As.
//
// None of its texts ever holds a client secret, a code, a state or a token:
// the constructors below build the technical detail from status codes and
// LinkedIn's error fields, never from request bodies.
type Error struct {
	Kind    Kind
	Message string // what happened: "You cancelled the sign-in."
	Hint    string // what to do: "Try again."
	Err     error  // the technical cause; may be nil
	// Scope is the permission the provider refused (KindUnauthorizedScope),
	// when it named one: the provider's package can say what grants it.
	Scope string
}

func (e *Error) Error() string {
	s := e.Message
	if s == "" {
		s = string(e.Kind)
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
// empty when there is nothing beyond the message.
func (e *Error) Detail() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}

// Explain keeps the contract of internal/explain: the words for a person.
func (e *Error) Explain() (message, hint, detail string) { return e.Message, e.Hint, e.Detail() }

// AsError returns err's *Error, or wraps an unexpected error in one with a
// generic message so a window always has something to show.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{
		Kind:    KindLinkedInError,
		Message: "Something went wrong while connecting.",
		Hint:    "Try again.",
		Err:     err,
	}
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
		return &Error{Kind: KindCancelledLogin, Err: tech,
			Message: "You cancelled the sign-in.",
			Hint:    "Sign in to LinkedIn to get your token."}
	case "user_cancelled_authorize":
		return &Error{Kind: KindCancelledAuthorize, Err: tech,
			Message: "You chose not to allow access on LinkedIn's page.",
			Hint:    "Sign in again and choose Allow to get your token."}
	case "unauthorized_scope_error", "invalid_scope":
		msg := "Your LinkedIn app is not allowed to ask for one of the permissions you ticked."
		s := scopeNamedIn(description)
		if s != "" {
			msg = fmt.Sprintf("Your LinkedIn app is not allowed to ask for the permission %q.", s)
		}
		return &Error{Kind: KindUnauthorizedScope, Err: tech, Message: msg, Scope: s,
			Hint: "In the LinkedIn Developer Portal, open your app's Products tab and add the product that gives it " +
				"(\"Sign In with LinkedIn using OpenID Connect\" for openid, profile and email; \"Share on LinkedIn\" for w_member_social), " +
				"or untick that permission here. Then try again."}
	case "access_denied":
		return &Error{Kind: KindCancelledAuthorize, Err: tech,
			Message: "LinkedIn did not give access.",
			Hint:    "Sign in again and choose Allow on LinkedIn's page to get your token."}
	case "server_error", "temporarily_unavailable":
		return &Error{Kind: KindLinkedInDown, Err: tech,
			Message: "LinkedIn had a problem and could not finish the sign-in.",
			Hint:    "Wait a minute, then try again."}
	default:
		return &Error{Kind: KindLinkedInError, Err: tech,
			Message: "LinkedIn stopped the sign-in.",
			Hint:    "Check the Client ID, the redirect URL and the permissions against your LinkedIn app, then try again. The details below say what LinkedIn reported."}
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
		return transportError(err, "while getting your token")
	}
	// A 2xx answer that is not a token: x/oauth2 says so in plain text
	// ("cannot parse json", "server response missing access_token").
	return &Error{Kind: KindLinkedInError, Err: err,
		Message: "LinkedIn's answer could not be understood, so there is no token.",
		Hint:    "Try again. If it happens again, LinkedIn (or a proxy on your network) may be having trouble."}
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
	codeRejected := &Error{Kind: KindCodeRejected, Err: tech,
		Message: "LinkedIn did not accept the sign-in code.",
		Hint: "Sign-in codes work once and only for 30 minutes, and the redirect URL must be exactly the one in your LinkedIn app. " +
			"Sign in again."}
	badClient := &Error{Kind: KindBadClient, Err: tech,
		Message: "LinkedIn did not accept your Client ID or Client secret.",
		Hint:    "Copy both again from your app's Auth tab in the LinkedIn Developer Portal, then try again."}
	switch {
	case strings.Contains(desc, "refresh token"):
		return &Error{Kind: KindTokenRejected, Err: tech,
			Message: "LinkedIn would not renew the token: its refresh token is invalid, expired or revoked.",
			Hint:    "Your current token is kept while it lasts. Sign in again to get a new one."}
	case re.ErrorCode == "invalid_redirect_uri":
		return codeRejected
	case strings.Contains(desc, "authorization code"):
		return codeRejected
	case re.ErrorCode == "invalid_client", re.ErrorCode == "unauthorized_client":
		return badClient
	case strings.Contains(desc, "client_id"), strings.Contains(desc, "client_secret"), strings.Contains(desc, "client authentication"):
		return badClient
	case status == http.StatusUnauthorized:
		return badClient
	case status >= 500:
		return &Error{Kind: KindLinkedInDown, Err: tech,
			Message: "LinkedIn had a problem and could not give you a token.",
			Hint:    "Wait a minute, then try again."}
	default:
		return &Error{Kind: KindLinkedInError, Err: tech,
			Message: "LinkedIn refused to give a token.",
			Hint:    "Check the Client ID, Client secret and redirect URL against your LinkedIn app, then try again. The details below say what LinkedIn reported."}
	}
}

// NetworkError maps a failure to reach LinkedIn at all (a timeout, no
// connection, a cancel) for callers that make their own requests; doing
// says when, as in "while checking who is connected".
func NetworkError(err error, doing string) *Error { return transportError(err, doing) }

// transportError maps failures to reach a server at all.
func transportError(err error, doing string) *Error {
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{Kind: KindCancelled, Err: err,
			Message: "Connecting was cancelled.",
			Hint:    "Start again when you are ready."}
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return &Error{Kind: KindTimeout, Err: safeNetError(err),
			Message: "LinkedIn took too long to answer " + doing + ".",
			Hint:    "Check your internet connection, then try again."}
	default:
		return &Error{Kind: KindNetwork, Err: safeNetError(err),
			Message: "TokenDesk could not reach LinkedIn " + doing + ".",
			Hint:    "Check your internet connection (and any proxy or firewall), then try again."}
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
