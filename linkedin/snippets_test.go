package linkedin

import (
	"slices"
	"strings"
	"testing"
)

func TestCodeExamples(t *testing.T) {
	const (
		who    = "who_you_are GET https://api.linkedin.com/v2/userinfo"
		asMe   = "post_as_member POST https://api.linkedin.com/rest/posts urn:li:person:782bbtaQ"
		asPage = "post_as_page POST https://api.linkedin.com/rest/posts urn:li:organization:2414183"
	)
	ada := Authors{MemberID: "782bbtaQ"}
	adaAndPage := Authors{MemberID: "782bbtaQ", Pages: []string{"2414183"}}
	cm := ScopesOf([]string{"community-management"})
	tests := []struct {
		name    string
		scopes  []string
		authors Authors
		want    []string
	}{
		{"nothing known", nil, adaAndPage, []string{}},
		{"sign-in only: who, no post", []string{"openid", "profile", "email"}, adaAndPage, []string{who}},
		{"share on LinkedIn with the member known", []string{"openid", "profile", "w_member_social"}, ada, []string{who, asMe}},
		{"share on LinkedIn without sign-in: the member is known from before", []string{"w_member_social"}, ada, []string{asMe}},
		{"share on LinkedIn, member not known: no post without its author", []string{"w_member_social"}, Authors{}, []string{}},
		{"community management with a Page", cm, adaAndPage, []string{asMe, asPage}},
		{"community management, Pages not known", cm, ada, []string{asMe}},
		{"a Page given as its URN, twice", cm, Authors{Pages: []string{"urn:li:organization:2414183", "2414183"}}, []string{asPage}},
		{"something that is not a Page is left out", cm, Authors{Pages: []string{"urn:li:person:x", "acme", ""}}, []string{}},
		{"a Page without w_organization_social", []string{"w_member_social", "rw_organization_admin"}, adaAndPage, []string{asMe}},
		{"reads other than userinfo stay curl's", ScopesOf([]string{"advertising"}), Authors{}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{}
			for _, x := range (Endpoints{}).CodeExamples(tt.scopes, tt.authors, "Hi") {
				s := string(x.What) + " " + x.Method + " " + x.URL
				if x.Post != nil {
					s += " " + x.Post.Author
					if x.Post.Text != "Hi" || !x.Versioned {
						t.Errorf("%s: text %q, versioned %v", s, x.Post.Text, x.Versioned)
					}
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// The token is in the code only when asked for; otherwise the code reads
// the variable `tokendesk run` sets. A versioned call reads LINKEDIN_VERSION
// with the version given as its default; LinkedIn's address is the
// endpoints'.
func TestCodeTokenAndVersion(t *testing.T) {
	e := Endpoints{APIURL: "http://127.0.0.1:9/"}
	xs := e.CodeExamples([]string{"openid", "profile", "w_member_social"}, Authors{MemberID: "782bbtaQ"}, "Hi")
	const token = "AQVsecret-token"
	for _, x := range xs {
		for _, lang := range CodeLanguages {
			fromEnv, inline := x.Code(lang, "", "202609"), x.Code(lang, token, "202609")
			name := string(x.What) + " " + string(lang)
			if strings.Contains(fromEnv, token) || !strings.Contains(fromEnv, EnvAccessToken) {
				t.Errorf("%s: the variant that reads %s does not read it, or holds the token:\n%s", name, EnvAccessToken, fromEnv)
			}
			if !strings.Contains(inline, `"`+token+`"`) || strings.Contains(inline, EnvAccessToken) {
				t.Errorf("%s: the inline variant does not hold the token as a string, or still reads %s", name, EnvAccessToken)
			}
			if !strings.Contains(fromEnv, `"http://127.0.0.1:9/`) {
				t.Errorf("%s: not LinkedIn at the endpoints' address:\n%s", name, fromEnv)
			}
			if x.Versioned != strings.Contains(fromEnv, EnvVersion) || x.Versioned != strings.Contains(fromEnv, `"202609"`) {
				t.Errorf("%s: versioned %v, but the code:\n%s", name, x.Versioned, fromEnv)
			}
		}
	}
}

// A quote, a backslash or a line break in the text, the token or the URL
// cannot end the string it is in: each becomes a JSON string literal,
// which Python and JavaScript read the same way.
func TestCodeQuotesWhatItWritesIn(t *testing.T) {
	x := Example{What: ExamplePostAsMember, Method: "POST", URL: `http://127.0.0.1:9/rest/posts?a="b"`, Versioned: true,
		Post: &Post{Author: "urn:li:person:a", Text: "line\n\"quote\" \\ '\u2028"}}
	for _, lang := range CodeLanguages {
		code := x.Code(lang, `to"k\en`, "202609")
		for _, want := range []string{`"to\"k\\en"`, `"http://127.0.0.1:9/rest/posts?a=\"b\""`, `"line\n\"quote\" \\\\ '\u2028"`} {
			if !strings.Contains(code, want) {
				t.Errorf("%s: %s not in\n%s", lang, want, code)
			}
		}
	}
}

func TestOrganizationURN(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"2414183", "urn:li:organization:2414183", true},
		{" urn:li:organization:2414183 ", "urn:li:organization:2414183", true},
		{"urn:li:organization:", "", false},
		{"urn:li:person:abc", "", false},
		{"acme", "", false},
		{"12a", "", false},
		{"", "", false},
	} {
		if got, ok := OrganizationURN(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("OrganizationURN(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLittleText(t *testing.T) {
	for in, want := range map[string]string{
		"Hello, LinkedIn!":           "Hello, LinkedIn!",
		"(new) #launch @team":        `\(new\) \#launch \@team`,
		`a\b [x] {y} <z> *_~ |`:      `a\\b \[x\] \{y\} \<z\> \*\_\~ \|`,
		"Grüße: 10% mehr Reichweite": "Grüße: 10% mehr Reichweite",
	} {
		if got := LittleText(in); got != want {
			t.Errorf("LittleText(%q) = %q; want %q", in, got, want)
		}
	}
}

// PersonID reads back PersonURN's ID, and nothing from other URNs.
func TestPersonID(t *testing.T) {
	for _, tc := range []struct{ urn, want string }{
		{PersonURN("782bbtaQ"), "782bbtaQ"},
		{"urn:li:organization:2414183", ""},
		{"urn:li:person:", ""},
		{"urn:li:person:a:b", ""},
		{"782bbtaQ", ""},
		{"", ""},
	} {
		if got := PersonID(tc.urn); got != tc.want {
			t.Errorf("PersonID(%q) = %q; want %q", tc.urn, got, tc.want)
		}
	}
}
