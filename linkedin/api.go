package linkedin

// The client for LinkedIn's API, beside LinkedIn's other knowledge (as
// golang.org/x/oauth2/linkedin sits apart from the protocol): it asks about
// a saved token who it belongs to (userinfo), what LinkedIn's Token
// Inspector says of it, and fetches the member's picture. It has its own
// HTTP policy (Client); it knows nothing of windows; every call takes a
// context and has a timeout.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// KindNotAllowed is the kind of error for a token that lacks a permission
// the call needs.
const KindNotAllowed oauthflow.Kind = "not_allowed"

// ErrNotAllowed matches it with errors.Is.
var ErrNotAllowed = &oauthflow.Error{Kind: KindNotAllowed}

// The reasons of linkedin's errors (oauthflow.Errors of their own kinds or
// of oauthflow's), for package words.
const (
	// Asking userinfo who is connected.
	ReasonCheckingWho     oauthflow.Reason = "checking_who"      // KindNetwork, KindTimeout, KindCancelled
	ReasonWhoUnreadable   oauthflow.Reason = "who_unreadable"    // KindLinkedInError
	ReasonWhoTokenRefused oauthflow.Reason = "who_token_refused" // KindTokenRejected, Code
	ReasonWhoTokenRevoked oauthflow.Reason = "who_token_revoked" // KindTokenRejected: REVOKED_ACCESS_TOKEN
	ReasonWhoTokenExpired oauthflow.Reason = "who_token_expired" // KindTokenRejected: EXPIRED_ACCESS_TOKEN
	ReasonWhoNotAllowed   oauthflow.Reason = "who_not_allowed"   // KindNotAllowed
	ReasonWhoUnavailable  oauthflow.Reason = "who_unavailable"   // KindLinkedInDown
	ReasonWhoRefused      oauthflow.Reason = "who_refused"       // KindLinkedInError, Code and Description

	// Asking the Token Inspector about a token.
	ReasonCheckingToken      oauthflow.Reason = "checking_token"      // KindNetwork, KindTimeout, KindCancelled
	ReasonInspectUnreadable  oauthflow.Reason = "inspect_unreadable"  // KindLinkedInError
	ReasonInspectSecret      oauthflow.Reason = "inspect_secret"      // KindBadClient
	ReasonInspectUnknown     oauthflow.Reason = "inspect_unknown"     // KindTokenRejected
	ReasonInspectUnavailable oauthflow.Reason = "inspect_unavailable" // KindLinkedInDown
	ReasonInspectRefused     oauthflow.Reason = "inspect_refused"     // KindLinkedInError, Code and Description

	// A setting (KindInvalidSettings, KindBadEndpoint).
	ReasonAPIVersionDigits oauthflow.Reason = "api_version_digits"  // Value, Example
	ReasonAPIVersionMonth  oauthflow.Reason = "api_version_month"   // Value, Example
	ReasonAPIVersionTooOld oauthflow.Reason = "api_version_too_old" // Value, Example
	ReasonAPIVersionFuture oauthflow.Reason = "api_version_future"  // Value, Example
	ReasonUnsafeEndpoint   oauthflow.Reason = "unsafe_endpoint"     // KindBadEndpoint: Value, the setting's name

	// A refused permission, with the products that grant it (NameTheProduct).
	ReasonScopeInProducts    oauthflow.Reason = "scope_in_products"    // KindUnauthorizedScope: Scope, Products
	ReasonScopeNeedsApproval oauthflow.Reason = "scope_needs_approval" // the same, and Approval, RequestURL
)

// Client asks LinkedIn's API. Its HTTP policy: every stage has a timeout;
// calls that carry a token or a client secret follow no redirect, so they
// are never re-sent elsewhere; the picture, which carries neither, may be
// redirected to a CDN.
type Client struct {
	endpoints Endpoints
	api       *http.Client
	pictures  *http.Client
}

// NewClient returns a client for LinkedIn's API at endpoints.
func NewClient(endpoints Endpoints) *Client {
	api := oauthflow.NewHTTPClient()
	pictures := *api
	pictures.CheckRedirect = nil
	return &Client{endpoints: endpoints, api: api, pictures: &pictures}
}

// Endpoints are the addresses the client asks.
func (c *Client) Endpoints() Endpoints { return c.endpoints }

