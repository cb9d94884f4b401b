#!/usr/bin/env bash
# The chair's desk in a real browser: tests/web/issue.js drives Debian's chromium with
# playwright-core: a chair issues a meeting's plan and minutes and sees what each copy leaves
# out; the post copies are queued (cindoc serve -o QUEUE_DIR), the email copies issued and
# offered as AES-256 protected PDFs (qpdf --show-encryption); issuing twice queues nothing twice;
# the wrong role and a post without the form token are refused; a desk without a queue says so.
# axe-core (WCAG 2.2 AA) runs on every page visited. Needs `make deps` (chromium, node, npm ci).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
. "$TESTS/web/needs.sh" || exit 0
timeout -k 10 900 node tests/web/issue.js --out "$T"
rc=$?
[ $rc = 124 ] && notok "the browser tests of issuing finish within 15 minutes" "killed after 900 s"
exit 0
