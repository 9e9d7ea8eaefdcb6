// Command fakelinkedin runs the tests' fake LinkedIn as a process, for the
// smoke test, the benchmark and README screenshots of the real binary:
//
//	fakelinkedin -client-id ID -client-secret SECRET -redirect URL
//
// It prints its OAuth base URL (for LINKEDIN_OAUTH_URL) on the first line
// and serves until stopped. It listens on 127.0.0.1 only.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
)

func main() {
	id := flag.String("client-id", "78smoketest0001", "the app's client ID")
	secret := flag.String("client-secret", "smoke-test-secret", "the app's client secret")
	redirects := flag.String("redirect", "http://localhost:8765/callback", "authorized redirect URLs, comma-separated")
	scopes := flag.String("scopes", "openid,profile,email,w_member_social", "scopes the app's products allow, comma-separated")
	flag.Parse()

	s := fakelinkedin.Start(fakelinkedin.App{
		ClientID:     *id,
		ClientSecret: *secret,
		RedirectURLs: strings.Split(*redirects, ","),
		Scopes:       strings.Split(*scopes, ","),
	})
	defer s.Close()
	fmt.Println(s.OAuthURL())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
