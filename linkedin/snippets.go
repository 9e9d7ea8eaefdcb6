package linkedin

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"text/template"
)

// What a snippet can do besides reading: publish a text post. TokenDesk
// itself never posts; it only writes the code that would.
const (
	ExamplePostAsMember ExampleID = "post_as_member" // a text post as the member
	ExamplePostAsPage   ExampleID = "post_as_page"   // a text post as a Page the member administers
)

// Post is what a POST /rest/posts example publishes.
type Post struct {
	Author string // urn:li:person:ID or urn:li:organization:ID
	Text   string // the commentary as the person would type it (CodeExamples escapes it for LinkedIn)
}

// Authors are who a token could publish as, as far as TokenDesk knows.
type Authors struct {
	// MemberID is the member's LinkedIn ID (userinfo's sub), "" when not
	// known; their posts' author is urn:li:person:MemberID.
	MemberID string
	// Pages are the Pages the member administers, as organization URNs
	// (urn:li:organization:ID) or their IDs; nil when not known.
	Pages []string
}

// The variables every snippet reads, as `tokendesk run` sets them.
const (
	EnvAccessToken = "LINKEDIN_ACCESS_TOKEN"
	EnvVersion     = "LINKEDIN_VERSION"
)

// PersonURN is the author of a post as the member whose ID is id.
func PersonURN(id string) string { return "urn:li:person:" + id }

// PersonID is the member's ID in urn, a person URN; "" when urn is not one.
func PersonID(urn string) string {
	id, ok := strings.CutPrefix(urn, "urn:li:person:")
	if !ok || strings.ContainsAny(id, ": ") {
		return ""
	}
	return id
}

const organizationURNPrefix = "urn:li:organization:"

// OrganizationURN is s, an organization's URN or its numeric ID, as a URN;
// ok is false when s is neither.
func OrganizationURN(s string) (urn string, ok bool) {
	id := strings.TrimPrefix(strings.TrimSpace(s), organizationURNPrefix)
	if id == "" || !allDigits(id) {
		return "", false
	}
	return organizationURNPrefix + id, true
}

// OrganizationID is the numeric ID at the end of an organization URN.
func OrganizationID(urn string) string { return strings.TrimPrefix(urn, organizationURNPrefix) }

// CodeExamples are the calls a ready-to-run program (Example.Code) is
// offered for: who the token belongs to, when its scopes allow userinfo;
// a text post as the member, with Share on LinkedIn (w_member_social) and
// the member's ID known; and one as each Page given, with Community
// Management's w_organization_social (LinkedIn refuses it unless the member
// administers that Page). text is what the posts say.
func (e Endpoints) CodeExamples(scopes []string, a Authors, text string) []Example {
	has := func(want string) bool {
		return slices.ContainsFunc(scopes, func(s string) bool { return strings.TrimSpace(s) == want })
	}
	out := []Example{}
	for _, x := range e.Examples(scopes) {
		if x.What == ExampleWhoYouAre {
			out = append(out, x)
		}
	}
	postsURL := e.apiBase() + "/rest/posts"
	if has("w_member_social") && a.MemberID != "" {
		out = append(out, Example{What: ExamplePostAsMember, Method: "POST", URL: postsURL, Versioned: true,
			Post: &Post{Author: PersonURN(a.MemberID), Text: text}})
	}
	if has("w_organization_social") {
		seen := map[string]bool{}
		for _, p := range a.Pages {
			urn, ok := OrganizationURN(p)
			if !ok || seen[urn] {
				continue
			}
			seen[urn] = true
			out = append(out, Example{What: ExamplePostAsPage, Method: "POST", URL: postsURL, Versioned: true,
				Post: &Post{Author: urn, Text: text}})
		}
	}
	return out
}

// CodeLanguage is a language Example.Code writes.
type CodeLanguage string

// The languages: what the tutorials marketers start from use.
const (
	Python     CodeLanguage = "python"     // Python 3 with requests
	JavaScript CodeLanguage = "javascript" // Node.js 18 or later (fetch)
)

// CodeLanguages are the languages, in the order they are offered.
var CodeLanguages = []CodeLanguage{Python, JavaScript}

// Code is x as a whole program in lang that runs as pasted: it makes the
// call, prints LinkedIn's answer (a read's JSON; a post's status and ID,
// LinkedIn's x-restli-id) and exits non-zero with the status and body when
// LinkedIn says no. With token "", it reads the token from
// LINKEDIN_ACCESS_TOKEN (and stops when that is not set); otherwise token
// is written into the code. A versioned call reads LINKEDIN_VERSION, with
// version as the default.
func (x Example) Code(lang CodeLanguage, token, version string) string {
	t, step := pythonCode, "    " // PEP 8's four spaces
	if lang == JavaScript {
		t, step = javascriptCode, "  "
	}
	var body string
	if x.Post != nil {
		b, _ := json.MarshalIndent(postBody(*x.Post), "", step) // strings only: never fails
		body = string(b)
	}
	var buf bytes.Buffer
	// The templates are constants and their data strings: Execute cannot fail.
	_ = t.Execute(&buf, codeData{X: x, Token: token, Version: version, Body: body,
		EnvToken: EnvAccessToken, EnvVersion: EnvVersion, Restli: restliProtocolVersion})
	return buf.String()
}

