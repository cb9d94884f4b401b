/* cli.c - command lines from one description per command: getopt_long, --help, manual pages
 * and completion lists (see cli.h). */
#include "cmd/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "base/cindoc.h"
#include "transform/documents.h"
#include "base/page.h"

static const cd_opt common_opts[] = {
	{ 'q', "quiet", 'q', NULL, "print errors only: no warnings, notes, progress or list of files written", 0 },
	{ 'v', "verbose", 'v', NULL, "also say where the data (templates, styles, fonts) is read from and what is done", 0 },
	{ 'h', "help", 'h', NULL, "print this help and exit", 0 },
	{ 0 }
};

static const cd_opt doc_opts[] = {
	{ CD_OPT_DOC, "doc", 0, "DOC",
	  "the document: plan, minutes, plan-copy, closure-letter, case-note or closing-summary", 0 },
	{ CD_OPT_FOR, "for", 0, "ID", "the recipient: a child or person id of the case, or 'file' for the copy on "
	  "the child's file", 0 },
	{ CD_OPT_MEETING, "meeting", 0, "ID", "the meeting (minutes, plan, plan-copy, case-note); default the latest", 0 },
	{ CD_OPT_STYLE, "style", 0, "STYLE", "standard, large-print or a house style (styles/STYLE.xsl); default "
	  "from the recipient's needs", 0 },
	{ CD_OPT_LANG, "lang", 0, "LANG", "en, cy, pl or ur (templates/l10n/LANG.xml); default the recipient's "
	  "language", 0 },
	{ CD_OPT_VERSION, "version", 0, "V", "the plan version: full, short or overview; default the reader's choice", 0 },
	{ CD_OPT_DATE, "date", 0, "DATE", "the document date (YYYY-MM-DD); default the meeting's or the closure's", 0 },
	{ 0 }
};

static const cd_opt writer_opts[] = {
	{ CD_OPT_WRITER, "writer", 0, "NAME", "the writer (see WRITERS); default cairo", 0 },
	{ CD_OPT_WRITER_OPTS, "writer-opts", 0, "STR", "the writer's options, \"key=value,...\" (a ',' or '\\' "
	  "inside a value is escaped with '\\'); an unknown key is a usage error that lists the known ones", 0 },
	{ 0 }
};

const cd_optgroup cd_common_group = { "common options", common_opts, NULL };
const cd_optgroup cd_doc_group = { "document options", doc_opts, NULL };
const cd_optgroup cd_writer_group = { "writer options", writer_opts, NULL };

int cd_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "cindoc %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CD_EXIT_USAGE;
}

/* ------------------------------------------------------------------ parsing */

#define LONG_BASE 0x10000

/* Every option of the command, hidden ones included, in order. */
static GPtrArray *all_opts(const cd_cmd_doc *doc)
{
	GPtrArray *v = g_ptr_array_new();
	for (int g = 0; g < CD_MAX_GROUPS && doc->groups[g]; g++)
		for (const cd_opt *o = doc->groups[g]->opts; o->name; o++)
			g_ptr_array_add(v, (gpointer)o);
	return v;
}

int cd_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* An unknown option, or an abbreviation of several ("--ver": --verbose or --version?). */
static int unknown(const cd_cmd_doc *doc, GPtrArray *opts, const char *t)
{
	GString *which = g_string_new(NULL);
	int n = 0;
	if (t[0] == '-' && t[1] == '-' && t[2])
		for (guint i = 0; i < opts->len; i++) {
			const cd_opt *o = opts->pdata[i];
			if (g_str_has_prefix(o->name, t + 2)) {
				g_string_append_printf(which, "%s--%s", n ? ", " : "", o->name);
				n++;
			}
		}
	int rc = n > 1 ? cd_usage_error(doc->name, "'%s' is ambiguous (%s)", t, which->str)
	               : cd_usage_error(doc->name, "unknown option '%s'", t);
	g_string_free(which, TRUE);
	return rc;
}

/* The option word as typed, for messages: "--doc" of "--doc=x", or "-o". */
static char *typed(const char *w)
{
	const char *eq = strchr(w, '=');
	return eq ? g_strndup(w, (gsize)(eq - w)) : g_strdup(w);
}

/* getopt_long's table for the options `opts` (option i has the value LONG_BASE + i), and their
 * short letters appended to `shorts`. */
