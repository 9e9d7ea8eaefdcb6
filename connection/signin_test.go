package connection_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// From review: "oauthflow.Token and oauthflow.Settings redact their secrets for
// every fmt verb": not inside an unexported field, which fmt prints without
// asking the value's Format. A SignIn (what Begin returns, and what a front
// end may log or put in an error with %v/%+v) keeps the checked settings in
// its unexported field set: the client secret is printed.
func TestSignInNeverPrintsTheClientSecret(t *testing.T) {
	fake, _, _ := world(t, false)
	si, err := connection.Begin(context.Background(), nil, linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()},
		store.Into{ID: store.DefaultConnection}, app, oauthflow.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer si.Close()
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("sign-in", "si", si)
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		if out := fmt.Sprintf(verb, si); strings.Contains(out, app.ClientSecret) {
			t.Errorf("fmt %s of a SignIn prints the client secret: %.200s…", verb, out)
		}
	}
	if strings.Contains(logged.String(), app.ClientSecret) {
		t.Errorf("slog of a SignIn prints the client secret")
	}
	// Its exported Flow, which the front ends hold (the window's state.signIn).
	if out := fmt.Sprintf("%+v", si.Flow); strings.Contains(out, app.ClientSecret) {
		t.Errorf("fmt %%+v of a SignIn's Flow prints the client secret: %.200s…", out)
	}
}
