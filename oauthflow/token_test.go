package oauthflow

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestTokenFrom(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	ot := (&oauth2.Token{AccessToken: "abc", RefreshToken: "r", ExpiresIn: 5184000}).WithExtra(map[string]any{
		"scope": "email,openid,profile", "id_token": "x.y.z", "refresh_token_expires_in": float64(31536000),
	})
	tok := tokenFrom(ot, now)
	if !tok.ExpiresAt.Equal(now.Add(60 * 24 * time.Hour)) {
		t.Errorf("ExpiresAt = %v", tok.ExpiresAt)
	}
	if !slices.Equal(tok.Scopes, []string{"email", "openid", "profile"}) {
		t.Errorf("Scopes = %q", tok.Scopes)
	}
	if tok.IDToken != "x.y.z" || tok.RefreshToken != "r" || !tok.RefreshTokenExpiresAt.Equal(now.Add(365*24*time.Hour)) || !tok.ObtainedAt.Equal(now) {
		t.Errorf("token = %+v", tok)
	}
	// Space-separated scopes and a string expiry are read too.
	tok = tokenFrom((&oauth2.Token{AccessToken: "abc"}).WithExtra(map[string]any{"scope": "openid profile", "refresh_token_expires_in": "10"}), now)
	if !slices.Equal(tok.Scopes, []string{"openid", "profile"}) || !tok.RefreshTokenExpiresAt.IsZero() || !tok.ExpiresAt.IsZero() {
		t.Errorf("token = %+v", tok)
	}
}
