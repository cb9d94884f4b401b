#!/usr/bin/env bash
# templates/case.xsd on its own: another validator (xmllint) rejects the broken cases the schema
# is meant to reject, and the samples together use every element and attribute it declares.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
XSD=templates/case.xsd

check "the schema is well-formed XML" xmllint --noout --nonet "$XSD"
for f in tests/check/s-*.xml; do
	name=$(basename "$f" .xml)
	case $name in
	s-dangling-*)
		# libxml2's XSD validator types IDREFs but does not resolve them: cindoc does.
		check "$name: xmllint alone accepts it (so cindoc resolves references itself)" \
			xmllint --noout --nonet --schema "$XSD" "$f"
		;;
	*)
		check "$name: xmllint --schema rejects it too" bash -c "! xmllint --noout --nonet --schema '$XSD' '$f' 2>/dev/null"
		;;
	esac
done
for f in tests/check/[ew]-*.xml tests/check/ok-*.xml; do
	name=$(basename "$f" .xml)
	check "$name: valid against the schema (only the lints object)" xmllint --noout --nonet --schema "$XSD" "$f"
done

# Every element and attribute the schema declares appears in at least one sample.
cat samples/*.xml >"$T/all"
for e in $(grep -o '<xs:element name="[^"]*"' "$XSD" | cut -d'"' -f2 | sort -u); do
	check "samples use element <$e>" grep -q -E "<$e[ />]" "$T/all"
done
for a in $(grep -o '<xs:attribute name="[^"]*"' "$XSD" | cut -d'"' -f2 | sort -u); do
	check "samples use attribute $a=" grep -q " $a=\"" "$T/all"
done
# ... and every value of the small vocabularies (closure reasons apart: the samples show five).
for t in service version person-kind meeting-type views-given outcome item-status closure-next; do
	vals=$(sed -n "/<xs:simpleType name=\"$t\">/,/<\/xs:simpleType>/p" "$XSD" | grep -o 'value="[^"]*"' | cut -d'"' -f2)
	check "the vocabulary '$t' has values" test -n "$vals"
	for v in $vals; do
		check "samples use $t '$v'" grep -q "\"$v\"" "$T/all"
	done
done
