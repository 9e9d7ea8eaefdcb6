package fakelinkedin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const (
	pagesClient   = "78pagesclient"
	pagesRedirect = "http://localhost:8765/callback"
)

// signInAddress is the sign-in address an app would send the browser to.
func signInAddress(s *Server, clientID, redirect, scope string) string {
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirect}, "scope": {scope}, "state": {"st4te"}}
	return s.OAuthURL() + "/authorization?" + q.Encode()
}

// What the browser shows when LinkedIn stops a sign-in on its own page:
// LinkedIn's page, at LinkedIn's address, never the way back to the app.
func TestTheBrowserStaysOnLinkedInsErrorPage(t *testing.T) {
	s := Start(App{ClientID: pagesClient, ClientSecret: "s", RedirectURLs: []string{pagesRedirect}, Scopes: []string{"openid", "profile"}})
	defer s.Close()
	for _, c := range []struct {
		name             string
		client, redirect string
		down             bool
		status           int
		says             string
	}{
		{"a redirect URL not on the Auth tab", pagesClient, "http://localhost:8765/callback/", false, http.StatusBadRequest, "The redirect_uri does not match the registered value"},
		{"another port", pagesClient, "http://localhost:8766/callback", false, http.StatusBadRequest, "The redirect_uri does not match the registered value"},
		{"an unknown Client ID", "78nosuchapp", pagesRedirect, false, http.StatusBadRequest, "The passed in client_id is invalid &#34;78nosuchapp&#34;"},
		{"LinkedIn's sign-in is down", pagesClient, pagesRedirect, true, http.StatusServiceUnavailable, "temporarily unavailable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s.SetSignInDown(c.down)
			defer s.SetSignInDown(false)
			b := NewBrowser("127.0.0.1")
			p, err := b.Open(context.Background(), signInAddress(s, c.client, c.redirect, "openid profile"))
			if err != nil {
				t.Fatal(err)
			}
			if p.Status != c.status || !strings.Contains(p.Body, c.says) {
				t.Errorf("the browser shows HTTP %d %q; want %d saying %q", p.Status, p.Body, c.status, c.says)
			}
			if p.URL.Host != strings.TrimPrefix(s.URL, "http://") || len(b.Visited) != 1 {
				t.Errorf("the browser left LinkedIn: it is at %s, after %v", p.URL, b.Visited)
			}
		})
	}
}

// A permission no product of the app gives comes back to the app, as an
// error on the redirect: the browser does leave LinkedIn.
func TestAPermissionNoProductGivesComesBack(t *testing.T) {
	s := Start(App{ClientID: pagesClient, ClientSecret: "s", RedirectURLs: []string{pagesRedirect}, Scopes: []string{"openid", "profile"}})
	defer s.Close()
	to, err := NewBrowser("127.0.0.1").RedirectTarget(context.Background(), signInAddress(s, pagesClient, pagesRedirect, "openid w_member_social"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(to)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if !strings.HasPrefix(to, pagesRedirect+"?") || q.Get("error") != "unauthorized_scope_error" || !strings.Contains(q.Get("error_description"), `"w_member_social"`) || q.Get("state") != "st4te" {
		t.Errorf("LinkedIn sent the browser to %s", to)
	}
}
