# Shared by the test scripts (smoke.sh, test-dist.sh, test-wine.sh): source
# it after `cd` to the repository. It gives:
#   check "what" command...   runs the command, prints "ok   what" or "FAIL what"
#   finish NAME               prints "NAME: N passed, N failed"; fails if any failed
#   $scratch                  a temporary folder, removed on exit
#   pids+=($!)                background processes, killed on exit
#   cleanup_more              define it to do more on exit (before the kills)
#   port_free PORT            whether nothing listens on 127.0.0.1:PORT
#   start_xvfb FIRST          a private X display, from :FIRST up; sets DISPLAY
#   start_fake ID SECRET REDIRECT [FLAG...]   the fake LinkedIn (FLAGs: the fake
#                             command's, such as -pages); sets oauth_url and points
#                             LINKEDIN_OAUTH_URL / LINKEDIN_API_URL at it
#   stand_in_browser          an xdg-open first on PATH that only notes the
#                             address it was asked to open, in $scratch/opened-url
# shellcheck shell=bash

passed=0 failed=0
check() { # check "what" command...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

scratch=$(mktemp -d)
pids=()
cleanup() {
  if declare -F cleanup_more >/dev/null; then cleanup_more || true; fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_xvfb() {
  local display=$1 xvfb
  for _ in $(seq 10); do
    while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
    Xvfb ":$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    export DISPLAY=":$display"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    # Another script's Xvfb may have taken the display a moment before ours,
    # which has then exited: the display would go when that script ends.
    sleep 0.2
    if kill -0 "$xvfb" 2>/dev/null; then
      pids+=("$xvfb")
      return 0
    fi
    display=$((display + 1))
  done
  echo "could not start Xvfb" >&2
  return 1
}

start_fake() {
  mkfifo "$scratch/fake.out"
  bin/fakelinkedin -client-id "$1" -client-secret "$2" -redirect "$3" ${FAKE_LOG:+-log "$FAKE_LOG"} "${@:4}" >"$scratch/fake.out" &
  pids+=($!)
  read -r oauth_url <"$scratch/fake.out"
  export LINKEDIN_OAUTH_URL=$oauth_url LINKEDIN_API_URL=${oauth_url%/oauth/v2}
}

stand_in_browser() {
  mkdir -p "$scratch/path"
  cat >"$scratch/path/xdg-open" <<EOS
#!/bin/sh
printf '%s' "\$1" > "$scratch/opened-url"
EOS
  chmod +x "$scratch/path/xdg-open"
  export PATH="$scratch/path:$PATH"
}
