#!/usr/bin/env bash
# The Windows .exe that `make dist` ships, run under Wine (Debian's wine64,
# under Xvfb) as a person on Windows uses it: the window maps; a full Connect
# against the fake LinkedIn through the system-browser hand-off (Wine's
# winebrowser runs the host's xdg-open: the stand-in browser of smoke.sh);
# the token lands in Windows Credential Manager and in no file under the
# profile; the command line from cmd.exe, through a pipe, into a file and on
# a console, with its exit codes; `tokendesk run` giving a command the token; a second launch raises the first window
# and exits; still connected after a restart.
#
# Test plumbing, never shipped: a throwaway Wine prefix; bcryptprimitives.dll
# (scripts/wine/processprng.c), because Go's runtime calls ProcessPrng, which
# Debian 12's Wine 8 lacks; and winprobe.exe (internal/cmd/winprobe), which
# reads Credential Manager with the same CredRead the app uses.
#   scripts/test-wine.sh        # make test-dist runs it after test-dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=en_US.UTF-8
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
shipped="dist/TokenDesk-$version-windows-amd64.exe"
[ -f "$shipped" ] || { echo "no $shipped: run make dist first" >&2; exit 1; }

go build -o bin/fakelinkedin ./internal/cmd/fakelinkedin
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -o "$scratch/winprobe.exe" ./internal/cmd/winprobe
GOOS=windows GOARCH=amd64 go test -c -o "$scratch/single.test.exe" ./internal/single

# A fresh Wine prefix, without the Mono and Gecko installers' prompts, and
# without menu entries for Wine's own programs in the real home.
export WINEPREFIX="$scratch/wine" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
cleanup_more() { wineserver -k 2>/dev/null; }
start_xvfb 60
echo "A fresh Wine prefix ($(wine --version))"
wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/processprng.c -ladvapi32
winvar() { wine cmd /c echo "%$1%" </dev/null 2>/dev/null | tr -d '\r\n'; }
appdata=$(winepath -u "$(winvar APPDATA)")
profile=$(winepath -u "$(winvar USERPROFILE)")
appdata=${appdata%/} profile=${profile%/}

# Downloaded, as a person gets it.
mkdir -p "$profile/Downloads"
cp "$shipped" "$profile/Downloads/TokenDesk.exe"
exe="$profile/Downloads/TokenDesk.exe"
winexe=$(winepath -w "$exe")
winprobe() { wine "$scratch/winprobe.exe" "$@" </dev/null 2>/dev/null; }
# tokendesk ARGS...: the .exe started from cmd.exe, output captured; sets
# out, err and code, which the check functions below read.
out="" err="" code=0
tokendesk() {
  code=0
  out=$(wine cmd /c "$winexe $*" </dev/null 2>"$scratch/err" | tr -d '\r') || code=$?
  err=$(tr -d '\r' <"$scratch/err")
}

port=8765
while ! port_free "$port"; do port=$((port + 1)); done
redirect="http://localhost:$port/callback"
client_id=78winetest00001
client_secret=wine-test-secret
FAKE_LOG="$scratch/fake.log" start_fake "$client_id" "$client_secret" "$redirect"
stand_in_browser

# One window at a time, on Windows: the lock (LockFileEx there) and the
# raise request between two real processes, and a killed window's lock.
check "internal/single's tests pass on Windows" \
  bash -c "wine '$scratch/single.test.exe' -test.count=1 </dev/null >'$scratch/single.log' 2>&1 || { cat '$scratch/single.log'; false; }"

# The command line before any token: exit codes as on Linux.
tokendesk token
no_token() { [ "$code" -eq 1 ] && [ -z "$out" ] && grep -q "No token is saved" <<<"$err"; }
check "\`tokendesk token\` with no token exits with 1 and says why" no_token
tokendesk frobnicate
usage_error() { [ "$code" -eq 2 ] && grep -q "Usage:" <<<"$err"; }
check "\`tokendesk frobnicate\` exits with 2 and shows the usage" usage_error
tokendesk help
usage() { [ "$code" -eq 0 ] && grep -q "tokendesk token" <<<"$out"; }
check "\`tokendesk help\` prints the usage to cmd.exe's output, exit 0" usage
tokendesk --version
check "\`tokendesk --version\` says $version, exit 0" test "$code" -eq 0 -a "$out" = "tokendesk $version"

