#!/usr/bin/env bash
# The haru writer through render-fo on tests/pdf/plan.fo: the same text, fonts, links, outline
# and metadata as the cairo writer; password protection (mode, permissions, right, wrong and
# missing passwords); pages that look like cairo's (poppler renders, decrypted); refusal of
# Urdu with its message and nothing written.
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
. "$TESTS/pdf/lib.sh"
check "pngdiff builds" build_tool pngdiff
FO=$TESTS/pdf/plan.fo
PARAS=("Your Child in Need plan"
	"Dear Sam, this plan says what everyone will do to help you and your family. We wrote"
	"it with you at the meeting on 2 March 2026."
	"Welsh: Mae’r cynllun hwn yn dweud beth fydd pawb yn ei wneud; dŵr, tŷ, llŷn."
	"Polish: Zażółć gęślą jaźń." "Read more at example.org/cin." "See what happens next"
	"What we agreed" "• Sam goes to school every day." "• Mum meets the family worker each week."
	"Who" "Does what" "Family worker" "Visits on Mondays"
	"This paragraph starts near the foot of page one and goes on over the page break to"
	"the family, and to check at every review whether the help is working and what should"
	"What happens next"
	"We will meet again on 1 June 2026 to see how things are going. The office is in the"
	"first floor flat.")
printf 'own3r-Pass\n' >"$T/owner.pw"
printf 's3cret pass\n' >"$T/user.pw"
chmod 600 "$T/owner.pw" "$T/user.pw"

expect "render-fo --writer haru with passwords from files" 0 "$CINDOC" render-fo "$FO" -o "$T/prot.pdf" \
	--writer haru --user-password-file "$T/user.pw" --owner-password-file "$T/owner.pw"
check "file mode is 0600" mode_600 "$T/prot.pdf"
check "no temporary file left" no_leftovers "$T"
qpdf --show-encryption --password='s3cret pass' "$T/prot.pdf" >"$T/enc.txt"
for l in "R = 6" "P = -1340" "Supplied password is user password" "extract for accessibility: allowed" \
	"extract for any purpose: not allowed" "print low resolution: allowed" "print high resolution: allowed" \
	"modify document assembly: not allowed" "modify forms: not allowed" "modify annotations: not allowed" \
	"modify other: not allowed" "modify anything: not allowed"; do
	check "encryption: $l" grep -qx "$l" "$T/enc.txt"
done
check "AES-256 (pdfinfo)" sh -c "pdfinfo -upw 's3cret pass' '$T/prot.pdf' | grep -qx 'Encrypted: *yes (print:yes copy:no change:no addNotes:no algorithm:AES-256)'"
check "a 256-bit key, AES for streams and strings (qpdf --json)" sh -c "qpdf --show-object=trailer --password='s3cret pass' '$T/prot.pdf' >/dev/null && qpdf --password='s3cret pass' --json '$T/prot.pdf' | python3 -c 'import json,sys; d=json.load(sys.stdin); e=d[\"encrypt\"][\"parameters\"]; print(e[\"bits\"], e[\"method\"], e[\"streammethod\"], e[\"stringmethod\"])' | grep -qx '256 AESv3 AESv3 AESv3'"
check "qpdf --check with the password is clean" sh -c "qpdf --check --password='s3cret pass' '$T/prot.pdf' | grep -q 'No syntax or stream encoding errors'"
check "the owner password opens it as owner" sh -c "qpdf --show-encryption --password='own3r-Pass' '$T/prot.pdf' | grep -qx 'Supplied password is owner password'"
check "every font embedded as a subset" fonts_embedded "$T/prot.pdf" 's3cret pass'
pdftotext -q -upw 's3cret pass' "$T/prot.pdf" "$T/prot.txt"
check "poppler reads it without a warning (a real ToUnicode CMap)" sh -c "pdftotext -upw 's3cret pass' '$T/prot.pdf' - 2>&1 >/dev/null | wc -c | grep -qx 0"
check "pdftotext -upw finds every paragraph in reading order" in_order "$T/prot.txt" "${PARAS[@]}"
expect "cairo PDF for comparison" 0 "$CINDOC" render-fo "$FO" -o "$T/cairo.pdf"
pdftotext -q "$T/cairo.pdf" "$T/cairo.txt"
check "the same text as the cairo writer's, line for line" diff -u "$T/cairo.txt" "$T/prot.txt"
expect "without the password the text cannot be read" 1 pdftotext "$T/prot.pdf" "$T/none.txt"
check "no password: poppler says so" grep -q "Incorrect password" "$T/.run.err"
expect "with a wrong password the text cannot be read" 1 pdftotext -upw wrong "$T/prot.pdf" "$T/none.txt"
check "no text file from a wrong password" test ! -e "$T/none.txt"

