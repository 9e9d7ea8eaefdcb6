#!/usr/bin/env bash
# Builds the release packages into dist/, here on Linux:
#   dist/TokenDesk-VERSION-linux-amd64.tar.xz   binary, .desktop file, icon, Makefile (make user-install)
#   dist/TokenDesk-VERSION-windows-amd64.exe    icon, manifest, version information, no console window
# Both are built with -trimpath and stripped. VERSION and the build number
# come from FyneApp.toml, which is left as it was (`fyne package` bumps Build).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
[ -n "$version" ] && [ -n "$build" ] || { echo "FyneApp.toml has no Version or Build" >&2; exit 1; }

keep=$(mktemp)
cp FyneApp.toml "$keep"
trap 'cp "$keep" FyneApp.toml; rm -f "$keep" fyne_metadata_init.go' EXIT

mkdir -p dist build
# Without Fyne's animations: a focused field's cursor stays still rather than
# redraw the window at frame rate (README, Speed). has_tag checks a binary.
tags=no_animations
has_tag() { go version -m "$1" | grep -q "^[[:space:]]*build[[:space:]]*-tags=.*$tags" || { echo "$1 was built without -tags $tags" >&2; exit 1; }; }
# With TokenDesk's two changes to Fyne (third_party/fyne/README.md), as the
# Makefile builds; has_patch checks a binary.
export GOWORK=${GOWORK:-$(scripts/fyne-patch.sh)}
has_patch() { go version -m "$1" | grep -q "^[[:space:]]*=>[[:space:]]*./fyne[[:space:]]" || { echo "$1 was built with Fyne as released, not with third_party/fyne's changes" >&2; exit 1; }; }
# The fyne tool pinned in go.mod, built for this machine: `go tool fyne`
# with CC set for Windows would build the tool itself with that compiler.
go build -o bin/fyne fyne.io/tools/cmd/fyne

echo "Linux package, TokenDesk $version ($build)"
go build -trimpath -tags "$tags" -ldflags "-s -w -X main.version=$version" -o build/tokendesk .
has_tag build/tokendesk
has_patch build/tokendesk
bin/fyne package -os linux --release --executable build/tokendesk --app-version "$version" --app-build "$build"
mv TokenDesk.tar.xz "dist/TokenDesk-$version-linux-amd64.tar.xz"

echo "Windows executable (the first cross-build takes several minutes)"
# (--tags, not GOFLAGS: --release puts -tags release on go build's command
# line, which would override GOFLAGS' -tags.)
CC=x86_64-w64-mingw32-gcc GOFLAGS=-trimpath \
  bin/fyne package -os windows --release --tags "$tags" --app-version "$version" --app-build "$build"
has_tag TokenDesk.exe
has_patch TokenDesk.exe
mv TokenDesk.exe "dist/TokenDesk-$version-windows-amd64.exe"
ls -l dist
