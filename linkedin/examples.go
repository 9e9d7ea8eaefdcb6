package linkedin

import (
	"slices"
	"strings"
)

// Example is a first API call a token can make, for "Copy as… curl": the
// quickest way for a marketer to see that the token works and what it opens.
type Example struct {
	What      ExampleID // what it asks: the front end names it in its words
	Method    string    // "GET"
	URL       string    // full address, built from Endpoints.APIURL
	Versioned bool      // a /rest/ call: needs LinkedIn-Version and X-Restli-Protocol-Version
	Post      *Post     // what a POST /rest/posts publishes (CodeExamples); nil for a read
}

// ExampleID says what an Example asks LinkedIn, for the words that name it.
type ExampleID string

// The examples.
const (
	ExampleWhoYouAre  ExampleID = "who_you_are" // userinfo: the member
	ExamplePages      ExampleID = "pages"       // the Pages the member administers
	ExampleAdAccounts ExampleID = "ad_accounts" // the member's ad accounts
)

// Examples are the calls scopes allow, most useful first; empty when none
// does. Only calls that need no ID are offered, so that each one runs as
// copied: the simplest documented reads of Lead Sync (leadForms), Events
// (events) and Conversions (conversions) all want an ad account or an
// organization, which these calls are how one finds out. Share on LinkedIn
// (w_member_social) can only write.
func (e Endpoints) Examples(scopes []string) []Example {
	has := func(want ...string) bool {
		return slices.ContainsFunc(scopes, func(s string) bool { return slices.Contains(want, strings.TrimSpace(s)) })
	}
	out := []Example{}
	// OpenID Connect's userinfo wants both; /v2/me refuses OIDC tokens.
	if has("openid") && has("profile") {
		out = append(out, Example{What: ExampleWhoYouAre, Method: "GET", URL: e.UserinfoURL()})
	}
	// Organization Access Control: "Find a Member's Organization Access
	// Control Information", narrowed to the Pages the member administers.
	if has("rw_organization_admin", "r_organization_admin") {
		out = append(out, Example{What: ExamplePages, Method: "GET",
			URL: e.apiBase() + "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED", Versioned: true})
	}
	// Ad accounts "Search for Accounts": without search criteria it returns
	// every ad account the member can reach. rw_ads allows it as well.
	if has("r_ads", "rw_ads") {
		out = append(out, Example{What: ExampleAdAccounts, Method: "GET",
			URL: e.apiBase() + "/rest/adAccounts?q=search", Versioned: true})
	}
	return out
}

// restliProtocolVersion is the Rest.li protocol LinkedIn's /rest/ APIs speak.
const restliProtocolVersion = "2.0.0"

// Curl is x as a one-line curl command with token (and, for a versioned call,
// version) filled in. Every argument is single-quoted, so a quote or a $ in
// any of them reaches curl as written instead of being read by the shell.
func (x Example) Curl(token, version string) string {
	args := []string{"curl"}
	if x.Method != "" && x.Method != "GET" { // GET is curl's own default
		args = append(args, "-X", shellQuote(x.Method))
	}
	args = append(args, "-H", shellQuote("Authorization: Bearer "+token))
	if x.Versioned {
		args = append(args,
			"-H", shellQuote("LinkedIn-Version: "+version),
			"-H", shellQuote("X-Restli-Protocol-Version: "+restliProtocolVersion))
	}
	args = append(args, shellQuote(x.URL))
	return strings.Join(args, " ")
}

// shellQuote wraps s in single quotes for a POSIX shell. A single quote in
// s closes the quoting, is escaped, and opens it again:
//
//	it's  ->  'it'\''s'
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
