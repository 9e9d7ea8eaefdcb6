package oauthflow

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// DefaultRedirectURL is what the window suggests: on this computer, on a port
// few programs use, so the loopback flow works without any set-up beyond
// adding it to the LinkedIn app.
const DefaultRedirectURL = "http://localhost:8765/callback"

// DefaultScopes are the permissions of LinkedIn's self-serve "Sign In with
// LinkedIn using OpenID Connect" product.
var DefaultScopes = []string{"openid", "profile", "email"}

// KnownExtraScopes are permissions of other self-serve products that the
// window offers as check boxes ("Share on LinkedIn").
var KnownExtraScopes = []string{"w_member_social"}

// retiredScopes were switched off by LinkedIn on 2023-08-01; older tutorials
// still use them and LinkedIn answers unauthorized_scope_error.
var retiredScopes = map[string]string{
	"r_liteprofile":  "openid profile",
	"r_emailaddress": "email",
}

// Field names a setting, so that a window can put a message under the
// right box. The names are identifiers; what a screen calls the box is the
// screen's business.
type Field string

// The settings a person fills in.
const (
	FieldClientID     Field = "client_id"
	FieldClientSecret Field = "client_secret"
	FieldRedirectURL  Field = "redirect_url"
	FieldScopes       Field = "scopes"
)

// Settings is what a person copies from their LinkedIn app.
type Settings struct {
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string

	// PKCE asks for LinkedIn's native-client flow (S256 code challenge, no
	// client secret needed). LinkedIn must switch it on for the app, so it is
	// off unless the person asks for it.
	PKCE bool
}

// Clean returns a copy with the spaces people paste around values removed,
// scopes split on spaces or commas, de-duplicated, in a stable order.
func (s Settings) Clean() Settings {
	s.ClientID = strings.TrimSpace(s.ClientID)
	s.ClientSecret = strings.TrimSpace(s.ClientSecret)
	s.RedirectURL = strings.TrimSpace(s.RedirectURL)
	s.Scopes = ParseScopes(strings.Join(s.Scopes, " "))
	return s
}

