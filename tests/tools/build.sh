# tests/tools/build.sh - sourced by tests: `build_tool NAME` compiles tests/tools/NAME.c into
# $T/NAME with the compiler and flags gen/ was built with (sanitizers included), linked against
# the objects of gen/cindoc (`make print-objs`; main.o with its main renamed, so the tool has its
# own) and its libraries (`make print-ldlibs`).
build_tool() {
	local name=$1 flags objs libs
	flags=$(sed -e 's/-MMD -MP//' -e 's/-DCINDOC_DATADIR=[^ ]*//' "$ROOT/gen/.flags")
	objcopy --redefine-sym main=cd_cindoc_main "$ROOT/gen/main.o" "$T/main-nomain.o" || return 1
	objs=$(make -s --no-print-directory -C "$ROOT" print-objs | tr ' ' '\n' | grep -v '^gen/main\.o$' | sed "s|^|$ROOT/|") || return 1
	libs=$(make -s --no-print-directory -C "$ROOT" print-ldlibs) || return 1
	# shellcheck disable=SC2086
	$flags -I"$ROOT/gen" $(pkg-config --cflags pangocairo pangofc fontconfig cairo libxml-2.0 glib-2.0) \
		-o "$T/$name" "$ROOT/tests/tools/$name.c" $objs "$T/main-nomain.o" $libs
}