json_links "$T/prot.pdf" 's3cret pass' >"$T/links.txt"
printf '%s\n' "page 1 uri https://example.org/cin?a=1" "page 1 goto page 2" >"$T/links.want"
check "links: external URI, and the internal one to page 2" diff -u "$T/links.want" "$T/links.txt"
pdfinfo -upw 's3cret pass' "$T/prot.pdf" >"$T/info.txt"
for l in "Title: *Child in Need plan for Sam (invented)" "Author: *Cyngor Dychmygol Llŷr" \
	"Subject: *Child in Need plan" "Keywords: *plan, invented" "Creator: *cindoc" "Pages: *2"; do
	check "metadata: ${l%%:*}" grep -q "^$l\$" "$T/info.txt"
done
outline_labels "$T/prot.pdf" '--password=s3cret pass' >"$T/outline.txt"
cat >"$T/outline.want" <<'W'
outline 0 Your plan -> page 1
outline 1 What happens next — beth sy’n digwydd -> page 2
label 0 /r 1
label 1 /r 2
W
check "outline and page labels (roman i, ii)" diff -u "$T/outline.want" "$T/outline.txt"

# pages that look like cairo's: poppler renders of both, the haru one decrypted
pdftoppm -q -r 72 -png "$T/cairo.pdf" "$T/c"
pdftoppm -q -r 72 -png -upw 's3cret pass' "$T/prot.pdf" "$T/h"
for p in 1 2; do
	expect "page $p: haru (decrypted) looks like cairo (under 0.08% of blocks differ)" 0 \
		"$T/pngdiff" "$T/h-$p.png" "$T/c-$p.png" 0.08
done
expect "the comparison can fail: haru page 1 against cairo page 2" 1 "$T/pngdiff" "$T/h-1.png" "$T/c-2.png" 0.08
sed 's|Polish: Zażółć gęślą jaźń.|\&#160;|' "$FO" >"$T/less.fo"
cp "$TESTS/pdf/logo.png" "$T/logo.png"
expect "haru: the plan less one line" 0 "$CINDOC" render-fo "$T/less.fo" -o "$T/less.pdf" --writer haru
pdftoppm -q -r 72 -png "$T/less.pdf" "$T/less"
expect "the comparison sees one missing line" 1 "$T/pngdiff" "$T/less-1.png" "$T/c-1.png" 0.08

# hyphens, soft hyphens, ligatures, Greek and Cyrillic: drawn, and like cairo's
expect "latin.fo: haru" 0 "$CINDOC" render-fo "$TESTS/pdf/latin.fo" -o "$T/latin-h.pdf" --writer haru
expect "latin.fo: cairo" 0 "$CINDOC" render-fo "$TESTS/pdf/latin.fo" -o "$T/latin-c.pdf"
pdftoppm -q -r 72 -png "$T/latin-h.pdf" "$T/lh"
pdftoppm -q -r 72 -png "$T/latin-c.pdf" "$T/lc"
expect "latin.fo: haru looks like cairo" 0 "$T/pngdiff" "$T/lh-1.png" "$T/lc-1.png" 0.08
pdftotext -q "$T/latin-h.pdf" - | sed 's/\xe2\x80\x90$/-/' >"$T/latin-h.txt"
pdftotext -q "$T/latin-c.pdf" - | sed 's/\xc2\xad$/-/' >"$T/latin-c.txt"
check "latin.fo: the same text (a soft hyphen at a break reads as a hyphen)" diff -u "$T/latin-c.txt" "$T/latin-h.txt"
check "latin.fo: ligatures read as letters" grep -q "sufficient" "$T/latin-h.txt"

# options through render-fo
export CD_TEST_PW='s3cret pass'
expect "user password from the environment, no printing" 0 "$CINDOC" render-fo "$FO" -o "$T/env.pdf" \
	--writer haru --user-password-env CD_TEST_PW --allow-print=no
