/* main.c - the cindoc command: one table of subcommands (like git.c and mutool.c). */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "transform/documents.h"
#include "base/page.h"

struct command {
	const cd_cmd_doc *doc;
	int (*fn)(int argc, char **argv);
	int needs_data;     /* reads templates, styles or fonts */
};

static const struct command commands[] = {
	{ &cd_doc_check, cmd_check, 1 },
	{ &cd_doc_fo, cmd_fo, 1 },
	{ &cd_doc_render, cmd_render, 1 },
	{ &cd_doc_render_fo, cmd_render_fo, 1 },
	{ &cd_doc_due, cmd_due, 1 },
	{ &cd_doc_calendar, cmd_calendar, 0 },
	{ &cd_doc_queue, cmd_queue, 1 },
	{ &cd_doc_history, cmd_history, 0 },
	{ &cd_doc_serve, cmd_serve, 1 },
	{ &cd_doc_user, cmd_user, 0 },
	{ &cd_doc_audit, cmd_audit, 0 },
	{ &cd_doc_import, cmd_import, 1 },
	{ &cd_doc_export, cmd_export, 1 },
};

static void list_commands(GPtrArray *terms)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		g_ptr_array_add(terms, g_strdup(commands[i].doc->name));
		g_ptr_array_add(terms, g_strdup(commands[i].doc->summary));
	}
}

static const cd_opt top_opts[] = {
	{ 'h', "help", 'h', NULL, "print this help and exit", 0 },
	{ CD_OPT_LOCAL, "version", 0, NULL, "print the version and where the data (templates, styles, fonts) is "
	  "read from, and exit", 0 },
	{ 0 }
};

static const cd_term top_exits[] = {
	CD_EXITS_DONE,
	{ "1", "check: lint warnings only, no errors" },
	CD_EXITS_USAGE,
	{ "3", "invalid input: case data, XSL-FO, stylesheet or closures file (the message gives file:line)" },
	CD_EXITS_NOREAD,
	CD_EXITS_NOWRITE,
	{ "6", "queue, due, export: one or more cases were skipped (each reported), the rest were queued, listed or "
	  "written; import: one or more census records were skipped" },
	{ "7", "a writer refused content it cannot draw faithfully (e.g. haru and a script that needs shaping)" },
	CD_EXITS_INTERNAL,
	{ NULL, NULL }
};

static const cd_cmd_doc top_doc = {
	.name = NULL,
	.summary = "Child in Need documents as PDF, and a dated print queue",
	.usage = "[--version] [--help] COMMAND [ARGS]\nhelp [COMMAND]\nhelp --man [COMMAND]",
	.about =
	"cindoc turns Child in Need case data (XML, checked against the schema templates/case.xsd) into "
	"the documents that the Children Act 1989 process needs, as PDF, written to the child: the "
	"plan, meeting minutes, plan copies for every recipient, closure letters, case notes and closing "
	"summaries. It also assembles everything that falls due into a dated queue for printing.\n\n"
	"'cindoc help COMMAND' or 'cindoc COMMAND --help' tells more about one command; each has its "
	"manual page, cindoc-COMMAND(1). 'cindoc help --man [COMMAND]' prints a manual page in roff; "
	"'cindoc help --commands', 'help --options COMMAND' and 'help --values OPTION [CASE]' list what "
	"the bash completion offers. "
	"Every command takes --opt=value or --opt value, -q (errors only) and -v (more detail); '-' "
	"stands for standard input or output. A usage error is one line and exit 2.",
	.groups = { &(const cd_optgroup){ "options", top_opts, NULL } },
	.sections = {
		{ "commands", NULL, NULL, list_commands },
		{ "environment", NULL, (const cd_term[]){
			{ "CINDOC_HOME", "the data folder (templates/, styles/, fonts/): when set, it must hold "
			  "templates/case.xsd, or every command that needs data stops with exit 4" },
			{ "XDG_CACHE_HOME", "where fontconfig keeps its scan of the fonts (fontconfig/ under it); "
			  "nothing is written anywhere else but the outputs asked for" },
			{ NULL, NULL } }, NULL },
		{ "files", "The data folder is, in this order: $CINDOC_HOME; the source tree, for the program "
		  "built there (gen/cindoc); PREFIX/share/cindoc beside the program's bin/ folder; the "
		  "PREFIX/share/cindoc compiled in (/usr/local/share/cindoc for 'make install', "
		  "/usr/share/cindoc for the Debian package). 'cindoc --version' says which one is used.",
		  (const cd_term[]){
			{ "templates/", "the schema case.xsd, the XSLT templates and the words (l10n/LANG.xml)" },
			{ "styles/", "the look: page size, margins, fonts, sizes, colours (STYLE.xsl)" },
			{ "fonts/", "the pinned fonts with cindoc's own fonts.conf and their licences" },
			{ NULL, NULL } }, NULL },
	},
	.exits = top_exits,
	.examples = (const cd_term[]){
		{ "cindoc check cases/*.xml", "validate and lint case files" },
		{ "cindoc render --doc plan --for c1 case.xml -o plan.pdf", "the plan, written to child c1" },
		{ "cindoc queue cases/ -o queue/", "queue every plan copy and closure letter that is due" },
		{ NULL, NULL } },
};

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].doc->name, name) == 0)
			return &commands[i];
	return NULL;
}

static int not_a_command(const char *name)
{
	fprintf(stderr, "cindoc: '%s' is not a cindoc command; see 'cindoc --help'\n", name);
	return CD_EXIT_USAGE;
}

static int version(void)
{
	const char *how;
	char *dir = cd_datadir_found(&how);
	printf("cindoc %s\ndata: %s (%s)\n", CINDOC_VERSION, dir, how);
	g_free(dir);
	return fflush(stdout) == 0 ? CD_EXIT_OK : CD_EXIT_NOWRITE;
}

