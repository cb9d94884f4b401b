#!/usr/bin/env bash
# The desk's preview of a copy (page images and PDF, made by `cindoc render` in a child process)
# and the history page.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"
D=$T/cases
serve_setup "$D" >/dev/null 2>&1
serve_start "$D" || notok "serve starts" "$(cat "$T/serve.log")"
J=$T/jar
login "$J" ad1 password-ad1 >/dev/null
P=/case/09-withheld-address/preview
s=$(status "$J" "$P?doc=minutes&for=p2")
check "preview: an admin may preview (200)" test "$s" = 200
check "preview: page images" grep -q '<img class="desk-page-image" src="/case/09-withheld-address/preview/[0-9a-f]\{32\}-page-1.png" alt="Page 1 of the copy"' "$T/body"
cp "$T/body" "$T/preview.html"
img=$(sed -n 's/.*src="\([^"]*page-1.png\)".*/\1/p' "$T/preview.html" | head -1)
pdf=$(sed -n 's/.*href="\([^"]*copy.pdf\)".*/\1/p' "$T/preview.html" | head -1)
curl -s -b "$J" -o "$T/p1.png" "$URL$img"
check "preview: the page is a PNG" bash -c "file '$T/p1.png' | grep -q 'PNG image data'"
curl -s -b "$J" -o "$T/copy.pdf" "$URL$pdf"
check "preview: the PDF" pdfinfo "$T/copy.pdf"
"$CINDOC" render --doc minutes --for p2 samples/09-withheld-address.xml -o "$T/cli.pdf" 2>/dev/null ||
	"$CINDOC" render --doc minutes --for p2 "$D/09-withheld-address.xml" -o "$T/cli.pdf"
check "preview: the same text as 'cindoc render' for that reader" \
	cmp -s <(pdftotext "$T/copy.pdf" - | grep -v '^$') <(pdftotext "$T/cli.pdf" - | grep -v '^$')
check "preview: facts withheld from the reader are not in the copy" bash -c "! pdftotext '$T/copy.pdf' - | grep -q 'Southmere'"
s=$(status "$J" "$P?doc=minutes&for=file")
check "preview: ... while the file copy has them" bash -c "curl -s -b '$J' -o '$T/file.pdf' '$URL'\$(sed -n 's/.*href=\"\\([^\"]*copy.pdf\\)\".*/\\1/p' '$T/body' | head -1) && pdftotext '$T/file.pdf' - | grep -q 'Southmere'"
s=$(curl -s -o /dev/null -w '%{http_code}' "$URL$img")
check "preview: a page needs the session" test "$s" = 303
login "$T/jar2" mt1 password-mt1 >/dev/null
s=$(status "$T/jar2" "$img")
check "preview: another user cannot fetch my preview (404)" test "$s" = 404
s=$(status "$J" "$P?doc=closure-letter&for=p2")
check "preview: an unknown document is refused (400)" test "$s" = 400
s=$(status "$J" "$P?doc=minutes&for=nobody")
check "preview: a reader not in the case is a clear refusal (422)" test "$s" = 422
check "preview: ... saying why" grep -q 'This copy cannot be made' "$T/body"
s=$(status "$J" "$P?draft=1")
check "preview: no write-up to preview" grep -q 'There is no write-up under way' "$T/body"
left=$(ls -d /tmp/cindoc-preview-* 2>/dev/null | wc -l)
expect "audit: the preview is logged" 0 "$CINDOC" audit "$D"
check "audit: who previewed what for whom" grep -qP '\tad1\tpreview\t09-withheld-address\tminutes for p2$' "$T/.run.out"

s=$(status "$J" /case/09-withheld-address/history)
check "history: 200" test "$s" = 200
check "history: not saved from the desk yet" grep -q 'has not been saved from the desk yet' "$T/body"
s=$(status "$J" /case/no-such/history)
check "history: an unknown case is 404" test "$s" = 404
serve_stop

# a new case
serve_start "$D"
login "$T/jar3" mt1 password-mt1 >/dev/null
s=$(status "$T/jar3" /new)
check "new case: a minute taker may not (403)" test "$s" = 403
login "$T/jar3" ch1 password-ch1 >/dev/null
s=$(status "$T/jar3" /new)
check "new case: a chair may (200)" test "$s" = 200
csrf=$(csrf_of "$T/body")
s=$(status "$T/jar3" /new --data-urlencode "csrf=$csrf" -d ref=NB-2026-0999 -d service=family-support -d opened=01/12/2026)
check "new case: no child is refused beside the field (422)" grep -q 'id="child-1-given-error"' "$T/body"
check "new case: ... keeping what was typed" grep -q 'value="NB-2026-0999"' "$T/body"
s=$(status "$T/jar3" /new --data-urlencode "csrf=$csrf" -d ref=NB-2026-0999 -d service=family-support -d opened=01/12/2026 -d assessed=24/11/2026 \
	-d child-1-given=Robin -d child-1-family=Ashdown -d child-1-born=02/05/2017 -d person-1-title=Ms -d person-1-given=Dana \
	-d person-1-family=Ashdown -d person-1-kind=parent -d person-1-relationship=mother -d person-1-pr=yes \
	-d person-1-consent=01/12/2026 -d person-1-email=dana@example.org)
