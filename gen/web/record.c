/* web/record.c - one record of what was sent: the queue's ledger and the case file agree (record.h). */
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "base/cindoc.h"
#include "case/case.h"
#include "case/rules.h"
#include "queue/queue.h"
#include "queue/queue-store.h"
#include "web/record.h"
#include "web/store.h"
#include "web/web.h"

char *cd_record_os_user(void)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &res) == 0 && res && cd_store_user_ok(res->pw_name))
		return g_strdup(res->pw_name);
	return g_strdup_printf("uid-%u", (unsigned)geteuid());
}

int cd_record_audit(const char *cases_dir, const char *user, const char *action, const char *case_id,
                    const char *detail)
{
	char *path = web_default_audit(cases_dir);
	web_audit *a = web_audit_open(path);
	g_free(path);
	if (!a)
		return -CD_EXIT_NOWRITE;
	int rc = web_audit_add(a, user, action, case_id, detail);
	web_audit_close(a);
	return rc;
}

static int read_ledger(const char *queue_dir, GPtrArray **rows)
{
	*rows = g_ptr_array_new_with_free_func((GDestroyNotify)cd_ql_row_free);
	char *path = g_build_filename(queue_dir, "ledger.tsv", NULL);
	int rc = g_file_test(path, G_FILE_TEST_EXISTS) ? cd_ql_read(path, *rows) : 0;
	g_free(path);
	return rc;
}

/* The case id of a ledger row: its case file name without ".xml". */
static char *case_id_of(char **row)
{
	const char *f = row[CD_QL_CASE_FILE];
	return g_str_has_suffix(f, ".xml") ? g_strndup(f, strlen(f) - 4) : g_strdup(f);
}

/* ------------------------------------------------------------------ the case files */

struct sent {
	char *document, *meeting, *date;
};

static void sent_free(gpointer p)
{
	struct sent *s = p;
	g_free(s->document);
	g_free(s->meeting);
	g_free(s->date);
	g_free(s);
}

/* Puts `el` as the last element child of `parent`, indented as its other children are. */
static void append_indented(xmlNodePtr parent, xmlNodePtr el)
{
	xmlNodePtr last = xmlGetLastChild(parent);
	while (last && last->type != XML_ELEMENT_NODE)
		last = last->prev;
	if (!last) {
		xmlAddChild(parent, el);
		return;
	}
	xmlNodePtr ws = last->prev;
	if (ws && ws->type == XML_TEXT_NODE) {
		xmlNodePtr copy = xmlNewText(ws->content);
		xmlAddNextSibling(last, copy);
		xmlAddNextSibling(copy, el);
	} else {
		xmlAddNextSibling(last, el);
	}
}

/* Records meeting `m`'s minutes as sent on `date` (done/@minutes-sent), unless already recorded;
 * returns 1 when it changed the case. `before`: records changed so far (for the comma). */
static int set_minutes_sent(xmlDocPtr doc, xmlNodePtr m, const char *date, GString *said, int before)
{
	xmlNodePtr done = cd_case_first(m, "done");
	if (done && cd_case_attr(done, "minutes-sent"))
		return 0;
	if (!done) {
		done = xmlNewDocNode(doc, m->ns, BAD_CAST "done", NULL);
		append_indented(m, done);
	}
	xmlSetProp(done, BAD_CAST "minutes-sent", BAD_CAST date);
	g_string_append_printf(said, "%sminutes and plan of meeting %s sent on %s", before ? ", " : "",
	                       cd_case_attr(m, "id"), date);
	return 1;
}

/* Sets what the ledger says was sent in one parsed case; returns how many records changed. */
static int apply_sent(xmlDocPtr doc, GPtrArray *sent, GString *said)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int changed = 0;
	for (guint i = 0; i < sent->len; i++) {
		struct sent *s = sent->pdata[i];
		if (strcmp(s->document, "closure-letter") == 0) {
			xmlNodePtr c = cd_case_first(root, "closure");
			/* the letters carried the final minutes: those went out with them */
			xmlNodePtr fm = cd_rule_final_minutes(doc);
			if (c && !cd_case_attr(c, "letters-sent")) {
				xmlSetProp(c, BAD_CAST "letters-sent", BAD_CAST s->date);
				g_string_append_printf(said, "%sclosure letters sent on %s", changed++ ? ", " : "", s->date);
			}
			if (fm)
				changed += set_minutes_sent(doc, fm, s->date, said, changed);
			continue;
		}
		if (strcmp(s->document, "plan-copy") != 0)
			continue;
		xmlNodePtr m = cd_case_first(cd_case_first(root, "meetings"), "meeting");
		for (; m; m = cd_case_next(m, "meeting")) {
			const char *id = cd_case_attr(m, "id");
			if (id && strcmp(id, s->meeting) == 0)
				break;
		}
		if (m)
			changed += set_minutes_sent(doc, m, s->date, said, changed);
	}
	return changed;
}


