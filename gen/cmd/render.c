/* cmd/render.c - cindoc render: one document for one recipient, or for everyone who should get
 * it, as PDF (or PNG pages). Defaults come from the case; flags override. */
#include <stdio.h>
#include <string.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "transform/documents.h"
#include "case/rules.h"
#include "base/page.h"
#include "case/case.h"
#include "writers/out-opts.h"
#include "writers/protect.h"
#include "render/render.h"

enum { O_ALL = CD_OPT_LOCAL, O_USER_PWS };

static const cd_opt render_opts[] = {
	{ O_ALL, "all", 0, NULL, "everyone who should get it (see RECIPIENTS): OUT is a folder", 0 },
	{ 'o', "output", 'o', "OUT", "the file to write, or a folder to put it in (a name ending in '/', or a "
	  "folder that exists); '-' is standard output (one recipient, never a terminal)", 0 },
	{ O_USER_PWS, "user-passwords", 0, "FILE", "a password to open each recipient's copy: FILE holds lines "
	  "'ID PASSWORD' (the recipient's id in the case, then the password; '#' starts a comment). A "
	  "recipient not in FILE gets the --user-password... one, and is refused when there is none", 0 },
	{ 0 }
};
static const cd_optgroup render_group = { NULL, render_opts, NULL };

const cd_cmd_doc cd_doc_render = {
	.name = "render",
	.summary = "render a document for one recipient, or for all, as PDF",
	.usage = "--doc DOC --for ID [document options] [--writer NAME] CASE -o OUT\n"
	         "--doc DOC --all [document options] [--writer NAME] CASE -o DIR",
	.about =
	"Renders a document of a case for one recipient, or with --all for everyone who should get it "
	"(one file each in the folder DIR, named REF-DOC[-MEETING]-RECIPIENT[-LANG][-STYLE]-HASH). The "
	"recipient's language, large-print need and plan version come from the case; the document "
	"options override them. Each file written is listed on standard output (not with -q, nor when "
	"the output is standard output). Nothing is written when anything fails; files are created "
	"with mode 0600.",
	.operands = (const cd_term[]){
		{ "CASE", "the case file; '-' reads it from standard input" },
		{ NULL, NULL } },
	.groups = { &render_group, &cd_doc_group, &cd_writer_group, &cd_protect_group, &cd_common_group },
	.sections = {
		{ "writers", NULL, NULL, cd_list_writers },
		{ "recipients", NULL, (const cd_term[]){
			{ "plan, minutes", "everyone present at the meeting and everyone in its copies-to, and the file" },
			{ "plan-copy", "everyone present and in copies-to" },
			{ "closure-letter", "every involved child and person; never a child who has died" },
			{ "case-note, closing-summary", "the file" },
			{ NULL, NULL } }, NULL },
	},
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "invalid case, or the templates stopped (the message gives file:line)" },
		CD_EXITS_NOREAD, CD_EXITS_NOWRITE, CD_EXITS_REFUSED, CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc render --doc plan-copy --all samples/02-review-scaling.xml -o out/copies/",
		  "a plan copy for everyone who should get one" },
		{ "cindoc render --doc closure-letter --for p1 samples/12-child-died.xml -o letter.pdf", "" },
		{ "cindoc render --doc=plan --for=c1 --version=overview --lang=cy --style=large-print case.xml -o plan.pdf",
		  "the one-page plan in Welsh and large print for child c1" },
		{ "cindoc render --doc plan --for file - -o - < case.xml | lp", "from a pipe to the printer" },
		{ NULL, NULL } },
};

struct opts {
	cd_doc_request req;
	const char *doc, *out, *writer, *wopts, *case_path, *pw_map;
	int all, verbosity;
};

/* The options of render; protection options go to `p`. Returns 0 or an exit code. */
static int parse(const cd_args *a, struct opts *o, cd_protect *p)
{
	for (int i = 0; i < a->n; i++) {
		const char *v = a->v[i].val;
		int r = cd_protect_take(p, a->v[i].id, v);
		if (r < 0)
			return -r;
		if (r > 0 || cd_docopt_take(&o->req, &o->doc, a->v[i].id, v))
			continue;
		switch (a->v[i].id) {
		case O_ALL: o->all = 1; break;
		case 'o': o->out = v; break;
		case CD_OPT_WRITER: o->writer = v; break;
		case CD_OPT_WRITER_OPTS: o->wopts = v; break;
		case O_USER_PWS: o->pw_map = v; p->given = 1; break;
		default: CD_BUG("render: option '--%s' not handled", a->v[i].opt->name);
		}
	}
	o->verbosity = a->verbosity;
	if (a->noperands > 1)
		return cd_usage_error("render", "unexpected argument '%s' (one case file at a time)", a->operands[1]);
	o->case_path = a->noperands ? a->operands[0] : NULL;
	if (!o->doc)
		return cd_usage_error("render", "%s", "--doc is required");
	int kind = cd_doc_parse(o->doc);
	if (kind < 0)
		return cd_usage_error("render", "unknown document '%s'", o->doc);
	o->req.kind = (cd_doc_kind)kind;
	if (!o->req.recipient && !o->all)
		return cd_usage_error("render", "%s", "say who it is for: --for RECIPIENT or --all");
	if (o->req.recipient && o->all)
		return cd_usage_error("render", "%s", "--for and --all do not go together");
	if (!o->case_path)
		return cd_usage_error("render", "%s", "no case file given");
	if (!o->out)
		return cd_usage_error("render", "%s", "no output given (-o OUT)");
	return 0;
}