static struct option *getopt_table(GPtrArray *opts, GString *shorts)
{
	struct option *lo = g_new0(struct option, opts->len + 1);
	for (guint i = 0; i < opts->len; i++) {
		const cd_opt *o = opts->pdata[i];
		lo[i].name = o->name;
		lo[i].has_arg = o->arg ? required_argument : no_argument;
		lo[i].val = LONG_BASE + (int)i;
		if (o->letter) {
			g_string_append_c(shorts, o->letter);
			if (o->arg)
				g_string_append_c(shorts, ':');
		}
	}
	return lo;
}

/* The usage error for getopt_long's answer c ('?' or ':'); `word` is the argument it looked at. */
static int getopt_error(const cd_cmd_doc *doc, GPtrArray *opts, int c, const char *word)
{
	char *t;
	if (optopt >= LONG_BASE)
		t = g_strdup_printf("--%s", ((const cd_opt *)opts->pdata[optopt - LONG_BASE])->name);
	else if (optopt)
		t = g_strdup_printf("-%c", optopt);
	else
		t = typed(word);
	int rc;
	if (c == ':')
		rc = cd_usage_error(doc->name, "'%s' needs a value", t);
	else if (optopt >= LONG_BASE)
		rc = cd_usage_error(doc->name, "'%s' takes no value", t);
	else
		rc = unknown(doc, opts, t);
	g_free(t);
	return rc;
}

int cd_args_parse(const cd_cmd_doc *doc, int argc, char **argv, cd_args *a)
{
	memset(a, 0, sizeof *a);
	if (cd_wants_help(argc, argv)) {
		cd_doc_help(doc, stdout);
		a->exit = fflush(stdout) == 0 ? CD_EXIT_OK : CD_EXIT_NOWRITE;
		return 1;
	}
	GPtrArray *opts = all_opts(doc);
	GString *shorts = g_string_new("+:");
	struct option *lo = getopt_table(opts, shorts);
	GArray *vals = g_array_new(FALSE, TRUE, sizeof(cd_optval));
	GPtrArray *operands = g_ptr_array_new();
	int rc = 0, mid = 0;
	optind = 0;
	opterr = 0;
	for (;;) {
		int at = optind ? optind : 1;
		if (!mid) {
			if (at >= argc)
				break;
			if (strcmp(argv[at], "--") == 0) {
				for (int i = at + 1; i < argc; i++)
					g_ptr_array_add(operands, argv[i]);
				break;
			}
			if (doc->numbers && is_number(argv[at])) {
				g_ptr_array_add(operands, argv[at]);
				optind = at + 1;
				continue;
			}
		}
		int idx = -1;
		int c = getopt_long(argc, argv, shorts->str, lo, &idx);
		int word = optind - 1; /* the argument getopt last looked at, once it moved on */
		if (c == -1) {
			if (optind >= argc)
				break;
			g_ptr_array_add(operands, argv[optind]);
			optind++;
			mid = 0;
			continue;
		}
		if (c == '?' || c == ':') {
			rc = getopt_error(doc, opts, c, argv[word < 1 ? 1 : word]);
			break;
		}
		const cd_opt *o = NULL;
		if (c >= LONG_BASE) {
			o = opts->pdata[c - LONG_BASE];
			mid = 0;
		} else {
			for (guint i = 0; i < opts->len && !o; i++)
				if (((const cd_opt *)opts->pdata[i])->letter == c)
					o = opts->pdata[i];
			/* still inside a group of short options ("-qv") when optind did not move on */
			mid = optind == at && !o->arg;
		}
		if (o->id == 'q' && o->letter == 'q') {
			a->verbosity = -1;
			continue;
		}
		if (o->id == 'v' && o->letter == 'v') {
			a->verbosity = 1;
			continue;
		}
		if (!(o->flags & CD_OPT_REPEAT)) {
			int dup = 0;
			for (guint i = 0; i < vals->len; i++)
				if (g_array_index(vals, cd_optval, i).opt == o)
					dup = 1;
			if (dup) {
				rc = cd_usage_error(doc->name, "'--%s' given twice", o->name);
				break;
			}
		}
		cd_optval v = { o->id, o->arg ? optarg : NULL, o };
		g_array_append_val(vals, v);
	}
	g_ptr_array_free(opts, TRUE);
	g_free(lo);
	g_string_free(shorts, TRUE);
	a->n = (int)vals->len;
	a->v = (cd_optval *)(void *)g_array_free(vals, FALSE);
	a->noperands = (int)operands->len;
	g_ptr_array_add(operands, NULL);
	a->operands = (char **)g_ptr_array_free(operands, FALSE);
	if (!rc && a->verbosity > 0) {
		const char *how;
		char *dir = cd_datadir_found(&how);
		fprintf(stderr, "cindoc %s: data from '%s' (%s)\n", doc->name, dir, how);
		g_free(dir);
	}
	if (rc) {
		a->exit = rc;
		cd_args_free(a);
		a->exit = rc;
		return 1;
	}
	return 0;
}

