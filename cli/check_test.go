package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// marketing is every permission the checked products' reads need.
var marketing = []string{"email", "openid", "profile", "r_ads", "r_events", "r_marketing_leadgen_automation", "r_organization_admin", "rw_conversions", "w_member_social"}

// checkEnv is a saved token of scopes on the fake LinkedIn, whose member
// administers a Page and manages an ad account; the clock is the real one,
// as the fake's.
func checkEnv(t *testing.T, scopes []string) (Options, *fakelinkedin.Server, string) {
	t.Helper()
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret, Scopes: marketing})
	t.Cleanup(fake.Close)
	fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Marketing", Role: "ADMINISTRATOR", Events: 1})
	fake.SetAdAccounts(fakelinkedin.AdAccount{ID: 512345678, Name: "Acme Ads", Role: "ACCOUNT_MANAGER", LeadForms: 1})
	o := testStore(t)
	o.Endpoints, o.Now = linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, time.Now
	tok := fake.Issue(clientID, scopes)
	save(t, o, oauthflow.Token{AccessToken: tok, ExpiresAt: time.Now().Add(59 * 24 * time.Hour), Scopes: scopes}, "Ada Lovelace")
	return o, fake, tok
}

func checkJSON(t *testing.T, o Options, args ...string) (int, CheckReport, string) {
	t.Helper()
	code, out, errOut := run(o, append([]string{"check", "--json"}, args...)...)
	var c CheckReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("check --json = %d, not its JSON (%v): %q %q", code, err, out, errOut)
	}
	var keys map[string]any
	_ = json.Unmarshal([]byte(out), &keys)
	for _, f := range []string{"schema", "connection", "connection_id", "state", "linkedin_version", "retired_version", "member", "member_urn", "products", "pages", "ad_accounts"} {
		if _, ok := keys[f]; !ok {
			t.Errorf("check --json lacks %q", f)
		}
	}
	return code, c, out + errOut
}

func TestStatusAsksLinkedIn(t *testing.T) {
	o, fake, tok := checkEnv(t, marketing)
	if code, _, st := statusJSON(t, o); code != ExitOK || st.State != StateValid || st.ExpirySource != "token_inspector" || st.Rejection != "" {
		t.Errorf("status --json = %d, %+v", code, st)
	}
	fake.Revoke(tok)
	// The saved date says valid for 59 more days: LinkedIn says no.
	code, _, st := statusJSON(t, o)
	if code != ExitNoUse || st.State != StateRejected || st.Rejection != "revoked" {
		t.Errorf("status --json of a revoked token = %d, %+v", code, st)
	}
	code, out, errOut := run(o, "status")
	if code != ExitNoUse || !strings.Contains(errOut, "revoked") || !strings.Contains(errOut, `run "tokendesk login"`) || strings.Contains(out+errOut, tok) {
		t.Errorf("status of a revoked token = %d, %q, %q", code, out, errOut)
	}
	// Offline: today's answer, from what was saved, and it says so.
	code, out, errOut = run(o, "status", "--json", "--offline")
	var off Status
	if err := json.Unmarshal([]byte(out), &off); err != nil || code != ExitOK || off.State != StateValid || off.ExpirySource != "saved" {
		t.Errorf("status --json --offline = %d, %q, %q", code, out, errOut)
	}
	if code, out, _ := run(o, "status", "--offline"); code != ExitOK || !strings.Contains(out, "as saved; LinkedIn was not asked") {
		t.Errorf("status --offline = %d, %q", code, out)
	}
}

