#!/usr/bin/env bash
# --help and the manual pages come from one description per command (gen/cmd/cli.h): they list the
# same options, exit codes and examples, the pages in gen/man/ are those the program makes, every
# page shows with man -l, and cindoc(1) has the exit codes of README.md.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

check "make built the manual pages" test -f gen/man/cindoc.1
"$CINDOC" help --man >"$T/cindoc.1"
check "gen/man/cindoc.1 is what the program makes" cmp "$T/cindoc.1" gen/man/cindoc.1
for c in $("$CINDOC" help --commands); do
	page=gen/man/cindoc-$c.1
	"$CINDOC" help --man $c >"$T/$c.1"
	check "$c: gen/man page is what the program makes" cmp "$T/$c.1" "$page"
	"$CINDOC" $c --help >"$T/$c.help"
	MANWIDTH=80 man -l "$page" 2>"$T/$c.manerr" | col -b >"$T/$c.man"
	check "$c: man -l shows the page, no warnings" bash -c "grep -q '^NAME' '$T/$c.man' && [ ! -s '$T/$c.manerr' ]"
	check "$c: NAME has the summary of 'cindoc --help'" bash -c "summary=\$('$CINDOC' --help | sed -n 's/^  $c  *//p' | cut -c1-40); [ -n \"\$summary\" ] && tr -s ' ' <'$T/$c.man' | grep -qF \"cindoc-$c - \$summary\""
	missing=""
	for o in $("$CINDOC" help --options $c); do
		o=${o%=}
		grep -qE -- "(^|[ ,])$o([=, ]|\$)" "$T/$c.help" || missing="$missing help:$o"
		grep -qE -- "(^|[ ,])$o([=, ]|\$)" "$T/$c.man" || missing="$missing man:$o"
	done
	if [ -z "$missing" ]; then ok "$c: every option in --help and in the page"; else notok "$c: every option in --help and in the page" "$missing"; fi
	# the exit codes and the examples: the same lines in both
	sed -n '/^exit status:/,/^$/p' "$T/$c.help" | sed -n 's/^  \([0-9, ]*[0-9]\)  .*/\1/p' >"$T/$c.help-exits"
	sed -n '/^EXIT STATUS/,/^[A-Z]/p' "$T/$c.man" | sed -n 's/^       \([0-9, ]*[0-9]\)$/\1/p; s/^       \([0-9, ]*[0-9]\)  .*/\1/p' >"$T/$c.man-exits"
	check "$c: the same exit codes in --help and the page" bash -c "[ -s '$T/$c.help-exits' ] && diff '$T/$c.help-exits' '$T/$c.man-exits'"
	sed -n '/^examples:/,$p' "$T/$c.help" | sed -n 's/^  \(cindoc .*\)/\1/p' >"$T/$c.help-ex"
	sed -n '/^EXAMPLES/,/^SEE ALSO/p' "$T/$c.man" | sed -n 's/^       \(cindoc .*\)/\1/p' >"$T/$c.man-ex"
	check "$c: the same examples in --help and the page" bash -c "[ -s '$T/$c.help-ex' ] && diff '$T/$c.help-ex' '$T/$c.man-ex'"
	check "$c: help $c is $c --help" bash -c "'$CINDOC' help $c | cmp - '$T/$c.help'"
done

# README.md's table of exit codes and cindoc(1)'s.
sed -n '/^## Exit codes/,/^## /p' README.md | sed -n 's/^| \([0-9]*\) | .*/\1/p' >"$T/readme-exits"
MANWIDTH=80 man -l gen/man/cindoc.1 2>/dev/null | col -b >"$T/cindoc.man"
sed -n '/^EXIT STATUS/,/^[A-Z]/p' "$T/cindoc.man" | sed -n 's/^       \([0-9]*\)  .*/\1/p; s/^       \([0-9]*\)$/\1/p' >"$T/man-exits"
check "cindoc(1) lists the exit codes of README.md" bash -c "[ -s '$T/readme-exits' ] && diff '$T/readme-exits' '$T/man-exits'"
check "cindoc(1) lists every command" bash -c "for c in \$('$CINDOC' help --commands); do grep -qE \"^       \$c( |\$)\" '$T/cindoc.man' || exit 1; done"
check "cindoc(1) has SEE ALSO with every page" bash -c "for c in \$('$CINDOC' help --commands); do grep -q \"cindoc-\$c(1)\" '$T/cindoc.man' || exit 1; done"
