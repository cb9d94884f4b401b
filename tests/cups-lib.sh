# tests/cups-lib.sh - sourced after lib.sh by the printing tests: a CUPS scheduler of the test's
# own (cupsd with its configuration, spool and socket in $T/cups; nothing of the machine's CUPS
# is read or changed), and printers on it that write to /dev/null while every job, its options
# and its file stay in the spool to be checked.

CUPSD=${CUPSD:-/usr/sbin/cupsd}

# cups_start: starts the scheduler; exports CUPS_SERVER (its socket); sets CUPS_PID, CUPS_SPOOL.
cups_start() {
	local d=$T/cups user group
	mkdir -p "$d/root" "$d/spool/tmp" "$d/cache" "$d/state" "$d/log" "$d/run"
	if [ "$(id -u)" = 0 ]; then user=lp group=lp; else user=$(id -un) group=$(id -gn); fi
	cat >"$d/root/cups-files.conf" <<CONF
FileDevice Yes
ServerRoot $d/root
RequestRoot $d/spool
TempDir $d/spool/tmp
CacheDir $d/cache
StateDir $d/state
DataDir /usr/share/cups
ServerBin /usr/lib/cups
ErrorLog $d/log/error_log
AccessLog $d/log/access_log
PageLog $d/log/page_log
User $user
Group $group
CONF
	cat >"$d/root/cupsd.conf" <<CONF
Listen $d/run/cups.sock
LogLevel warn
PreserveJobFiles Yes
PreserveJobHistory Yes
MaxJobs 0
DirtyCleanInterval 0
Browsing No
WebInterface No
DefaultAuthType None
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
CONF
	[ "$(id -u)" = 0 ] && chown -R "$user:$group" "$d/spool"
	export CUPS_SERVER=$d/run/cups.sock
	unset PRINTER LPDEST
	export HOME=$d   # no ~/.cups/lpoptions of the user running the tests
	CUPS_SPOOL=$d/spool
	"$CUPSD" -f -c "$d/root/cupsd.conf" -s "$d/root/cups-files.conf" &
	CUPS_PID=$!
	for _ in $(seq 1 100); do
		lpstat -r 2>/dev/null | grep -q 'is running' && return 0
		kill -0 "$CUPS_PID" 2>/dev/null || break
		sleep 0.05
	done
	cat "$d/log/error_log" 2>/dev/null
	return 1
}

# cups_printer NAME: a printer of this scheduler that prints to /dev/null.
cups_printer() { lpadmin -p "$1" -E -v file:///dev/null; }

# cups_wait N PRINTER: waits until PRINTER has N completed jobs (at most 10 seconds).
cups_wait() {
	for _ in $(seq 1 200); do
		[ "$(lpstat -W completed -o "$2" 2>/dev/null | wc -l)" -ge "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

# cups_job_attr JOB: the attributes of a job as text (from its control file in the spool).
cups_job_attr() { strings "$(printf '%s/c%05d' "$CUPS_SPOOL" "$1")"; }
# cups_job_file JOB: the file the job printed.
cups_job_file() { printf '%s/d%05d-001' "$CUPS_SPOOL" "$1"; }

cups_stop() {
	[ -n "${CUPS_PID:-}" ] || return 0
	kill -TERM "$CUPS_PID" 2>/dev/null
	wait "$CUPS_PID" 2>/dev/null
	CUPS_PID=
}
