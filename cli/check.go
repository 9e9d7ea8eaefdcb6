package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"slices"
	"strings"
	"time"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/words"
)

// checkTimeout bounds a whole check; each call in it has its own, shorter
// timeout (linkedin.CallTimeout, connection.InspectTimeout).
const checkTimeout = 30 * time.Second

// standing is the saved token and where it stands: what LinkedIn's Token
// Inspector says, or, offline or when it cannot be asked, what was saved.
type standing struct {
	k      known
	status connection.TokenStatus
	code   int
	state  string
	why    string // for a person: why the token is of no use, or could not be told
	note   string // for a person: LinkedIn could not be asked, the answer is what was saved
}

// stand reads the saved token and asks LinkedIn's Token Inspector about it
// (not when offline). A token LinkedIn no longer accepts is rejected,
// ExitNoUse, whatever its saved date says.
func (r *runner) stand(offline bool) standing {
	k, code, state, why := r.loadToken()
	out := standing{k: k, code: code, state: state, why: why}
	if code != ExitOK {
		return out
	}
	login, again := r.commands()
	login = loginCommandFor(k.conn)
	conn := connection.New(nil, r.opts.Endpoints, r.opts.Now) // these commands only read: nothing is kept
	ctx, cancel := context.WithTimeout(r.ctx, checkTimeout)
	defer cancel()
	if !offline && r.opts.EndpointsError != nil {
		out.status = conn.Status(ctx, k.saved.Settings, *k.tok, true)
		out.status.AskErr = r.opts.EndpointsError
	} else {
		out.status = conn.Status(ctx, k.saved.Settings, *k.tok, offline)
	}
	st := out.status
	out.state = string(st.State)
	out.k.inspected = st.Source == connection.ExpiryFromLinkedIn
	couldNotAsk := ""
	switch {
	case st.AskErr == nil:
	case errors.Is(st.AskErr, connection.ErrNoClientSecret):
		couldNotAsk = lang.X("cli.check.needs_settings", `asking it needs the Client ID and Client secret: fill them in in TokenDesk, or run "{{.Login}}" for a new token.`, map[string]any{"Login": login})
	default:
		couldNotAsk = explained(st.AskErr, login, again)
	}
	switch st.State {
	case connection.StateRejected:
		out.code = ExitNoUse
		out.why = rejectedWhy(st.Rejection, login)
		out.k.inspected = false // the expiry shown is the saved one
		return out
	case connection.StateUnknown:
		out.code = ExitUnknown
		switch {
		case offline:
			out.why = lang.X("cli.status.offline_unknown", `The saved token's expiry is not known: run "{{.Command}}" without --offline to ask LinkedIn.`, map[string]any{"Command": again})
		case st.Inspected: // asked: LinkedIn said active, with no expiry
			out.why = lang.X("cli.inspect.no_expiry", "The saved token's expiry is not known: LinkedIn says the token is active but not until when.")
		default:
			out.why = lang.X("cli.inspect.not_asked", "The saved token's expiry is not known, and LinkedIn could not be asked: {{.Why}}", map[string]any{"Why": couldNotAsk})
		}
		return out
	case connection.StateExpired:
		out.code, out.k.expired = ExitNoUse, true
	}
	out.k.tok.ExpiresAt = st.ExpiresAt
	if len(st.Scopes) > 0 {
		out.k.tok.Scopes = st.Scopes
	}
	if couldNotAsk != "" {
		out.note = lang.X("cli.status.as_saved_why", "LinkedIn's Token Inspector could not be asked, so this is what was saved: {{.Why}}", map[string]any{"Why": couldNotAsk})
	}
	return out
}

