#!/usr/bin/env bash
# The web desk in a real browser: tests/web/journeys.js drives Debian's chromium with
# playwright-core through each journey of the desk (log in; write up a review with no XML seen,
# then check and render it; a draft kept over a restart; a bad date beside its field; a stale
# save refused, the typed text kept; a new case; logged out and wrong role refused; a post
# without the form token refused; the whole write-up with the keyboard alone) and runs axe-core
# (WCAG 2.2 AA) on every page it visits. Needs `make deps` (chromium, node, npm ci).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
. "$TESTS/web/needs.sh" || exit 0
timeout -k 10 1200 node tests/web/journeys.js --out "$T"
rc=$?
[ $rc = 124 ] && notok "the browser tests finish within 20 minutes" "killed after 1200 s"
exit 0
