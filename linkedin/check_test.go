package linkedin_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
)

// checkNow is the tests' clock: DefaultAPIVersion is 202609, and the fake
// serves 202512 to 202612.
var checkNow = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// everything is every permission the checked products' reads need.
var everything = []string{"openid", "profile", "email", "w_member_social", "r_organization_admin", "rw_organization_admin",
	"r_ads", "rw_ads", "r_marketing_leadgen_automation", "rw_conversions", "r_events"}

var (
	adminPage   = fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Marketing", Role: "ADMINISTRATOR", Events: 1}
	analystPage = fakelinkedin.OrgPage{ID: 777, Name: "Beta Corp", Role: "ANALYST"}
	manager     = fakelinkedin.AdAccount{ID: 512345678, Name: "Acme Ads", Role: "ACCOUNT_MANAGER", LeadForms: 2, Conversions: 1}
	viewer      = fakelinkedin.AdAccount{ID: 598765432, Name: "Agency Ads", Role: "VIEWER"}
)

// checkWorld is a fake LinkedIn whose app has products granting appScopes.
func checkWorld(t *testing.T, appScopes []string) (*fakelinkedin.Server, *linkedin.Client) {
	t.Helper()
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: app.ClientID, ClientSecret: app.ClientSecret, Scopes: appScopes})
	t.Cleanup(fake.Close)
	fake.SetClock(func() time.Time { return checkNow })
	return fake, linkedin.NewClient(linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()})
}

type want struct {
	outcome linkedin.Outcome
	denial  linkedin.Denial
	trouble linkedin.Trouble
	target  linkedin.Target
}

