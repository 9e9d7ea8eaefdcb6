package cli

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
)

// Review 2: the terminal's step after a failed sign-in names the command
// without the flags the person gave ("tokendesk login", or "tokendesk login
// --connection Acme"). The sign-in that failed saved nothing, so on a first
// login (nothing saved yet), or for a new connection, the settings live
// only in those flags: the command the step says to run again cannot
// work; it stops at once with "The Client ID is empty" (exit 2).
func TestStepAfterAFailedFirstLoginCanBeRunAsSaid(t *testing.T) {
	for _, tc := range []struct{ name, connection string }{
		{"first login", ""},
		{"new connection", "Acme"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newLoginEnv(t)
			e.fake.SetDecision(fakelinkedin.CancelAuthorize)
			args := []string{"--client-id", clientID, "--redirect-url", e.redirect}
			if tc.connection != "" {
				args = append([]string{"--connection", tc.connection}, args...)
			}
			wait := e.login(context.Background(), args...)
			if _, err := fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), e.authURL(t)); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := wait()
			m := regexp.MustCompile(`Run "tokendesk ([^"]+)" again\.`).FindStringSubmatch(errOut)
			if code != ExitNoUse || m == nil {
				t.Fatalf("login = %d, no step to run:\n%s", code, errOut)
			}
			// Run it, as the person is told to (the member allows this time).
			e.fake.SetDecision(fakelinkedin.Approve)
			again := e.login(context.Background(), strings.Fields(m[1])[1:]...)
			code2, _, errOut2 := func() (int, string, string) {
				done := make(chan struct{})
				var c int
				var o, s string
				go func() { c, o, s = again(); close(done) }()
				select {
				case u := <-e.opened:
					_, _ = fakelinkedin.NewBrowser("127.0.0.1").Open(context.Background(), u)
				case <-done:
				}
				<-done
				return c, o, s
			}()
			if code2 == ExitUsage {
				t.Errorf("the step says %q; running it gives exit %d:\n%s", m[0], code2, errOut2)
			}
		})
	}
}
