package linkedin

// What a token can do: one harmless read per product its permissions cover
// (../shared/linkedin-oauth.md, "Checking what a token can do"), run side
// by side, each with its own timeout, and the IDs the next step of every
// tutorial needs (the member's URN, the Pages they administer, their ad
// accounts). Only GETs are ever sent: a check never writes or posts.
// The answer is facts (outcomes, LinkedIn's codes and messages); package
// words says them.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// The products a check reads, by their catalogue IDs (products.json).
const (
	ProductOpenID              = "openid-connect"
	ProductShare               = "share"
	ProductCommunityManagement = "community-management"
	ProductAdvertising         = "advertising"
	ProductLeadSync            = "lead-sync"
	ProductConversions         = "conversions"
	ProductEvents              = "events"
)

// CheckedProducts are the products a check answers for, in the catalogue's
// order; the others have no harmless read TokenDesk knows.
var CheckedProducts = []string{ProductOpenID, ProductShare, ProductCommunityManagement, ProductAdvertising,
	ProductLeadSync, ProductConversions, ProductEvents}

// ReadNeeds is, for each checked product, the permissions its read needs
// (any one of them; OpenID Connect's userinfo needs both of WhoNeeds).
var ReadNeeds = map[string][]string{
	ProductOpenID:              {"openid", "profile"},
	ProductShare:               {"w_member_social"},
	ProductCommunityManagement: {"rw_organization_admin", "r_organization_admin"},
	ProductAdvertising:         {"r_ads", "rw_ads"},
	ProductLeadSync:            {"r_marketing_leadgen_automation"},
	ProductConversions:         {"rw_conversions"},
	ProductEvents:              {"r_events", "rw_events"},
}

// Outcome is how one product's read went.
type Outcome string

const (
	OutcomeWorks       Outcome = "works"           // LinkedIn answered the read
	OutcomeDenied      Outcome = "denied"          // LinkedIn refused it: Denial says why
	OutcomeNotAsked    Outcome = "not_asked"       // the token lacks the permission: it was not asked for at sign-in
	OutcomeCouldNotAsk Outcome = "could_not_ask"   // no answer: Trouble says why
	OutcomeNoTarget    Outcome = "nothing_to_read" // the read is on a Page or an ad account, and none was found
)

// Denial is why LinkedIn refused a read.
type Denial string

const (
	DeniedNoProduct      Denial = "no_product"      // 403: the app lacks the product (or LinkedIn has not approved it)
	DeniedNotPageAdmin   Denial = "not_page_admin"  // 403: the member is not an administrator of the Page
	DeniedViewerOnly     Denial = "viewer_only"     // 403: the member has only the viewer role on the ad account
	DeniedTokenRejected  Denial = "token_rejected"  // 401: LinkedIn no longer accepts the token (Code says revoked, expired…)
	DeniedRetiredVersion Denial = "retired_version" // 426: the LinkedIn-Version is not served, and no served one was found
	DeniedOther          Denial = "other"           // any other refusal: Status, Code and Message say it
)

// Trouble is why a read could not be asked.
type Trouble string

const (
	TroubleOffline      Trouble = "offline"       // LinkedIn could not be reached
	TroubleTimeout      Trouble = "timeout"       // no answer in time
	TroubleCancelled    Trouble = "cancelled"     // the check was stopped
	TroubleLinkedInDown Trouble = "linkedin_down" // 5xx or 429: LinkedIn is down or busy
	TroubleUnreadable   Trouble = "unreadable"    // an answer TokenDesk could not read
	// TroublePermissionsUnknown: Share on LinkedIn has no read; the token's
	// permissions answer for it, and they are not known.
	TroublePermissionsUnknown Trouble = "permissions_unknown"
)

// Target is what a read on a Page or an ad account needs and lacks.
type Target string

const (
	TargetPage      Target = "page"       // a Page the member has a role on
	TargetAdAccount Target = "ad_account" // an ad account the member has a role on
)