// TestStatusWhenLinkedInCannotBeAsked: the saved answer, saying so; an
// unknown expiry stays unknown.
func TestStatusWhenLinkedInCannotBeAsked(t *testing.T) {
	o := testStore(t) // LinkedIn is nowhere
	save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(30 * 24 * time.Hour)}, "")
	code, out, errOut := run(o, "status", "--json")
	var st Status
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != ExitOK || st.ExpirySource != "saved" || !strings.Contains(errOut, "could not be asked, so this is what was saved") {
		t.Errorf("status --json, LinkedIn unreachable = %d, %q, %q", code, out, errOut)
	}
	o2 := testStore(t)
	save(t, o2, oauthflow.Token{AccessToken: accessToken}, "")
	if code, _, errOut := run(o2, "status", "--offline"); code != ExitUnknown || !strings.Contains(errOut, "without --offline") {
		t.Errorf("status --offline without a saved expiry = %d, %q", code, errOut)
	}
}

func TestCheck(t *testing.T) {
	t.Run("every product", func(t *testing.T) {
		o, fake, tok := checkEnv(t, marketing)
		code, c, all := checkJSON(t, o)
		if code != ExitOK || c.State != StateValid || c.ExpirySource != "token_inspector" || c.Connection != "default" || c.RetiredVersion != nil {
			t.Errorf("check --json = %d, %+v", code, c)
		}
		if c.MemberURN == nil || *c.MemberURN != "urn:li:person:"+fakelinkedin.DefaultMember.Sub || c.Member == nil || *c.Member != "Ada Lovelace" {
			t.Errorf("the member: %v %v", c.MemberURN, c.Member)
		}
		if len(c.Pages) != 1 || c.Pages[0] != (CheckedPage{Name: "Acme Marketing", ID: "2414183", URN: "urn:li:organization:2414183", Role: "ADMINISTRATOR"}) {
			t.Errorf("pages: %+v", c.Pages)
		}
		if len(c.AdAccounts) != 1 || c.AdAccounts[0] != (CheckedPage{Name: "Acme Ads", ID: "512345678", URN: "urn:li:sponsoredAccount:512345678", Role: "ACCOUNT_MANAGER"}) {
			t.Errorf("ad accounts: %+v", c.AdAccounts)
		}
		if len(c.Products) != len(linkedin.CheckedProducts) {
			t.Fatalf("%d products", len(c.Products))
		}
		for _, p := range c.Products {
			if p.Outcome != "works" || p.Reason != nil {
				t.Errorf("%s: %+v", p.ID, p)
			}
		}
		if strings.Contains(all, tok) {
			t.Error("check --json printed the token")
		}
		code, out, errOut := run(o, "check")
		for _, want := range []string{"Community Management API", "Works", "urn:li:person:" + fakelinkedin.DefaultMember.Sub,
			"Acme Marketing  urn:li:organization:2414183  (Super admin)", "Acme Ads  512345678  urn:li:sponsoredAccount:512345678  (Account manager)"} {
			if !strings.Contains(out, want) {
				t.Errorf("check does not say %q:\n%s", want, out)
			}
		}
		if code != ExitOK || strings.Contains(out+errOut, tok) {
			t.Errorf("check = %d, %q", code, errOut)
		}
		for _, call := range fake.RestCalls() {
			if call.Method != "GET" {
				t.Errorf("check wrote: %+v", call)
			}
		}
	})
	t.Run("a product missing, a role missing", func(t *testing.T) {
		o, fake, _ := checkEnv(t, []string{"openid", "profile", "r_organization_admin", "r_events", "r_ads", "rw_conversions"})
		fake.SetPages(fakelinkedin.OrgPage{ID: 777, Name: "Beta Corp", Role: "ANALYST"})
		fake.SetAdAccounts(fakelinkedin.AdAccount{ID: 598765432, Name: "Agency Ads", Role: "VIEWER"})
		code, c, _ := checkJSON(t, o)
		byID := map[string]CheckedProduct{}
		for _, p := range c.Products {
			byID[p.ID] = p
		}
		reason := func(id string) string {
			if r := byID[id].Reason; r != nil {
				return byID[id].Outcome + "/" + *r
			}
			return byID[id].Outcome
		}
		if code != ExitOK || reason("events") != "denied/not_page_admin" || reason("conversions") != "denied/viewer_only" ||
			reason("share") != "not_asked" || reason("lead-sync") != "not_asked" || reason("community-management") != "works" {
			t.Errorf("check --json = %d: %v %v %v %v %v", code, reason("events"), reason("conversions"), reason("share"), reason("lead-sync"), reason("community-management"))
		}
		if p := byID["events"]; p.HTTPStatus == nil || *p.HTTPStatus != 403 || p.Code == nil || *p.Code != "ACCESS_DENIED" || p.ServiceErrorCode == nil || *p.ServiceErrorCode != 100 {
			t.Errorf("LinkedIn's refusal: %+v", p)
		}
		_, out, _ := run(o, "check")
		for _, want := range []string{"not an admin of the Page Beta Corp", "admin role", "viewer role on the ad account Agency Ads", "above viewer", "Not asked for"} {
			if !strings.Contains(out, want) {
				t.Errorf("check does not say %q:\n%s", want, out)
			}
		}
	})
	t.Run("revoked", func(t *testing.T) {
		o, fake, tok := checkEnv(t, marketing)
		fake.Revoke(tok)
		if code, c, _ := checkJSON(t, o); code != ExitNoUse || c.State != StateRejected {
			t.Errorf("check --json of a revoked token = %d, %+v", code, c)
		}
		code, out, _ := run(o, "check")
		if code != ExitNoUse || !strings.Contains(out, "rejected") || !strings.Contains(out, `run "tokendesk login"`) {
			t.Errorf("check of a revoked token = %d:\n%s", code, out)
		}
	})
	t.Run("retired version", func(t *testing.T) {
		o, _, _ := checkEnv(t, marketing)
		code, c, _ := checkJSON(t, o, "--api-version", "202405")
		if code != ExitOK || c.RetiredVersion == nil || *c.RetiredVersion != "202405" || c.LinkedInVersion != linkedin.DefaultAPIVersion(time.Now()) {
			t.Errorf("check --json --api-version 202405 = %d, %+v", code, c)
		}
		_, out, _ := run(o, "check", "--api-version", "202405")
		if !strings.Contains(out, "no longer serves LinkedIn-Version 202405") || !strings.Contains(out, "Use "+linkedin.DefaultAPIVersion(time.Now())) {
			t.Errorf("check does not name the retired version and the one to use:\n%s", out)
		}
		if code, _, errOut := run(o, "check", "--api-version", "2024-05"); code != ExitUsage || !strings.Contains(errOut, "--api-version") {
			t.Errorf("a bad --api-version = %d, %q", code, errOut)
		}
	})
	t.Run("no token, LinkedIn unreachable", func(t *testing.T) {
		o := testStore(t)
		if code, c, _ := checkJSON(t, o); code != ExitNoUse || c.State != StateNone {
			t.Errorf("check --json without a token = %d, %+v", code, c)
		}
		save(t, o, oauthflow.Token{AccessToken: accessToken, ExpiresAt: now.Add(30 * 24 * time.Hour), Scopes: marketing}, "")
		code, c, _ := checkJSON(t, o)
		if code != ExitUnknown {
			t.Errorf("check --json, LinkedIn unreachable = %d, %+v", code, c)
		}
		for _, p := range c.Products {
			if p.ID != "share" && (p.Outcome != "could_not_ask" || p.Reason == nil || *p.Reason != "offline") {
				t.Errorf("%s: %+v", p.ID, p)
			}
		}
	})
}

