package quietlocale

import "testing"

func TestNeedsHelp(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"LANG": "C.UTF-8"}, true},
		{map[string]string{"LANG": "C.utf8"}, true},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "de_DE.UTF-8"}, true},
		{map[string]string{"LC_MESSAGES": "C@euro"}, true},
		{map[string]string{"LANG": "C"}, false},     // go-locale reads no language from it: Fyne is quiet
		{map[string]string{"LANG": "POSIX"}, false}, // the same
		{map[string]string{}, false},
		{map[string]string{"LANG": "de_DE.UTF-8"}, false},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "C.UTF-8"}, false},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "de"}, false},
		{map[string]string{"LANG": "Chinese"}, false},
	} {
		if got := needsHelp(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("needsHelp(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
}
