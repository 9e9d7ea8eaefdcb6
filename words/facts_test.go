package words

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
)

// declaredReasons is every Reason the packages below declare, by reading
// their code: a reason added there without words fails here.
func declaredReasons(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					v := spec.(*ast.ValueSpec)
					if !isReasonType(v.Type) {
						continue
					}
					for i, name := range v.Names {
						lit, ok := v.Values[i].(*ast.BasicLit)
						if !ok {
							t.Fatalf("%s: %s is not a literal", path, name.Name)
						}
						s, _ := strconv.Unquote(lit.Value)
						out[s] = dir + "." + name.Name
					}
				}
			}
		}
	}
	return out
}

func isReasonType(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Reason"
	case *ast.SelectorExpr:
		return e.Sel.Name == "Reason"
	}
	return false
}

// sample is an error of f with every value its words may name.
func sample(f fact) *oauthflow.Error {
	return &oauthflow.Error{Kind: f.kind, Reason: f.reason, Scope: "w_member_social", Products: []string{"Share on LinkedIn", "Community Management API"},
		Approval: "Community Management API", RequestURL: "https://www.linkedin.com/developers/", Port: 8765,
		Address: "http://localhost:8766/callback", Code: "invalid_request", Description: "what LinkedIn said",
		Wait: 5 * time.Minute, Value: "202613", Example: "202609"}
}

// TestEveryFactHasWords: every reason oauthflow and linkedin declare has
// words, and the words of every fact (kind × reason) are whole in every
// language: a message and a hint, every value filled in, none the words
// for an error no one knows, none left in English.
func TestEveryFactHasWords(t *testing.T) {
	known := map[string]bool{}
	for f := range flowFacts {
		known[string(f.reason)] = true
	}
	for reason, name := range declaredReasons(t, "oauthflow", "linkedin") {
		if !known[reason] {
			t.Errorf("%s (%q) has no words in flowFacts", name, reason)
		}
	}
	t.Cleanup(func() { Use("en") })
	english := map[fact][2]string{}
	for _, l := range Languages {
		Use(l.Tag)
		unexpected, _ := flowFacts[fact{oauthflow.KindLinkedInError, oauthflow.ReasonUnexpected}](nil)
		for f := range flowFacts {
			msg, hint := flowWords(sample(f))
			for _, s := range []string{msg, hint} {
				if s == "" || strings.Contains(s, "{{") || strings.Contains(s, "<no value>") || strings.HasPrefix(s, "error.") {
					t.Errorf("%s: %s/%s: %q / %q", l.Tag, f.kind, f.reason, msg, hint)
					break
				}
			}
			if msg == unexpected && f.reason != oauthflow.ReasonUnexpected {
				t.Errorf("%s: %s/%s: the words for an unexpected error", l.Tag, f.kind, f.reason)
			}
			if l.Tag == "en" {
				english[f] = [2]string{msg, hint}
			} else if w := english[f]; msg == w[0] || hint == w[1] {
				t.Errorf("%s: %s/%s: still in English: %q / %q", l.Tag, f.kind, f.reason, msg, hint)
			}
		}
	}
}

// The duration an error names, in each language, as a plural.
func TestDurationInEachLanguage(t *testing.T) {
	t.Cleanup(func() { Use("en") })
	for tag, want := range map[string][3]string{
		"en": {"5 minutes", "1 minute", "30 seconds"},
		"de": {"5 Minuten", "1 Minute", "30 Sekunden"},
		"fr": {"5 minutes", "1 minute", "30 secondes"},
		"nl": {"5 minuten", "1 minuut", "30 seconden"},
	} {
		Use(tag)
		for i, d := range []time.Duration{5 * time.Minute, time.Minute, 30 * time.Second} {
			if got := duration(d); got != want[i] {
				t.Errorf("%s: duration(%v) = %q, want %q", tag, d, got, want[i])
			}
		}
	}
}

