package linkedin

// What LinkedIn's sign-in page does with a sign-in address, seen from
// TokenDesk. Some mistakes in a LinkedIn app's settings (a redirect URL
// not on its Auth tab, an unknown Client ID) make LinkedIn show its own
// error page in the browser and never send the browser back: TokenDesk
// would wait, and the person would read LinkedIn's page with no idea what
// to do. LinkedIn checks these before anyone signs in, so TokenDesk asks
// for the same address itself (a GET with no cookies, following no
// redirect) and reads LinkedIn's answer: its error page names the cause.
// What it cannot recognise is no proof that all is well: the front ends
// still list the likely causes.

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// SignInStop is why LinkedIn stops a sign-in in the browser, as far as
// TokenDesk can tell.
type SignInStop string

const (
	// StopNotSeen: nothing TokenDesk recognises. LinkedIn may be showing
	// its sign-in page (all is well so far), or an answer TokenDesk could
	// not read (no network, a page it does not know).
	StopNotSeen SignInStop = ""
	// StopRedirectURL: "The redirect_uri does not match the registered
	// value": the redirect URL is not on the app's Auth tab, exactly.
	StopRedirectURL SignInStop = "redirect_url_not_registered"
	// StopClientID: "The passed in client_id is invalid": no LinkedIn app
	// has this Client ID.
	StopClientID SignInStop = "unknown_client_id"
	// StopScope: LinkedIn sends the browser back at once with
	// unauthorized_scope_error: a permission no product of the app gives.
	// Returned holds that error, as the flow would read it.
	StopScope SignInStop = "scope_not_granted"
	// StopUnavailable: LinkedIn answered with a server error (5xx): its
	// sign-in is down for now.
	StopUnavailable SignInStop = "linkedin_unavailable"
	// StopOther: LinkedIn's error page, with a reason TokenDesk does not
	// know: Said has LinkedIn's words.
	StopOther SignInStop = "other"
)

// SignInCheck is what TokenDesk saw when it asked for the sign-in page.
type SignInCheck struct {
	Stop SignInStop
	// Said is the reason LinkedIn's error page gives, as plain text (at
	// most a line): for StopOther, and for the others as a detail.
	Said string
	// Returned is the error LinkedIn sent the browser back with (StopScope).
	Returned *oauthflow.Error
	// AppID is LinkedIn's number for the app, when LinkedIn named it: the
	// address of its sign-in page carries it ("app_id=…"). The Developer
	// Portal's pages for the app are under it (DeveloperAppURL).
	AppID string
}

// signInCheckTimeout bounds the check: it only helps, and a browser that
// waits this long has its own trouble.
const signInCheckTimeout = 15 * time.Second

