package fakelinkedin

// LinkedIn's versioned Marketing APIs (https://api.linkedin.com/rest/...),
// the reads TokenDesk's checks make, with LinkedIn's rules as
// ../shared/linkedin-oauth.md records them:
//
//   - every call carries LinkedIn-Version: YYYYMM and
//     X-Restli-Protocol-Version: 2.0.0; a version LinkedIn does not serve
//     (retired, or never released) is 426 NONEXISTENT_VERSION;
//   - the token is checked first: 401 INVALID_ACCESS_TOKEN, 65601
//     REVOKED_ACCESS_TOKEN, EXPIRED_ACCESS_TOKEN (bearer, in fake.go);
//   - a missing permission, or a member without the role the read needs,
//     is 403 with serviceErrorCode 100 ACCESS_DENIED and "Not enough
//     permissions to access: RESOURCE.METHOD.YYYYMMDD";
//   - lists page with start and count and answer {"paging": {...},
//     "elements": [...]}, an empty list in the same shape.
//
// A permission works when the token has it and the app still has the
// product that grants it (its Scopes): a product removed from the app's
// Products tab stops the reads it allowed.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OrgPage is a LinkedIn Page (an organization) and the member's role on it,
// as organizationAcls describes it.
type OrgPage struct {
	ID     int64
	Name   string
	Role   string // ADMINISTRATOR, DIRECT_SPONSORED_CONTENT_POSTER, RECRUITING_POSTER, LEAD_GEN_FORMS_MANAGER, ANALYST, CURATOR, CONTENT_ADMINISTRATOR
	Events int    // how many events it organizes
}

// AdAccount is an ad account (a sponsored account) and the member's role on
// it, as adAccountUsers describes it.
type AdAccount struct {
	ID          int64
	Name        string
	Role        string // VIEWER, CREATIVE_MANAGER, CAMPAIGN_MANAGER, ACCOUNT_MANAGER, ACCOUNT_BILLING_ADMIN
	LeadForms   int
	Conversions int
}

// RestCall is one call that reached /rest, for tests to see what a client
// asked: never the token.
type RestCall struct {
	Method, Path, RawQuery, Version, Restli string
}

// restState is what the fake knows of the member's Pages and ad accounts,
// and which versions it serves. Guarded by Server.mu.
type restState struct {
	pages    []OrgPage
	accounts []AdAccount
	served   func(version string) bool // nil: servedByDefault
	calls    []RestCall
}

// SetPages sets the Pages the member has a role on.
func (s *Server) SetPages(pages ...OrgPage) {
	s.mu.Lock()
	s.rest.pages = slices.Clone(pages)
	s.mu.Unlock()
}

// SetAdAccounts sets the ad accounts the member has a role on.
func (s *Server) SetAdAccounts(accounts ...AdAccount) {
	s.mu.Lock()
	s.rest.accounts = slices.Clone(accounts)
	s.mu.Unlock()
}

// ServeVersions makes /rest serve only the given LinkedIn-Versions; none
// restores the default: the twelve months up to the clock's month.
func (s *Server) ServeVersions(versions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(versions) == 0 {
		s.rest.served = nil
		return
	}
	vs := slices.Clone(versions)
	s.rest.served = func(v string) bool { return slices.Contains(vs, v) }
}

// RestCalls is every call that reached /rest so far.
func (s *Server) RestCalls() []RestCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.rest.calls)
}

// servedByDefault: a real month, from twelve months before now's month up
// to it. LinkedIn serves each version for at least a year.
func servedByDefault(v string, now time.Time) bool {
	t, err := time.Parse("200601", v)
	if err != nil || len(v) != 6 {
		return false
	}
	y, m, _ := now.UTC().Date()
	thisMonth := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return !t.After(thisMonth) && !t.Before(thisMonth.AddDate(-1, 0, 0))
}

// restRoutes adds /rest's reads to mux.
func (s *Server) restRoutes(mux *http.ServeMux) {
	mux.HandleFunc("/rest/", s.restRead)
}

