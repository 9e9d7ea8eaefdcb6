// Command fakelinkedin runs the tests' fake LinkedIn as a process, for the
// smoke test, the benchmark and README screenshots of the real binary:
//
//	fakelinkedin -client-id ID -client-secret SECRET -redirect URL
//
// It prints its OAuth base URL (for LINKEDIN_OAUTH_URL) on the first line
// and serves until stopped. It listens on 127.0.0.1 only. With -log FILE it
// writes the method and path of each request there (never the query or a
// header, where codes and tokens are), so a test can see what the app asked.
//
// The member's Pages and ad accounts, for TokenDesk's checks (#19):
//
//	-pages "2414183:Acme Marketing:ADMINISTRATOR,777:Beta Corp:ANALYST"
//	-ad-accounts "512345678:Acme Ads:ACCOUNT_MANAGER"
//
// and POST /_fake/revoke-all makes LinkedIn stop accepting every token it
// issued so far, as when the member removes the app in their settings.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strconv"
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
	pages := flag.String("pages", "", "the member's Pages, ID:NAME:ROLE, comma-separated")
	accounts := flag.String("ad-accounts", "", "the member's ad accounts, ID:NAME:ROLE, comma-separated")
	flag.Parse()
	var orgs []fakelinkedin.OrgPage
	var ads []fakelinkedin.AdAccount
	for _, f := range []struct {
		value string
		add   func(id int64, name, role string)
	}{
		{*pages, func(id int64, name, role string) {
			orgs = append(orgs, fakelinkedin.OrgPage{ID: id, Name: name, Role: role, Events: 1})
		}},
		{*accounts, func(id int64, name, role string) {
			ads = append(ads, fakelinkedin.AdAccount{ID: id, Name: name, Role: role, LeadForms: 1, Conversions: 1})
		}},
	} {
		for _, item := range strings.Split(f.value, ",") {
			if strings.TrimSpace(item) == "" {
				continue
			}
			parts := strings.Split(item, ":")
			id, err := strconv.ParseInt(parts[0], 10, 64)
			if len(parts) != 3 || err != nil {
				fmt.Fprintf(os.Stderr, "fakelinkedin: %q is not ID:NAME:ROLE\n", item)
				os.Exit(2)
			}
			f.add(id, parts[1], parts[2])
		}
	}

	s := fakelinkedin.Start(fakelinkedin.App{
		ClientID:     *id,
		ClientSecret: *secret,
		RedirectURLs: strings.Split(*redirects, ","),
		Scopes:       strings.Split(*scopes, ","),
	})
	defer s.Close()
	s.SetPages(orgs...)
	s.SetAdAccounts(ads...)
	s.Config.Handler = testEndpoints(s, s.Config.Handler)
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

// testEndpoints adds what a test asks of the fake itself: POST
// /_fake/revoke-all.
func testEndpoints(s *fakelinkedin.Server, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_fake/revoke-all" && r.Method == http.MethodPost {
			for _, t := range s.Issued() {
				s.Revoke(t.AccessToken)
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
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