/* With --user-passwords: every recipient has a password to open their copy (their own, or the
 * one of --user-password...), none is the owner password, and a line for somebody who gets no
 * copy of this document is pointed out (a mistyped id would otherwise go unnoticed). */
static int check_passwords(const struct opts *op, xmlDocPtr cs, const cd_protect_map *m, const cd_protect *p,
                           const cd_recipient *rs, size_t n)
{
	const char *one = op->all ? NULL : op->req.recipient;
	for (size_t i = 0; i < (op->all ? n : 1); i++) {
		const char *id = op->all ? rs[i].id : one;
		const char *pw = cd_protect_map_get(m, id);
		if (!pw && !p->user) {
			xmlNodePtr who = cd_case_lookup(cs, id);
			char *name = who ? cd_case_full_name(who) : g_strdup(id);
			cd_error_at(op->pw_map, 0, "no password for '%s' (%s), who gets a %s, and no --user-password... "
			            "for the others: nothing was written", id, name, op->doc);
			g_free(name);
			return -CD_EXIT_USAGE;
		}
		if (pw && p->owner && strcmp(pw, p->owner) == 0) {
			cd_error_at(op->pw_map, cd_protect_map_line(m, id), "the password of '%s' is the owner password: "
			            "it must differ", id);
			return -CD_EXIT_USAGE;
		}
	}
	GPtrArray *ids = cd_protect_map_ids(m);
	for (guint k = 0; k < ids->len; k++) {
		const char *id = ids->pdata[k];
		int gets = 0;
		for (size_t i = 0; i < (op->all ? n : 1) && !gets; i++)
			gets = strcmp(op->all ? rs[i].id : one, id) == 0;
		if (!gets)
			cd_warning_at(op->pw_map, cd_protect_map_line(m, id), "'%s' gets no %s of this case%s", id, op->doc,
			              op->all ? "" : " here (--for names another)");
	}
	g_ptr_array_free(ids, TRUE);
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
	char *label = cd_recipient_name(cs, recipient); /* "A & B" for a letter to two */
	if (!label)
		label = g_strdup(recipient ? recipient : "");
	cd_wopts_append(opts, "label", label);
	g_free(label);
}

/* Renders one document into `path` through `o` (committed by the caller with the others). */
static int render_one(cd_renderer *r, const cd_writer_ops *w, const char *wopts, cd_output *o,
		      const char *path, xmlDocPtr fo, const char *name, int verbosity)
{
	int pages = 0;
	int rc = cd_render_doc_file(r, w, wopts, o, path, fo, name, &pages);
	if (rc == 0 && verbosity > 0)
		fprintf(stderr, "cindoc render: %s: %d page%s (%s)\n", name, pages, pages == 1 ? "" : "s", w->name);
	return rc;
}

/* One document, for req's recipient: its FO, its file (OUT, or its name in the folder OUT) and
 * its writer options (passwords, label). */
static int render_item(cd_renderer *r, const cd_writer_ops *w, cd_output *o, const struct opts *op, cd_docs *d,
                       xmlDocPtr cs, const cd_doc_request *req, const cd_protect *prot, const cd_protect_map *pw_map)
{
	xmlDocPtr fo = NULL;
	int rc = cd_document_fo(d, cs, op->case_path, req, &fo);
	if (rc < 0)
		return rc;
	char *base = cd_document_basename(cs, req);
	char *path = op->all || is_dir_target(op->out)
		? g_strdup_printf("%s%s%s%s", op->out, g_str_has_suffix(op->out, "/") ? "" : "/", base, w->ext)
		: g_strdup(op->out);
	char *name = g_strdup_printf("%s.fo", base);
	GString *item_opts = g_string_new(op->wopts ? op->wopts : "");
	if (prot->given) {
		if (item_opts->len)
			g_string_append_c(item_opts, ',');
		cd_protect_opts_for(prot, cd_protect_map_get(pw_map, req->recipient), item_opts);
	}
	if (w->caps & CD_WRITER_LABEL) /* its refusals name the recipient */
		add_label(item_opts, cs, req->recipient);
	rc = render_one(r, w, item_opts->str, o, path, fo, name, op->verbosity);
	cd_protect_wipe(g_string_free(item_opts, FALSE));
	xmlFreeDoc(fo);
	g_free(name);
	g_free(base);
	g_free(path);
	return rc;
}

/* With --all, OUT is a folder: "-", an existing file or a name with the writer's extension
 * ("plans.pdf") is a mistake, not a folder to create. */