void cd_args_free(cd_args *a)
{
	g_free(a->v);
	g_free(a->operands);
	a->v = NULL;
	a->operands = NULL;
	a->n = a->noperands = 0;
}

const char *cd_args_get(const cd_args *a, int id)
{
	const char *v = NULL;
	for (int i = 0; i < a->n; i++)
		if (a->v[i].id == id)
			v = a->v[i].val;
	return v;
}

int cd_args_has(const cd_args *a, int id)
{
	for (int i = 0; i < a->n; i++)
		if (a->v[i].id == id)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ help */

#define WIDTH 80
#define TERM_COL 24

int cd_wrap(FILE *fp, const char *text, int col, int indent, int width)
{
	const char *p = text;
	int first = 1;
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\n') { /* a forced line break */
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
			first = 1;
			p++;
			continue;
		}
		size_t n = strcspn(p, " \n");
		if (!n)
			break;
		if (!first && col + 1 + (int)n > width) {
			fprintf(fp, "\n%*s", indent, "");
			col = indent;
			first = 1;
		}
		if (!first) {
			fputc(' ', fp);
			col++;
		}
		fwrite(p, 1, n, fp);
		col += (int)n;
		p += n;
		first = 0;
	}
	return col;
}

/* Paragraphs: blank-line separated; a paragraph whose lines start with two spaces is kept as it
 * is (`verbatim`), any other is one flowing line (`flow`, its newlines made spaces). `between`
 * goes between two paragraphs. Shared by --help and the manual pages. */
struct para_out {
	const char *between;
	void (*verbatim)(FILE *fp, const char *para, int indent);
	void (*flow)(FILE *fp, const char *para, int indent);
};

static void each_paragraph(FILE *fp, const char *text, int indent, const struct para_out *out)
{
	for (const char *p = text; *p;) {
		const char *end = strstr(p, "\n\n");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *para = g_strndup(p, len);
		if (p != text)
			fputs(out->between, fp);
		if (g_str_has_prefix(para, "  "))
			out->verbatim(fp, para, indent);
		else {
			g_strdelimit(para, "\n", ' ');
			out->flow(fp, para, indent);
		}
		g_free(para);
		p += len;
		while (*p == '\n')
			p++;
	}
}

static void text_verbatim(FILE *fp, const char *para, int indent)
{
	char **lines = g_strsplit(para, "\n", -1);
	for (char **l = lines; *l; l++)
		fprintf(fp, "%*s%s\n", indent, "", *l);
	g_strfreev(lines);
}

static void text_flow(FILE *fp, const char *para, int indent)
{
	fprintf(fp, "%*s", indent, "");
	cd_wrap(fp, para, indent, indent, WIDTH);
	fputc('\n', fp);
}

static void paragraphs(FILE *fp, const char *text, int indent)
{
	static const struct para_out out = { "\n", text_verbatim, text_flow };
	each_paragraph(fp, text, indent, &out);
}

static void term_at(FILE *fp, const char *term, const char *text, int at)
{
	fprintf(fp, "  %s", term);
	int col = 2 + (int)strlen(term);
	if (col + 2 > at)
		fprintf(fp, "\n%*s", at, "");
	else
		fprintf(fp, "%*s", at - col, "");
	cd_wrap(fp, text, at, at, WIDTH);
	fputc('\n', fp);
}

static void term_line(FILE *fp, const char *term, const char *text)
{
	term_at(fp, term, text, TERM_COL);
}

static char *opt_term(const cd_opt *o)
{
	GString *s = g_string_new(NULL);
	if (o->letter)
		g_string_append_printf(s, "-%c, ", o->letter);
	g_string_append_printf(s, "--%s", o->name);
	if (o->arg)
		g_string_append_printf(s, "=%s", o->arg);
	return g_string_free(s, FALSE);
}

