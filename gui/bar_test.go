package gui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/tokendesk/tokendesk/oauthflow"
)

// The bar lists the most urgent first (expired, then expiring soonest,
// then valid, then not connected), the soonest expiry is what the start-up
// notification is about, and another connection's urgent token is one
// click away.
func TestMostUrgentFirst(t *testing.T) {
	h := newHarness(t)
	h.closeWindow()
	s := h.openStore()
	ctx := context.Background()
	set := oauthflow.Settings{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURL: h.redirect, Scopes: []string{"openid", "profile"}}
	for _, c := range []struct {
		name    string
		expires time.Duration // 0: not connected
	}{
		{"Valid", 40 * 24 * time.Hour}, {"Nothing yet", 0}, {"Expired", -time.Hour}, {"Soon", 3 * 24 * time.Hour}, {"Sooner", 2 * 24 * time.Hour},
	} {
		id, err := s.Add(ctx, c.name, set)
		if err != nil {
			t.Fatal(err)
		}
		if c.expires != 0 {
			tok := oauthflow.Token{AccessToken: "AQV-" + c.name, ExpiresAt: testNow.Add(c.expires), Scopes: set.Scopes}
			if err := s.Conn(id).SaveToken(ctx, tok, "Member "+c.name); err != nil {
				t.Fatal(err)
			}
		}
	}
	valid, _ := s.List(ctx)
	v, _ := valid.Find("Valid")
	if err := s.SetCurrent(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	h.start()

	var names []string
	for _, o := range h.ui.bar.pick.Options {
		names = append(names, strings.SplitN(o, " — ", 2)[0])
	}
	want := []string{"Expired", "Sooner", "Soon", "Valid", "default", "Nothing yet"}
	if !slices.Equal(names, want) {
		t.Errorf("bar order %v; want %v", names, want)
	}
	if o := h.ui.bar.pick.Options[1]; o != "Sooner — Member Sooner, 2 days left" {
		t.Errorf("state of Sooner = %q", o)
	}
	// Its name first, as every language says it, and one full stop.
	if n := h.notifications(); len(n) != 1 || !strings.HasPrefix(n[0].Content, "Expired: ") || strings.Contains(n[0].Content, "..") {
		t.Errorf("notification %+v; want one, about the soonest expiry", n)
	}
	if !h.ui.bar.urgent.Visible() || !strings.HasPrefix(h.ui.bar.urgent.Text, "Expired:") {
		t.Errorf("urgent button %q (visible %v)", h.ui.bar.urgent.Text, h.ui.bar.urgent.Visible())
	}
	test.Tap(h.ui.bar.urgent)
	h.settle()
	if h.ui.state.token == nil || h.ui.state.token.AccessToken != "AQV-Expired" {
		t.Error("the urgent button does not show that connection")
	}
}
