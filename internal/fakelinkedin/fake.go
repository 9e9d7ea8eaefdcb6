// Package fakelinkedin is a stand-in for LinkedIn's OAuth servers that the
// tests of every package share. It behaves the way LinkedIn does, as
// ../shared/linkedin-oauth.md records it: it shows its own error page (no
// redirect) for an unknown client or an unregistered redirect URL, sends the
// browser back with code+state or error+error_description+state, insists on
// the client credentials in the form body, issues codes that work once for
// 30 minutes, and answers errors in LinkedIn's JSON shapes.
package fakelinkedin

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Lifetimes LinkedIn documents.
const (
	CodeLifetime         = 30 * time.Minute
	AccessTokenLifetime  = 60 * 24 * time.Hour // expires_in 5184000
	RefreshTokenLifetime = 365 * 24 * time.Hour
)

// App is a LinkedIn developer app as the Developer Portal holds it.
type App struct {
	ClientID     string
	ClientSecret string
	RedirectURLs []string // the Auth tab's "Authorized redirect URLs", matched exactly
	Scopes       []string // what the app's products allow
	Refresh      bool     // LinkedIn enabled refresh tokens (MDP partners)
	NativePKCE   bool     // LinkedIn switched on the native-client PKCE flow
}

// Decision is what the member does on LinkedIn's sign-in and consent pages.
type Decision int

const (
	Approve         Decision = iota // signs in and presses Allow
	CancelLogin                     // cancels on the sign-in page
	CancelAuthorize                 // presses Cancel on the consent page
)

// TokenRequest records what reached the token endpoint, so tests can check
// how the client sent its credentials.
type TokenRequest struct {
	Form        url.Values
	Query       url.Values
	BasicAuth   bool
	ContentType string
}

type grant struct {
	clientID    string
	redirectURL string
	scopes      []string
	challenge   string // PKCE S256 challenge
	issued      time.Time
	used        bool
}

// Member is the LinkedIn member who signs in, as userinfo describes them.
type Member struct {
	Sub, Name, GivenName, FamilyName, Email string
}

// DefaultMember is who signs in unless a test says otherwise.
var DefaultMember = Member{Sub: "782bbtaQ", Name: "Ada Lovelace", GivenName: "Ada", FamilyName: "Lovelace", Email: "ada@example.com"}

// refreshGrant is a refresh token the fake handed out. Its 365 days do not
// restart when it is used.
type refreshGrant struct {
	clientID string
	scopes   []string
	expires  time.Time
}

// Issued is an access token the fake handed out.
type Issued struct {
	AccessToken string
	ClientID    string
	Scopes      []string
	Created     time.Time
	Expires     time.Time
}

// Server is a running fake LinkedIn on 127.0.0.1.
type Server struct {
	*httptest.Server

	mu        sync.Mutex
	apps      map[string]App
	codes     map[string]*grant
	tokens    map[string]Issued
	requests  []TokenRequest
	decision  Decision
	member    Member
	revoked   map[string]bool
	refreshes map[string]refreshGrant
	apiFail   func(w http.ResponseWriter) bool
	now       func() time.Time
	delay     time.Duration
	override  func(w http.ResponseWriter) bool
	apiDelay  time.Duration
	down      bool // the sign-in page answers with LinkedIn's outage page (SetSignInDown)
	meCalls   atomic.Int64
	whoCalls  atomic.Int64 // calls to /v2/userinfo
	tokenTime atomic.Int64 // nanoseconds spent answering token requests
	tokenHits atomic.Int64
	rest      restState // /rest's Pages, ad accounts and versions (rest.go)
	posts     postBoard // posts.go
}

