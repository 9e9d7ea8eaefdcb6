package connection_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// marketer is every permission of the products a check reads.
var marketer = []string{"openid", "profile", "email", "w_member_social", "r_organization_admin", "r_ads",
	"r_marketing_leadgen_automation", "rw_conversions", "r_events"}

// checksWorld is world with an app that has the marketing products, a
// Page administered and an ad account, and a token of scopes saved (with
// its expiry and permissions unless bare).
func checksWorld(t *testing.T, scopes []string, bare bool) (*fakelinkedin.Server, *connection.Connection, *store.Conn, store.SavedToken) {
	t.Helper()
	fake, c, st := world(t, false)
	fake2 := fakelinkedin.Start(fakelinkedin.App{ClientID: app.ClientID, ClientSecret: app.ClientSecret, Scopes: marketer})
	t.Cleanup(fake2.Close)
	fake.Close()
	c = connection.New(st, linkedin.Endpoints{OAuthURL: fake2.OAuthURL(), APIURL: fake2.APIURL()}, nil)
	fake2.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme Marketing", Role: "ADMINISTRATOR"})
	fake2.SetAdAccounts(fakelinkedin.AdAccount{ID: 512345678, Name: "Acme Ads", Role: "CAMPAIGN_MANAGER"})
	issued := fake2.Issue(app.ClientID, scopes)
	tok := store.SavedToken{Token: oauthflow.Token{AccessToken: issued}}
	if !bare {
		tok.ExpiresAt, tok.Scopes = time.Now().Add(30*24*time.Hour), slices.Clone(scopes)
	}
	if err := st.SaveToken(context.Background(), tok.Token, ""); err != nil {
		t.Fatal(err)
	}
	return fake2, c, st, tok
}

func TestStatus(t *testing.T) {
	ctx := context.Background()
	t.Run("valid, asked", func(t *testing.T) {
		_, c, _, tok := checksWorld(t, marketer, false)
		st := c.Status(ctx, app, tok, false)
		if st.State != connection.StateValid || st.Source != connection.ExpiryFromLinkedIn || !st.Inspected || st.AskErr != nil || st.ExpiresAt.IsZero() {
			t.Errorf("Status = %+v", st)
		}
	})
	t.Run("revoked", func(t *testing.T) {
		fake, c, _, tok := checksWorld(t, marketer, false)
		fake.Revoke(tok.AccessToken)
		st := c.Status(ctx, app, tok, false)
		if st.State != connection.StateRejected || st.Rejection != connection.RejectedRevoked || st.Source != connection.ExpiryFromLinkedIn {
			t.Errorf("a revoked token: %+v", st)
		}
		// Offline, what is saved answers, and says so.
		st = c.Status(ctx, app, tok, true)
		if st.State != connection.StateValid || st.Source != connection.ExpiryFromSaved || st.Inspected || st.AskErr != nil {
			t.Errorf("offline: %+v", st)
		}
	})
	t.Run("unknown to LinkedIn", func(t *testing.T) {
		_, c, _, tok := checksWorld(t, marketer, false)
		tok.AccessToken = "AQVnot-a-token"
		if st := c.Status(ctx, app, tok, false); st.State != connection.StateRejected || st.Rejection != connection.RejectedUnknown {
			t.Errorf("a token LinkedIn does not know: %+v", st)
		}
	})
	t.Run("LinkedIn down", func(t *testing.T) {
		fake, c, _, tok := checksWorld(t, marketer, false)
		fake.FailAPI(http.StatusServiceUnavailable, "text/plain", "down")
		st := c.Status(ctx, app, tok, false)
		if st.State != connection.StateValid || st.Source != connection.ExpiryFromSaved || !errors.Is(st.AskErr, &oauthflow.Error{Kind: oauthflow.KindLinkedInDown}) {
			t.Errorf("LinkedIn down: %+v", st)
		}
	})
	t.Run("no client secret", func(t *testing.T) {
		_, c, _, tok := checksWorld(t, marketer, false)
		st := c.Status(ctx, oauthflow.Settings{ClientID: app.ClientID}, tok, false)
		if !errors.Is(st.AskErr, connection.ErrNoClientSecret) || st.Source != connection.ExpiryFromSaved {
			t.Errorf("without the secret: %+v", st)
		}
	})
	t.Run("expiry learned and kept", func(t *testing.T) {
		_, c, kept, tok := checksWorld(t, marketer, true)
		if st := c.Status(ctx, app, tok, true); st.State != connection.StateUnknown {
			t.Errorf("offline, no expiry saved: %+v", st)
		}
		st := c.Status(ctx, app, tok, false)
		if st.State != connection.StateValid || st.Source != connection.ExpiryFromLinkedIn || len(st.Scopes) != len(marketer) {
			t.Errorf("asked: %+v", st)
		}
		if s := saved(t, kept); s == nil || !s.ExpiresAt.Equal(st.ExpiresAt) {
			t.Errorf("the expiry LinkedIn said was not kept: %v", s)
		}
	})
}

