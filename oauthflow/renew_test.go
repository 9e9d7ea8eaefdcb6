package oauthflow_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

func TestRenew(t *testing.T) {
	w := newWorld(t, "http://localhost:%d/callback", func(a *fakelinkedin.App) { a.Refresh = true })
	f := w.begin()
	done := waitAsync(f)
	if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), f.AuthURL()); err != nil {
		t.Fatal(err)
	}
	first := get(t, done)
	if first.err != nil {
		t.Fatal(first.err)
	}
	later := time.Now().Add(55 * 24 * time.Hour)
	cfg := w.config(func(c *oauthflow.Config) { c.Now = func() time.Time { return later } })
	w.fake.SetClock(func() time.Time { return later })
	renewed, err := oauthflow.Renew(context.Background(), cfg, first.tok)
	if err != nil {
		t.Fatal(err)
	}
	if renewed.AccessToken == first.tok.AccessToken || renewed.AccessToken == "" {
		t.Fatal("no new access token")
	}
	if d := renewed.ExpiresAt.Sub(later); d != 60*24*time.Hour {
		t.Errorf("new token lasts %v", d)
	}
	// The refresh token's 365 days did not restart.
	if d := renewed.RefreshTokenExpiresAt.Sub(first.tok.RefreshTokenExpiresAt); d < -time.Minute || d > time.Minute {
		t.Errorf("refresh token expiry moved by %v", d)
	}
	req := w.fake.TokenRequests()[1]
	if req.Form.Get("grant_type") != "refresh_token" || req.Form.Get("client_secret") != clientSecret || req.BasicAuth {
		t.Errorf("refresh request: %+v", req)
	}

	// A refresh token past its 365 days: refused, in words.
	muchLater := time.Now().Add(366 * 24 * time.Hour)
	w.fake.SetClock(func() time.Time { return muchLater })
	cfg.Now = func() time.Time { return muchLater }
	_, err = oauthflow.Renew(context.Background(), cfg, renewed)
	if !errors.Is(err, oauthflow.ErrTokenRejected) || oauthflow.AsError(err).Reason != oauthflow.ReasonRefreshRejected {
		t.Fatalf("expired refresh token: %v", err)
	}
	assertNoSecrets(t, err, renewed.RefreshToken, renewed.AccessToken)

	if _, err := oauthflow.Renew(context.Background(), cfg, oauthflow.Token{AccessToken: "x"}); !errors.Is(err, oauthflow.ErrTokenRejected) {
		t.Errorf("no refresh token: %v", err)
	}
}
