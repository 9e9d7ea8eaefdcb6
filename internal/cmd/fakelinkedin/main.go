// Command fakelinkedin runs the tests' fake LinkedIn as a process, for the
// smoke test, the benchmark and README screenshots of the real binary:
//
//	fakelinkedin -client-id ID -client-secret SECRET -redirect URL
//
// It prints its OAuth base URL (for LINKEDIN_OAUTH_URL) on the first line
// and serves until stopped. It listens on 127.0.0.1 only. With -log FILE it
// writes the method and path of each request there (never the query or a
// header, where codes and tokens are), so a test can see what the app asked.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/tokendesk/tokendesk/internal/fakelinkedin"
)

func main() {
	id := flag.String("client-id", "78smoketest0001", "the app's client ID")
	secret := flag.String("client-secret", "smoke-test-secret", "the app's client secret")
	redirects := flag.String("redirect", "http://localhost:8765/callback", "authorized redirect URLs, comma-separated")
	scopes := flag.String("scopes", "openid,profile,email,w_member_social", "scopes the app's products allow, comma-separated")
	logTo := flag.String("log", "", "a file to write each request's method and path to")
	flag.Parse()

	s := fakelinkedin.Start(fakelinkedin.App{
		ClientID:     *id,
		ClientSecret: *secret,
		RedirectURLs: strings.Split(*redirects, ","),
		Scopes:       strings.Split(*scopes, ","),
	})
	defer s.Close()
	if *logTo != "" {
		f, err := os.Create(*logTo)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fakelinkedin:", err)
			os.Exit(1)
		}
		defer f.Close()
		// Set before the URL is printed: nothing can have connected yet.
		s.Config.Handler = logRequests(s.Config.Handler, f)
	}
	fmt.Println(s.OAuthURL())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}

// logRequests writes "METHOD PATH" for each request to w.
func logRequests(next http.Handler, w io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fmt.Fprintf(w, "%s %s\n", r.Method, r.URL.Path)
		mu.Unlock()
		next.ServeHTTP(rw, r)
	})
}
