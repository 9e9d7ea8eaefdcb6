// Package quietlocale keeps Fyne from logging "Error parsing user locale C"
// on stderr (three lines, in every command of the command line too) under
// C.UTF-8 and its kind, the locale Docker, SSH sessions and cron give.
//
// Fyne reads the locale when its lang package is initialised, before main
// runs, through go-locale, which takes "C.UTF-8" (unlike "C") for a
// language and then fails to parse it. Go initialises this package first
// (it needs only os and strings, and the packages ready to be initialised
// go in the order of their import paths), so it can say LANGUAGE=en, which
// go-locale reads for such a locale: English, which is what Fyne falls back
// to anyway, and what such a locale means. LANGUAGE is not a locale
// category, so no program TokenDesk starts warns about it; Restore takes it
// back for the command line, whose children see the environment as given.
package quietlocale

import (
	"os"
	"strings"
)

var setHere bool

func init() {
	if needsHelp(os.Getenv) {
		setHere = os.Setenv("LANGUAGE", "en") == nil
	}
}

// needsHelp reports whether the locale the environment gives is one that
// Fyne would fail to parse: the first of LC_ALL, LC_MESSAGES and LANG that
// is set is C or POSIX with an encoding or modifier (C.UTF-8, POSIX.utf8,
// C@euro), and LANGUAGE, which would be read instead, is not set.
func needsHelp(getenv func(string) string) bool {
	if getenv("LANGUAGE") != "" {
		return false
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := getenv(v)
		if val == "" {
			continue
		}
		base, _, _ := strings.Cut(val, ".")
		base, _, _ = strings.Cut(base, "@")
		return val != base && (base == "C" || base == "POSIX")
	}
	return false
}

// Restore takes back what init set, once Fyne has read it: the command
// line calls it, so that a program it starts sees the environment as given.
func Restore() {
	if setHere {
		_ = os.Unsetenv("LANGUAGE")
		setHere = false
	}
}
