package linkedin

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

const checkAuthURL = "https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=78abc&redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcallback&scope=openid&state=xyz"

// loginRedirect is where LinkedIn sends a browser nobody is signed in on,
// for a sign-in address it accepts: its sign-in page, whose
// session_redirect names the app (the shape of the addresses people have
// copied from their browsers into public code).
const loginRedirect = "https://www.linkedin.com/uas/login?session_redirect=%2Foauth%2Fv2%2Flogin-success%3Fapp_id%3D115224256%26auth_type%3DAC%26flow%3D%257B%2522scope%2522%253A%2522openid%2522%252C%2522appId%2522%253A115224256%257D&fromSignIn=1&trk=oauth&cancel_redirect=%2Foauth%2Fv2%2Flogin-cancel"

func TestReadSignInAnswer(t *testing.T) {
	for _, c := range []struct {
		name     string
		status   int
		location string
		body     string
		want     SignInStop
		said     string
		appID    string
	}{
		{"redirect URL", 400, "", `<html><body><h1>Bummer, something went wrong.</h1><p>The redirect_uri does not match the registered value</p></body></html>`, StopRedirectURL, "The redirect_uri does not match the registered value", ""},
		{"redirect URL, a 200 page", 200, "", `<div class="alert">Bummer, something went wrong.</div><div>The redirect_uri does not match the registered value</div>`, StopRedirectURL, "The redirect_uri does not match the registered value", ""},
		{"the older words", 200, "", `<p>Invalid redirect_uri. This value must match a URL registered with the API Key.</p>`, StopRedirectURL, "Invalid redirect_uri. This value must match a URL registered with the API Key.", ""},
		{"Client ID, quotes escaped", 400, "", `<h1>Bummer, something went wrong.</h1> <p>The passed in client_id is invalid &quot;78nosuch&quot;</p><script>var x = "client";</script>`, StopClientID, `The passed in client_id is invalid "78nosuch"`, ""},
		{"outage", 503, "", `<h1>Service unavailable</h1>`, StopUnavailable, "Service unavailable", ""},
		{"an error page of another reason", 400, "", `<h1>Bummer, something went wrong.</h1><p>Invalid response_type</p>`, StopOther, "Invalid response_type", ""},
		{"LinkedIn refusing programs", 999, "", `<html><head><script>window.location.href="https://www.linkedin.com"</script></head></html>`, StopNotSeen, "", ""},
		{"the sign-in page", 200, "", `<html><title>LinkedIn Login, Sign in | LinkedIn</title><form>Sign in</form></html>`, StopNotSeen, "", ""},
		{"to the sign-in page, naming the app", 303, loginRedirect, "", StopNotSeen, "", "115224256"},
		{"the sign-in page in place, naming the app", 200, "", `<form action="/uas/login-submit"><input type="hidden" name="session_redirect" value="/oauth/v2/login-success?app_id=208426565&amp;auth_type=AC"></form>`, StopNotSeen, "", "208426565"},
		{"the sign-in page in place, the app URL-encoded", 200, "", `<a href="/signup?session_redirect=%2Foauth%2Fv2%2Flogin-success%3Fapp_id%3D77%26auth_type%3DAC">Join now</a>`, StopNotSeen, "", "77"},
		{"a page naming no app", 200, "", `<p>our_app_id=12</p>`, StopNotSeen, "", ""},
		{"to the sign-in page, a relative address", 302, "/uas/login?session_redirect=%2Foauth%2Fv2%2Flogin-success%3Fapp_id%3D42%26auth_type%3DAC", "", StopNotSeen, "", "42"},
		{"an app_id that is no number", 302, "/uas/login?session_redirect=%2Foauth%2Fv2%2Flogin-success%3Fapp_id%3D42%2522x", "", StopNotSeen, "", ""},
		{"back with a scope refused", 302, "http://localhost:8765/callback?error=unauthorized_scope_error&error_description=Scope+%22w_member_social%22+is+not+authorized+for+your+application&state=xyz", "", StopScope, `Scope "w_member_social" is not authorized for your application`, ""},
		{"an error for another address", 302, "https://evil.example/callback?error=unauthorized_scope_error", "", StopNotSeen, "", ""},
		{"back with a code (nobody signs in without cookies at LinkedIn)", 302, "http://localhost:8765/callback?code=abc&state=xyz", "", StopNotSeen, "", ""},
		{"back with the member's cancel", 302, "http://localhost:8765/callback?error=user_cancelled_authorize&state=xyz", "", StopNotSeen, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ReadSignInAnswer(checkAuthURL, c.status, c.location, []byte(c.body))
			if got.Stop != c.want || got.Said != c.said || got.AppID != c.appID {
				t.Errorf("ReadSignInAnswer = %+v; want stop %q, said %q, app %q", got, c.want, c.said, c.appID)
			}
			if (got.Returned != nil) != (c.want == StopScope) {
				t.Errorf("Returned = %v", got.Returned)
			}
			if c.want == StopScope && (got.Returned.Kind != oauthflow.KindUnauthorizedScope || got.Returned.Scope != "w_member_social") {
				t.Errorf("Returned = %+v, want the refused permission named", got.Returned)
			}
		})
	}
}