/* Records one case's sending through the store's versioned save. */
static int record_case(cd_store *st, const char *cases_dir, const char *name, GPtrArray *sent,
                       const char *user, int quiet)
{
	char *data = NULL;
	size_t len = 0;
	char token[CD_STORE_TOKEN_LEN + 1];
	int rc = cd_store_read(st, name, &data, &len, token);
	if (rc == CD_STORE_MISSING)
		return cd_fail(-CD_EXIT_NOREAD, "case '%s' of the queue is not in '%s': it was not told what was sent",
		               name, cases_dir);
	if (rc < 0)
		return rc;
	xmlDocPtr doc = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET);
	g_free(data);
	if (!doc)
		return cd_fail(-CD_EXIT_INVALID, "case '%s' cannot be read as XML: it was not told what was sent", name);
	GString *said = g_string_new(NULL);
	if (apply_sent(doc, sent, said) > 0) {
		xmlChar *buf = NULL;
		int n = 0;
		xmlDocDumpMemoryEnc(doc, &buf, &n, "UTF-8");
		cd_store_msgs msgs = { 0 };
		rc = buf ? cd_store_save(st, name, user, token, (const char *)buf, (size_t)n, 0, &msgs, NULL)
		         : cd_fail(-CD_EXIT_INTERNAL, "cannot write the case as XML");
		for (size_t i = 0; i < msgs.n; i++)
			if (strcmp(msgs.v[i].kind, "error") == 0)
				fprintf(stderr, "%s/%s:%ld: error: %s\n", cases_dir, msgs.v[i].file ? msgs.v[i].file : name,
				        msgs.v[i].line, msgs.v[i].text);
		cd_store_msgs_clear(&msgs);
		xmlFree(buf);
		if (rc == CD_STORE_STALE)
			rc = cd_fail(-CD_EXIT_NOWRITE, "case '%s' changed while it was being recorded: run again", name);
		else if (rc == 0 && !quiet)
			printf("case %s: %s (recorded by %s)\n", name, said->str, user);
	}
	g_string_free(said, TRUE);
	xmlFreeDoc(doc);
	return rc < 0 ? rc : 0;
}

int cd_record_sync_cases(const char *queue_dir, const char *cases_dir, const char *user, int quiet)
{
	GPtrArray *rows;
	int rc = read_ledger(queue_dir, &rows);
	if (rc < 0) {
		g_ptr_array_free(rows, TRUE);
		return rc;
	}
	/* One group per case, document and meeting: sent when every copy in it is issued. */
	GHashTable *last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (guint i = 0; i < rows->len; i++) {
		char **row = rows->pdata[i];
		if (strcmp(row[CD_QL_STATUS], "withdrawn") == 0)
			continue;
		char *key = g_strjoin("\t", row[CD_QL_CASE_FILE], row[CD_QL_DOCUMENT], row[CD_QL_MEETING], NULL);
		const char *was = g_hash_table_lookup(last, key);
		if (strcmp(row[CD_QL_STATUS], "issued") != 0)
			g_hash_table_replace(last, key, g_strdup("")); /* one still waiting */
		else if (!was || (*was && strcmp(row[CD_QL_ISSUED], was) > 0))
			g_hash_table_replace(last, key, g_strdup(row[CD_QL_ISSUED]));
		else
			g_free(key);
	}
	GHashTable *by_case = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                            (GDestroyNotify)g_ptr_array_unref);
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, last);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (!*(const char *)v)
			continue;
		char **parts = g_strsplit(k, "\t", 3);
		GPtrArray *list = g_hash_table_lookup(by_case, parts[0]);
		if (!list) {
			list = g_ptr_array_new_with_free_func(sent_free);
			g_hash_table_insert(by_case, g_strdup(parts[0]), list);
		}
		struct sent *s = g_new0(struct sent, 1);
		s->document = g_strdup(parts[1]);
		s->meeting = g_strdup(parts[2]);
		s->date = g_strdup(v);
		g_ptr_array_add(list, s);
		g_strfreev(parts);
	}
	if (g_hash_table_size(by_case) > 0) {
		cd_store *st = cd_store_open(cases_dir, &rc);
		GList *names = g_list_sort(g_hash_table_get_keys(by_case), (GCompareFunc)strcmp);
		for (GList *l = names; l && st; l = l->next) {
			int crc = record_case(st, cases_dir, l->data, g_hash_table_lookup(by_case, l->data), user, quiet);
			if (crc < 0 && rc == 0)
				rc = crc;
		}
		g_list_free(names);
		if (st)
			cd_store_free(st);
	}
	g_hash_table_destroy(by_case);
	g_hash_table_destroy(last);
	g_ptr_array_free(rows, TRUE);
	return rc;
}

int cd_record_issued(const char *queue_dir, const char *cases_dir, const char *user, const char *how,
                     cd_date today, char *const *what, int n, int *marked, int quiet)
{
	GPtrArray *before;
	int rc = read_ledger(queue_dir, &before);
	GHashTable *was = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; rc == 0 && i < before->len; i++) {
		char **row = before->pdata[i];
		g_hash_table_insert(was, row[CD_QL_ITEM], row[CD_QL_STATUS]);
	}
	if (rc == 0)
		rc = cd_queue_mark_issued(queue_dir, today, what, n, marked);
	GPtrArray *after = NULL;
	if (rc == 0 && cases_dir)
		rc = read_ledger(queue_dir, &after);
	for (guint i = 0; after && rc == 0 && i < after->len; i++) {
		char **row = after->pdata[i];
		const char *st = g_hash_table_lookup(was, row[CD_QL_ITEM]);
		if (strcmp(row[CD_QL_STATUS], "issued") != 0 || (st && strcmp(st, "issued") == 0))
			continue;
		char *id = case_id_of(row);
		char *detail = g_strdup_printf("%s to %s (%s) on %s via %s", row[CD_QL_ITEM], row[CD_QL_RECIPIENT_NAME],
		                               row[CD_QL_RECIPIENT], row[CD_QL_ISSUED], how);
		rc = cd_record_audit(cases_dir, user, "issue", id, detail);
		g_free(detail);
		g_free(id);
	}
	if (rc == 0 && cases_dir)
		rc = cd_record_sync_cases(queue_dir, cases_dir, user, quiet);
	g_hash_table_destroy(was);
	g_ptr_array_free(before, TRUE);
	if (after)
		g_ptr_array_free(after, TRUE);
	return rc;
}