// ProductCheck is one product's answer.
type ProductCheck struct {
	Product string   // its catalogue ID (CheckedProducts)
	Outcome Outcome  //
	Denial  Denial   // OutcomeDenied
	Trouble Trouble  // OutcomeCouldNotAsk
	Target  Target   // OutcomeNoTarget: what it needed
	Needs   []string // the permissions its read needs (any one of them)
	// Call is the read that was sent, "GET /rest/…" without the host; ""
	// when none was (Share on LinkedIn, not asked, nothing to read on).
	Call string
	// On is the Page or ad account it was read on (a URN), if any.
	On string
	// LinkedIn's answer, when it refused: the HTTP status, its
	// serviceErrorCode, code and message, as it sent them.
	Status           int
	ServiceErrorCode int
	Code             string
	Message          string
	// Err is the technical cause of a read that could not be asked, for
	// Details; nil otherwise.
	Err error
}

// PageRole is a LinkedIn Page the member has a role on.
type PageRole struct {
	Name string // the Page's name; "" when it could not be read
	ID   string // the organization's ID: "2414183"
	URN  string // "urn:li:organization:2414183", the author of a post as the Page
	Role string // LinkedIn's role: ADMINISTRATOR, ANALYST, CONTENT_ADMINISTRATOR…
}

// pagePostingRoles are the roles on a Page that let a member post as it
// (with w_organization_social): a Super admin's and a Content admin's.
// LinkedIn refuses a post as the Page from the others (an Analyst's).
var pagePostingRoles = []string{"ADMINISTRATOR", "CONTENT_ADMINISTRATOR"}

// CanPost reports whether the member's role on the Page lets them post as
// it.
func (p PageRole) CanPost() bool { return slices.Contains(pagePostingRoles, p.Role) }

// AdAccountRole is an ad account the member has a role on.
type AdAccountRole struct {
	Name string // "" when it could not be read
	ID   string // "512345678"
	URN  string // "urn:li:sponsoredAccount:512345678"
	Role string // VIEWER, CREATIVE_MANAGER, CAMPAIGN_MANAGER, ACCOUNT_MANAGER, ACCOUNT_BILLING_ADMIN
}

// Abilities is what a check found out: each product's outcome, the IDs,
// the version it asked with.
type Abilities struct {
	Products   []ProductCheck // in CheckedProducts' order
	MemberURN  string         // "urn:li:person:782bbtaQ"; "" when not known
	MemberName string         // from userinfo; "" when not known
	Pages      []PageRole     // nil when not known (Community Management not asked or refused)
	AdAccounts []AdAccountRole
	// Version is the LinkedIn-Version the /rest reads were answered with.
	// RetiredVersion is the one first asked with when LinkedIn no longer
	// serves it (426); Version is then the newest served one a probe
	// found, or RetiredVersion itself when it found none (ServedFound).
	Version        string
	RetiredVersion string
	ServedFound    bool
	// Rejected: LinkedIn no longer accepts the token (a read was 401).
	Rejected bool
}

// Product is the answer for product id, and whether there is one.
func (a Abilities) Product(id string) (ProductCheck, bool) {
	for _, p := range a.Products {
		if p.Product == id {
			return p, true
		}
	}
	return ProductCheck{}, false
}

// CheckRequest is what a check needs.
type CheckRequest struct {
	Token string
	// Scopes are the token's permissions, from the Token Inspector or as
	// saved; nil when not known: then every read is tried.
	Scopes []string
	// Version is the LinkedIn-Version to ask with; "": DefaultAPIVersion.
	Version string
	Now     time.Time     // zero: time.Now()
	Timeout time.Duration // for each call; 0: CallTimeout
	// WhoIsConnected asks userinfo who the token belongs to; nil:
	// Client.WhoIsConnected. A caller that may be asking it at the same
	// time (the window, for the name) gives one that shares the answer.
	WhoIsConnected func(ctx context.Context, token string) (Member, error)
}

// CallTimeout bounds each call of a check.
const CallTimeout = 10 * time.Second

// VersionProbeMonths is how many months back from DefaultAPIVersion a
// check looks for a served version after a 426.
const VersionProbeMonths = 12

// maxNamed bounds how many Pages' names a check reads: each is one call.
const maxNamed = 25