// ParseScopes splits a scope list as people write it ("openid profile",
// "openid,profile", one per line) into distinct scopes, keeping their order.
func ParseScopes(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ';'
	})
	var out []string
	for _, f := range fields {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// SameScopes reports whether two permission lists hold the same
// permissions, in any order: asking LinkedIn for another set invalidates the
// member's earlier tokens for the app.
func SameScopes(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// Problem is one thing wrong with the settings, as facts: the field, why
// (Reason), and the values its words name. Package words says it.
type Problem struct {
	Field   Field
	Reason  Reason
	Scope   string // the permission at fault (ReasonScopeRetired, ReasonScopeInvalid)
	Address string // an address to use instead (ReasonRedirectLocalHTTPS)
	Example string // what to use instead (ReasonScopeRetired: "openid profile")
}

// The reasons of a Problem, each for one Field.
const (
	ReasonClientIDEmpty      Reason = "client_id_empty"
	ReasonClientIDSpace      Reason = "client_id_space"
	ReasonClientIDAddress    Reason = "client_id_address"
	ReasonClientSecretEmpty  Reason = "client_secret_empty"
	ReasonClientSecretSpace  Reason = "client_secret_space"
	ReasonRedirectEmpty      Reason = "redirect_empty"
	ReasonRedirectNotFull    Reason = "redirect_not_full"
	ReasonRedirectScheme     Reason = "redirect_scheme"
	ReasonRedirectFragment   Reason = "redirect_fragment"
	ReasonRedirectUser       Reason = "redirect_user"
	ReasonRedirectPort       Reason = "redirect_port"
	ReasonRedirectLocalHTTPS Reason = "redirect_local_https"
	ReasonRedirectRemoteHTTP Reason = "redirect_remote_http"
	ReasonRedirectPKCE       Reason = "redirect_pkce"
	ReasonScopesNone         Reason = "scopes_none"
	ReasonScopeRetired       Reason = "scope_retired"
	ReasonScopeInvalid       Reason = "scope_invalid"
)

// ValidationError lists every problem found, so the window can show them all
// at once rather than one per press of Connect.
type ValidationError struct {
	Problems []Problem
}

func (v *ValidationError) Error() string {
	parts := make([]string, len(v.Problems))
	for i, p := range v.Problems {
		parts[i] = string(p.Field) + ": " + string(p.Reason)
		if p.Scope != "" {
			parts[i] += fmt.Sprintf(" (%q)", p.Scope)
		}
	}
	return "invalid settings: " + strings.Join(parts, ", ")
}

// For returns the first problem with a field, if there is one.
func (v *ValidationError) For(f Field) (Problem, bool) {
	for _, p := range v.Problems {
		if p.Field == f {
			return p, true
		}
	}
	return Problem{}, false
}

// Validate checks the settings as a person typed them (after Clean) and
// returns nil or a *ValidationError wrapped in an *Error of kind
// KindInvalidSettings.
func (s Settings) Validate() error {
	_, err := s.Check()
	return err
}

// Checked is settings that passed Validate: cleaned once, the redirect URL
// parsed once, the way the code comes back decided. Begin takes it as it is.
type Checked struct {
	settings Settings
	redirect *url.URL
}

// Settings are the cleaned settings.
func (c Checked) Settings() Settings { return c.settings }

// Mode is how the code comes back: loopback when the redirect URL is plain
// http on this computer, paste otherwise.
func (c Checked) Mode() Mode {
	if c.redirect != nil && strings.EqualFold(c.redirect.Scheme, "http") && isLoopbackHost(c.redirect.Hostname()) {
		return Loopback
	}
	return Paste
}

// Check cleans and validates the settings once, for a flow: a Checked
// value, or an error as Validate's.
func (s Settings) Check() (Checked, error) {
	s = s.Clean()
	var v ValidationError
	add := func(p Problem) { v.Problems = append(v.Problems, p) }

	switch {
	case s.ClientID == "":
		add(Problem{Field: FieldClientID, Reason: ReasonClientIDEmpty})
	case strings.ContainsAny(s.ClientID, " \t\r\n"):
		add(Problem{Field: FieldClientID, Reason: ReasonClientIDSpace})
	case strings.Contains(s.ClientID, "://"):
		add(Problem{Field: FieldClientID, Reason: ReasonClientIDAddress})
	}

	switch {
	case s.ClientSecret == "" && !s.PKCE:
		add(Problem{Field: FieldClientSecret, Reason: ReasonClientSecretEmpty})
	case strings.ContainsAny(s.ClientSecret, " \t\r\n"):
		add(Problem{Field: FieldClientSecret, Reason: ReasonClientSecretSpace})
	}

	redirect, p := checkRedirectURL(s.RedirectURL, s.PKCE)
	if p.Reason != "" {
		add(p)
	}

	if p := checkScopes(s.Scopes); p.Reason != "" {
		add(p)
	}

	if len(v.Problems) == 0 {
		return Checked{settings: s, redirect: redirect}, nil
	}
	first := v.Problems[0]
	return Checked{}, &Error{Kind: KindInvalidSettings, Reason: first.Reason, Field: first.Field,
		Scope: first.Scope, Address: first.Address, Example: first.Example, Err: &v}
}

// checkRedirectURL parses the redirect URL and says what is wrong with it,
// if anything (a Problem with no Reason: nothing).
func checkRedirectURL(raw string, pkce bool) (u *url.URL, p Problem) {
	reason, address := redirectProblem(raw, pkce, &u)
	return u, Problem{Field: FieldRedirectURL, Reason: reason, Address: address}
}

func redirectProblem(raw string, pkce bool, parsed **url.URL) (reason Reason, address string) {
	if raw == "" {
		return ReasonRedirectEmpty, ""
	}
	u, err := url.Parse(raw)
	*parsed = u
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return ReasonRedirectNotFull, ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return ReasonRedirectScheme, ""
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return ReasonRedirectFragment, ""
	}
	if u.User != nil {
		return ReasonRedirectUser, ""
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return ReasonRedirectPort, ""
		}
	}
	local := isLoopbackHost(u.Hostname())
	switch {
	case local && scheme == "https":
		port := u.Port()
		if port == "" {
			port = "8765"
		}
		return ReasonRedirectLocalHTTPS, "http://localhost:" + port + pathOrCallback(u)
	case !local && scheme == "http":
		return ReasonRedirectRemoteHTTP, ""
	case pkce && !isLoopbackIP(u.Hostname()):
		return ReasonRedirectPKCE, ""
	}
	return "", ""
}

func pathOrCallback(u *url.URL) string {
	if u.Path == "" || u.Path == "/" {
		return "/callback"
	}
	return u.EscapedPath()
}

func checkScopes(scopes []string) Problem {
	if len(scopes) == 0 {
		return Problem{Field: FieldScopes, Reason: ReasonScopesNone}
	}
	for _, s := range scopes {
		if repl, retired := retiredScopes[s]; retired {
			return Problem{Field: FieldScopes, Reason: ReasonScopeRetired, Scope: s, Example: repl}
		}
		if !validScope(s) {
			return Problem{Field: FieldScopes, Reason: ReasonScopeInvalid, Scope: s}
		}
	}
	return Problem{}
}

// validScope accepts LinkedIn's scope names: letters, digits and underscores.
func validScope(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// isLoopbackHost reports whether a redirect URL's host is this computer.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	return isLoopbackIP(host)
}

func isLoopbackIP(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Mode is how the code comes back from the browser.
type Mode int

const (
	// Loopback: a one-shot server on this computer receives the redirect.
	Loopback Mode = iota
	// Paste: the person copies the address bar back into the app.
	Paste
)

func (m Mode) String() string {
	if m == Paste {
		return "paste"
	}
	return "loopback"
}
