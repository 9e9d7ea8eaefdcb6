#!/usr/bin/env bash
# Smoke test of the real binary in a real window: starts TokenDesk under
# Xvfb with a throwaway keyring and settings folder, against the fake
# LinkedIn, checks the window maps, presses Connect, lets a stand-in browser
# sign in, and checks the token reached the keychain and the port is free.
# Then one TokenDesk at a time: a second launch brings the window to the
# front and exits; with a hung window, a launch says TokenDesk is already open.
# Screenshots of each state go to $SMOKE_OUT (default: a temporary folder).
#   scripts/smoke.sh            # what `make smoke` and CI run
#   SMOKE_OUT=docs/screenshots FYNE_THEME=light scripts/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TOKENDESK_KEYRING_SESSION:-}" ]; then
  exec scripts/with-keyring.sh "$0" "$@"
fi

export LANG=en_US.UTF-8
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

out=${SMOKE_OUT:-$scratch/shots}
mkdir -p "$out"

port=8765
while ! port_free "$port"; do port=$((port + 1)); done
redirect="http://localhost:$port/callback"
client_id=78smoketest0001
client_secret=smoke-test-secret

start_xvfb 90
# The fake LinkedIn, and the app pointed at it.
# The app has Community Management and Conversions, and the member
# administers a Page and manages an ad account: the Connected screen's check
# lists them with their IDs.
start_fake "$client_id" "$client_secret" "$redirect" \
  -scopes openid,profile,email,w_member_social,rw_organization_admin,w_organization_social,r_organization_social,rw_conversions,r_ads \
  -pages "2414183:Acme Marketing:ADMINISTRATOR" -ad-accounts "512345678:Acme Ads:ACCOUNT_MANAGER"
# A stand-in browser: pkg/browser runs xdg-open; ours notes the address.
stand_in_browser

# A person who filled the form before: settings on disk, secret in the keychain.
export XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$XDG_CONFIG_HOME/TokenDesk"
cat >"$XDG_CONFIG_HOME/TokenDesk/settings.json" <<EOF
{"version": 1, "client_id": "$client_id", "redirect_url": "$redirect", "scopes": ["openid", "profile", "email", "rw_organization_admin", "w_organization_social", "r_organization_social", "w_member_social", "rw_conversions", "r_ads"], "secrets_in": "keychain"}
EOF
printf '%s' "$client_secret" | secret-tool store --label='TokenDesk smoke' service TokenDesk username client-secret

shot() { import -window "$wid" "$out/$1.png"; }

# Built as `make build` does, without Fyne's animations: a focused field's
# cursor would otherwise redraw the window at frame rate (README, Speed).
check "the binary is built with -tags no_animations" bash -c "go version -m bin/tokendesk | grep -q -- '-tags=.*no_animations'"

bin/tokendesk >"$scratch/app.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "the window maps" test -n "$wid"
[ -n "$wid" ] || { cat "$scratch/app.log"; finish; exit 1; }
sleep 1.5 # let the saved settings load and the first frames draw
check "the window has a real size" bash -c "xwininfo -id $wid | grep -qE 'Width: ([4-9][0-9]{2}|[0-9]{4})'"
shot setup

# Everything is filled in, so once the saved settings have loaded (from the
# keychain: slower on a cold machine) Connect has the focus. Press it until
# the browser is asked to open; after that nothing has the focus, so a
# press too many does nothing.
xdotool windowfocus --sync "$wid" 2>/dev/null || true
for _ in $(seq 15); do
  xdotool key --window "$wid" space
  for _ in $(seq 20); do [ -s "$scratch/opened-url" ] && break 2; sleep 0.1; done
done
check "Connect opens the browser at LinkedIn's sign-in page" grep -q "^$oauth_url/authorization?" "$scratch/opened-url"
sleep 0.5
shot waiting

page=$(curl -s -L --max-time 20 "$(cat "$scratch/opened-url")" || true)
check "the browser lands on \"You're connected\"" grep -q "You&#39;re connected" <<<"$page"
sleep 1
shot connected
token=$(secret-tool lookup service TokenDesk username access-token || true)
check "the token is in the keychain" test "${#token}" -ge 100
check "no secret in the settings file" bash -c "! grep -qF -e '$client_secret' -e '${token:-none}' '$XDG_CONFIG_HOME/TokenDesk/settings.json'"
check "no token in the app's output" bash -c "! grep -qF -e '${token:-none}' '$scratch/app.log'"
check "the port is free after connecting" port_free "$port"
check "\`tokendesk token\` prints the saved token" test "$(bin/tokendesk token 2>/dev/null)" = "$token"
check "\`tokendesk status\` says what it is, never the token" bash -c "out=\$(bin/tokendesk status 2>&1) && grep -q 'Permissions:  email, openid, profile, r_ads, ' <<<\"\$out\" && ! grep -qF -e '${token:-none}' <<<\"\$out\""

# The Copy as… menu with its Python submenu open (the README's picture of
# the programs): Copy as…, then the pointer on "Python (requests)". A
# click on the window's empty lower part closes the menu again.
xdotool mousemove --window "$wid" 300 250 click 1
sleep 0.7
xdotool mousemove --window "$wid" 330 481 # two curl commands above it: the app has Community Management and Advertising reads
sleep 1
shot copy-as
xdotool mousemove --window "$wid" 320 520 click 1
sleep 0.5