func TestWhatWorks(t *testing.T) {
	works := want{outcome: linkedin.OutcomeWorks}
	notAsked := want{outcome: linkedin.OutcomeNotAsked}
	rejected := want{outcome: linkedin.OutcomeDenied, denial: linkedin.DeniedTokenRejected}
	noProduct := want{outcome: linkedin.OutcomeDenied, denial: linkedin.DeniedNoProduct}
	tests := []struct {
		name      string
		appScopes []string // the app's products
		scopes    []string // the token's permissions (nil: not known to the check)
		pages     []fakelinkedin.OrgPage
		accounts  []fakelinkedin.AdAccount
		version   string
		setup     func(fake *fakelinkedin.Server, token string)
		want      map[string]want
		check     func(t *testing.T, a linkedin.Abilities)
	}{
		{name: "every product", appScopes: everything, scopes: everything,
			pages: []fakelinkedin.OrgPage{adminPage, analystPage}, accounts: []fakelinkedin.AdAccount{viewer, manager},
			want: map[string]want{linkedin.ProductOpenID: works, linkedin.ProductShare: works, linkedin.ProductCommunityManagement: works,
				linkedin.ProductAdvertising: works, linkedin.ProductLeadSync: works, linkedin.ProductConversions: works, linkedin.ProductEvents: works},
			check: func(t *testing.T, a linkedin.Abilities) {
				if a.MemberURN != "urn:li:person:782bbtaQ" || a.MemberName != "Ada Lovelace" || a.Rejected || a.Version != "202609" || a.RetiredVersion != "" {
					t.Errorf("member, version: %+v", a)
				}
				wantPages := []linkedin.PageRole{
					{Name: "Acme Marketing", ID: "2414183", URN: "urn:li:organization:2414183", Role: "ADMINISTRATOR"},
					{Name: "Beta Corp", ID: "777", URN: "urn:li:organization:777", Role: "ANALYST"}}
				if !slices.Equal(a.Pages, wantPages) {
					t.Errorf("Pages = %+v", a.Pages)
				}
				wantAccounts := []linkedin.AdAccountRole{
					{Name: "Agency Ads", ID: "598765432", URN: "urn:li:sponsoredAccount:598765432", Role: "VIEWER"},
					{Name: "Acme Ads", ID: "512345678", URN: "urn:li:sponsoredAccount:512345678", Role: "ACCOUNT_MANAGER"}}
				if !slices.Equal(a.AdAccounts, wantAccounts) {
					t.Errorf("AdAccounts = %+v", a.AdAccounts)
				}
				if p, _ := a.Product(linkedin.ProductConversions); p.On != "urn:li:sponsoredAccount:512345678" {
					t.Errorf("Conversions was read on %q, not the account where the role is highest", p.On)
				}
				if p, _ := a.Product(linkedin.ProductEvents); p.On != "urn:li:organization:2414183" {
					t.Errorf("Events was read on %q, not the Page administered", p.On)
				}
			}},
		{name: "sign-in only", appScopes: everything, scopes: []string{"openid", "profile", "email"},
			want: map[string]want{linkedin.ProductOpenID: works, linkedin.ProductShare: notAsked, linkedin.ProductCommunityManagement: notAsked,
				linkedin.ProductAdvertising: notAsked, linkedin.ProductLeadSync: notAsked, linkedin.ProductConversions: notAsked, linkedin.ProductEvents: notAsked},
			check: func(t *testing.T, a linkedin.Abilities) {
				if a.Pages != nil || a.AdAccounts != nil {
					t.Errorf("Pages or ad accounts from reads not made: %+v", a)
				}
			}},
		{name: "the app lacks Community Management", appScopes: []string{"openid", "profile", "r_events"}, scopes: []string{"openid", "profile", "rw_organization_admin"},
			pages: []fakelinkedin.OrgPage{adminPage},
			want:  map[string]want{linkedin.ProductOpenID: works, linkedin.ProductCommunityManagement: noProduct, linkedin.ProductEvents: notAsked},
			check: func(t *testing.T, a linkedin.Abilities) {
				p, _ := a.Product(linkedin.ProductCommunityManagement)
				if p.Status != 403 || p.ServiceErrorCode != 100 || p.Code != "ACCESS_DENIED" ||
					p.Message != "Not enough permissions to access: organizationAcls.FINDER-roleAssignee.20260901" ||
					p.Call != "GET /rest/organizationAcls?q=roleAssignee&state=APPROVED" {
					t.Errorf("LinkedIn's refusal: %+v", p)
				}
			}},
		{name: "not an administrator of the Page", appScopes: everything, scopes: []string{"r_organization_admin", "r_events"},
			pages: []fakelinkedin.OrgPage{analystPage},
			want: map[string]want{linkedin.ProductOpenID: notAsked, linkedin.ProductCommunityManagement: works,
				linkedin.ProductEvents: {outcome: linkedin.OutcomeDenied, denial: linkedin.DeniedNotPageAdmin}},
			check: func(t *testing.T, a linkedin.Abilities) {
				if a.MemberURN != "urn:li:person:782bbtaQ" {
					t.Errorf("the member's URN from organizationAcls: %q", a.MemberURN)
				}
			}},
		{name: "viewer only", appScopes: everything, scopes: []string{"r_ads", "r_marketing_leadgen_automation", "rw_conversions"},
			accounts: []fakelinkedin.AdAccount{viewer},
			want: map[string]want{linkedin.ProductAdvertising: works, linkedin.ProductLeadSync: works,
				linkedin.ProductConversions: {outcome: linkedin.OutcomeDenied, denial: linkedin.DeniedViewerOnly}}},
		{name: "no Page, no ad account", appScopes: everything, scopes: everything,
			want: map[string]want{linkedin.ProductCommunityManagement: works, linkedin.ProductAdvertising: works,
				linkedin.ProductEvents:      {outcome: linkedin.OutcomeNoTarget, target: linkedin.TargetPage},
				linkedin.ProductLeadSync:    {outcome: linkedin.OutcomeNoTarget, target: linkedin.TargetAdAccount},
				linkedin.ProductConversions: {outcome: linkedin.OutcomeNoTarget, target: linkedin.TargetAdAccount}},
			check: func(t *testing.T, a linkedin.Abilities) {
				if a.Pages == nil || len(a.Pages) != 0 || a.AdAccounts == nil || len(a.AdAccounts) != 0 {
					t.Errorf("an empty list is known and empty: %+v %+v", a.Pages, a.AdAccounts)
				}
			}},
		{name: "revoked", appScopes: everything, scopes: everything, pages: []fakelinkedin.OrgPage{adminPage}, accounts: []fakelinkedin.AdAccount{manager},
			setup: func(fake *fakelinkedin.Server, token string) { fake.Revoke(token) },
			want: map[string]want{linkedin.ProductOpenID: rejected, linkedin.ProductShare: rejected, linkedin.ProductCommunityManagement: rejected,
				linkedin.ProductAdvertising: rejected, linkedin.ProductEvents: rejected, linkedin.ProductLeadSync: rejected},
			check: func(t *testing.T, a linkedin.Abilities) {
				p, _ := a.Product(linkedin.ProductCommunityManagement)
				if !a.Rejected || p.Code != "REVOKED_ACCESS_TOKEN" || p.ServiceErrorCode != 65601 {
					t.Errorf("a revoked token: %+v %+v", a, p)
				}
			}},
		{name: "retired version", appScopes: everything, scopes: everything, pages: []fakelinkedin.OrgPage{adminPage}, version: "202405",
			want: map[string]want{linkedin.ProductCommunityManagement: works, linkedin.ProductEvents: works},
			check: func(t *testing.T, a linkedin.Abilities) {
				if a.RetiredVersion != "202405" || !a.ServedFound || a.Version != "202609" {
					t.Errorf("versions: asked %q, used %q, found %v", a.RetiredVersion, a.Version, a.ServedFound)
				}
			}},
		{name: "retired version, the served one older than the default", appScopes: everything, scopes: []string{"r_organization_admin"}, version: "202405",
			setup: func(fake *fakelinkedin.Server, _ string) { fake.ServeVersions("202603", "202511") },
			want:  map[string]want{linkedin.ProductCommunityManagement: works},
			check: func(t *testing.T, a linkedin.Abilities) {
				if a.RetiredVersion != "202405" || !a.ServedFound || a.Version != "202603" {
					t.Errorf("versions: asked %q, used %q, found %v", a.RetiredVersion, a.Version, a.ServedFound)
				}
			}},
		{name: "no served version found", appScopes: everything, scopes: []string{"r_organization_admin"}, version: "202405",
			setup: func(fake *fakelinkedin.Server, _ string) { fake.ServeVersions("201901") },
			want:  map[string]want{linkedin.ProductCommunityManagement: {outcome: linkedin.OutcomeDenied, denial: linkedin.DeniedRetiredVersion}},
			check: func(t *testing.T, a linkedin.Abilities) {
				p, _ := a.Product(linkedin.ProductCommunityManagement)
				if a.RetiredVersion != "202405" || a.ServedFound || p.Code != "NONEXISTENT_VERSION" || p.Status != 426 {
					t.Errorf("versions: %+v %+v", a, p)
				}
			}},
		{name: "LinkedIn down", appScopes: everything, scopes: []string{"openid", "profile", "r_ads"},
			setup: func(fake *fakelinkedin.Server, _ string) {
				fake.FailAPI(http.StatusServiceUnavailable, "application/json", `{"status":503,"message":"down"}`)
			},
			want: map[string]want{linkedin.ProductOpenID: {outcome: linkedin.OutcomeCouldNotAsk, trouble: linkedin.TroubleLinkedInDown},
				linkedin.ProductAdvertising: {outcome: linkedin.OutcomeCouldNotAsk, trouble: linkedin.TroubleLinkedInDown},
				linkedin.ProductLeadSync:    notAsked}},
		{name: "permissions not known", appScopes: everything, scopes: nil, pages: []fakelinkedin.OrgPage{adminPage},
			want: map[string]want{linkedin.ProductOpenID: works, linkedin.ProductShare: {outcome: linkedin.OutcomeCouldNotAsk, trouble: linkedin.TroublePermissionsUnknown},
				linkedin.ProductCommunityManagement: works}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, client := checkWorld(t, tt.appScopes)
			fake.SetPages(tt.pages...)
			fake.SetAdAccounts(tt.accounts...)
			tokenScopes := tt.scopes
			if tokenScopes == nil {
				tokenScopes = everything
			}
			token := fake.Issue(app.ClientID, tokenScopes)
			if tt.setup != nil {
				tt.setup(fake, token)
			}
			a := client.WhatWorks(context.Background(), linkedin.CheckRequest{Token: token, Scopes: tt.scopes, Version: tt.version, Now: checkNow})
			if len(a.Products) != len(linkedin.CheckedProducts) {
				t.Fatalf("%d products answered, want %d", len(a.Products), len(linkedin.CheckedProducts))
			}
			for i, p := range a.Products {
				if p.Product != linkedin.CheckedProducts[i] {
					t.Errorf("product %d is %q, want %q", i, p.Product, linkedin.CheckedProducts[i])
				}
				w, ok := tt.want[p.Product]
				if !ok {
					continue
				}
				if p.Outcome != w.outcome || p.Denial != w.denial || p.Trouble != w.trouble || p.Target != w.target {
					t.Errorf("%s: %s %s %s %s (%d %s %q), want %+v", p.Product, p.Outcome, p.Denial, p.Trouble, p.Target, p.Status, p.Code, p.Message, w)
				}
			}
			if tt.check != nil {
				tt.check(t, a)
			}
			// Nothing is ever written, and every /rest read carries the headers.
			for _, c := range fake.RestCalls() {
				if c.Method != http.MethodGet || c.Restli != "2.0.0" || len(c.Version) != 6 {
					t.Errorf("a check sent %+v", c)
				}
			}
		})
	}
}

