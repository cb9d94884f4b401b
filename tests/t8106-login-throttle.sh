#!/usr/bin/env bash
# Slowed logins of the web desk (gen/web/session.c), driven by tests/tools/session-driver.c: a
# failure slows the next try of that name, a long name is slowed too, a flood of made-up names
# keeps the table of failures bounded (4096), a success forgets the name.
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
cd "$ROOT" || exit 1
if ! build_tool session-driver >"$T/build.log" 2>&1; then
	notok "the session driver builds" "$(head -c 2000 "$T/build.log")"
	exit 0
fi
expect "the driver runs" 0 "$T/session-driver"
out=$T/.run.out
check "a failed login slows the next try" grep -qx "mt1 waits 1" "$out"
check "a name longer than 64 bytes is slowed too" grep -qx "long name waits 1" "$out"
check "... and kept once, however often it fails" grep -qx "entries 2" "$out"
check "a flood of 20,000 made-up names: at most 4096 kept" grep -qx "after the flood 4096" "$out"
check "... the newest still slowed" grep -qx "the last made-up name waits 1" "$out"
check "a success forgets the name" grep -qx "ch1 after success waits 0" "$out"