# What the token can do, checked as it arrived: scrolled down to it.
xdotool mousemove --window "$wid" 320 400
for _ in $(seq 40); do xdotool click --window "$wid" 5; done
xdotool mousemove --window "$wid" 630 10 # off the buttons: none is drawn hovered
sleep 1
shot connected-checks

# One TokenDesk at a time: with another window in front, a second launch
# brings the first to the front and exits at once, and there is still one
# TokenDesk window.
xmessage -name other "another program" >/dev/null 2>&1 &
pids+=($!)
other=$(timeout 20 xdotool search --sync --onlyvisible --classname '^other$' | head -n 1 || true)
if [ -n "$other" ]; then xdotool windowfocus --sync "$other" 2>/dev/null || true; fi
check "another window has the focus" test "$(xdotool getwindowfocus 2>/dev/null)" != "$wid"
started=$(date +%s%N)
second=0
timeout 20 bin/tokendesk >"$scratch/second.log" 2>&1 || second=$?
took=$((($(date +%s%N) - started) / 1000000))
check "a second launch exits with 0 in under 5 s (took ${took} ms)" test "$second" -eq 0 -a "$took" -lt 5000
check "the first window is still open" kill -0 "$app"
check "there is one TokenDesk window" test "$(xdotool search --onlyvisible --name '^TokenDesk' | wc -l)" -eq 1
raised() { for _ in $(seq 30); do [ "$(xdotool getwindowfocus 2>/dev/null)" = "$wid" ] && return 0; sleep 0.1; done; return 1; }
check "the second launch brought the first to the front" raised
check "\`tokendesk status\` works while the window is open" bash -c "bin/tokendesk status >/dev/null 2>&1"

kill "$app"
wait "$app" 2>/dev/null || true
check "the app is gone" bash -c "! kill -0 $app 2>/dev/null"

# Connections: a second one, signed in from the command line; the window
# starts again on the one in use and lists both, the soonest expiry first.
: >"$scratch/opened-url"
TOKENDESK_CLIENT_SECRET=$client_secret bin/tokendesk login --connection "Acme page" --client-id "$client_id" \
  --redirect-url "$redirect" --scopes "openid profile email" >"$scratch/login.log" 2>&1 &
login=$!
pids+=("$login")
for _ in $(seq 100); do [ -s "$scratch/opened-url" ] && break; sleep 0.1; done
curl -s -L --max-time 20 "$(cat "$scratch/opened-url")" >/dev/null || true
login_status=0
wait "$login" || login_status=$?
check "\`tokendesk login --connection\` makes a second connection" test "$login_status" -eq 0
check "\`tokendesk list\` shows both, the window's in use" bash -c "out=\$(bin/tokendesk list) && grep -q '^\* default ' <<<\"\$out\" && grep -q '^  Acme page ' <<<\"\$out\""
check "the first connection's token is still the one printed" test "$(bin/tokendesk token 2>/dev/null)" = "$token"
bin/tokendesk >"$scratch/app2.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "the window maps again" test -n "$wid"
sleep 2 # the saved token shown, LinkedIn asked who it is
# Open the connection list, at the top of the window.
xdotool mousemove --window "$wid" 300 53 click 1
sleep 1
shot connections
kill "$app"
wait "$app" 2>/dev/null || true

# The window in another language (the README's German screenshot): German
# from the locale, as the Language menu's "The system's language" takes it.
LANG=de_DE.UTF-8 bin/tokendesk >"$scratch/app-de.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "the window maps with LANG=de_DE.UTF-8" test -n "$wid"
sleep 2 # the saved token shown, LinkedIn asked who it is
shot connected-de
kill "$app"
wait "$app" 2>/dev/null || true

# LinkedIn stops accepting the token (the member removed the app's access
# in their settings): the window says so at start, with Connect again.
curl -s -X POST "$LINKEDIN_API_URL/_fake/revoke-all" >/dev/null
bin/tokendesk >"$scratch/app-rejected.log" 2>&1 &
app=$!
pids+=("$app")
wid=$(timeout 60 xdotool search --sync --onlyvisible --name '^TokenDesk$' | head -n 1 || true)
check "the window maps with a revoked token" test -n "$wid"
sleep 2 # the saved token shown, LinkedIn's Token Inspector asked
shot rejected
kill "$app"
wait "$app" 2>/dev/null || true

# A window that holds the lock but does not answer (hung): a new launch
# says TokenDesk is already open, in a small window, rather than a second
# TokenDesk.
flock "$XDG_CONFIG_HOME/TokenDesk/window.lock" sleep 60 &
pids+=($!)
sleep 0.2
bin/tokendesk >"$scratch/hung.log" 2>&1 &
pids+=($!)
said=$(timeout 30 xdotool search --sync --onlyvisible --name '^TokenDesk is already open$' | head -n 1 || true)
check "with a hung window, a launch says \"TokenDesk is already open\"" test -n "$said"
check "and opens no second TokenDesk window" bash -c "! xdotool search --onlyvisible --name '^TokenDesk$' >/dev/null"
echo "screenshots: $out"
finish smoke
