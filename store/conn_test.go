package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
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