func TestDeveloperAppURL(t *testing.T) {
	for _, c := range []struct{ id, tab, want string }{
		{"115224256", TabAuth, "https://www.linkedin.com/developers/apps/115224256/auth"},
		{"115224256", TabProducts, "https://www.linkedin.com/developers/apps/115224256/products"},
		{"", TabAuth, "https://www.linkedin.com/developers/apps"},
		{"12/../x", TabAuth, "https://www.linkedin.com/developers/apps"},
	} {
		if got := DeveloperAppURL(c.id, c.tab); got != c.want {
			t.Errorf("DeveloperAppURL(%q, %q) = %q, want %q", c.id, c.tab, got, c.want)
		}
	}
}

// CheckSignIn against the fake LinkedIn, which shows the pages LinkedIn
// shows: each cause is recognised, and asking changes nothing.
func TestCheckSignInAtTheFake(t *testing.T) {
	const client, redirect = "78checkclient", "http://localhost:8765/callback"
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: client, ClientSecret: "s", RedirectURLs: []string{redirect}, Scopes: []string{"openid", "profile"}})
	defer fake.Close()
	c := NewClient(Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()})
	address := func(clientID, redirect, scope string) string {
		q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirect}, "scope": {scope}, "state": {"st"}}
		return fake.OAuthURL() + "/authorization?" + q.Encode()
	}
	for _, x := range []struct {
		name string
		addr string
		down bool
		want SignInStop
	}{
		{"all well", address(client, redirect, "openid profile"), false, StopNotSeen},
		{"a trailing slash", address(client, redirect+"/", "openid profile"), false, StopRedirectURL},
		{"an unknown Client ID", address("78other", redirect, "openid"), false, StopClientID},
		{"a product not added", address(client, redirect, "openid w_member_social"), false, StopScope},
		{"LinkedIn down", address(client, redirect, "openid"), true, StopUnavailable},
	} {
		t.Run(x.name, func(t *testing.T) {
			fake.SetSignInDown(x.down)
			defer fake.SetSignInDown(false)
			got, err := c.CheckSignIn(context.Background(), x.addr)
			if err != nil || got.Stop != x.want {
				t.Errorf("CheckSignIn = %+v, %v; want %q", got, err, x.want)
			}
		})
	}
	if len(fake.TokenRequests()) != 0 {
		t.Error("checking the sign-in page asked for a token")
	}
	t.Run("no answer", func(t *testing.T) {
		got, err := c.CheckSignIn(context.Background(), "http://127.0.0.1:1/oauth/v2/authorization?client_id=x")
		if err == nil || got.Stop != StopNotSeen {
			t.Errorf("CheckSignIn with nobody listening = %+v, %v", got, err)
		}
	})
}

// FuzzReadSignInAnswer: whatever LinkedIn (or something posing as it)
// answers, what is kept is one short printable line, an app number is
// digits, and a cause is recognised only from what the page says.
func FuzzReadSignInAnswer(f *testing.F) {
	f.Add(400, "", "<h1>Bummer, something went wrong.</h1><p>The redirect_uri does not match the registered value</p>")
	f.Add(302, loginRedirect, "")
	f.Add(302, "http://localhost:8765/callback?error=unauthorized_scope_error&error_description=Scope+%22x%22", "")
	f.Add(200, "", "\u202eevil\nline\x00two"+strings.Repeat("é", 300))
	f.Fuzz(func(t *testing.T, status int, location, body string) {
		got := ReadSignInAnswer(checkAuthURL, status, location, []byte(body))
		if strings.ContainsAny(got.Said, "\n\r\x00\u202e") || !utf8.ValidString(got.Said) || utf8.RuneCountInString(got.Said) > 201 {
			t.Errorf("Said is not one short plain line: %q", got.Said)
		}
		if got.AppID != "" && !digits.MatchString(got.AppID) {
			t.Errorf("AppID %q is not a number", got.AppID)
		}
		lower := strings.ToLower(body)
		if got.Stop == StopRedirectURL && !strings.Contains(lower, "redirect_uri") {
			t.Errorf("a redirect URL problem read from a page that does not say so: %q", body)
		}
		if got.Stop == StopScope && got.Returned == nil {
			t.Error("a refused permission without LinkedIn's error")
		}
	})
}