// WhatWorks asks LinkedIn, with one harmless read per product the token's
// permissions cover, what it can do. It never fails as a whole: a read that
// could not be made is an outcome. When LinkedIn says the version is
// retired (426) it looks for the newest served one and asks again with it.
func (c *Client) WhatWorks(ctx context.Context, in CheckRequest) Abilities {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if in.Timeout <= 0 {
		in.Timeout = CallTimeout
	}
	if in.Version == "" {
		in.Version = DefaultAPIVersion(in.Now)
	}
	a, retiredCall := c.whatWorks(ctx, in, in.Version)
	if retiredCall == "" {
		return a
	}
	served, ok := c.NewestServedVersion(ctx, in.Token, retiredCall, in.Now, in.Timeout)
	if !ok || served == in.Version {
		a.RetiredVersion = in.Version
		return a
	}
	again, _ := c.whatWorks(ctx, in, served)
	again.RetiredVersion, again.ServedFound = in.Version, true
	return again
}

// NewestServedVersion probes call (a harmless GET under /rest, path and
// query) with each month from DefaultAPIVersion back VersionProbeMonths,
// side by side, and returns the newest LinkedIn does not answer 426.
func (c *Client) NewestServedVersion(ctx context.Context, token, call string, now time.Time, timeout time.Duration) (string, bool) {
	var versions []string
	start, _ := time.Parse("200601", DefaultAPIVersion(now))
	for i := range VersionProbeMonths {
		v := start.AddDate(0, -i, 0).Format("200601")
		if v < firstAPIVersion {
			break
		}
		versions = append(versions, v)
	}
	served := make([]bool, len(versions))
	var wg sync.WaitGroup
	for i, v := range versions {
		wg.Go(func() {
			r := c.restGet(ctx, token, v, call, timeout, nil)
			served[i] = r.err == nil && versionServed(r.status)
		})
	}
	wg.Wait()
	for i, v := range versions {
		if served[i] {
			return v, true
		}
	}
	return "", false
}

// versionServed says whether an answer with status shows LinkedIn serves the
// version asked with: it read the request (an answer, or a refusal for the
// token, the permission or the resource), rather than refusing the version
// (426) or not getting as far as reading it (429, 5xx).
func versionServed(status int) bool {
	return status < http.StatusInternalServerError &&
		status != http.StatusUpgradeRequired && status != http.StatusTooManyRequests
}

