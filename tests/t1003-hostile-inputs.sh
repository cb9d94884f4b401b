#!/usr/bin/env bash
# Hostile and careless inputs: what is not a regular file (a FIFO, /dev/zero, a folder) given as a
# case, closures, password, image or XSL-FO file is refused at once with exit 4; every read is
# capped; the work on a case stays near linear (attributes, children, people, meetings); files
# that are not closures files are not echoed into messages. Every command runs under `timeout`,
# so a regression fails here instead of hanging the suite.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
BASE=tests/check/ok-base.xml
S=samples/02-review-scaling.xml
TO="timeout 20"
TOQ="timeout 180" # the queue renders every copy: slower, most of all under the sanitizers

mkfifo "$T/fifo" "$T/fifo.xml"
mkdir -p "$T/folder.xml"

# ---- not a regular file: refused at once (exit 4), with what it is
refuse() { # NAME EXPECTED-MESSAGE CMD...: exit 4, the message
	local n=$1 msg=$2; shift 2
	expect "$n: exit 4, at once" 4 $TO "$@"
	check "$n: message" grep -qxF "$msg" "$T/.run.err"
}
for f in "$T/fifo" /dev/zero "$T/folder.xml"; do
	case $f in
	*fifo) kind="a FIFO" ;; /dev/zero) kind="a character device" ;; *) kind="a folder" ;;
	esac
	why="not a regular file ($kind)"
	refuse "check $f" "cindoc: cannot read '$f': $why" "$CINDOC" check "$f"
	refuse "render $f" "cindoc: cannot read '$f': $why" "$CINDOC" render --doc plan --for file "$f" -o "$T/x.pdf"
	refuse "render-fo $f" "cindoc: cannot read '$f': $why" "$CINDOC" render-fo "$f" -o "$T/x.pdf"
	refuse "calendar --closures $f" "cindoc: cannot read '$f': $why" "$CINDOC" calendar add 2026-12-24 1 --closures "$f"
	refuse "due --closures $f" "cindoc: cannot read '$f': $why" "$CINDOC" due --today 2026-11-25 --closures "$f" "$S"
	refuse "render --user-password-file $f" "cindoc: cannot read '$f': $why" \
		"$CINDOC" render --doc plan --for file "$S" -o "$T/x.pdf" --writer haru --user-password-file "$f"
done
check "nothing written by any refused command" test ! -e "$T/x.pdf"
# a FIFO among the cases of a folder: reported and skipped, the other cases go on
mkdir -p "$T/cases" && cp "$S" samples/authority.xml "$T/cases/" && mkfifo "$T/cases/zz-fifo.xml"
expect "due over a folder with a FIFO: exit 6" 6 $TO "$CINDOC" due --today 2026-11-25 "$T/cases"
check "due: the FIFO is named" grep -qxF "cindoc: cannot read '$T/cases/zz-fifo.xml': not a regular file (a FIFO)" "$T/.run.err"
expect "queue over a folder with a FIFO: exit 6" 6 $TOQ "$CINDOC" queue "$T/cases" -o "$T/q" --today 2026-11-25
check "queue: the FIFO is named" grep -qxF "cindoc: cannot read '$T/cases/zz-fifo.xml': not a regular file (a FIFO)" "$T/.run.err"
check "queue: the other case is queued" grep -q '^NB-2026-0142/' "$T/q/manifest.csv"

# ---- images: a FIFO, /dev/zero or a huge picture in a small file
png_fo() { # SRC: a one-page FO with the image SRC
	printf '<?xml version="1.0"?>\n<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set><fo:simple-page-master master-name="p" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body"><fo:block><fo:external-graphic src="%s"/></fo:block></fo:flow></fo:page-sequence></fo:root>\n' "$1"
}
python3 - "$T/huge.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
ihdr = struct.pack('>IIBBBBB', 100000, 100000, 8, 2, 0, 0, 0)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(b'\0' * 64)) + chunk(b'IEND', b''))
EOF
for f in "$T/fifo" /dev/zero "$T/folder.xml"; do
	png_fo "$f" >"$T/img.fo"
	expect "image $f: exit 4, at once" 4 $TO "$CINDOC" render-fo "$T/img.fo" -o "$T/x.pdf"
	check "image $f: message with the FO line" grep -q "^$T/img.fo:2: error: cannot read image '$f': not a regular file (" "$T/.run.err"
done
png_fo "$T/huge.png" >"$T/huge.fo"
expect "image of 100000 x 100000 pixels: layout refuses it" 3 $TO "$CINDOC" render-fo "$T/huge.fo" -o "$T/x.pdf"
check "image of 100000 x 100000 pixels: message with the line" grep -qxF "$T/huge.fo:2: error: image '$T/huge.png' is 100000 x 100000 pixels, more than 10000 on a side" "$T/.run.err"
check "no image case wrote anything" test ! -e "$T/x.pdf"