// TestWhatWorksCouldNotAsk: offline and too slow are said per product, and
// a slow LinkedIn does not make the check wait longer than a call's timeout.
func TestWhatWorksCouldNotAsk(t *testing.T) {
	fake, client := checkWorld(t, everything)
	token := fake.Issue(app.ClientID, everything)
	fake.SetAPIDelay(5 * time.Second)
	start := time.Now()
	a := client.WhatWorks(context.Background(), linkedin.CheckRequest{Token: token, Scopes: everything, Now: checkNow, Timeout: 200 * time.Millisecond})
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the check took %v with a 200ms timeout per call", took)
	}
	if p, _ := a.Product(linkedin.ProductOpenID); p.Outcome != linkedin.OutcomeCouldNotAsk || p.Trouble != linkedin.TroubleTimeout || p.Err == nil {
		t.Errorf("a slow LinkedIn: %+v", p)
	}
	if p, _ := a.Product(linkedin.ProductAdvertising); p.Outcome != linkedin.OutcomeCouldNotAsk || p.Trouble != linkedin.TroubleTimeout {
		t.Errorf("a slow LinkedIn: %+v", p)
	}
	fake.SetAPIDelay(0)

	fake.Close()
	a = client.WhatWorks(context.Background(), linkedin.CheckRequest{Token: token, Scopes: everything, Now: checkNow})
	// The reads on a Page or an ad account could not be asked either: they
	// are not "nothing to read on".
	for _, id := range []string{linkedin.ProductOpenID, linkedin.ProductCommunityManagement, linkedin.ProductAdvertising,
		linkedin.ProductEvents, linkedin.ProductLeadSync, linkedin.ProductConversions} {
		if p, _ := a.Product(id); p.Outcome != linkedin.OutcomeCouldNotAsk || p.Trouble != linkedin.TroubleOffline {
			t.Errorf("offline, %s: %+v", id, p)
		}
	}
}

