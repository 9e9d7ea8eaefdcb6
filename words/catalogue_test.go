package words

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// message is one catalogue entry: a plain text, or plural forms.
type message struct {
	Other string
	Forms map[string]string // plural forms, "other" among them; nil for a plain text
}

func (m *message) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &m.Other); err == nil {
		return nil
	}
	if err := json.Unmarshal(b, &m.Forms); err != nil {
		return err
	}
	m.Other = m.Forms["other"]
	return nil
}

// readCatalogue is every file of the language tag, merged; a key in two
// areas is an error.
func readCatalogue(t *testing.T, tag string) map[string]message {
	t.Helper()
	all := map[string]message{}
	names := fileNames(tag)
	if len(names) == 0 {
		t.Fatalf("no catalogue for %s", tag)
	}
	for _, name := range names {
		data, err := catalogues.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var c map[string]message
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, m := range c {
			if _, dup := all[k]; dup {
				t.Errorf("%s: %q is in two files", name, k)
			}
			all[k] = m
		}
	}
	return all
}

// inCode is every word the code asks the catalogue for (lang.X, lang.L,
// lang.XN and their long names, with literal arguments), key to English,
// and where each is asked for.
func inCode(t *testing.T) (map[string]message, map[string]string) {
	t.Helper()
	root := filepath.Join("..")
	words, where := map[string]message{}, map[string]string{}
	calls := map[string]struct{ key, text int }{
		"X": {0, 1}, "LocalizeKey": {0, 1}, "L": {0, 0}, "Localize": {0, 0},
		"XN": {0, 1}, "LocalizePluralKey": {0, 1}, "N": {0, 0}, "LocalizePlural": {0, 0},
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin" || d.Name() == "dist") {
			return filepath.SkipDir
		}
		// Another module's files are not TokenDesk's: build/fyne (the copy
		// of Fyne scripts/fyne-patch.sh makes), third_party/fyne.
		if d.IsDir() && path != root {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			at, known := calls[sel.Sel.Name]
			if !ok || pkg.Name != "lang" || !known {
				return true
			}
			lit := func(i int) (string, bool) {
				if i >= len(call.Args) {
					return "", false
				}
				bl, ok := call.Args[i].(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING {
					return "", false
				}
				s, err := strconv.Unquote(bl.Value)
				return s, err == nil
			}
			key, ok1 := lit(at.key)
			text, ok2 := lit(at.text)
			pos := fset.Position(call.Pos()).String()
			if !ok1 || !ok2 {
				t.Errorf("%s: lang.%s without a literal key and English text: the catalogue cannot know it", pos, sel.Sel.Name)
				return true
			}
			if old, dup := words[key]; dup && old.Other != text {
				t.Errorf("%s: key %q has two English texts: %q (%s) and %q", pos, key, old.Other, where[key], text)
			}
			words[key], where[key] = message{Other: text}, pos
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return words, where
}

// englishOnly are the areas of the catalogue that only the command line
// reads: it speaks English in every locale.
var englishOnly = []string{"cli"}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// fyneDir is where Fyne's module is.
func fyneDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("find Fyne's module: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// fyneTranslates reports whether Fyne has its own words in the language tag.
func fyneTranslates(t *testing.T, tag string) bool {
	_, err := os.Stat(filepath.Join(fyneDir(t), "lang", "translations", "base."+posixName(tag)+".json"))
	return err == nil
}

// fyneKeys are the keys of Fyne's own words (its dialogs' buttons): a
// language Fyne does not translate itself carries them in its catalogue.
func fyneKeys(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fyneDir(t), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for k := range m {
		keys[k] = true
	}
	return keys
}

// TestEnglishIsTheCode: translations/en.json is what the code asks for,
// no more, no less, with the same English (make translations refreshes it).
func TestEnglishIsTheCode(t *testing.T) {
	code, where := inCode(t)
	en := readCatalogue(t, "en")
	for key, m := range code {
		got, ok := en[key]
		switch {
		case !ok:
			t.Errorf("%s: %q is in no English catalogue file: run make translations", where[key], key)
		case got.Other != m.Other:
			t.Errorf("%s: %q says %q in the code and %q in the English catalogue: run make translations", where[key], key, m.Other, got.Other)
		}
	}
	for key := range en {
		if _, ok := code[key]; !ok {
			t.Errorf("the English catalogue has %q, which the code no longer asks for: run make translations", key)
		}
	}
}

// TestEachSentenceOnce: no English text is in the catalogue under two
// keys (#18: no message written twice), not even a title and a sentence
// that differ by a full stop alone. A sentence two places say is one key, asked for by one function of words/ when both front ends say it,
// so that it is translated once and reads the same everywhere.
func TestEachSentenceOnce(t *testing.T) {
	keyOf := map[string]string{}
	for key, m := range readCatalogue(t, "en") {
		texts := []string{m.Other}
		if m.Forms != nil {
			texts = nil // a plural's forms together are its text
			for _, form := range slices.Sorted(maps.Keys(m.Forms)) {
				texts = append(texts, form+"="+m.Forms[form])
			}
			texts = []string{strings.Join(texts, "|")}
		}
		for _, text := range texts {
			// A title and a sentence that differ by a full stop alone are
			// the same words too.
			text = strings.TrimSuffix(text, ".")
			if other, dup := keyOf[text]; dup {
				a, b := min(key, other), max(key, other)
				t.Errorf("%q and %q are both %q: make them one key", a, b, text)
			}
			keyOf[text] = key
		}
	}
}

// TestEveryLanguageIsWhole: every language has exactly English's keys
// (and, where Fyne does not translate itself, Fyne's), each with the same
// placeholders, and every plural with its "other" form. The areas only
// the command line reads (englishOnly) are English by design, as gh's and
// git's words are.
func TestEveryLanguageIsWhole(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, area := range englishOnly {
		data, err := catalogues.ReadFile("translations/" + area + ".en.json")
		if err != nil {
			continue
		}
		var c map[string]json.RawMessage
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatal(err)
		}
		for k := range c {
			delete(en, k)
		}
	}
	fyne := fyneKeys(t)
	for _, l := range Languages[1:] {
		t.Run(l.Tag, func(t *testing.T) {
			c := readCatalogue(t, l.Tag)
			for key, m := range en {
				got, ok := c[key]
				if !ok {
					t.Errorf("%q is missing", key)
					continue
				}
				if got.Other == "" {
					t.Errorf("%q is empty (or a plural without its other form)", key)
				}
				if (m.Forms == nil) != (got.Forms == nil) {
					t.Errorf("%q: a plural in one language and not in the other", key)
				}
				want := placeholders(m.Other)
				for form, text := range got.Forms {
					if p := placeholders(text); !slices.Equal(p, want) && !(form == "one" && len(p) < len(want)) {
						t.Errorf("%q (%s): placeholders %v, English has %v", key, form, p, want)
					}
				}
				if p := placeholders(got.Other); !slices.Equal(p, want) {
					t.Errorf("%q: placeholders %v, English has %v", key, p, want)
				}
			}
			if !fyneTranslates(t, l.Tag) {
				// Fyne's dialogs (Cancel, Yes, No, the file dialogs) would
				// speak English: the catalogue carries their words.
				for key := range fyne {
					if _, ok := c[key]; !ok {
						t.Errorf("Fyne has no words in %s, and the catalogue lacks Fyne's %q", l.Tag, key)
					}
				}
			}
			for key := range c {
				if _, ok := en[key]; !ok && !fyne[key] {
					t.Errorf("%q is not a key English has", key)
				}
			}
		})
	}
}

func TestClosest(t *testing.T) {
	for in, want := range map[string]string{
		"de_DE.UTF-8": "de", "de-AT": "de", "pt_BR.UTF-8": "pt-BR", "pt-PT": "pt-BR", "fr-CA": "fr",
		"en_GB": "en", "nl_BE.UTF-8": "nl", "ja_JP.UTF-8": "", "": "", "C": "",
	} {
		if got := Closest(in); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}