// TestEveryStoreFactHasWords: every reason the store declares has words
// (the notices' own cases among them), whole in every language.
func TestEveryStoreFactHasWords(t *testing.T) {
	notices := []store.Notice{
		{Kind: store.NoticeSecretsInFile, Path: "/home/x/.config/tokendesk/secrets.json"},
		{Kind: store.NoticeKeychainUnreachable},
		{Kind: store.NoticeNewerVersion},
		{Kind: store.NoticeNotMoved, Cause: errors.New("x")},
		{Kind: store.NoticeNotMoved, Cause: &store.Error{Reason: store.ReasonKeychainSilent}},
		{Kind: store.NoticeDamagedFile, Reason: store.ReasonSecretsDamaged, Path: "secrets.json.bak"},
		{Kind: store.NoticeDamagedFile, Reason: store.ReasonSettingsDamaged},
		{Kind: store.NoticeDamagedFile, Reason: store.ReasonSettingsRecovered, Path: "settings.json.bak"},
	}
	noticeReasons := map[store.Reason]bool{}
	for _, n := range notices {
		noticeReasons[n.Reason] = true
	}
	for reason, name := range declaredReasons(t, "store") {
		if _, ok := storeFacts[store.Reason(reason)]; !ok && !noticeReasons[store.Reason(reason)] {
			t.Errorf("%s (%q) has no words in storeFacts", name, reason)
		}
	}
	whole := func(tag, what string, msg, hint string) {
		for _, s := range []string{msg, hint} {
			if s == "" || strings.Contains(s, "{{") || strings.Contains(s, "<no value>") || strings.HasPrefix(s, "error.") || strings.HasPrefix(s, "notice.") {
				t.Errorf("%s: %s: %q / %q", tag, what, msg, hint)
				return
			}
		}
	}
	t.Cleanup(func() { Use("en") })
	english := map[string][2]string{}
	for _, l := range Languages {
		Use(l.Tag)
		said := map[string][2]string{}
		for reason := range storeFacts {
			msg, hint := storeWords(&store.Error{Reason: reason, Path: "/x/settings.json", Entry: store.EntryAccessToken,
				Length: 3000, Max: 64, Name: "Acme", ID: "acme", Field: "client_id"})
			said[string(reason)] = [2]string{msg, hint}
		}
		for i, n := range notices {
			msg, hint := Notice(n)
			said[fmt.Sprint("notice ", i)] = [2]string{msg, hint}
		}
		for what, w := range said {
			whole(l.Tag, what, w[0], w[1])
			if l.Tag == "en" {
				english[what] = w
			} else if e := english[what]; w[0] == e[0] {
				t.Errorf("%s: %s: still in English: %q", l.Tag, what, w[0])
			}
		}
	}
}

// TestWordsNameNoStep: a fact's words say what happened and what to check,
// never which button to press or command to run: each front end adds its
// own next step, from NextStep. And every step belongs to a fact that has
// words.
func TestWordsNameNoStep(t *testing.T) {
	steps := []string{"try again", "try check again", "press retry", "press connect", "sign in again", "start again",
		"tokendesk login", "paste the address instead", "open the browser again", "connect to get", "start a new one"}
	check := func(what, msg, hint string) {
		for _, s := range steps {
			if strings.Contains(strings.ToLower(msg+" "+hint), s) {
				t.Errorf("%s names a step (%q): %q / %q", what, s, msg, hint)
			}
		}
	}
	for f := range flowFacts {
		msg, hint := flowWords(sample(f))
		check(fmt.Sprint(f), msg, hint)
	}
	for reason := range storeFacts {
		msg, hint := storeWords(&store.Error{Reason: reason, Path: "/x/settings.json", Entry: store.EntryAccessToken, Name: "Acme", ID: "acme"})
		check(string(reason), msg, hint)
	}
	msg, hint := Notice(store.Notice{Kind: store.NoticeKeychainUnreachable})
	check("the notice keychain_unreachable", msg, hint)
	if NoticeStep(store.Notice{Kind: store.NoticeKeychainUnreachable}) != NextRetry {
		t.Error("keychain_unreachable: no step")
	}
	for f := range flowNext {
		if _, ok := flowFacts[f]; !ok {
			t.Errorf("%v has a step and no words", f)
		}
	}
	for r := range storeNext {
		if _, ok := storeFacts[r]; !ok {
			t.Errorf("%s has a step and no words", r)
		}
	}
}