// Start runs a fake LinkedIn that knows the given apps.
func Start(apps ...App) *Server {
	s := &Server{
		apps:      map[string]App{},
		codes:     map[string]*grant{},
		tokens:    map[string]Issued{},
		revoked:   map[string]bool{},
		refreshes: map[string]refreshGrant{},
		member:    DefaultMember,
		now:       time.Now,
	}
	for _, a := range apps {
		s.apps[a.ClientID] = a
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth/v2/authorization", s.authorize)
	mux.HandleFunc("/oauth/native-pkce/authorization", s.authorize)
	mux.HandleFunc("/oauth/v2/accessToken", s.accessToken)
	mux.HandleFunc("/oauth/v2/introspectToken", s.introspect)
	mux.HandleFunc("/v2/userinfo", s.userinfo)
	mux.HandleFunc("/v2/me", s.me)
	mux.HandleFunc("/media/picture.png", s.picture)
	s.restRoutes(mux)
	mux.HandleFunc("/rest/posts", s.createPost)
	s.Server = httptest.NewServer(mux)
	return s
}

// OAuthURL is the base the app appends /authorization and /accessToken to.
func (s *Server) OAuthURL() string { return s.URL + "/oauth/v2" }

// APIURL is the base of the API server (userinfo and friends).
func (s *Server) APIURL() string { return s.URL }

// SetDecision sets what the member does on the next sign-ins.
func (s *Server) SetDecision(d Decision) { s.mu.Lock(); s.decision = d; s.mu.Unlock() }

// SetClock replaces the fake's clock, to expire codes without waiting.
func (s *Server) SetClock(now func() time.Time) { s.mu.Lock(); s.now = now; s.mu.Unlock() }

// SetTokenDelay makes the token endpoint slow.
func (s *Server) SetTokenDelay(d time.Duration) { s.mu.Lock(); s.delay = d; s.mu.Unlock() }

// FailTokenEndpoint makes the token endpoint answer with status, content
// type and body instead of its usual answer (status 0 restores it).
func (s *Server) FailTokenEndpoint(status int, contentType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		s.override = nil
		return
	}
	s.override = canned(status, contentType, body)
}

// SetMember sets who signs in from now on.
func (s *Server) SetMember(m Member) { s.mu.Lock(); s.member = m; s.mu.Unlock() }

// Revoke makes LinkedIn stop accepting a token, as when the member removes
// the app in their settings or connects again with other scopes.
func (s *Server) Revoke(token string) { s.mu.Lock(); s.revoked[token] = true; s.mu.Unlock() }

// FailAPI makes the API server (userinfo) answer with status, content type
// and body instead of its usual answer (status 0 restores it).
func (s *Server) FailAPI(status int, contentType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		s.apiFail = nil
		return
	}
	s.apiFail = canned(status, contentType, body)
}

// SetAPIDelay makes the API server (userinfo, introspection) slow.
func (s *Server) SetAPIDelay(d time.Duration) { s.mu.Lock(); s.apiDelay = d; s.mu.Unlock() }

// MeCalls counts calls to /v2/me, which a client must never make with
// OpenID Connect tokens.
func (s *Server) MeCalls() int64 { return s.meCalls.Load() }

// UserinfoCalls counts calls to /v2/userinfo, for tests of how often a
// client asks who is connected.
func (s *Server) UserinfoCalls() int64 { return s.whoCalls.Load() }

// slowAPI waits out the API delay, or the client giving up.
func (s *Server) slowAPI(r *http.Request) {
	s.mu.Lock()
	d := s.apiDelay
	s.mu.Unlock()
	if d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		}
	}
}

// Issue hands out an access token directly, as if a member had connected.
func (s *Server) Issue(clientID string, scopes []string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	token := randomString(500)
	now := s.now()
	s.tokens[token] = Issued{AccessToken: token, ClientID: clientID, Scopes: scopes, Created: now, Expires: now.Add(AccessTokenLifetime)}
	return token
}

// canned is a fixed answer that replaces an endpoint's own.
func canned(status int, contentType, body string) func(w http.ResponseWriter) bool {
	return func(w http.ResponseWriter) bool {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
		return true
	}
}

// TokenRequests returns what reached the token endpoint so far.
func (s *Server) TokenRequests() []TokenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Issued returns the access tokens handed out so far.
func (s *Server) Issued() []Issued {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Issued, 0, len(s.tokens))
	for _, t := range s.tokens {
		out = append(out, t)
	}
	return out
}

// TokenEndpointTime is the total time the token endpoint spent answering,
// and how many requests it answered: a benchmark subtracts it to measure
// the client's own overhead.
func (s *Server) TokenEndpointTime() (time.Duration, int64) {
	return time.Duration(s.tokenTime.Load()), s.tokenHits.Load()
}

// IssueCode signs a member in directly, as if the browser had gone through
// the authorization page, and returns a valid code for redirectURL.
func (s *Server) IssueCode(clientID, redirectURL string, scopes []string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := randomString(96)
	s.codes[code] = &grant{clientID: clientID, redirectURL: redirectURL, scopes: scopes, issued: s.now()}
	return code
}

