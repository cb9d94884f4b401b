# tests/web/needs.sh - sourced by the browser test scripts: what they need, each missing piece a
# failure with the way to get it (`make deps`), never a silent skip. Returns 1 when one is missing.
need_ok=0
if ! command -v node >/dev/null; then
	notok "node is installed" "run 'make deps' (Debian 12: nodejs and npm)"; need_ok=1
elif ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)'; then
	notok "node is version 18 or later" "node $(node --version) is too old for playwright-core"; need_ok=1
fi
for p in playwright-core axe-core govuk-frontend; do
	if [ ! -f "$ROOT/node_modules/$p/package.json" ]; then
		notok "npm package $p is installed" "run 'make deps' (npm ci, from package-lock.json)"; need_ok=1
	fi
done
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
	notok "chromium is installed" "run 'make deps' (Debian package chromium)"; need_ok=1
fi
[ $need_ok = 0 ]
