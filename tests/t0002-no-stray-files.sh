#!/usr/bin/env bash
# cindoc writes what it is asked to write and nothing else: no font cache, no temporary file
# left in the folder it is run from or beside the output.
. "$(dirname "$0")/lib.sh"

FO=$(ls "$ROOT"/tests/fo/*.fo | head -1)
mkdir -p "$T/cwd" "$T/outdir"
(cd "$T/cwd" && "$CINDOC" render-fo "$FO" -o "$T/outdir/x.pdf" >/dev/null 2>"$T/err")
check "render-fo succeeds from an empty folder" test -s "$T/outdir/x.pdf"
check "nothing is written into the working folder" test -z "$(ls -A "$T/cwd")"
check "only the output is beside it" test "$(ls -A "$T/outdir")" = x.pdf
(cd "$T/cwd" && "$CINDOC" check "$ROOT"/samples/*.xml >/dev/null 2>&1)
check "check writes nothing" test -z "$(ls -A "$T/cwd")"
