#!/usr/bin/env bash
# The haru writer on a display list made by hand (tests/tools/pages-demo.c), which calls the
# options of protect.h as the commands do: every password error, literal passwords, a password
# file others can read, --allow-print alone, ligatures drawn letter by letter, Arabic and Urdu
# refused, the creation date, catalog /Lang. t7001 covers the main path through render-fo.
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
. "$TESTS/pdf/lib.sh"
check "pages-demo builds" build_tool pages-demo
check "pngdiff builds" build_tool pngdiff
D=$T/pages-demo
PARAS=("Your Child in Need plan"
	"Dear Sam, this plan says what everyone will do to help you and your family. We"
	"wrote it with you at the meeting on 2 March 2026."
	"Welsh: Mae’r cynllun hwn yn dweud beth fydd pawb yn ei wneud; dŵr, tŷ, llŷn."
	"Polish: Zażółć gęślą jaźń." "See what happens next" "What we agreed"
	"Sam goes to school every day." "Mum meets the family worker each week."
	"This paragraph starts at the foot of page one" "and ends at the top of page two."
	"We will meet again on 1 June 2026 to see how things are going.")

# --- unprotected
expect "haru writes the demo" 0 "$D" haru "$T/plain.pdf" --image "$TESTS/pdf/logo.png"
check "qpdf --check is clean" sh -c "qpdf --check '$T/plain.pdf' | grep -q 'No syntax or stream encoding errors'"
check "every font embedded as a subset" fonts_embedded "$T/plain.pdf"
check "not encrypted" sh -c "qpdf --show-encryption '$T/plain.pdf' | grep -qx 'File is not encrypted'"
check "file mode is 0600" mode_600 "$T/plain.pdf"
pdftotext -q "$T/plain.pdf" "$T/plain.txt"
check "pdftotext finds every paragraph in reading order" in_order "$T/plain.txt" "${PARAS[@]}"
json_links "$T/plain.pdf" >"$T/links.txt"
printf '%s\n' "page 1 uri https://example.org/cin?a=1&b='2'" "page 1 goto page 2" >"$T/links.want"
check "links: external URI, and the internal one to page 2" diff -u "$T/links.want" "$T/links.txt"
pdfinfo "$T/plain.pdf" >"$T/info.txt"
for l in "Title: *Child in Need plan for Sam (invented)" "Author: *Cyngor Dychmygol Llŷr" \
	"Subject: *Child in Need plan" "Keywords: *plan, invented" "Creator: *cindoc" \
	"CreationDate: *Mon Mar  2 10:00:00 2026 UTC" "Pages: *2"; do
	check "metadata: ${l%%:*}" grep -q "^$l\$" "$T/info.txt"
done
outline_labels "$T/plain.pdf" >"$T/outline.txt"
cat >"$T/outline.want" <<'W'
outline 0 Your plan -> page 1
outline 1 What happens next — beth sy’n digwydd -> page 2
label 0 /r 1
label 1 /r 2
W
check "outline and page labels (roman i, ii)" diff -u "$T/outline.want" "$T/outline.txt"
root=$(qpdf --show-object=trailer "$T/plain.pdf" | sed -n 's|.*/Root \([0-9]*\) 0 R.*|\1|p')
check "catalog: /Lang and show the title" sh -c "qpdf --show-object=$root '$T/plain.pdf' | grep -F '/Lang (en-GB)' | grep -qF '/ViewerPreferences << /DisplayDocTitle true >>'"

# --- the same pages as cairo: poppler renders of both, page by page
expect "cairo PDF for comparison" 0 "$D" cairo "$T/cairo.pdf" --image "$TESTS/pdf/logo.png"
expect "ligatures: haru" 0 "$D" haru "$T/lig-haru.pdf" --script ligature
expect "ligatures: cairo" 0 "$D" cairo "$T/lig-cairo.pdf" --script ligature
printf 'own3r-Pass\n' >"$T/owner.pw"
printf 's3cret pass\n' >"$T/user.pw"
chmod 600 "$T/owner.pw" "$T/user.pw"
expect "protected haru for comparison" 0 "$D" haru "$T/prot.pdf" --image "$TESTS/pdf/logo.png" \
	--user-password-file "$T/user.pw" --owner-password-file "$T/owner.pw"
