# tests/tools/build.sh - sourced by tests: `build_tool NAME` compiles tests/tools/NAME.c into
# $T/NAME with the compiler and flags gen/ was built with (sanitizers included), linked against
# the gen/ objects (main.o with its main renamed, so the tool has its own).
build_tool() {
	local name=$1 flags objs
	flags=$(sed -e 's/-MMD -MP//' -e 's/-DCINDOC_DATADIR=[^ ]*//' "$ROOT/gen/.flags")
	objcopy --redefine-sym main=cd_cindoc_main "$ROOT/gen/main.o" "$T/main-nomain.o" || return 1
	# the objects of the sources the Makefile builds (not whatever .o files lie about)
	objs=$(ls "$ROOT"/gen/*.c "$ROOT"/gen/*/*.c | grep -v -e '/main\.c$' -e '/fuzz-' | sed 's/\.c$/.o/')
	# shellcheck disable=SC2086
	$flags -I"$ROOT/gen" $(pkg-config --cflags pangocairo pangofc fontconfig cairo libxml-2.0 glib-2.0) \
		-o "$T/$name" "$ROOT/tests/tools/$name.c" $objs "$T/main-nomain.o" \
		$(pkg-config --libs pangocairo pangofc fontconfig cairo libxml-2.0 libxslt libexslt glib-2.0) -lhpdf -lm
}
