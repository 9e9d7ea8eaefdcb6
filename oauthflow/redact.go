package oauthflow

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// Token and Settings carry secrets, and Go prints a struct's fields for
// most fmt verbs (%d, %x, %+v…), encoding/json and slog's handlers. Each of
// them gets the redacted form instead: fmt.Formatter covers every verb,
// MarshalJSON covers JSON (slog's JSON handler included), LogValue covers
// slog. The store keeps the real values through types of its own.

// redacted shows that a secret is there, and how long it is, never what it is.
func redacted(secret string) string {
	if secret == "" {
		return "(none)"
	}
	return "[" + strconv.Itoa(len(secret)) + " characters, hidden]"
}

// formatRedacted writes safe, the redacted text, for any verb: %#v gets
// goSafe, everything else safe, so that neither %d nor %x can reach a field.
func formatRedacted(f fmt.State, verb rune, safe, goSafe string) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, goSafe)
		return
	}
	_, _ = io.WriteString(f, safe)
}

// String shows the token's shape, never its secrets.
func (t Token) String() string {
	parts := []string{"access_token: " + redacted(t.AccessToken)}
	if !t.ExpiresAt.IsZero() {
		parts = append(parts, "expires: "+t.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z07:00"))
	}
	if len(t.Scopes) > 0 {
		parts = append(parts, "scopes: "+strings.Join(t.Scopes, " "))
	}
	if t.RefreshToken != "" {
		parts = append(parts, "refresh_token: "+redacted(t.RefreshToken))
	}
	if t.IDToken != "" {
		parts = append(parts, "id_token: "+redacted(t.IDToken))
	}
	return "Token{" + strings.Join(parts, ", ") + "}"
}

// GoString keeps %#v from printing the secrets too.
func (t Token) GoString() string { return "oauthflow." + t.String() }

// Format prints String for every verb.
func (t Token) Format(f fmt.State, verb rune) { formatRedacted(f, verb, t.String(), t.GoString()) }

// LogValue keeps slog from printing the secrets.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// MarshalJSON gives the token's shape with its secrets hidden. Nothing
// TokenDesk saves goes through it.
func (t Token) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		AccessToken  string   `json:"access_token"`
		ExpiresAt    string   `json:"expires_at,omitempty"`
		Scopes       []string `json:"scopes,omitempty"`
		RefreshToken string   `json:"refresh_token,omitempty"`
		IDToken      string   `json:"id_token,omitempty"`
	}{
		AccessToken:  redacted(t.AccessToken),
		ExpiresAt:    zeroOrRFC3339(t),
		Scopes:       t.Scopes,
		RefreshToken: redactedIfAny(t.RefreshToken),
		IDToken:      redactedIfAny(t.IDToken),
	})
}

func zeroOrRFC3339(t Token) string {
	if t.ExpiresAt.IsZero() {
		return ""
	}
	return t.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z07:00")
}

func redactedIfAny(secret string) string {
	if secret == "" {
		return ""
	}
	return redacted(secret)
}

// String shows the settings with the client secret hidden.
func (s Settings) String() string {
	return fmt.Sprintf("Settings{client_id: %q, client_secret: %s, redirect_url: %q, scopes: %q, pkce: %t}",
		s.ClientID, redacted(s.ClientSecret), s.RedirectURL, strings.Join(s.Scopes, " "), s.PKCE)
}

// GoString keeps %#v from printing the client secret.
func (s Settings) GoString() string { return "oauthflow." + s.String() }

// Format prints String for every verb.
func (s Settings) Format(f fmt.State, verb rune) { formatRedacted(f, verb, s.String(), s.GoString()) }

// LogValue keeps slog from printing the client secret.
func (s Settings) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON gives the settings with the client secret hidden.
func (s Settings) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ClientID     string   `json:"client_id"`
		ClientSecret string   `json:"client_secret"`
		RedirectURL  string   `json:"redirect_url"`
		Scopes       []string `json:"scopes"`
		PKCE         bool     `json:"pkce"`
	}{s.ClientID, redacted(s.ClientSecret), s.RedirectURL, s.Scopes, s.PKCE})
}

// A Flow keeps the settings (client secret included), the state and the
// PKCE verifier in unexported fields, which fmt prints without asking
// their own Format: it says what it is and nothing of them.

// String names the flow by its mode and redirect URL.
func (f *Flow) String() string {
	if f == nil {
		return "oauthflow.Flow(nil)"
	}
	return "oauthflow.Flow{mode: " + f.checked.Mode().String() + ", redirect_url: " + f.settings.RedirectURL + "}"
}

// GoString keeps %#v from printing the secrets.
func (f *Flow) GoString() string { return f.String() }

// Format prints String for every verb.
func (f *Flow) Format(s fmt.State, verb rune) { formatRedacted(s, verb, f.String(), f.GoString()) }

// LogValue keeps slog from printing the secrets.
func (f *Flow) LogValue() slog.Value { return slog.StringValue(f.String()) }
