#!/usr/bin/env bash
# PDF/UA-1: every document type x language x style x writer (haru for the Latin-script
# languages; it refuses Urdu) passes tests/pdf/ua-check.py, the machine-checkable failure
# conditions of the Matterhorn Protocol (title, metadata, pdfuaid, artifacts and untagged
# content, heading nesting, table structure and TH scope, lists, /Lang, link annotations, fonts
# embedded with ToUnicode, encryption strength), and qpdf --check. Then protected copies of
# both writers, and a queue's print.pdf: one Document per item, each with its own /Lang.
# An Urdu copy's text must extract as the words of its FO, each word whole (ua-check.py --words:
# /ActualText on each Nastaliq word, in the order it is read), a protected one too.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
UA=$TESTS/pdf/ua-check.py
S=samples/12-child-died.xml
P=$T/pdf
mkdir -p "$P"

# every combination, rendered two at a time
jobs=$T/jobs
: >"$jobs"
for doc in plan minutes plan-copy closure-letter case-note closing-summary; do
	case $doc in plan-copy|closure-letter) who=p1 ;; *) who=file ;; esac
	# a plan copy is never sent once the plan has ended: that of a running case
	for lang in en cy pl ur; do
		for style in standard large-print; do
			for writer in cairo haru; do
				[ "$writer" = haru ] && [ "$lang" = ur ] && continue
				s=$S; [ "$doc" = plan-copy ] && s=samples/02-review-scaling.xml
				echo "$doc $who $lang $style $writer $s" >>"$jobs"
			done
		done
	done
done
export CINDOC P S
xargs -P 2 -L 1 sh -c '"$CINDOC" render --doc "$0" --for "$1" --lang "$2" --style "$3" --writer "$4" "$5" -o "$P/$0-$2-$3-$4.pdf" >/dev/null 2>"$P/$0-$2-$3-$4.err"; echo $? >"$P/$0-$2-$3-$4.rc"
	[ "$2" = ur ] && "$CINDOC" fo --doc "$0" --for "$1" --lang "$2" --style "$3" "$5" -o "$P/$0-$2-$3.fo" >/dev/null 2>>"$P/$0-$2-$3-$4.err"' <"$jobs"
while read -r doc who lang style writer s; do
	n=$doc-$lang-$style-$writer
	if [ "$(cat "$P/$n.rc")" != 0 ]; then
		notok "$n renders" "$(head -c 500 "$P/$n.err")"
		continue
	fi
	if [ "$lang" = ur ]; then
		check "$n: PDF/UA checks, its text the FO's words, each whole" "$UA" --words "$P/$doc-$lang-$style.fo" "$P/$n.pdf"
	else
		check "$n: PDF/UA checks" "$UA" "$P/$n.pdf"
	fi
	check "$n: qpdf --check" sh -c "qpdf --check '$P/$n.pdf' | grep -q 'No syntax or stream encoding errors'"
done <"$jobs"

# the plan's short and overview versions (a young person's copy, the overview): their case text
# is in the case's language inside a translated copy too
for v in short overview; do
	for lang in ur cy; do
		for doc in plan plan-copy; do
			case $doc in plan-copy) who=p1 ;; *) who=file ;; esac
			s=$S; [ "$doc" = plan-copy ] && s=samples/02-review-scaling.xml  # a running case's
			n=$doc-$v-$lang
			expect "$n renders" 0 "$CINDOC" render --doc "$doc" --for "$who" --version "$v" --lang "$lang" "$s" -o "$P/$n.pdf"
			if [ "$lang" = ur ]; then
				"$CINDOC" fo --doc "$doc" --for "$who" --version "$v" --lang "$lang" "$s" -o "$P/$n.fo"
				check "$n: PDF/UA checks, its text the FO's words, each whole" "$UA" --words "$P/$n.fo" "$P/$n.pdf"
			else
				check "$n: PDF/UA checks" "$UA" "$P/$n.pdf"
			fi
		done
	done
done

check "the title is the document's (plan)" sh -c "pdfinfo '$P/plan-en-standard-cairo.pdf' | grep -q 'Title: *Child in Need plan for Freya Lindgren, 19 August 2026'"
check "Urdu text carries its words (/ActualText on its elements)" /usr/bin/python3 -c '
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
n = 0
def walk(e):
    global n
    if "/ActualText" in e:
        n += 1
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(x, pikepdf.Dictionary) and "/S" in x:
            walk(x)
for k in p.Root.StructTreeRoot.K:
    walk(k)
sys.exit(0 if n > 10 else 1)
' "$P/plan-ur-standard-cairo.pdf"

