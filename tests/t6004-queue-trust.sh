#!/usr/bin/env bash
# The queue does not trust its own files blindly: a damaged ledger is never read as a new queue,
# unknown values and paths that leave the queue are refused, every carried-over PDF is checked
# against its sha256, a lost print.pdf is made again, files that are not the queue's are never
# deleted (the run refuses, naming them), and the lock is taken on the real folder.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
TODAY=2026-11-25
C=$T/cases
mkdir -p "$C" && cp samples/02-review-scaling.xml samples/06-step-down.xml samples/authority.xml "$C"/
snap() { (cd "$1" && find . -print0 | sort -z | xargs -0 stat -c '%n %F %s' && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
consistent() { check "$1: queue folder consistent" python3 tests/queue/check.py "$2"; }
fresh() { rm -rf "$T/$1" && cp -a "$T/base" "$T/$1"; }
# unchanged NAME DIR: the folder is as it was before (snapshot in $T/DIR.before)
unchanged() { snap "$T/$2" >"$T/$2.after"; check "$1: the queue is left as it was" cmp -s "$T/$2.before" "$T/$2.after"; }

expect "a queue to damage" 0 "$CINDOC" queue "$C" -o "$T/base" --today $TODAY
consistent "base" "$T/base"
issued_item=NB-2026-0142/plan-copy/m3/p1
expect "one item issued" 0 "$CINDOC" queue mark-issued "$T/base" $issued_item --today $TODAY
col() { python3 -c 'import csv,sys
print(*[r[sys.argv[3]] for r in csv.DictReader(open(sys.argv[1])) if r["item"]==sys.argv[2]])' "$T/$1/manifest.csv" "$2" "$3"; }
issued_file=$(col base $issued_item file)
issued_date=$(dirname "$issued_file")
queued_item=HD-2026-0533/closure-letter/p1
queued_file=$(col base $queued_item file)
queued_date=$(dirname "$queued_file")

# --- a damaged ledger is never a new queue -------------------------------------------------
for how in empty header-only magic-only cut-short; do
	fresh "l-$how"
	L=$T/l-$how/ledger.tsv
	case $how in
	empty) : >"$L" ;;
	header-only) head -n 2 "$L" >"$L.x" && mv "$L.x" "$L" ;;
	magic-only) head -n 1 "$L" >"$L.x" && mv "$L.x" "$L" ;;
	cut-short) head -c -20 "$L" >"$L.x" && mv "$L.x" "$L" ;;
	esac
	snap "$T/l-$how" >"$T/l-$how.before"
	expect "ledger $how: refused (exit 3)" 3 "$CINDOC" queue "$C" -o "$T/l-$how" --today $TODAY
	check "ledger $how: says the ledger is damaged" grep -q "ledger.tsv:[0-9]*: error: .*damaged" "$T/.run.err"
	unchanged "ledger $how" "l-$how"
	expect "ledger $how: mark-issued refuses too" 3 "$CINDOC" queue mark-issued "$T/l-$how" $TODAY --today $TODAY
done
mkdir -p "$T/emptydir"
expect "a new queue: an empty folder and no ledger" 0 "$CINDOC" queue "$C" -o "$T/emptydir" --today $TODAY
consistent "a new queue in an empty folder" "$T/emptydir"
mkdir -p "$T/nothing-owed" && cp samples/01-initial-meeting.xml samples/authority.xml "$T/nothing-owed/"
expect "a queue with nothing in it" 0 "$CINDOC" queue "$T/nothing-owed" -o "$T/q-none" --today 2026-01-01
expect "... runs again (a header-only ledger and empty manifests are an empty queue)" 0 "$CINDOC" queue "$T/nothing-owed" -o "$T/q-none" --today 2026-01-01

# --- values a run does not know --------------------------------------------------------------
fresh status
sed -i "s|^\($queued_item\)\tqueued\t|\1\tsent\t|" "$T/status/ledger.tsv"
line=$(grep -n "^$queued_item	" "$T/status/ledger.tsv" | cut -d: -f1)
snap "$T/status" >"$T/status.before"
expect "unknown status: refused (exit 3)" 3 "$CINDOC" queue "$C" -o "$T/status" --today $TODAY
check "... with file:line and the value" grep -q "ledger.tsv:$line: error: item '$queued_item' has the unknown status 'sent'" "$T/.run.err"
unchanged "unknown status" status

