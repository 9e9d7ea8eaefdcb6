package oauthflow

import (
	"bytes"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestTokenNeverPrintsSecrets(t *testing.T) {
	tok := Token{AccessToken: "ACCESS-SECRET-123", RefreshToken: "REFRESH-SECRET-456", IDToken: "ID-SECRET-789",
		Scopes: []string{"openid"}, ExpiresAt: time.Unix(1_800_000_000, 0)}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("connected", "token", tok)
	outputs := []string{fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, tok), fmt.Sprintf("%v", &tok), logged.String()}
	for _, out := range outputs {
		for _, secret := range []string{"ACCESS-SECRET", "REFRESH-SECRET", "ID-SECRET"} {
			if strings.Contains(out, secret) {
				t.Errorf("output %q shows %s", out, secret)
			}
		}
	}
	if !strings.Contains(outputs[0], "17 characters") {
		t.Errorf("String() = %q, want the token's length", outputs[0])
	}
}

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