// Member is who a token belongs to, as LinkedIn's OpenID Connect userinfo
// says.
type Member struct {
	ID            string // "sub"
	Name          string
	GivenName     string
	FamilyName    string
	Email         string // only with the email permission
	EmailVerified bool
	PictureURL    string
}

// WhoNeeds are the permissions userinfo needs.
var WhoNeeds = []string{"openid", "profile"}

// MissingForWho lists the permissions a token lacks to say who it belongs
// to (nil when it has them).
func MissingForWho(scopes []string) []string {
	var missing []string
	for _, s := range WhoNeeds {
		if !slices.Contains(scopes, s) {
			missing = append(missing, s)
		}
	}
	return missing
}

// WhoIsConnected asks LinkedIn's userinfo (GET /v2/userinfo) who the token
// belongs to. It never calls /v2/me, which LinkedIn refuses for OpenID
// Connect tokens.
func (c *Client) WhoIsConnected(ctx context.Context, token string) (Member, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoints.UserinfoURL(), nil)
	if err != nil {
		return Member{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	status, body, err := ask(c.api, req, ReasonCheckingWho)
	if err != nil {
		return Member{}, err
	}
	if status != http.StatusOK {
		return Member{}, apiError(status, body)
	}
	var u struct {
		Sub           string `json:"sub"`
		Name          string `json:"name"`
		GivenName     string `json:"given_name"`
		FamilyName    string `json:"family_name"`
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
		Picture       string `json:"picture"`
	}
	if err := json.Unmarshal(body, &u); err != nil || (u.Sub == "" && u.Name == "") {
		if err == nil {
			err = errors.New("userinfo names nobody")
		}
		return Member{}, &oauthflow.Error{Kind: oauthflow.KindLinkedInError, Reason: ReasonWhoUnreadable, Err: fmt.Errorf("read userinfo: %w", err)}
	}
	name := u.Name
	if name == "" {
		name = u.GivenName + " " + u.FamilyName
	}
	return Member{ID: u.Sub, Name: name, GivenName: u.GivenName, FamilyName: u.FamilyName,
		Email: u.Email, EmailVerified: u.EmailVerified, PictureURL: u.Picture}, nil
}

// ask sends a request to LinkedIn and reads its answer (at most 1 MiB). A
// failure to get any answer is an oauthflow.NetworkError with the reason
// during (what was being done).
func ask(client *http.Client, req *http.Request, during oauthflow.Reason) (status int, body []byte, err error) {
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, oauthflow.NetworkError(err, during)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, nil, oauthflow.NetworkError(err, during)
	}
	return resp.StatusCode, body, nil
}

// apiError maps LinkedIn's API errors: {"status", "serviceErrorCode",
// "code", "message"}. The body carries no secret, but only its code and
// message are kept.
func apiError(status int, body []byte) *oauthflow.Error {
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &e)
	tech := fmt.Errorf("LinkedIn API answered HTTP %d %s %q", status, e.Code, e.Message)
	out := &oauthflow.Error{Err: tech, Code: e.Code, Description: e.Message}
	switch {
	case status == http.StatusUnauthorized:
		out.Kind, out.Reason = oauthflow.KindTokenRejected, ReasonWhoTokenRefused
		switch e.Code {
		case "REVOKED_ACCESS_TOKEN":
			out.Reason = ReasonWhoTokenRevoked
		case "EXPIRED_ACCESS_TOKEN":
			out.Reason = ReasonWhoTokenExpired
		}
	case status == http.StatusForbidden:
		out.Kind, out.Reason = KindNotAllowed, ReasonWhoNotAllowed
	case status >= 500:
		out.Kind, out.Reason = oauthflow.KindLinkedInDown, ReasonWhoUnavailable
	default:
		out.Kind, out.Reason = oauthflow.KindLinkedInError, ReasonWhoRefused
	}
	return out
}

// maxPicture bounds the profile picture download.
const maxPicture = 2 << 20

// Picture downloads a member's profile picture.
func (c *Client) Picture(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.pictures.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download picture: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download picture: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxPicture+1))
	if err != nil {
		return nil, fmt.Errorf("download picture: %w", err)
	}
	if len(data) > maxPicture {
		return nil, errors.New("download picture: larger than 2 MiB")
	}
	return data, nil
}