# A person who filled the form before: settings in %AppData%\TokenDesk, the
# client secret in Credential Manager, where TokenDesk keeps it.
mkdir -p "$appdata/TokenDesk"
cat >"$appdata/TokenDesk/settings.json" <<EOF
{"version": 1, "client_id": "$client_id", "redirect_url": "$redirect", "scopes": ["openid", "profile", "email"], "secrets_in": "keychain"}
EOF
printf '%s' "$client_secret" | wine "$scratch/winprobe.exe" set TokenDesk:client-secret 2>/dev/null

# Double-clicked: no arguments.
wine "$exe" >"$scratch/app.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 120 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "the .exe's window maps under Wine" test -n "$wid"
[ -n "$wid" ] || { cat "$scratch/app.log"; finish wine; exit 1; }
sleep 3 # the saved settings load from Credential Manager, the first frames draw
import -window root "$scratch/setup.png" 2>/dev/null || true

# Connect has the focus once the settings loaded: press it (real key events,
# which Wine takes; it ignores synthetic ones) until the browser is asked.
for _ in $(seq 20); do
  xdotool windowactivate "$wid" 2>/dev/null || xdotool windowfocus "$wid" 2>/dev/null || true
  xdotool key space
  for _ in $(seq 20); do [ -s "$scratch/opened-url" ] && break 2; sleep 0.1; done
done
check "Connect opens the browser (through winebrowser and xdg-open) at LinkedIn's sign-in page" \
  grep -q "^$oauth_url/authorization?" "$scratch/opened-url"
page=$(curl -s -L --max-time 30 "$(cat "$scratch/opened-url" 2>/dev/null)" || true)
check "the browser lands on \"You're connected\" (the .exe's own receiver)" grep -q "You&#39;re connected" <<<"$page"
sleep 2

token=$(winprobe get TokenDesk:access-token || true)
check "the token is in Windows Credential Manager (TokenDesk:access-token)" test "${#token}" -ge 100
check "the client secret is in Credential Manager too" test "$(winprobe get TokenDesk:client-secret)" = "$client_secret"
check "no secrets.json in %AppData%\\TokenDesk" test ! -e "$appdata/TokenDesk/secrets.json"
check "the settings say the secrets are in the keychain" grep -q '"secrets_in": *"keychain"' "$appdata/TokenDesk/settings.json"
check "no file in the Windows profile holds the token or the client secret" \
  bash -c "! grep -rqF -e '${token:-none}' -e '$client_secret' '$profile'"
check "no token in the app's output" bash -c "! grep -qF '${token:-none}' '$scratch/app.log'"
check "the port is free after connecting" port_free "$port"

# The command line while the window is open, as a script on Windows uses it.
tokendesk token
the_token() { [ "$code" -eq 0 ] && [ "$out" = "${token:-none}" ]; }
check "\`tokendesk token\` from cmd.exe prints the token, exit 0" the_token
tokendesk status
the_status() {
  [ "$code" -eq 0 ] && grep -q "Permissions:  email, openid, profile" <<<"$out" &&
    grep -q "Kept in:      this computer's keychain" <<<"$out" && ! grep -qF "${token:-none}" <<<"$out"
}
check "\`tokendesk status\` from cmd.exe says what it is, never the token, exit 0" the_status
piped=$(wine "$exe" token </dev/null 2>/dev/null | cat)
check "\`tokendesk token | …\`: the token through a pipe" test "$piped" = "$token"
more=$(wine cmd /c "$winexe token | more" </dev/null 2>/dev/null | tr -d '\r')
check "\`tokendesk token | more\` inside cmd.exe" test "$more" = "$token"
wine cmd /c "$winexe token > C:\\token.txt" </dev/null >/dev/null 2>&1 || true
check "\`tokendesk token > C:\\token.txt\`: the file holds the token" test "$(tr -d '\r\n' <"$WINEPREFIX/drive_c/token.txt")" = "$token"
rm -f "$WINEPREFIX/drive_c/token.txt"
# On a terminal, Wine gives cmd.exe a real console: the windowed .exe
# attaches to it and writes there.
console=$(script -qec "wine cmd /c '$winexe' status" /dev/null </dev/null 2>/dev/null | tr -d '\r' || true)
check "\`tokendesk status\` in a cmd.exe console shows its output" grep -q 'Permissions:  email, openid, profile' <<<"$console"

