#!/usr/bin/env bash
# Tests scripts/install-deps.sh as it runs on systems other than this one: a
# PATH with no apt-get (only the commands the script uses), a fake
# os-release (OS_RELEASE), a fake uname for macOS, and pkg-config pointed at
# an empty folder for "headers missing". On Debian, fake apt-get and
# dpkg-query record what would be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

build_pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev)
# A bin folder with the given commands from this machine, and nothing else.
bin_with() {
  local dir=$scratch/bin$((++bins))
  mkdir -p "$dir"
  for c in bash uname cc pkg-config "$@"; do
    ln -sf "$(command -v "$c")" "$dir/$c"
  done
  echo "$dir"
}
bins=0
# fake PATH SCRIPT: a stand-in command. The link to the real one, if any, is
# removed first: writing through it would overwrite the real command.
fake() {
  rm -f "$1"
  printf '#!/bin/sh\n%s\n' "$2" >"$1"
  chmod +x "$1"
}
os_release() { # os_release ID [ID_LIKE]: a fake /etc/os-release
  printf 'NAME=test\nID=%s\nID_LIKE="%s"\n' "$1" "${2:-}" >"$scratch/os-release-$1"
  echo "$scratch/os-release-$1"
}
# run BIN [VAR=value...] -- ARGS...: the script with PATH=BIN; sets code, out (stdout and stderr).
run() {
  local path=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  code=0
  out=$(env -i HOME="$HOME" PATH="$path" "${envs[@]}" "$(command -v bash)" scripts/install-deps.sh "$@" 2>&1) || code=$?
}
code=0 out=""
says() { grep -qF -- "$1" <<<"$out"; }
exits() { [ "$code" -eq "$1" ]; }
exits_saying() { exits "$1" && says "$2"; } # exits_saying CODE TEXT

no_apt=$(bin_with)
check "the test PATH has no apt-get" test ! -e "$no_apt/apt-get"
empty_pc="$scratch/no-pkgconfig"
mkdir -p "$empty_pc"

# Fedora, headers there (this machine's, found by pkg-config): carry on.
if pkg-config --exists gl x11 xcursor xrandr xinerama xi xxf86vm; then
  run "$no_apt" OS_RELEASE="$(os_release fedora)" -- build "${build_pkgs[@]}"
  check "Fedora with the headers: carries on (exit 0)" exits 0
  check "Fedora with the headers: says so" says "carrying on"
else
  echo "skip the headers-present case: this machine lacks the build headers (run make deps)"
fi

# Fedora, headers missing: the dnf command, and exit 1.
run "$no_apt" OS_RELEASE="$(os_release fedora)" PKG_CONFIG_LIBDIR="$empty_pc" PKG_CONFIG_PATH= -- build "${build_pkgs[@]}"
check "Fedora without the headers: fails" exits 1
check "Fedora without the headers: prints the dnf command" \
  says "sudo dnf install gcc pkgconf-pkg-config libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel"
run "$no_apt" OS_RELEASE="$(os_release rhel "centos fedora")" PKG_CONFIG_LIBDIR="$empty_pc" -- build "${build_pkgs[@]}"
check "RHEL (ID_LIKE fedora): the dnf command" says "sudo dnf install"
run "$no_apt" OS_RELEASE="$(os_release arch)" PKG_CONFIG_LIBDIR="$empty_pc" -- build "${build_pkgs[@]}"
check "Arch without the headers: the pacman command, exit 1" exits_saying 1 "sudo pacman -S --needed gcc"
run "$no_apt" OS_RELEASE="$(os_release opensuse-tumbleweed "opensuse suse")" PKG_CONFIG_LIBDIR="$empty_pc" -- build "${build_pkgs[@]}"
check "openSUSE without the headers: the zypper command" says "sudo zypper install gcc"
run "$no_apt" OS_RELEASE="$scratch/none" PKG_CONFIG_LIBDIR="$empty_pc" -- build "${build_pkgs[@]}"
check "an unknown system: names what to install, exit 1" exits_saying 1 "libgl1-mesa-dev"

# macOS: a fake uname says Darwin; xcode-select -p says whether the tools are there.
mac=$(bin_with)
fake "$mac/uname" 'echo Darwin'
fake "$mac/xcode-select" "[ -f '$scratch/xcode' ] && echo /Library/Developer/CommandLineTools"
run "$mac" PKG_CONFIG_LIBDIR="$empty_pc" -- build "${build_pkgs[@]}"
check "macOS without the Xcode tools: says xcode-select --install, exit 1" \
  exits_saying 1 "xcode-select --install"
touch "$scratch/xcode"
run "$mac" PKG_CONFIG_LIBDIR="$empty_pc" -- build "${build_pkgs[@]}"
check "macOS with the Xcode tools: carries on (exit 0), no X11 headers asked" exits 0

# The test and dist sets are Debian's only: said, not guessed.
run "$no_apt" OS_RELEASE="$(os_release fedora)" -- test gnome-keyring xvfb
check "Fedora, make test's packages: says they are Debian's, exit 1" \
  exits_saying 1 "Debian packages (gnome-keyring xvfb)"

# Debian: only the missing packages go to apt-get.
deb=$(bin_with grep env)
fake "$deb/id" "echo 0" # as root: no sudo
# shellcheck disable=SC2016 # $3 is the fake's own argument
fake "$deb/dpkg-query" 'case "$3" in *missing*) exit 1 ;; esac; printf "install ok installed"'
fake "$deb/apt-get" "echo \"\$*\" >> '$scratch/apt-calls'"
run "$deb" -- build gcc libx11-dev
check "Debian, all installed: exit 0, apt-get not called" bash -c "[ $code -eq 0 ] && [ ! -e '$scratch/apt-calls' ]"
run "$deb" -- build gcc pkg-missing
check "Debian, one missing: apt-get installs just that one" \
  bash -c "[ $code -eq 0 ] && grep -qx 'install -y -qq pkg-missing' '$scratch/apt-calls'"

finish install-deps