qpdf --show-encryption --password='s3cret pass' "$T/env.pdf" >"$T/enc2.txt"
check "no printing: print high resolution not allowed" grep -qx "print high resolution: not allowed" "$T/enc2.txt"
check "no printing: print low resolution not allowed" grep -qx "print low resolution: not allowed" "$T/enc2.txt"
expect "passwords through --writer-opts too" 0 "$CINDOC" render-fo "$FO" -o "$T/wo.pdf" --writer haru \
	--writer-opts 'user-password=a\,b,owner-password=c'
expect "writer options that end in a comma, then the password options" 0 "$CINDOC" render-fo "$FO" -o "$T/wo2.pdf" \
	--writer haru --writer-opts 'label=Mr Invented,' --user-password-file "$T/user.pw"
check "... the password opens it" sh -c "pdftotext -q -upw 's3cret pass' '$T/wo2.pdf' - | grep -q 'What we agreed'"
check "a password with an escaped comma opens it" sh -c "pdftotext -q -upw 'a,b' '$T/wo.pdf' - | grep -q 'What we agreed'"

mkdir -p "$T/err"
perr() { # NAME EXIT MESSAGE ARGS...
	local n=$1 code=$2 msg=$3; shift 3
	expect "$n" "$code" "$CINDOC" render-fo "$FO" -o "$T/err/a.pdf" --writer haru "$@"
	check "$n: message" grep -qxF "$msg" "$T/.run.err"
	check "$n: no password in the output" sh -c "! grep -q -e 's3cret' -e 'own3r' '$T/.run.err' '$T/.run.out'"
}
unset CD_UNSET_PW
perr "missing password variable" 2 "cindoc: environment variable 'CD_UNSET_PW' (--user-password-env) is not set or empty" \
	--user-password-env CD_UNSET_PW
perr "missing password file" 4 "cindoc: cannot read '$T/nofile': No such file or directory" \
	--owner-password-file "$T/nofile"
perr "same user and owner password" 2 "cindoc: the owner password must differ from the user password" \
	--user-password-file "$T/user.pw" --owner-password 's3cret pass'
perr "option without its value" 2 "cindoc render-fo: '--user-password-file' needs a value" --user-password-file
check "errors wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"

# refusal: Urdu needs shaping
expect "Urdu is refused (exit 7)" 7 "$CINDOC" render-fo "$TESTS/pdf/urdu.fo" -o "$T/err/urdu.pdf" --writer haru \
	--user-password-file "$T/user.pw" --writer-opts "label=Mrs Invented Parent"
check "Urdu refusal names the file and the recipient" grep -qxF "cindoc: refused to write '$T/err/urdu.pdf' for 'Mrs Invented Parent' with writer 'haru': Arabic-script (Arabic, Urdu, Persian...) text (\"آپ کی مدد کے لیے منصوبہ\") needs shaping that libharu cannot draw faithfully; use --writer cairo (no password protection)" "$T/.run.err"
check "refusal wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "the cairo writer draws the Urdu letter" 0 "$CINDOC" render-fo "$TESTS/pdf/urdu.fo" -o "$T/urdu.pdf"

# Page labels come from each page's number and number format, never from reading the printed
# label back: letters ('c', 'd', 'i' are also roman numerals) get no label, roman numbers do.
for fmt in a i; do
	cat >"$T/fmt-$fmt.fo" <<F
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans">
<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="100mm" page-height="60mm">
<fo:region-body margin="10mm"/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p" format="$fmt" initial-page-number="3"><fo:flow flow-name="xsl-region-body">
<fo:block>one</fo:block><fo:block break-before="page">two</fo:block><fo:block break-before="page">three</fo:block>
</fo:flow></fo:page-sequence></fo:root>
F
	expect "haru: page numbers in format '$fmt'" 0 "$CINDOC" render-fo "$T/fmt-$fmt.fo" -o "$T/fmt-$fmt.pdf" --writer haru
	outline_labels "$T/fmt-$fmt.pdf" >"$T/fmt-$fmt.txt"
done
check "letters as page numbers (c, d, e) are not labelled as roman numbers" sh -c "! grep -q '^label' '$T/fmt-a.txt'"
printf '%s\n' "label 0 /r 3" "label 1 /r 4" "label 2 /r 5" >"$T/fmt-i.want"
check "roman page numbers (iii, iv, v) are labelled roman" diff -u "$T/fmt-i.want" "$T/fmt-i.txt"