// TestWhatWorksSideBySide: the reads run side by side: with each answer
// 150ms slow, nine reads take far less than nine times that.
func TestWhatWorksSideBySide(t *testing.T) {
	fake, client := checkWorld(t, everything)
	fake.SetPages(adminPage, analystPage)
	fake.SetAdAccounts(manager, viewer)
	token := fake.Issue(app.ClientID, everything)
	fake.SetAPIDelay(150 * time.Millisecond)
	start := time.Now()
	a := client.WhatWorks(context.Background(), linkedin.CheckRequest{Token: token, Scopes: everything, Now: checkNow})
	took := time.Since(start)
	for _, p := range a.Products {
		if p.Outcome != linkedin.OutcomeWorks {
			t.Errorf("%s: %+v", p.Product, p)
		}
	}
	if n := len(fake.RestCalls()); n < 8 {
		t.Errorf("only %d /rest reads", n)
	}
	if took > 900*time.Millisecond {
		t.Errorf("the check took %v: its reads do not run side by side", took)
	}
}

// CanPost says of each role what LinkedIn (the fake keeps its rule) does
// with a post as the Page: it is made exactly when CanPost says so.
func TestPageCanPostAsLinkedInAllows(t *testing.T) {
	scopes := []string{"openid", "profile", "rw_organization_admin", "w_organization_social"}
	for _, role := range []string{"ADMINISTRATOR", "CONTENT_ADMINISTRATOR", "ANALYST", "CURATOR", "DIRECT_SPONSORED_CONTENT_POSTER", "LEAD_GEN_FORMS_MANAGER", "RECRUITING_POSTER"} {
		t.Run(role, func(t *testing.T) {
			fake, client := checkWorld(t, scopes)
			fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Marketing", Role: role})
			token := fake.Issue(app.ClientID, scopes)
			a := client.WhatWorks(context.Background(), linkedin.CheckRequest{Token: token, Scopes: scopes, Now: checkNow})
			if len(a.Pages) != 1 || a.Pages[0].Role != role {
				t.Fatalf("the check found %+v", a.Pages)
			}
			body := `{"author":"` + a.Pages[0].URN + `","commentary":"Hello","visibility":"PUBLIC","distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},"lifecycleState":"PUBLISHED"}`
			req, err := http.NewRequest(http.MethodPost, fake.APIURL()+"/rest/posts", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("LinkedIn-Version", linkedin.DefaultAPIVersion(checkNow))
			req.Header.Set("X-Restli-Protocol-Version", "2.0.0")
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if posted := resp.StatusCode == http.StatusCreated; posted != a.Pages[0].CanPost() {
				t.Errorf("LinkedIn answered %d; CanPost = %v", resp.StatusCode, a.Pages[0].CanPost())
			}
		})
	}
}