var checkCommand = &command{
	name: "check",
	summary: func() string {
		return lang.X("cli.check.summary", "what the token can do: one harmless read per product, and the IDs")
	},
	help: func() string {
		return lang.X("cli.check.help", `Asks LinkedIn what the saved token can do: LinkedIn's Token Inspector, and one
read-only call per product its permissions cover, side by side. Nothing is
ever written or posted. Prints one line per product (works, does not work
and how to fix it, not asked for, could not be checked) and the IDs the next
step needs: your member URN, the Pages you have a role on, your ad accounts.
Never the token. With --json, prints one JSON object on stdout:

  {"schema": 1, "connection": "default", "connection_id": "default",
   "state": "valid", "expiry_source": "token_inspector",
   "linkedin_version": "202609", "retired_version": null,
   "member": "Ada Lovelace", "member_urn": "urn:li:person:782bbtaQ",
   "products": [{"id": "community-management", "name": "Community Management API",
     "outcome": "denied", "reason": "not_page_admin",
     "http_status": 403, "service_error_code": 100, "code": "ACCESS_DENIED",
     "message": "Not enough permissions to access: …", "call": "GET /rest/…",
     "on": "urn:li:organization:2414183"}, …],
   "pages": [{"name": "Acme", "id": "2414183", "urn": "urn:li:organization:2414183",
     "role": "ADMINISTRATOR"}],
   "ad_accounts": [{"name": "Acme Ads", "id": "512345678",
     "urn": "urn:li:sponsoredAccount:512345678", "role": "ACCOUNT_MANAGER"}]}

state is as in status. outcome is works, denied, not_asked, could_not_ask or
nothing_to_read; reason says which (denied: no_product, not_page_admin,
viewer_only, token_rejected, retired_version, other; could_not_ask: offline,
timeout, cancelled, linkedin_down, unreadable, permissions_unknown;
nothing_to_read: page, ad_account), null for works and not_asked. pages and
ad_accounts are null when they could not be read, [] when there are none.
retired_version is the LinkedIn-Version asked with when LinkedIn no longer
serves it; linkedin_version is then the newest one it serves.
`)
	},
	args:           "[--connection NAME] [--json] [--api-version YYYYMM]",
	connectionHelp: readConnectionHelp,
	flags: func(fs *flag.FlagSet) func(*runner) int {
		asJSON := fs.Bool("json", false, lang.X("cli.flag.json_status", "print a JSON object (schema above) instead of text"))
		version := fs.String("api-version", "", lang.X("cli.flag.api_version", "the LinkedIn-Version to ask with, `YYYYMM` (default: three months back)"))
		return func(r *runner) int { return r.check(*asJSON, *version) }
	},
}

// CheckReport is what `tokendesk check --json` prints: a stable schema, as
// Status's. Fields are added, never renamed or removed.
type CheckReport struct {
	Schema          int              `json:"schema"` // 1
	Connection      string           `json:"connection"`
	ConnectionID    string           `json:"connection_id"`
	State           string           `json:"state"`
	ExpirySource    string           `json:"expiry_source,omitempty"`
	LinkedInVersion string           `json:"linkedin_version"`
	RetiredVersion  *string          `json:"retired_version"`
	Member          *string          `json:"member"`
	MemberURN       *string          `json:"member_urn"`
	Products        []CheckedProduct `json:"products"`
	Pages           []CheckedPage    `json:"pages"`
	AdAccounts      []CheckedPage    `json:"ad_accounts"`
}

// CheckedProduct is one product's answer in CheckReport.
type CheckedProduct struct {
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	Outcome          string  `json:"outcome"`
	Reason           *string `json:"reason"`
	HTTPStatus       *int    `json:"http_status"`
	ServiceErrorCode *int    `json:"service_error_code"`
	Code             *string `json:"code"`
	Message          *string `json:"message"`
	Call             *string `json:"call"`
	On               *string `json:"on"`
}

// CheckedPage is a Page or an ad account, and the member's role on it.
type CheckedPage struct {
	Name string `json:"name"`
	ID   string `json:"id"`
	URN  string `json:"urn"`
	Role string `json:"role"`
}