# protected copies: AES-256, still PDF/UA
export CD_TEST_PW='s3cret pass'
for w in cairo haru; do
	expect "a protected copy ($w)" 0 "$CINDOC" render --doc closure-letter --for p1 --writer $w --user-password-env CD_TEST_PW "$S" -o "$T/prot-$w.pdf"
	check "protected ($w): PDF/UA checks with the password" "$UA" --password "$CD_TEST_PW" "$T/prot-$w.pdf"
	check "protected ($w): qpdf says AES-256, R6" sh -c "qpdf --show-encryption --password='$CD_TEST_PW' '$T/prot-$w.pdf' | grep -qx 'R = 6' && pdfinfo -upw '$CD_TEST_PW' '$T/prot-$w.pdf' | grep -q 'algorithm:AES-256' && pdfinfo -upw '$CD_TEST_PW' '$T/prot-$w.pdf' | grep -qx 'Tagged: *yes'"
done
expect "a protected Urdu copy" 0 "$CINDOC" render --doc closure-letter --for p1 --lang ur --user-password-env CD_TEST_PW "$S" -o "$T/prot-ur.pdf"
"$CINDOC" fo --doc closure-letter --for p1 --lang ur "$S" -o "$T/prot-ur.fo"
check "protected Urdu: PDF/UA checks with the password, its text the FO's words, each whole" \
	"$UA" --password "$CD_TEST_PW" --words "$T/prot-ur.fo" "$T/prot-ur.pdf"
check "protected Urdu: AES-256, tagged" sh -c "pdfinfo -upw '$CD_TEST_PW' '$T/prot-ur.pdf' | grep -q 'algorithm:AES-256' && pdfinfo -upw '$CD_TEST_PW' '$T/prot-ur.pdf' | grep -qx 'Tagged: *yes'"

# the checker can fail: an untagged PDF, a PDF without a title, RC4
/usr/bin/python3 -c '
import pikepdf, sys
pdf = pikepdf.new()
page = pdf.add_blank_page(page_size=(200, 200))
page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (Hi) Tj ET")
pdf.save(sys.argv[1])
' "$T/bare-fixed.pdf"
"$UA" "$T/bare-fixed.pdf" >"$T/bare.out"
check "the checker fails an untagged PDF" grep -q ': 7.1: no structure tree' "$T/bare.out"
check "... with text outside marked content" sh -c "grep -q ': 7.21.4.1: font' '$T/bare.out' && grep -q ': 06-001: no XMP' '$T/bare.out'"
/usr/bin/python3 -c 'import pikepdf, sys; pikepdf.open(sys.argv[1]).save(sys.argv[2], encryption=pikepdf.Encryption(owner="o", user="u", R=3, aes=False, metadata=False))' "$P/plan-en-standard-cairo.pdf" "$T/rc4.pdf"
check "the checker fails RC4" sh -c "'$UA' --password u '$T/rc4.pdf' | grep -q ': enc: encrypted with R=3'"
qpdf --qdf --object-streams=disable "$P/plan-en-standard-cairo.pdf" "$T/qdf.pdf"
sed -i 's|/Artifact BMC|/Foo BMC|' "$T/qdf.pdf"
check "the checker fails content that is neither tagged nor an artifact" sh -c "'$UA' '$T/qdf.pdf' | grep -q ': 01-005: page 1: [0-9]* text operators neither tagged nor artifacts'"
qpdf --qdf --object-streams=disable "$P/plan-ur-standard-cairo.pdf" "$T/ur-qdf.pdf"
sed -i 's|/Span << /ActualText|/Span << /ActualTexX|' "$T/ur-qdf.pdf"
check "the checker fails Urdu words drawn without their /ActualText" sh -c "'$UA' --words '$P/plan-ur-standard.fo' '$T/ur-qdf.pdf' | grep -q ': text: '"

# the queue's print.pdf: one Document per item, each with its own /Lang
mkdir -p "$T/cases" && cp samples/*.xml "$T/cases/"
expect "queue the samples" 0 "$CINDOC" queue "$T/cases" -o "$T/q" --today 2026-11-25
find "$T/q" -name print.pdf | sort >"$T/prints"
check "the queue wrote print.pdf files" test -s "$T/prints"
while read -r f; do
	rel=${f#"$T/q/"}
	check "$rel: PDF/UA checks" "$UA" "$f"
done <"$T/prints"
check "a print.pdf holding an Urdu item has an Urdu Document" /usr/bin/python3 -c '
import pikepdf, sys
langs = set()
for f in open(sys.argv[1]).read().split():
    p = pikepdf.open(f)
    docs = p.Root.StructTreeRoot.K
    for d in (docs if isinstance(docs, pikepdf.Array) else [docs]):
        assert str(d.S) == "/Document"
        langs.add(str(d.Lang))
sys.exit(0 if "ur" in langs and "en" in langs else 1)
' "$T/prints"
