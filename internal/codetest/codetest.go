// Package codetest finds the interpreters that run the programs Copy as…
// writes (linkedin.Example.Code), for the tests that run them as pasted.
package codetest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/tokendesk/tokendesk/linkedin"
)

// EnvRequireInterpreters, set by `make test`, turns a missing python3 (with
// requests) or node from a skip into a failure: there the programs must run.
const EnvRequireInterpreters = "TOKENDESK_REQUIRE_SNIPPET_INTERPRETERS"

// Interpreter is the program that runs lang's programs: a python3 that can
// import requests (the one on PATH, else Debian's, which python3-requests
// serves), or node 18 or later (fetch), as its real path. It skips the test
// with the reason when there is none, or fails it under `make test`.
func Interpreter(t testing.TB, lang linkedin.CodeLanguage) string {
	t.Helper()
	var candidates, check []string
	var missing string
	switch lang {
	case linkedin.Python:
		candidates = []string{"python3", "/usr/bin/python3", "python"}
		// The real interpreter's path: a pyenv shim would want its own
		// variables, which a program's clean environment does not have.
		check = []string{"-c", "import sys, requests; print(sys.executable)"}
		missing = "no python3 with the requests package (Debian: apt-get install python3-requests)"
	case linkedin.JavaScript:
		candidates = []string{"node", "nodejs"}
		check = []string{"-e", "if (typeof fetch !== 'function') process.exit(1); console.log(process.execPath)"}
		missing = "no node 18 or later, which has fetch (Debian: apt-get install nodejs)"
	default:
		t.Fatalf("no interpreter for %q", lang)
	}
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		out, err := exec.CommandContext(ctx, path, check...).Output()
		cancel()
		if err == nil {
			if p := strings.TrimSpace(string(out)); p != "" {
				return p
			}
			return path
		}
	}
	if os.Getenv(EnvRequireInterpreters) != "" {
		t.Fatalf("%s: make test installs it (TEST_DEPS)", missing)
	}
	t.Skipf("%s: the %s programs were not run", missing, lang)
	return ""
}
