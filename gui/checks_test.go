package gui

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// everyProduct is the permissions of every product a check reads.
var everyProduct = []string{"openid", "profile", "email", "w_member_social", "rw_organization_admin",
	"r_ads", "r_marketing_leadgen_automation", "rw_conversions", "r_events"}

// withAppScopes makes the fake's app have the products of scopes.
func withAppScopes(scopes ...string) harnessOption {
	return func(_ *harness, a *fakelinkedin.App) { a.Scopes = scopes }
}

// startWithToken saves the app's settings and a token the fake issued with
// scopes, and starts the window again on them, as after a Connect.
func (h *harness) startWithToken(scopes []string) string {
	h.t.Helper()
	h.closeWindow()
	ctx := context.Background()
	access := h.fake.Issue(testClientID, scopes)
	c := h.openStore().Conn(store.DefaultConnection)
	set := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: scopes}
	if err := c.SaveSettings(ctx, set); err != nil {
		h.t.Fatal(err)
	}
	tok := oauthflow.Token{AccessToken: access, ExpiresAt: testNow.Add(60 * 24 * time.Hour), Scopes: scopes}
	if err := c.SaveToken(ctx, tok, "Ada Lovelace"); err != nil {
		h.t.Fatal(err)
	}
	h.start()
	h.assertConnected()
	return access
}

// productLine is what the checks section says of product id, "" if it
// has no line.
func (c *checksSection) productLine(id string) string {
	name := linkedinName(id)
	for _, row := range c.products.Objects {
		if text := sectionText(row); strings.HasPrefix(text, name+":") {
			return text
		}
	}
	return ""
}

func linkedinName(id string) string {
	p, _ := linkedin.ProductByID(id)
	return p.Name
}

// sectionText is every label's and button's text under o, one per line.
func sectionText(o fyne.CanvasObject) string {
	var sb strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			sb.WriteString(w.Text + "\n")
			return
		case *widget.Button:
			sb.WriteString("[" + w.Text + "]\n")
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
	}
	walk(o)
	return sb.String()
}

// A token with every product: each line says it works, and the member's
// URN, the Page and the ad account are listed, each Copy copying exactly
// its ID.
func TestCheckShowsWhatWorksAndTheIDs(t *testing.T) {
	h := newHarness(t, withAppScopes(everyProduct...))
	h.fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Corp", Role: "ADMINISTRATOR", Events: 1})
	h.fake.SetAdAccounts(fakelinkedin.AdAccount{ID: 512345678, Name: "Acme Ads", Role: "ACCOUNT_MANAGER", LeadForms: 1, Conversions: 1})
	h.startWithToken(everyProduct)
	c := h.ui.connected.checks
	if c == nil {
		t.Fatal("no check at start")
	}
	for _, id := range linkedin.CheckedProducts {
		if line := c.productLine(id); !strings.Contains(line, "Works") {
			t.Errorf("%s: %q", id, line)
		}
	}
	if c.notAsked.Visible() || c.retry.Visible() || c.version.Visible() || c.status.Text != "" {
		t.Errorf("more than that shows: %q, retry %v, version %q, status %q", c.notAsked.Text, c.retry.Visible(), c.version.Text, c.status.Text)
	}
	ids := sectionText(c.ids)
	for _, want := range []string{"You: urn:li:person:782bbtaQ", "Page Acme Corp (Super admin): urn:li:organization:2414183", "Ad account Acme Ads (Account manager): 512345678"} {
		if !strings.Contains(ids, want) {
			t.Errorf("the IDs do not say %q:\n%s", want, ids)
		}
	}
	want := []string{"urn:li:person:782bbtaQ", "urn:li:organization:2414183", "512345678"}
	if len(c.copies) != len(want) {
		t.Fatalf("%d Copy buttons; want %d", len(c.copies), len(want))
	}
	for i, b := range c.copies {
		test.Tap(b)
		if got := h.app.Clipboard().Content(); got != want[i] {
			t.Errorf("Copy %d put %q on the clipboard; want %q", i, got, want[i])
		}
	}
	for _, call := range h.fake.RestCalls() {
		if call.Method != "GET" {
			t.Errorf("a check sent %s %s", call.Method, call.Path)
		}
	}
}

