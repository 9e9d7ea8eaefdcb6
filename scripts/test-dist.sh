#!/usr/bin/env bash
# Tests what `make dist` ships, as a person gets it: unpacks the Linux
# package and runs its `make user-install` into a throwaway home, validates
# the .desktop file, starts the app by the desktop entry's Exec line under
# Xvfb and sees the window map; checks the Windows .exe with debug/pe.
# The .exe is run under Wine by scripts/test-wine.sh (make test-dist runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TOKENDESK_KEYRING_SESSION:-}" ]; then
  exec scripts/with-keyring.sh "$0" "$@"
fi
export LANG=en_US.UTF-8
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
tarball="dist/TokenDesk-$version-linux-amd64.tar.xz"
exe="dist/TokenDesk-$version-windows-amd64.exe"

# shellcheck source=scripts/lib.sh
. scripts/lib.sh

# Unpack and install as the person would: `make user-install` in their home.
home="$scratch/home"
mkdir -p "$scratch/pkg" "$home"
tar -xJf "$tarball" -C "$scratch/pkg"
check "the package's user-install runs" make -s -C "$scratch/pkg" user-install HOME="$home"
desktop="$home/.local/share/applications/io.github.tokendesk.desktop"
check "the desktop entry is installed" test -f "$desktop"
check "the icon is installed" test -s "$home/.local/share/icons/io.github.tokendesk.png"
check "the binary is installed" test -x "$home/.local/bin/tokendesk"
check "the desktop entry is valid" bash -c "out=\$(desktop-file-validate '$desktop' 2>&1); echo \"\$out\"; ! grep -q error <<<\"\$out\""
check "the desktop entry names TokenDesk" grep -qx "Name=TokenDesk" "$desktop"

# Start it by the desktop entry's Exec line, as a menu or a double-click does.
start_xvfb 80
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)
exec_line=${exec_line// %[fFuUik]/}
HOME="$home" XDG_CONFIG_HOME="$home/.config" $exec_line >"$scratch/app.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "the app started from its desktop entry maps a window" test -n "$wid"
kill "$app" 2>/dev/null || true

# What only a Windows machine could run, checked from here.
check "the Windows .exe: GUI subsystem, icon, version, manifest, stripped, no build path" \
  env TOKENDESK_DIST_EXE="$PWD/$exe" go test -count=1 -run 'TestWindowsExe$' ./internal/distcheck
check "the Linux binary: stripped, no build path" \
  env TOKENDESK_DIST_BIN="$home/.local/bin/tokendesk" go test -count=1 -run 'TestLinuxBinary$' ./internal/distcheck

finish test-dist
