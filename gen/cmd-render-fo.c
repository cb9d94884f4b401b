/* cmd-render-fo.c - cindoc render-fo: render any XSL-FO file of the supported subset. */
#include <stdio.h>
#include <string.h>

#include "cindoc.h"
#include "cmd.h"
#include "page.h"
#include "protect.h"
#include "render.h"

static const char usage[] =
	"usage: cindoc render-fo FILE.fo... -o OUT [--writer NAME] [--writer-opts STR] [--duplex]\n"
	"\n"
	"Lays out XSL-FO files (the subset in gen/FO-SUBSET.md) and writes them one after the other\n"
	"into one output with a writer. Nothing is written when anything fails; the output file is\n"
	"created with mode 0600.\n"
	"\n"
	"   -o, --output OUT      the file to write ('-' is standard output, where the writer allows)\n"
	"   --writer NAME         the writer (default: cairo when built in, else trace)\n"
	"   --writer-opts STR     the writer's options, \"key=value,key=value\"\n"
	"   --duplex              each file after the first starts on a fresh sheet (odd page)\n"
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

/* The FO files, in order; with duplex each after the first starts on a fresh sheet. */
struct inputs {
	const char **files;
	int n;
	int duplex;
};

static int add_inputs(cd_render_job *job, void *data)
{
	const struct inputs *in = data;
	int rc = 0;
	for (int i = 0; i < in->n && rc == 0; i++) {
		if (i > 0 && in->duplex)
			rc = cd_render_pad_to_odd(job);
		if (rc == 0)
			rc = cd_render_add_file(job, in->files[i]);
	}
	return rc;
}

int cmd_render_fo(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		printf(usage, cd_protect_help);
		list_writers(stdout);
		return CD_EXIT_OK;
	}
	const char *out = NULL, *wname = NULL, *wopts = NULL;
	int nin = 0, duplex = 0, only_files = 0;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0 || !(argv[i][0] == '-' && argv[i][1]))
			nin++;
	const char **ins = g_new0(const char *, nin + 1);
	nin = 0;
	cd_protect prot;
	cd_protect_init(&prot);
	int urc = 0;
	for (int i = 1; i < argc && !urc; i++) {
		const char *a = argv[i];
		if (only_files || !(a[0] == '-' && a[1])) {
			ins[nin++] = a;
			continue;
		}
		int pr = cd_protect_arg(&prot, argc, argv, &i);
		if (pr < 0)
			urc = -pr;
		else if (pr > 0)
			continue;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--writer") == 0 ||
		         strcmp(a, "--writer-opts") == 0) {
			if (i + 1 >= argc) {
				urc = usage_error("'%s' needs a value", a);
				break;
			}
			const char **dst = a[1] == 'o' || a[2] == 'o' ? &out : strcmp(a, "--writer") == 0 ? &wname : &wopts;
			*dst = argv[++i];
		} else if (strcmp(a, "--duplex") == 0) {
			duplex = 1;
		} else if (strcmp(a, "--") == 0) {
			only_files = 1;
		} else {
			urc = usage_error("unknown option '%s'", a);
		}
	}
	const cd_writer_ops *w = NULL;
	if (!urc && !nin)
		urc = usage_error("%s", "no FO file given");
	else if (!urc && !out)
		urc = usage_error("%s", "no output given (-o OUT)");
	else if (!urc && !(w = wname ? cd_writer_find(wname) : cd_writer_default()))
		urc = usage_error("unknown writer '%s'", wname);
	if (urc) {
		cd_protect_clear(&prot);
		g_free(ins);
		return urc;
	}

	int rc = cd_protect_finish(&prot, w->name);
	if (rc < 0) {
		g_free(ins);
		return -rc;
	}
	/* the writer's options and the passwords, if any: never printed, wiped after use */
	GString *opts = g_string_new(wopts);
	cd_protect_opts(&prot, opts);
	cd_protect_clear(&prot);
	cd_renderer *r = cd_renderer_new(&rc);
	if (!r) {
		cd_protect_wipe(g_string_free(opts, FALSE));
		g_free(ins);
		return -rc;
	}
	struct inputs in = { ins, nin, duplex };
	rc = cd_render_file(r, w, opts->len ? opts->str : NULL, NULL, out, add_inputs, &in, NULL);
	cd_renderer_free(r);
	cd_protect_wipe(g_string_free(opts, FALSE));
	g_free(ins);
	return rc < 0 ? -rc : CD_EXIT_OK;
}
