package fakelinkedin

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The fake's Posts API keeps LinkedIn's rules: who may be the author, the
// version headers, the body's shape; and records only what it accepted.
func TestCreatePost(t *testing.T) {
	s := Start()
	defer s.Close()
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	s.SetPages(OrgPage{ID: 2414183, Name: "Acme", Role: "ADMINISTRATOR"}, OrgPage{ID: 1337, Name: "Analysed", Role: "ANALYST"})
	member := s.Issue("app", []string{"openid", "profile", "w_member_social"})
	pageAdmin := s.Issue("app", []string{"w_member_social", "w_organization_social", "rw_organization_admin"})
	signInOnly := s.Issue("app", []string{"openid", "profile"})

	body := func(author string) string {
		return `{"author":"` + author + `","commentary":"Hello","visibility":"PUBLIC",` +
			`"distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},"lifecycleState":"PUBLISHED"}`
	}
	me := "urn:li:person:" + DefaultMember.Sub
	page := "urn:li:organization:2414183"
	good := map[string]string{"LinkedIn-Version": "202609", "X-Restli-Protocol-Version": "2.0.0", "Content-Type": "application/json"}
	without := func(name string) map[string]string {
		h := map[string]string{}
		for k, v := range good {
			if k != name {
				h[k] = v
			}
		}
		return h
	}
	with := func(name, value string) map[string]string {
		h := without(name)
		h[name] = value
		return h
	}
	tests := []struct {
		name     string
		token    string
		headers  map[string]string
		body     string
		status   int
		code     string // LinkedIn's code in the error body
		recorded bool
	}{
		{"as the member", member, good, body(me), http.StatusCreated, "", true},
		{"as a Page the member administers", pageAdmin, good, body(page), http.StatusCreated, "", true},
		{"as another member", member, good, body("urn:li:person:someoneElse"), http.StatusForbidden, "ACCESS_DENIED", false},
		{"without Share on LinkedIn", signInOnly, good, body(me), http.StatusForbidden, "ACCESS_DENIED", false},
		{"as a Page without w_organization_social", member, good, body(page), http.StatusForbidden, "ACCESS_DENIED", false},
		{"as a Page the member does not administer", pageAdmin, good, body("urn:li:organization:1"), http.StatusForbidden, "ACCESS_DENIED", false},
		{"as a Page the member only analyses", pageAdmin, good, body("urn:li:organization:1337"), http.StatusForbidden, "ACCESS_DENIED", false},
		{"no token", "", good, body(me), http.StatusUnauthorized, "INVALID_ACCESS_TOKEN", false},
		{"no LinkedIn-Version", member, without("LinkedIn-Version"), body(me), http.StatusBadRequest, "VERSION_MISSING", false},
		{"a retired LinkedIn-Version", member, with("LinkedIn-Version", "202401"), body(me), http.StatusUpgradeRequired, "NONEXISTENT_VERSION", false},
		{"a LinkedIn-Version from the future", member, with("LinkedIn-Version", "202701"), body(me), http.StatusUpgradeRequired, "NONEXISTENT_VERSION", false},
		{"not a version", member, with("LinkedIn-Version", "2026-09"), body(me), http.StatusUpgradeRequired, "NONEXISTENT_VERSION", false},
		{"no X-Restli-Protocol-Version", member, without("X-Restli-Protocol-Version"), body(me), http.StatusBadRequest, "ILLEGAL_ARGUMENT", false},
		{"not JSON", member, with("Content-Type", "application/x-www-form-urlencoded"), body(me), http.StatusBadRequest, "ILLEGAL_ARGUMENT", false},
		{"no author", member, good, strings.Replace(body(me), `"author":"`+me+`",`, "", 1), http.StatusUnprocessableEntity, "", false},
		{"no commentary", member, good, strings.Replace(body(me), `"commentary":"Hello",`, "", 1), http.StatusUnprocessableEntity, "", false},
		{"a visibility LinkedIn does not know", member, good, strings.Replace(body(me), "PUBLIC", "EVERYONE", 1), http.StatusUnprocessableEntity, "", false},
		{"no distribution", member, good, `{"author":"` + me + `","commentary":"Hello","visibility":"PUBLIC","lifecycleState":"PUBLISHED"}`, http.StatusUnprocessableEntity, "", false},
		{"a feed LinkedIn does not know", member, good, strings.Replace(body(me), "MAIN_FEED", "TIMELINE", 1), http.StatusUnprocessableEntity, "", false},
		{"no lifecycleState", member, good, strings.Replace(body(me), `,"lifecycleState":"PUBLISHED"`, "", 1), http.StatusUnprocessableEntity, "", false},
		{"broken JSON", member, good, `{"author":`, http.StatusBadRequest, "ILLEGAL_ARGUMENT", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.Posts())
			req, _ := http.NewRequest(http.MethodPost, s.APIURL()+"/rest/posts", strings.NewReader(tt.body))
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct {
				Status           int    `json:"status"`
				ServiceErrorCode int    `json:"serviceErrorCode"`
				Code             string `json:"code"`
			}
			_ = json.NewDecoder(resp.Body).Decode(&e)
			if resp.StatusCode != tt.status || e.Code != tt.code {
				t.Fatalf("status %d code %q; want %d %q", resp.StatusCode, e.Code, tt.status, tt.code)
			}
			if tt.status == http.StatusForbidden && e.ServiceErrorCode != 100 {
				t.Errorf("serviceErrorCode %d; want 100", e.ServiceErrorCode)
			}
			posts := s.Posts()
			if got := len(posts) - before; got != map[bool]int{true: 1, false: 0}[tt.recorded] {
				t.Fatalf("%d posts recorded", got)
			}
			if tt.recorded {
				p := posts[len(posts)-1]
				if id := resp.Header.Get("x-restli-id"); id == "" || id != p.ID || p.Commentary != "Hello" || p.Version != "202609" ||
					p.Visibility != "PUBLIC" || p.FeedDistribution != "MAIN_FEED" || p.LifecycleState != "PUBLISHED" {
					t.Errorf("x-restli-id %q, recorded %+v", id, p)
				}
			}
		})
	}
}
