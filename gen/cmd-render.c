/* cmd-render.c - cindoc render: one document for one recipient, or for everyone who should get
 * it, as PDF (or PNG pages). Defaults come from the case; flags override. */
#include <stdio.h>
#include <string.h>

#include "cindoc.h"
#include "cmd.h"
#include "documents.h"
#include "page.h"
#include "case.h"
#include "out-opts.h"
#include "protect.h"
#include "render.h"

static const char usage[] =
	"usage: cindoc render --doc DOC (--for RECIPIENT | --all) [--meeting ID] [--style STYLE]\n"
	"                     [--lang LANG] [--version V] [--date YYYY-MM-DD] [--writer NAME]\n"
	"                     [--writer-opts STR] [protection] CASE.xml -o OUT\n"
	"\n"
	"Renders a document of a case for one recipient (OUT is the file, or a folder to put it\n"
	"in), or with --all for everyone who should get it (OUT is a folder: one file each, named\n"
	"REF-DOC[-MEETING]-RECIPIENT[-LANG][-STYLE]-HASH). The recipient's language, large-print need\n"
	"and plan version come from the case; the flags override them. Each file written is listed\n"
	"on standard output. Nothing is written when anything fails.\n"
	"\n"
	"   --doc DOC        plan, minutes, plan-copy, closure-letter, case-note, closing-summary\n"
	"   --for ID         a child or person id of the case, or 'file' for the file copy\n"
	"   --all            everyone who should get it (see README.md: who gets what)\n"
	"   --meeting ID     the meeting (minutes, plan, plan-copy, case-note); default the latest\n"
	"   --style STYLE    standard or large-print\n"
	"   --lang LANG      en, cy, pl, ur\n"
	"   --version V      the plan version: full, short or overview\n"
	"   --date DATE      the document date; default the meeting or closure date\n"
	"   --writer NAME    cairo (PDF, the default), haru (PDF, protected copies), png (pages)\n"
	"   --writer-opts S  the writer's options, \"key=value,...\" (png: dpi=N)\n"
	"   -o, --output OUT the file or folder to write\n"
	"\n"
	"protection (haru only):\n";

struct opts {
	cd_doc_request req;
	const char *doc, *out, *writer, *wopts, *case_path;
	int all;
};

/* The options of render; protection options go to `p`. Returns 0 or an exit code. */
static int parse(int argc, char **argv, struct opts *o, cd_protect *p)
{
	static const struct { const char *name; size_t off; } valued[] = {
		{ "--doc", offsetof(struct opts, doc) },
		{ "--for", offsetof(struct opts, req.recipient) },
		{ "--meeting", offsetof(struct opts, req.meeting) },
		{ "--style", offsetof(struct opts, req.style) },
		{ "--lang", offsetof(struct opts, req.lang) },
		{ "--version", offsetof(struct opts, req.version) },
		{ "--date", offsetof(struct opts, req.date) },
		{ "--writer", offsetof(struct opts, writer) },
		{ "--writer-opts", offsetof(struct opts, wopts) },
		{ "-o", offsetof(struct opts, out) },
		{ "--output", offsetof(struct opts, out) },
	};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = cd_protect_arg(p, argc, argv, &i);
		if (r < 0)
			return CD_EXIT_USAGE;
		if (r > 0)
			continue;
		if (strcmp(a, "--all") == 0) {
			o->all = 1;
			continue;
		}
		size_t k;
		for (k = 0; k < G_N_ELEMENTS(valued); k++)
			if (strcmp(a, valued[k].name) == 0)
				break;
		if (k < G_N_ELEMENTS(valued)) {
			if (i + 1 >= argc)
				return cd_usage_error("render", NULL, "'%s' needs a value", a);
			const char **dst = (const char **)(void *)((char *)o + valued[k].off);
			if (*dst)
				return cd_usage_error("render", NULL, "'%s' given twice", a);
			*dst = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return cd_usage_error("render", NULL, "unknown option '%s'", a);
		} else if (!o->case_path) {
			o->case_path = a;
		} else {
			return cd_usage_error("render", NULL, "unexpected argument '%s' (one case file at a time)", a);
		}
	}
	if (!o->doc)
		return cd_usage_error("render", NULL, "%s", "--doc is required");
	int kind = cd_doc_parse(o->doc);
	if (kind < 0)
		return cd_usage_error("render", NULL, "unknown document '%s'", o->doc);
	o->req.kind = (cd_doc_kind)kind;
	if (!o->req.recipient && !o->all)
		return cd_usage_error("render", NULL, "%s", "say who it is for: --for RECIPIENT or --all");
	if (o->req.recipient && o->all)
		return cd_usage_error("render", NULL, "%s", "--for and --all do not go together");
	if (!o->case_path)
		return cd_usage_error("render", NULL, "%s", "no case file given");
	if (!o->out)
		return cd_usage_error("render", NULL, "%s", "no output given (-o OUT)");
	return 0;
}

static int is_dir_target(const char *out)
{
	return g_str_has_suffix(out, "/") || g_file_test(out, G_FILE_TEST_IS_DIR);
}

