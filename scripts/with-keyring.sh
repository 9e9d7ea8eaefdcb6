#!/usr/bin/env bash
# Runs a command with a real, unlocked, throwaway Secret Service (GNOME
# Keyring) on a private D-Bus session, so the storage tests talk to a real
# keychain and never touch the developer's own.
#   scripts/with-keyring.sh go test ./...
set -euo pipefail

if [ -z "${TOKENDESK_KEYRING_SESSION:-}" ]; then
  export TOKENDESK_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
trap 'kill "${GNOME_KEYRING_PID:-}" 2>/dev/null || true; rm -rf "$scratch"' EXIT
mkdir -p "$scratch/runtime" "$scratch/data"
chmod 700 "$scratch/runtime"
# The keyring's files and sockets live in the scratch folder; HOME and the Go
# caches stay as they are.
export XDG_RUNTIME_DIR="$scratch/runtime"
eval "$(printf 'throwaway-test-password' | XDG_DATA_HOME="$scratch/data" gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
printf 'throwaway-test-password' | XDG_DATA_HOME="$scratch/data" gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
export GNOME_KEYRING_PID

# Fail here, clearly, rather than in the middle of the tests.
printf probe | secret-tool store --label='TokenDesk keyring probe' service tokendesk-probe username probe
[ "$(secret-tool lookup service tokendesk-probe username probe)" = probe ] || { echo "the test keyring does not work" >&2; exit 1; }
secret-tool clear service tokendesk-probe username probe

export TOKENDESK_TEST_KEYRING=1
"$@"