// A token whose app lacks a product, a member with only the viewer role on
// the ad account, and products never asked for: each says which and how to
// fix it, with the Developer Portal one click away.
func TestCheckSaysWhatDoesNotWorkAndTheFix(t *testing.T) {
	asked := []string{"openid", "profile", "email", "rw_organization_admin", "r_ads", "rw_conversions"}
	h := newHarness(t, withAppScopes("openid", "profile", "email", "r_ads", "rw_conversions")) // no Community Management
	h.fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Corp", Role: "ADMINISTRATOR"})
	h.fake.SetAdAccounts(fakelinkedin.AdAccount{ID: 512345678, Name: "Acme Ads", Role: "VIEWER", Conversions: 1})
	h.startWithToken(asked)
	c := h.ui.connected.checks

	cm := c.productLine(linkedin.ProductCommunityManagement)
	if !strings.Contains(cm, "may not use Community Management") || !strings.Contains(cm, "Products tab") || !strings.Contains(cm, "[Open the LinkedIn Developer Portal]") {
		t.Errorf("Community Management: %q", cm)
	}
	conv := c.productLine(linkedin.ProductConversions)
	if !strings.Contains(conv, "viewer role on the ad account Acme Ads") || !strings.Contains(conv, "role above viewer") {
		t.Errorf("Conversions: %q", conv)
	}
	if ads := c.productLine(linkedin.ProductAdvertising); !strings.Contains(ads, "Works") {
		t.Errorf("Advertising: %q", ads)
	}
	if !c.notAsked.Visible() || !strings.Contains(c.notAsked.Text, "Lead Sync") || !strings.Contains(c.notAsked.Text, "Share on LinkedIn") {
		t.Errorf("not asked for: %q", c.notAsked.Text)
	}
	if !c.details.Visible() || !strings.Contains(c.detail.Text, "403") || !strings.Contains(c.detail.Text, "Not enough permissions") {
		t.Errorf("LinkedIn's own answer is not in the details: %q", c.detail.Text)
	}
	if strings.Contains(sectionText(c.ids), "Page ") {
		t.Error("lists Pages it could not read")
	}
}

// A token LinkedIn revoked is rejected in the window, at start and on
// Check: the expiry line says so, and a banner offers Connect again.
func TestRevokedTokenIsRejected(t *testing.T) {
	h := newHarness(t)
	h.connect()
	s := h.ui.connected
	if s.rejectedBox.Visible() || strings.Contains(s.expiry.Text, "revoked") || s.title.Text != "You're connected" {
		t.Fatalf("a token LinkedIn accepts is said to be rejected (title %q)", s.title.Text)
	}
	h.fake.Revoke(h.fake.Issued()[0].AccessToken)
	test.Tap(s.check)
	h.settle()
	assertRejected(t, h)

	h.restart()
	assertRejected(t, h)
	test.Tap(findButton(h.ui.connected.rejectedBox, "Connect again"))
	h.assertForm()
	h.connect() // a new token: connected again
	if s := h.ui.connected; s.rejectedBox.Visible() || s.title.Text != "You're connected" {
		t.Errorf("after connecting again: title %q, banner %v", s.title.Text, s.rejectedBox.Visible())
	}
}

func assertRejected(t *testing.T, h *harness) {
	t.Helper()
	s := h.ui.connected
	if s.title.Text != "This connection has stopped working" {
		t.Errorf("title = %q", s.title.Text)
	}
	if !strings.Contains(s.expiry.Text, "it was revoked") || s.expiry.Importance != widget.DangerImportance {
		t.Errorf("expiry line = %q", s.expiry.Text)
	}
	if !s.rejectedBox.Visible() || !strings.Contains(s.rejectedText.Text, "revoked") || findButton(s.rejectedBox, "Connect again") == nil {
		t.Errorf("no rejected banner: %q", s.rejectedText.Text)
	}
	if s.renewBox.Visible() {
		t.Error("Reconnect now shows beside the banner")
	}
	if s.checks == nil || s.checks.status.Text != "" {
		t.Fatal("the check did not finish")
	}
	if s.checksSlot.Visible() {
		t.Errorf("what the token can do is shown, and says it again:\n%s", sectionText(s.checks.content))
	}
}

