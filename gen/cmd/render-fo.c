/* cmd/render-fo.c - cindoc render-fo: render any XSL-FO file of the supported subset. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "base/page.h"
#include "writers/protect.h"
#include "render/render.h"

enum { O_DUPLEX = CD_OPT_LOCAL };

static const cd_opt render_fo_opts[] = {
	{ 'o', "output", 'o', "OUT", "the file to write; '-' is standard output (never a terminal, except for "
	  "the trace writer)", 0 },
	{ O_DUPLEX, "duplex", 0, NULL, "each file after the first starts on a fresh sheet (an odd page)", 0 },
	{ 0 }
};
static const cd_optgroup render_fo_group = { NULL, render_fo_opts, NULL };

const cd_cmd_doc cd_doc_render_fo = {
	.name = "render-fo",
	.summary = "render any XSL-FO file of the supported subset",
	.usage = "[--writer NAME] [--writer-opts STR] [--duplex] FO... -o OUT",
	.about =
	"Lays out XSL-FO files (the subset in gen/FO-SUBSET.md) with Pango, using only the fonts of the "
	"data folder, and writes them one after the other into one output with a writer. An element or "
	"property outside the subset is 'file:line: error: ...' and exit 3. Nothing is written when "
	"anything fails; the output file is created with mode 0600.",
	.operands = (const cd_term[]){
		{ "FO", "an XSL-FO file; '-' reads one from standard input (read whole, not streamed)" },
		{ NULL, NULL } },
	.groups = { &render_fo_group, &cd_writer_group, &cd_protect_group, &cd_common_group },
	.sections = { { "writers", NULL, NULL, cd_list_writers } },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "invalid XSL-FO, or outside the subset (the message gives file:line)" },
		CD_EXITS_NOREAD, CD_EXITS_NOWRITE, CD_EXITS_REFUSED, CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc render-fo letter.fo -o letter.pdf", "the cairo writer" },
		{ "cindoc render-fo a.fo b.fo c.fo -o print.pdf --duplex", "one file; each after the first on an odd page" },
		{ "cindoc render-fo letter.fo -o - --writer=trace", "pages as text on standard output" },
		{ "cindoc fo --doc plan --for c1 case.xml | cindoc render-fo - -o plan.pdf", "" },
		{ NULL, NULL } },
};

/* An FO document on standard input: read whole (it cannot be read twice, as a file with page
 * numbers is), without network access. */
static int add_stdin(cd_render_job *job)
{
	xmlResetLastError();
	xmlDocPtr doc = xmlReadFd(STDIN_FILENO, "-", NULL, XML_PARSE_NONET);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		if (e && e->message) {
			char *m = g_strstrip(g_strdup(e->message));
			int rc = cd_error_at("-", e->line, "%s", m);
			g_free(m);
			return rc;
		}
		return cd_fail(-CD_EXIT_NOREAD, "cannot read standard input");
	}
	int rc = cd_render_add_doc(job, doc, "-");
	xmlFreeDoc(doc);
	return rc;
}

/* The FO files, in order ('-' is standard input); with duplex each after the first starts on a
 * fresh sheet. */
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
			rc = strcmp(in->files[i], "-") == 0 ? add_stdin(job) : cd_render_add_file(job, in->files[i]);
	}
	return rc;
}

int cmd_render_fo(int argc, char **argv)
{
	cd_args args;
	if (cd_args_parse(&cd_doc_render_fo, argc, argv, &args))
		return args.exit;
	const char *out = NULL, *wname = NULL, *wopts = NULL;
	int duplex = 0, urc = 0, nstdin = 0;
	cd_protect prot;
	cd_protect_init(&prot);
	for (int i = 0; i < args.n && !urc; i++) {
		const char *v = args.v[i].val;
		int pr = cd_protect_take(&prot, args.v[i].id, v);
		if (pr < 0)
			urc = -pr;
		else if (pr == 0)
			switch (args.v[i].id) {
			case 'o': out = v; break;
			case CD_OPT_WRITER: wname = v; break;
			case CD_OPT_WRITER_OPTS: wopts = v; break;
			case O_DUPLEX: duplex = 1; break;
			default: CD_BUG("render-fo: option '--%s' not handled", args.v[i].opt->name);
			}
	}
	const char **ins = (const char **)args.operands;
	int nin = args.noperands;
	for (int i = 0; i < nin; i++)
		nstdin += strcmp(ins[i], "-") == 0;
	const cd_writer_ops *w = NULL;
	if (!urc && !nin)
		urc = cd_usage_error("render-fo", "%s", "no FO file given");
	else if (!urc && nstdin > 1)
		urc = cd_usage_error("render-fo", "%s", "standard input ('-') can be read only once");
	else if (!urc && !out)
		urc = cd_usage_error("render-fo", "%s", "no output given (-o OUT)");
	else if (!urc && !(w = wname ? cd_writer_find(wname) : cd_writer_default()))
		urc = cd_usage_error("render-fo", "unknown writer '%s'", wname);
	else if (!urc && strcmp(w->name, "trace") != 0)
		urc = cd_refuse_terminal("render-fo", out, strcmp(w->name, "png") == 0 ? "PNG" : "a PDF");
	if (urc) {
		cd_protect_clear(&prot);
		cd_args_free(&args);
		return urc;
	}

	int rc = cd_protect_finish(&prot, w->name);
	if (rc < 0) {
		cd_protect_clear(&prot);
		cd_args_free(&args);
		return -rc;
	}
	/* the writer's options and the passwords, if any: never printed, wiped after use */
	GString *opts = g_string_new(wopts);
	cd_protect_opts(&prot, opts);
	cd_protect_clear(&prot);
	cd_renderer *r = cd_renderer_new(&rc);
	if (!r) {
		cd_protect_wipe(g_string_free(opts, FALSE));
		cd_args_free(&args);
		return -rc;
	}
	struct inputs in = { ins, nin, duplex };
	int pages = 0;
	rc = cd_render_file(r, w, opts->len ? opts->str : NULL, NULL, out, add_inputs, &in, &pages);
	if (rc == 0 && args.verbosity > 0)
		fprintf(stderr, "cindoc render-fo: %s: %d page%s (%s)\n", out, pages, pages == 1 ? "" : "s", w->name);
	cd_renderer_free(r);
	cd_protect_wipe(g_string_free(opts, FALSE));
	cd_args_free(&args);
	return rc < 0 ? -rc : CD_EXIT_OK;
}
