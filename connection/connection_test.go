package connection_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/memkeyring"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

var app = oauthflow.Settings{ClientID: "78conn", ClientSecret: "conn-secret", RedirectURL: pasteRedirect, Scopes: []string{"openid"}}

const pasteRedirect = "https://example.com/linkedin/callback"

// world is the fake LinkedIn and a real store in a folder of its own, on a
// keychain in memory: these tests are not about the keychain.
func world(t *testing.T, refresh bool) (*fakelinkedin.Server, *connection.Connection, *store.Conn) {
	t.Helper()
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: app.ClientID, ClientSecret: app.ClientSecret,
		RedirectURLs: []string{pasteRedirect}, Scopes: []string{"openid", "profile", "email"}, Refresh: refresh})
	t.Cleanup(fake.Close)
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	opts := store.Options{Dir: t.TempDir(), Service: "TokenDesk-conntest-" + hex.EncodeToString(b), Keyring: memkeyring.New(), Timeout: 20 * time.Second}
	s, _, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.ForgetEverything(context.Background()) })
	st := s.Conn(store.DefaultConnection)
	return fake, connection.New(st, linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, nil), st
}

func saved(t *testing.T, st *store.Conn) *store.SavedToken {
	t.Helper()
	s, err := st.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Token
}

// TestCheckFillsInWhatWasNotKnown: a token imported without an expiry
// learns it from the Token Inspector, and keeps it.
func TestCheckFillsInWhatWasNotKnown(t *testing.T) {
	fake, c, st := world(t, false)
	ctx := context.Background()
	tok := store.SavedToken{Token: oauthflow.Token{AccessToken: fake.Issue(app.ClientID, []string{"openid", "profile"})}}
	if err := st.SaveToken(ctx, tok.Token, ""); err != nil {
		t.Fatal(err)
	}
	got, err := c.Check(ctx, app, tok)
	if err != nil || !got.Usable() || !got.Learned || got.Token.ExpiresAt.IsZero() || len(got.Token.Scopes) != 2 {
		t.Fatalf("Check = %+v, %v", got, err)
	}
	if s := saved(t, st); s == nil || !s.ExpiresAt.Equal(got.Token.ExpiresAt) {
		t.Errorf("what was learned was not kept: %v", s)
	}
	// Asked again about a token that was cleared meanwhile: nothing comes back.
	if err := c.Clear(ctx, tok.AccessToken); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Check(ctx, app, tok); err != nil {
		t.Fatal(err)
	}
	if s := saved(t, st); s != nil {
		t.Errorf("a check after Clear brought the token back: %v", s)
	}
}

// connect gets a token the way the window does, through the paste flow.
func connect(t *testing.T, c *connection.Connection) oauthflow.Token {
	t.Helper()
	ctx := context.Background()
	f, err := oauthflow.Begin(ctx, oauthflow.Config{Settings: app, Endpoint: c.Endpoints.Flow()})
	if err != nil {
		t.Fatal(err)
	}
	addr, err := fakelinkedin.NewBrowser("127.0.0.1").RedirectTarget(ctx, f.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SubmitPaste(addr); err != nil {
		t.Fatal(err)
	}
	tok, err := f.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestRenew: the renewed token is saved in place of the old one, and only
// while the old one is still the saved one.
func TestRenew(t *testing.T) {
	_, c, st := world(t, true)
	ctx := context.Background()
	first := store.SavedToken{Token: connect(t, c), Account: "Ada"}
	if err := st.SaveToken(ctx, first.Token, first.Account); err != nil {
		t.Fatal(err)
	}
	if !connection.Renewable(first, time.Now()) {
		t.Fatal("a token with a refresh token is not renewable")
	}
	renewed, err := c.Renew(ctx, app, first)
	if err != nil || renewed.AccessToken == first.AccessToken || renewed.Account != "Ada" {
		t.Fatalf("Renew = %v, %v", renewed.Token, err)
	}
	if s := saved(t, st); s == nil || s.AccessToken != renewed.AccessToken {
		t.Fatal("the renewed token was not saved")
	}
	// A renewal of a token cleared meanwhile saves nothing.
	if err := st.ClearToken(ctx, renewed.AccessToken); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Renew(ctx, app, renewed); !errors.Is(err, store.ErrTokenChanged) {
		t.Fatalf("Renew after Clear = %v, want ErrTokenChanged", err)
	}
	if s := saved(t, st); s != nil {
		t.Fatal("a renewal after Clear brought a token back")
	}
	// LinkedIn refuses a refresh token it does not know: nothing changes.
	unknown := store.SavedToken{Token: oauthflow.Token{AccessToken: "AQVx", RefreshToken: "AQXnot-known"}}
	if _, err := c.Renew(ctx, app, unknown); !errors.Is(err, oauthflow.ErrTokenRejected) {
		t.Fatalf("Renew with an unknown refresh token = %v", err)
	}
}

// TestWhoIsKeepsTheName: the member's name and LinkedIn ID (the author of
// a post as them) are kept with the token, with their picture fetched.
func TestWhoIsKeepsTheName(t *testing.T) {
	fake, c, st := world(t, false)
	ctx := context.Background()
	tok := store.SavedToken{Token: oauthflow.Token{AccessToken: fake.Issue(app.ClientID, []string{"openid", "profile", "email"}), ExpiresAt: time.Now().Add(time.Hour)}}
	if err := st.SaveToken(ctx, tok.Token, ""); err != nil {
		t.Fatal(err)
	}
	m, err := c.WhoIs(ctx, tok)
	if err != nil || m.Name != fakelinkedin.DefaultMember.Name || len(m.Picture) == 0 {
		t.Fatalf("WhoIs = %+v, %v", m.Member, err)
	}
	if s := saved(t, st); s == nil || s.Account != m.Name || s.MemberID != fakelinkedin.DefaultMember.Sub {
		t.Errorf("the name or the member's ID was not kept: %+v", s)
	}
}
