#!/usr/bin/env bash
# Every sample is valid against templates/case.xsd and passes every lint with no warnings.
. "$(dirname "$0")/lib.sh"

n=0
for f in "$ROOT"/samples/[0-9]*.xml; do
	n=$((n + 1))
	name=$(basename "$f")
	expect "sample $name passes check, no warnings" 0 "$CINDOC" check "$f"
	check "sample $name: check prints nothing" test ! -s "$T/.run.err"
	# The schema alone, with another validator: the XSD is standard, not libxml2-specific.
	if command -v xmllint >/dev/null; then
		check "sample $name: xmllint --schema accepts it" xmllint --noout --nonet --schema "$ROOT/templates/case.xsd" "$f"
	fi
done
check "at least nine samples" test "$n" -ge 9
expect "all samples at once" 0 "$CINDOC" check "$ROOT"/samples/*.xml
