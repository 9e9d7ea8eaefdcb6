// Package linkedin is LinkedIn's side of things, apart from the protocol:
// where it signs people in, hands out tokens and answers API calls. The flow
// engine (oauthflow) knows nothing of LinkedIn's addresses; it is given an
// oauthflow.Endpoint (see Endpoints.Flow), as golang.org/x/oauth2/linkedin
// gives golang.org/x/oauth2 its Endpoint.
package linkedin

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// The addresses LinkedIn serves its sign-in and API from.
const (
	DefaultOAuthURL = "https://www.linkedin.com/oauth/v2"
	DefaultAPIURL   = "https://api.linkedin.com"
)

// Environment variables that point TokenDesk at another LinkedIn: the tests'
// fake, or a proxy.
const (
	EnvOAuthURL = "LINKEDIN_OAUTH_URL"
	EnvAPIURL   = "LINKEDIN_API_URL"
)

// KindBadEndpoint is the kind of the error EndpointsFromEnv returns for an
// address it will not send a client secret to.
const KindBadEndpoint oauthflow.Kind = "bad_endpoint"

// ErrBadEndpoint matches that error with errors.Is.
var ErrBadEndpoint = &oauthflow.Error{Kind: KindBadEndpoint}

// Endpoints are the base addresses of LinkedIn's OAuth and API servers.
// The zero value means LinkedIn's own.
type Endpoints struct {
	OAuthURL string // e.g. https://www.linkedin.com/oauth/v2
	APIURL   string // e.g. https://api.linkedin.com
}

// EndpointsFromEnv reads LINKEDIN_OAUTH_URL and LINKEDIN_API_URL, falling
// back to LinkedIn's own addresses. An override must be https, or http to a
// loopback IP written out (127.0.0.1, [::1]), so that a stray variable
// cannot send a client secret over the network in the clear. The name
// "localhost" is not enough: it is whatever the resolver (or a hosts file)
// says it is.
func EndpointsFromEnv() (Endpoints, error) {
	return endpointsFrom(os.Getenv)
}

func endpointsFrom(getenv func(string) string) (Endpoints, error) {
	e := Endpoints{OAuthURL: DefaultOAuthURL, APIURL: DefaultAPIURL}
	for _, v := range []struct {
		name string
		dst  *string
	}{{EnvOAuthURL, &e.OAuthURL}, {EnvAPIURL, &e.APIURL}} {
		raw := strings.TrimSpace(getenv(v.name))
		if raw == "" {
			continue
		}
		if err := checkEndpoint(raw); err != nil {
			return Endpoints{}, &oauthflow.Error{Kind: KindBadEndpoint, Reason: ReasonUnsafeEndpoint, Err: err, Value: v.name}
		}
		*v.dst = strings.TrimRight(raw, "/")
	}
	return e, nil
}

func checkEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("parse endpoint: %w", err)
	}
	switch {
	case u.Host == "":
		return fmt.Errorf("endpoint %q has no host", u.Redacted())
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("endpoint %q must be a plain base address", u.Redacted())
	case strings.EqualFold(u.Scheme, "https"):
		return nil
	case strings.EqualFold(u.Scheme, "http") && isLoopbackIP(u.Hostname()):
		return nil
	default:
		return fmt.Errorf("endpoint %q is neither https nor http to a loopback IP address", u.Redacted())
	}
}

func (e Endpoints) oauthBase() string {
	if e.OAuthURL == "" {
		return DefaultOAuthURL
	}
	return strings.TrimRight(e.OAuthURL, "/")
}

func (e Endpoints) apiBase() string {
	if e.APIURL == "" {
		return DefaultAPIURL
	}
	return strings.TrimRight(e.APIURL, "/")
}

// AuthorizationURL is where the browser signs in.
func (e Endpoints) AuthorizationURL() string { return e.oauthBase() + "/authorization" }

// NativePKCEAuthorizationURL is the sign-in page of LinkedIn's native-client
// (PKCE) flow, which sits beside /oauth/v2: /oauth/native-pkce/authorization.
func (e Endpoints) NativePKCEAuthorizationURL() string {
	u, err := url.Parse(e.oauthBase())
	if err != nil {
		return e.AuthorizationURL()
	}
	u.Path = path.Join(path.Dir(u.Path), "native-pkce", "authorization")
	return u.String()
}

// TokenURL is where a code is traded for a token.
func (e Endpoints) TokenURL() string { return e.oauthBase() + "/accessToken" }

// IntrospectURL is LinkedIn's token inspector.
func (e Endpoints) IntrospectURL() string { return e.oauthBase() + "/introspectToken" }

// UserinfoURL says who a token belongs to (OpenID Connect).
func (e Endpoints) UserinfoURL() string { return e.apiBase() + "/v2/userinfo" }

// Flow is what the flow engine needs of these addresses.
func (e Endpoints) Flow() oauthflow.Endpoint {
	return oauthflow.Endpoint{AuthURL: e.AuthorizationURL(), PKCEAuthURL: e.NativePKCEAuthorizationURL(), TokenURL: e.TokenURL()}
}

func isLoopbackIP(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
