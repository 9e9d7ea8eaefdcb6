// Package words is TokenDesk's one catalogue of words for people, in
// every language it speaks: Fyne's own translation support (lang.X, lang.L
// and lang.XN, go-i18n JSON files embedded from translations/), which also
// translates Fyne's own dialogs' buttons. English is written where the
// words are used, as lang.X's fallback; translations/AREA.en.json is the
// reference translators work from, one file per area of the code (window:
// gui and main.go; common: words/plain.go; errors: words/explain.go; checks:
// words/checks.go; cli: the command line's own words, English only), and
// AREA.LANG.json its translation. make translations refreshes the English
// files; a test fails when one is stale, or when another language lacks a
// key English has, has one English no longer uses, or differs in its
// placeholders.
//
// Only English and the language in use are loaded: a catalogue costs
// memory and start-up time, and the window shows one language at a time.
package words

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

//go:embed translations/*.json
var catalogues embed.FS

// Language is one language TokenDesk's window speaks.
type Language struct {
	Tag  string // BCP 47, as Fyne writes locales: "de", "pt-BR"
	Name string // in itself, for the Language menu: "Deutsch"
}

// Languages are the languages of the window, English first.
var Languages = []Language{
	{"en", "English"},
	{"de", "Deutsch"},
	{"fr", "Français"},
	{"es", "Español"},
	{"pt-BR", "Português (Brasil)"},
	{"it", "Italiano"},
	{"nl", "Nederlands"},
}

var (
	mu    sync.Mutex
	inUse = "en"
)

// Use makes tag the language of the window's words from here on ("" : the
// system's, as close as TokenDesk speaks it; English when it speaks none
// of the system's languages), loading its catalogue without the command
// line's own area, and returns the tag in use. It is called once, at
// start, before any word is shown: the window switches language at its
// next start.
func Use(tag string) string { return use(tag, false) }

// UseForCommandLine makes English the language of every word, the command
// line's own area included: the command line speaks English, as gh and git
// do, from the same catalogue.
func UseForCommandLine() { use("en", true) }

func use(tag string, commandLine bool) string {
	mu.Lock()
	defer mu.Unlock()
	if tag == "" {
		tag = Closest(string(lang.SystemLocale()))
	}
	if !known(tag) {
		tag = "en"
	}
	// Fyne picks the language its lookups use from the environment, each
	// time a catalogue is added: say this one while adding it, then put
	// the environment back, so that no program TokenDesk starts sees it.
	restore := setEnv(map[string]string{"LC_ALL": posixName(tag) + ".UTF-8", "LANGUAGE": posixName(tag)})
	defer restore()
	data, bad := catalogue(tag, commandLine)
	for _, err := range bad {
		fyne.LogError("TokenDesk could not read some of its words in "+tag, err)
	}
	if err := lang.AddTranslationsForLocale(data, fyne.Locale(tag)); err != nil {
		fyne.LogError("TokenDesk could not read its words in "+tag, err)
	}
	inUse = tag
	return tag
}

// catalogue is tag's area files joined into one JSON object, so that Fyne
// parses them and rebuilds its lookups once at start rather than once per
// file (the window's start waits for it: 6.7 ms for six files one by one,
// 4 ms at once, less without the command line's area). Each key is in one
// area only (readCatalogue's test).
func catalogue(tag string, commandLine bool) (joined []byte, bad []error) {
	var files []namedJSON
	for _, name := range fileNames(tag) {
		if !commandLine && strings.HasPrefix(name, commandLineArea+".") {
			continue
		}
		data, err := catalogues.ReadFile("translations/" + name)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		files = append(files, namedJSON{name, data})
	}
	joined, more := joinObjects(files)
	return joined, append(bad, more...)
}

type namedJSON struct {
	name string
	data []byte
}

// joinObjects writes the members of JSON objects into one object, as
// text: each file's own braces are taken off and the rest joined with
// commas. A file that is not one object is left out (and said in bad), so
// that one broken area does not take the others' words with it, as adding
// them one by one did not.
func joinObjects(files []namedJSON) (joined []byte, bad []error) {
	var out bytes.Buffer
	out.WriteByte('{')
	for _, f := range files {
		inner, open := bytes.CutPrefix(bytes.TrimSpace(f.data), []byte("{"))
		inner, closed := bytes.CutSuffix(inner, []byte("}"))
		if !open || !closed || !json.Valid(f.data) {
			bad = append(bad, fmt.Errorf("%s is not one JSON object", f.name))
			continue
		}
		if inner = bytes.TrimSpace(inner); len(inner) == 0 {
			continue
		}
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		out.Write(inner)
	}
	out.WriteByte('}')
	return out.Bytes(), bad
}

// fileNames are the catalogue files of tag, one per area: AREA.pt_BR.json
// for "pt-BR", as Fyne names its own.
func fileNames(tag string) []string {
	entries, _ := catalogues.ReadDir("translations")
	suffix := "." + posixName(tag) + ".json"
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), suffix) && !strings.Contains(strings.TrimSuffix(e.Name(), suffix), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// commandLineArea is the area of the command line's own words, English
// only; the window never shows them.
const commandLineArea = "cli"

// InUse is the tag of the language in use.
func InUse() string {
	mu.Lock()
	defer mu.Unlock()
	return inUse
}

// Closest is the language TokenDesk speaks closest to locale ("de_AT",
// "pt-PT", "fr-CA.UTF-8"), or "" when it speaks none of it.
func Closest(locale string) string {
	locale, _, _ = strings.Cut(locale, ".")
	locale = strings.ReplaceAll(locale, "_", "-")
	base, region, _ := strings.Cut(locale, "-")
	best := ""
	for _, l := range Languages {
		lb, lr, _ := strings.Cut(l.Tag, "-")
		if !strings.EqualFold(lb, base) {
			continue
		}
		if strings.EqualFold(lr, region) || best == "" {
			best = l.Tag
		}
	}
	return best
}

func known(tag string) bool {
	for _, l := range Languages {
		if l.Tag == tag {
			return true
		}
	}
	return false
}

// posixName is tag as a POSIX locale's language: "pt-BR" is "pt_BR".
func posixName(tag string) string { return strings.ReplaceAll(tag, "-", "_") }

func setEnv(vals map[string]string) (restore func()) {
	type was struct {
		v  string
		ok bool
	}
	before := map[string]was{}
	for k, v := range vals {
		old, ok := os.LookupEnv(k)
		before[k] = was{old, ok}
		_ = os.Setenv(k, v)
	}
	return func() {
		for k, w := range before {
			if w.ok {
				_ = os.Setenv(k, w.v)
			} else {
				_ = os.Unsetenv(k)
			}
		}
	}
}