# tokendesk run: the command it starts gets the token in its environment,
# said by winprobe as a hash (never the token), and its exit code comes back.
probe=$(winepath -w "$scratch/winprobe.exe")
tokendesk run -- cmd /c exit 7
check "\`tokendesk run -- cmd /c exit 7\` exits with 7" test "$code" -eq 7
token_sha=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
tokendesk run -- "$probe" env LINKEDIN_ACCESS_TOKEN
sees_token() { [ "$code" -eq 0 ] && [ "$out" = "sha256 $token_sha length ${#token}" ] && ! grep -qF "${token:-none}" <<<"$out$err"; }
check "\`tokendesk run -- …\`: the command's LINKEDIN_ACCESS_TOKEN is the saved token (by its hash)" sees_token
tokendesk run -- "$probe" env LINKEDIN_VERSION
check "\`tokendesk run -- …\`: the command has a LINKEDIN_VERSION (YYYYMM)" grep -q "^sha256 [0-9a-f]* length 6$" <<<"$out"
run_env=$(wine cmd /c "$winexe run -- cmd /c set LINKEDIN_ACCESS" </dev/null 2>/dev/null | tr -d '\r' | sed 's/=.*/=…/' || true)
check "\`tokendesk run -- cmd /c set\`: one LINKEDIN_ACCESS_TOKEN in the command's environment" test "$run_env" = "LINKEDIN_ACCESS_TOKEN=…"
piped=$(timeout 120 wine cmd /c "echo from the pipe| $winexe run -- $probe stdin line" </dev/null 2>/dev/null | tr -d '\r' || true)
check "\`echo … | tokendesk run -- …\`: the command reads the pipe" test "$piped" = "stdin from the pipe"
tokendesk run -- tokendesk-no-such-command
not_found() { [ "$code" -eq 127 ] && grep -q "no command tokendesk-no-such-command was found" <<<"$err"; }
check "\`tokendesk run -- (no such command)\` exits with 127 and says so" not_found

# One TokenDesk at a time: with another window in front, a second
# double-click brings the first window to the front and exits at once with 0;
# there is still one window.
wine notepad >/dev/null 2>&1 &
pids+=($!)
in_front() { # in_front TITLE: that window is in front, as Windows sees it, within 10 s
  for _ in $(seq 100); do [ "$(winprobe foreground | tr -d '\r')" = "$1" ] && return 0; sleep 0.1; done
  return 1
}
check "another program (Notepad) is in front" in_front "Untitled - Notepad"
started=$(date +%s%N)
second=0
timeout 60 wine "$exe" >"$scratch/second.log" 2>&1 || second=$?
took=$((($(date +%s%N) - started) / 1000000))
check "a second launch exits with 0 in under 15 s (took ${took} ms)" test "$second" -eq 0 -a "$took" -lt 15000
check "the first window is still open" kill -0 "$app"
check "there is one TokenDesk window" test "$(xdotool search --onlyvisible --name '^TokenDesk' | wc -l)" -eq 1
check "the second launch did not say it could not reach the first" bash -c "! grep -q 'already open' '$scratch/second.log'"
check "the second launch brought the first window to the front" in_front TokenDesk

# Still connected after a restart: the new window asks LinkedIn who is
# connected with the saved token.
kill "$app"
wait "$app" 2>/dev/null || true
for _ in $(seq 100); do xdotool search --onlyvisible --name '^TokenDesk$' >/dev/null 2>&1 || break; sleep 0.1; done
asked=$(grep -c '^GET /v2/userinfo$' "$scratch/fake.log" || true)
wine "$exe" >"$scratch/app2.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 120 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "after a restart the window maps again" test -n "$wid"
asks_again() {
  for _ in $(seq 200); do
    [ "$(grep -c '^GET /v2/userinfo$' "$scratch/fake.log" || true)" -gt "$asked" ] && return 0
    sleep 0.1
  done
  return 1
}
check "after a restart it is still connected: it asks LinkedIn who is connected" asks_again
tokendesk token
check "after a restart \`tokendesk token\` prints the same token" the_token
import -window root "$scratch/restarted.png" 2>/dev/null || true
[ -z "${WINE_OUT:-}" ] || cp "$scratch"/*.png "$WINE_OUT"/
kill "$app"
wait "$app" 2>/dev/null || true
check "the shim is test plumbing: no bcryptprimitives.dll in dist/" bash -c "! find dist -iname 'bcryptprimitives*' | grep -q ."
finish wine
