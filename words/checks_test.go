package words

import (
	"errors"
	"strings"
	"testing"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
)

// everyCheck is one product answer of each kind a check gives.
var everyCheck = []linkedin.ProductCheck{
	{Product: linkedin.ProductOpenID, Outcome: linkedin.OutcomeWorks},
	{Product: linkedin.ProductShare, Outcome: linkedin.OutcomeWorks},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeWorks},
	{Product: linkedin.ProductCommunityManagement, Outcome: linkedin.OutcomeNotAsked, Needs: []string{"rw_organization_admin", "r_organization_admin"}},
	{Product: linkedin.ProductEvents, Outcome: linkedin.OutcomeNoTarget, Target: linkedin.TargetPage},
	{Product: linkedin.ProductLeadSync, Outcome: linkedin.OutcomeNoTarget, Target: linkedin.TargetAdAccount},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeCouldNotAsk, Trouble: linkedin.TroubleOffline},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeCouldNotAsk, Trouble: linkedin.TroubleTimeout},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeCouldNotAsk, Trouble: linkedin.TroubleCancelled},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeCouldNotAsk, Trouble: linkedin.TroubleLinkedInDown},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeCouldNotAsk, Trouble: linkedin.TroubleUnreadable},
	{Product: linkedin.ProductShare, Outcome: linkedin.OutcomeCouldNotAsk, Trouble: linkedin.TroublePermissionsUnknown},
	{Product: linkedin.ProductCommunityManagement, Outcome: linkedin.OutcomeDenied, Denial: linkedin.DeniedNoProduct, Status: 403, Code: "ACCESS_DENIED"},
	{Product: linkedin.ProductEvents, Outcome: linkedin.OutcomeDenied, Denial: linkedin.DeniedNotPageAdmin, On: "urn:li:organization:2414183"},
	{Product: linkedin.ProductConversions, Outcome: linkedin.OutcomeDenied, Denial: linkedin.DeniedViewerOnly, On: "urn:li:sponsoredAccount:512"},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeDenied, Denial: linkedin.DeniedTokenRejected},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeDenied, Denial: linkedin.DeniedRetiredVersion},
	{Product: linkedin.ProductAdvertising, Outcome: linkedin.OutcomeDenied, Denial: linkedin.DeniedOther, Status: 404, Code: "NOT_FOUND"},
}

var checked = linkedin.Abilities{Version: "202609",
	Pages:      []linkedin.PageRole{{Name: "Acme Marketing", URN: "urn:li:organization:2414183"}},
	AdAccounts: []linkedin.AdAccountRole{{Name: "Acme Ads", URN: "urn:li:sponsoredAccount:512"}}}

// TestCheckWords: every answer a check gives has its own words, whole (no
// template left, no key) and translated in every language; a refusal says
// its fix.
func TestCheckWords(t *testing.T) {
	t.Cleanup(func() { Use("en") })
	english := map[int][2]string{}
	for _, l := range Languages {
		Use(l.Tag)
		seen := map[string]int{}
		for i, p := range everyCheck {
			msg, hint := Check(checked, p)
			for _, s := range []string{msg, hint} {
				if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") || strings.HasPrefix(s, "check.") {
					t.Errorf("%s: %+v: %q / %q", l.Tag, p, msg, hint)
				}
			}
			if msg == "" {
				t.Errorf("%s: %+v says nothing", l.Tag, p)
			}
			if p.Outcome == linkedin.OutcomeDenied && hint == "" {
				t.Errorf("%s: %+v: a refusal without its fix", l.Tag, p)
			}
			if j, dup := seen[msg]; dup && !(p.Outcome == linkedin.OutcomeWorks && everyCheck[j].Outcome == linkedin.OutcomeWorks) {
				t.Errorf("%s: %+v and %+v say the same: %q", l.Tag, p, everyCheck[j], msg)
			}
			seen[msg] = i
			if l.Tag == "en" {
				english[i] = [2]string{msg, hint}
			} else if w := english[i]; msg == w[0] || (hint != "" && hint == w[1]) {
				t.Errorf("%s: %+v still in English: %q / %q", l.Tag, p, msg, hint)
			}
		}
	}
}

