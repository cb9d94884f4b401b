#!/usr/bin/env bash
# XSL-FO that used to hang the layout or abort the PDF writer (content laid off the page):
# each is refused at its line with exit 3 and nothing written, within a time limit far above
# the time a refusal takes.
. "$(dirname "$0")/lib.sh"

# fo NAME PAGE-MASTER-ATTRS: a document whose flow is read from stdin, in NAME.fo.
fo() {
	{
		printf '%s\n' '<?xml version="1.0"?>' \
			'<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans">' \
			"<fo:layout-master-set><fo:simple-page-master master-name=\"p\" $2>" \
			'<fo:region-body/></fo:simple-page-master></fo:layout-master-set>' \
			'<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">'
		cat
		printf '%s\n' '</fo:flow></fo:page-sequence></fo:root>'
	} >"$T/$1.fo"
}

# refused NAME MESSAGE: render-fo NAME.fo exits 3 with "NAME.fo:LINE: error: MESSAGE", no file.
refused() {
	local name=$1 msg=$2 why
	if why=$(run_cmd 3 "$T/$name" timeout 60 "$CINDOC" render-fo "$T/$name.fo" -o "$T/$name.pdf"); then
		ok "$name: exit 3"
	else
		notok "$name: exit 3" "$why"
	fi
	check "$name: message" grep -qF "$name.fo:" "$T/$name.err"
	check "$name: says why" grep -qF "$msg" "$T/$name.err"
	check "$name: nothing written" sh -c "! ls -a '$T' | grep -q '^\.\?$name\.pdf'"
}

span=2000000000
fo columns-spanning '' <<F
<fo:table><fo:table-body><fo:table-row><fo:table-cell number-columns-spanning="$span"><fo:block>x</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>
F
refused columns-spanning "fo:table-cell goes past the 1000 columns a fo:table may have"

python3 -c 'print("<fo:block>a" + "\u0301" * 60000 + "</fo:block>")' | fo combining-marks ''
refused combining-marks "more than 30 combining marks on one character"

echo '<fo:block>Hello</fo:block>' | fo tiny-page 'page-width="1mm" page-height="1mm"'
refused tiny-page "a PDF page is 3pt to 14400pt each way"

echo '<fo:block>Hello</fo:block>' | fo huge-page 'page-width="6000mm" page-height="6000mm"'
refused huge-page "a PDF page is 3pt to 14400pt each way"

echo '<fo:block>Hello</fo:block>' | fo page-margin 'margin="-100%"'
refused page-margin "the regions of page master 'p' do not lie on its page"

echo '<fo:block start-indent="2000mm">Hello</fo:block>' | fo huge-indent ''
refused huge-indent "fo:block does not fit in its area"

echo '<fo:block margin="-100%">Hello</fo:block>' | fo block-margin ''
refused block-margin "fo:block does not fit in its area"

echo '<fo:block>a<fo:leader leader-length="-100pt" leader-pattern="rule"/>b</fo:block>' | fo negative-leader ''
refused negative-leader "the lengths and rule-thickness of fo:leader cannot be negative"

# 100,000 zero-width spaces (once an abort of the PDF writer): laid out, nothing lost
python3 -c 'print("<fo:block>a" + "\u200b" * 100000 + "b</fo:block>")' | fo zwsp ''
expect "100k zero-width spaces: rendered" 0 timeout 120 "$CINDOC" render-fo "$T/zwsp.fo" -o "$T/zwsp.pdf"
check "... one page, the text around them whole" bash -c "pdfinfo '$T/zwsp.pdf' | grep -q '^Pages: *1\$' && [ \"\$(pdftotext '$T/zwsp.pdf' - | tr -d '\n\f')\" = ab ]"
python3 -c 'print("<fo:block>" + "word\u200b" * 20000 + "</fo:block>")' | fo zwsp-words ''
expect "20,000 words joined by zero-width spaces: rendered" 0 timeout 120 "$CINDOC" render-fo "$T/zwsp-words.fo" -o "$T/zwsp-words.pdf"
check "... every word on the pages" test "$(pdftotext "$T/zwsp-words.pdf" - | grep -o word | wc -l)" = 20000