// authorize is GET /oauth/v2/authorization (and the native PKCE variant).
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	native := strings.Contains(r.URL.Path, "native-pkce")

	s.mu.Lock()
	app, known := s.apps[q.Get("client_id")]
	decision, now, down := s.decision, s.now(), s.down
	s.mu.Unlock()

	switch {
	case down:
		outage(w)
		return
	case !known:
		bummer(w, "The passed in client_id is invalid \""+q.Get("client_id")+"\"")
		return
	case q.Get("response_type") != "code":
		bummer(w, "Invalid response_type")
		return
	case native && !app.NativePKCE:
		bummer(w, "PKCE is not enabled for this application")
		return
	case !redirectRegistered(app, q.Get("redirect_uri"), native):
		bummer(w, "The redirect_uri does not match the registered value")
		return
	}
	if native && (q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256") {
		bummer(w, "Invalid code_challenge")
		return
	}

	back := func(params url.Values) {
		if st := q.Get("state"); st != "" {
			params.Set("state", st)
		}
		to, _ := url.Parse(q.Get("redirect_uri"))
		merged := to.Query()
		for k, v := range params {
			merged[k] = v
		}
		to.RawQuery = merged.Encode()
		http.Redirect(w, r, to.String(), http.StatusFound)
	}

	scopes := strings.FieldsFunc(q.Get("scope"), func(r rune) bool { return r == ' ' || r == ',' })
	for _, sc := range scopes {
		if !slices.Contains(app.Scopes, sc) {
			back(url.Values{"error": {"unauthorized_scope_error"},
				"error_description": {fmt.Sprintf("Scope %q is not authorized for your application", sc)}})
			return
		}
	}
	if len(scopes) == 0 {
		back(url.Values{"error": {"invalid_scope"}, "error_description": {"Scope is empty"}})
		return
	}

	switch decision {
	case CancelLogin:
		back(url.Values{"error": {"user_cancelled_login"}, "error_description": {"The user cancelled LinkedIn login"}})
		return
	case CancelAuthorize:
		back(url.Values{"error": {"user_cancelled_authorize"}, "error_description": {"The user cancelled the authorization"}})
		return
	}

	code := randomString(96)
	s.mu.Lock()
	s.codes[code] = &grant{clientID: app.ClientID, redirectURL: q.Get("redirect_uri"), scopes: scopes,
		challenge: q.Get("code_challenge"), issued: now}
	s.mu.Unlock()
	back(url.Values{"code": {code}})
}

// redirectRegistered matches exactly, as LinkedIn does; the native flow
// accepts any port on a loopback IP, as LinkedIn's native-client docs say.
func redirectRegistered(app App, redirect string, native bool) bool {
	if slices.Contains(app.RedirectURLs, redirect) {
		return true
	}
	if !native {
		return false
	}
	u, err := url.Parse(redirect)
	if err != nil {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return u.Scheme == "http" && ip != nil && ip.IsLoopback()
}

// bummer is LinkedIn's own error page: no redirect, the flow never returns.
func bummer(w http.ResponseWriter, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, "<html><body><h1>Bummer, something went wrong.</h1><p>%s</p></body></html>", html.EscapeString(why))
}

