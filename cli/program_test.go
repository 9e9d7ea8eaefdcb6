package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/codetest"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
	"github.com/tokendesk/tokendesk/oauthflow"
)

// TestProgramsRunWithRun is issue #20's way together: the program `token
// --format python|javascript --post` prints, saved to a file as it is,
// posts as the member when `tokendesk run` starts it, with the token and
// the LinkedIn-Version run gives it, against the fake LinkedIn.
func TestProgramsRunWithRun(t *testing.T) {
	scopes := []string{"openid", "profile", "w_member_social"}
	fake := fakelinkedin.Start(fakelinkedin.App{ClientID: clientID, ClientSecret: clientSecret,
		RedirectURLs: []string{"http://localhost:8765/callback"}, Scopes: scopes})
	t.Cleanup(fake.Close)
	// The constants the programs read are the ones run sets.
	if EnvAccessToken != linkedin.EnvAccessToken || EnvAPIVersion != linkedin.EnvVersion {
		t.Fatalf("run sets %s and %s; the programs read %s and %s", EnvAccessToken, EnvAPIVersion, linkedin.EnvAccessToken, linkedin.EnvVersion)
	}
	for _, lang := range linkedin.CodeLanguages {
		t.Run(string(lang), func(t *testing.T) {
			interp := codetest.Interpreter(t, lang)
			o := testStore(t)
			o.Stdin = strings.NewReader("")
			o.Endpoints, o.Now = linkedin.Endpoints{OAuthURL: fake.OAuthURL(), APIURL: fake.APIURL()}, time.Now
			tok := fake.Issue(clientID, scopes)
			save(t, o, oauthflow.Token{AccessToken: tok, ExpiresAt: time.Now().Add(59 * 24 * time.Hour), Scopes: scopes}, "")
			learnMemberOf(t, o, tok, fakelinkedin.DefaultMember.Sub)

			code, program, errOut := run(o, "token", "--format", string(lang), "--post", "--text", "Hiring: "+string(lang))
			if code != ExitOK || errOut != "" {
				t.Fatalf("token --format %s --post = %d, %q", lang, code, errOut)
			}
			file := filepath.Join(t.TempDir(), "post")
			if err := os.WriteFile(file, []byte(program), 0o600); err != nil {
				t.Fatal(err)
			}
			before := len(fake.Posts())
			code, out, errOut := run(o, "run", "--", interp, file)
			posts := fake.Posts()
			if code != ExitOK || len(posts) != before+1 {
				t.Fatalf("run -- %s post = %d, %d posts, stdout %q, stderr %q", lang, code, len(posts)-before,
					strings.ReplaceAll(out, tok, "[the token]"), strings.ReplaceAll(errOut, tok, "[the token]"))
			}
			p := posts[len(posts)-1]
			if p.Author != "urn:li:person:"+fakelinkedin.DefaultMember.Sub || p.Commentary != "Hiring: "+string(lang) ||
				p.Version != linkedin.DefaultAPIVersion(time.Now()) || strings.TrimSpace(out) != "201 "+p.ID {
				t.Errorf("arrived %+v; the program said %q", p, out)
			}
		})
	}
}
