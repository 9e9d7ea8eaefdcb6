package linkedin

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

func TestCatalogueParses(t *testing.T) {
	if _, err := parseCatalogue(productsJSON); err != nil {
		t.Fatal(err)
	}
	if _, err := parseCatalogue([]byte(`{"products":[{"id":"x","scops":["a"]}]}`)); err == nil {
		t.Error("a misspelt key was accepted")
	}

	// The file says when and where its facts were checked.
	var head struct {
		Source   string `json:"source"`
		Checked  string `json:"checked"`
		Products []struct {
			ID   string   `json:"id"`
			Docs []string `json:"docs"`
		} `json:"products"`
	}
	if err := json.Unmarshal(productsJSON, &head); err != nil {
		t.Fatal(err)
	}
	if head.Source == "" {
		t.Error("no source")
	}
	if _, err := time.Parse(time.DateOnly, head.Checked); err != nil {
		t.Errorf("checked = %q: %v", head.Checked, err)
	}
	for _, p := range head.Products {
		if len(p.Docs) == 0 {
			t.Errorf("%s: no docs", p.ID)
		}
		for _, d := range p.Docs {
			if u, err := url.Parse(d); err != nil || u.Scheme != "https" || u.Host != "learn.microsoft.com" {
				t.Errorf("%s: doc %q is not a LinkedIn docs page", p.ID, d)
			}
		}
	}
}

func TestEveryProductIsComplete(t *testing.T) {
	scopeName := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	seen := map[string]bool{}
	for _, p := range Products() {
		t.Run(p.ID, func(t *testing.T) {
			if p.ID == "" || p.Name == "" || p.Summary == "" {
				t.Errorf("missing ID, Name or Summary: %+v", p)
			}
			if seen[p.ID] {
				t.Errorf("ID %q used twice", p.ID)
			}
			seen[p.ID] = true
			if len(p.Scopes) == 0 {
				t.Error("no scopes")
			}
			for _, s := range p.Scopes {
				if !scopeName.MatchString(s) {
					t.Errorf("scope %q is not a lowercase snake identifier", s)
				}
			}
			if len(slices.Compact(slices.Sorted(slices.Values(p.Scopes)))) != len(p.Scopes) {
				t.Errorf("a scope is listed twice: %v", p.Scopes)
			}
			if u, err := url.Parse(p.RequestURL); err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("RequestURL %q is not https", p.RequestURL)
			}
		})
	}
}

func TestApproval(t *testing.T) {
	selfServe := []string{"openid-connect", "share"}
	for _, p := range Products() {
		if want := !slices.Contains(selfServe, p.ID); p.Approval != want {
			t.Errorf("%s: Approval = %v, want %v", p.ID, p.Approval, want)
		}
	}
	// Self-serve products are added in the Developer Portal; the others are
	// requested as LinkedIn's pages describe.
	for _, p := range Products() {
		u, _ := url.Parse(p.RequestURL)
		if want := map[bool]string{false: "www.linkedin.com", true: "learn.microsoft.com"}[p.Approval]; u.Host != want {
			t.Errorf("%s: RequestURL %s, want one on %s", p.ID, p.RequestURL, want)
		}
	}
}

func TestOrderAMarketerMeets(t *testing.T) {
	var ids []string
	for _, p := range Products() {
		ids = append(ids, p.ID)
	}
	want := []string{"openid-connect", "share", "community-management", "advertising", "lead-sync", "conversions", "events"}
	if len(ids) < len(want) || !slices.Equal(ids[:len(want)], want) {
		t.Errorf("order = %v, want it to start %v", ids, want)
	}
}

func TestProductByID(t *testing.T) {
	tests := []struct {
		id       string
		wantOK   bool
		wantName string
	}{
		{"openid-connect", true, "Sign In with LinkedIn using OpenID Connect"},
		{"share", true, "Share on LinkedIn"},
		{"advertising", true, "Advertising API"},
		{"", false, ""},
		{"Share", false, ""},
		{"marketing-developer-platform", false, ""},
	}
	for _, tt := range tests {
		p, ok := ProductByID(tt.id)
		if ok != tt.wantOK || p.Name != tt.wantName {
			t.Errorf("ProductByID(%q) = %q, %v; want %q, %v", tt.id, p.Name, ok, tt.wantName, tt.wantOK)
		}
	}
}

