package linkedin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// Inspection is what LinkedIn's Token Inspector says about a token.
type Inspection struct {
	Active    bool
	Status    string // "active", "expired" or "revoked"; "" for another app's token (words.Inspected says it for a person)
	Scopes    []string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Usable reports whether LinkedIn still accepts the token.
func (i Inspection) Usable() bool { return i.Active }

// Inspect asks LinkedIn's Token Inspector (POST /oauth/v2/introspectToken)
// about a token, with the app's client ID and secret (from app) in the form
// body.
func (c *Client) Inspect(ctx context.Context, app oauthflow.Settings, token string) (Inspection, error) {
	form := url.Values{"client_id": {app.ClientID}, "client_secret": {app.ClientSecret}, "token": {token}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoints.IntrospectURL(), strings.NewReader(form.Encode()))
	if err != nil {
		return Inspection{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, body, err := ask(c.api, req, ReasonCheckingToken)
	if err != nil {
		return Inspection{}, err
	}
	if status != http.StatusOK {
		return Inspection{}, inspectError(status, body)
	}
	var r struct {
		Active    *bool  `json:"active"`
		Status    string `json:"status"`
		Scope     string `json:"scope"`
		CreatedAt int64  `json:"created_at"`
		ExpiresAt int64  `json:"expires_at"`
	}
	if err := json.Unmarshal(body, &r); err != nil || r.Active == nil {
		if err == nil {
			err = fmt.Errorf("no \"active\" field")
		}
		return Inspection{}, &oauthflow.Error{Kind: oauthflow.KindLinkedInError, Reason: ReasonInspectUnreadable, Err: fmt.Errorf("read introspection: %w", err)}
	}
	in := Inspection{Active: *r.Active, Status: r.Status, Scopes: oauthflow.ParseScopes(r.Scope)}
	if r.CreatedAt > 0 {
		in.CreatedAt = time.Unix(r.CreatedAt, 0)
	}
	if r.ExpiresAt > 0 {
		in.ExpiresAt = time.Unix(r.ExpiresAt, 0)
	}
	return in, nil
}

// inspectError maps the Token Inspector's errors: 400 for a client ID or
// token it does not know, 401 for a wrong secret.
func inspectError(status int, body []byte) *oauthflow.Error {
	var e struct {
		Code        string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(body, &e)
	tech := fmt.Errorf("token inspector answered HTTP %d %s %q", status, e.Code, e.Description)
	out := &oauthflow.Error{Err: tech, Code: e.Code, Description: e.Description}
	switch {
	case status == http.StatusUnauthorized:
		out.Kind, out.Reason = oauthflow.KindBadClient, ReasonInspectSecret
	case status == http.StatusBadRequest:
		out.Kind, out.Reason = oauthflow.KindTokenRejected, ReasonInspectUnknown
	case status >= 500:
		out.Kind, out.Reason = oauthflow.KindLinkedInDown, ReasonInspectUnavailable
	default:
		out.Kind, out.Reason = oauthflow.KindLinkedInError, ReasonInspectRefused
	}
	return out
}
