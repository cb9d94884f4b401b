#!/usr/bin/env bash
# The admin's desk in a real browser: tests/web/queue.js (chromium, playwright-core, axe-core)
# prints a date of the queue on a CUPS printer of this test's own scheduler and marks a copy
# issued; `cindoc due` and the ledger agree. Needs `make deps`.
. "$(dirname "$0")/lib.sh"
. "$TESTS/cups-lib.sh"
trap 'cups_stop' EXIT
cd "$ROOT" || exit 1
. "$TESTS/web/needs.sh" || exit 0
check "a CUPS scheduler of the test" cups_start
check "a printer" cups_printer cindoc-test
timeout -k 10 600 node tests/web/queue.js --out "$T" --printer cindoc-test
[ $? = 124 ] && notok "the browser tests finish within 10 minutes" "killed after 600 s"
exit 0