// whatWorks is one round of reads with version; retiredCall is a read
// LinkedIn answered 426, "" when none was.
func (c *Client) whatWorks(ctx context.Context, in CheckRequest, version string) (a Abilities, retiredCall string) {
	a.Version = version
	known := in.Scopes != nil
	covers := func(product string) bool {
		if !known {
			return true
		}
		needs := ReadNeeds[product]
		if product == ProductOpenID {
			return len(MissingForWho(in.Scopes)) == 0
		}
		return slices.ContainsFunc(needs, func(s string) bool { return slices.Contains(in.Scopes, s) })
	}
	results := map[string]ProductCheck{}
	var mu sync.Mutex
	set := func(p ProductCheck) {
		p.Needs = slices.Clone(ReadNeeds[p.Product])
		mu.Lock()
		results[p.Product] = p
		if p.Status == http.StatusUpgradeRequired && retiredCall == "" {
			retiredCall = strings.TrimPrefix(p.Call, "GET ")
		}
		mu.Unlock()
	}
	notAsked := func(ids ...string) {
		for _, id := range ids {
			set(ProductCheck{Product: id, Outcome: OutcomeNotAsked})
		}
	}
	var people []string // member URNs the reads named
	var wg sync.WaitGroup

	// Share on LinkedIn has no read: the permissions answer.
	switch {
	case !known:
		set(ProductCheck{Product: ProductShare, Outcome: OutcomeCouldNotAsk, Trouble: TroublePermissionsUnknown})
	case covers(ProductShare):
		set(ProductCheck{Product: ProductShare, Outcome: OutcomeWorks})
	default:
		notAsked(ProductShare)
	}

	if covers(ProductOpenID) {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, in.Timeout)
			defer cancel()
			who := in.WhoIsConnected
			if who == nil {
				who = c.WhoIsConnected
			}
			m, err := who(ctx, in.Token)
			p := ProductCheck{Product: ProductOpenID, Call: "GET /v2/userinfo"}
			if err != nil {
				set(fromError(p, err))
				return
			}
			p.Outcome = OutcomeWorks
			set(p)
			mu.Lock()
			a.MemberName = m.Name
			if m.ID != "" {
				a.MemberURN = "urn:li:person:" + m.ID
			}
			mu.Unlock()
		})
	} else {
		notAsked(ProductOpenID)
	}

	// Community Management, then Events on a Page found, beside the
	// Pages' names.
	if covers(ProductCommunityManagement) || covers(ProductEvents) {
		wg.Go(func() {
			var pages, found []PageRole
			var parent *ProductCheck
			var inner sync.WaitGroup
			if covers(ProductCommunityManagement) {
				var who string
				var p ProductCheck
				pages, who, p = c.pageRoles(ctx, in, version)
				set(p)
				parent = &p
				// Events gets its own copy, made before namePages starts
				// writing the names into pages.
				found = slices.Clone(pages)
				if p.Outcome == OutcomeWorks {
					inner.Go(func() { c.namePages(ctx, in, version, pages) })
				}
				mu.Lock()
				if who != "" {
					people = append(people, who)
				}
				mu.Unlock()
			} else {
				notAsked(ProductCommunityManagement)
			}
			if covers(ProductEvents) {
				inner.Go(func() { set(c.events(ctx, in, version, found, parent)) })
			} else {
				notAsked(ProductEvents)
			}
			inner.Wait()
			if parent != nil && parent.Outcome == OutcomeWorks {
				mu.Lock()
				a.Pages = pages
				mu.Unlock()
			}
		})
	} else {
		notAsked(ProductCommunityManagement, ProductEvents)
	}

	// Advertising, then Lead Sync and Conversions on an ad account found.
	onAccount := []string{ProductLeadSync, ProductConversions}
	if covers(ProductAdvertising) || covers(ProductLeadSync) || covers(ProductConversions) {
		wg.Go(func() {
			var accounts []AdAccountRole
			var parent *ProductCheck
			if covers(ProductAdvertising) {
				var who string
				var p ProductCheck
				accounts, who, p = c.adAccounts(ctx, in, version)
				set(p)
				parent = &p
				mu.Lock()
				if p.Outcome == OutcomeWorks {
					a.AdAccounts = accounts
				}
				if who != "" {
					people = append(people, who)
				}
				mu.Unlock()
			} else {
				notAsked(ProductAdvertising)
			}
			var inner sync.WaitGroup
			for _, id := range onAccount {
				if !covers(id) {
					notAsked(id)
					continue
				}
				inner.Go(func() { set(c.onAdAccount(ctx, in, version, id, accounts, parent)) })
			}
			inner.Wait()
		})
	} else {
		notAsked(ProductAdvertising, ProductLeadSync, ProductConversions)
	}
	wg.Wait()

	if a.MemberURN == "" && len(people) > 0 {
		a.MemberURN = people[0]
	}
	for _, id := range CheckedProducts {
		p := results[id]
		if p.Outcome == OutcomeDenied && p.Denial == DeniedTokenRejected {
			a.Rejected = true
		}
		a.Products = append(a.Products, p)
	}
	if a.Rejected {
		a.rejectShare()
	}
	return a, retiredCall
}

// restResult is one /rest answer.
type restResult struct {
	call    string // "GET /rest/…"
	status  int
	err     error // no answer, or one that could not be read
	service int
	code    string
	message string
}

// restGet GETs call (path and query under the API's base) with the
// headers LinkedIn's versioned APIs want, and decodes a 200 answer into
// into (which may be nil).
func (c *Client) restGet(ctx context.Context, token, version, call string, timeout time.Duration, into any) restResult {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	out := restResult{call: "GET " + call}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoints.apiBase()+call, nil)
	if err != nil {
		out.err = err
		return out
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("LinkedIn-Version", version)
	req.Header.Set("X-Restli-Protocol-Version", restliProtocolVersion)
	status, body, err := ask(c.api, req, ReasonCheckingWhat)
	if err != nil {
		out.err = err
		return out
	}
	return decodeAnswer(call, status, body, into)
}

// decodeAnswer reads LinkedIn's answer to the read call: on 200 into into
// (which may be nil), otherwise LinkedIn's error fields.
func decodeAnswer(call string, status int, body []byte, into any) restResult {
	out := restResult{call: "GET " + call, status: status}
	if status != http.StatusOK {
		var e struct {
			ServiceErrorCode int    `json:"serviceErrorCode"`
			Code             string `json:"code"`
			Message          string `json:"message"`
		}
		_ = json.Unmarshal(body, &e)
		// Shown in a terminal and the window as LinkedIn wrote them: one plain
		// line, so no control character reaches a terminal.
		out.service, out.code, out.message = e.ServiceErrorCode, plainLine(e.Code), plainLine(e.Message)
		return out
	}
	if into != nil {
		if err := json.Unmarshal(body, into); err != nil {
			out.err = &oauthflow.Error{Kind: oauthflow.KindLinkedInError, Reason: ReasonCheckUnreadable, Err: fmt.Errorf("read %s: %w", call, err)}
		}
	}
	return out
}

