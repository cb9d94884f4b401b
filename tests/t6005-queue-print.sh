#!/usr/bin/env bash
# The queue's print.pdf is put together from the items' own PDFs, never laid out again: every
# page as in the item's PDF, one outline entry per item with the item's own outline under it,
# destinations and links inside each item (tests/queue/print-check.py); PDF/UA and qpdf --check;
# an item whose case cannot be read this run keeps its place; protected items, a protected
# print.pdf.
. "$(dirname "$0")/lib.sh"
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