// A LinkedIn-Version LinkedIn no longer serves is named, with the served
// one offered; using it changes what Copy as… copies.
func TestRetiredVersionOffersTheServedOne(t *testing.T) {
	scopes := []string{"openid", "profile", "r_ads"}
	h := newHarness(t, withAppScopes(scopes...))
	h.fake.ServeVersions("202605")
	h.startWithToken(scopes)
	c := h.ui.connected.checks
	asked := linkedin.DefaultAPIVersion(testNow)
	if !c.version.Visible() || !strings.Contains(c.version.Text, "no longer serves LinkedIn-Version "+asked) || !strings.Contains(c.version.Text, "Use 202605") {
		t.Errorf("version = %q", c.version.Text)
	}
	if !c.useRow.Visible() || c.useIt.Text != "Use 202605" {
		t.Fatalf("the served version is not offered: %q", c.useIt.Text)
	}
	if ads := c.productLine(linkedin.ProductAdvertising); !strings.Contains(ads, "Works") {
		t.Errorf("Advertising, asked again with the served version: %q", ads)
	}
	test.Tap(c.useIt)
	if got := h.ui.apiVersion(); got != "202605" {
		t.Errorf("the window's LinkedIn-Version is %s", got)
	}
	if c.useRow.Visible() || !strings.Contains(c.version.Text, "now uses LinkedIn-Version 202605") {
		t.Errorf("after Use: %q", c.version.Text)
	}
	found := false
	for _, x := range h.ui.connected.handovers() {
		found = found || strings.Contains(x.text, "LinkedIn-Version: 202605")
	}
	if !found {
		t.Error("Copy as… does not use the served version")
	}
}

// A check that LinkedIn never answers leaves the window usable, says so
// quietly, is replaced by a newer one, and is cancelled when another
// connection is opened: its answer is never shown.
func TestCheckThatNeverAnswersDoesNotBlock(t *testing.T) {
	h := newHarness(t)
	h.connect()
	s := h.ui.connected
	h.fake.SetAPIDelay(time.Hour)
	test.Tap(s.check)
	test.Tap(s.check) // a newer check: the first is cancelled
	if s.checks.status.Text != "Checking…" {
		t.Errorf("status = %q", s.checks.status.Text)
	}
	// The UI goroutine (this test's) is free: the window answers at once.
	test.Tap(s.copyToken)
	if h.app.Clipboard().Content() != h.fake.Issued()[0].AccessToken {
		t.Error("Copy token did not copy while checking")
	}
	drained := time.After(time.Second)
	for done := false; !done; {
		select {
		case fn := <-h.uiQueue:
			fn()
		case <-drained:
			done = true
		}
	}
	if h.ui.inFlight != 1 {
		t.Fatalf("%d pieces of work in flight; want the newest check only", h.ui.inFlight)
	}

	st := h.openStore()
	ctx := context.Background()
	bID, err := st.Add(ctx, "B", oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect})
	if err != nil {
		t.Fatal(err)
	}
	h.fake.SetAPIDelay(0)
	begun := time.Now()
	h.ui.switchTo(bID)
	h.settle() // the hung check was cancelled: nothing waits for LinkedIn's hour
	if took := time.Since(begun); took > 5*time.Second {
		t.Errorf("switching took %s: the check was not cancelled", took)
	}
	if h.ui.state.connID != bID {
		t.Fatal("B is not shown")
	}
	if len(s.checks.products.Objects) != 0 || s.checks.status.Text != "" {
		t.Errorf("the old token's check shows: %q", sectionText(s.checks.content))
	}
}

// When LinkedIn cannot be asked (down), each line says so, and Retry asks
// again; nothing is said to be refused.
func TestCheckWhenLinkedInIsDownOffersRetry(t *testing.T) {
	h := newHarness(t)
	h.connect()
	c := h.ui.connected.checks
	h.fake.FailAPI(503, "text/html", "<html>Service Unavailable</html>")
	test.Tap(h.ui.connected.check)
	h.settle()
	if line := c.productLine(linkedin.ProductOpenID); !strings.Contains(line, "LinkedIn is down or busy") {
		t.Errorf("OpenID Connect: %q", line)
	}
	if !c.retry.Visible() {
		t.Fatal("no Retry")
	}
	if h.ui.connected.rejectedBox.Visible() {
		t.Error("a token LinkedIn could not be asked about is said to be rejected")
	}
	h.fake.FailAPI(0, "", "")
	test.Tap(c.retry)
	h.settle()
	if line := c.productLine(linkedin.ProductOpenID); !strings.Contains(line, "Works") || c.retry.Visible() {
		t.Errorf("after Retry: %q, Retry shown %v", line, c.retry.Visible())
	}
}

