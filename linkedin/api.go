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
	status, body, err := ask(c.api, req, "while checking who is connected")
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
		return Member{}, &oauthflow.Error{Kind: oauthflow.KindLinkedInError, Err: fmt.Errorf("read userinfo: %w", err),
			Message: "LinkedIn's answer about who is connected could not be understood.",
			Hint:    "Your token is not affected. Try again later."}
	}
	name := u.Name
	if name == "" {
		name = u.GivenName + " " + u.FamilyName
	}
	return Member{ID: u.Sub, Name: name, GivenName: u.GivenName, FamilyName: u.FamilyName,
		Email: u.Email, EmailVerified: u.EmailVerified, PictureURL: u.Picture}, nil
}

// ask sends a request to LinkedIn and reads its answer (at most 1 MiB). A
// failure to get any answer is said as doing ("while checking the token").
func ask(client *http.Client, req *http.Request, doing string) (status int, body []byte, err error) {
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, oauthflow.NetworkError(err, doing)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, nil, oauthflow.NetworkError(err, doing)
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
	switch {
	case status == http.StatusUnauthorized:
		msg := "LinkedIn no longer accepts this token."
		switch e.Code {
		case "REVOKED_ACCESS_TOKEN":
			msg = "LinkedIn no longer accepts this token: it was revoked (the app's access was removed, or you connected again with other permissions)."
		case "EXPIRED_ACCESS_TOKEN":
			msg = "LinkedIn no longer accepts this token: it has expired."
		}
		return &oauthflow.Error{Kind: oauthflow.KindTokenRejected, Err: tech, Message: msg,
			Hint: "Sign in again to get a new token."}
	case status == http.StatusForbidden:
		return &oauthflow.Error{Kind: KindNotAllowed, Err: tech,
			Message: "This token is not allowed to say who is connected.",
			Hint:    "It needs the openid and profile permissions: tick \"Sign In with OpenID Connect\" and try again."}
	case status >= 500:
		return &oauthflow.Error{Kind: oauthflow.KindLinkedInDown, Err: tech,
			Message: "LinkedIn could not say who is connected just now.",
			Hint:    "Your token is not affected. Try again later."}
	default:
		return &oauthflow.Error{Kind: oauthflow.KindLinkedInError, Err: tech,
			Message: "LinkedIn refused to say who is connected.",
			Hint:    "Your token may still work. The details below say what LinkedIn reported."}
	}
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
