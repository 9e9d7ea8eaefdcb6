package oauthflow

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

func TestRetrieveErrorMapping(t *testing.T) {
	tests := []struct {
		name   string
		status int
		code   string
		desc   string
		want   *Error
	}{
		{"code expired or redirect mismatch", 400, "invalid_redirect_uri", "appid/redirect uri/code verifier does not match authorization code. Or authorization code expired", ErrCodeRejected},
		{"code not found", 401, "invalid_request", "Unable to retrieve access token: authorization code not found", ErrCodeRejected},
		{"wrong secret", 401, "invalid_client", "Client authentication failed", ErrBadClient},
		{"missing secret", 400, "invalid_request", `A required parameter "client_secret" is missing`, ErrBadClient},
		{"bare 401", 401, "", "", ErrBadClient},
		{"LinkedIn down", 503, "", "", ErrLinkedInDown},
		{"something else", 400, "invalid_request", "A required parameter \"grant_type\" is missing", ErrLinkedInError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			re := &oauth2.RetrieveError{
				Response:         &http.Response{StatusCode: tt.status, Status: fmt.Sprint(tt.status)},
				Body:             []byte("a body that must never be shown: client_secret=hunter2"),
				ErrorCode:        tt.code,
				ErrorDescription: tt.desc,
			}
			err := exchangeError(fmt.Errorf("exchange: %w", re))
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v (kind %s), want kind %s", err, err.Kind, tt.want.Kind)
			}
			var got *oauth2.RetrieveError
			if !errors.As(err, &got) {
				t.Error("the RetrieveError is not reachable with errors.As")
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error text %q shows the response body", err.Error())
			}
			if err.Reason == "" {
				t.Errorf("no reason: %+v", err)
			}
		})
	}
}

func TestTransportErrorMapping(t *testing.T) {
	timeout := &url.Error{Op: "Post", URL: "https://www.linkedin.com/oauth/v2/accessToken?x=secret", Err: os.ErrDeadlineExceeded}
	refused := &url.Error{Op: "Post", URL: "https://www.linkedin.com/oauth/v2/accessToken", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}
	tests := []struct {
		err  error
		want *Error
	}{
		{context.Canceled, ErrCancelled},
		{context.DeadlineExceeded, ErrTimeout},
		{timeout, ErrTimeout},
		{refused, ErrNetwork},
	}
	for _, tt := range tests {
		got := exchangeError(tt.err)
		if !errors.Is(got, tt.want) {
			t.Errorf("exchangeError(%v) = kind %s, want %s", tt.err, got.Kind, tt.want.Kind)
		}
		if strings.Contains(got.Error(), "secret") {
			t.Errorf("error %q shows a query string", got.Error())
		}
	}
}

func TestAuthorizationErrorsSayWhy(t *testing.T) {
	for _, code := range []string{"user_cancelled_login", "user_cancelled_authorize", "unauthorized_scope_error", "access_denied", "server_error", "whatever_else"} {
		e := authorizationError(code, "description")
		if e.Reason == "" || e.Detail() == "" {
			t.Errorf("%s: %+v", code, e)
		}
	}
}

func TestAsErrorWrapsForeignErrors(t *testing.T) {
	e := AsError(errors.New("boom"))
	if e.Kind != KindLinkedInError || e.Reason != ReasonUnexpected || e.Detail() != "boom" {
		t.Errorf("AsError = %+v", e)
	}
	if AsError(nil) != nil {
		t.Error("AsError(nil) != nil")
	}
}