static void usage_lines(const cd_cmd_doc *doc, FILE *fp, int *first)
{
	char **forms = g_strsplit(doc->usage, "\n", -1);
	for (char **f = forms; *f; f++) {
		fprintf(fp, "%s cindoc%s%s %s\n", *first ? "usage:" : "   or:", doc->name ? " " : "",
		        doc->name ? doc->name : "", *f);
		*first = 0;
	}
	g_strfreev(forms);
}

static void section_terms(const cd_section *s, GPtrArray *out)
{
	for (const cd_term *t = s->terms; t && t->term; t++) {
		g_ptr_array_add(out, g_strdup(t->term));
		g_ptr_array_add(out, g_strdup(t->text));
	}
	if (s->list)
		s->list(out);
}

static void help_body(const cd_cmd_doc *doc, FILE *fp)
{
	if (doc->operands) {
		fputs("\narguments:\n", fp);
		for (const cd_term *t = doc->operands; t->term; t++)
			term_line(fp, t->term, t->text);
	}
	for (int g = 0; g < CD_MAX_GROUPS && doc->groups[g]; g++) {
		fprintf(fp, "\n%s:\n", doc->groups[g]->title ? doc->groups[g]->title : "options");
		for (const cd_opt *o = doc->groups[g]->opts; o->name; o++) {
			if (o->flags & CD_OPT_HIDDEN)
				continue;
			char *t = opt_term(o);
			term_line(fp, t, o->help);
			g_free(t);
		}
		if (doc->groups[g]->note)
			paragraphs(fp, doc->groups[g]->note, 2);
	}
	for (int s = 0; s < CD_MAX_SECTIONS && doc->sections[s].title; s++) {
		const cd_section *sec = &doc->sections[s];
		fprintf(fp, "\n%s:\n", sec->title);
		if (sec->text)
			paragraphs(fp, sec->text, 2);
		GPtrArray *terms = g_ptr_array_new_with_free_func(g_free);
		section_terms(sec, terms);
		for (guint i = 0; i + 1 < terms->len; i += 2)
			term_line(fp, terms->pdata[i], terms->pdata[i + 1]);
		g_ptr_array_free(terms, TRUE);
	}
}

void cd_doc_help(const cd_cmd_doc *doc, FILE *fp)
{
	int first = 1;
	usage_lines(doc, fp, &first);
	for (int m = 0; m < 3 && doc->modes[m]; m++)
		usage_lines(doc->modes[m], fp, &first);
	fputc('\n', fp);
	paragraphs(fp, doc->about, 0);
	help_body(doc, fp);
	for (int m = 0; m < 3 && doc->modes[m]; m++) {
		const cd_cmd_doc *md = doc->modes[m];
		fprintf(fp, "\ncindoc %s:\n", md->name);
		paragraphs(fp, md->about, 2);
		help_body(md, fp);
	}
	if (doc->exits) {
		fputs("\nexit status:\n", fp);
		for (const cd_term *t = doc->exits; t->term; t++)
			term_at(fp, t->term, t->text, 8);
	}
	if (doc->examples) {
		fputs("\nexamples:\n", fp);
		for (const cd_term *t = doc->examples; t->term; t++) {
			fprintf(fp, "  %s\n", t->term);
			if (t->text && *t->text) {
				fprintf(fp, "%*s", 6, "");
				cd_wrap(fp, t->text, 6, 6, WIDTH);
				fputc('\n', fp);
			}
		}
	}
}

/* ------------------------------------------------------------------ manual pages */

/* Text for roff: backslashes escaped, hyphens of options as \-, no line starting with . or '. */
static void roff(FILE *fp, const char *s, int line_start)
{
	for (const char *p = s; *p; p++) {
		if (line_start && (*p == '.' || *p == '\''))
			fputs("\\&", fp);
		line_start = 0;
		if (*p == '\\')
			fputs("\\e", fp);
		else if (*p == '-')
			fputs("\\-", fp);
		else if (*p == '\n') {
			fputc('\n', fp);
			line_start = 1;
		} else
			fputc(*p, fp);
	}
}

static void man_verbatim(FILE *fp, const char *para, int indent)
{
	(void)indent;
	fputs(".RS 4\n.nf\n", fp);
	roff(fp, para + 2, 1);
	fputs("\n.fi\n.RE\n", fp);
}

static void man_flow(FILE *fp, const char *para, int indent)
{
	(void)indent;
	roff(fp, para, 1);
	fputc('\n', fp);
}

