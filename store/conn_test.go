package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// What Load gives never prints a secret: for every fmt verb, JSON and slog.
func TestSavedNeverPrints(t *testing.T) {
	s := Saved{ID: "x", Name: "n", Settings: sampleSettings, Token: &SavedToken{Token: sampleToken, Account: "Ada"}}
	var out []string
	for _, v := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		out = append(out, fmt.Sprintf(v, s), fmt.Sprintf(v, &s), fmt.Sprintf(v, *s.Token), fmt.Sprintf(v, s.Token))
	}
	j, _ := json.Marshal(s)
	out = append(out, string(j))
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "saved", s, "tok", s.Token)
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "saved", s, "tok", *s.Token)
	out = append(out, b.String())
	all := strings.Join(out, "\n")
	for _, sec := range []string{sampleSettings.ClientSecret, sampleToken.AccessToken[:20], sampleToken.RefreshToken[:20]} {
		if strings.Contains(all, sec) {
			t.Errorf("a secret printed: %.12s", sec)
		}
	}
}

// Issue 17, item 2: only the token the settings describe is the saved
// one. A value they do not describe, in the slot they name or in the
// other (what a change cut short or a refused delete left behind, maybe a
// token that was cleared), is never taken for it.
func TestOnlyTheDescribedTokenIsSaved(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		stray map[string]string // written behind the store's back
	}{
		{"the named slot holds another token", map[string]string{"access-token": "AQV-stray"}},
		{"the named slot is empty, the other holds another token", map[string]string{"access-token": "", "access-token-b": "AQV-stray"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kr := newMemKeyring(nil)
			s, _, err := Open(ctx, Options{Dir: t.TempDir(), Keyring: kr, Service: "x", Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Conn(DefaultConnection).SaveToken(ctx, tokN("saved"), "Ada"); err != nil { // slot ""
				t.Fatal(err)
			}
			for k, v := range tc.stray {
				if v == "" {
					_ = kr.Delete("x", k)
				} else {
					_ = kr.Set("x", k, v)
				}
			}
			got, err := s.Conn(DefaultConnection).Load(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got.Token != nil {
				t.Errorf("Load took %q for the saved token", got.Token.AccessToken)
			}
		})
	}
}