func (r *runner) check(asJSON bool, version string) int {
	version = strings.TrimSpace(version)
	if version != "" {
		if err := linkedin.ValidAPIVersion(version, r.opts.Now()); err != nil {
			fmt.Fprintf(r.stderr, "tokendesk check: --api-version: %s\n", message(err))
			return ExitUsage
		}
	}
	k, code, state, why := r.loadToken()
	if code != ExitOK {
		if why != "" {
			fmt.Fprintln(r.stderr, "tokendesk: "+why)
		}
		if asJSON && state != "" {
			return r.printCheck(CheckReport{Schema: 1, Connection: k.saved.Name, ConnectionID: k.saved.ID, State: state, Products: []CheckedProduct{}}, code)
		}
		return code
	}
	if r.opts.EndpointsError != nil {
		fmt.Fprintln(r.stderr, "tokendesk: "+lang.X("cli.check.not_asked", "LinkedIn could not be asked: {{.Why}}", map[string]any{"Why": message(r.opts.EndpointsError)}))
		return ExitUnknown
	}
	ctx, cancel := context.WithTimeout(r.ctx, checkTimeout)
	defer cancel()
	conn := connection.New(nil, r.opts.Endpoints, r.opts.Now) // nothing is kept: these commands only read
	w := conn.WhatWorks(ctx, k.saved.Settings, *k.tok, version)
	st := w.Status
	login, again := r.commands()
	login = loginCommandFor(k.conn)

	// Where the token stands, as status says it.
	state = string(st.State)
	code = ExitOK
	switch {
	case w.Rejected():
		state, code = string(connection.StateRejected), ExitNoUse
	case st.State == connection.StateExpired:
		code = ExitNoUse
	case !asked(w):
		code = ExitUnknown
	}
	if asJSON {
		return r.printCheck(checkReport(k, w, state), code)
	}

	row := func(label, value string) { fmt.Fprintf(r.stdout, "%-13s %s\n", label, value) }
	row(lang.X("cli.status.connection", "Connection:"), k.saved.Name)
	token := lang.X("cli.check.token", "Token:")
	switch {
	case w.Rejected():
		rej := st.Rejection
		if rej == "" {
			rej = connection.RejectedUnknown
			if p, ok := firstRejected(w); ok && p.Code == "REVOKED_ACCESS_TOKEN" {
				rej = connection.RejectedRevoked
			}
		}
		row(token, lang.X("cli.check.rejected", "rejected: {{.Why}}", map[string]any{"Why": rejectedWhy(rej, login)}))
	case st.ExpiresAt.IsZero():
		row(token, words.Expiry(r.opts.Now(), st.ExpiresAt))
	default:
		from := lang.X("cli.check.as_saved", "(as saved)")
		if st.Source == connection.ExpiryFromLinkedIn {
			from = lang.X("cli.status.inspected", "(as LinkedIn's Token Inspector says)")
		}
		row(token, words.Expiry(r.opts.Now(), st.ExpiresAt)+" "+from)
	}
	row(lang.X("cli.check.api_version", "API version:"), "LinkedIn-Version "+w.Version)
	if m, h := words.RetiredVersion(w.Abilities); m != "" {
		fmt.Fprintf(r.stdout, "              %s %s\n", m, h)
	}
	fmt.Fprintln(r.stdout)
	width := 0
	for _, p := range w.Products {
		width = max(width, len(words.ProductName(p.Product)))
	}
	for _, p := range w.Products {
		msg, hint := words.Check(w.Abilities, p)
		line := strings.TrimSpace(msg + " " + hint)
		if s := step(words.CheckStep(p), login, again); s != "" {
			line += " " + s
		}
		if w.Rejected() && p.Outcome == linkedin.OutcomeDenied && p.Denial == linkedin.DeniedTokenRejected {
			line = msg // the token's line above says why, and the fix, once
		}
		fmt.Fprintf(r.stdout, "%-*s  %s\n", width, words.ProductName(p.Product), line)
		if d := words.CheckDetail(p); d != "" && p.Outcome != linkedin.OutcomeWorks {
			fmt.Fprintf(r.stdout, "%-*s  %s\n", width, "", lang.X("cli.check.linkedin_says", "LinkedIn: {{.Answer}}", map[string]any{"Answer": d}))
		}
	}
	fmt.Fprintln(r.stdout)
	if w.MemberURN != "" {
		who := w.MemberURN
		if w.MemberName != "" {
			who += "  (" + w.MemberName + ")"
		}
		row(lang.X("cli.check.member", "Member:"), who)
	}
	for _, p := range w.Pages {
		row(lang.X("cli.check.page", "Page:"), fmt.Sprintf("%s  %s  (%s)", orUnnamed(p.Name), p.URN, words.PageRole(p.Role)))
	}
	if w.Pages != nil && len(w.Pages) == 0 {
		row(lang.X("cli.check.pages", "Pages:"), lang.X("cli.check.no_pages", "none: you have no role on a LinkedIn Page"))
	}
	for _, a := range w.AdAccounts {
		row(lang.X("cli.check.ad_account", "Ad account:"), fmt.Sprintf("%s  %s  %s  (%s)", orUnnamed(a.Name), a.ID, a.URN, words.AdAccountRole(a.Role)))
	}
	if w.AdAccounts != nil && len(w.AdAccounts) == 0 {
		row(lang.X("cli.check.ad_accounts", "Ad accounts:"), lang.X("cli.check.no_ad_accounts", "none: you have no role on an ad account"))
	}
	if code == ExitUnknown {
		fmt.Fprintln(r.stderr, "tokendesk: "+lang.X("cli.check.unknown", "LinkedIn could not be asked, so whether the token works is not known.")+" "+runAgain(again))
	}
	return code
}

