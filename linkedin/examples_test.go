package linkedin

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestExamples(t *testing.T) {
	const (
		whoAmI = "GET https://api.linkedin.com/v2/userinfo"
		pages  = "GET https://api.linkedin.com/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED versioned"
		ads    = "GET https://api.linkedin.com/rest/adAccounts?q=search versioned"
	)
	tests := []struct {
		name   string
		scopes []string
		want   []string
	}{
		{"no scopes", nil, []string{}},
		{"sign-in", []string{"openid", "profile", "email"}, []string{whoAmI}},
		{"openid alone is not enough for userinfo", []string{"openid", "email"}, []string{}},
		{"profile alone is not enough either", []string{"profile"}, []string{}},
		{"share only writes", []string{"w_member_social"}, []string{}},
		{"community management", ScopesOf([]string{"community-management"}), []string{pages}},
		{"read-only page access", []string{"r_organization_admin"}, []string{pages}},
		{"ads", []string{"r_ads"}, []string{ads}},
		{"ads, write", []string{"rw_ads"}, []string{ads}},
		{"conversions", ScopesOf([]string{"conversions"}), []string{ads}},
		{"lead sync", ScopesOf([]string{"lead-sync"}), []string{pages, ads}},
		{"events alone need an organization id", ScopesOf([]string{"events"}), []string{}},
		{"sign-in and advertising, most useful first", ScopesOf([]string{"advertising", "openid-connect"}), []string{whoAmI, pages, ads}},
		{"spaces around scopes, as a split string leaves them", []string{" openid", "profile ", " r_ads "}, []string{whoAmI, ads}},
		{"retired scopes open nothing", []string{"r_liteprofile", "r_emailaddress"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, x := range (Endpoints{}).Examples(tt.scopes) {
				if x.What == "" {
					t.Errorf("%s has no title", x.URL)
				}
				s := x.Method + " " + x.URL
				if x.Versioned {
					s += " versioned"
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Examples(%v) =\n%s\nwant\n%s", tt.scopes, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestExamplesFollowAPIURL(t *testing.T) {
	e := Endpoints{APIURL: "http://127.0.0.1:8080/"}
	got := e.Examples([]string{"openid", "profile", "rw_organization_admin", "r_ads"})
	want := []string{
		"http://127.0.0.1:8080/v2/userinfo",
		"http://127.0.0.1:8080/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED",
		"http://127.0.0.1:8080/rest/adAccounts?q=search",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d examples, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].URL != want[i] {
			t.Errorf("URL %d = %s, want %s", i, got[i].URL, want[i])
		}
	}
}

func TestCurl(t *testing.T) {
	userinfo := Example{What: ExampleWhoYouAre, Method: "GET", URL: "https://api.linkedin.com/v2/userinfo"}
	adAccounts := Example{What: ExampleAdAccounts, Method: "GET", URL: "https://api.linkedin.com/rest/adAccounts?q=search", Versioned: true}
	tests := []struct {
		name           string
		x              Example
		token, version string
		want           string
	}{
		{"unversioned: no version headers", userinfo, "AQX123", "202609",
			`curl -H 'Authorization: Bearer AQX123' 'https://api.linkedin.com/v2/userinfo'`},
		{"versioned", adAccounts, "AQX123", "202609",
			`curl -H 'Authorization: Bearer AQX123' -H 'LinkedIn-Version: 202609' -H 'X-Restli-Protocol-Version: 2.0.0' 'https://api.linkedin.com/rest/adAccounts?q=search'`},
		{"the & of a query stays inside the quotes",
			Example{Method: "GET", URL: "https://api.linkedin.com/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR", Versioned: true}, "t", "202609",
			`curl -H 'Authorization: Bearer t' -H 'LinkedIn-Version: 202609' -H 'X-Restli-Protocol-Version: 2.0.0' 'https://api.linkedin.com/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR'`},
		{"a quote in the token", userinfo, "it's", "",
			`curl -H 'Authorization: Bearer it'\''s' 'https://api.linkedin.com/v2/userinfo'`},
		{"a quote in the version", adAccounts, "t", "2026'09", `curl -H 'Authorization: Bearer t' -H 'LinkedIn-Version: 2026'\''09' -H 'X-Restli-Protocol-Version: 2.0.0' 'https://api.linkedin.com/rest/adAccounts?q=search'`},
		{"a quote in the URL", Example{Method: "GET", URL: "http://127.0.0.1:1/a'b"}, "t", "",
			`curl -H 'Authorization: Bearer t' 'http://127.0.0.1:1/a'\''b'`},
		{"shell syntax stays text", userinfo, "$(rm -rf ~) `x` \\ \"", "",
			`curl -H 'Authorization: Bearer $(rm -rf ~) ` + "`x`" + ` \ "' 'https://api.linkedin.com/v2/userinfo'`},
		{"another method is spelt out", Example{Method: "POST", URL: "https://example.test/x"}, "t", "",
			`curl -X 'POST' -H 'Authorization: Bearer t' 'https://example.test/x'`},
		{"no method means GET", Example{URL: "https://example.test/x"}, "t", "",
			`curl -H 'Authorization: Bearer t' 'https://example.test/x'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.x.Curl(tt.token, tt.version); got != tt.want {
				t.Errorf("Curl =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// The quoting is checked against a real shell: each argument must reach
// the command exactly as given.
func TestCurlQuotingInAShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	token := `a'b"c $HOME ` + "`id`" + ` \n ''`
	x := Example{Method: "GET", URL: "https://api.linkedin.com/rest/adAccounts?q=search&x='y'", Versioned: true}
	// printf prints each argument on its own line in place of curl.
	cmd := "printf '%s\\n'" + strings.TrimPrefix(x.Curl(token, "202609"), "curl")
	out, err := exec.Command(sh, "-c", cmd).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"-H", "Authorization: Bearer " + token,
		"-H", "LinkedIn-Version: 202609",
		"-H", "X-Restli-Protocol-Version: 2.0.0",
		x.URL,
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("the shell saw\n%s\nwant\n%s", out, want)
	}
}