// TestCheckAndStatusAreQuick: with every answer 100ms slow, check and
// status take under a second: their calls run side by side.
func TestCheckAndStatusAreQuick(t *testing.T) {
	o, fake, _ := checkEnv(t, marketing)
	fake.SetAPIDelay(100 * time.Millisecond)
	for _, args := range [][]string{{"check", "--json"}, {"status", "--json"}} {
		start := time.Now()
		code, _, errOut := run(o, args...)
		if took := time.Since(start); code != ExitOK || took > time.Second {
			t.Errorf("%v = %d in %v: %s", args, code, took, errOut)
		}
	}
}

// TestCheckAndStatusOnlyRead: asking LinkedIn teaches status and check an
// expiry and permissions the saved token lacks; they keep none of it, and
// leave the settings folder as they found it.
func TestCheckAndStatusOnlyRead(t *testing.T) {
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret, Scopes: marketing})
	t.Cleanup(fake.Close)
	o := testStore(t)
	o.Endpoints, o.Now = linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, time.Now
	save(t, o, oauthflow.Token{AccessToken: fake.Issue(clientID, marketing)}, "")
	before := listing(t, o.Store.Dir)
	for _, args := range [][]string{{"status"}, {"status", "--json"}, {"check"}, {"check", "--json"}} {
		if code, _, errOut := run(o, args...); code != ExitOK {
			t.Fatalf("%v = %d, %q", args, code, errOut)
		}
	}
	if after := listing(t, o.Store.Dir); after != before {
		t.Errorf("the commands changed the settings folder:\nbefore %s\nafter  %s", before, after)
	}
	if _, _, st := statusJSON(t, o); st.ExpirySource != "token_inspector" {
		t.Errorf("status --json: %+v", st)
	}
	code, out, _ := run(o, "status", "--json", "--offline")
	var off Status
	if err := json.Unmarshal([]byte(out), &off); err != nil || code != ExitUnknown || off.ExpiresAt != nil || len(off.Scopes) != 0 {
		t.Errorf("what LinkedIn said was kept: status --offline = %d, %q", code, out)
	}
}

