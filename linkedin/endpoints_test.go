package linkedin

import (
	"errors"
	"testing"

	"github.com/tokendesk/tokendesk/oauthflow"
)

func TestEndpointsFromEnv(t *testing.T) {
	tests := []struct {
		name      string
		oauth     string
		api       string
		wantOAuth string
		wantAPI   string
		wantErr   bool
	}{
		{name: "defaults", wantOAuth: DefaultOAuthURL, wantAPI: DefaultAPIURL},
		{name: "https override", oauth: "https://proxy.example.com/oauth/v2/", wantOAuth: "https://proxy.example.com/oauth/v2", wantAPI: DefaultAPIURL},
		{name: "http on loopback", oauth: "http://127.0.0.1:9999/oauth/v2", api: "http://127.0.0.2:9999", wantOAuth: "http://127.0.0.1:9999/oauth/v2", wantAPI: "http://127.0.0.2:9999"},
		// "localhost" is only a name: /etc/hosts or a resolver may send it
		// anywhere, with the client secret in clear text.
		{name: "http to the name localhost refused", api: "http://localhost:9999", wantErr: true},
		{name: "http to LOCALHOST refused", oauth: "http://LOCALHOST:9999/oauth/v2", wantErr: true},
		{name: "http to a name that looks loopback refused", oauth: "http://127.0.0.1.nip.io/oauth/v2", wantErr: true},
		{name: "http to a private address refused", oauth: "http://192.168.1.10/oauth/v2", wantErr: true},
		{name: "http on IPv6 loopback", api: "http://[::1]:9999", wantOAuth: DefaultOAuthURL, wantAPI: "http://[::1]:9999"},
		{name: "http elsewhere refused", oauth: "http://proxy.example.com/oauth/v2", wantErr: true},
		{name: "no scheme refused", api: "api.linkedin.com", wantErr: true},
		{name: "other scheme refused", oauth: "ftp://127.0.0.1/oauth", wantErr: true},
		{name: "credentials in URL refused", oauth: "https://u:p@proxy.example.com/oauth/v2", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{EnvOAuthURL: tt.oauth, EnvAPIURL: tt.api}
			got, err := endpointsFrom(func(k string) string { return env[k] })
			if tt.wantErr {
				if !errors.Is(err, ErrBadEndpoint) {
					t.Fatalf("err = %v, want ErrBadEndpoint", err)
				}
				if e := oauthflow.AsError(err); e.Reason != ReasonUnsafeEndpoint || (e.Value != EnvOAuthURL && e.Value != EnvAPIURL) {
					t.Errorf("error %+v does not name the setting", e)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.OAuthURL != tt.wantOAuth || got.APIURL != tt.wantAPI {
				t.Errorf("got %+v, want %s and %s", got, tt.wantOAuth, tt.wantAPI)
			}
		})
	}
}

func TestEndpointAddresses(t *testing.T) {
	var zero Endpoints
	checks := map[string]string{
		zero.AuthorizationURL():           "https://www.linkedin.com/oauth/v2/authorization",
		zero.TokenURL():                   "https://www.linkedin.com/oauth/v2/accessToken",
		zero.IntrospectURL():              "https://www.linkedin.com/oauth/v2/introspectToken",
		zero.UserinfoURL():                "https://api.linkedin.com/v2/userinfo",
		zero.NativePKCEAuthorizationURL(): "https://www.linkedin.com/oauth/native-pkce/authorization",
	}
	for got, want := range checks {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	e := Endpoints{OAuthURL: "http://127.0.0.1:1234/oauth/v2"}
	if got := e.NativePKCEAuthorizationURL(); got != "http://127.0.0.1:1234/oauth/native-pkce/authorization" {
		t.Errorf("native PKCE under an override = %s", got)
	}
}
