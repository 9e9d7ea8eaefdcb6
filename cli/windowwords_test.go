package cli

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/connection"
	"github.com/tokendesk/tokendesk/oauthflow"
	"github.com/tokendesk/tokendesk/store"
	"github.com/tokendesk/tokendesk/words"
)

// parseDir parses the non-test Go files of ../dir.
func parseDir(t *testing.T, dir string) map[string]*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ast.File{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = f
	}
	return out
}

// constants is the string constants oauthflow, linkedin and store declare,
// by "package.Name", read from their code.
func constants(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dir := range []string{"oauthflow", "linkedin", "store"} {
		for _, f := range parseDir(t, dir) {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					v := spec.(*ast.ValueSpec)
					for i, name := range v.Names {
						if i >= len(v.Values) {
							continue
						}
						if lit, ok := v.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							out[dir+"."+name.Name] = s
						}
					}
				}
			}
		}
	}
	return out
}

// catalogueFacts is every fact words/explain.go has words for, read from
// its tables (flowFacts: kind and reason; storeFacts: reason), so that a
// fact added there is in the table below without being listed twice.
func catalogueFacts(t *testing.T) (flow [][2]string, stored []string) {
	t.Helper()
	consts := constants(t)
	value := func(e ast.Expr) string {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			t.Fatalf("a fact's key is not package.Name: %#v", e)
		}
		v, ok := consts[sel.X.(*ast.Ident).Name+"."+sel.Sel.Name]
		if !ok {
			t.Fatalf("no constant %s.%s", sel.X, sel.Sel.Name)
		}
		return v
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "words", "explain.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if len(v.Values) != 1 {
				continue
			}
			lit, ok := v.Values[0].(*ast.CompositeLit)
			if !ok {
				continue
			}
			for _, el := range lit.Elts {
				kv := el.(*ast.KeyValueExpr)
				switch v.Names[0].Name {
				case "flowFacts":
					key := kv.Key.(*ast.CompositeLit)
					flow = append(flow, [2]string{value(key.Elts[0]), value(key.Elts[1])})
				case "storeFacts":
					stored = append(stored, value(kv.Key))
				}
			}
		}
	}
	if len(flow) < 50 || len(stored) < 20 {
		t.Fatalf("read %d flow facts and %d store facts from words/explain.go: its tables moved?", len(flow), len(stored))
	}
	return flow, stored
}

// windowControls is the labels of the window's buttons, ticks and menu
// items, in English as the catalogue has them: each call in gui/ that
// makes one with a lang.X key, looked up in window.en.json.
func windowControls(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "words", "translations", "window.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalogue map[string]any
	if err := json.Unmarshal(b, &catalogue); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range parseDir(t, "gui") {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fun, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch fun.Sel.Name {
			case "NewButton", "NewButtonWithIcon", "NewCheck", "NewMenuItem":
			default:
				return true
			}
			x, ok := call.Args[0].(*ast.CallExpr)
			if !ok || len(x.Args) == 0 {
				return true
			}
			if sel, ok := x.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "X" {
				return true
			}
			lit, ok := x.Args[0].(*ast.BasicLit)
			if !ok {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			label, ok := catalogue[key].(string)
			if !ok {
				t.Errorf("gui's control %q has no English in window.en.json", key)
				return true
			}
			if !strings.Contains(label, "{{") {
				seen[strings.TrimRight(label, "…")] = true
			}
			return true
		})
	}
	var labels []string
	for l := range seen {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, must := range []string{"Connect", "Connect again", "Retry", "Copy token"} {
		if !seen[must] {
			t.Fatalf("the window's controls, read from gui/, lack %q: %q", must, labels)
		}
	}
	return labels
}

var (
	formWords = regexp.MustCompile(`(?i)\b(un)?tick(ed)?\b|\bthe form\b|\bthis window\b`)
	hereWord  = regexp.MustCompile(`(?i)\bhere\b`)
)