// ReasonCheckingWhat is the reason of a check's read that got no answer
// (KindNetwork, KindTimeout, KindCancelled); ReasonCheckUnreadable of one
// whose answer could not be read (KindLinkedInError).
const (
	ReasonCheckingWhat    oauthflow.Reason = "checking_what"
	ReasonCheckUnreadable oauthflow.Reason = "check_unreadable"
)

// outcome makes r product p's answer: works on 200, else what went wrong.
// A 403 is DeniedNoProduct here; the reads on a Page or an ad account tell
// the role apart themselves.
func (r restResult) outcome(p ProductCheck) ProductCheck {
	p.Call = r.call
	if r.err != nil {
		return fromError(p, r.err)
	}
	p.Status, p.ServiceErrorCode, p.Code, p.Message = r.status, r.service, r.code, r.message
	switch {
	case r.status == http.StatusOK:
		p.Outcome = OutcomeWorks
		p.Status = 0
	case r.status == http.StatusUnauthorized:
		p.Outcome, p.Denial = OutcomeDenied, DeniedTokenRejected
	case r.status == http.StatusForbidden:
		p.Outcome, p.Denial = OutcomeDenied, DeniedNoProduct
	case r.status == http.StatusUpgradeRequired:
		p.Outcome, p.Denial = OutcomeDenied, DeniedRetiredVersion
	case r.status >= 500 || r.status == http.StatusTooManyRequests:
		p.Outcome, p.Trouble = OutcomeCouldNotAsk, TroubleLinkedInDown
	default:
		p.Outcome, p.Denial = OutcomeDenied, DeniedOther
	}
	return p
}

// fromError is p for an error of the API client: no answer, or one that
// says something.
func fromError(p ProductCheck, err error) ProductCheck {
	var e *oauthflow.Error
	if !errors.As(err, &e) {
		p.Outcome, p.Trouble, p.Err = OutcomeCouldNotAsk, TroubleUnreadable, err
		return p
	}
	p.Code, p.Message = e.Code, e.Description
	switch e.Kind {
	case oauthflow.KindNetwork:
		p.Outcome, p.Trouble, p.Err = OutcomeCouldNotAsk, TroubleOffline, err
	case oauthflow.KindTimeout:
		p.Outcome, p.Trouble, p.Err = OutcomeCouldNotAsk, TroubleTimeout, err
	case oauthflow.KindCancelled:
		p.Outcome, p.Trouble, p.Err = OutcomeCouldNotAsk, TroubleCancelled, err
	case oauthflow.KindLinkedInDown:
		p.Outcome, p.Trouble, p.Err = OutcomeCouldNotAsk, TroubleLinkedInDown, err
	case oauthflow.KindTokenRejected:
		p.Outcome, p.Denial, p.Status = OutcomeDenied, DeniedTokenRejected, http.StatusUnauthorized
	case KindNotAllowed:
		p.Outcome, p.Denial, p.Status = OutcomeDenied, DeniedNoProduct, http.StatusForbidden
	case oauthflow.KindLinkedInError:
		if e.Reason == ReasonWhoUnreadable || e.Reason == ReasonCheckUnreadable {
			p.Outcome, p.Trouble, p.Err = OutcomeCouldNotAsk, TroubleUnreadable, err
			break
		}
		p.Outcome, p.Denial = OutcomeDenied, DeniedOther
	default:
		p.Outcome, p.Denial = OutcomeDenied, DeniedOther
	}
	return p
}

// listPage is a Rest.li collection's answer.
type listPage[T any] struct {
	Paging struct {
		Start int `json:"start"`
		Count int `json:"count"`
		Total int `json:"total"`
	} `json:"paging"`
	Elements []T `json:"elements"`
}

// listPageSize and maxListPages bound how much of a list a check reads.
const (
	listPageSize = 100
	maxListPages = 5
)

