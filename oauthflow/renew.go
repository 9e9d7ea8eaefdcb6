package oauthflow

import (
	"context"
	"time"

	"golang.org/x/oauth2"
)

// Renew trades a token's refresh token for a new access token, for apps
// LinkedIn enabled for refresh tokens (Marketing Developer Platform
// partners), with cfg's settings, token endpoint, HTTP client and clock.
// The refresh token's own expiry does not restart: LinkedIn says how long
// it has left, and without that the old expiry is kept. On error the
// caller keeps the old token.
func Renew(ctx context.Context, cfg Config, old Token) (Token, error) {
	if old.RefreshToken == "" {
		return Token{}, &Error{Kind: KindTokenRejected, Reason: ReasonNoRefreshToken}
	}
	client, now := cfg.HTTPClient, time.Now
	if client == nil {
		client = NewHTTPClient()
	}
	if cfg.Now != nil {
		now = cfg.Now
	}
	s := cfg.Settings // cleaned by the form or the store that gave it
	oc := &oauth2.Config{
		ClientID:     s.ClientID,
		ClientSecret: s.ClientSecret,
		Endpoint:     oauth2.Endpoint{TokenURL: cfg.Endpoint.TokenURL, AuthStyle: oauth2.AuthStyleInParams},
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, client)
	// An expiry in the past makes the token source refresh at once.
	src := oc.TokenSource(ctx, &oauth2.Token{RefreshToken: old.RefreshToken, Expiry: time.Unix(1, 0)})
	ot, err := src.Token()
	if err != nil {
		return Token{}, exchangeError(err)
	}
	tok := tokenFrom(ot, now())
	if tok.RefreshToken == "" {
		tok.RefreshToken = old.RefreshToken
	}
	// The same refresh token keeps the expiry it was issued with: LinkedIn
	// reports what is left in whole seconds, so recomputing it would creep.
	if tok.RefreshToken == old.RefreshToken && !old.RefreshTokenExpiresAt.IsZero() {
		tok.RefreshTokenExpiresAt = old.RefreshTokenExpiresAt
	}
	if len(tok.Scopes) == 0 {
		tok.Scopes = old.Scopes
	}
	if tok.IDToken == "" {
		tok.IDToken = old.IDToken
	}
	return tok, nil
}