// restRead answers every /rest read, in LinkedIn's order: the token, the
// headers, the version, then the resource's permission and role.
func (s *Server) restRead(w http.ResponseWriter, r *http.Request) {
	version, restli := r.Header.Get("LinkedIn-Version"), r.Header.Get("X-Restli-Protocol-Version")
	s.mu.Lock()
	s.rest.calls = append(s.rest.calls, RestCall{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Version: version, Restli: restli})
	s.mu.Unlock()

	issued, ok := s.bearer(w, r)
	if !ok {
		return
	}
	if r.Method != http.MethodGet {
		// Only reads are faked here: a check never writes.
		apiError(w, http.StatusMethodNotAllowed, 0, "METHOD_NOT_ALLOWED", "The fake LinkedIn serves only reads on "+r.URL.Path)
		return
	}
	if version == "" {
		apiError(w, http.StatusBadRequest, 0, "VERSION_MISSING", "A version must be present. Please specify a version by adding the LinkedIn-Version header.")
		return
	}
	if restli != "2.0.0" {
		// LinkedIn's Rest.li 2.0 syntax (List(...), encoded URNs) is only
		// read right with this header: the fake insists on it.
		apiError(w, http.StatusBadRequest, 0, "ILLEGAL_ARGUMENT", "X-Restli-Protocol-Version must be 2.0.0")
		return
	}
	s.mu.Lock()
	served, now := s.rest.served, s.now()
	pages, accounts, member := slices.Clone(s.rest.pages), slices.Clone(s.rest.accounts), s.member
	app, appKnown := s.apps[issued.ClientID]
	s.mu.Unlock()
	if served == nil {
		served = func(v string) bool { return servedByDefault(v, now) }
	}
	if !served(version) {
		apiError(w, http.StatusUpgradeRequired, 0, "NONEXISTENT_VERSION", fmt.Sprintf("Requested version %s01 is not active", version))
		return
	}
	req := restRequest{w: w, q: r.URL.Query(), version: version, member: member, pages: pages, accounts: accounts,
		allowed: func(scopes ...string) bool {
			return slices.ContainsFunc(scopes, func(sc string) bool {
				return slices.Contains(issued.Scopes, sc) && (!appKnown || slices.Contains(app.Scopes, sc))
			})
		}}
	resource, id, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/rest/"), "/")
	switch {
	case resource == "organizationAcls" && id == "":
		req.organizationAcls()
	case resource == "organizations" && id != "":
		req.organization(id)
	case resource == "adAccountUsers" && id == "":
		req.adAccountUsers()
	case resource == "adAccounts" && id == "":
		req.adAccounts()
	case resource == "leadForms" && id == "":
		req.leadForms()
	case resource == "conversions" && id == "":
		req.conversions()
	case resource == "events" && id == "":
		req.events()
	default:
		apiError(w, http.StatusNotFound, 0, "NOT_FOUND", "No resource at "+r.URL.Path)
	}
}

// restRequest is one /rest read being answered.
type restRequest struct {
	w        http.ResponseWriter
	q        url.Values
	version  string
	member   Member
	pages    []OrgPage
	accounts []AdAccount
	allowed  func(scopes ...string) bool
}

// denied is LinkedIn's 403 for a missing permission or role: it names the
// resource, the method (a finder as FINDER-name) and the version's day.
func (q restRequest) denied(what string) {
	apiError(q.w, http.StatusForbidden, 100, "ACCESS_DENIED", fmt.Sprintf("Not enough permissions to access: %s.%s01", what, q.version))
}

// finder checks that the finder asked for is q=name; an unknown or missing
// one is 400, as Rest.li answers it.
func (q restRequest) finder(name string) bool {
	if got := q.q.Get("q"); got != name {
		apiError(q.w, http.StatusBadRequest, 0, "ILLEGAL_ARGUMENT", fmt.Sprintf("Unsupported finder %q", got))
		return false
	}
	return true
}

// list answers one page of elements, with LinkedIn's paging object; count
// defaults to 10 and start to 0, and a bad one is 400.
func (q restRequest) list(elements []map[string]any) {
	start, count := 0, 10
	for _, p := range []struct {
		name string
		to   *int
	}{{"start", &start}, {"count", &count}} {
		if v := q.q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				apiError(q.w, http.StatusBadRequest, 0, "ILLEGAL_ARGUMENT", fmt.Sprintf("Invalid value %q for %s", v, p.name))
				return
			}
			*p.to = n
		}
	}
	total := len(elements)
	from, to := min(start, total), min(start+count, total)
	page := elements[from:to]
	if page == nil {
		page = []map[string]any{}
	}
	q.json(map[string]any{"paging": map[string]any{"start": start, "count": count, "total": total, "links": []any{}}, "elements": page})
}

func (q restRequest) json(body any) {
	q.w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(q.w).Encode(body)
}

func (q restRequest) person() string { return "urn:li:person:" + q.member.Sub }

// organizationAcls is GET /rest/organizationAcls?q=roleAssignee: the Pages
// the member has a role on, narrowed by role= and state= when given.
func (q restRequest) organizationAcls() {
	if !q.finder("roleAssignee") {
		return
	}
	if !q.allowed("rw_organization_admin", "r_organization_admin") {
		q.denied("organizationAcls.FINDER-roleAssignee")
		return
	}
	elements := []map[string]any{}
	for _, p := range q.pages {
		if role := q.q.Get("role"); role != "" && role != p.Role {
			continue
		}
		if state := q.q.Get("state"); state != "" && state != "APPROVED" {
			continue
		}
		elements = append(elements, map[string]any{"roleAssignee": q.person(), "state": "APPROVED", "role": p.Role,
			"organization": fmt.Sprintf("urn:li:organization:%d", p.ID)})
	}
	q.list(elements)
}