check "new case: created (303 to its page)" test "$s" = 303
check "new case: the file, mode 0600" test "$(stat -c %a "$D/nb-2026-0999.xml")" = 600
expect "new case: 'cindoc check' finds no error (a warning: no address yet)" 1 "$CINDOC" check "$D/nb-2026-0999.xml"
check "new case: the authority comes from authority.xml" bash -c "! grep -q '<authority>' '$D/nb-2026-0999.xml'"
s=$(status "$T/jar3" /case/nb-2026-0999)
check "new case: its page" grep -q 'Robin Ashdown' "$T/body"
s=$(status "$T/jar3" /new --data-urlencode "csrf=$csrf" -d ref=NB-2026-0999 -d service=family-support -d opened=01/12/2026 \
	-d child-1-given=Robin -d child-1-family=Ashdown -d child-1-born=02/05/2017 -d person-1-given=Dana -d person-1-family=Ashdown -d person-1-kind=parent)
check "new case: a second case with the same reference is refused" test "$s" = 422
# a new case with where letters go and how each reader's copies are made
s=$(status "$T/jar3" /new)
check "new case: the languages of templates/l10n are offered" bash -c "grep -q '<option value=\"cy\">Welsh</option>' '$T/body' && grep -q '<option value=\"ur\">Urdu</option>' '$T/body'"
check "new case: the address fields" bash -c "grep -q 'name=\"person-1-postcode\"' '$T/body' && grep -q 'name=\"person-1-line1\"' '$T/body'"
s=$(status "$T/jar3" /new --data-urlencode "csrf=$csrf" -d ref=NB-2026-0998 -d service=family-support -d opened=01/12/2026 \
	-d child-1-given=Robin -d child-1-family=Ashdown -d child-1-born=02/05/2017 -d person-1-given=Dana -d person-1-family=Ashdown \
	-d person-1-kind=parent -d person-1-line1='4 Invented Row' -d person-1-postcode='ZZ1 1ZZ')
check "new case: an address without its town is refused (422)" test "$s" = 422
check "... beside the town" grep -q 'id="person-1-town-error"' "$T/body"
check "... keeping what was typed" grep -q 'value="4 Invented Row"' "$T/body"
s=$(status "$T/jar3" /new --data-urlencode "csrf=$csrf" -d ref=NB-2026-0998 -d service=family-support -d opened=01/12/2026 \
	-d child-1-given=Robin -d child-1-family=Ashdown -d child-1-born=02/05/2017 -d person-1-given=Dana -d person-1-family=Ashdown \
	-d person-1-kind=parent -d person-1-lang=xx)
check "new case: a language without its words is refused (422)" test "$s" = 422
check "... beside the field" grep -q 'id="person-1-lang-error"' "$T/body"
s=$(status "$T/jar3" /new --data-urlencode "csrf=$csrf" -d ref=NB-2026-0998 -d service=family-support -d opened=01/12/2026 \
	-d child-1-given=Robin -d child-1-family=Ashdown -d child-1-born=02/05/2017 -d child-1-version=short -d child-1-large=yes \
	-d child-1-line1='9 Invented Row' -d child-1-town=Northbridge -d child-1-postcode='ZZ1 1ZY' \
	-d person-1-given=Dana -d person-1-family=Ashdown -d person-1-kind=parent -d person-1-line1='4 Invented Row' \
	-d person-1-town=Northbridge -d person-1-postcode='zz1 1zz' -d person-1-phone='01632 960000' -d person-1-lang=pl)
check "new case: with address, phone and languages, created (303)" test "$s" = 303
N=$D/nb-2026-0998.xml
check "... the address, the postcode in capitals" bash -c "grep -q '<line>4 Invented Row</line>' '$N' && grep -q '<town>Northbridge</town>' '$N' && grep -q '<postcode>ZZ1 1ZZ</postcode>' '$N'"
check "... the phone" grep -q '<phone>01632 960000</phone>' "$N"
check "... the parent reads Polish" grep -q '<reads lang="pl" version="full"/>' "$N"
check "... the child gets the short version in large print" grep -q '<reads lang="en" version="short" large-print="true"/>' "$N"
expect "... and 'cindoc check' passes, no warning" 0 "$CINDOC" check "$N"
check "... the child's address" grep -q '<line>9 Invented Row</line>' "$N"
serve_stop
