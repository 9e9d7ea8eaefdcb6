package oauthflow

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func validSettings() Settings {
	return Settings{ClientID: "78abcdefgh1234", ClientSecret: "WPL_AP1.secret.abc==", RedirectURL: DefaultRedirectURL, Scopes: DefaultScopes}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Settings)
		field  Field  // "" means valid
		says   Reason // why
	}{
		{"defaults are valid", func(*Settings) {}, "", ""},
		{"spaces around values are trimmed", func(s *Settings) {
			s.ClientID = "  78abcdefgh1234\n"
			s.ClientSecret = "\tWPL_AP1.secret.abc== "
			s.RedirectURL = " http://localhost:8765/callback "
		}, "", ""},
		{"empty client ID", func(s *Settings) { s.ClientID = "  " }, FieldClientID, ReasonClientIDEmpty},
		{"client ID with a space inside", func(s *Settings) { s.ClientID = "78abc defgh" }, FieldClientID, ReasonClientIDSpace},
		{"client ID pasted as a URL", func(s *Settings) { s.ClientID = "https://www.linkedin.com/developers/apps" }, FieldClientID, ReasonClientIDAddress},
		{"empty secret", func(s *Settings) { s.ClientSecret = "" }, FieldClientSecret, ReasonClientSecretEmpty},
		{"empty secret is fine with PKCE", func(s *Settings) {
			s.ClientSecret, s.PKCE, s.RedirectURL = "", true, "http://127.0.0.1:8765/callback"
		}, "", ""},
		{"secret with a space", func(s *Settings) { s.ClientSecret = "abc def" }, FieldClientSecret, ReasonClientSecretSpace},
		{"empty redirect", func(s *Settings) { s.RedirectURL = "" }, FieldRedirectURL, ReasonRedirectEmpty},
		{"relative redirect", func(s *Settings) { s.RedirectURL = "/callback" }, FieldRedirectURL, ReasonRedirectNotFull},
		{"redirect without scheme", func(s *Settings) { s.RedirectURL = "localhost:8765/callback" }, FieldRedirectURL, ReasonRedirectNotFull},
		{"ftp redirect", func(s *Settings) { s.RedirectURL = "ftp://localhost/callback" }, FieldRedirectURL, ReasonRedirectScheme},
		{"fragment", func(s *Settings) { s.RedirectURL = "http://localhost:8765/callback#top" }, FieldRedirectURL, ReasonRedirectFragment},
		{"empty fragment", func(s *Settings) { s.RedirectURL = "http://localhost:8765/callback#" }, FieldRedirectURL, ReasonRedirectFragment},
		{"http on a website", func(s *Settings) { s.RedirectURL = "http://example.com/callback" }, FieldRedirectURL, ReasonRedirectRemoteHTTP},
		{"https on localhost", func(s *Settings) { s.RedirectURL = "https://localhost:8765/callback" }, FieldRedirectURL, ReasonRedirectLocalHTTPS},
		{"https on 127.0.0.1", func(s *Settings) { s.RedirectURL = "https://127.0.0.1:9000/cb" }, FieldRedirectURL, ReasonRedirectLocalHTTPS},
		{"port out of range", func(s *Settings) { s.RedirectURL = "http://localhost:70000/callback" }, FieldRedirectURL, ReasonRedirectPort},
		{"user info", func(s *Settings) { s.RedirectURL = "http://bob:pw@localhost:8765/callback" }, FieldRedirectURL, ReasonRedirectUser},
		{"https website is fine", func(s *Settings) { s.RedirectURL = "https://example.com/linkedin/callback" }, "", ""},
		{"IPv6 loopback is fine", func(s *Settings) { s.RedirectURL = "http://[::1]:8765/callback" }, "", ""},
		{"PKCE wants a loopback IP", func(s *Settings) { s.PKCE = true }, FieldRedirectURL, ReasonRedirectPKCE},
		{"no scopes", func(s *Settings) { s.Scopes = nil }, FieldScopes, ReasonScopesNone},
		{"retired r_liteprofile", func(s *Settings) { s.Scopes = []string{"r_liteprofile", "w_member_social"} }, FieldScopes, ReasonScopeRetired},
		{"retired r_emailaddress", func(s *Settings) { s.Scopes = []string{"r_emailaddress"} }, FieldScopes, ReasonScopeRetired},
		{"nonsense scope", func(s *Settings) { s.Scopes = []string{"openid", "read/all"} }, FieldScopes, ReasonScopeInvalid},
		{"scopes written with commas", func(s *Settings) { s.Scopes = []string{"openid,profile", "email"} }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSettings()
			tt.change(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidSettings) {
				t.Fatalf("Validate() = %v, want an invalid-settings error", err)
			}
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("no *ValidationError in %v", err)
			}
			p, ok := v.For(tt.field)
			if !ok {
				t.Fatalf("no problem for %s in %+v", tt.field, v.Problems)
			}
			if p.Reason != tt.says {
				t.Errorf("problem %+v, want reason %s", p, tt.says)
			}
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	err := Settings{}.Validate()
	var v *ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("Validate() = %v", err)
	}
	for _, f := range []Field{FieldClientID, FieldClientSecret, FieldRedirectURL, FieldScopes} {
		if _, ok := v.For(f); !ok {
			t.Errorf("no problem reported for %s", f)
		}
	}
}