static int all_needs_folder(const char *out, const char *ext)
{
	int exists = g_file_test(out, G_FILE_TEST_EXISTS);
	int bad = strcmp(out, "-") == 0 || (exists && !g_file_test(out, G_FILE_TEST_IS_DIR)) ||
	          (!exists && g_str_has_suffix(out, ext));
	if (bad)
		return cd_usage_error("render", "--all writes one file per recipient: '%s' is not a folder "
		                      "(give -o DIR/)", out);
	return 0;
}

int cmd_render(int argc, char **argv)
{
	cd_args args;
	if (cd_args_parse(&cd_doc_render, argc, argv, &args))
		return args.exit;
	struct opts op;
	memset(&op, 0, sizeof op);
	cd_protect prot;
	cd_protect_init(&prot);
	int rc = parse(&args, &op, &prot);
	if (rc) {
		cd_protect_clear(&prot);
		cd_args_free(&args);
		return rc;
	}
	const char *wname = op.writer ? op.writer : cd_writer_default()->name;
	const cd_writer_ops *w = cd_writer_find(wname);
	const char *ext = w ? w->ext : "";
	if (!w || (w->caps & CD_WRITER_INTERNAL)) {
		char *names = cd_writer_names(0, CD_WRITER_INTERNAL, " or ");
		rc = cd_usage_error("render", "unknown writer '%s' (%s)", wname, names);
		g_free(names);
	} else if (op.all)
		rc = all_needs_folder(op.out, ext);
	else
		rc = cd_refuse_terminal("render", op.out, strcmp(wname, "png") == 0 ? "PNG" : "a PDF");
	if (rc == 0 && op.pw_map && !(w->caps & CD_WRITER_PROTECT)) {
		char *names = cd_writer_names(CD_WRITER_PROTECT, CD_WRITER_INTERNAL, " or ");
		rc = cd_usage_error("render", "--user-passwords needs a PDF writer, %s (writer '%s' cannot encrypt)",
		                    names, wname);
		g_free(names);
	}
	if (rc == 0 && (rc = cd_protect_finish(&prot, wname)) < 0)
		rc = -rc;
	cd_protect_map *pw_map = NULL;
	if (rc == 0 && op.pw_map && (rc = cd_protect_map_read(op.pw_map, &pw_map)) < 0)
		rc = -rc;
	if (rc) {
		cd_protect_clear(&prot);
		cd_args_free(&args);
		return rc;
	}

	xmlDocPtr cs = NULL;
	cd_docs *d = NULL;
	cd_renderer *r = NULL;
	cd_output *o = cd_output_new();
	cd_recipient *rs = NULL;
	size_t n = 0;
	char *made = NULL; /* the first folder made for the output: removed again after a failure */

	if ((rc = cd_case_read(op.case_path, &cs)) < 0)
		goto done;
	if (op.all) {
		if ((rc = cd_recipients(cs, op.case_path, op.req.kind, op.req.meeting, &rs, &n)) < 0)
			goto done;
		xmlNodePtr ended = cd_rule_plan_ended(cs);
		if (n == 0 && op.req.kind == CD_DOC_PLAN_COPY && ended) {
			rc = cd_error_at(op.case_path, cd_case_line(ended), "the plan ended on %s: no plan copy is sent "
			                 "after that; the final minutes go with the closure letter",
			                 cd_case_attr(ended, "date"));
			goto done;
		}
		if (n == 0) {
			rc = cd_error_at(op.case_path, 0, "nobody should get a %s of this case", op.doc);
			goto done;
		}
		if ((rc = cd_mkdirs_new(op.out, &made)) < 0)
			goto done;
	} else if (g_str_has_suffix(op.out, "/") && (rc = cd_mkdirs_new(op.out, &made)) < 0) {
		goto done;
	}
	if (pw_map && (rc = check_passwords(&op, cs, pw_map, &prot, rs, n)) < 0)
		goto done;
	d = cd_docs_new(NULL);
	if (!(r = cd_renderer_new(&rc)))
		goto done;
	for (size_t i = 0; i < (op.all ? n : 1) && rc == 0; i++) {
		cd_doc_request req = op.req;
		if (op.all)
			req.recipient = rs[i].id;
		rc = render_item(r, w, o, &op, d, cs, &req, &prot, pw_map);
	}
	if (rc == 0)
		rc = cd_output_commit(o);
	/* What was written (a PNG of several pages is one file per page); nothing follows a
	 * document on standard output. */
	for (size_t i = 0; rc == 0 && op.verbosity >= 0 && i < cd_output_count(o); i++)
		if (strcmp(cd_output_target(o, i), "-") != 0)
			printf("%s\n", cd_output_target(o, i));
	if (rc == 0 && fflush(stdout) != 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write the list of files");
done:
	if (rc < 0) {
		cd_output_abort(o);
		cd_rmdirs_new(op.out, made);
	}
	g_free(made);
	cd_output_free(o);
	cd_recipients_free(rs, n);
	cd_renderer_free(r);
	cd_docs_free(d);
	xmlFreeDoc(cs);
	cd_protect_map_free(pw_map);
	cd_protect_clear(&prot);
	cd_args_free(&args);
	return rc < 0 ? -rc : CD_EXIT_OK;
}
