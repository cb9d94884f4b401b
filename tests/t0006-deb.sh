#!/usr/bin/env bash
# make deb: the package's fields (Depends from dpkg-shlibdeps), its files, lintian, the systemd
# unit (systemd-analyze verify), and the packaged program run alone: unpacked with dpkg -x into a
# scratch folder (not installed: this machine is shared; .ci/run installs it for real with
# dpkg -i), the source tree hidden, check, render and queue run from an unrelated folder.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
unset CINDOC_HOME
W=$(mktemp -d /tmp/cindoc-deb.XXXXXX)
trap 'rm -rf "$W"' EXIT
# a sanitizer build reads its leak suppressions from here while the source tree is hidden
cp "$TESTS/lsan.supp" "$W/lsan.supp"
export LSAN_OPTIONS=suppressions=$W/lsan.supp:print_suppressions=0

deb=$(nice -n 10 make --no-print-directory -s deb 2>"$T/deb.err" | tail -1)
check "make deb builds a package" test -f "$deb"
[ -f "$deb" ] || { notok "make deb output" "$(head -c 2000 "$T/deb.err")"; exit 0; }
dpkg-deb --field "$deb" >"$T/fields"
check "Package, Version, Architecture" bash -c "grep -qx 'Package: cindoc' '$T/fields' && grep -qx \"Version: \$('$CINDOC' --version | sed -n '1s/^cindoc //p')\" '$T/fields' && grep -qx \"Architecture: \$(dpkg --print-architecture)\" '$T/fields'"
dep=$(sed -n 's/^Depends: //p' "$T/fields")
for lib in libc6 libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libfontconfig1 libhpdf-2.3.0 libxml2 libxslt1.1 libglib2.0-0 adduser; do
	check "Depends: $lib" bash -c "echo '$dep' | tr ',' '\n' | sed 's/^ *//' | grep -q '^$lib\\( \\|\$\\)'"
done
check "Depends: no development package" bash -c "! echo '$dep' | grep -q -- '-dev'"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./||' >"$T/contents"
for f in usr/bin/cindoc usr/share/cindoc/templates/case.xsd usr/share/cindoc/fonts/fonts.conf \
         usr/share/man/man1/cindoc.1.gz usr/share/man/man1/cindoc-queue.1.gz \
         usr/share/bash-completion/completions/cindoc lib/systemd/system/cindoc-serve.service \
         etc/default/cindoc usr/share/doc/cindoc/copyright usr/share/doc/cindoc/changelog.gz; do
	check "holds /$f" grep -qx "$f" "$T/contents"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xf - -C "$W" ./postinst ./prerm ./postrm ./conffiles ./md5sums
check "maintainer scripts are valid sh" bash -c "for s in postinst prerm postrm; do sh -n '$W/'\$s || exit 1; done"
check "postinst makes the system user" grep -q 'adduser --system --group' "$W/postinst"
check "postinst does not enable the service" bash -c "! grep -q 'systemctl.*enable\\|deb-systemd-helper enable' '$W/postinst'"
check "/etc/default/cindoc is a conffile" grep -qx /etc/default/cindoc "$W/conffiles"

if command -v lintian >/dev/null; then
	lintian --tag-display-limit 0 "$deb" >"$T/lintian.txt" 2>&1
	check "lintian: no error and no warning (the rest explained in README)" bash -c "! grep -E '^[EW]: ' '$T/lintian.txt'"
	grep -v 'root privileges' "$T/lintian.txt" | sed 's/^/# lintian: /' | head -20
else
	ok "# skip: no lintian"
fi

dpkg -x "$deb" "$W/root"
if command -v systemd-analyze >/dev/null; then
	# the unit as packaged, with ExecStart pointed at the unpacked program (not installed here)
	sed "s|/usr/bin/cindoc|$W/root/usr/bin/cindoc|" "$W/root/lib/systemd/system/cindoc-serve.service" >"$W/cindoc-serve.service"
	SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$W/cindoc-serve.service" >"$T/verify.txt" 2>&1
	check "systemd-analyze verify the unit" bash -c "! grep -v -e 'Failed to open /dev/tty' -e 'cindoc-serve.service: Command .* is not executable' -e \"Command 'man cindoc(1)' failed\" '$T/verify.txt' | grep -q ."
	[ -s "$T/verify.txt" ] && sed 's/^/# verify: /' "$T/verify.txt" | head -5
else
	ok "# skip: no systemd-analyze"
fi
U=$W/root/lib/systemd/system/cindoc-serve.service
for k in 'User=cindoc' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'PrivateTmp=yes' 'ReadWritePaths=/var/lib/cindoc' 'ExecStart=/usr/bin/cindoc serve '; do
	check "unit: $k" grep -q "^$k" "$U"
done
check "unit: not enabled by the package (no symlink in the package)" bash -c "! grep -q 'wants/' '$T/contents'"

# The packaged program, alone.
mkdir -p "$W/empty" "$W/cases" "$W/elsewhere"
cp samples/*.xml "$W/cases/"
cat >"$W/run.sh" <<EOF
set -u
mount --bind "$W/empty" "$ROOT" || exit 99
cd "$W/elsewhere"
C="$W/root/usr/bin/cindoc"
"\$C" --version >"$W/version.txt"
"\$C" check ../cases/*.xml; echo "check \$?"
"\$C" render --doc plan-copy --for p1 ../cases/01-initial-meeting.xml -o copy.pdf >/dev/null; echo "render \$?"
"\$C" queue ../cases -o queue --today 2026-11-25 >/dev/null 2>&1; echo "queue \$?"
MANWIDTH=80 man -l "$W/root/usr/share/man/man1/cindoc-render.1.gz" 2>/dev/null | grep -c -- '--writer-opts'
EOF
if unshare -m true 2>/dev/null; then
	unshare -m bash "$W/run.sh" >"$W/results.txt" 2>"$W/errors.txt"
	check "packaged: finds its data under usr/share/cindoc" grep -qx "data: $W/root/usr/share/cindoc (installed beside the program)" "$W/version.txt"
	for step in check render queue; do
		check "packaged: $step, the source tree hidden" grep -qx "$step 0" "$W/results.txt"
	done
	check "packaged: the plan copy is a PDF" bash -c "pdfinfo '$W/elsewhere/copy.pdf' | grep -q '^Pages:'"
	check "packaged: man -l on the compressed page" bash -c "[ \"\$(tail -1 '$W/results.txt')\" -ge 1 ]"
else
	ok "# skip: no mount namespace (unshare -m needs root)"
fi
