package fakelinkedin

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

// restAnswer is a /rest answer: LinkedIn's error fields or a list.
type restAnswer struct {
	Status           int              `json:"status"`
	ServiceErrorCode int              `json:"serviceErrorCode"`
	Code             string           `json:"code"`
	Message          string           `json:"message"`
	Paging           *map[string]any  `json:"paging"`
	Elements         []map[string]any `json:"elements"`
	LocalizedName    string           `json:"localizedName"`
}

func get(t *testing.T, s *Server, token, path string, headers map[string]string) (int, restAnswer) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var a restAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatalf("%s: not JSON: %q", path, body)
	}
	return resp.StatusCode, a
}

// TestRestKeepsLinkedInsRules: headers, versions, the token, permissions
// and roles, paging, each as LinkedIn answers it.
func TestRestKeepsLinkedInsRules(t *testing.T) {
	all := []string{"openid", "profile", "r_organization_admin", "r_ads", "r_marketing_leadgen_automation", "rw_conversions", "r_events"}
	s := Start(App{ClientID: "app", ClientSecret: "secret", Scopes: all})
	defer s.Close()
	s.SetClock(func() time.Time { return time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) })
	s.SetPages(OrgPage{ID: 101, Name: "Acme", Role: "ADMINISTRATOR", Events: 2}, OrgPage{ID: 102, Name: "Beta", Role: "ANALYST"})
	s.SetAdAccounts(AdAccount{ID: 501, Name: "Acme ads", Role: "ACCOUNT_MANAGER", LeadForms: 3, Conversions: 1}, AdAccount{ID: 502, Name: "Viewer ads", Role: "VIEWER"})
	full := s.Issue("app", all)
	openidOnly := s.Issue("app", []string{"openid", "profile"})
	revoked := s.Issue("app", all)
	s.Revoke(revoked)
	ok := map[string]string{"LinkedIn-Version": "202609", "X-Restli-Protocol-Version": "2.0.0"}
	with := func(k, v string) map[string]string {
		h := map[string]string{}
		for a, b := range ok {
			h[a] = b
		}
		if v == "" {
			delete(h, k)
		} else {
			h[k] = v
		}
		return h
	}
	tests := []struct {
		name     string
		token    string
		path     string
		headers  map[string]string
		status   int
		code     string
		service  int
		message  string
		elements int
	}{
		{"pages", full, "/rest/organizationAcls?q=roleAssignee", ok, 200, "", 0, "", 2},
		{"admin pages", full, "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED", ok, 200, "", 0, "", 1},
		{"paging", full, "/rest/organizationAcls?q=roleAssignee&start=1&count=1", ok, 200, "", 0, "", 1},
		{"past the end", full, "/rest/organizationAcls?q=roleAssignee&start=5", ok, 200, "", 0, "", 0},
		{"bad count", full, "/rest/organizationAcls?q=roleAssignee&count=x", ok, 400, "ILLEGAL_ARGUMENT", 0, "", 0},
		{"no version", full, "/rest/organizationAcls?q=roleAssignee", with("LinkedIn-Version", ""), 400, "VERSION_MISSING", 0, "", 0},
		{"no restli", full, "/rest/organizationAcls?q=roleAssignee", with("X-Restli-Protocol-Version", ""), 400, "ILLEGAL_ARGUMENT", 0, "", 0},
		{"retired version", full, "/rest/organizationAcls?q=roleAssignee", with("LinkedIn-Version", "202405"), 426, "NONEXISTENT_VERSION", 0, "Requested version 20240501 is not active", 0},
		{"future version", full, "/rest/organizationAcls?q=roleAssignee", with("LinkedIn-Version", "202701"), 426, "NONEXISTENT_VERSION", 0, "", 0},
		{"no permission", openidOnly, "/rest/organizationAcls?q=roleAssignee", ok, 403, "ACCESS_DENIED", 100, "Not enough permissions to access: organizationAcls.FINDER-roleAssignee.20260901", 0},
		{"revoked", revoked, "/rest/organizationAcls?q=roleAssignee", ok, 401, "REVOKED_ACCESS_TOKEN", 65601, "", 0},
		{"revoked userinfo", revoked, "/v2/userinfo", nil, 401, "REVOKED_ACCESS_TOKEN", 65601, "", 0},
		{"bad token", "nope", "/rest/adAccounts?q=search", ok, 401, "INVALID_ACCESS_TOKEN", 65600, "", 0},
		{"page name", full, "/rest/organizations/101", ok, 200, "", 0, "", 0},
		{"ad roles", full, "/rest/adAccountUsers?q=authenticatedUser", ok, 200, "", 0, "", 2},
		{"ad accounts", full, "/rest/adAccounts?q=search", ok, 200, "", 0, "", 2},
		{"ads denied", openidOnly, "/rest/adAccounts?q=search", ok, 403, "ACCESS_DENIED", 100, "Not enough permissions to access: adAccounts.FINDER-search.20260901", 0},
		{"lead forms", full, "/rest/leadForms?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A501)&count=1", ok, 200, "", 0, "", 1},
		{"lead forms, viewer", full, "/rest/leadForms?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A502)", ok, 200, "", 0, "", 0},
		{"conversions", full, "/rest/conversions?q=account&account=urn%3Ali%3AsponsoredAccount%3A501", ok, 200, "", 0, "", 1},
		{"conversions, viewer", full, "/rest/conversions?q=account&account=urn%3Ali%3AsponsoredAccount%3A502", ok, 403, "ACCESS_DENIED", 100, "Not enough permissions to access: conversions.FINDER-account.20260901", 0},
		{"events, admin", full, "/rest/events?q=eventsByOrganizer&organizer=urn%3Ali%3Aorganization%3A101&count=1", ok, 200, "", 0, "", 1},
		{"events, analyst", full, "/rest/events?q=eventsByOrganizer&organizer=urn%3Ali%3Aorganization%3A102", ok, 403, "ACCESS_DENIED", 100, "Not enough permissions to access: events.FINDER-eventsByOrganizer.20260901", 0},
		{"unknown finder", full, "/rest/adAccounts?q=nope", ok, 400, "ILLEGAL_ARGUMENT", 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, a := get(t, s, tt.token, tt.path, tt.headers)
			if status != tt.status || a.Code != tt.code || a.ServiceErrorCode != tt.service {
				t.Fatalf("%s = %d %+v, want %d %s %d", tt.path, status, a, tt.status, tt.code, tt.service)
			}
			if status >= 400 && a.Status != status {
				t.Errorf("the body's status %d, the answer's %d", a.Status, status)
			}
			if tt.message != "" && a.Message != tt.message {
				t.Errorf("message %q, want %q", a.Message, tt.message)
			}
			if status == 200 && tt.path != "/rest/organizations/101" {
				if a.Paging == nil || a.Elements == nil {
					t.Fatalf("a list without paging or elements: %+v", a)
				}
				if len(a.Elements) != tt.elements {
					t.Errorf("%d elements, want %d", len(a.Elements), tt.elements)
				}
			}
		})
	}
	if _, a := get(t, s, full, "/rest/organizations/101", ok); a.LocalizedName != "Acme" {
		t.Errorf("the Page's name: %+v", a)
	}
	// A product removed from the app stops the reads it allowed, for a
	// token issued before.
	s.mu.Lock()
	app := s.apps["app"]
	app.Scopes = []string{"openid", "profile"}
	s.apps["app"] = app
	s.mu.Unlock()
	if status, a := get(t, s, full, "/rest/adAccounts?q=search", ok); status != 403 || a.ServiceErrorCode != 100 {
		t.Errorf("a product the app no longer has: %d %+v", status, a)
	}
	// The versions served can be set.
	s.ServeVersions("202601")
	if status, _ := get(t, s, full, "/rest/organizationAcls?q=roleAssignee", ok); status != 426 {
		t.Errorf("202609 when only 202601 is served: %d", status)
	}
}

// TestRevokedTokenInspector: the Token Inspector says a revoked token is
// not active.
func TestRevokedTokenInspector(t *testing.T) {
	s := Start(App{ClientID: "app", ClientSecret: "secret", Scopes: []string{"openid"}})
	defer s.Close()
	tok := s.Issue("app", []string{"openid"})
	s.Revoke(tok)
	resp, err := http.PostForm(s.URL+"/oauth/v2/introspectToken", map[string][]string{"client_id": {"app"}, "client_secret": {"secret"}, "token": {tok}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Active bool   `json:"active"`
		Status string `json:"status"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&got)
	if got.Active || got.Status != "revoked" {
		t.Errorf("introspection of a revoked token: %+v", got)
	}
}