pdftoppm -q -r 72 -png "$T/cairo.pdf" "$T/c"
pdftoppm -q -r 72 -png -upw 's3cret pass' "$T/prot.pdf" "$T/h"
pdftoppm -q -r 72 -png "$T/lig-cairo.pdf" "$T/lc"
pdftoppm -q -r 72 -png "$T/lig-haru.pdf" "$T/lh"
for p in 1 2; do
	expect "page $p: haru (decrypted) looks like cairo (under 0.5% of blocks differ)" 0 \
		"$T/pngdiff" "$T/h-$p.png" "$T/c-$p.png" 0.5
done
expect "page 1 with ligatures drawn letter by letter looks like cairo's" 0 "$T/pngdiff" "$T/lh-1.png" "$T/lc-1.png" 0.5
expect "the comparison can fail: haru page 1 against cairo page 2" 1 "$T/pngdiff" "$T/h-1.png" "$T/c-2.png" 0.5
pdftotext -q "$T/lig-haru.pdf" "$T/lig.txt"
check "ligatures extract as plain letters" grep -qx "The office is in the first floor flat." "$T/lig.txt"

# --- protection
qpdf --show-encryption --password='s3cret pass' "$T/prot.pdf" >"$T/enc.txt"
for l in "R = 6" "P = -1340" "Supplied password is user password" "extract for accessibility: allowed" \
	"extract for any purpose: not allowed" "print low resolution: allowed" "print high resolution: allowed" \
	"modify document assembly: not allowed" "modify forms: not allowed" "modify annotations: not allowed" \
	"modify other: not allowed" "modify anything: not allowed"; do
	check "encryption: $l" grep -qx "$l" "$T/enc.txt"
done
check "AES-256 (pdfinfo)" sh -c "pdfinfo -upw 's3cret pass' '$T/prot.pdf' | grep -qx 'Encrypted: *yes (print:yes copy:no change:no addNotes:no algorithm:AES-256)'"
check "qpdf --check with the password is clean" sh -c "qpdf --check --password='s3cret pass' '$T/prot.pdf' | grep -q 'No syntax or stream encoding errors'"
check "the owner password opens it as owner" sh -c "qpdf --show-encryption --password='own3r-Pass' '$T/prot.pdf' | grep -qx 'Supplied password is owner password'"
pdftotext -q -upw 's3cret pass' "$T/prot.pdf" "$T/prot.txt"
check "pdftotext -upw finds every paragraph in reading order" in_order "$T/prot.txt" "${PARAS[@]}"
check "fonts embedded (with the password)" fonts_embedded "$T/prot.pdf" 's3cret pass'
expect "without the password the text cannot be read" 1 pdftotext "$T/prot.pdf" "$T/none.txt"
check "no password: poppler says so" grep -q "Incorrect password" "$T/.run.err"
expect "with a wrong password the text cannot be read" 1 pdftotext -upw wrong "$T/prot.pdf" "$T/none.txt"
check "no text file from a wrong password" test ! -e "$T/none.txt"
check "the words are not in the file as plain text" sh -c "! qpdf --qdf --object-streams=disable --password=wrong '$T/prot.pdf' - 2>/dev/null | grep -a -q 'Sam goes'"
check "file mode is 0600 (protected)" mode_600 "$T/prot.pdf"

export CD_TEST_PW='s3cret pass'
expect "user password from the environment, no owner password, no printing" 0 "$D" haru "$T/env.pdf" \
	--user-password-env CD_TEST_PW --allow-print no
qpdf --show-encryption --password='s3cret pass' "$T/env.pdf" >"$T/enc2.txt"
check "no printing: print low resolution not allowed" grep -qx "print low resolution: not allowed" "$T/enc2.txt"
check "no printing: print high resolution not allowed" grep -qx "print high resolution: not allowed" "$T/enc2.txt"
check "no printing: accessibility still allowed" grep -qx "extract for accessibility: allowed" "$T/enc2.txt"
check "a random owner password was made (the user password is only the user's)" \
	grep -qx "Supplied password is user password" "$T/enc2.txt"
expect "literal passwords (with --opt=value)" 0 "$D" haru "$T/lit.pdf" --user-password=ab,c\\d --owner-password other
check "a password with a comma and a backslash opens it" sh -c "pdftotext -q -upw 'ab,c\\d' '$T/lit.pdf' - | grep -q 'What we agreed'"
expect "--allow-print alone: anyone may open, nobody may print" 0 "$D" haru "$T/noprint.pdf" --allow-print no
check "--allow-print alone opens without a password" sh -c "pdftotext -q '$T/noprint.pdf' - | grep -q 'What we agreed'"
check "--allow-print alone: printing not allowed" sh -c "qpdf --show-encryption '$T/noprint.pdf' | grep -qx 'print high resolution: not allowed'"

