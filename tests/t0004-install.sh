#!/usr/bin/env bash
# make install into a temporary DESTDIR, then the installed cindoc alone: the source tree hidden
# (a private mount namespace with an empty folder mounted over it), run from an unrelated
# folder: check, render and queue on copies of the samples; the manual pages with man -l; the
# bash completion; make uninstall.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
unset CINDOC_HOME
W=$(mktemp -d /tmp/cindoc-install.XXXXXX)   # outside the source tree, which gets hidden
trap 'rm -rf "$W"' EXIT
# a sanitizer build reads its leak suppressions from here while the source tree is hidden
cp "$TESTS/lsan.supp" "$W/lsan.supp"
export LSAN_OPTIONS=suppressions=$W/lsan.supp:print_suppressions=0
STAGE=$W/stage P=/usr/local
export SHARE=$STAGE$P/share

# -o all -o fonts: install what this tree has built (a sanitizer build stays one)
check "make install DESTDIR=..." make --no-print-directory -s -o all -o fonts install DESTDIR="$STAGE" PREFIX=$P
BIN=$STAGE$P/bin/cindoc
check "the program in PREFIX/bin" test -x "$BIN"
check "templates, styles, l10n in PREFIX/share/cindoc" test -f "$SHARE/cindoc/templates/case.xsd" -a \
	-f "$SHARE/cindoc/styles/large-print.xsl" -a -f "$SHARE/cindoc/templates/l10n/cy.xml"
check "the pinned fonts, fonts.conf and licences" bash -c "cd '$SHARE/cindoc/fonts' && ls *.ttf >/dev/null && test -f fonts.conf -a -f MANIFEST && ls LICENSE.* >/dev/null"
check "every pinned font is the one in MANIFEST" bash -c "cd '$SHARE/cindoc/fonts' && grep -v '^#' MANIFEST | while read -r p src sum; do [ -n \"\$p\" ] || continue; echo \"\$sum  \$(basename \$src)\"; done | sha256sum -c --quiet -"
check "data files are not executable, the program is" bash -c "[ -z \"\$(find '$SHARE/cindoc' -type f -perm /111)\" ]"
check "the bash completion" test -f "$SHARE/bash-completion/completions/cindoc"
check "govuk-frontend's served files, not its fonts" bash -c "cd '$SHARE/cindoc/govuk-frontend' && test -f govuk-frontend.min.css -a -f govuk-frontend.min.js -a -f package.json -a -f assets/images/govuk-crest.svg -a ! -e assets/fonts"
pages=$(ls "$SHARE/man/man1/" | LC_ALL=C sort)
want=$( (echo cindoc.1; for c in $("$CINDOC" help --commands); do echo "cindoc-$c.1"; done) | LC_ALL=C sort)
check "a manual page for cindoc and for each command" test "$(echo $pages)" = "$(echo $want)"
check "nothing else installed" test "$(cd "$STAGE$P" && find . -type f | grep -v '^./share/cindoc/\|^./share/man/man1/' | sort | tr '\n' ' ')" = "./bin/cindoc ./share/bash-completion/completions/cindoc "

# ---- the manual pages
for pg in $pages; do
	MANWIDTH=80 man -l "$SHARE/man/man1/$pg" >"$T/$pg.txt" 2>"$T/$pg.err"
	check "man -l $pg shows the page" bash -c "[ -s '$T/$pg.txt' ] && [ ! -s '$T/$pg.err' ] && grep -q '^NAME' '$T/$pg.txt' && grep -q '^EXIT STATUS' '$T/$pg.txt'"
done
check "cindoc-render(1): its options" bash -c "grep -q -- '--doc=DOC' '$T/cindoc-render.1.txt' && grep -q -- '--user-password-file=FILE' '$T/cindoc-render.1.txt' && grep -q -- '-q, --quiet' '$T/cindoc-render.1.txt'"
check "cindoc-queue(1): mark-issued too" grep -q 'CINDOC QUEUE MARK-ISSUED' "$T/cindoc-queue.1.txt"
check "cindoc(1): the data folder and CINDOC_HOME" grep -q 'CINDOC_HOME' "$T/cindoc.1.txt"

