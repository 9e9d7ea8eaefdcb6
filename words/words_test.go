package words

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// The catalogue Use gives Fyne is every area file of the language joined
// into one object: every key of every file, with its words, and the command
// line's own area only for the command line.
func TestCatalogueJoinsTheAreas(t *testing.T) {
	for _, l := range Languages {
		for _, commandLine := range []bool{false, true} {
			data, err := catalogue(l.Tag, commandLine)
			if err != nil {
				t.Fatalf("%s: %v", l.Tag, err)
			}
			var joined map[string]json.RawMessage
			if err := json.Unmarshal(data, &joined); err != nil {
				t.Fatalf("%s (command line %v): not one JSON object: %v", l.Tag, commandLine, err)
			}
			want := 0
			for _, name := range fileNames(l.Tag) {
				isCLI := strings.HasPrefix(name, commandLineArea+".")
				raw, _ := catalogues.ReadFile("translations/" + name)
				var file map[string]json.RawMessage
				if err := json.Unmarshal(raw, &file); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				for k, v := range file {
					got, in := joined[k]
					switch {
					case isCLI && !commandLine && in:
						t.Errorf("%s: the window's catalogue has the command line's %q", l.Tag, k)
					case (!isCLI || commandLine) && !in:
						t.Errorf("%s (command line %v): %q of %s is missing", l.Tag, commandLine, k, name)
					case in && string(got) != string(v):
						t.Errorf("%s: %q is %s, the file says %s", l.Tag, k, got, v)
					}
				}
				if !isCLI || commandLine {
					want += len(file)
				}
			}
			if len(joined) != want {
				t.Errorf("%s (command line %v): %d keys, the files have %d", l.Tag, commandLine, len(joined), want)
			}
		}
	}
}

// A file that is not one JSON object is left out and said, and the other
// areas' words are kept: one broken area must not leave the whole window
// in English.
func TestJoinObjects(t *testing.T) {
	for _, c := range []struct {
		name  string
		files []string
		want  map[string]string
		bad   int
	}{
		{"two areas", []string{`{"a": "A"}`, ` {"b": "B", "c": "C"} `}, map[string]string{"a": "A", "b": "B", "c": "C"}, 0},
		{"an empty area", []string{`{}`, `{"b": "B"}`, "{ \n }"}, map[string]string{"b": "B"}, 0},
		{"nothing", nil, map[string]string{}, 0},
		{"a list", []string{`["a"]`, `{"b": "B"}`}, map[string]string{"b": "B"}, 1},
		{"cut short", []string{`{"a": "A"`, `{"b": "B"}`}, map[string]string{"b": "B"}, 1},
		{"no opening brace", []string{`"a": "A"}`, `{"b": "B"}`}, map[string]string{"b": "B"}, 1},
		{"two objects in one file", []string{`{"a": "A"}{"x": "X"}`, `{"b": "B"}`}, map[string]string{"b": "B"}, 1},
		{"a broken value", []string{`{"a": }`, `{"b": "B"}`}, map[string]string{"b": "B"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var files []namedJSON
			for i, f := range c.files {
				files = append(files, namedJSON{fmt.Sprintf("f%d.json", i), []byte(f)})
			}
			joined, bad := joinObjects(files)
			if len(bad) != c.bad {
				t.Errorf("%d files said bad (%v), want %d", len(bad), bad, c.bad)
			}
			var got map[string]string
			if err := json.Unmarshal(joined, &got); err != nil {
				t.Fatalf("not one JSON object: %v\n%s", err, joined)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("joined %v, want %v", got, c.want)
			}
		})
	}
}