static void man_paragraphs(FILE *fp, const char *text)
{
	static const struct para_out out = { ".PP\n", man_verbatim, man_flow };
	each_paragraph(fp, text, 0, &out);
}

static void man_tp(FILE *fp, const char *term, const char *text, int bold)
{
	fputs(".TP\n", fp);
	if (bold)
		fputs("\\fB", fp);
	roff(fp, term, 1);
	fputs(bold ? "\\fR\n" : "\n", fp);
	roff(fp, text, 1);
	fputc('\n', fp);
}

static void man_usage(const cd_cmd_doc *doc, FILE *fp)
{
	char **forms = g_strsplit(doc->usage, "\n", -1);
	for (char **f = forms; *f; f++) {
		fputs("\\fBcindoc", fp);
		if (doc->name) {
			fputc(' ', fp);
			roff(fp, doc->name, 0);
		}
		fputs("\\fR ", fp);
		roff(fp, *f, 0);
		fputs("\n.br\n", fp);
	}
	g_strfreev(forms);
}

static void man_body(const cd_cmd_doc *doc, FILE *fp, const char *sh)
{
	if (doc->operands) {
		fprintf(fp, "%s ARGUMENTS\n", sh);
		for (const cd_term *t = doc->operands; t->term; t++)
			man_tp(fp, t->term, t->text, 0);
	}
	for (int g = 0; g < CD_MAX_GROUPS && doc->groups[g]; g++) {
		const char *title = doc->groups[g]->title ? doc->groups[g]->title : "options";
		char *up = g_ascii_strup(title, -1);
		fprintf(fp, "%s ", sh);
		roff(fp, up, 0);
		fputc('\n', fp);
		g_free(up);
		for (const cd_opt *o = doc->groups[g]->opts; o->name; o++) {
			if (o->flags & CD_OPT_HIDDEN)
				continue;
			fputs(".TP\n", fp);
			if (o->letter)
				fprintf(fp, "\\fB\\-%c\\fR, ", o->letter);
			fputs("\\fB\\-\\-", fp);
			roff(fp, o->name, 0);
			fputs("\\fR", fp);
			if (o->arg) {
				fputs("=\\fI", fp);
				roff(fp, o->arg, 0);
				fputs("\\fR", fp);
			}
			fputc('\n', fp);
			roff(fp, o->help, 1);
			fputc('\n', fp);
		}
		if (doc->groups[g]->note) {
			fputs(".PP\n", fp);
			man_paragraphs(fp, doc->groups[g]->note);
		}
	}
	for (int s = 0; s < CD_MAX_SECTIONS && doc->sections[s].title; s++) {
		const cd_section *sec = &doc->sections[s];
		char *up = g_ascii_strup(sec->title, -1);
		fprintf(fp, "%s ", sh);
		roff(fp, up, 0);
		fputc('\n', fp);
		g_free(up);
		if (sec->text)
			man_paragraphs(fp, sec->text);
		GPtrArray *terms = g_ptr_array_new_with_free_func(g_free);
		section_terms(sec, terms);
		for (guint i = 0; i + 1 < terms->len; i += 2)
			man_tp(fp, terms->pdata[i], terms->pdata[i + 1], 1);
		g_ptr_array_free(terms, TRUE);
	}
}