// CheckSignIn asks LinkedIn for the sign-in address authURL, as a
// browser with nobody signed in would, and reads the answer. It sends no
// cookie and no secret (the address holds none), follows no redirect
// (the client never does), and reads at most 256 KiB. An error means no
// answer came (network, timeout); the check is then StopNotSeen.
func (c *Client) CheckSignIn(ctx context.Context, authURL string) (SignInCheck, error) {
	ctx, cancel := context.WithTimeout(ctx, signInCheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return SignInCheck{}, err
	}
	// LinkedIn's error page is a page for browsers.
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
	resp, err := c.api.Do(req)
	if err != nil {
		return SignInCheck{}, fmt.Errorf("ask LinkedIn for its sign-in page: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 256<<10))
	return ReadSignInAnswer(authURL, resp.StatusCode, resp.Header.Get("Location"), body), nil
}

// The reasons LinkedIn's error page gives, as its pages and the reports
// of people who met them word them (../shared/linkedin-oauth.md, "What
// users trip over"). Matched without regard to case, in the page's text.
var (
	saysRedirectURL = []string{
		"redirect_uri does not match the registered value",
		"invalid redirect_uri", // LinkedIn's older words: "Invalid redirect_uri. This value must match a URL registered with the API Key."
	}
	saysClientID = []string{
		"passed in client_id is invalid",
		"client_id does not match",
	}
	saysError = []string{"something went wrong"} // "Bummer, something went wrong."
)

// ReadSignInAnswer reads LinkedIn's answer to the sign-in address authURL:
// the status, the Location of a redirect, and the page's body.
func ReadSignInAnswer(authURL string, status int, location string, body []byte) SignInCheck {
	if status >= 300 && status < 400 {
		return readRedirect(authURL, location)
	}
	text := pageText(body)
	lower := strings.ToLower(text)
	said := reasonOf(text)
	switch {
	case containsAny(lower, saysRedirectURL):
		return SignInCheck{Stop: StopRedirectURL, Said: said}
	case containsAny(lower, saysClientID):
		return SignInCheck{Stop: StopClientID, Said: said}
	case status >= 500 && status < 600:
		return SignInCheck{Stop: StopUnavailable, Said: said}
	case status >= 400 && containsAny(lower, saysError):
		return SignInCheck{Stop: StopOther, Said: said}
	}
	// A 200 is LinkedIn's sign-in page, or an error page TokenDesk does
	// not know; a 999 or a 429 is LinkedIn refusing to answer programs.
	// A sign-in page shown in place carries where it goes on to, which
	// names the app, in its form or its links.
	if status == http.StatusOK {
		if m := appIDInPage.FindSubmatch(body); m != nil {
			return SignInCheck{AppID: string(m[1])}
		}
	}
	return SignInCheck{}
}

// appIDInPage finds "app_id=NUMBER" in a page, as written or URL-encoded
// once or twice (session_redirect=%2Foauth%2Fv2%2Flogin-success%3Fapp_id%3D…).
var appIDInPage = regexp.MustCompile(`(?:[?&;]|%3[Ff]|%26|%253[Ff]|%2526)app_id(?:=|%3[Dd]|%253[Dd])([0-9]{1,20})\b`)

// readRedirect reads where LinkedIn sends a browser: back to the redirect
// URL (with an error, or, at the fake LinkedIn, a code), or to its own
// sign-in page, whose address names the app.
func readRedirect(authURL, location string) SignInCheck {
	base, err := url.Parse(authURL)
	if err != nil {
		return SignInCheck{}
	}
	to, err := base.Parse(location)
	if err != nil {
		return SignInCheck{}
	}
	q := to.Query()
	if code := q.Get("error"); code != "" && sameRedirect(base, to) {
		switch code {
		case "unauthorized_scope_error", "invalid_scope":
			return SignInCheck{Stop: StopScope, Returned: oauthflow.ReturnedError(code, q.Get("error_description")), Said: plainLine(q.Get("error_description"))}
		}
		return SignInCheck{}
	}
	return SignInCheck{AppID: appIDIn(to, 0)}
}

// sameRedirect reports whether LinkedIn sends the browser to the redirect
// URL the sign-in address asked for.
func sameRedirect(authURL, to *url.URL) bool {
	want, err := url.Parse(authURL.Query().Get("redirect_uri"))
	if err != nil {
		return false
	}
	return strings.EqualFold(want.Scheme, to.Scheme) && strings.EqualFold(want.Host, to.Host) && want.Path == to.Path
}

var digits = regexp.MustCompile(`^[0-9]{1,20}$`)

// appIDIn finds "app_id" in LinkedIn's sign-in page's address: in its
// query, or in the address it goes on to after signing in
// (session_redirect=/oauth/v2/login-success?app_id=…).
func appIDIn(u *url.URL, depth int) string {
	q := u.Query()
	if id := q.Get("app_id"); digits.MatchString(id) {
		return id
	}
	if next := q.Get("session_redirect"); next != "" && depth < 2 {
		if nu, err := u.Parse(next); err == nil {
			return appIDIn(nu, depth+1)
		}
	}
	return ""
}

// DeveloperPortalURL is where a LinkedIn app's settings are: the list of
// the member's apps.
const DeveloperPortalURL = "https://www.linkedin.com/developers/apps"

// Tabs of an app's page in the Developer Portal.
const (
	TabAuth     = "auth"     // Client ID and secret, the redirect URLs
	TabProducts = "products" // the products, which give the permissions
)

// DeveloperAppURL is the Developer Portal's tab of the app LinkedIn
// numbers appID, or the list of apps when the number is not known.
func DeveloperAppURL(appID, tab string) string {
	if !digits.MatchString(appID) {
		return DeveloperPortalURL
	}
	return DeveloperPortalURL + "/" + appID + "/" + tab
}

var (
	tagOrScript = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)\s*>|<[^>]*>`)
	spaces      = regexp.MustCompile(`\s+`)
)

// pageText is a page's text, tags dropped and entities read.
func pageText(body []byte) string {
	if !utf8.Valid(body) {
		body = []byte(strings.ToValidUTF8(string(body), " "))
	}
	text := tagOrScript.ReplaceAllString(string(body), " ")
	return spaces.ReplaceAllString(html.UnescapeString(text), " ")
}

// reasonOf is the sentence of an error page that says why: the part
// after "something went wrong.", or the page's text, as one short line.
func reasonOf(text string) string {
	lower := strings.ToLower(text)
	if i := strings.Index(lower, "something went wrong"); i >= 0 {
		rest := strings.TrimLeft(text[i+len("something went wrong"):], ".!: ")
		if rest != "" {
			text = rest
		}
	}
	return plainLine(text)
}

// plainLine keeps a text LinkedIn sent to one short line of printable
// characters: it is shown to a person, and it came from the network.
func plainLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	const most = 200
	if utf8.RuneCountInString(s) > most {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:most])) + "…"
	}
	return s
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
