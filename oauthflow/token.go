package oauthflow

import (
	"strconv"
	"time"

	"golang.org/x/oauth2"
)

// Token is what a Connect ends with. It never prints its secrets: every
// fmt verb, JSON and slog show only what is safe to log (redact.go).
type Token struct {
	AccessToken string
	ExpiresAt   time.Time // zero when LinkedIn gave no expires_in
	Scopes      []string  // what LinkedIn granted, which may differ from what was asked
	ObtainedAt  time.Time

	// Only for apps LinkedIn enabled for refresh tokens.
	RefreshToken          string
	RefreshTokenExpiresAt time.Time

	// Only with the openid scope.
	IDToken string
}

// tokenFrom keeps what LinkedIn's accessToken answer holds. The expiry is
// computed from expires_in against now (injected, for tests), not the
// library's own clock.
func tokenFrom(ot *oauth2.Token, now time.Time) Token {
	t := Token{
		AccessToken:  ot.AccessToken,
		RefreshToken: ot.RefreshToken,
		ObtainedAt:   now,
		ExpiresAt:    ot.Expiry,
	}
	if ot.ExpiresIn > 0 {
		t.ExpiresAt = now.Add(time.Duration(ot.ExpiresIn) * time.Second)
	}
	if s, ok := ot.Extra("scope").(string); ok {
		t.Scopes = ParseScopes(s)
	}
	if id, ok := ot.Extra("id_token").(string); ok {
		t.IDToken = id
	}
	if secs := seconds(ot.Extra("refresh_token_expires_in")); secs > 0 && t.RefreshToken != "" {
		t.RefreshTokenExpiresAt = now.Add(time.Duration(secs) * time.Second)
	}
	return t
}

// seconds reads a JSON number (float64 after decoding) or a numeric string.
func seconds(v any) int64 {
	switch n := v.(type) {
	case float64:
		if n > 0 && n < 1<<40 {
			return int64(n)
		}
	case string:
		if i, err := strconv.ParseInt(n, 10, 64); err == nil && i > 0 && i < 1<<40 {
			return i
		}
	}
	return 0
}
