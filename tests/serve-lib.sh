# tests/serve-lib.sh - sourced by the web desk tests (t8xxx) after lib.sh: a server on a free
# port of 127.0.0.1, users, logging in with curl, and stopping the server the test started.

# A cases folder with the samples and three users (password: "PASSWORD-" + name).
serve_setup() { # DIR
	local d=$1
	mkdir -p "$d"
	cp "$ROOT"/samples/*.xml "$d"/
	[ -f "$ROOT/samples/authority.xml" ] && cp "$ROOT/samples/authority.xml" "$d"/
	printf 'password-mt1\n' | "$CINDOC" user add "$d" mt1 minute-taker
	printf 'password-ch1\n' | "$CINDOC" user add "$d" ch1 chair
	printf 'password-ad1\n' | "$CINDOC" user add "$d" ad1 admin
}

# serve_start DIR [ARGS...]: starts `cindoc serve` on a free port; sets SERVER_PID and URL.
serve_start() {
	local d=$1; shift
	: >"$T/serve.log"
	"$CINDOC" serve --listen 127.0.0.1:0 --today 2026-11-25 "$@" "$d" 2>"$T/serve.log" &
	SERVER_PID=$!
	URL=
	for _ in $(seq 1 100); do
		URL=$(sed -n 's|.*listening on \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$T/serve.log")
		[ -n "$URL" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.05
	done
	[ -n "$URL" ]
}

# serve_stop: SIGTERM to the server this test started; waits for it; sets SERVER_RC.
serve_stop() {
	[ -n "${SERVER_PID:-}" ] || return 0
	kill -TERM "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID"
	SERVER_RC=$?
	SERVER_PID=
}
trap 'serve_stop' EXIT

# login JAR USER PASSWORD: the login page, then the form; prints the HTTP status of the POST.
login() {
	local jar=$1 user=$2 pass=$3
	rm -f "$jar"
	curl -s -c "$jar" -b "$jar" "$URL/login" -o "$T/login.html"
	local csrf
	csrf=$(csrf_of "$T/login.html")
	curl -s -c "$jar" -b "$jar" -o "$T/body" -w '%{http_code}' \
		--data-urlencode "csrf=$csrf" --data-urlencode "user=$user" --data-urlencode "password=$pass" \
		"$URL/login"
}

# csrf_of FILE: the form token of a page.
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }

# status JAR PATH [CURL ARGS...]: the HTTP status of a GET (or of what the args make it).
status() { local jar=$1 path=$2; shift 2; curl -s -b "$jar" -o "$T/body" -w '%{http_code}' "$@" "$URL$path"; }
