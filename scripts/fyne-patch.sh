#!/usr/bin/env bash
# Prints the path of a Go workspace file (for GOWORK) that builds TokenDesk
# with its two changes to Fyne (third_party/fyne/README.md): build/fyne is a
# copy of go.mod's Fyne with third_party/fyne/font.go in place of its
# internal/painter/font.go, and build/go.work puts it in place of the module.
# (go build -overlay cannot do it: Go refuses to overlay files in the module
# cache.) The Makefile sets GOWORK to it for every go command, as do
# scripts/dist.sh and the release workflow; a plain `go build` builds with
# Fyne as released, which works the same and uses more memory.
#
# It refuses (exit 1, and says what to do) when go.mod's Fyne is not the one
# the copy was made from: another version's file would build an untested
# mix, or not build.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOWORK=off GOFLAGS=
# sha256sum on Linux, shasum on macOS (the release workflow's runner).
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1; }

# The Fyne the copy was made from, and the SHA-256 of its font.go.
base_version=v2.7.1
base_sha256=7cfee822db37023e1a0d73b20acc34306318a6327d1c99377f6849d65fa3ca73

dir=$(go list -m -f '{{.Dir}}' fyne.io/fyne/v2)
if [ -z "$dir" ]; then # not downloaded yet
  go mod download fyne.io/fyne/v2
  dir=$(go list -m -f '{{.Dir}}' fyne.io/fyne/v2)
fi
version=$(go list -m -f '{{.Version}}' fyne.io/fyne/v2)
if [ "$version" != "$base_version" ] || [ "$(sha256 <"$dir/internal/painter/font.go")" != "$base_sha256" ]; then
  {
    echo "fyne-patch: go.mod asks for Fyne $version; third_party/fyne/font.go is a copy of $base_version's"
    echo "internal/painter/font.go with two changes. Look whether $version still parses the emoji font once"
    echo "per text style and loads the language's system font up front (lookupFaces): if it does, copy its"
    echo "font.go there again, make the same changes, and"
    echo "update base_version and base_sha256 in scripts/fyne-patch.sh; if not, remove the patch."
  } >&2
  exit 1
fi

# The copy, made again when the module or the changed file is not the one
# it was made from. (Copied, not linked: go:embed refuses symbolic links.)
mine=third_party/fyne/font.go
made_from="$dir $(sha256 <"$mine")"
mkdir -p build
# Two make runs in one checkout at the same moment (make run beside make
# test) would both make the copy, and the second mv would put its copy
# inside the first's: one at a time, where flock(1) is (util-linux: Linux;
# the macOS release job runs alone).
if command -v flock >/dev/null; then
  exec {lock}>build/.fyne-patch.lock
  flock "$lock"
fi
if [ "$(cat build/fyne/.made-from 2>/dev/null)" != "$made_from" ]; then
  # A copy a killed run left half-made (about 60 MB each).
  for old in build/fyne.??????; do
    if [ -d "$old" ]; then chmod -R u+w "$old" && rm -rf "$old"; fi
  done
  tmp=$(mktemp -d build/fyne.XXXXXX)
  cp -R "$dir/." "$tmp/"
  chmod -R u+w "$tmp" # the module cache's files and folders are read-only
  cp "$mine" "$tmp/internal/painter/font.go"
  echo "$made_from" >"$tmp/.made-from"
  if [ -d build/fyne ]; then chmod -R u+w build/fyne && rm -rf build/fyne; fi
  mv "$tmp" build/fyne
fi

go_line=$(sed -n 's/^go \([0-9.]*\)$/\1/p' go.mod)
tmp=$(mktemp build/go.work.XXXXXX)
printf 'go %s\n\nuse ..\n\nreplace fyne.io/fyne/v2 %s => ./fyne\n' "$go_line" "$version" >"$tmp"
mv "$tmp" build/go.work
echo "$PWD/build/go.work"