func TestWhatWorksUseCase(t *testing.T) {
	ctx := context.Background()
	t.Run("works", func(t *testing.T) {
		fake, c, _, tok := checksWorld(t, marketer, false)
		w := c.WhatWorks(ctx, app, tok, "")
		if w.Rejected() || w.Status.State != connection.StateValid || w.MemberURN != "urn:li:person:"+fakelinkedin.DefaultMember.Sub {
			t.Errorf("WhatWorks = %+v", w)
		}
		for _, p := range w.Products {
			if p.Outcome != linkedin.OutcomeWorks {
				t.Errorf("%s: %+v", p.Product, p)
			}
		}
		if len(w.Pages) != 1 || w.Pages[0].URN != "urn:li:organization:2414183" || len(w.AdAccounts) != 1 || w.AdAccounts[0].ID != "512345678" {
			t.Errorf("the IDs: %+v %+v", w.Pages, w.AdAccounts)
		}
		for _, call := range fake.RestCalls() {
			if call.Method != http.MethodGet {
				t.Errorf("a check wrote: %+v", call)
			}
		}
	})
	t.Run("revoked", func(t *testing.T) {
		fake, c, _, tok := checksWorld(t, marketer, false)
		fake.Revoke(tok.AccessToken)
		w := c.WhatWorks(ctx, app, tok, "")
		if !w.Rejected() || w.Status.Rejection != connection.RejectedRevoked || !w.Abilities.Rejected {
			t.Errorf("a revoked token: %+v", w)
		}
		// Share on LinkedIn's permission is still listed: it does not work.
		if p, _ := w.Product(linkedin.ProductShare); p.Outcome != linkedin.OutcomeDenied || p.Denial != linkedin.DeniedTokenRejected {
			t.Errorf("Share with a revoked token: %+v", p)
		}
	})
	t.Run("permissions not saved: LinkedIn's list decides", func(t *testing.T) {
		fake, c, _, tok := checksWorld(t, []string{"openid", "profile"}, true)
		w := c.WhatWorks(ctx, app, tok, "")
		want := map[string]linkedin.Outcome{linkedin.ProductOpenID: linkedin.OutcomeWorks, linkedin.ProductShare: linkedin.OutcomeNotAsked,
			linkedin.ProductCommunityManagement: linkedin.OutcomeNotAsked, linkedin.ProductAdvertising: linkedin.OutcomeNotAsked}
		for id, o := range want {
			if p, _ := w.Product(id); p.Outcome != o {
				t.Errorf("%s: %+v, want %s", id, p, o)
			}
		}
		if n := len(fake.RestCalls()); n != 0 {
			t.Errorf("%d reads the permissions do not cover were made", n)
		}
	})
	t.Run("Share answered by the Token Inspector", func(t *testing.T) {
		_, c, _, tok := checksWorld(t, []string{"openid", "profile"}, false)
		tok.Scopes = []string{"openid", "profile", "w_member_social"} // saved wrong: LinkedIn's list wins
		w := c.WhatWorks(ctx, app, tok, "")
		if p, _ := w.Product(linkedin.ProductShare); p.Outcome != linkedin.OutcomeNotAsked {
			t.Errorf("Share: %+v", p)
		}
	})
}

// The window asks who is connected and checks the token at the same
// moment: LinkedIn's userinfo is asked once, and both get the answer (the
// name kept, the check's OpenID line and member URN). An asker that gives
// up stops only its own wait; one that comes after asks again.
func TestWhoIsAndWhatWorksAskUserinfoOnce(t *testing.T) {
	ctx := context.Background()
	fake, c, st, tok := checksWorld(t, marketer, false)
	fake.SetAPIDelay(300 * time.Millisecond) // both are under way before LinkedIn answers
	var m connection.Member
	var werr error
	var w connection.WhatWorks
	var wg sync.WaitGroup
	wg.Go(func() { m, werr = c.WhoIs(ctx, tok) })
	wg.Go(func() { w = c.WhatWorks(ctx, app, tok, "") })
	wg.Wait()
	if n := fake.UserinfoCalls(); n != 1 {
		t.Errorf("userinfo was asked %d times; want once", n)
	}
	if werr != nil || m.Name != fakelinkedin.DefaultMember.Name || len(m.Picture) == 0 {
		t.Fatalf("WhoIs = %+v, %v", m.Member, werr)
	}
	if s := saved(t, st); s == nil || s.Account != m.Name || s.MemberID != fakelinkedin.DefaultMember.Sub {
		t.Errorf("the name or the member's ID was not kept: %+v", s)
	}
	if p, _ := w.Product(linkedin.ProductOpenID); p.Outcome != linkedin.OutcomeWorks || w.MemberURN != "urn:li:person:"+fakelinkedin.DefaultMember.Sub {
		t.Errorf("the check's userinfo: %+v, %q", p, w.MemberURN)
	}

	// The first asker gives up early; the second still gets the answer.
	fake.SetAPIDelay(time.Second)
	before := fake.UserinfoCalls()
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	var first error
	wg.Go(func() { _, first = c.WhoIs(short, tok) })
	time.Sleep(30 * time.Millisecond) // the first is asking
	m, werr = c.WhoIs(ctx, tok)
	wg.Wait()
	if first == nil || werr != nil || m.Name != fakelinkedin.DefaultMember.Name {
		t.Errorf("the one who gave up: %v; the other: %+v, %v", first, m.Member, werr)
	}
	if n := fake.UserinfoCalls() - before; n != 2 {
		t.Errorf("userinfo asked %d times; want twice (the second asks again once the first gave up)", n)
	}
}