// asked reports whether LinkedIn answered anything: its Token Inspector,
// or one read.
func asked(w connection.WhatWorks) bool {
	if w.Status.Inspected || w.Status.State == connection.StateRejected {
		return true
	}
	for _, p := range w.Products {
		if p.Call != "" && (p.Outcome == linkedin.OutcomeWorks || p.Outcome == linkedin.OutcomeDenied) {
			return true
		}
	}
	return false
}

func firstRejected(w connection.WhatWorks) (linkedin.ProductCheck, bool) {
	for _, p := range w.Products {
		if p.Denial == linkedin.DeniedTokenRejected {
			return p, true
		}
	}
	return linkedin.ProductCheck{}, false
}

func orUnnamed(name string) string {
	if name == "" {
		return lang.X("cli.check.name_unknown", "(name not known)")
	}
	return name
}

func checkReport(k known, w connection.WhatWorks, state string) CheckReport {
	out := CheckReport{Schema: 1, Connection: k.saved.Name, ConnectionID: k.saved.ID, State: state,
		LinkedInVersion: w.Version, Products: []CheckedProduct{}}
	if !w.Status.ExpiresAt.IsZero() && state != string(connection.StateRejected) {
		out.ExpirySource = "saved"
		if w.Status.Source == connection.ExpiryFromLinkedIn {
			out.ExpirySource = "token_inspector"
		}
	}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	num := func(n int) *int {
		if n == 0 {
			return nil
		}
		return &n
	}
	out.RetiredVersion, out.Member, out.MemberURN = str(w.RetiredVersion), str(w.MemberName), str(w.MemberURN)
	for _, p := range w.Products {
		reason := string(p.Denial) + string(p.Trouble) + string(p.Target)
		out.Products = append(out.Products, CheckedProduct{ID: p.Product, Name: words.ProductName(p.Product), Outcome: string(p.Outcome),
			Reason: str(reason), HTTPStatus: num(p.Status), ServiceErrorCode: num(p.ServiceErrorCode), Code: str(p.Code),
			Message: str(p.Message), Call: str(p.Call), On: str(p.On)})
	}
	if w.Pages != nil {
		out.Pages = []CheckedPage{}
		for _, p := range w.Pages {
			out.Pages = append(out.Pages, CheckedPage{Name: p.Name, ID: p.ID, URN: p.URN, Role: p.Role})
		}
	}
	if w.AdAccounts != nil {
		out.AdAccounts = []CheckedPage{}
		for _, a := range w.AdAccounts {
			out.AdAccounts = append(out.AdAccounts, CheckedPage{Name: a.Name, ID: a.ID, URN: a.URN, Role: a.Role})
		}
	}
	return out
}

func (r *runner) printCheck(c CheckReport, code int) int {
	enc := json.NewEncoder(r.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return r.fail(fmt.Errorf("write the check: %w", err))
	}
	return code
}

// sortedScopes is scopes sorted, [] for none.
func sortedScopes(scopes []string) []string {
	if len(scopes) == 0 {
		return []string{}
	}
	return slices.Sorted(slices.Values(scopes))
}
