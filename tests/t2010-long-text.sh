#!/usr/bin/env bash
# Text that is very long in one piece reaches the page whole: a paragraph of some hundred
# thousand characters (past Pango's 32-bit coordinates), one enormous word, enormous lines of
# preserved text. pdftotext of the PDF must give back every character of the input (white space
# aside), and nothing may hang (each render has a time limit far above its normal time).
. "$(dirname "$0")/lib.sh"

# fo NAME ATTRS: a one-paragraph document, the paragraph's text from stdin, in NAME.fo.
fo() {
	{
		printf '%s\n' '<?xml version="1.0"?>' \
			'<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans" font-size="9pt">' \
			'<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="210mm" page-height="297mm">' \
			'<fo:region-body margin="15mm"/></fo:simple-page-master></fo:layout-master-set>' \
			'<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">'
		printf '<fo:block %s>' "$2"
		cat
		printf '%s\n' '</fo:block></fo:flow></fo:page-sequence></fo:root>'
	} >"$T/$1.fo"
}

# same_text NAME: the PDF's text is the input's, white space aside.
same_text() {
	pdftotext -q "$T/$1.pdf" "$T/$1.txt" || return 1
	tr -d ' \n\f' <"$T/$1.in" >"$T/$1.want"
	tr -d ' \n\f' <"$T/$1.txt" >"$T/$1.got"
	cmp "$T/$1.want" "$T/$1.got" || { echo "input $(wc -c <"$T/$1.want") bytes, PDF text $(wc -c <"$T/$1.got") bytes"; return 1; }
}

# long: 12,000 numbered sentences in one paragraph (about 600,000 characters)
python3 -c '
for i in range(1, 12001):
    print("Sentence %d of the invented minutes says what was agreed." % i, end=" ")
' >"$T/long.in"
fo long 'text-align="justify"' <"$T/long.in"
# word: one word of 200,000 letters, wrapped at any letter
python3 -c 'print(("abcdefghij" * 20000), end="")' >"$T/word.in"
fo word '' <"$T/word.in"
# lines: three preserved lines of 150,000 characters each
python3 -c '
for i in range(3):
    print(" ".join("line%dword%d" % (i, k) for k in range(13000)))
' >"$T/lines.in"
fo lines 'linefeed-treatment="preserve"' <"$T/lines.in"

for name in long word lines; do
	expect "$name: renders" 0 timeout 300 "$CINDOC" render-fo "$T/$name.fo" -o "$T/$name.pdf"
	check "$name: every character reaches the page" same_text "$name"
done
