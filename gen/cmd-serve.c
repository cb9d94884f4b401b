/* cmd-serve.c - cindoc serve: the web desk over a folder of case files (gen/web/). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cindoc.h"
#include "cmd.h"
#include "web/web.h"

static const char usage[] =
	"usage: cindoc serve [--listen ADDR:PORT] [--users FILE] [-o QUEUE_DIR]\n"
	"                    [--tls-cert FILE --tls-key FILE | --behind-proxy] [--today DATE] CASES_DIR\n"
	"\n"
	"Serves the web desk for the case files in CASES_DIR: a case list with what is due, case\n"
	"pages, writing up a meeting with the checks of 'cindoc check', previews of every copy, saving\n"
	"with history, new cases. Users and roles come from the users file ('cindoc user'); every\n"
	"page needs a login. Who did what is kept in CASES_DIR/.cindoc/audit.sqlite ('cindoc audit').\n"
	"Stops on SIGTERM or Ctrl-C after the requests under way.\n"
	"\n"
	"   --listen ADDR:PORT   where to listen; default 127.0.0.1:8080 (port 0: any free port).\n"
	"                        Another address than 127.x needs TLS or --behind-proxy\n"
	"   --users FILE         the users file; default CASES_DIR/.cindoc/users\n"
	"   -o, --output DIR     the print queue folder ('cindoc queue'), shown on case pages\n"
	"   --tls-cert FILE      serve HTTPS with this certificate (PEM) ...\n"
	"   --tls-key FILE       ... and this private key (PEM)\n"
	"   --behind-proxy       plain HTTP to a proxy in front that speaks TLS to browsers\n"
	"                        (cookies are marked Secure)\n"
	"   --today DATE         see the cases as of DATE (YYYY-MM-DD; default: today)\n"
	"\n"
	"exit: 0 stopped by a signal, 2 usage, 4 cannot read CASES_DIR, a users file or TLS files,\n"
	"3 a bad users file, 5 cannot listen or open the audit log\n";

int cmd_serve(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return CD_EXIT_OK;
	}
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "users", required_argument, NULL, 'u' },
		{ "output", required_argument, NULL, 'o' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "behind-proxy", no_argument, NULL, 'p' },
		{ "today", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct web_serve_opts o = { 0 };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		switch (c) {
		case 'l': o.listen = optarg; break;
		case 'u': o.users_path = optarg; break;
		case 'o': o.queue_dir = optarg; break;
		case 'c': o.tls_cert = optarg; break;
		case 'k': o.tls_key = optarg; break;
		case 'p': o.behind_proxy = 1; break;
		case 't': o.today = optarg; break;
		default:
			return cd_usage_error("serve", usage, "unknown option or missing value '%s'",
			                      argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cd_usage_error("serve", usage, optind >= argc ? "no cases folder given"
		                                                     : "give one cases folder");
	o.cases_dir = argv[optind];
	return web_serve(&o);
}