// listAll reads a finder's elements page by page (start, count), at most
// maxListPages pages; the result is the first page's.
func listAll[T any](ctx context.Context, c *Client, in CheckRequest, version, call string) ([]T, restResult) {
	var all []T
	var first restResult
	for page := range maxListPages {
		var lp listPage[T]
		r := c.restGet(ctx, in.Token, version, fmt.Sprintf("%s&start=%d&count=%d", call, page*listPageSize, listPageSize), in.Timeout, &lp)
		if page == 0 {
			first = r
			first.call = "GET " + call
		}
		if r.err != nil || r.status != http.StatusOK {
			if page == 0 {
				return nil, first
			}
			break
		}
		all = append(all, lp.Elements...)
		if len(lp.Elements) < listPageSize || (lp.Paging.Total > 0 && len(all) >= lp.Paging.Total) {
			break
		}
	}
	if all == nil {
		all = []T{}
	}
	return all, first
}

// pageRoles is Community Management's read: the Pages the member has a
// role on (organizationAcls).
func (c *Client) pageRoles(ctx context.Context, in CheckRequest, version string) ([]PageRole, string, ProductCheck) {
	type acl struct {
		RoleAssignee string `json:"roleAssignee"`
		Role         string `json:"role"`
		State        string `json:"state"`
		Organization string `json:"organization"`
	}
	acls, r := listAll[acl](ctx, c, in, version, "/rest/organizationAcls?q=roleAssignee&state=APPROVED")
	p := r.outcome(ProductCheck{Product: ProductCommunityManagement})
	if p.Outcome != OutcomeWorks {
		return nil, "", p
	}
	pages := []PageRole{}
	who := ""
	for _, e := range acls {
		if who == "" && strings.HasPrefix(e.RoleAssignee, "urn:li:person:") {
			who = e.RoleAssignee
		}
		id, ok := strings.CutPrefix(e.Organization, "urn:li:organization:")
		if !ok || id == "" {
			continue
		}
		i := slices.IndexFunc(pages, func(p PageRole) bool { return p.ID == id })
		switch {
		case i < 0:
			pages = append(pages, PageRole{ID: id, URN: e.Organization, Role: e.Role})
		case e.Role == "ADMINISTRATOR":
			pages[i].Role = e.Role // the role that matters most
		}
	}
	return pages, who, p
}

// namePages reads the Pages' names (at most maxNamed), side by side. A name
// that cannot be read stays "".
func (c *Client) namePages(ctx context.Context, in CheckRequest, version string, pages []PageRole) {
	var wg sync.WaitGroup
	for i := range pages[:min(len(pages), maxNamed)] {
		wg.Go(func() {
			var org struct {
				LocalizedName string `json:"localizedName"`
			}
			if r := c.restGet(ctx, in.Token, version, "/rest/organizations/"+url.PathEscape(pages[i].ID), in.Timeout, &org); r.err == nil && r.status == http.StatusOK {
				pages[i].Name = plainLine(org.LocalizedName)
			}
		})
	}
	wg.Wait()
}

// events is Events' read, on a Page the member administers (or, when
// none, one they have another role on: LinkedIn then says no).
func (c *Client) events(ctx context.Context, in CheckRequest, version string, pages []PageRole, found *ProductCheck) ProductCheck {
	p := ProductCheck{Product: ProductEvents}
	if len(pages) == 0 {
		return noTarget(p, TargetPage, found)
	}
	page := pages[0]
	if i := slices.IndexFunc(pages, func(p PageRole) bool { return p.Role == "ADMINISTRATOR" }); i >= 0 {
		page = pages[i]
	}
	call := "/rest/events?q=eventsByOrganizer&organizer=" + url.QueryEscape(page.URN) + "&count=1"
	p = c.restGet(ctx, in.Token, version, call, in.Timeout, nil).outcome(p)
	p.On = page.URN
	if p.Denial == DeniedNoProduct && page.Role != "ADMINISTRATOR" {
		p.Denial = DeniedNotPageAdmin
	}
	return p
}

// adRoleRank orders the ad account roles, least first.
var adRoleRank = []string{"VIEWER", "CREATIVE_MANAGER", "CAMPAIGN_MANAGER", "ACCOUNT_MANAGER", "ACCOUNT_BILLING_ADMIN"}

