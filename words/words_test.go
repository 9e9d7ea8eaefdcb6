package words

import (
	"encoding/json"
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