/* label=NAME for the haru writer: the recipient's name, so that a refusal says whose copy it
 * could not write. */
static void add_label(GString *opts, xmlDocPtr cs, const char *recipient)
{
	xmlNodePtr who = recipient ? cd_case_lookup(cs, recipient) : NULL;
	char *label = who ? cd_case_full_name(who) : g_strdup(recipient ? recipient : "");
	cd_wopts_append(opts, "label", label);
	g_free(label);
}

/* Renders one document into `path` through the job machinery. */
static int render_one(cd_renderer *r, const cd_writer_ops *w, const char *wopts, cd_output *o,
		      const char *path, xmlDocPtr fo, const char *name)
{
	cd_render_job *job = NULL;
	int rc = cd_render_begin(r, w, wopts, o, path, NULL, &job);
	if (rc == 0)
		rc = cd_render_add_doc(job, fo, name);
	if (rc == 0) {
		int pages;
		rc = cd_render_end(job, &pages);
		job = NULL;
	}
	if (job)
		cd_render_abort(job);
	return rc;
}

int cmd_render(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		fputs(usage, stdout);
		fputs(cd_protect_help, stdout);
		return CD_EXIT_OK;
	}
	struct opts op;
	memset(&op, 0, sizeof op);
	cd_protect prot;
	cd_protect_init(&prot);
	int rc = parse(argc, argv, &op, &prot);
	if (rc) {
		cd_protect_clear(&prot);
		return rc;
	}
	const char *wname = op.writer ? op.writer : "cairo";
	const cd_writer_ops *w = cd_writer_find(wname);
	if (!w || strcmp(wname, "trace") == 0) {
		cd_protect_clear(&prot);
		return cd_usage_error("render", NULL, "unknown writer '%s' (cairo, haru or png)", wname);
	}
	if ((rc = cd_protect_finish(&prot, wname)) < 0) {
		cd_protect_clear(&prot);
		return -rc;
	}
	GString *wopts = g_string_new(op.wopts ? op.wopts : "");
	if (prot.given) {
		if (wopts->len)
			g_string_append_c(wopts, ',');
		cd_protect_opts(&prot, wopts);
	}
	const char *ext = strcmp(wname, "png") == 0 ? ".png" : ".pdf";

	xmlDocPtr cs = NULL;
	cd_docs *d = NULL;
	cd_renderer *r = NULL;
	cd_output *o = cd_output_new();
	cd_recipient *rs = NULL;
	size_t n = 0;

	if ((rc = cd_case_read(op.case_path, &cs)) < 0)
		goto done;
	if (op.all) {
		if ((rc = cd_recipients(cs, op.case_path, op.req.kind, op.req.meeting, &rs, &n)) < 0)
			goto done;
		if (n == 0) {
			rc = cd_error_at(op.case_path, 0, "nobody should get a %s of this case", op.doc);
			goto done;
		}
		if ((rc = cd_mkdirs(op.out)) < 0)
			goto done;
	} else if (g_str_has_suffix(op.out, "/") && (rc = cd_mkdirs(op.out)) < 0) {
		goto done;
	}
	d = cd_docs_new(NULL);
	if (!(r = cd_renderer_new(&rc)))
		goto done;
	for (size_t i = 0; i < (op.all ? n : 1) && rc == 0; i++) {
		cd_doc_request req = op.req;
		if (op.all)
			req.recipient = rs[i].id;
		xmlDocPtr fo = NULL;
		if ((rc = cd_document_fo(d, cs, op.case_path, &req, &fo)) < 0)
			break;
		char *base = cd_document_basename(cs, &req);
		char *path = op.all || is_dir_target(op.out)
			? g_strdup_printf("%s%s%s%s", op.out, g_str_has_suffix(op.out, "/") ? "" : "/", base, ext)
			: g_strdup(op.out);
		char *name = g_strdup_printf("%s.fo", base);
		GString *item_opts = g_string_new(wopts->str);
		if (strcmp(w->name, "haru") == 0) /* its refusals name the recipient */
			add_label(item_opts, cs, req.recipient);
		rc = render_one(r, w, item_opts->str, o, path, fo, name);
		cd_protect_wipe(g_string_free(item_opts, FALSE));
		xmlFreeDoc(fo);
		g_free(name);
		g_free(base);
		g_free(path);
	}
	if (rc == 0)
		rc = cd_output_commit(o);
	if (rc == 0) /* what was written: a PNG of several pages is one file per page */
		for (size_t i = 0; i < cd_output_count(o); i++)
			printf("%s\n", cd_output_target(o, i));
done:
	if (rc < 0)
		cd_output_abort(o);
	cd_output_free(o);
	cd_recipients_free(rs, n);
	cd_renderer_free(r);
	cd_docs_free(d);
	xmlFreeDoc(cs);
	cd_protect_wipe(g_string_free(wopts, FALSE));
	cd_protect_clear(&prot);
	return rc < 0 ? -rc : CD_EXIT_OK;
}
