/* cmd-render-fo.c - cindoc render-fo: render any XSL-FO file of the supported subset. */
#include <stdio.h>
#include <string.h>

#include "cindoc.h"
#include "cmd.h"
#include "page.h"
#include "protect.h"
#include "render.h"

static const char usage[] =
	"usage: cindoc render-fo FILE.fo -o OUT [--writer NAME] [--writer-opts STR]\n"
	"\n"
	"Lays out an XSL-FO file (the subset in gen/FO-SUBSET.md) and writes it with a writer.\n"
	"Nothing is written when anything fails; the output file is created with mode 0600.\n"
	"\n"
	"   -o, --output OUT      the file to write ('-' is standard output, where the writer allows)\n"
	"   --writer NAME         the writer (default: cairo when built in, else trace)\n"
	"   --writer-opts STR     the writer's options, \"key=value,key=value\"\n"
	"   -h, --help            this text\n"
	"\n"
	"protected copies (--writer haru):\n"
	"%s";

static void list_writers(FILE *fp)
{
	fputs("\nwriters:\n", fp);
	for (size_t i = 0; cd_writers[i]; i++)
		fprintf(fp, "   %-10s %s\n", cd_writers[i]->name, cd_writers[i]->help);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("cindoc render-fo: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fprintf(stderr, usage, cd_protect_help);
	return CD_EXIT_USAGE;
}

int cmd_render_fo(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		printf(usage, cd_protect_help);
		list_writers(stdout);
		return CD_EXIT_OK;
	}
	const char *in = NULL, *out = NULL, *wname = NULL, *wopts = NULL;
	cd_protect prot;
	cd_protect_init(&prot);
	for (int i = 1; i < argc; i++) {
		int pr = cd_protect_arg(&prot, argc, argv, &i);
		if (pr < 0)
			return -pr;
		if (pr > 0)
			continue;
		const char *a = argv[i];
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--writer") == 0 ||
		    strcmp(a, "--writer-opts") == 0) {
			if (i + 1 >= argc)
				return usage_error("'%s' needs a value", a);
			const char **dst = a[1] == 'o' || a[2] == 'o' ? &out : strcmp(a, "--writer") == 0 ? &wname : &wopts;
			*dst = argv[++i];
		} else if (strcmp(a, "--") == 0) {
			if (i + 1 < argc && !in)
				in = argv[++i];
			if (i + 1 < argc)
				return usage_error("unexpected argument '%s'", argv[i + 1]);
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option '%s'", a);
		} else if (!in) {
			in = a;
		} else {
			return usage_error("unexpected argument '%s'", a);
		}
	}
	if (!in)
		return usage_error("%s", "no FO file given");
	if (!out)
		return usage_error("%s", "no output given (-o OUT)");
	const cd_writer_ops *w = wname ? cd_writer_find(wname) : (cd_writer_find("cairo") ? cd_writer_find("cairo") : cd_writer_find("trace"));
	if (!w)
		return usage_error("unknown writer '%s'", wname);

	int rc = cd_protect_finish(&prot, w->name);
	if (rc < 0)
		return -rc;
	/* the writer's options and the passwords, if any: never printed, wiped after use */
	GString *opts = g_string_new(wopts);
	cd_protect_opts(&prot, opts);
	cd_protect_clear(&prot);
	cd_renderer *r = cd_renderer_new(&rc);
	if (!r) {
		cd_protect_wipe(g_string_free(opts, FALSE));
		return -rc;
	}
	cd_output *o = cd_output_new();
	cd_render_job *job = NULL;
	rc = cd_render_begin(r, w, opts->len ? opts->str : NULL, o, out, NULL, &job);
	if (rc == 0)
		rc = cd_render_add_file(job, in);
	if (rc == 0) {
		int pages;
		rc = cd_render_end(job, &pages);
		job = NULL;
	}
	if (rc == 0)
		rc = cd_output_commit(o);
	if (job)
		cd_render_abort(job);
	if (rc < 0)
		cd_output_abort(o);
	cd_output_free(o);
	cd_renderer_free(r);
	cd_protect_wipe(g_string_free(opts, FALSE));
	return rc < 0 ? -rc : CD_EXIT_OK;
}