static int flushed(void)
{
	return fflush(stdout) == 0 ? CD_EXIT_OK : cd_fail(CD_EXIT_NOWRITE, "cannot write the help");
}

static void data_names(const char *sub, const char *ext)
{
	GPtrArray *names = cd_data_names(sub, ext);
	for (guint i = 0; i < names->len; i++)
		printf("%s\n", (char *)names->pdata[i]);
	g_ptr_array_free(names, TRUE);
}

/* The ids of the elements named `a` or `b` in a case file (read without network or entities,
 * not validated: this is for completing a command line, which then checks everything). */
static void case_ids(const char *path, const char *a, const char *b)
{
	xmlDocPtr doc = path ? xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING) : NULL;
	for (xmlNodePtr n = doc ? xmlDocGetRootElement(doc) : NULL; n;) {
		if (n->type == XML_ELEMENT_NODE && (strcmp((const char *)n->name, a) == 0 || (b && strcmp((const char *)n->name, b) == 0))) {
			xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
			if (id)
				printf("%s\n", (const char *)id);
			xmlFree(id);
		}
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	xmlFreeDoc(doc);
}

/* cindoc help --values NAME [CASE]: what an option's value may be, for shell completion. */
static int values(const char *name, const char *case_path)
{
	static const char *const fixed[][4] = {
		{ "version", "full", "short", "overview" }, { "format", "table", "csv", "json" },
		{ "allow-print", "yes", "no", NULL },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(fixed); i++)
		if (strcmp(name, fixed[i][0]) == 0)
			for (int k = 1; k < 4 && fixed[i][k]; k++)
				printf("%s\n", fixed[i][k]);
	if (strcmp(name, "doc") == 0)
		for (int k = 0; k < CD_DOC_N; k++)
			printf("%s\n", cd_doc_name((cd_doc_kind)k));
	else if (strcmp(name, "writer") == 0)
		for (size_t k = 0; cd_writers[k]; k++)
			printf("%s\n", cd_writers[k]->name);
	else if (strcmp(name, "lang") == 0)
		data_names("templates/l10n", ".xml");
	else if (strcmp(name, "style") == 0)
		data_names("styles", ".xsl");
	else if (strcmp(name, "for") == 0) {
		case_ids(case_path, "child", "person");
		printf("%s\n", CD_RECIPIENT_FILE);
	} else if (strcmp(name, "meeting") == 0)
		case_ids(case_path, "meeting", NULL);
	return flushed();
}

/* cindoc help [COMMAND] | --man [COMMAND] | --commands | --options COMMAND | --values NAME [CASE] */
static int help(int argc, char **argv)
{
	const cd_cmd_doc *all[G_N_ELEMENTS(commands) + 1];
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		all[i] = commands[i].doc;
	all[G_N_ELEMENTS(commands)] = NULL;
	const char *what = argc > 2 ? argv[2] : NULL;
	if (what && strcmp(what, "--values") == 0 && argc >= 4 && argc <= 5)
		return values(argv[3], argc > 4 ? argv[4] : NULL);
	if (argc > 4 || (argc == 4 && what[0] != '-'))
		return cd_usage_error("help", "too many arguments");
	if (what && (strcmp(what, "--man") == 0 || strcmp(what, "--options") == 0)) {
		const struct command *c = argc > 3 ? find(argv[3]) : NULL;
		if (argc > 3 && !c)
			return not_a_command(argv[3]);
		if (what[2] == 'm')
			cd_doc_man(c ? c->doc : &top_doc, all, stdout);
		else
			cd_doc_options(c ? c->doc : &top_doc, stdout);
		return flushed();
	}
	if (what && strcmp(what, "--commands") == 0) {
		for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
			printf("%s\n", commands[i].doc->name);
		return flushed();
	}
	if (what && what[0] == '-')
		return cd_usage_error("help", "unknown option '%s'", what);
	if (!what) {
		cd_doc_help(&top_doc, stdout);
		return flushed();
	}
	const struct command *c = find(what);
	if (!c)
		return not_a_command(what);
	cd_doc_help(c->doc, stdout);
	return flushed();
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("cindoc: which command? try 'cindoc --help'\n", stderr);
		return CD_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		cd_doc_help(&top_doc, stdout);
		return flushed();
	}
	if (strcmp(name, "--version") == 0)
		return version();
	if (strcmp(name, "help") == 0) {
		int rc = help(argc, argv);
		if (rc == CD_EXIT_USAGE && argc > 2 && argv[2][0] == '-')
			fputs("try 'cindoc --help'\n", stderr);
		return rc;
	}
	if (name[0] == '-') {
		fprintf(stderr, "cindoc: unknown option '%s'; try 'cindoc --help'\n", name);
		return CD_EXIT_USAGE;
	}
	const struct command *c = find(name);
	if (!c)
		return not_a_command(name);
	/* The allocator's policy is the process's, so it is set here, once. A rendered page's layout
	 * and drawing are freed once it is written, and glibc gives the top of its heap back to the
	 * kernel whenever more than 128 KiB of it is free, only to fault it in again for the next
	 * page: 33 page faults a page of the yardstick's letters, 15% of render-fo's CPU time.
	 * Keeping up to 4 MiB free at the top stops that; the peak is the same. */
	mallopt(M_TRIM_THRESHOLD, 4 << 20);
	if (c->needs_data && !cd_wants_help(argc - 1, argv + 1)) {
		int rc = cd_datadir_check();
		if (rc < 0)
			return -rc;
	}
	int rc = c->fn(argc - 1, argv + 1);
	if (rc == CD_EXIT_USAGE)
		fprintf(stderr, "try 'cindoc %s --help'\n", name);
	return rc;
}
