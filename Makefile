# TokenDesk. The two commands a developer needs: `make run` and `make test`.
# Every target installs what it needs on a fresh Debian/Ubuntu machine with Go.

SHELL := /bin/bash
BIN   := bin/tokendesk
# Fyne picks its translations from the locale: tests and golden files want English.
export LANG := en_US.UTF-8
export LC_ALL :=

# TokenDesk's two changes to Fyne (third_party/fyne/README.md: the emoji font
# parsed once, not once per text style, and the system font for the language
# loaded when a rune needs it; #21's start-up and memory): every go command below
# builds with it, through the Go workspace scripts/fyne-patch.sh makes.
export GOWORK := $(shell scripts/fyne-patch.sh)
ifneq ($(.SHELLSTATUS),0)
$(error scripts/fyne-patch.sh failed: see above)
endif

# What the cgo build of Fyne needs (GLFW, OpenGL, X11).
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev

# What the tests need: a real Secret Service (GNOME Keyring on a private D-Bus
# session) and secret-tool to check it from outside.
# And for the smoke test of the real binary: Xvfb, xdotool, ImageMagick, curl
# (x11-utils: xdpyinfo, xwininfo, xmessage; xev for make bench). shellcheck: actionlint checks the
# workflow's run: blocks with it. python3-requests and nodejs (18 or later: fetch): the
# Copy as… Python and JavaScript snippets are run against the fake LinkedIn
# (linkedin/snippets_run_test.go; under `make test` a missing one fails, not skips).
# fonts-dejavu-core: a font with runes Fyne's bundled fonts lack (gui/fonts_test.go).
TEST_DEPS := gnome-keyring libsecret-tools dbus xvfb x11-utils xdotool imagemagick curl shellcheck \
             python3-requests nodejs fonts-dejavu-core

# What `make dist` needs: the Windows cross-compiler, xz, desktop-file-validate.
DIST_DEPS := gcc-mingw-w64-x86-64 xz-utils desktop-file-utils

# What `make test-dist` adds: Wine, 64-bit (Debian 12: wine + wine64), to run
# the shipped .exe (scripts/test-wine.sh).
WINE_DEPS := wine wine64

# The catalogue's areas, each an English file and the folders (or files) whose code it holds.
TRANSLATION_AREAS := window=./gui,./main.go common=./words/plain.go errors=./words/explain.go checks=./words/checks.go signin=./words/signinhelp.go cli=./cli

# A count, not a duration: a duration arms a deadline that fires spuriously
# ("context deadline exceeded") when the machine is busy.
FUZZTIME ?= 150000x
# -timeout: the window's tests with -race take minutes on two busy cores; the
# default 10 minutes is a hang guard they outgrew, not a goal (make bench is).
GO_TEST  := go test -race -count=1 -timeout=30m

.PHONY: translations all run build deps test-deps dist-deps wine-deps test smoke e2e-cli screenshots dist test-dist test-wine \
        vet fmt-check unit fuzz bench lint-workflows test-scripts clean

all: build

deps:
	@scripts/install-deps.sh build $(BUILD_DEPS)

# Fyne's no_animations build tag: a focused field's cursor stays still rather
# than fade in and out at frame rate, each frame a redraw of the whole window
# (11-17% of a core under software rendering while a person reads the form;
# README, Speed). scripts/dist.sh and the release workflow build with it too,
# and smoke.sh and dist.sh check the binaries were.
TAGS := no_animations

build: deps
	go build -tags $(TAGS) -o $(BIN) .

## run: build the app and open its window
run: build
	./$(BIN)

## test: the whole suite: formatting, vet, the workflow's lint, unit and end-to-end tests with -race, a short fuzz run
test: deps test-deps fmt-check vet lint-workflows test-scripts unit fuzz smoke e2e-cli