// pagePrograms are the Copy as… menu's programs that post as a Page (the
// Python ones reading the token from the environment), by title.
func pagePrograms(t *testing.T, c *connectedScreen) map[string]*fyne.MenuItem {
	t.Helper()
	out := map[string]*fyne.MenuItem{}
	for _, it := range item(t, c.copyAsMenu(), "Python (requests)", "Token from LINKEDIN_ACCESS_TOKEN").ChildMenu.Items {
		if strings.HasPrefix(it.Label, "Post as your Page") {
			out[it.Label] = it
		}
	}
	return out
}

// The Pages the check finds go to Copy as…: a post as each Page the member
// may post as (Super admin), named, whose program posts as that Page; none
// as a Page they only analyse. The answer is the token's: once another
// connection is shown, its Pages are not offered until its own check
// answers.
func TestCheckedPagesArePostedAsInCopyAs(t *testing.T) {
	scopes := []string{"openid", "profile", "rw_organization_admin", "w_organization_social"}
	h := newHarness(t, withAppScopes(scopes...))
	h.fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Corp", Role: "ADMINISTRATOR"},
		fakelinkedin.OrgPage{ID: 777, Name: "Beta Corp", Role: "ANALYST"})
	h.startWithToken(scopes)
	c := h.ui.connected
	pages := pagePrograms(t, c)
	it := pages["Post as your Page Acme Corp"]
	if it == nil || len(pages) != 1 {
		t.Fatalf("Copy as… offers %v; want a post as Acme Corp only", slices.Collect(maps.Keys(pages)))
	}
	it.Action()
	h.settle()
	if got := h.app.Clipboard().Content(); !strings.Contains(got, `"author": "urn:li:organization:2414183"`) || !strings.Contains(got, linkedin.EnvAccessToken) {
		t.Errorf("the program does not post as the Page:\n%s", got)
	}

	// Another connection, with a token that could post as the Page too.
	st := h.openStore()
	ctx := context.Background()
	set := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: scopes}
	bID, err := st.Add(ctx, "B", set)
	if err != nil {
		t.Fatal(err)
	}
	other := h.fake.Issue(testClientID, scopes)
	if err := st.Conn(bID).SaveToken(ctx, oauthflow.Token{AccessToken: other, ExpiresAt: testNow.Add(24 * time.Hour), Scopes: scopes}, ""); err != nil {
		t.Fatal(err)
	}
	h.ui.switchTo(bID)
	h.awaitState("B's token", func() bool { return h.ui.shows(other) })
	if pages := pagePrograms(t, c); len(pages) != 0 {
		t.Errorf("before B's check answers, Copy as… offers the other token's Pages: %v", slices.Collect(maps.Keys(pages)))
	}
	h.settle() // B's own check answers
	if pages := pagePrograms(t, c); pages["Post as your Page Acme Corp"] == nil {
		t.Errorf("after B's check, Copy as… offers %v", slices.Collect(maps.Keys(pages)))
	}
}

// At start the window asks who is connected (the name, the picture) and
// checks the token (which reads userinfo too) at once: LinkedIn is asked
// who it is once, and both show the answer.
func TestStartAsksWhoIsConnectedOnce(t *testing.T) {
	h := newHarness(t, withAppScopes(everyProduct...))
	h.fake.SetAPIDelay(time.Second) // LinkedIn answers after both asked, even on a busy machine
	h.startWithToken(everyProduct)
	h.settle()
	if n := h.fake.UserinfoCalls(); n != 1 {
		t.Errorf("userinfo was asked %d times at start; want once", n)
	}
	h.assertMember()
	s := h.ui.connected
	if !s.pictureBox.Visible() {
		t.Error("no picture")
	}
	if line := s.checks.productLine(linkedin.ProductOpenID); !strings.Contains(line, "Works") {
		t.Errorf("the check's userinfo line: %q", line)
	}
}