// accessToken is POST /oauth/v2/accessToken.
func (s *Server) accessToken(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	defer func() {
		s.tokenTime.Add(int64(time.Since(start)))
		s.tokenHits.Add(1)
	}()
	if r.Method != http.MethodPost {
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	_ = r.ParseForm()
	_, _, basic := r.BasicAuth()

	s.mu.Lock()
	s.requests = append(s.requests, TokenRequest{Form: cloneValues(r.PostForm), Query: r.URL.Query(), BasicAuth: basic, ContentType: ct})
	delay, override, now := s.delay, s.override, s.now()
	s.mu.Unlock()

	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if override != nil && override(w) {
		return
	}
	if ct != "application/x-www-form-urlencoded" {
		jsonError(w, http.StatusBadRequest, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
		return
	}
	// LinkedIn reads the client credentials from the body only.
	f := r.PostForm
	for _, p := range []string{"grant_type", "client_id"} {
		if f.Get(p) == "" {
			jsonError(w, http.StatusBadRequest, "invalid_request", fmt.Sprintf("A required parameter %q is missing", p))
			return
		}
	}
	if f.Get("grant_type") == "refresh_token" {
		s.refresh(w, f, now)
		return
	}
	if f.Get("grant_type") != "authorization_code" {
		jsonError(w, http.StatusBadRequest, "unsupported_grant_type", "The grant_type is not supported")
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	app, known := s.apps[f.Get("client_id")]
	if !known {
		jsonError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
		return
	}
	native := f.Get("code_verifier") != "" && app.NativePKCE
	if !native {
		if f.Get("client_secret") == "" {
			jsonError(w, http.StatusBadRequest, "invalid_request", `A required parameter "client_secret" is missing`)
			return
		}
		if subtle.ConstantTimeCompare([]byte(f.Get("client_secret")), []byte(app.ClientSecret)) != 1 {
			jsonError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
			return
		}
	}
	for _, p := range []string{"code", "redirect_uri"} {
		if f.Get(p) == "" {
			jsonError(w, http.StatusBadRequest, "invalid_request", fmt.Sprintf("A required parameter %q is missing", p))
			return
		}
	}
	g, ok := s.codes[f.Get("code")]
	if !ok {
		jsonError(w, http.StatusUnauthorized, "invalid_request", "Unable to retrieve access token: authorization code not found")
		return
	}
	mismatch := g.used || now.Sub(g.issued) > CodeLifetime || g.clientID != app.ClientID || g.redirectURL != f.Get("redirect_uri")
	if g.challenge != "" {
		sum := sha256.Sum256([]byte(f.Get("code_verifier")))
		mismatch = mismatch || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge
	}
	if mismatch {
		jsonError(w, http.StatusBadRequest, "invalid_redirect_uri",
			"Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists")
		return
	}
	g.used = true

	token := randomString(500)
	scopes := slices.Clone(g.scopes)
	sort.Strings(scopes)
	s.tokens[token] = Issued{AccessToken: token, ClientID: app.ClientID, Scopes: scopes, Created: now, Expires: now.Add(AccessTokenLifetime)}
	body := map[string]any{
		"access_token": token,
		"expires_in":   int(AccessTokenLifetime / time.Second),
		"scope":        strings.Join(scopes, ","),
	}
	if slices.Contains(scopes, "openid") {
		body["id_token"] = fakeIDToken(app.ClientID, now)
	}
	if app.Refresh {
		rt := randomString(300)
		s.refreshes[rt] = refreshGrant{clientID: app.ClientID, scopes: scopes, expires: now.Add(RefreshTokenLifetime)}
		body["refresh_token"] = rt
		body["refresh_token_expires_in"] = int(RefreshTokenLifetime / time.Second)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

// refresh is the refresh_token grant (approved partners only): a new access
// token; the refresh token keeps its own, unchanged expiry.
func (s *Server) refresh(w http.ResponseWriter, f url.Values, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	app, known := s.apps[f.Get("client_id")]
	if !known || subtle.ConstantTimeCompare([]byte(f.Get("client_secret")), []byte(app.ClientSecret)) != 1 {
		jsonError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
		return
	}
	g, ok := s.refreshes[f.Get("refresh_token")]
	if !ok || g.clientID != app.ClientID || !now.Before(g.expires) {
		jsonError(w, http.StatusBadRequest, "invalid_request", "The provided authorization grant or refresh token is invalid, expired or revoked")
		return
	}
	token := randomString(500)
	s.tokens[token] = Issued{AccessToken: token, ClientID: app.ClientID, Scopes: g.scopes, Created: now, Expires: now.Add(AccessTokenLifetime)}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": token, "expires_in": int(AccessTokenLifetime / time.Second),
		"refresh_token": f.Get("refresh_token"), "refresh_token_expires_in": int(g.expires.Sub(now) / time.Second),
		"scope": strings.Join(g.scopes, ","),
	})
}

// bearer finds the token of an API call and checks it as LinkedIn's API
// servers do, answering in their error shape when it is not good.
func (s *Server) bearer(w http.ResponseWriter, r *http.Request) (Issued, bool) {
	s.slowAPI(r)
	s.mu.Lock()
	fail, now := s.apiFail, s.now()
	s.mu.Unlock()
	if fail != nil && fail(w) {
		return Issued{}, false
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	issued, known := s.tokens[token]
	revoked := s.revoked[token]
	s.mu.Unlock()
	switch {
	case !ok || !known:
		apiError(w, http.StatusUnauthorized, 65600, "INVALID_ACCESS_TOKEN", "Invalid access token")
	case revoked:
		apiError(w, http.StatusUnauthorized, 65601, "REVOKED_ACCESS_TOKEN", "The token used in the request has been revoked by the user")
	case !now.Before(issued.Expires):
		apiError(w, http.StatusUnauthorized, 65602, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired")
	default:
		return issued, true
	}
	return Issued{}, false
}

// introspect is POST /oauth/v2/introspectToken, LinkedIn's Token
// Inspector: 400 for a bad client ID or token, 401 for a bad secret, 200
// with active false for another app's token, epoch seconds, and scopes
// separated by commas.
func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
		return
	}
	_ = r.ParseForm()
	f := r.PostForm
	s.slowAPI(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.apiFail != nil && s.apiFail(w) {
		return
	}
	app, known := s.apps[f.Get("client_id")]
	if !known {
		jsonError(w, http.StatusBadRequest, "invalid_request", "The passed in client_id is invalid")
		return
	}
	if subtle.ConstantTimeCompare([]byte(f.Get("client_secret")), []byte(app.ClientSecret)) != 1 {
		jsonError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
		return
	}
	issued, ok := s.tokens[f.Get("token")]
	if !ok {
		jsonError(w, http.StatusBadRequest, "invalid_request", "The token is invalid")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if issued.ClientID != app.ClientID {
		_ = json.NewEncoder(w).Encode(map[string]any{"active": false})
		return
	}
	status := "active"
	switch {
	case s.revoked[issued.AccessToken]:
		status = "revoked"
	case !s.now().Before(issued.Expires):
		status = "expired"
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"active": status == "active", "status": status, "client_id": app.ClientID, "auth_type": "3L",
		"scope":      strings.Join(issued.Scopes, ","),
		"created_at": issued.Created.Unix(), "authorized_at": issued.Created.Unix(), "expires_at": issued.Expires.Unix(),
	})
}

// userinfo is GET /v2/userinfo (OpenID Connect): it needs openid and profile.
func (s *Server) userinfo(w http.ResponseWriter, r *http.Request) {
	s.whoCalls.Add(1)
	issued, ok := s.bearer(w, r)
	if !ok {
		return
	}
	if !slices.Contains(issued.Scopes, "openid") || !slices.Contains(issued.Scopes, "profile") {
		apiError(w, http.StatusForbidden, 100, "ACCESS_DENIED", "Not enough permissions to access: userinfo.GET.NO_VERSION")
		return
	}
	s.mu.Lock()
	m := s.member
	s.mu.Unlock()
	body := map[string]any{
		"sub": m.Sub, "name": m.Name, "given_name": m.GivenName, "family_name": m.FamilyName,
		"picture": s.URL + "/media/picture.png",
		"locale":  map[string]string{"country": "US", "language": "en"},
	}
	if slices.Contains(issued.Scopes, "email") {
		body["email"], body["email_verified"] = m.Email, true
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

// me is GET /v2/me, which LinkedIn refuses for OpenID Connect tokens: the
// app must never call it, and a test can tell if it does.
func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	s.meCalls.Add(1)
	if _, ok := s.bearer(w, r); ok {
		apiError(w, http.StatusForbidden, 100, "ACCESS_DENIED", "Not enough permissions to access: me.GET.NO_VERSION")
	}
}

// picture is the member's profile picture: a small PNG.
func (s *Server) picture(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(tinyPNG)
}

// tinyPNG is a small blue square, the member's "photo".
var tinyPNG = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	draw.Draw(img, img.Bounds(), &image.Uniform{C: color.RGBA{R: 0x35, G: 0x66, B: 0xd6, A: 0xff}}, image.Point{}, draw.Src)
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}()

// apiError is the shape of LinkedIn's API (Rest.li) errors.
func apiError(w http.ResponseWriter, status, serviceCode int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"status": status, "serviceErrorCode": serviceCode, "code": code, "message": message})
}

func jsonError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

func fakeIDToken(clientID string, now time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"iss": "https://www.linkedin.com/oauth", "aud": clientID, "sub": "fake-member", "iat": now.Unix()})
	return header + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString([]byte(randomString(32)))
}

const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = tokenAlphabet[int(b[i])%len(tokenAlphabet)]
	}
	return string(b)
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vv := range v {
		out[k] = slices.Clone(vv)
	}
	return out
}