test-deps:
	@scripts/install-deps.sh test $(TEST_DEPS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet:
	go vet ./...

## lint-workflows: actionlint (pinned in go.mod) on .github/workflows, with shellcheck on the run: blocks;
## and go vet as the workflow's Windows and macOS runners build the packages that need no Fyne (no cgo
## here), so that a Linux-only file cannot stop the release there
lint-workflows: test-deps
	go tool actionlint -shellcheck=$$(command -v shellcheck)
	pkgs=$$(go list -f '{{.ImportPath}} {{join .Deps " "}}' ./... | grep -v ' fyne.io/fyne/v2' | cut -d' ' -f1); \
	for os in windows darwin; do GOOS=$$os CGO_ENABLED=0 go vet $$pkgs || exit 1; done

## test-scripts: the tests of the shell scripts themselves
test-scripts:
	scripts/test-install-deps.sh

unit:
	TOKENDESK_REQUIRE_SNIPPET_INTERPRETERS=1 scripts/with-keyring.sh $(GO_TEST) ./...

fuzz:
	go test -run='^$$' -fuzz=FuzzParsePasted -fuzztime=$(FUZZTIME) ./oauthflow
	go test -run='^$$' -fuzz=FuzzParseCredentials -fuzztime=$(FUZZTIME) ./store
	go test -run='^$$' -fuzz=FuzzDecodeAnswer -fuzztime=$(FUZZTIME) ./linkedin

## smoke: the real binary in a real window (Xvfb), connecting against the fake LinkedIn
smoke: build test-deps
	go build -o bin/fakelinkedin ./internal/cmd/fakelinkedin
	scripts/smoke.sh

## e2e-cli: the built binary on the command line against the fake LinkedIn: login in a browser
## and pasted on a terminal, Ctrl-C, status --json, token, run, reminder (cli/e2e_test.go)
e2e-cli: build test-deps
	TOKENDESK_E2E_BIN=$(CURDIR)/$(BIN) scripts/with-keyring.sh $(GO_TEST) -run '^TestE2E$$' ./cli

## screenshots: refresh the README's screenshots from the real binary
screenshots: build test-deps
	go build -o bin/fakelinkedin ./internal/cmd/fakelinkedin
	SMOKE_OUT=docs/screenshots FYNE_THEME=light scripts/smoke.sh

## bench: the flow engine's benchmark, then the app as a newcomer meets it (first start, waiting
## for the browser, Connected) against a Fyne window with one label, under Xvfb (scripts/bench.sh)
bench: build test-deps
	go test -run='^$$' -bench=. -benchtime=200x ./oauthflow
	go build -tags $(TAGS) -o bin/emptywindow ./internal/cmd/emptywindow
	go build -o bin/fakelinkedin ./internal/cmd/fakelinkedin
	scripts/bench.sh

## dist: the Linux package (.tar.xz) and the Windows .exe, in dist/
dist: deps dist-deps
	scripts/dist.sh

dist-deps:
	@scripts/install-deps.sh dist $(DIST_DEPS)

wine-deps:
	@scripts/install-deps.sh wine $(WINE_DEPS)

## test-dist: install the Linux package into a throwaway home, start it from its desktop entry;
## then run the .exe under Wine: a Connect, Credential Manager, the command line, a second launch
test-dist: dist test-deps wine-deps
	scripts/test-dist.sh
	scripts/test-wine.sh

## test-wine: only the .exe under Wine (after make dist)
test-wine: dist-deps test-deps wine-deps
	scripts/test-wine.sh

## translations: refresh the English catalogue (words/translations/AREA.en.json) from the code's lang.X calls;
## the other languages' files are translated from it (make test checks every language is whole)
translations:
	for area in $(TRANSLATION_AREAS); do \
		name=$${area%%=*}; dirs=$${area#*=}; f=words/translations/$$name.en.json; \
		echo '{}' > $$f && LANGUAGE=en go tool fyne translate $$f $${dirs//,/ } || exit 1; \
	done

clean:
	rm -rf bin build dist