// TestCheckWordsName: the words name the product, the Page and the ad
// account by their names, and the fix each refusal needs.
func TestCheckWordsName(t *testing.T) {
	Use("en")
	for _, tt := range []struct {
		p    linkedin.ProductCheck
		want []string
	}{
		{everyCheck[12], []string{"Community Management API", "Products tab"}},
		{everyCheck[13], []string{"Acme Marketing", "admin role"}},
		{everyCheck[14], []string{"Acme Ads", "above viewer"}},
		{everyCheck[15], []string{"no longer accepts", "signing in again"}},
		{everyCheck[16], []string{"202609"}},
		{everyCheck[3], []string{"r_organization_admin", "Community Management API"}},
	} {
		msg, hint := Check(checked, tt.p)
		for _, w := range tt.want {
			if !strings.Contains(msg+" "+hint, w) {
				t.Errorf("%+v: %q / %q does not say %q", tt.p, msg, hint, w)
			}
		}
	}
	if CheckStep(everyCheck[15]) != NextSignIn || CheckStep(everyCheck[9]) != NextLater || CheckStep(everyCheck[6]) != NextRetry || CheckStep(everyCheck[12]) != NextNone {
		t.Error("the next step of a check's answer")
	}
	d := CheckDetail(linkedin.ProductCheck{Call: "GET /rest/organizationAcls?q=roleAssignee", Status: 403, ServiceErrorCode: 100, Code: "ACCESS_DENIED",
		Message: "Not enough permissions to access: organizationAcls.FINDER-roleAssignee.20260901"})
	if d != "GET /rest/organizationAcls?q=roleAssignee → 403 ACCESS_DENIED (100): Not enough permissions to access: organizationAcls.FINDER-roleAssignee.20260901" {
		t.Errorf("CheckDetail = %q", d)
	}
	if d := CheckDetail(linkedin.ProductCheck{Call: "GET /v2/userinfo", Err: errors.New("dial tcp: refused")}); !strings.Contains(d, "refused") {
		t.Errorf("CheckDetail of an error = %q", d)
	}
}

// TestVersionAndRejectionWords: a retired version names the one to use; a
// rejected token says why, in every language.
func TestVersionAndRejectionWords(t *testing.T) {
	t.Cleanup(func() { Use("en") })
	for _, l := range Languages {
		Use(l.Tag)
		if m, h := RetiredVersion(linkedin.Abilities{Version: "202609"}); m != "" || h != "" {
			t.Errorf("%s: a served version is not retired: %q", l.Tag, m)
		}
		m, h := RetiredVersion(linkedin.Abilities{RetiredVersion: "202405", Version: "202609", ServedFound: true})
		if !strings.Contains(m, "202405") || !strings.Contains(h, "202609") {
			t.Errorf("%s: %q / %q", l.Tag, m, h)
		}
		if _, h := RetiredVersion(linkedin.Abilities{RetiredVersion: "202405", Version: "202405"}); strings.Contains(h, "202405") || h == "" {
			t.Errorf("%s: none found: %q", l.Tag, h)
		}
		said := map[string]bool{}
		for _, r := range []connection.Rejection{connection.RejectedRevoked, connection.RejectedExpired, connection.RejectedOtherApp, connection.RejectedUnknown} {
			m, h := Rejected(r)
			if m == "" || h == "" || strings.Contains(m+h, "{{") || said[m] {
				t.Errorf("%s: %s: %q / %q", l.Tag, r, m, h)
			}
			said[m] = true
		}
		for _, r := range []string{"ADMINISTRATOR", "CONTENT_ADMINISTRATOR", "ANALYST", "CURATOR", "DIRECT_SPONSORED_CONTENT_POSTER", "LEAD_GEN_FORMS_MANAGER", "RECRUITING_POSTER"} {
			if w := PageRole(r); w == r || w == "" {
				t.Errorf("%s: Page role %s: %q", l.Tag, r, w)
			}
		}
		for _, r := range []string{"VIEWER", "CREATIVE_MANAGER", "CAMPAIGN_MANAGER", "ACCOUNT_MANAGER", "ACCOUNT_BILLING_ADMIN"} {
			if w := AdAccountRole(r); w == r || w == "" {
				t.Errorf("%s: ad account role %s: %q", l.Tag, r, w)
			}
		}
	}
}