# ---- the installed program, with the source tree out of reach
mkdir -p "$W/empty" "$W/work/cases" "$W/elsewhere"
cp samples/*.xml "$W/work/cases/"
cat >"$W/run.sh" <<EOF
set -u
mount --bind "$W/empty" "$ROOT" || exit 99
cd "$W/elsewhere"
[ -z "\$(ls -A "$ROOT")" ] || { echo "the source tree is still there"; exit 98; }
C="$BIN"
"\$C" --version >"$W/version.txt" || exit 10
"\$C" check ../work/cases/*.xml 2>"$W/check.err"; echo "check \$?"
"\$C" render --doc plan --for c1 ../work/cases/02-review-scaling.xml -o plan.pdf >/dev/null 2>"$W/render.err"; echo "render \$?"
"\$C" render --doc closure-letter --all ../work/cases/06-step-down.xml -o letters/ >/dev/null 2>>"$W/render.err"; echo "render-all \$?"
"\$C" queue ../work/cases -o queue --today 2026-11-25 >/dev/null 2>"$W/queue.err"; echo "queue \$?"
pdftotext plan.pdf "$W/plan.txt"; echo "pdftotext \$?"
# the web desk serves its look from the installed data
"\$C" serve --listen 127.0.0.1:0 ../work/cases 2>"$W/serve.log" & sp=\$!
for _ in \$(seq 1 100); do grep -q 'listening on' "$W/serve.log" && break; sleep 0.05; done
u=\$(sed -n 's|.*listening on \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$W/serve.log")
echo "css \$(curl -s -o "$W/desk.css" -w '%{http_code}' "\$u/assets/govuk-frontend.min.css")"
echo "crest \$(curl -s -o /dev/null -w '%{http_code}' "\$u/assets/images/govuk-crest.svg")"
kill -TERM \$sp; wait \$sp; echo "serve \$?"
EOF
if unshare -m true 2>/dev/null; then
	unshare -m bash "$W/run.sh" >"$W/results.txt" 2>&1
	check "the source tree could be hidden" test $? != 99 -a $? != 98
	check "--version: the data installed beside the program" grep -qx "data: $SHARE/cindoc (installed beside the program)" "$W/version.txt"
	check "check on the samples: clean" grep -qx "check 0" "$W/results.txt"
	check "render a plan" grep -qx "render 0" "$W/results.txt"
	check "render --all closure letters" grep -qx "render-all 0" "$W/results.txt"
	check "queue the samples" grep -qx "queue 0" "$W/results.txt"
	check "the plan is a PDF that reads" bash -c "grep -qx 'pdftotext 0' '$W/results.txt' && grep -q 'plan' '$W/plan.txt'"
	check "the queue holds PDFs" bash -c "ls '$W/elsewhere/queue/'*/print.pdf >/dev/null"
	check "serve: govuk-frontend's stylesheet from the installed data" bash -c "grep -qx 'css 200' '$W/results.txt' && cmp -s '$W/desk.css' node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css"
	check "serve: its images too" grep -qx "crest 200" "$W/results.txt"
	check "serve: stops cleanly" grep -qx "serve 0" "$W/results.txt"
	check "nothing but the outputs in the working folder" test "$(cd "$W/elsewhere" && ls | tr '\n' ' ')" = "letters plan.pdf queue "
	check "no errors" bash -c "cat '$W/check.err' '$W/render.err' '$W/queue.err' | grep -v OVERDUE | grep -v '^queue' | (! grep .)"
else
	ok "# skip: no mount namespace (unshare -m needs root): installed program not run alone"
fi

# A copy of the installed tree anywhere else finds its own data (relocatable).
cp -a "$STAGE$P" "$W/moved"
expect "a moved install finds its data" 0 "$W/moved/bin/cindoc" check samples/01-initial-meeting.xml
"$W/moved/bin/cindoc" --version >"$T/moved.txt"
check "... beside it" grep -qx "data: $W/moved/share/cindoc (installed beside the program)" "$T/moved.txt"
rm -r "$W/moved/share/cindoc/govuk-frontend"
expect "serve without govuk-frontend's files: a clear error" 4 "$W/moved/bin/cindoc" serve --listen 127.0.0.1:0 "$W/work/cases"
check "... saying what is missing and what to do" grep -q "^cindoc: serve: cannot read govuk-frontend's files (the look of the desk) in the data folder: install cindoc again" "$T/.run.err"
expect "CINDOC_HOME without data: a clear error" 4 env CINDOC_HOME="$W/empty" "$BIN" check samples/01-initial-meeting.xml
check "... naming CINDOC_HOME" grep -q "^cindoc: CINDOC_HOME is '$W/empty', which holds no cindoc data" "$T/.run.err"

# ---- the bash completion, driven as bash would
comp() { # WORDS...: the completions offered for the last word
	bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_cindoc; printf "%s\n" "${COMPREPLY[@]}"' _ "$SHARE/bash-completion/completions/cindoc" "$@"
}
export PATH=$STAGE$P/bin:$PATH
check "completion: commands" bash -c "[ \"\$($(declare -f comp); comp cindoc re | tr '\n' ' ')\" = 'render render-fo ' ]"
check "completion: options of a command" bash -c "$(declare -f comp); comp cindoc render --wri | grep -qx -- '--writer='"
check "completion: document kinds" bash -c "[ \"\$($(declare -f comp); comp cindoc render --doc clo | tr '\n' ' ')\" = 'closure-letter closing-summary ' ]"
check "completion: recipients from the case on the line" bash -c "[ \"\$($(declare -f comp); comp cindoc render --doc plan samples/03-siblings.xml --for c | tr '\n' ' ')\" = 'c1 c2 c3 ' ]"
check "completion: --for=ID" bash -c "$(declare -f comp); comp cindoc render samples/03-siblings.xml --for=p | grep -qx p7"
check "completion: languages from the installed data" bash -c "[ \"\$($(declare -f comp); comp cindoc fo --lang '' | tr '\n' ' ')\" = 'cy en pl ur ' ]"

check "make uninstall" make --no-print-directory -s -o all -o fonts uninstall DESTDIR="$STAGE" PREFIX=$P
check "... leaves no file" test -z "$(find "$STAGE" -type f)"
