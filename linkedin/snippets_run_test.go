package linkedin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/internal/codetest"
	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
	"github.com/tokendesk/tokendesk/linkedin"
)

// ran is what a snippet did: its exit code and what it printed, with the
// token taken out so that a failing test's log never shows it.
type ran struct {
	code           int
	stdout, stderr string
}

// runSnippet writes code to a file, as a person pasting it would, and runs
// it with the interpreter in an environment of PATH and HOME and env alone
// (no proxy variable sends it elsewhere).
func runSnippet(t *testing.T, interp string, lang linkedin.CodeLanguage, code, token string, env ...string) ran {
	t.Helper()
	name := "snippet.py"
	if lang == linkedin.JavaScript {
		name = "snippet.js"
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(code), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, interp, file)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	if runtime.GOOS == "windows" {
		cmd.Env = append(cmd.Env, "SYSTEMROOT="+os.Getenv("SYSTEMROOT"))
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := ran{stdout: redact(stdout.String(), token), stderr: redact(stderr.String(), token)}
	if ee := (*exec.ExitError)(nil); err != nil && !errors.As(err, &ee) {
		t.Fatalf("run %s: %v", lang, err)
	}
	r.code = cmd.ProcessState.ExitCode()
	return r
}

func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[the token]")
}

// TestSnippetsRunAsPasted is issue #20's "each snippet runs as pasted":
// every Python and JavaScript snippet, reading the token from
// LINKEDIN_ACCESS_TOKEN and with the token written in, runs unchanged with
// python3 and node against the fake LinkedIn (whose address the endpoints
// give it, as they give TokenDesk's own calls), and LinkedIn answers:
// who the member is; a post as the member and as their Page, which arrives
// with the author, the text and the LinkedIn-Version. When LinkedIn says
// no, the snippet says why and exits non-zero.
func TestSnippetsRunAsPasted(t *testing.T) {
	fake := fakelinkedin.Start()
	defer fake.Close()
	fake.SetPages(fakelinkedin.OrgPage{ID: 2414183, Name: "Acme", Role: "ADMINISTRATOR"})
	scopes := []string{"openid", "profile", "email", "w_member_social", "w_organization_social", "rw_organization_admin"}
	token := fake.Issue("app", scopes)
	e := linkedin.Endpoints{APIURL: fake.APIURL()}
	const text = "Hello (from) #TokenDesk: \"quotes\", 'apostrophes', ünïcode & a\\backslash"
	version := linkedin.DefaultAPIVersion(time.Now())
	examples := e.CodeExamples(scopes, linkedin.Authors{MemberID: fakelinkedin.DefaultMember.Sub, Pages: []string{"2414183"}}, text)
	if len(examples) != 3 {
		t.Fatalf("%d examples; want who you are, a post as the member, a post as the Page", len(examples))
	}
	for _, lang := range linkedin.CodeLanguages {
		t.Run(string(lang), func(t *testing.T) {
			interp := codetest.Interpreter(t, lang)
			for _, x := range examples {
				for _, inline := range []bool{false, true} {
					name := string(x.What)
					code, env := x.Code(lang, "", version), []string{linkedin.EnvAccessToken + "=" + token}
					if inline {
						name += ", token written in"
						code, env = x.Code(lang, token, version), nil
					}
					before := len(fake.Posts())
					r := runSnippet(t, interp, lang, code, token, env...)
					if r.code != 0 {
						t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s", name, r.code, r.stdout, r.stderr)
						continue
					}
					if x.Post == nil {
						var who struct{ Sub, Name string }
						if err := json.Unmarshal([]byte(r.stdout), &who); err != nil || who.Sub != fakelinkedin.DefaultMember.Sub || who.Name != fakelinkedin.DefaultMember.Name {
							t.Errorf("%s printed %q (%v); want userinfo's JSON", name, r.stdout, err)
						}
						continue
					}
					posts := fake.Posts()
					if len(posts) != before+1 {
						t.Errorf("%s: %d posts arrived", name, len(posts)-before)
						continue
					}
					p := posts[len(posts)-1]
					if p.Author != x.Post.Author || p.Commentary != linkedin.LittleText(text) || p.Version != version {
						t.Errorf("%s: arrived %+v; want author %s, text %q, version %s", name, p, x.Post.Author, linkedin.LittleText(text), version)
					}
					if got := strings.TrimSpace(r.stdout); got != "201 "+p.ID {
						t.Errorf("%s printed %q; want the status and the post's URN, 201 %s", name, got, p.ID)
					}
				}
			}

			post := examples[1]
			// LINKEDIN_VERSION, as `tokendesk run` sets it, wins over the default.
			before := len(fake.Posts())
			r := runSnippet(t, interp, lang, post.Code(lang, "", version), token, linkedin.EnvAccessToken+"="+token, linkedin.EnvVersion+"=202610")
			if posts := fake.Posts(); r.code != 0 || len(posts) != before+1 || posts[len(posts)-1].Version != "202610" {
				t.Errorf("with %s=202610: exit %d, %s", linkedin.EnvVersion, r.code, r.stderr)
			}

			// No token in the environment: it says which variable, and
			// nothing is sent.
			r = runSnippet(t, interp, lang, post.Code(lang, "", version), token)
			if r.code == 0 || !strings.Contains(r.stderr, linkedin.EnvAccessToken) || len(fake.Posts()) != before+1 {
				t.Errorf("without %s: exit %d, stderr %q", linkedin.EnvAccessToken, r.code, r.stderr)
			}

			// LinkedIn refuses (a token without Share on LinkedIn; a retired
			// version): the status and LinkedIn's answer, and a failure exit.
			signInOnly := fake.Issue("app", []string{"openid", "profile"})
			for _, refused := range []struct {
				name, token, version, want string
			}{
				{"a token that cannot post", signInOnly, version, "403"},
				{"a retired version", token, "202201", "426"},
			} {
				r = runSnippet(t, interp, lang, post.Code(lang, refused.token, refused.version), refused.token)
				if r.code == 0 || !strings.Contains(r.stderr, refused.want) || !strings.Contains(r.stderr, "serviceErrorCode") && refused.want == "403" {
					t.Errorf("%s: exit %d, stderr %q; want a failure that says %s", refused.name, r.code, redact(r.stderr, signInOnly), refused.want)
				}
			}
			if len(fake.Posts()) != before+1 {
				t.Errorf("a refused post was recorded")
			}
		})
	}
}
