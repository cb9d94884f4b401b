/* cmd/serve.c - cindoc serve: the web desk over a folder of case files (gen/web/). */
#include <stdio.h>
#include <string.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "web/web.h"

enum { O_LISTEN = CD_OPT_LOCAL, O_USERS, O_TLS_CERT, O_TLS_KEY, O_PROXY, O_TODAY, O_CLOSURES };

static const cd_opt serve_opts[] = {
	{ O_LISTEN, "listen", 0, "ADDR:PORT", "where to listen; default 127.0.0.1:8080 (port 0: any free "
	  "port, printed on stderr); an address outside 127.x needs TLS or --behind-proxy", 0 },
	{ O_USERS, "users", 0, "FILE", "the users file; default CASES_DIR/.cindoc/users", 0 },
	{ 'o', "output", 'o', "QUEUE_DIR", "the print queue folder ('cindoc queue'), shown on case pages", 0 },
	{ O_TLS_CERT, "tls-cert", 0, "FILE", "serve HTTPS with this certificate (PEM) ...", 0 },
	{ O_TLS_KEY, "tls-key", 0, "FILE", "... and this private key (PEM)", 0 },
	{ O_PROXY, "behind-proxy", 0, NULL, "plain HTTP to a proxy in front that speaks TLS to browsers "
	  "(cookies are marked Secure)", 0 },
	{ O_TODAY, "today", 0, "DATE", "see the cases as of DATE (YYYY-MM-DD; default: today)", 0 },
	{ O_CLOSURES, "closures", 0, "FILE", "local closure days, not working days for what is due (see "
	  "cindoc-calendar(1)); the same file as 'cindoc due' and 'cindoc queue' are given", 0 },
	{ 0 }
};
static const cd_optgroup serve_group = { NULL, serve_opts, NULL };

const cd_cmd_doc cd_doc_serve = {
	.name = "serve",
	.summary = "the web desk: write up meetings in a browser",
	.usage = "[--listen ADDR:PORT] [--users FILE] [-o QUEUE_DIR] [--tls-cert FILE --tls-key FILE | "
	         "--behind-proxy] [--today DATE] [--closures FILE] CASES_DIR",
	.about =
	"Serves the web desk for the case files in CASES_DIR: a case list with what is due, case pages, "
	"writing up a meeting with the checks of 'cindoc check', previews of every copy, saving with "
	"history, new cases. Users and roles come from the users file ('cindoc user'); every page needs "
	"a login. Who did what is kept in CASES_DIR/.cindoc/audit.sqlite ('cindoc audit'). Stops on "
	"SIGTERM or Ctrl-C after the requests under way. Routes, roles and form fields: gen/web/README.md.",
	.operands = (const cd_term[]){
		{ "CASES_DIR", "a folder of case files (and its authority.xml)" },
		{ NULL, NULL } },
	.groups = { &serve_group, &cd_common_group },
	.exits = (const cd_term[]){
		{ "0", "stopped by SIGTERM or SIGINT" }, CD_EXITS_USAGE,
		{ "3", "a bad users file or closures file (the message gives file:line)" },
		{ "4", "cannot read CASES_DIR, the users file or a TLS file" },
		{ "5", "cannot listen (the port is taken) or open the audit log" },
		CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc serve cases/", "the desk on http://127.0.0.1:8080/" },
		{ "cindoc serve --listen 127.0.0.1:0 cases/", "on any free port" },
		{ NULL, NULL } },
};

int cmd_serve(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_serve, argc, argv, &a))
		return a.exit;
	struct web_serve_opts o = { 0 };
	for (int i = 0; i < a.n; i++) {
		const char *v = a.v[i].val;
		switch (a.v[i].id) {
		case O_LISTEN: o.listen = v; break;
		case O_USERS: o.users_path = v; break;
		case 'o': o.queue_dir = v; break;
		case O_TLS_CERT: o.tls_cert = v; break;
		case O_TLS_KEY: o.tls_key = v; break;
		case O_PROXY: o.behind_proxy = 1; break;
		case O_TODAY: o.today = v; break;
		case O_CLOSURES: o.closures = v; break;
		default: CD_BUG("serve: option '--%s' not handled", a.v[i].opt->name);
		}
	}
	if (a.noperands != 1) {
		int n = a.noperands;
		cd_args_free(&a);
		return cd_usage_error("serve", n ? "give one cases folder" : "no cases folder given");
	}
	o.cases_dir = a.operands[0];
	int rc = web_serve(&o);
	cd_args_free(&a);
	return rc;
}