// adAccounts is Advertising's read: the member's role on each ad account
// (adAccountUsers) and the accounts' names (adAccounts search), side by
// side.
func (c *Client) adAccounts(ctx context.Context, in CheckRequest, version string) ([]AdAccountRole, string, ProductCheck) {
	type user struct {
		Account string `json:"account"`
		User    string `json:"user"`
		Role    string `json:"role"`
	}
	type account struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	var users []user
	var named []account
	var r restResult
	var wg sync.WaitGroup
	wg.Go(func() { users, r = listAll[user](ctx, c, in, version, "/rest/adAccountUsers?q=authenticatedUser") })
	wg.Go(func() { named, _ = listAll[account](ctx, c, in, version, "/rest/adAccounts?q=search") })
	wg.Wait()
	p := r.outcome(ProductCheck{Product: ProductAdvertising})
	if p.Outcome != OutcomeWorks {
		return nil, "", p
	}
	out := []AdAccountRole{}
	who := ""
	for _, u := range users {
		if who == "" && strings.HasPrefix(u.User, "urn:li:person:") {
			who = u.User
		}
		id, ok := strings.CutPrefix(u.Account, "urn:li:sponsoredAccount:")
		if !ok || id == "" {
			continue
		}
		a := AdAccountRole{ID: id, URN: u.Account, Role: u.Role}
		if i := slices.IndexFunc(named, func(n account) bool { return strconv.FormatInt(n.ID, 10) == id }); i >= 0 {
			a.Name = plainLine(named[i].Name)
		}
		out = append(out, a)
	}
	return out, who, p
}

// onAdAccount is Lead Sync's or Conversions' read, on the ad account where
// the member's role is highest.
func (c *Client) onAdAccount(ctx context.Context, in CheckRequest, version, product string, accounts []AdAccountRole, found *ProductCheck) ProductCheck {
	p := ProductCheck{Product: product}
	if len(accounts) == 0 {
		return noTarget(p, TargetAdAccount, found)
	}
	best := accounts[0]
	for _, a := range accounts[1:] {
		if slices.Index(adRoleRank, a.Role) > slices.Index(adRoleRank, best.Role) {
			best = a
		}
	}
	var call string
	if product == ProductLeadSync {
		// Rest.li 2.0: the record's parentheses and colon as they are, the URN inside encoded.
		call = "/rest/leadForms?q=owner&owner=(sponsoredAccount:" + url.QueryEscape(best.URN) + ")&count=1"
	} else {
		call = "/rest/conversions?q=account&account=" + url.QueryEscape(best.URN) + "&count=1"
	}
	p = c.restGet(ctx, in.Token, version, call, in.Timeout, nil).outcome(p)
	p.On = best.URN
	if p.Denial == DeniedNoProduct && best.Role == "VIEWER" {
		p.Denial = DeniedViewerOnly
	}
	return p
}

// noTarget is p when no Page or ad account (target) was found to read it
// on. When the read that finds them (found; nil when it was not made)
// could not be asked, or LinkedIn no longer accepts the token, p could not
// be either, for the same reason; otherwise there is nothing to read on.
func noTarget(p ProductCheck, target Target, found *ProductCheck) ProductCheck {
	switch {
	case found != nil && found.Outcome == OutcomeCouldNotAsk:
		p.Outcome, p.Trouble = OutcomeCouldNotAsk, found.Trouble
	case found != nil && found.Outcome == OutcomeDenied && (found.Denial == DeniedTokenRejected || found.Denial == DeniedRetiredVersion):
		p.Outcome, p.Denial = OutcomeDenied, found.Denial
	default:
		p.Outcome, p.Target = OutcomeNoTarget, target
	}
	return p
}

// rejectShare: Share on LinkedIn, answered by the token's permissions, does
// not work either when LinkedIn no longer accepts the token.
func (a *Abilities) rejectShare() {
	for i, p := range a.Products {
		if p.Product == ProductShare && p.Outcome == OutcomeWorks {
			a.Products[i].Outcome, a.Products[i].Denial = OutcomeDenied, DeniedTokenRejected
		}
	}
}

// TokenRejected records that LinkedIn no longer accepts the token (its
// Token Inspector said so): Rejected, and Share on LinkedIn denied.
func (a *Abilities) TokenRejected() {
	a.Rejected = true
	a.rejectShare()
}
