#!/usr/bin/env bash
# The finishing pass (gen/writers/pdf-finish.cc, libqpdf): any PDF Cairo writes is finished whatever its
# formatting (a table whose only cell holds an empty block once ended in an abort); standard
# output is finished and tagged like a file; a failed write is exit 5 and leaves nothing; the
# same input and date give the same bytes.
. "$(dirname "$0")/lib.sh"
. "$TESTS/pdf/lib.sh"

mkdir -p "$T/e"
expect "a table whose only cell holds an empty block renders" 0 "$CINDOC" render-fo "$TESTS/pdf/empty-cell.fo" -o "$T/e/empty.pdf"
check "no message" sh -c "[ ! -s '$T/.run.err' ]"
check "qpdf --check is clean" sh -c "qpdf --check '$T/e/empty.pdf' | grep -q 'No syntax or stream encoding errors'"
check "the empty cell is a TD in the tree" sh -c "pdfinfo -struct '$T/e/empty.pdf' | grep -qx '        TD'"
check "no temporary file left" no_leftovers "$T/e"

expect "standard output" 0 sh -c "'$CINDOC' render-fo '$TESTS/pdf/plan.fo' -o - >'$T/stdout.pdf'"
check "standard output is tagged" sh -c "pdfinfo '$T/stdout.pdf' | grep -qx 'Tagged: *yes'"
check "standard output has the title" sh -c "pdfinfo '$T/stdout.pdf' | grep -qx 'Title: *Child in Need plan for Sam (invented)'"
check "standard output has a structure tree" sh -c "pdfinfo -struct '$T/stdout.pdf' | grep -qx 'Document'"

expect "standard output on a full device" 5 sh -c "'$CINDOC' render-fo '$TESTS/pdf/plan.fo' -o - >/dev/full"
check "full device message" grep -qx "cindoc: cannot write '-': No space left on device" "$T/.run.err"

# a full disk: a small tmpfs, when this runs as root and may mount one
mkdir -p "$T/small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$T/small" 2>/dev/null; then
	dd if=/dev/zero of="$T/small/fill" bs=1k count=40 2>/dev/null
	expect "a full disk is exit 5" 5 "$CINDOC" render-fo "$TESTS/pdf/plan.fo" -o "$T/small/plan.pdf"
	check "full disk message" grep -qx "cindoc: cannot write '$T/small/plan.pdf': No space left on device" "$T/.run.err"
	check "a full disk leaves nothing" sh -c "[ \"\$(ls -A '$T/small')\" = fill ]"
	umount "$T/small"
else
	ok "a full disk is exit 5 # skip: cannot mount a tmpfs here"
fi

# reproducible: the date comes from the document (dc:date) or SOURCE_DATE_EPOCH, the /ID from
# the content
sed 's|<dc:title>|<dc:date>2026-03-02</dc:date><dc:title>|' "$TESTS/pdf/plan.fo" >"$T/dated.fo"
cp "$TESTS/pdf/logo.png" "$T/"
check "the dated FO has a dc:date" grep -q '<dc:date>2026-03-02</dc:date>' "$T/dated.fo"
"$CINDOC" render-fo "$T/dated.fo" -o "$T/d1.pdf"
sleep 1
"$CINDOC" render-fo "$T/dated.fo" -o "$T/d2.pdf"
check "rendering twice gives the same bytes (dc:date)" cmp "$T/d1.pdf" "$T/d2.pdf"
check "the creation date is the document's" sh -c "pdfinfo -isodates '$T/d1.pdf' | grep -qx 'CreationDate: *2026-03-02T00:00:00Z'"
check "the XMP date is the document's" sh -c "pdfinfo -meta '$T/d1.pdf' | grep -q '<xmp:CreateDate>2026-03-02T00:00:00Z</xmp:CreateDate>'"
SOURCE_DATE_EPOCH=1780000000 "$CINDOC" render-fo "$TESTS/pdf/plan.fo" -o "$T/s1.pdf"
sleep 1
SOURCE_DATE_EPOCH=1780000000 "$CINDOC" render-fo "$TESTS/pdf/plan.fo" -o "$T/s2.pdf"
check "rendering twice gives the same bytes (SOURCE_DATE_EPOCH)" cmp "$T/s1.pdf" "$T/s2.pdf"
check "SOURCE_DATE_EPOCH dates it" sh -c "pdfinfo -isodates '$T/s1.pdf' | grep -qx 'CreationDate: *2026-05-28T20:26:40Z'"

# protection: AES-256 (R6) on the tagged cairo output, Urdu included
export CD_TEST_PW='s3cret pass'
expect "cairo with a password (Urdu)" 0 "$CINDOC" render-fo "$TESTS/pdf/urdu.fo" -o "$T/urdu-prot.pdf" --user-password-env CD_TEST_PW
qpdf --show-encryption --password="$CD_TEST_PW" "$T/urdu-prot.pdf" >"$T/enc.txt" 2>&1
for l in "R = 6" "P = -1340" "extract for accessibility: allowed" "extract for any purpose: not allowed" \
	"print high resolution: allowed" "modify anything: not allowed"; do
	check "cairo encryption: $l" grep -qx "$l" "$T/enc.txt"
done
check "AES-256 and tagged (pdfinfo with the password)" sh -c "pdfinfo -upw '$CD_TEST_PW' '$T/urdu-prot.pdf' | grep -qx 'Encrypted: *yes (print:yes copy:no change:no addNotes:no algorithm:AES-256)' && pdfinfo -upw '$CD_TEST_PW' '$T/urdu-prot.pdf' | grep -qx 'Tagged: *yes'"
check "qpdf --check with the password is clean" sh -c "qpdf --check --password='$CD_TEST_PW' '$T/urdu-prot.pdf' | grep -q 'No syntax or stream encoding errors'"
check "without the password it cannot be opened" sh -c "! pdftotext -q '$T/urdu-prot.pdf' - >/dev/null 2>&1"
expect "cairo with --allow-print no and no password" 0 "$CINDOC" render-fo "$TESTS/pdf/plan.fo" -o "$T/noprint.pdf" --allow-print no
check "anyone can open it, nobody may print it" sh -c "pdfinfo '$T/noprint.pdf' | grep -qx 'Encrypted: *yes (print:no copy:no change:no addNotes:no algorithm:AES-256)'"
