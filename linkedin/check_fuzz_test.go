package linkedin

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode"
)

// FuzzDecodeAnswer: whatever LinkedIn answers a read, the check never
// panics, says "works" only for a 200 it could read, and says a refusal
// by its status as LinkedIn's rules give it.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add(200, []byte(`{"paging":{"start":0,"count":10,"total":0},"elements":[]}`))
	f.Add(200, []byte(`{"elements":[{"organization":"urn:li:organization:1","role":"ADMINISTRATOR"}]}`))
	f.Add(200, []byte(`not json`))
	f.Add(403, []byte(`{"status":403,"serviceErrorCode":100,"code":"ACCESS_DENIED","message":"Not enough permissions to access: organizationAcls.FINDER-roleAssignee.20260901"}`))
	f.Add(401, []byte(`{"status":401,"serviceErrorCode":65601,"code":"REVOKED_ACCESS_TOKEN","message":"The token used in the request has been revoked by the user"}`))
	f.Add(426, []byte(`{"status":426,"code":"NONEXISTENT_VERSION","message":"Requested version 20240401 is not active"}`))
	f.Add(503, []byte(`<html>down</html>`))
	f.Add(429, []byte(``))
	f.Add(403, []byte(`{"code":"ACCESS_DENIED\u001b]0;x\u0007","message":"\u001b[2Jgone\r\nfake prompt $ "}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		var into listPage[map[string]any]
		r := decodeAnswer("/rest/organizationAcls?q=roleAssignee", status, body, &into)
		p := r.outcome(ProductCheck{Product: ProductCommunityManagement})
		readable := json.Unmarshal(body, new(listPage[map[string]any])) == nil
		if works := p.Outcome == OutcomeWorks; works != (status == http.StatusOK && readable) {
			t.Fatalf("%d %q: %+v", status, body, p)
		}
		if p.Call != "GET /rest/organizationAcls?q=roleAssignee" {
			t.Fatalf("call %q", p.Call)
		}
		want := map[int]Denial{401: DeniedTokenRejected, 403: DeniedNoProduct, 426: DeniedRetiredVersion}
		if d, ok := want[status]; ok && (p.Outcome != OutcomeDenied || p.Denial != d) {
			t.Fatalf("%d: %+v", status, p)
		}
		if (status >= 500 || status == http.StatusTooManyRequests) && (p.Outcome != OutcomeCouldNotAsk || p.Trouble != TroubleLinkedInDown) {
			t.Fatalf("%d: %+v", status, p)
		}
		for _, said := range []string{p.Code, p.Message} {
			if strings.ContainsFunc(said, unicode.IsControl) {
				t.Fatalf("%d: LinkedIn's words keep a control character: %q", status, said)
			}
		}
		if status == http.StatusOK && !readable && (p.Outcome != OutcomeCouldNotAsk || p.Trouble != TroubleUnreadable || p.Err == nil) {
			t.Fatalf("200 unreadable: %+v", p)
		}
	})
}