# --- password errors: usage errors, nothing written, no password in any message
mkdir -p "$T/err"
perr() { # NAME EXIT MESSAGE ARGS...
	local n=$1 code=$2 msg=$3; shift 3
	expect "$n" "$code" "$D" haru "$T/err/a.pdf" "$@"
	check "$n: message" grep -qxF "$msg" "$T/.run.err"
	check "$n: no password in the message" sh -c "! grep -q -e 's3cret' -e 'own3r' -e 'sameword' '$T/.run.err'"
}
unset CD_UNSET_PW
perr "missing password variable" 2 "cindoc: environment variable 'CD_UNSET_PW' (--user-password-env) is not set or empty" \
	--user-password-env CD_UNSET_PW
perr "missing password file" 4 "cindoc: cannot read '$T/nofile': No such file or directory" \
	--owner-password-file "$T/nofile"
printf '\n' >"$T/empty.pw"
perr "empty password file" 2 "cindoc: the password in file '$T/empty.pw' is empty" --user-password-file "$T/empty.pw"
perr "same user and owner password" 2 "cindoc: the owner password must differ from the user password" \
	--user-password sameword --owner-password sameword
perr "password too long" 2 "cindoc: the password given by '--user-password' is longer than 32 characters (PDF uses only 32)" \
	--user-password 0123456789012345678901234567890123
perr "password not ASCII" 2 "cindoc: the password given by '--owner-password' has a character that is not printable ASCII" \
	--owner-password 'Llŷr'
perr "user password twice" 2 "cindoc: option '--user-password-env': the user password is given twice (also by '--user-password-file')" \
	--user-password-file "$T/user.pw" --user-password-env CD_TEST_PW
perr "option without its value" 2 "cindoc: option '--owner-password-file' needs a value" --owner-password-file
perr "bad --allow-print" 2 "cindoc: option '--allow-print' wants yes or no, not 'maybe'" --allow-print maybe
perr "unknown haru option" 2 "cindoc: writer 'haru': unknown option 'encrypt' (known: user-password, owner-password, print, label)" \
	--opts encrypt=aes-256
printf 's3cret pass\r\nsecond line\n' >"$T/open.pw"
chmod 644 "$T/open.pw"
expect "a password file other users can read: written, with a warning" 0 "$D" haru "$T/warn.pdf" --user-password-file "$T/open.pw"
check "warning about the password file" grep -qxF "$T/open.pw: warning: other users can read this password file (chmod 600 it)" "$T/.run.err"
check "only the first line is the password (CRLF too)" sh -c "pdftotext -q -upw 's3cret pass' '$T/warn.pdf' - | grep -q 'What we agreed'"
check "no warning for a 0600 password file" sh -c "'$D' haru '$T/nowarn.pdf' --user-password-file '$T/user.pw' 2>&1 | grep -c warning | grep -qx 0"
check "password errors wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"

# --- refusal of text that needs shaping
expect "Urdu is refused" 7 "$D" haru "$T/err/urdu.pdf" --script urdu --opts "label=Mrs Invented Parent"
check "Urdu refusal names the file and the recipient" grep -qxF "cindoc: refused to write '$T/err/urdu.pdf' for 'Mrs Invented Parent' with writer 'haru': Arabic-script (Arabic, Urdu, Persian...) text (\"آپ کی مدد کے لیے منصوبہ\") needs shaping that libharu cannot draw faithfully; use --writer cairo (no password protection)" "$T/.run.err"
expect "Arabic is refused, even when protected" 7 "$D" haru "$T/err/ar.pdf" --script arabic --user-password-file "$T/user.pw"
check "Arabic refusal message (no recipient given)" grep -qxF "cindoc: refused to write '$T/err/ar.pdf' with writer 'haru': Arabic-script (Arabic, Urdu, Persian...) text (\"خطة المساعدة\") needs shaping that libharu cannot draw faithfully; use --writer cairo (no password protection)" "$T/.run.err"
check "refusals wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "the cairo writer draws the Urdu" 0 "$D" cairo "$T/urdu.pdf" --script urdu
