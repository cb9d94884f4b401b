#!/usr/bin/env bash
# The command table: --help, --version, help CMD, unknown commands.
. "$(dirname "$0")/lib.sh"

expect "--version exits 0" 0 "$CINDOC" --version
check "--version names cindoc" grep -q '^cindoc [0-9]' "$T/.run.out"
expect "--help exits 0" 0 "$CINDOC" --help
for c in check fo render render-fo due calendar queue; do
	check "--help lists $c" grep -q "^  $c " "$T/.run.out"
done
expect "no command is a usage error" 2 "$CINDOC"
expect "unknown command is a usage error" 2 "$CINDOC" frobnicate
check "unknown command message" grep -qx "cindoc: 'frobnicate' is not a cindoc command; see 'cindoc --help'" "$T/.run.err"
expect "help of an unknown command" 2 "$CINDOC" help frobnicate