func TestRetiredScopeSuggestsReplacement(t *testing.T) {
	s := validSettings()
	s.Scopes = []string{"r_liteprofile"}
	e := AsError(s.Validate())
	if e.Reason != ReasonScopeRetired || e.Scope != "r_liteprofile" || !strings.Contains(e.Example, "openid") || !strings.Contains(e.Example, "profile") {
		t.Errorf("error %+v does not name the replacement", e)
	}
}

func TestParseScopes(t *testing.T) {
	got := ParseScopes(" openid,profile  email\nopenid;w_member_social ")
	want := []string{"openid", "profile", "email", "w_member_social"}
	if !slices.Equal(got, want) {
		t.Errorf("ParseScopes = %q, want %q", got, want)
	}
}

// TestCheckedMode: the redirect URL, parsed once by Check, says how the
// code comes back.
func TestCheckedMode(t *testing.T) {
	tests := map[string]Mode{
		"http://localhost:8765/callback":  Loopback,
		"http://LOCALHOST:8765/callback":  Loopback,
		"http://127.0.0.1:8765/callback":  Loopback,
		"http://127.0.0.2:8765/callback":  Loopback,
		"http://[::1]:8765/callback":      Loopback,
		" http://localhost:8765/callback": Loopback,
		"https://example.com/callback":    Paste,
	}
	for in, want := range tests {
		s := validSettings()
		s.RedirectURL = in
		c, err := s.Check()
		if err != nil || c.Mode() != want {
			t.Errorf("Check(%q).Mode() = %v, %v; want %v", in, c.Mode(), err, want)
		}
	}
}

// TestCheck: the settings a flow takes are cleaned and checked once, and
// say how the code comes back.
func TestCheck(t *testing.T) {
	s := validSettings()
	s.ClientID, s.RedirectURL = "  "+s.ClientID+"\n", " http://127.0.0.1:8765/callback "
	c, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Settings(); got.ClientID != strings.TrimSpace(s.ClientID) || got.RedirectURL != "http://127.0.0.1:8765/callback" || c.Mode() != Loopback {
		t.Errorf("Check = %+v, mode %v", got, c.Mode())
	}
	s.RedirectURL = "https://example.com/cb"
	if c, err := s.Check(); err != nil || c.Mode() != Paste {
		t.Errorf("a website redirect: mode %v, %v", c.Mode(), err)
	}
	s.RedirectURL = "ftp://x"
	if _, err := s.Check(); !errors.Is(err, ErrInvalidSettings) {
		t.Errorf("Check of bad settings = %v", err)
	}
}

func TestSameScopes(t *testing.T) {
	tests := []struct {
		a, b []string
		same bool
	}{
		{[]string{"openid", "profile"}, []string{"profile", "openid"}, true},
		{[]string{"openid"}, []string{"openid", "email"}, false},
		{[]string{"openid", "email"}, []string{"openid"}, false},
		{nil, nil, true},
	}
	for _, tt := range tests {
		if got := SameScopes(tt.a, tt.b); got != tt.same {
			t.Errorf("SameScopes(%v, %v) = %v", tt.a, tt.b, got)
		}
	}
}
