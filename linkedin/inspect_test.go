package linkedin_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

func TestInspect(t *testing.T) {
	tests := []struct {
		name   string
		token  func(f *fakelinkedin.Server) string
		status string
		active bool
	}{
		{"active", func(f *fakelinkedin.Server) string { return f.Issue("78acct", []string{"openid", "profile", "email"}) }, "active", true},
		{"revoked", func(f *fakelinkedin.Server) string {
			tok := f.Issue("78acct", []string{"openid"})
			f.Revoke(tok)
			return tok
		}, "revoked", false},
		{"expired", func(f *fakelinkedin.Server) string {
			tok := f.Issue("78acct", []string{"openid"})
			later := time.Now().Add(61 * 24 * time.Hour)
			f.SetClock(func() time.Time { return later })
			return tok
		}, "expired", false},
		{"another app's", func(f *fakelinkedin.Server) string { return f.Issue("78other", []string{"openid"}) }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, client := newFake(t)
			in, err := client.Inspect(context.Background(), app, tt.token(fake))
			if err != nil {
				t.Fatal(err)
			}
			if in.Active != tt.active || in.Status != tt.status {
				t.Errorf("inspection = %+v", in)
			}
			if tt.status == "active" {
				if !slices.Equal(in.Scopes, []string{"openid", "profile", "email"}) || in.CreatedAt.IsZero() ||
					in.ExpiresAt.Sub(in.CreatedAt) != fakelinkedin.AccessTokenLifetime {
					t.Errorf("inspection = %+v", in)
				}
			}
		})
	}
}

func TestInspectFailures(t *testing.T) {
	tests := []struct {
		name       string
		id, secret string
		token      string
		fail       func(f *fakelinkedin.Server)
		want       *oauthflow.Error
	}{
		{name: "wrong secret", id: "78acct", secret: "wrong", want: oauthflow.ErrBadClient},
		{name: "unknown client", id: "78nobody", secret: "s", want: oauthflow.ErrTokenRejected},
		{name: "unknown token", id: "78acct", secret: "s", token: "AQVnot-a-token", want: oauthflow.ErrTokenRejected},
		{name: "LinkedIn down", id: "78acct", secret: "s", fail: func(f *fakelinkedin.Server) { f.FailAPI(500, "text/html", "oops") }, want: oauthflow.ErrLinkedInDown},
		{name: "garbage", id: "78acct", secret: "s", fail: func(f *fakelinkedin.Server) { f.FailAPI(200, "application/json", `{"status":`) }, want: oauthflow.ErrLinkedInError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, client := newFake(t)
			token := tt.token
			if token == "" {
				token = fake.Issue("78acct", []string{"openid"})
			}
			if tt.fail != nil {
				tt.fail(fake)
			}
			_, err := client.Inspect(context.Background(), oauthflow.Settings{ClientID: tt.id, ClientSecret: tt.secret}, token)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %s", err, tt.want.Kind)
			}
			if msg, hint, _ := words.Explain(err); msg == "" || hint == "" || strings.Contains(err.Error(), token) || strings.Contains(err.Error(), tt.secret+"\"") {
				t.Errorf("words or leak: %v", err)
			}
		})
	}
}