# ---- attributes: the parser and the validator work per attribute pair
attrs() { # N: a case whose first child has N attributes
	python3 - "$1" <<'EOF'
import sys
n = int(sys.argv[1])
s = open('tests/check/ok-base.xml').read()
print(s.replace('<child id="c1">', '<child id="c1" ' + ' '.join('a%d="x"' % i for i in range(n)) + '>', 1), end='')
EOF
}
attrs 100000 >"$T/attrs.xml"
expect "100000 attributes: refused in well under 20 s" 3 $TO "$CINDOC" check "$T/attrs.xml"
check "100000 attributes: one message with the line" grep -qx "$T/attrs.xml:15: error: element 'child' has 100001 attributes, more than 32: refused" "$T/.run.err"
check "100000 attributes: only that message" test "$(wc -l <"$T/.run.err")" = 1
expect "render: the same refusal" 3 $TO "$CINDOC" render --doc plan --for file "$T/attrs.xml" -o "$T/x.pdf"
attrs 31 >"$T/attrs31.xml"
expect "32 attributes: read (and the schema says which are unknown)" 3 $TO "$CINDOC" check "$T/attrs31.xml"
check "32 attributes: the schema's message" grep -q "attribute 'a0' is not allowed" "$T/.run.err"
# an '=' in a quoted value, a comment or a CDATA section is not an attribute
python3 - "$T/equals.xml" <<'EOF'
import sys
s = open('tests/check/ok-base.xml').read()
s = s.replace('<p>We met to make a plan.</p>', '<p>We met. ' + '= ' * 100 + '<![CDATA[' + '<a b=1>' * 50 + ']]></p><!-- ' + 'x=1 ' * 100 + '-->', 1)
s = s.replace('<child-views child="c1" given="in-person"><quote>I like school.</quote>', '<child-views child="c1" given="in-person"><quote>I like school.</quote><quote>' + 'a=b ' * 60 + '</quote>', 1)
open(sys.argv[1], 'w').write(s)
EOF
expect "'=' in text, comments and CDATA is not counted" 0 $TO "$CINDOC" check "$T/equals.xml"

