package linkedin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/tokendesk/tokendesk/linkedin"
)

// TestNewestServedVersionIgnoresAnswersThatSayNothing: a version is served
// only when LinkedIn read the request with it. A busy or failing LinkedIn
// (429, 5xx) says nothing about the version, so the probe must not offer it.
func TestNewestServedVersionIgnoresAnswersThatSayNothing(t *testing.T) {
	newest := linkedin.DefaultAPIVersion(checkNow) // probed first
	older, _ := time.Parse("200601", newest)
	second := older.AddDate(0, -1, 0).Format("200601")
	tests := []struct {
		name        string
		newestAns   int // what the newest version gets
		secondAns   int // what the month before gets
		want        string
		wantOffered bool
	}{
		{"newest down, the one before served", http.StatusServiceUnavailable, http.StatusOK, second, true},
		{"newest throttled, the one before served", http.StatusTooManyRequests, http.StatusOK, second, true},
		{"newest refuses the permission: still served", http.StatusForbidden, http.StatusOK, newest, true},
		{"newest retired, the one before not found: served", http.StatusUpgradeRequired, http.StatusNotFound, second, true},
		{"nothing served", http.StatusBadGateway, http.StatusInternalServerError, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.Header.Get("LinkedIn-Version") {
				case newest:
					w.WriteHeader(tt.newestAns)
				case second:
					w.WriteHeader(tt.secondAns)
				default:
					w.WriteHeader(http.StatusUpgradeRequired)
				}
				_, _ = w.Write([]byte(`{}`))
			}))
			defer srv.Close()
			c := linkedin.NewClient(linkedin.Endpoints{OAuthURL: srv.URL, APIURL: srv.URL})
			got, ok := c.NewestServedVersion(context.Background(), "t", "/rest/adAccounts?q=search", checkNow, 5*time.Second)
			if got != tt.want || ok != tt.wantOffered {
				t.Errorf("NewestServedVersion = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOffered)
			}
		})
	}
}

// TestNamesReachATerminalAsOneLine: a Page's or ad account's name is printed
// by tokendesk check as LinkedIn sent it; a name carrying a terminal's
// escape sequence or a line break must arrive as one plain line.
func TestNamesReachATerminalAsOneLine(t *testing.T) {
	fake, client := checkWorld(t, everything)
	page, account := adminPage, manager
	page.Name = "Acme\x1b[2J\r\nfake prompt $"
	account.Name = "Ads\x1b]0;title\x07"
	fake.SetPages(page)
	fake.SetAdAccounts(account)
	token := fake.Issue(app.ClientID, everything)
	a := client.WhatWorks(context.Background(), linkedin.CheckRequest{Token: token, Scopes: everything, Now: checkNow})
	if len(a.Pages) != 1 || len(a.AdAccounts) != 1 {
		t.Fatalf("pages %+v, ad accounts %+v", a.Pages, a.AdAccounts)
	}
	for _, name := range []string{a.Pages[0].Name, a.AdAccounts[0].Name} {
		if strings.ContainsFunc(name, unicode.IsControl) {
			t.Errorf("name %q keeps a control character", name)
		}
	}
	if a.Pages[0].Name != "Acme [2J fake prompt $" {
		t.Errorf("page name %q: the words around the control characters should stay", a.Pages[0].Name)
	}
}
