# tests/tools/build.sh - sourced by tests: `build_tool NAME` compiles tests/tools/NAME.c into
# $T/NAME with the compiler and flags gen/ was built with (sanitizers included), linked against
# the gen/ objects but main.o.
build_tool() {
	local name=$1 flags objs
	flags=$(sed -e 's/-MMD -MP//' -e 's/-DCINDOC_DATADIR=[^ ]*//' "$ROOT/gen/.flags")
	objs=$(ls "$ROOT"/gen/*.o | grep -v '/main\.o$')
	# shellcheck disable=SC2086
	$flags -I"$ROOT/gen" $(pkg-config --cflags pangocairo pangofc fontconfig cairo libxml-2.0 glib-2.0) \
		-o "$T/$name" "$ROOT/tests/tools/$name.c" $objs \
		$(pkg-config --libs pangocairo pangofc fontconfig cairo libxml-2.0 libxslt libexslt glib-2.0) -lhpdf -lm
}