// postText is the body of POST /rest/posts for a text post, as LinkedIn's
// Posts API documents it. Strings, objects and arrays only, so that its
// JSON is also a Python dict and a JavaScript object as written.
type postText struct {
	Author         string           `json:"author"`
	Commentary     string           `json:"commentary"`
	Visibility     string           `json:"visibility"`
	Distribution   postDistribution `json:"distribution"`
	LifecycleState string           `json:"lifecycleState"`
}

type postDistribution struct {
	FeedDistribution               string   `json:"feedDistribution"`
	TargetEntities                 []string `json:"targetEntities"`
	ThirdPartyDistributionChannels []string `json:"thirdPartyDistributionChannels"`
}

func postBody(p Post) postText {
	return postText{Author: p.Author, Commentary: LittleText(p.Text), Visibility: "PUBLIC",
		Distribution:   postDistribution{FeedDistribution: "MAIN_FEED", TargetEntities: []string{}, ThirdPartyDistributionChannels: []string{}},
		LifecycleState: "PUBLISHED"}
}

// littleReserved are the characters LinkedIn's "little" text format (a
// post's commentary) gives a meaning: mentions, hashtags, markup. Written
// as text they need a backslash, or LinkedIn cuts the post short.
const littleReserved = `\|{}@[]()<>#*_~`

// LittleText is s as literal text in LinkedIn's little text format.
func LittleText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(littleReserved, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type codeData struct {
	X                            Example
	Token, Version, Body         string
	EnvToken, EnvVersion, Restli string
}

// literal is s as a string literal that Python and JavaScript both read
// back as s: JSON's, which escapes quotes, backslashes, control characters
// and (for JavaScript) U+2028 and U+2029.
func literal(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// indent puts prefix before every line of s but the first.
func indent(prefix, s string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

var codeFuncs = template.FuncMap{"q": literal, "indent": indent, "lower": strings.ToLower}

var pythonCode = template.Must(template.New("python").Funcs(codeFuncs).Parse(`
{{- if not .X.Post}}import json
{{end}}import os
import sys

import requests

{{if .Token}}token = {{q .Token}}
{{- else}}token = os.environ.get({{q .EnvToken}}) or sys.exit({{q (print .EnvToken " is not set")}})
{{- end}}
{{- if .X.Versioned}}
version = os.environ.get({{q .EnvVersion}}) or {{q .Version}}
{{- end}}

response = requests.{{lower .X.Method}}(
    {{q .X.URL}},
    headers={
        "Authorization": f"Bearer {token}",
{{- if .X.Versioned}}
        "LinkedIn-Version": version,
        "X-Restli-Protocol-Version": {{q .Restli}},
{{- end}}
    },
{{- if .X.Post}}
    json={{indent "    " .Body}},
{{- end}}
    timeout=30,
)
if not response.ok:
    sys.exit(f"{response.status_code} {response.reason}: {response.text}")
{{if .X.Post}}print(response.status_code, response.headers.get("x-restli-id", ""))
{{- else}}print(json.dumps(response.json(), indent=2))
{{- end}}
`))

var javascriptCode = template.Must(template.New("javascript").Funcs(codeFuncs).Parse(`
{{- if .Token}}const token = {{q .Token}};
{{- else}}const token = process.env.{{.EnvToken}};
if (!token) {
  console.error({{q (print .EnvToken " is not set")}});
  process.exit(1);
}
{{- end}}
{{- if .X.Versioned}}
const version = process.env.{{.EnvVersion}} || {{q .Version}};
{{- end}}

async function main() {
  const response = await fetch({{q .X.URL}}, {
    method: {{q .X.Method}},
    headers: {
      Authorization: ` + "`Bearer ${token}`" + `,
{{- if .X.Versioned}}
      "LinkedIn-Version": version,
      "X-Restli-Protocol-Version": {{q .Restli}},
{{- end}}
{{- if .X.Post}}
      "Content-Type": "application/json",
{{- end}}
    },
{{- if .X.Post}}
    body: JSON.stringify({{indent "    " .Body}}),
{{- end}}
  });
  if (!response.ok) {
    throw new Error(` + "`${response.status} ${response.statusText}: ${await response.text()}`" + `);
  }
{{- if .X.Post}}
  console.log(response.status, response.headers.get("x-restli-id"));
{{- else}}
  console.log(JSON.stringify(await response.json(), null, 2));
{{- end}}
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
`))
