package linkedin_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/internal/loopbacktest"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/words"
)

// app is the fake's LinkedIn app, as the window's settings hold it.
var app = oauthflow.Settings{ClientID: "78acct", ClientSecret: "s"}

func newFake(t *testing.T) (*fakelinkedin.Server, *linkedin.Client) {
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: app.ClientID, ClientSecret: app.ClientSecret})
	t.Cleanup(fake.Close)
	return fake, linkedin.NewClient(linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()})
}

func TestWhoIsConnected(t *testing.T) {
	fake, client := newFake(t)
	token := fake.Issue("78acct", []string{"openid", "profile", "email"})
	m, err := client.WhoIsConnected(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	want := fakelinkedin.DefaultMember
	if m.Name != want.Name || m.Email != want.Email || !m.EmailVerified || m.ID != want.Sub || m.PictureURL == "" {
		t.Errorf("member = %+v", m)
	}
	pic, err := client.Picture(context.Background(), m.PictureURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := image.Decode(bytes.NewReader(pic)); err != nil {
		t.Errorf("picture does not decode: %v", err)
	}

	// Without the email permission there is no email.
	noEmail := fake.Issue("78acct", []string{"openid", "profile"})
	if m, err := client.WhoIsConnected(context.Background(), noEmail); err != nil || m.Email != "" || m.Name != want.Name {
		t.Errorf("without email: %+v, %v", m, err)
	}
}

func TestWhoIsConnectedFailures(t *testing.T) {
	tests := []struct {
		name  string
		token func(f *fakelinkedin.Server) string
		setup func(f *fakelinkedin.Server)
		want  *oauthflow.Error
		says  string
	}{
		{name: "unknown token", token: func(*fakelinkedin.Server) string { return "AQVnot-a-token" }, want: oauthflow.ErrTokenRejected},
		{name: "revoked", token: func(f *fakelinkedin.Server) string {
			tok := f.Issue("78acct", []string{"openid", "profile"})
			f.Revoke(tok)
			return tok
		}, want: oauthflow.ErrTokenRejected, says: "revoked"},
		{name: "expired", token: func(f *fakelinkedin.Server) string {
			tok := f.Issue("78acct", []string{"openid", "profile"})
			later := time.Now().Add(61 * 24 * time.Hour)
			f.SetClock(func() time.Time { return later })
			return tok
		}, want: oauthflow.ErrTokenRejected, says: "expired"},
		{name: "only w_member_social", token: func(f *fakelinkedin.Server) string { return f.Issue("78acct", []string{"w_member_social"}) },
			want: linkedin.ErrNotAllowed, says: "openid and profile"},
		{name: "LinkedIn down", setup: func(f *fakelinkedin.Server) { f.FailAPI(503, "text/html", "<html>down</html>") }, want: oauthflow.ErrLinkedInDown},
		{name: "garbage", setup: func(f *fakelinkedin.Server) { f.FailAPI(200, "application/json", `{"na`) }, want: oauthflow.ErrLinkedInError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, client := newFake(t)
			token := fake.Issue("78acct", []string{"openid", "profile"})
			if tt.token != nil {
				token = tt.token(fake)
			}
			if tt.setup != nil {
				tt.setup(fake)
			}
			_, err := client.WhoIsConnected(context.Background(), token)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %s", err, tt.want.Kind)
			}
			msg, hint, _ := words.Explain(err)
			if msg == "" || hint == "" || !strings.Contains(msg+hint, tt.says) {
				t.Errorf("words = %q / %q, want %q", msg, hint, tt.says)
			}
			if strings.Contains(err.Error(), token) {
				t.Error("the error shows the token")
			}
		})
	}
	t.Run("slow", func(t *testing.T) {
		fake, client := newFake(t)
		fake.SetAPIDelay(5 * time.Second)
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := client.WhoIsConnected(ctx, fake.Issue("78acct", []string{"openid", "profile"}))
		if !errors.Is(err, oauthflow.ErrTimeout) || time.Since(start) > 3*time.Second {
			t.Fatalf("err = %v after %v", err, time.Since(start))
		}
		_, err = client.Inspect(ctx, app, "AQVx")
		if !errors.Is(err, oauthflow.ErrTimeout) {
			t.Fatalf("Inspect: %v", err)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		client := linkedin.NewClient(linkedin.Endpoints{APIURL: fmt.Sprintf("http://127.0.0.1:%d", loopbacktest.FreePort(t))})
		_, err := client.WhoIsConnected(context.Background(), "AQVx")
		if !errors.Is(err, oauthflow.ErrNetwork) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestMissingForWho(t *testing.T) {
	if m := linkedin.MissingForWho([]string{"openid", "profile", "email"}); m != nil {
		t.Errorf("missing %v", m)
	}
	if m := linkedin.MissingForWho([]string{"w_member_social", "openid"}); len(m) != 1 || m[0] != "profile" {
		t.Errorf("missing %v", m)
	}
}
