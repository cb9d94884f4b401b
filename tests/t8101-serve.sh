#!/usr/bin/env bash
# cindoc serve: command line errors, login required, sessions, form tokens, security headers,
# request size bound, and stopping with SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"
D=$T/cases
serve_setup "$D" >/dev/null 2>&1

# ---- command line ----
expect "serve: no folder is a usage error" 2 "$CINDOC" serve
expect "serve: two folders is a usage error" 2 "$CINDOC" serve "$D" "$D"
expect "serve: unknown option" 2 "$CINDOC" serve --bogus "$D"
expect "serve: --listen without a port" 2 "$CINDOC" serve --listen 127.0.0.1 "$D"
expect "serve: --listen not an address" 2 "$CINDOC" serve --listen nowhere:80 "$D"
expect "serve: --listen port out of range" 2 "$CINDOC" serve --listen 127.0.0.1:70000 "$D"
expect "serve: another address needs TLS or --behind-proxy" 2 "$CINDOC" serve --listen 0.0.0.0:0 "$D"
check "serve: ... and says so" grep -q "needs --tls-cert and --tls-key, or --behind-proxy" "$T/.run.err"
expect "serve: --tls-cert without --tls-key" 2 "$CINDOC" serve --tls-cert x.pem "$D"
expect "serve: --today not a date" 2 "$CINDOC" serve --today 2026-02-30 "$D"
expect "serve: a folder that is not there" 4 "$CINDOC" serve "$T/nowhere"
expect "serve: TLS files that are not there" 4 "$CINDOC" serve --tls-cert "$T/no.pem" --tls-key "$T/no.key" --listen 127.0.0.1:0 "$D"
mkdir -p "$T/badusers" && printf 'someone\tboss\tnot-a-hash\n' >"$T/badusers/users"
expect "serve: a bad users file" 3 "$CINDOC" serve --users "$T/badusers/users" "$D"
check "serve: ... names its line" grep -q "users:1: error:" "$T/.run.err"
expect "serve --help" 0 "$CINDOC" serve --help
check "serve --help lists --listen" grep -q -- "--listen ADDR:PORT" "$T/.run.out"

