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

// Who the member is (their LinkedIn ID, the author of a post as them) is
// kept with the token it was learned for, listed, survives a renewal of
// that token, and is not carried over to a token a new sign-in saves.
func TestMemberIDIsKeptWithItsToken(t *testing.T) {
	ctx := context.Background()
	s, _ := openMem(t, t.TempDir(), newMemKeyring(nil))
	c := s.Conn(DefaultConnection)
	if err := c.SaveToken(ctx, sampleToken, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateTokenInfo(ctx, sampleToken.AccessToken, TokenFacts{Account: "Ada", MemberID: "782bbtaQ"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Load(ctx); got.Token == nil || got.Token.MemberID != "782bbtaQ" {
		t.Fatalf("after UpdateTokenInfo: %+v", got.Token)
	}
	l, err := s.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if listed, _ := l.Find(DefaultConnection); listed.Token == nil || listed.Token.MemberID != "782bbtaQ" {
		t.Errorf("listed: %+v", listed.Token)
	}
	renewed := sampleToken
	renewed.AccessToken = "AQVrenewed-token"
	if err := c.ReplaceToken(ctx, sampleToken.AccessToken, renewed, "Ada"); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Load(ctx); got.Token == nil || got.Token.MemberID != "782bbtaQ" {
		t.Errorf("after a renewal the member is not known: %+v", got.Token)
	}
	other := sampleToken
	other.AccessToken = "AQVsomeone-else"
	if err := c.SaveToken(ctx, other, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Load(ctx); got.Token == nil || got.Token.MemberID != "" {
		t.Errorf("a new sign-in's token inherited the member: %+v", got.Token)
	}
}