// organization is GET /rest/organizations/{id}: a Page's name, for a
// member with a role on it.
func (q restRequest) organization(id string) {
	if !q.allowed("rw_organization_admin", "r_organization_admin") {
		q.denied("organizations.GET")
		return
	}
	for _, p := range q.pages {
		if strconv.FormatInt(p.ID, 10) == id {
			q.json(map[string]any{"id": p.ID, "localizedName": p.Name, "vanityName": strings.ToLower(strings.ReplaceAll(p.Name, " ", "-"))})
			return
		}
	}
	apiError(q.w, http.StatusNotFound, 0, "NOT_FOUND", "Organization "+id+" not found")
}

// adAccountUsers is GET /rest/adAccountUsers?q=authenticatedUser: the
// member's role on each ad account.
func (q restRequest) adAccountUsers() {
	if !q.finder("authenticatedUser") {
		return
	}
	if !q.allowed("r_ads", "rw_ads") {
		q.denied("adAccountUsers.FINDER-authenticatedUser")
		return
	}
	elements := []map[string]any{}
	for _, a := range q.accounts {
		elements = append(elements, map[string]any{"account": fmt.Sprintf("urn:li:sponsoredAccount:%d", a.ID), "user": q.person(), "role": a.Role})
	}
	q.list(elements)
}

// adAccounts is GET /rest/adAccounts?q=search: the ad accounts the member
// can reach, with their names.
func (q restRequest) adAccounts() {
	if !q.finder("search") {
		return
	}
	if !q.allowed("r_ads", "rw_ads") {
		q.denied("adAccounts.FINDER-search")
		return
	}
	elements := []map[string]any{}
	for _, a := range q.accounts {
		elements = append(elements, map[string]any{"id": a.ID, "name": a.Name, "status": "ACTIVE", "type": "BUSINESS", "currency": "USD"})
	}
	q.list(elements)
}

// account finds the ad account a URN (urn:li:sponsoredAccount:ID, perhaps
// inside a Rest.li record such as (sponsoredAccount:urn:li:…:ID)) names.
func (q restRequest) account(urn string) (AdAccount, bool) {
	urn = strings.TrimSuffix(urn, ")")
	i := strings.LastIndex(urn, "urn:li:sponsoredAccount:")
	if i < 0 {
		return AdAccount{}, false
	}
	id := urn[i+len("urn:li:sponsoredAccount:"):]
	for _, a := range q.accounts {
		if strconv.FormatInt(a.ID, 10) == id {
			return a, true
		}
	}
	return AdAccount{}, false
}

// numbered is n elements with an id, for the lists no test reads further.
func numbered(n int, base int64) []map[string]any {
	out := []map[string]any{}
	for i := range n {
		out = append(out, map[string]any{"id": base + int64(i)})
	}
	return out
}

// leadForms is GET /rest/leadForms?q=owner&owner=(sponsoredAccount:URN):
// Lead Sync's forms, for a member with a role on the account.
func (q restRequest) leadForms() {
	if !q.finder("owner") {
		return
	}
	const what = "leadForms.FINDER-owner"
	if !q.allowed("r_marketing_leadgen_automation") {
		q.denied(what)
		return
	}
	a, ok := q.account(q.q.Get("owner"))
	if !ok {
		q.denied(what)
		return
	}
	q.list(numbered(a.LeadForms, 9000))
}

// conversions is GET /rest/conversions?q=account&account=URN: the
// Conversions API's rules, for a member with a role above viewer.
func (q restRequest) conversions() {
	if !q.finder("account") {
		return
	}
	const what = "conversions.FINDER-account"
	if !q.allowed("rw_conversions") {
		q.denied(what)
		return
	}
	a, ok := q.account(q.q.Get("account"))
	if !ok || a.Role == "VIEWER" {
		q.denied(what)
		return
	}
	q.list(numbered(a.Conversions, 7000))
}

// events is GET /rest/events?q=eventsByOrganizer&organizer=URN: the Page's
// events, for an administrator of the Page.
func (q restRequest) events() {
	if !q.finder("eventsByOrganizer") {
		return
	}
	const what = "events.FINDER-eventsByOrganizer"
	if !q.allowed("r_events", "rw_events") {
		q.denied(what)
		return
	}
	id, _ := strings.CutPrefix(q.q.Get("organizer"), "urn:li:organization:")
	for _, p := range q.pages {
		if strconv.FormatInt(p.ID, 10) == id && p.Role == "ADMINISTRATOR" {
			q.list(numbered(p.Events, 5000))
			return
		}
	}
	q.denied(what)
}