# an issued item: its row is kept as it is, so a run would write its date's manifests there
for bad in ../outside/x.pdf /tmp/x.pdf "$issued_date/../../outside.pdf" "$issued_date/sub/x.pdf" "$issued_date/print.pdf"; do
	fresh path
	mkdir -p "$T/outside"
	python3 - "$T/path/ledger.tsv" "$issued_item" "$bad" <<'EOF'
import sys
p, item, bad = sys.argv[1:]
lines = open(p, encoding="utf-8").read().split("\n")
fi = lines[1].split("\t").index("file")
for i, l in enumerate(lines):
    f = l.split("\t")
    if f[0] == item:
        f[fi] = bad
        lines[i] = "\t".join(f)
open(p, "w", encoding="utf-8").write("\n".join(lines))
EOF
	snap "$T/path" >"$T/path.before"
	expect "ledger file '$bad': refused (exit 3)" 3 "$CINDOC" queue "$C" -o "$T/path" --today $TODAY
	check "... as not a file of the queue" grep -q "ledger.tsv:[0-9]*: error: item '$issued_item': file '.*' is not a file of this queue" "$T/.run.err"
	check "... nothing written outside" test -z "$(ls -A "$T/outside")"
	unchanged "ledger file '$bad'" path
done

# --- every carried-over PDF is checked against its sha256 -----------------------------------
fresh changed
printf 'tampered' >>"$T/changed/$queued_file"
expect "a waiting PDF changed on disk: the run makes it again" 0 "$CINDOC" queue "$C" -o "$T/changed" --today $TODAY
check "... and says so" grep -q "'$queued_file' does not match its sha256 in the ledger: made again" "$T/.run.err"
check "... counted as updated" grep -q ' 0 new, 1 updated, 0 withdrawn;' "$T/.run.out"
consistent "a waiting PDF changed" "$T/changed"

fresh replaced
cp "$T/replaced/$(col replaced NB-2026-0142/plan-copy/m3/p3 file)" "$T/replaced/$queued_file"
expect "a waiting PDF replaced by another's: made again" 0 "$CINDOC" queue "$C" -o "$T/replaced" --today $TODAY
consistent "a waiting PDF replaced" "$T/replaced"

fresh gone
rm "$T/gone/$queued_file"
expect "a waiting PDF deleted: made again" 0 "$CINDOC" queue "$C" -o "$T/gone" --today $TODAY
consistent "a waiting PDF deleted" "$T/gone"

fresh issued
printf 'tampered' >>"$T/issued/$issued_file"
snap "$T/issued" >"$T/issued.before"
expect "an issued PDF changed on disk: refused (exit 3)" 3 "$CINDOC" queue "$C" -o "$T/issued" --today $TODAY
check "... naming it" grep -q "'$issued_file' (issued $TODAY) does not match its sha256 in the ledger" "$T/.run.err"
unchanged "an issued PDF changed" issued
expect "... mark-issued refuses too" 3 "$CINDOC" queue mark-issued "$T/issued" $queued_item --today $TODAY
unchanged "an issued PDF changed (mark-issued)" issued

fresh print
rm "$T/print/$queued_date/print.pdf"
expect "a deleted print.pdf: made again" 0 "$CINDOC" queue "$C" -o "$T/print" --today $TODAY
check "... it is there" test -f "$T/print/$queued_date/print.pdf"
consistent "a deleted print.pdf" "$T/print"

# --- files that are not the queue's are never deleted: the run refuses, naming them -----------
fresh foreign
echo "my notes" >"$T/foreign/notes.txt"
echo "x" >"$T/foreign/$queued_date/letter-by-hand.pdf"
mkdir -p "$T/foreign/2099-01-01" && echo y >"$T/foreign/2099-01-01/z.pdf"
snap "$T/foreign" >"$T/foreign.before"
expect "foreign files: refused (exit 3)" 3 "$CINDOC" queue "$C" -o "$T/foreign" --today $TODAY
for f in notes.txt "$queued_date/letter-by-hand.pdf" 2099-01-01; do
	check "... naming $f" grep -q "'$T/foreign/$f' is not a file of this queue" "$T/.run.err"