void cd_doc_man(const cd_cmd_doc *doc, const cd_cmd_doc *const *all, FILE *fp)
{
	char *page = doc->name ? g_strdelimit(g_strdup_printf("cindoc-%s", doc->name), " ", '-') : g_strdup("cindoc");
	char *up = g_ascii_strup(page, -1);
	fprintf(fp, ".\\\" %s(1), made by 'cindoc help --man%s%s' from %s; do not edit.\n", page,
	        doc->name ? " " : "", doc->name ? doc->name : "", doc->name ? "its cd_cmd_doc" : "gen/main.c");
	fprintf(fp, ".TH %s 1 \"\" \"cindoc %s\" \"cindoc manual\"\n", up, CINDOC_VERSION);
	fputs(".SH NAME\n", fp);
	roff(fp, page, 1);
	fputs(" \\- ", fp);
	roff(fp, doc->summary, 0);
	fputs("\n.SH SYNOPSIS\n", fp);
	man_usage(doc, fp);
	for (int m = 0; m < 3 && doc->modes[m]; m++)
		man_usage(doc->modes[m], fp);
	fputs(".SH DESCRIPTION\n", fp);
	man_paragraphs(fp, doc->about);
	man_body(doc, fp, ".SH");
	for (int m = 0; m < 3 && doc->modes[m]; m++) {
		const cd_cmd_doc *md = doc->modes[m];
		char *mu = g_ascii_strup(md->name, -1);
		fputs(".SH CINDOC ", fp);
		roff(fp, mu, 0);
		fputc('\n', fp);
		g_free(mu);
		man_paragraphs(fp, md->about);
		man_body(md, fp, ".SS");
	}
	if (doc->exits) {
		fputs(".SH EXIT STATUS\n", fp);
		for (const cd_term *t = doc->exits; t->term; t++)
			man_tp(fp, t->term, t->text, 1);
	}
	if (doc->examples) {
		fputs(".SH EXAMPLES\n", fp);
		for (const cd_term *t = doc->examples; t->term; t++) {
			fputs(".PP\n.nf\n", fp);
			roff(fp, t->term, 1);
			fputs("\n.fi\n", fp);
			if (t->text && *t->text) {
				fputs(".RS 4\n", fp);
				roff(fp, t->text, 1);
				fputs("\n.RE\n", fp);
			}
		}
	}
	fputs(".SH SEE ALSO\n", fp);
	int n = 0;
	if (doc->name) {
		fputs("\\fBcindoc\\fR(1)", fp);
		n++;
	}
	for (size_t i = 0; all && all[i]; i++)
		if (all[i] != doc) {
			fputs(n++ ? ",\n\\fBcindoc\\-" : "\\fBcindoc\\-", fp);
			roff(fp, all[i]->name, 0);
			fputs("\\fR(1)", fp);
		}
	fputc('\n', fp);
	g_free(up);
	g_free(page);
}

void cd_doc_options(const cd_cmd_doc *doc, FILE *fp)
{
	GPtrArray *opts = all_opts(doc);
	for (guint i = 0; i < opts->len; i++) {
		const cd_opt *o = opts->pdata[i];
		if (!(o->flags & CD_OPT_HIDDEN))
			fprintf(fp, "--%s%s\n", o->name, o->arg ? "=" : "");
	}
	for (guint i = 0; i < opts->len; i++) {
		const cd_opt *o = opts->pdata[i];
		if (o->letter && !(o->flags & CD_OPT_HIDDEN))
			fprintf(fp, "-%c\n", o->letter);
	}
	g_ptr_array_free(opts, TRUE);
}

const cd_opt *cd_doc_find_option(const cd_cmd_doc *doc, const char *word)
{
	GPtrArray *opts = all_opts(doc);
	const cd_opt *found = NULL;
	size_t n = strcspn(word, "=");
	for (guint i = 0; i < opts->len && !found; i++) {
		const cd_opt *o = opts->pdata[i];
		if (word[0] == '-' && word[1] == '-' && strlen(o->name) == n - 2 && strncmp(word + 2, o->name, n - 2) == 0)
			found = o;
		else if (word[0] == '-' && word[1] && word[1] == o->letter && word[2] == '\0')
			found = o;
	}
	g_ptr_array_free(opts, TRUE);
	return found;
}

/* ------------------------------------------------------------------ shared groups */

int cd_docopt_take(cd_doc_request *req, const char **doc, int id, const char *v)
{
	switch (id) {
	case CD_OPT_DOC: *doc = v; return 1;
	case CD_OPT_FOR: req->recipient = v; return 1;
	case CD_OPT_MEETING: req->meeting = v; return 1;
	case CD_OPT_STYLE: req->style = v; return 1;
	case CD_OPT_LANG: req->lang = v; return 1;
	case CD_OPT_VERSION: req->version = v; return 1;
	case CD_OPT_DATE: req->date = v; return 1;
	default: return 0;
	}
}

int cd_refuse_terminal(const char *cmd, const char *out, const char *what)
{
	if (strcmp(out, "-") == 0 && isatty(STDOUT_FILENO))
		return cd_usage_error(cmd, "will not write %s to a terminal: give -o FILE, or send standard "
		                      "output to a file or a pipe", what);
	return 0;
}

void cd_list_writers(GPtrArray *terms)
{
	for (size_t i = 0; cd_writers[i]; i++) {
		g_ptr_array_add(terms, g_strdup(cd_writers[i]->name));
		g_ptr_array_add(terms, g_strdup(cd_writers[i]->help));
	}
}
