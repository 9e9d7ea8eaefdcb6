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

// Problem is one thing wrong with the settings, said for a person.
type Problem struct {
	Field   Field
	Message string // "The Client ID is empty."
	Hint    string // "Copy it from your app's Auth tab in the LinkedIn Developer Portal."
}

// ValidationError lists every problem found, so the window can show them all
// at once rather than one per press of Connect.
type ValidationError struct {
	Problems []Problem
}

func (v *ValidationError) Error() string {
	parts := make([]string, len(v.Problems))
	for i, p := range v.Problems {
		parts[i] = p.Message
	}
	return strings.Join(parts, " ")
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
	add := func(f Field, msg, hint string) {
		v.Problems = append(v.Problems, Problem{Field: f, Message: msg, Hint: hint})
	}

	const fromPortal = "Copy it from your app's Auth tab in the LinkedIn Developer Portal."
	switch {
	case s.ClientID == "":
		add(FieldClientID, "The Client ID is empty.", fromPortal)
	case strings.ContainsAny(s.ClientID, " \t\r\n"):
		add(FieldClientID, "The Client ID has a space in it.", "It is one word of letters and digits. "+fromPortal)
	case strings.Contains(s.ClientID, "://"):
		add(FieldClientID, "The Client ID looks like a web address.", "It is one word of letters and digits. "+fromPortal)
	}

	switch {
	case s.ClientSecret == "" && !s.PKCE:
		add(FieldClientSecret, "The Client secret is empty.", "Copy the Primary Client Secret from your app's Auth tab in the LinkedIn Developer Portal.")
	case strings.ContainsAny(s.ClientSecret, " \t\r\n"):
		add(FieldClientSecret, "The Client secret has a space in it.", "Copy it again with the copy button next to it in the LinkedIn Developer Portal.")
	}

	redirect, msg, hint := checkRedirectURL(s.RedirectURL, s.PKCE)
	if msg != "" {
		add(FieldRedirectURL, msg, hint)
	}

	if msg, hint := checkScopes(s.Scopes); msg != "" {
		add(FieldScopes, msg, hint)
	}

	if len(v.Problems) == 0 {
		return Checked{settings: s, redirect: redirect}, nil
	}
	first := v.Problems[0]
	return Checked{}, &Error{Kind: KindInvalidSettings, Message: first.Message, Hint: first.Hint, Err: &v}
}

// checkRedirectURL parses the redirect URL and says what is wrong with it,
// if anything.
func checkRedirectURL(raw string, pkce bool) (u *url.URL, msg, hint string) {
	msg, hint = redirectProblem(raw, pkce, &u)
	return u, msg, hint
}

func redirectProblem(raw string, pkce bool, parsed **url.URL) (msg, hint string) {
	suggest := "Use " + DefaultRedirectURL + " and add that exact address to your LinkedIn app (Auth tab, Authorized redirect URLs)."
	if raw == "" {
		return "The redirect URL is empty.", suggest
	}
	u, err := url.Parse(raw)
	*parsed = u
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return "The redirect URL must be a full address, starting with http:// or https://.", suggest
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "The redirect URL must start with http:// or https://.", suggest
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return "The redirect URL must not contain a # sign.", "Remove the # and everything after it, here and in your LinkedIn app."
	}
	if u.User != nil {
		return "The redirect URL must not contain a user name or password.", suggest
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return "The redirect URL's port must be a number from 1 to 65535.", suggest
		}
	}
	local := isLoopbackHost(u.Hostname())
	switch {
	case local && scheme == "https":
		port := u.Port()
		if port == "" {
			port = "8765"
		}
		return "TokenDesk cannot receive https:// addresses on this computer.",
			fmt.Sprintf("Use http://localhost:%s%s instead, and add that exact address to your LinkedIn app.", port, pathOrCallback(u))
	case !local && scheme == "http":
		return "LinkedIn only accepts http:// for addresses on this computer (localhost).",
			"Use https:// for a website, or " + DefaultRedirectURL + " to receive the sign-in here."
	case pkce && !isLoopbackIP(u.Hostname()):
		return "LinkedIn's native sign-in (PKCE) only sends you back to 127.0.0.1 or [::1].",
			"Use http://127.0.0.1:8765/callback and add it to your LinkedIn app, or switch PKCE off."
	}
	return "", ""
}

func pathOrCallback(u *url.URL) string {
	if u.Path == "" || u.Path == "/" {
		return "/callback"
	}
	return u.EscapedPath()
}

func checkScopes(scopes []string) (msg, hint string) {
	if len(scopes) == 0 {
		return "Choose at least one permission.", "Tick \"Sign In with OpenID Connect\" (openid profile email) unless you know you need something else."
	}
	for _, s := range scopes {
		if repl, retired := retiredScopes[s]; retired {
			return fmt.Sprintf("LinkedIn retired the permission %q in 2023.", s),
				fmt.Sprintf("Use %s instead (LinkedIn's \"Sign In with LinkedIn using OpenID Connect\" product gives openid, profile and email).", repl)
		}
		if !validScope(s) {
			return fmt.Sprintf("%q is not a permission name.", s),
				"Permission names are words like openid, profile, email or w_member_social, separated by spaces."
		}
	}
	return "", ""
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
