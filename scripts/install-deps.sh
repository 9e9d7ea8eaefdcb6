#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given as arguments, only those missing,
# with sudo when not root. Used by the Makefile so that `make run` and
# `make test` work on a fresh machine that has only Go.
set -euo pipefail

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "TokenDesk needs these packages, and this is not a Debian/Ubuntu system: ${missing[*]}" >&2
  echo "Install their equivalents with your package manager and run make again." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing ${missing[*]} ..."
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
