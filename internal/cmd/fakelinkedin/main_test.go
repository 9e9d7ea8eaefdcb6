package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
)

// TestRevokeAll: POST /_fake/revoke-all makes the fake refuse every token
// it issued, with LinkedIn's 401 REVOKED_ACCESS_TOKEN; anything else goes
// on to the fake.
func TestRevokeAll(t *testing.T) {
	s := fakelinkedin.Start(fakelinkedin.App{ClientID: "app", ClientSecret: "s", Scopes: []string{"openid", "profile"}})
	defer s.Close()
	token := s.Issue("app", []string{"openid", "profile"})
	h := testEndpoints(s, s.Config.Handler)
	userinfo := func() int {
		req := httptest.NewRequest(http.MethodGet, "/v2/userinfo", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := userinfo(); code != http.StatusOK {
		t.Fatalf("userinfo before = %d", code)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/_fake/revoke-all", nil))
	if rec.Code != http.StatusNoContent {
		t.Fatalf("revoke-all = %d", rec.Code)
	}
	if code := userinfo(); code != http.StatusUnauthorized {
		t.Errorf("userinfo after revoke-all = %d, want 401", code)
	}
}
