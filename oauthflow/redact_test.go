package oauthflow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestSecretsNeverPrint: no fmt verb, no JSON, no slog handler shows a
// token or a client secret, whether the value is printed itself, through a
// pointer, or as a field of something else.
func TestSecretsNeverPrint(t *testing.T) {
	tok := Token{AccessToken: "ACCESS-SECRET-123", RefreshToken: "REFRESH-SECRET-456", IDToken: "ID-SECRET-789",
		Scopes: []string{"openid"}, ExpiresAt: time.Unix(1_800_000_000, 0)}
	set := Settings{ClientID: "78client", ClientSecret: "CLIENT-SECRET-000", RedirectURL: DefaultRedirectURL, Scopes: DefaultScopes}
	secrets := []string{"ACCESS-SECRET", "REFRESH-SECRET", "ID-SECRET", "CLIENT-SECRET"}
	// Even the hex of a secret must not show: %x of a string is its hex.
	for _, s := range secrets {
		secrets = append(secrets, fmt.Sprintf("%x", s), fmt.Sprintf("%X", s))
	}
	holder := struct {
		Settings Settings
		Token    *Token
		Tokens   []Token
	}{set, &tok, []Token{tok}}

	values := map[string]any{"Token": tok, "*Token": &tok, "Settings": set, "*Settings": &set, "holder": holder}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%X", "%o", "%b", "%p", "%10.3v", "%-20s", "%U", "%c", "%t", "%e", "%g"}
	for name, v := range values {
		var outs []string
		for _, verb := range verbs {
			if verb == "%p" && !strings.HasPrefix(name, "*") {
				// %p of a value that is no pointer makes fmt print the raw
				// fields with every method switched off; go vet's printf
				// check refuses that call, so no code here can make it.
				continue
			}
			outs = append(outs, verb+" "+fmt.Sprintf(verb, v))
		}
		outs = append(outs, "Sprint "+fmt.Sprint(v), "Sprintln "+fmt.Sprintln(v))
		js, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%s: json.Marshal: %v", name, err)
		}
		outs = append(outs, "json "+string(js))
		var text, jsonLog bytes.Buffer
		slog.New(slog.NewTextHandler(&text, nil)).Info("x", "v", v)
		slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("x", "v", v)
		outs = append(outs, "slog text "+text.String(), "slog json "+jsonLog.String())
		for _, out := range outs {
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s printed with %s shows a secret", name, out)
				}
			}
		}
	}
	if s := fmt.Sprint(tok); !strings.Contains(s, "17 characters") || !strings.Contains(s, "openid") {
		t.Errorf("Token prints as %q: want its shape (length, scopes)", s)
	}
	if s := fmt.Sprint(set); !strings.Contains(s, "78client") || !strings.Contains(s, DefaultRedirectURL) {
		t.Errorf("Settings print as %q: want what is not secret", s)
	}
}
