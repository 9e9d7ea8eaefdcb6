#!/usr/bin/env bash
# Installs what a Makefile target needs, so that `make run` and `make test`
# work on a fresh machine that has only Go:
#   scripts/install-deps.sh SET DEBIAN-PACKAGE...
# SET is build, test, dist or wine. On Debian and Ubuntu it installs the
# packages that are missing, with apt-get (through sudo when not root).
#
# Elsewhere there is no apt-get: for the build (`make run`) it checks the C
# compiler and headers Fyne needs, and carries on when they are there; when
# they are not, it prints the command that installs them on this system
# (macOS, Fedora, Arch, openSUSE) and fails. The test, dist and Wine sets are
# run on Debian (CI does); elsewhere it says so, and which packages they are.
#
# For its own test (scripts/test-install-deps.sh), OS_RELEASE names another
# os-release file than /etc/os-release.
set -euo pipefail

set_name=${1:?usage: install-deps.sh build|test|dist|wine PACKAGE...}
shift

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && exit 0
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "Installing ${missing[*]} ..."
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

# Not Debian: which system, and its own words for the build's needs.
system=$(uname -s)
if [ "$system" = Darwin ]; then
  os=macos
else
  # shellcheck disable=SC1090 # the system's own file
  os=$(. "${OS_RELEASE:-/etc/os-release}" 2>/dev/null && echo "${ID:-} ${ID_LIKE:-}" || echo unknown)
fi
# X11 and OpenGL headers, as pkg-config names them (GLFW builds against them).
pc_modules="gl x11 xcursor xrandr xinerama xi xxf86vm"
case " $os " in
  *" macos "*)
    how="xcode-select --install    # the Xcode command line tools: the C compiler and macOS's headers; nothing else"
    have_build() { xcode-select -p >/dev/null 2>&1; } ;;
  *" fedora "* | *" rhel "* | *" centos "*)
    how="sudo dnf install gcc pkgconf-pkg-config libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel" ;;
  *" arch "*)
    how="sudo pacman -S --needed gcc pkgconf libxcursor libxrandr mesa libxi libxinerama libxxf86vm" ;;
  *" opensuse"* | *" suse "* | *" sles "*)
    how="sudo zypper install gcc pkg-config libXcursor-devel libXrandr-devel Mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel" ;;
  *)
    how="install a C compiler, pkg-config, and the development files of OpenGL and X11 (Xcursor, Xrandr, Xinerama, Xi, Xxf86vm); on Debian or Ubuntu these are: $*" ;;
esac
if ! declare -F have_build >/dev/null; then
  # shellcheck disable=SC2086 # one word per module
  have_build() { command -v cc >/dev/null 2>&1 && pkg-config --exists $pc_modules 2>/dev/null; }
fi

if [ "$set_name" != build ]; then
  echo "make's $set_name step uses Debian packages (${*}); it runs on Debian or Ubuntu, as CI does. This system has no apt-get." >&2
  exit 1
fi
if have_build; then
  echo "No apt-get here ($system): the C compiler and headers TokenDesk's build needs are installed, carrying on."
  exit 0
fi
echo "TokenDesk's build needs a C compiler and the OpenGL/X11 headers. On this system, install them with:" >&2
echo "  $how" >&2
echo "then run make again." >&2
exit 1