// windowVocabulary is the first words of s that belong to the window: a
// control's label to press or in quotes, a tick, the form, or "here" for
// where the window is ("paste it here" is as true at the terminal's
// prompt). "" when there are none.
func windowVocabulary(s string, controls []string) string {
	lower := strings.ToLower(s)
	for _, c := range controls {
		c = strings.ToLower(c)
		for _, said := range []string{"press " + c, `"` + c + `"`, "“" + c + "”"} {
			if i := strings.Index(lower, said); i >= 0 {
				if end := i + len(said); !strings.HasPrefix(said, "press ") || end == len(lower) || !isLetter(lower[end]) {
					return said
				}
			}
		}
	}
	if m := formWords.FindString(s); m != "" {
		return m
	}
	if m := hereWord.FindString(strings.ReplaceAll(lower, "paste it here", "")); m != "" {
		return m
	}
	return ""
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// TestNoWindowWordsInTheTerminal: no error the command line can print
// names a window control, a tick, the form, or says "here" for the window:
// the shared sentence is neutral, and the terminal's own step is a command.
func TestNoWindowWordsInTheTerminal(t *testing.T) {
	controls := windowControls(t)
	flow, stored := catalogueFacts(t)
	const login, again = "tokendesk login --connection Acme", "tokendesk status --connection Acme"
	type said struct{ what, out string }
	var table []said
	for _, f := range flow {
		err := &oauthflow.Error{Kind: oauthflow.Kind(f[0]), Reason: oauthflow.Reason(f[1]), Scope: "w_member_social",
			Products: []string{"Share on LinkedIn", "Community Management API"}, Approval: "Community Management API",
			RequestURL: "https://www.linkedin.com/developers/", Port: 8765, Address: "http://localhost:8766/callback",
			Code: "invalid_request", Description: "what LinkedIn said", Wait: 5 * time.Minute, Value: "202613", Example: "202609"}
		table = append(table, said{f[0] + "/" + f[1], explained(err, login, again)})
	}
	windowOnly := map[store.Reason]bool{ // only the window does these: import a credentials.json, save the form's edits
		store.ReasonFileGone: true, store.ReasonFileUnreadable: true, store.ReasonFileEmpty: true, store.ReasonFileTooLarge: true,
		store.ReasonFileNotJSON: true, store.ReasonFileNotText: true, store.ReasonFileNothing: true, store.ReasonSettingsChanged: true,
	}
	for _, r := range stored {
		if windowOnly[store.Reason(r)] {
			continue
		}
		err := &store.Error{Reason: store.Reason(r), Path: "/x/settings.json", Entry: store.EntryAccessToken, Length: 3000, Max: 64,
			Name: "Acme", ID: "acme", Field: "client_id"}
		table = append(table, said{"store/" + r, explained(err, login, again)})
	}
	for _, n := range []store.Notice{ // login prints the store's notices
		{Kind: store.NoticeSecretsInFile, Path: "/x/secrets.json"},
		{Kind: store.NoticeKeychainUnreachable},
		{Kind: store.NoticeNewerVersion},
		{Kind: store.NoticeNotMoved, Cause: &store.Error{Reason: store.ReasonKeychainSilent}},
		{Kind: store.NoticeDamagedFile, Reason: store.ReasonSecretsDamaged, Path: "/x/secrets.json.bak"},
		{Kind: store.NoticeDamagedFile, Reason: store.ReasonSettingsDamaged},
		{Kind: store.NoticeDamagedFile, Reason: store.ReasonSettingsRecovered, Path: "/x/settings.json.bak"},
	} {
		msg, hint := words.Notice(n)
		table = append(table, said{fmt.Sprint("notice/", n.Kind, "/", n.Reason), msg + " " + hint + " " + step(words.NoticeStep(n), login, again)})
	}
	for _, r := range []connection.Rejection{connection.RejectedRevoked, connection.RejectedExpired, connection.RejectedOtherApp, connection.RejectedUnknown} {
		table = append(table, said{"rejected/" + string(r), rejectedWhy(r, login)})
	}
	table = append(table, said{"no token", noToken(login)})
	// And the terminal's own words: none sends to a window control.
	b, err := os.ReadFile(filepath.Join("..", "words", "translations", "cli.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var own map[string]string
	if err := json.Unmarshal(b, &own); err != nil {
		t.Fatal(err)
	}
	for key, text := range own {
		// "here" is the terminal where it is said ("paste it here and
		// press Enter"): only the window's controls and its form count.
		table = append(table, said{key, hereWord.ReplaceAllString(text, "")})
	}
	for _, s := range table {
		if w := windowVocabulary(s.out, controls); w != "" {
			t.Errorf("%s: the terminal would say %q, the window's words:\n%s", s.what, w, s.out)
		}
	}
}

// The check itself can fail: it finds the window's words where they are.
func TestWindowVocabulary(t *testing.T) {
	controls := []string{"Connect", "Connect again", "Copy token"}
	for s, want := range map[string]string{
		"Open TokenDesk and press Connect again.":                     "press connect",
		`Press "Copy token".`:                                         `"copy token"`,
		"Add the product, or untick that permission here.":            "untick",
		"Change the redirect URL here and in your LinkedIn app.":      "here",
		"Copy the address and paste it here.":                         "",
		"Press Enter to go on, press Connection to switch.":           "",
		`Run "tokendesk login" to sign in again.`:                     "",
		"Your LinkedIn app is not allowed to ask for one you ticked.": "ticked",
	} {
		if got := windowVocabulary(s, controls); !strings.EqualFold(got, want) {
			t.Errorf("windowVocabulary(%q) = %q, want %q", s, got, want)
		}
	}
}
