#!/usr/bin/env bash
# A bounded load test of the web desk on 127.0.0.1 (tests/web/load.js): 20 minute takers write
# up 20 cases at once while two more save one case at the same moment; nothing is lost, exactly
# one of the two wins, and every case file passes `cindoc check` after. Its figures (time to first
# byte, save latency, server memory) are kept in tests/out/t8901-web-load/figures.txt.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
. "$TESTS/web/needs.sh" || exit 0
timeout -k 10 660 node tests/web/load.js --out "$T" --users 20 --limit 600
[ $? = 124 ] && notok "the load test finishes within 11 minutes" "killed after 660 s"
exit 0
