#!/usr/bin/env bash
# Nothing is left behind when a command fails: no part of a --all set, no part of a set of PNG
# pages, no folder made for the output, no queue lock file; files that were there stay as they
# were. Names that one run would write twice are refused.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/02-review-scaling.xml
listing() { (cd "$1" && find . -print0 | sort -z | xargs -0 stat -c '%n %F %s' && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# --- render --all: the third copy cannot be written: none is -----------------------------------
expect "render --all, to learn the names" 0 "$CINDOC" render --doc plan-copy --all "$S" -o "$T/names"
mapfile -t names < <(xargs -n1 basename <"$T/.run.out")
check "five copies" test "${#names[@]}" = 5
mkdir -p "$T/all"
echo "an older copy" >"$T/all/${names[0]}"
chmod 600 "$T/all/${names[0]}"
mkdir "$T/all/${names[2]}"    # a folder where the third copy goes
listing "$T/all" >"$T/all.before"
expect "render --all with one target in the way: exit 5" 5 "$CINDOC" render --doc plan-copy --all "$S" -o "$T/all"
check "... names the file it could not write" grep -q "cannot write '$T/all/${names[2]}'" "$T/.run.err"
check "... lists nothing" test ! -s "$T/.run.out"
listing "$T/all" >"$T/all.after"
check "... and leaves the folder as it was (the older copy too)" cmp -s "$T/all.before" "$T/all.after"

# --- PNG pages: all or none --------------------------------------------------------------------
mkdir -p "$T/png1"
expect "a plan as PNG pages, to learn the names" 0 "$CINDOC" render --doc plan --for file "$S" --writer png -o "$T/png1/plan.png"
pages=$(wc -l <"$T/.run.out")
check "several pages ($pages)" test "$pages" -gt 2
mkdir -p "$T/png"
echo "old page 1" >"$T/png/plan-1.png"
mkdir "$T/png/plan-$pages.png"   # the last page cannot be written
listing "$T/png" >"$T/png.before"
expect "PNG pages with the last one in the way: exit 5" 5 "$CINDOC" render --doc plan --for file "$S" --writer png -o "$T/png/plan.png"
listing "$T/png" >"$T/png.after"
check "... no page is left and the old page 1 is as it was" cmp -s "$T/png.before" "$T/png.after"

# --- a folder made for the output goes again after a failure ------------------------------------
expect "render --all --writer haru of a case with an Urdu reader: exit 7" 7 "$CINDOC" render --doc plan-copy --all samples/01-initial-meeting.xml --writer haru -o "$T/new/deeper/"
check "... the folders it made are gone" test ! -e "$T/new"
expect "render --for into a new folder, with a bad meeting: exit 2" 2 "$CINDOC" render --doc plan-copy --for p1 --meeting m9 "$S" -o "$T/new2/"
check "... no folder made" test ! -e "$T/new2"

# --- the queue: no lock file, no folder left after a failed run; none after a good one ----------
mkdir -p "$T/notaqueue" && echo x >"$T/notaqueue/keep.txt"
expect "queue into a folder that is not a queue: refused" 5 "$CINDOC" queue samples -o "$T/notaqueue" --today 2026-11-25
check "... no lock file left" test -z "$(ls -A "$T" | grep lock)"
expect "queue from a folder that does not exist: exit 4" 4 "$CINDOC" queue "$T/no-cases" -o "$T/made/for/q" --today 2026-11-25
check "... the folders made for the queue are gone" test ! -e "$T/made"
mkdir -p "$T/cases" && cp samples/06-step-down.xml samples/authority.xml "$T/cases/"
expect "a good run" 0 "$CINDOC" queue "$T/cases" -o "$T/q" --today 2026-11-25
check "... leaves no lock file either" test -z "$(ls -A "$T" | grep lock)"

# --- a FIFO or a device (-o /dev/null) is written to as it is, never replaced by a file --------
# (the real /dev/null is never the target here: on the code before, root's run replaced it)
mkfifo "$T/fifo"
timeout 60 cat "$T/fifo" >"$T/from-fifo" &   # (on the code before, nothing ever writes to it)
reader=$!
expect "render to a FIFO" 0 "$CINDOC" render --doc plan --for c1 "$S" -o "$T/fifo"
wait "$reader"
check "... the FIFO is still a FIFO" test -p "$T/fifo"
check "... and the PDF came through it" bash -c "head -c 5 '$T/from-fifo' | grep -qx '%PDF-'"
check "... no temporary file is left beside it" test -z "$(ls -A "$T" | grep '^\.fifo\.')"