# ---- a running server ----
if serve_start "$D"; then ok "serve starts on a free port of 127.0.0.1"; else notok "serve starts" "$(cat "$T/serve.log")"; fi
check "serve: listens on 127.0.0.1 by default" grep -q "http://127.0.0.1:" "$T/serve.log"
port=${URL##*:}
expect "serve: a port in use" 5 "$CINDOC" serve --listen "127.0.0.1:$port" "$D"

J=$T/jar
s=$(status "$J" /cases)
check "login required: /cases without a session is sent to the login page" test "$s" = 303
loc=$(curl -s -o /dev/null -w '%{redirect_url}' "$URL/case/02-review-scaling")
check "login required: redirect keeps the page asked for" test "$loc" = "$URL/login?next=/case/02-review-scaling"
s=$(status "$J" /case/02-review-scaling)
check "login required: a case page without a session" test "$s" = 303

# security headers on a page, an error page and an asset
curl -s -D "$T/h-login" -o /dev/null "$URL/login"
curl -s -D "$T/h-404" -o /dev/null "$URL/no/such/page"
for f in h-login h-404; do
	check "$f: Content-Security-Policy without inline script, no framing" \
		grep -qi "^Content-Security-Policy: default-src 'none'; script-src 'self'; .*frame-ancestors 'none'" "$T/$f"
	check "$f: X-Frame-Options DENY" grep -qi '^X-Frame-Options: DENY' "$T/$f"
	check "$f: Referrer-Policy no-referrer" grep -qi '^Referrer-Policy: no-referrer' "$T/$f"
	check "$f: nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$T/$f"
	check "$f: not cached" grep -qi '^Cache-Control: no-store' "$T/$f"
done
check "404 for an unknown page" grep -q '^HTTP/1.1 404' "$T/h-404"
check "session cookie: HttpOnly, SameSite=Strict, no Secure over plain HTTP" \
	grep -qiE '^Set-Cookie: cindoc_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict\s*$' "$T/h-login"
check "no inline script or style in the login page" bash -c "! grep -qiE '<script>|<script [^>]*>[^<]|style=' '$T/login.html' 2>/dev/null"

# logging in
s=$(login "$J" mt1 wrong-password)
check "wrong password: 401" test "$s" = 401
s=$(login "$J" mt1 password-mt1)
check "failed logins slow the next try for that name: 429" test "$s" = 429
check "... and say how long to wait" grep -q "wait [12] seconds" "$T/body" 
s=$(login "$J" nobody whatever-pass)
check "unknown user: 401" test "$s" = 401
sleep 2.1
s=$(login "$J" mt1 password-mt1)
check "right password after the wait: 303" test "$s" = 303
s=$(status "$J" /cases)
check "logged in: /cases is 200" test "$s" = 200
check "the case list shows a reference" grep -q 'NB-2026-0142' "$T/body"
check "the case list shows a child and her age" grep -q 'Amelia Hartley, 11' "$T/body"
check "the case list marks overdue work" grep -q 'govuk-tag--red' "$T/body"
check "the case list has no id on screen" bash -c "! grep -qE '>(c|p|m|i)[0-9]+<' '$T/body'"
s=$(status "$J" "/cases?q=millie")
check "filter by a preferred name" grep -q 'NB-2026-0142' "$T/body"
check "filter leaves out the others" bash -c "! grep -q 'NB-2026-0388' '$T/body'"
check "filter: 1 of 12" grep -q '1 of 12 cases' "$T/body"
s=$(status "$J" "/cases?q=%3Cscript%3E")
check "filter text is escaped on the page" bash -c "grep -q '&lt;script&gt;' '$T/body' && ! grep -q 'value=\"<script>' '$T/body'"

# the case page: names and roles, never an id
s=$(status "$J" /case/02-review-scaling)
check "case page: 200" test "$s" = 200
check "case page: people by name" grep -q 'Helen Marsh' "$T/body"
check "case page: roles" grep -q 'Designated Safeguarding Lead' "$T/body"
check "case page: the plan" grep -q 'Sunday nights feel calm' "$T/body"
check "case page: who does a plan item, by name" grep -q 'Sarah Hartley, Millie Hartley' "$T/body"
check "case page: no id on screen" bash -c "! grep -qE '>[^<]*\b(c|p|m|i)[0-9]+\b[^<]*<' '$T/body'"
check "case page: overdue marked" grep -q 'Overdue by 42 working days' "$T/body"
s=$(status "$J" /case/no-such-case)
check "case page: an unknown case is 404" test "$s" = 404
s=$(status "$J" /case/..%2Fetc)
check "case page: a case id with a slash is 404" test "$s" = 404
s=$(status "$J" /case/.cindoc)
check "case page: a hidden name is 404" test "$s" = 404

# form tokens
csrf=$(csrf_of "$T/body")
check "pages carry the session's form token" test -n "$csrf"
s=$(status "$J" /logout -X POST -d x=1)
check "CSRF: a POST without the form token is refused (403)" test "$s" = 403
s=$(status "$J" /logout -X POST -d csrf=0000)
check "CSRF: a POST with a wrong token is refused (403)" test "$s" = 403
s=$(status "$J" /cases)
check "CSRF: ... and the session is still there" test "$s" = 200
s=$(curl -s -o /dev/null -w '%{http_code}' -d "csrf=$csrf&user=mt1&password=password-mt1" "$URL/login")
check "CSRF: login without the session's cookie is refused (403)" test "$s" = 403
s=$(status "$J" /cases -X PUT)
check "other methods: 405" test "$s" = 405

# request size bound
head -c 2000000 /dev/zero | tr '\0' 'a' >"$T/big"
s=$(curl -s -b "$J" -o "$T/body" -w '%{http_code}' --data-binary "@$T/big" -H 'Content-Type: application/x-www-form-urlencoded' "$URL/logout")
check "a body over 1 MiB is refused (413)" test "$s" = 413
s=$(curl -s -b "$J" -o "$T/body" -w '%{http_code}' --data-binary "@$T/big" -H 'Content-Type: application/x-www-form-urlencoded' -H 'Transfer-Encoding: chunked' "$URL/logout")
check "a chunked body over 1 MiB is refused (413)" test "$s" = 413
s=$(status "$J" /cases)
check "... and the server goes on" test "$s" = 200

# assets come from cindoc itself, never the GDS Transport font
s=$(status "$J" /static/web.css)
check "our stylesheet is served" test "$s" = 200
check "... it sets our own font family" grep -q 'font-family: Arial' "$T/body"
s=$(status "$J" /assets/fonts/bold-b542beb274-v2.woff2)
check "the GDS Transport font is not served" test "$s" = 404
s=$(status "$J" /static/../../etc/passwd --path-as-is)
check "no path outside the assets" test "$s" != 200

# logging out
csrf=$(status "$J" /cases >/dev/null; csrf_of "$T/body")
s=$(status "$J" /logout -X POST -d "csrf=$csrf" -c "$J")
check "logout: 303" test "$s" = 303
s=$(status "$J" /cases)
check "logout: the session is gone" test "$s" = 303

# SIGTERM during use: exit 0, nothing left behind
login "$J" ch1 password-ch1 >/dev/null
for i in 1 2 3 4 5 6; do curl -s -b "$J" -o /dev/null "$URL/cases" & done
sleep 0.1
serve_stop
wait
check "SIGTERM: the server stops with exit 0" test "$SERVER_RC" = 0
check "SIGTERM: says it stops" grep -q "stopping (Terminated)" "$T/serve.log"
left=$(find "$D" -name '.*.??????' -o -name '*.tmp' | head)
check "SIGTERM: no temporary file left in the cases folder" test -z "$left"
check "the audit log is 0600" test "$(stat -c %a "$D/.cindoc/audit.sqlite")" = 600

# --closures: the desk counts working days with the authority's closure days, as `due` does
printf '# invented\n2026-10-05..2026-10-09   Office move\n' >"$T/closures.txt"
want=$("$CINDOC" due --today 2026-11-25 --closures "$T/closures.txt" "$D/02-review-scaling.xml" |
	awk -F, '$3 == "review" && $8 == "overdue" { print $9 }')
check "due --closures: the review is 37 working days late" test "$want" = 37
serve_start "$D" --closures "$T/closures.txt"
check "serve --closures starts" test -n "$URL"
login "$J" ch1 password-ch1 >/dev/null
status "$J" /case/02-review-scaling >/dev/null
check "... the case page counts as due does: overdue by 37 working days" grep -q "Overdue by $want working days" "$T/body"
serve_stop
printf '2026-13-01 Not a month\n' >"$T/bad-closures.txt"
expect "serve with a bad closures file: exit 3 before listening" 3 "$CINDOC" serve --listen 127.0.0.1:0 \
	--closures "$T/bad-closures.txt" "$D"
check "... naming the file and line" grep -q "^$T/bad-closures.txt:1: error: " "$T/.run.err"
check "... and not listening" bash -c "! grep -q 'listening on' '$T/.run.err'"
