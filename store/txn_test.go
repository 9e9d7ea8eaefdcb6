package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestBackgroundSavesDoNotUndoClear is issue #9's seventh point: a renewal
// or a check that finishes after Clear (or after another Connect) must not
// bring the old token back, nor describe another token with its findings.
func TestBackgroundSavesDoNotUndoClear(t *testing.T) {
	ctx := context.Background()
	kr := newMemKeyring(nil)
	s, _ := openMem(t, t.TempDir(), kr)
	renewed := sampleToken
	renewed.AccessToken = "AQVrenewed-token"

	if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).ClearToken(ctx, sampleToken.AccessToken); err != nil { // the person presses Clear
		t.Fatal(err)
	}
	// The renewal and the check that started before it end now.
	if err := s.Conn(DefaultConnection).ReplaceToken(ctx, sampleToken.AccessToken, renewed, "Ada"); !errors.Is(err, ErrTokenChanged) {
		t.Errorf("ReplaceToken after Clear = %v, want ErrTokenChanged", err)
	}
	if err := s.Conn(DefaultConnection).UpdateTokenInfo(ctx, sampleToken.AccessToken, TokenFacts{ExpiresAt: time.Now()}); !errors.Is(err, ErrTokenChanged) {
		t.Errorf("UpdateTokenInfo after Clear = %v, want ErrTokenChanged", err)
	}
	if got, _ := s.Conn(DefaultConnection).Load(ctx); got.Token != nil {
		t.Fatalf("the cleared token is back: %v", got.Token)
	}
	if e := memTokenEntries(kr); len(e) != 0 {
		t.Fatalf("the keychain holds %v after Clear", e)
	}

	// A renewal that ends after another Connect saved a newer token.
	newer := sampleToken
	newer.AccessToken = "AQVfrom-another-connect"
	if err := s.Conn(DefaultConnection).SaveToken(ctx, sampleToken, "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).SaveToken(ctx, newer, "Ada"); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn(DefaultConnection).ReplaceToken(ctx, sampleToken.AccessToken, renewed, "Ada"); !errors.Is(err, ErrTokenChanged) {
		t.Errorf("ReplaceToken after another Connect = %v, want ErrTokenChanged", err)
	}
	if got, _ := s.Conn(DefaultConnection).Load(ctx); got.Token == nil || got.Token.AccessToken != newer.AccessToken {
		t.Fatalf("the newer token was replaced: %v", got.Token)
	}
	// And when nothing came between, the renewal is saved.
	if err := s.Conn(DefaultConnection).ReplaceToken(ctx, newer.AccessToken, renewed, "Ada"); err != nil {
		t.Fatalf("ReplaceToken = %v", err)
	}
	if got, _ := s.Conn(DefaultConnection).Load(ctx); got.Token == nil || got.Token.AccessToken != renewed.AccessToken || got.Token.Account != "Ada" {
		t.Fatalf("after renewal: %v", got.Token)
	}
}