# ---- children, people, meetings: every command compares them pairwise
many() { # ELEMENT N: N more of ELEMENT in the case
	python3 - "$1" "$2" <<'EOF'
import sys
what, n = sys.argv[1], int(sys.argv[2])
s = open('tests/check/ok-base.xml').read()
if what == 'child':
    add = ''.join('<child id="k%d"><name><given>A</given><family>B</family></name><born>2015-03-14</born><reads lang="en" version="full"/></child>\n' % i for i in range(n))
    s = s.replace('<children>', '<children>\n' + add, 1)
elif what == 'person':
    add = ''.join('<person id="q%d" kind="parent" parental-responsibility="true"><name><given>A</given><family>B</family></name><consent given="2026-01-12" withdrawn="2026-01-13"/><email>a@b.example</email><reads lang="en" version="full"/></person>\n' % i for i in range(n))
    s = s.replace('<people>', '<people>\n' + add, 1)
elif what == 'meeting':
    add = ''.join('<meeting id="n%d" type="review" date="2026-05-01" time="10:00"><venue>V</venue><chair ref="p2"/><minute-taker ref="p2"/><attendance><present ref="p2"/></attendance><decision outcome="continue"><p>x</p></decision><next date="2026-05-02" time="10:00"/></meeting>\n' % i for i in range(n))
    s = s.replace('</meetings>', add + '</meetings>', 1)
elif what == 'item':
    add = ''.join('<item id="j%d" status="open"><need>x</need><how>y</how><who ref="p1"/><by>2026-03-01</by><goal>z</goal></item>\n' % i for i in range(n))
    s = s.replace('<section child="c1">', '<section child="c1">\n' + add, 1)
print(s, end='')
EOF
}
for x in "child 50 children" "person 1000 people" "meeting 1000 meetings" "item 2000 'plan items'"; do
	set -- $x
	el=$1 most=$2 what=${*:3}; what=${what//\'/}
	many "$el" "$most" >"$T/many-$el.xml"
	expect "$most more ${el}s: refused" 3 $TO "$CINDOC" check "$T/many-$el.xml"
	check "$most more ${el}s: message" grep -q "^$T/many-$el.xml:[0-9]*: error: more than $most $what in one case: refused\$" "$T/.run.err"
done
many person 990 >"$T/people-990.xml"
expect "990 people who withdrew consent, 1000 meetings' worth of lints: within 20 s" 1 $TO "$CINDOC" check "$T/people-990.xml"
many meeting 990 >"$T/meetings-990.xml"
expect "990 meetings: within 20 s" 1 $TO "$CINDOC" check "$T/meetings-990.xml"

# ---- the size cap comes before any other work (queue hashed the whole file first)
head -c $((64 * 1024 * 1024)) /dev/zero >"$T/cases/big.xml"
expect "queue: a 64 MiB case is skipped" 6 $TOQ "$CINDOC" queue "$T/cases" -o "$T/q" --today 2026-11-25
check "queue: the size message" grep -qxF "$T/cases/big.xml: error: the file is larger than 8 MiB: refused" "$T/.run.err"
rm -f "$T/cases/big.xml"

# ---- closures: a file that is not one is not echoed, and reading stops
{ for i in $(seq 1 40); do echo "user$i:secret-hash-$i:19000:0:99999:7:::"; done; } >"$T/shadow"
expect "--closures a shadow-like file: exit 3" 3 $TO "$CINDOC" calendar add 2026-12-24 1 --closures "$T/shadow"
check "no line of it in the messages" bash -c "! grep -q -e secret -e user '$T/.run.err'"
check "at most 10 bad lines, then it stops" test "$(grep -c ': error: ' "$T/.run.err")" = 11
check "... saying why" grep -qxF "$T/shadow: error: 10 bad lines: not read further (is it a closures file?)" "$T/.run.err"
printf '2026-05-05 \xff\xfe bad bytes\n' >"$T/utf8.txt"
expect "closures: a description that is not UTF-8" 3 "$CINDOC" calendar add 2026-12-24 1 --closures "$T/utf8.txt"
check "closures: UTF-8 message" grep -qxF "$T/utf8.txt:1: error: the description is not valid UTF-8" "$T/.run.err"
printf '1234567890123\n' >"$T/digits.txt"
expect "closures: a line of digits" 3 "$CINDOC" calendar add 2026-12-24 1 --closures "$T/digits.txt"
check "closures: the digits are not quoted" bash -c "! grep -q 123 '$T/.run.err'"
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' '\n' >"$T/big-closures.txt"
expect "closures: over 1 MiB is refused" 3 $TO "$CINDOC" calendar add 2026-12-24 1 --closures "$T/big-closures.txt"
check "closures: size message" grep -qxF "$T/big-closures.txt: error: larger than 1024 KiB: not a closures file" "$T/.run.err"
for i in $(seq 0 10000); do echo 2026-03-16; done >"$T/many-closures.txt"
expect "closures: more than 10000 lines is refused" 3 $TO "$CINDOC" calendar add 2026-12-24 1 --closures "$T/many-closures.txt"
check "closures: count message" grep -qxF "$T/many-closures.txt:10001: error: more than 10000 closure lines: refused" "$T/.run.err"
python3 -c 'import datetime as d
for i in sorted(range(10000), key=lambda i: i % 300): print(d.date(2026, 1, 1) + d.timedelta(days=i % 300))' >"$T/closures-10000.txt"
expect "closures: 10000 closure days, days over 20 years within 20 s" 0 $TO "$CINDOC" calendar days 2020-01-01 2039-12-31 --closures "$T/closures-10000.txt"

# ---- password files: capped, never echoed
{ echo 'pw-first-line'; head -c 5000 /dev/zero | tr '\0' 'x'; } >"$T/big.pw"
chmod 600 "$T/big.pw"
expect "a password file over 4096 bytes: refused" 2 $TO "$CINDOC" render --doc plan --for file "$S" -o "$T/x.pdf" --writer haru --user-password-file "$T/big.pw"
check "... with a message that quotes nothing of it" bash -c "grep -qF 'is larger than 4096 bytes: not a password file' '$T/.run.err' && ! grep -q -e pw-first -e xxx '$T/.run.err'"

# ---- characters no PDF may hold: an input error with its line (was exit 5, "cannot write")
python3 - "$T/nonchar.xml" <<'EOF'
import sys
s = open('tests/check/ok-base.xml').read()
open(sys.argv[1], 'w').write(s.replace('<given>Sam</given>', '<given>Sam\U0010FFFF</given>').replace('<quote>I like school.</quote>', '<quote>I like &#xFDD0;school.</quote>'))
EOF
expect "U+10FFFF in a name: check says invalid" 3 "$CINDOC" check "$T/nonchar.xml"
check "U+10FFFF: message with its line" grep -qxF "$T/nonchar.xml:16: error: element 'given': U+10FFFF is a Unicode noncharacter, which no document may hold" "$T/.run.err"
check "U+FDD0 as a character reference: message" grep -qxF "$T/nonchar.xml:49: error: element 'quote': U+FDD0 is a Unicode noncharacter, which no document may hold" "$T/.run.err"
expect "U+10FFFF in a name: render exits 3, not 5" 3 "$CINDOC" render --doc minutes --for file --meeting m2 "$T/nonchar.xml" -o "$T/x.pdf"
check "render: nothing written" test ! -e "$T/x.pdf"

# ---- a value libharu cannot take is the document's fault (exit 3), not a failed write (exit 5)
sed 's/page-width="[^"]*"/page-width="5500mm"/' tests/fo/block-basic.fo >"$T/wide.fo"
expect "a page of 5500 mm with the haru writer: exit 3, not 5" 3 $TO "$CINDOC" render-fo "$T/wide.fo" -o "$T/x.pdf" --writer haru
check "haru: the message points at the input" grep -q "^$T/wide.fo:[0-9]*: error: .*14400pt" "$T/.run.err"
check "haru: nothing written" test ! -e "$T/x.pdf"
