#!/usr/bin/env bash
# The png writer through render-fo: one PNG per page, named out.png for one page and out-N.png
# for several, at the chosen resolution, drawn like the PDF (compared with pdftocairo's render
# of the cairo writer's PDF).
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
. "$TESTS/pdf/lib.sh"
check "pngdiff builds" build_tool pngdiff
FO=$TESTS/pdf/plan.fo
ONE=$TESTS/fo/block-basic.fo

# png_size FILE: "WxH" from the PNG header
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }

mkdir -p "$T/two" "$T/one" "$T/dpi"
expect "two pages at the default 96 dpi" 0 "$CINDOC" render-fo "$FO" -o "$T/two/plan.png" --writer png
check "two pages give plan-1.png and plan-2.png only" sh -c "[ \"\$(ls -A '$T/two' | tr '\n' ' ')\" = 'plan-1.png plan-2.png ' ]"
check "page 1 is 794x1123 pixels (A4 at 96 dpi)" test "$(png_size "$T/two/plan-1.png")" = 794x1123
check "page 2 is 794x1123 pixels" test "$(png_size "$T/two/plan-2.png")" = 794x1123
check "PNG files are mode 0600" sh -c "[ \"\$(stat -c %a '$T/two/plan-1.png' '$T/two/plan-2.png' | sort -u)\" = 600 ]"

expect "one page gives one file" 0 "$CINDOC" render-fo "$ONE" -o "$T/one/basic.png" --writer png
check "one page gives basic.png only" sh -c "[ \"\$(ls -A '$T/one')\" = basic.png ]"
expect "dpi=150" 0 "$CINDOC" render-fo "$ONE" -o "$T/dpi/basic.png" --writer png --writer-opts dpi=150
check "dpi=150 gives 1240x1754 pixels" test "$(png_size "$T/dpi/basic.png")" = 1240x1754
expect "a name without .png gets -N.png" 0 "$CINDOC" render-fo "$FO" -o "$T/dpi/page" --writer png --writer-opts dpi=30
check "page-1.png and page-2.png" test -f "$T/dpi/page-1.png" -a -f "$T/dpi/page-2.png"
expect "one page to standard output" 0 "$CINDOC" render-fo "$ONE" -o - --writer png --writer-opts dpi=20
check "standard output is a PNG" sh -c "head -c 8 '$T/.run.out' | od -An -c | grep -q 'P   N   G'"

# the PNG writer draws what the PDF holds: compare with poppler's Cairo render of the cairo PDF
expect "cairo PDF for comparison" 0 "$CINDOC" render-fo "$FO" -o "$T/plan.pdf"
pdftocairo -q -r 96 -png "$T/plan.pdf" "$T/poppler"
for p in 1 2; do
	expect "page $p: png writer and the PDF rendered by pdftocairo agree (under 0.22% of 4x4 blocks)" 0 \
		"$T/pngdiff" "$T/two/plan-$p.png" "$T/poppler-$p.png" 0.22 4
done
expect "the comparison can fail: page 1 against page 2" 1 "$T/pngdiff" "$T/two/plan-1.png" "$T/poppler-2.png" 0.22 4
# and it sees one missing line: the Polish line blanked (a no-break space keeps its height)
sed 's|Polish: Zażółć gęślą jaźń.|\&#160;|' "$FO" >"$T/less.fo"
cp "$TESTS/pdf/logo.png" "$T/logo.png"
expect "the plan less one line" 0 "$CINDOC" render-fo "$T/less.fo" -o "$T/less.png" --writer png
expect "the comparison sees one missing line" 1 "$T/pngdiff" "$T/less-1.png" "$T/poppler-1.png" 0.22 4

mkdir -p "$T/err"
perr() { # NAME EXIT MESSAGE ARGS...
	local n=$1 code=$2 msg=$3; shift 3
	expect "$n" "$code" "$CINDOC" render-fo "$@"
	check "$n: message" grep -qxF "$msg" "$T/.run.err"
}
perr "dpi must be a number" 2 "cindoc: writer 'png': option 'dpi' wants a whole number from 9 to 2400, not 'high'" \
	"$ONE" -o "$T/err/a.png" --writer png --writer-opts dpi=high
perr "dpi too small" 2 "cindoc: writer 'png': option 'dpi' wants a whole number from 9 to 2400, not '5'" \
	"$ONE" -o "$T/err/a.png" --writer png --writer-opts dpi=5
perr "unknown png option" 2 "cindoc: writer 'png': unknown option 'colour' (known: dpi)" \
	"$ONE" -o "$T/err/a.png" --writer png --writer-opts dpi=96,colour=grey
perr "an option given twice" 2 "cindoc: writer 'png': option 'dpi' given twice" \
	"$ONE" -o "$T/err/a.png" --writer png --writer-opts dpi=96,dpi=72
perr "an empty option name" 2 "cindoc: writer 'png': empty option name in the option string" \
	"$ONE" -o "$T/err/a.png" --writer png --writer-opts dpi=96,,
perr "several pages cannot go to standard output" 2 "cindoc: writer 'png': a document of several pages cannot go to standard output" \
	"$FO" -o - --writer png
check "errors wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
perr "an unwritable folder" 5 "cindoc: cannot write '$T/no-such-dir/plan-1.png': No such file or directory" \
	"$FO" -o "$T/no-such-dir/plan.png" --writer png