func TestProductsGranting(t *testing.T) {
	tests := []struct {
		scope string
		want  []string
	}{
		{"openid", []string{"openid-connect"}},
		{"email", []string{"openid-connect"}},
		{"w_member_social", []string{"share", "community-management", "advertising"}},
		{"rw_organization_admin", []string{"community-management", "advertising"}},
		{"r_ads", []string{"advertising", "lead-sync", "conversions"}},
		{"r_marketing_leadgen_automation", []string{"lead-sync"}},
		{"rw_conversions", []string{"conversions"}},
		{"rw_events", []string{"events"}},
		{"r_events", []string{"lead-sync", "events"}},
		{"rw_dmp_segments", []string{"matched-audiences"}},
		// Retired on 2023-08-01: no product grants them any more.
		{"r_liteprofile", nil},
		{"r_emailaddress", nil},
		{"", nil},
		{"W_MEMBER_SOCIAL", nil}, // LinkedIn's scopes are lowercase
	}
	for _, tt := range tests {
		var got []string
		for _, p := range ProductsGranting(tt.scope) {
			got = append(got, p.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ProductsGranting(%q) = %v, want %v", tt.scope, got, tt.want)
		}
	}
}

func TestScopesOf(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{"nothing", nil, []string{}},
		{"one product", []string{"openid-connect"}, []string{"openid", "profile", "email"}},
		{"the two self-serve products", []string{"openid-connect", "share"}, []string{"openid", "profile", "email", "w_member_social"}},
		{"order follows the ids", []string{"share", "openid-connect"}, []string{"w_member_social", "openid", "profile", "email"}},
		{"a scope two products grant comes once, where first met", []string{"share", "community-management"},
			[]string{"w_member_social", "rw_organization_admin", "w_organization_social", "r_organization_social"}},
		{"the same product twice", []string{"share", "share"}, []string{"w_member_social"}},
		{"an unknown id is skipped", []string{"no-such-product", "share"}, []string{"w_member_social"}},
		{"only unknown ids", []string{"no-such-product"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ScopesOf(tt.ids); !slices.Equal(got, tt.want) {
				t.Errorf("ScopesOf(%v) = %v, want %v", tt.ids, got, tt.want)
			}
		})
	}
}

func TestCallersCannotEditTheCatalogue(t *testing.T) {
	Products()[0].Scopes[0] = "changed"
	p, _ := ProductByID("share")
	p.Scopes[0] = "changed"
	ProductsGranting("openid")[0].Scopes[0] = "changed"
	if got := ScopesOf([]string{"openid-connect", "share"}); !slices.Equal(got, []string{"openid", "profile", "email", "w_member_social"}) {
		t.Errorf("the catalogue changed: %v", got)
	}
}

func TestNameTheProduct(t *testing.T) {
	refused := func(scope string) error {
		return &oauthflow.Error{Kind: oauthflow.KindUnauthorizedScope, Reason: oauthflow.ReasonScopeRefused, Scope: scope}
	}
	for _, tc := range []struct {
		err      error
		reason   oauthflow.Reason
		products []string // the first ones named
		approval bool     // the first needs LinkedIn's approval, and says where to ask
	}{
		{refused("r_ads_reporting"), ReasonScopeNeedsApproval, []string{"Advertising API"}, true},
		{refused("w_member_social"), ReasonScopeInProducts, []string{"Share on LinkedIn"}, false},
		{refused("rw_organization_admin"), ReasonScopeNeedsApproval, []string{"Community Management API"}, true},
	} {
		var e *oauthflow.Error
		if !errors.As(NameTheProduct(tc.err), &e) {
			t.Fatalf("%v: not an oauthflow.Error any more", tc.err)
		}
		if e.Reason != tc.reason || len(e.Products) < len(tc.products) || !slices.Equal(e.Products[:len(tc.products)], tc.products) {
			t.Errorf("for %s: %s naming %v; want %s naming %v", e.Scope, e.Reason, e.Products, tc.reason, tc.products)
		}
		if tc.approval != (e.Approval == tc.products[0] && strings.HasPrefix(e.RequestURL, "https://")) {
			t.Errorf("for %s: approval %q at %q", e.Scope, e.Approval, e.RequestURL)
		}
		if e.Kind != oauthflow.KindUnauthorizedScope {
			t.Errorf("the kind changed: %+v", e)
		}
	}
	// Left as they are: a retired scope no product grants, no scope named,
	// another kind of error.
	for _, err := range []error{refused("r_liteprofile"), refused(""), &oauthflow.Error{Kind: oauthflow.KindCancelledLogin, Reason: oauthflow.ReasonLoginCancelled}, errors.New("x")} {
		if got := NameTheProduct(err); got != err {
			t.Errorf("NameTheProduct(%v) = %v; want it unchanged", err, got)
		}
	}
}