// TestStatusActiveWithoutExpiry: when LinkedIn's Token Inspector says a
// token whose expiry was not saved is active but not until when, status
// says that, as token does, not that LinkedIn could not be asked.
func TestStatusActiveWithoutExpiry(t *testing.T) {
	inspector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/v2/introspectToken" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"active": true, "status": "active", "scope": "openid,profile", "client_id": "` + clientID + `"}`))
	}))
	t.Cleanup(inspector.Close)
	o := testStore(t)
	o.Endpoints = linkedin.Endpoints{OAuthURL: inspector.URL + "/oauth/v2", APIURL: inspector.URL}
	save(t, o, oauthflow.Token{AccessToken: accessToken}, "")
	_, _, tokenSaid := run(o, "token")
	for _, args := range [][]string{{"status"}, {"run", "--", "tokendesk-no-such-command"}} {
		code, _, errOut := run(o, args...)
		if strings.Contains(errOut, "could not be asked") || !strings.Contains(errOut, "LinkedIn says the token is active but not until when") {
			t.Errorf("%q = %d, %q; token said %q", args, code, errOut, tokenSaid)
		}
	}
}

// A token LinkedIn rejects: status, check and run say the fix once, as
// the terminal's step (not also the shared words' "a new token comes with
// signing in again", nor again on each product's line).
func TestRejectedFixSaidOnce(t *testing.T) {
	signIn := regexp.MustCompile(`(?i)\bsign(ing)? in again\b`)
	for _, args := range [][]string{{"status"}, {"check"}, {"run", "--", "true"}} {
		o, fake, tok := checkEnv(t, marketing)
		fake.Revoke(tok)
		code, out, errOut := run(o, args...)
		said := out + errOut
		if code != ExitNoUse || !strings.Contains(said, "revoked") {
			t.Errorf("%s of a revoked token = %d:\n%s", args[0], code, said)
		}
		if n := len(signIn.FindAllString(said, -1)); n != 1 || strings.Count(said, "tokendesk login") != 1 {
			t.Errorf("%s of a revoked token says the fix %d times, not once:\n%s", args[0], n, said)
		}
	}
}
