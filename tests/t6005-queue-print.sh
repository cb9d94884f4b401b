#!/usr/bin/env bash
# The queue's print.pdf is put together from the items' own PDFs, never laid out again: every
# page as in the item's PDF, one outline entry per item with the item's own outline under it,
# destinations and links inside each item (tests/queue/print-check.py); PDF/UA and qpdf --check;
# an item whose case cannot be read this run keeps its place; protected items, a protected
# print.pdf; an input whose objects sit in object streams (tests/tools/concat.c).
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
cd "$ROOT" || exit 2
Q=$TESTS/queue
C=$T/cases
mkdir -p "$C" && cp samples/02-review-scaling.xml samples/05-transfer-in.xml samples/12-child-died.xml samples/authority.xml "$C"/

expect "queue three cases" 0 "$CINDOC" queue "$C" -o "$T/q" --today 2026-11-25
check "the queue is consistent" python3 "$Q/check.py" "$T/q"
check "print.pdf: the items' own pages, outlines, destinations and links" /usr/bin/python3 "$Q/print-check.py" "$T/q"
for f in "$T"/q/*/print.pdf; do
	rel=${f#"$T/q/"}
	check "$rel: qpdf --check" sh -c "qpdf --check '$f' | grep -q 'No syntax or stream encoding errors'"
	check "$rel: PDF/UA checks" "$TESTS/pdf/ua-check.py" "$f"
	item=$(find "$(dirname "$f")" -name '*.pdf' ! -name print.pdf | head -1)
	check "$rel: its header says at least its items' PDF version" sh -c "[ \"\$(head -c 8 '$f')\" = \"\$(head -c 8 '$item')\" ]"
done

# A case that cannot be read this run: its waiting items stay in a print.pdf made again.
d12=$(grep '^NB-2025-1734/' "$T/q/manifest.csv" | head -1 | cut -d, -f15 | cut -d/ -f1)
check "the child-died case has waiting items" test -n "$d12"
rm "$T/q/$d12/print.pdf"
echo '<broken' >>"$C/12-child-died.xml"
expect "a run with that case unreadable: exit 6" 6 "$CINDOC" queue "$C" -o "$T/q" --today 2026-11-25
check "its items are still in the new print.pdf" python3 -c "
import csv,sys
r=[x for x in csv.DictReader(open('$T/q/manifest.csv')) if x['item'].startswith('NB-2025-1734/')]
sys.exit(0 if r and all(int(x['print_first']) > 0 for x in r) else 1)"
check "the queue is consistent after it" python3 "$Q/check.py" "$T/q"
check "print.pdf after it: the items' own pages" /usr/bin/python3 "$Q/print-check.py" "$T/q"
cp samples/12-child-died.xml "$C"/

# Protected items: print.pdf is protected with the same password, and holds the same pages.
export CD_TEST_PW='queue pass 1'
expect "a protected queue" 0 "$CINDOC" queue "$C" -o "$T/qp" --today 2026-11-25 --user-password-env CD_TEST_PW
check "protected print.pdf: AES-256 (R6), opens with the password" sh -c "for f in '$T'/qp/*/print.pdf; do qpdf --show-encryption --password='$CD_TEST_PW' \"\$f\" | grep -qx 'R = 6' || exit 1; done"
check "protected print.pdf: no way in without it" sh -c "! pdftotext -q \"\$(ls '$T'/qp/*/print.pdf | head -1)\" - >/dev/null"
check "protected print.pdf: the items' own pages" /usr/bin/python3 "$Q/print-check.py" "$T/qp" "$CD_TEST_PW"
f=$(ls "$T"/qp/*/print.pdf | head -1)
check "protected print.pdf: PDF/UA checks with the password" "$TESTS/pdf/ua-check.py" --password "$CD_TEST_PW" "$f"

# An input cindoc did not write: its objects in object streams (so none is copied as its bytes
# are) and the first MCID of its first heading an indirect integer. Each object keeps its value:
# an indirect integer is written as itself, never as a reference to its own number.
check "concat builds" build_tool concat
"$CINDOC" render-fo "$ROOT/tests/pdf/plan.fo" -o "$T/plan.pdf" 2>/dev/null
check "an input in object streams with an indirect MCID" "$Q/first-mcid.py" "$T/plan.pdf" "$T/ostreams.pdf"
expect "put together with a plan of cindoc's" 0 "$T/concat" "$T/cat.pdf" "$T/ostreams.pdf" "$T/plan.pdf"
check "... qpdf --check" sh -c "qpdf --check '$T/cat.pdf' | grep -q 'No syntax or stream encoding errors'"
check "... no object is a reference to itself" /usr/bin/python3 -c "
import re, sys
b = open('$T/cat.pdf', 'rb').read()
sys.exit(1 if [m for m in re.finditer(rb'(?m)^(\d+) 0 obj\s+(\d+) 0 R\s+endobj', b) if m.group(1) == m.group(2)] else 0)"
check "... the heading's MCID is still its own" sh -c "[ \"\$('$Q/first-mcid.py' '$T/cat.pdf')\" = \"\$('$Q/first-mcid.py' '$T/plan.pdf')\" ]"
check "... the same text as its inputs" sh -c "[ \"\$(pdftotext -layout '$T/cat.pdf' - | tr -d '\f')\" = \"\$( (pdftotext -layout '$T/ostreams.pdf' -; pdftotext -layout '$T/plan.pdf' -) | tr -d '\f')\" ]"

# The queue's items are read as they are (as the finishing pass writes them), not with libqpdf:
# the same items each with an update that changes nothing, which only libqpdf reads, give the
# same bytes.
mapfile -t items < <(find "$T/q" -name '*.pdf' ! -name print.pdf | sort)
updated=()
for f in "${items[@]}"; do
	updated+=("$T/upd-${#updated[@]}.pdf")
	"$Q/empty-update.py" "$f" "${updated[-1]}"
done
check "the queue's items read as they are" "$T/concat" "$T/raw.pdf" "${items[@]}"
check "... and with libqpdf" "$T/concat" "$T/lib.pdf" "${updated[@]}"
check "... the same bytes" cmp "$T/raw.pdf" "$T/lib.pdf"