done
unchanged "foreign files" foreign
expect "foreign files: mark-issued refuses too" 3 "$CINDOC" queue mark-issued "$T/foreign" $queued_item --today $TODAY
unchanged "foreign files (mark-issued)" foreign
rm -r "$T/foreign/notes.txt" "$T/foreign/$queued_date/letter-by-hand.pdf" "$T/foreign/2099-01-01"
expect "once they are moved out, the run goes on" 0 "$CINDOC" queue "$C" -o "$T/foreign" --today $TODAY

# --- symlinks inside the queue --------------------------------------------------------------
fresh link
mkdir -p "$T/elsewhere" && cp "$T/link/$queued_file" "$T/elsewhere/x.pdf"
ln -sf "$T/elsewhere/x.pdf" "$T/link/$queued_file"
snap "$T/link" >"$T/link.before"
expect "an item file that is a symlink: refused" 3 "$CINDOC" queue "$C" -o "$T/link" --today $TODAY
check "... naming it" grep -q "'$T/link/$queued_file' is a symbolic link" "$T/.run.err"
unchanged "an item file that is a symlink" link
fresh dlink
mv "$T/dlink/$queued_date" "$T/elsewhere/d"
ln -s "$T/elsewhere/d" "$T/dlink/$queued_date"
expect "a date folder that is a symlink: refused" 3 "$CINDOC" queue "$C" -o "$T/dlink" --today $TODAY
check "... naming it" grep -q "'$T/dlink/$queued_date' is a symbolic link" "$T/.run.err"

# --- a symlinked queue folder: the lock and the swap are on the real folder ---------------------
cp -a "$T/base" "$T/real"
ln -s real "$T/viasym"
expect "a run through a symlinked queue folder" 0 "$CINDOC" queue "$C" -o "$T/viasym" --today 2026-12-02
check "... the link is still a link" test -L "$T/viasym"
check "... to the real folder, which was updated" bash -c "[ \"\$(readlink '$T/viasym')\" = real ] && grep -q '^HD-2026-0533/closure-letter/' '$T/real/manifest.csv'"
consistent "through a symlink" "$T/real"
check "no lock file left beside either" bash -c "! ls -A '$T' | grep -q 'lock'"
flock "$T/.real.lock" sleep 3 &
holder=$!
sleep 0.5
expect "a run through the link waits for the lock on the real folder" 0 "$CINDOC" queue "$C" -o "$T/viasym" --today 2026-12-02
check "... it said it waited" grep -q "waiting for another run" "$T/.run.err"
wait $holder

# --- a changed password protects the waiting copies again ----------------------------------
mkdir -p "$T/pw" && cp samples/06-step-down.xml samples/authority.xml "$T/pw/"
expect "a protected queue (haru)" 0 "$CINDOC" queue "$T/pw" -o "$T/qpw" --today $TODAY --writer haru --user-password first-pass1
n=$(($(wc -l <"$T/qpw/manifest.csv") - 1))
f=$(col qpw HD-2026-0533/closure-letter/p1 file)
check "... a copy opens with the password" pdftotext -upw first-pass1 "$T/qpw/$f" /dev/null
expect "the same password again" 0 "$CINDOC" queue "$T/pw" -o "$T/qpw" --today $TODAY --writer haru --user-password first-pass1
check "... makes nothing again" grep -q ' 0 new, 0 updated, 0 withdrawn;' "$T/.run.out"
expect "a new password" 0 "$CINDOC" queue "$T/pw" -o "$T/qpw" --today $TODAY --writer haru --user-password second-pass2
check "... protects every waiting copy again ($n)" grep -q " 0 new, $n updated, 0 withdrawn;" "$T/.run.out"
f=$(col qpw HD-2026-0533/closure-letter/p1 file)
check "... which opens with the new password" pdftotext -upw second-pass2 "$T/qpw/$f" /dev/null
check "... and no longer with the old one" bash -c "! pdftotext -upw first-pass1 '$T/qpw/$f' /dev/null 2>/dev/null"
check "no password in the queue's ledger or manifests" bash -c "! grep -r -q -e first-pass1 -e second-pass2 '$T/qpw'"
