/* queue/queue-owed.c - what each case owes as of today (queue-int.h): one item per recipient of
 * each document, its fingerprint, merged into the items of the ledger. */
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>

#include "base/cindoc.h"
#include "case/authority.h"
#include "case/case.h"
#include "case/rules.h"
#include "queue/queue-int.h"
#include "transform/documents.h"

/* ------------------------------------------------------------------ fingerprints */

static void sha_update_file(struct sha256_ctx *c, const char *root, const char *rel)
{
	char *p = g_build_filename(root, rel, NULL);
	if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
		GDir *d = g_dir_open(p, 0, NULL);
		GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
		const char *n;
		while (d && (n = g_dir_read_name(d)))
			g_ptr_array_add(names, g_build_filename(rel, n, NULL));
		if (d)
			g_dir_close(d);
		g_ptr_array_sort(names, name_cmp);
		for (guint i = 0; i < names->len; i++)
			sha_update_file(c, root, names->pdata[i]);
		g_ptr_array_free(names, TRUE);
	} else {
		char *data = NULL;
		gsize len = 0;
		if (g_file_get_contents(p, &data, &len, NULL)) {
			sha256_update(c, strlen(rel) + 1, (const uint8_t *)rel);
			sha256_update(c, len, (const uint8_t *)data);
		}
		g_free(data);
	}
	g_free(p);
}

/* A digest of everything the documents are made from besides the case: templates and styles,
 * and the authority's details shared by the cases of the folder (when it has them). Nettle's
 * SHA-256, as for the items (queue-store.c): the processor's SHA instructions where it has
 * them, and the templates are most of a megabyte. */
void templates_digest(const char *cases_dir, char out[65])
{
	char *root = cd_datadir();
	struct sha256_ctx c;
	sha256_init(&c);
	sha_update_file(&c, root, "templates");
	sha_update_file(&c, root, "styles");
	sha_update_file(&c, cases_dir, CD_AUTHORITY_FILE);
	cd_qs_sha256_hex(&c, out);
	g_free(root);
}

static void fingerprint(struct run *r, const char *case_sha, struct item *it)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const int cols[] = { CD_QL_DOCUMENT, CD_QL_MEETING, CD_QL_RECIPIENT, CD_QL_LANG, CD_QL_STYLE,
		             CD_QL_VERSION, CD_QL_DUE };
	g_checksum_update(c, (const guchar *)case_sha, strlen(case_sha) + 1);
	for (size_t i = 0; i < G_N_ELEMENTS(cols); i++)
		g_checksum_update(c, (const guchar *)it->f[cols[i]], strlen(it->f[cols[i]]) + 1);
	g_checksum_update(c, (const guchar *)r->templates_sha, strlen(r->templates_sha) + 1);
	g_checksum_update(c, (const guchar *)r->o->writer, strlen(r->o->writer) + 1);
	const char *key = r->o->writer_key ? r->o->writer_key : "";
	g_checksum_update(c, (const guchar *)key, strlen(key) + 1);
	set(it, CD_QL_FINGERPRINT, g_checksum_get_string(c));
	g_checksum_free(c);
}

/* ------------------------------------------------------------------ what is owed */

static const char *attr(xmlNodePtr n, const char *name)
{
	return n ? cd_case_attr(n, name) : NULL;
}

/* 1 when attribute `name` of n holds a date on or before today. */
static int done_by(struct run *r, xmlNodePtr n, const char *name)
{
	const char *v = attr(n, name);
	cd_date d;
	return v && cd_date_parse(v, &d, NULL) == 0 && d <= r->o->today;
}

/* Adds the items one document owes to each of its recipients. */
static int owe(struct run *r, xmlDocPtr doc, const char *path, const char *case_file, const char *case_sha,
               const char *ref, cd_doc_kind kind, const char *meeting, cd_date due, GPtrArray *out)
{
	cd_recipient *rs = NULL;
	size_t n = 0;
	int rc = cd_recipients(doc, path, kind, meeting, &rs, &n);
	if (rc < 0)
		return rc;
	char dbuf[CD_DATE_BUF];
	cd_date_format(due, dbuf);
	for (size_t i = 0; i < n; i++) {
		if (rs[i].reader == CD_READER_FILE)
			continue; /* the file copy is not posted */
		struct item *it = g_new0(struct item, 1);
		it->strs = r->strs;
		it->f = g_new0(char *, CD_QL_N);
		for (int c = 0; c < CD_QL_N; c++)
			set(it, c, "");
		char *key = meeting ? g_strdup_printf("%s/%s/%s/%s", ref, cd_doc_name(kind), meeting, rs[i].id)
		                    : g_strdup_printf("%s/%s/%s", ref, cd_doc_name(kind), rs[i].id);
		set(it, CD_QL_ITEM, key);
		g_free(key);
		set(it, CD_QL_STATUS, "queued");
		set(it, CD_QL_CASE, ref);
		set(it, CD_QL_CASE_FILE, case_file);
		set(it, CD_QL_RECIPIENT, rs[i].id);
		char *name = cd_recipient_name(doc, rs[i].id); /* "A & B" for a letter to two */
		set(it, CD_QL_RECIPIENT_NAME, name);
		g_free(name);
		set(it, CD_QL_DOCUMENT, cd_doc_name(kind));
		set(it, CD_QL_MEETING, meeting);
		set(it, CD_QL_LANG, rs[i].lang);
		set(it, CD_QL_STYLE, rs[i].style);
		set(it, CD_QL_VERSION, rs[i].version);
		set(it, CD_QL_DUE, dbuf);
		cd_doc_request req = { kind, rs[i].id, meeting, rs[i].style, rs[i].lang, rs[i].version, NULL };
		char *base = cd_document_basename(doc, &req);
		char *file = g_strdup_printf("%s/%s.pdf", dbuf, base);
		set(it, CD_QL_FILE, file);
		g_free(file);
		g_free(base);
		set(it, CD_QL_PAGES, "0");
		set(it, CD_QL_PRINT_FIRST, "0");
		set(it, CD_QL_PRINT_LAST, "0");
		fingerprint(r, case_sha, it);
		it->owed = 1;
		it->case_path = g_strdup(path);
		it->case_sha = g_string_chunk_insert_const(r->strs, case_sha);
		g_ptr_array_add(out, it);
	}
	cd_recipients_free(rs, n);
	return 0;
}

/* The key of r->sent: "REF/DOCUMENT/MEETING", or "REF/DOCUMENT" for a document of no meeting. */
static char *sent_key(const char *ref, const char *document, const char *meeting)
{
	return meeting && meeting[0] ? g_strdup_printf("%s/%s/%s", ref, document, meeting)
	                             : g_strdup_printf("%s/%s", ref, document);
}

/* Every item one case owes as of today. */
static int case_items(struct run *r, xmlDocPtr doc, const char *path, const char *case_file, const char *case_sha,
                      GPtrArray *out)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *ref = attr(root, "ref");
	int rc = 0;
	const char *only = r->o->only_meeting;
	int found = 0;
	for (xmlNodePtr m = cd_case_first(cd_case_first(root, "meetings"), "meeting"); m && rc == 0;
	     m = cd_case_next(m, "meeting")) {
		cd_date d, due;
		int it_only = only && g_strcmp0(attr(m, "id"), only) == 0;
		found |= it_only;
		if (cd_date_parse(attr(m, "date"), &d, NULL) < 0 || d > r->o->today) {
			if (it_only)
				return cd_error_at(path, cd_case_line(m), "meeting '%s' is on %s, after today: it cannot be "
				                   "issued yet", only, attr(m, "date"));
			continue; /* not held yet */
		}
		if (done_by(r, cd_case_first(m, "done"), "minutes-sent")) {
			/* the minutes and plan went out already: a copy still queued was sent with them */
			g_hash_table_replace(r->sent, sent_key(ref, cd_doc_name(CD_DOC_PLAN_COPY), attr(m, "id")),
			                     g_strdup(attr(cd_case_first(m, "done"), "minutes-sent")));
			continue;
		}
		if (cd_rule_due(r->o->cal, CD_RULE_MINUTES_SENT, d, &due) < 0)
			return cd_error_at(path, cd_case_line(m), "meeting date '%s' is outside the working-day calendar",
			                   attr(m, "date"));
		rc = owe(r, doc, path, case_file, case_sha, ref, CD_DOC_PLAN_COPY, attr(m, "id"), due, out);
	}
	if (rc == 0 && only && !found)
		return cd_error_at(path, cd_case_line(root), "the case has no meeting '%s'", only);
	xmlNodePtr closure = cd_case_first(root, "closure");
	cd_date d, due;
	if (closure && done_by(r, closure, "letters-sent"))
		g_hash_table_replace(r->sent, sent_key(ref, cd_doc_name(CD_DOC_CLOSURE_LETTER), NULL),
		                     g_strdup(attr(closure, "letters-sent")));
	if (rc == 0 && closure && cd_date_parse(attr(closure, "date"), &d, NULL) == 0 && d <= r->o->today &&
	    !done_by(r, closure, "letters-sent")) {
		if (cd_rule_due(r->o->cal, CD_RULE_CLOSURE_LETTERS, d, &due) < 0)
			return cd_error_at(path, cd_case_line(closure), "closure date '%s' is outside the working-day calendar",
			                   attr(closure, "date"));
		rc = owe(r, doc, path, case_file, case_sha, ref, CD_DOC_CLOSURE_LETTER, NULL, due, out);
	}
	return rc;
}

/* Merges the items one readable case owes into the ledger's: an issued item stays issued, a
 * queued one is made again when its inputs changed, a new one is queued when due in the window
 * (or again after it was withdrawn). Takes the items; returns how many are to be rendered. */
static int merge_owed(struct run *r, GPtrArray *owed)
{
	int render = r->n_new + r->n_updated;
	for (guint k = 0; k < owed->len; k++) {
		struct item *it = owed->pdata[k];
		struct item *l = g_hash_table_lookup(r->by_key, it->f[CD_QL_ITEM]);
		if (l && is_status(l, "issued")) {
			l->owed = 1; /* issued already: never again */
			item_free(it);
		} else if (l && is_status(l, "queued")) {
			l->owed = 1;
			g_free(l->case_path);
			l->case_path = g_strdup(it->case_path);
			l->case_sha = it->case_sha;
			if (l->stale && cd_qs_exists(&r->qs, l->f[CD_QL_FILE]))
				fprintf(stderr, "cindoc queue: '%s' does not match its sha256 in the ledger: made again\n",
				        l->f[CD_QL_FILE]);
			if (strcmp(l->f[CD_QL_FINGERPRINT], it->f[CD_QL_FINGERPRINT]) != 0 ||
			    strcmp(l->f[CD_QL_FILE], it->f[CD_QL_FILE]) != 0 || l->stale) {
				l->old = l->f;
				l->f = it->f;
				it->f = NULL;
				l->render = 1;
				set(l, CD_QL_PRODUCED, r->today);
				r->n_updated++;
			} else {
				/* Unchanged; names and the like may still be refreshed. */
				set(l, CD_QL_RECIPIENT_NAME, it->f[CD_QL_RECIPIENT_NAME]);
			}
			item_free(it);
		} else {
			cd_date due;
			cd_date_parse(it->f[CD_QL_DUE], &due, NULL);
			int now = r->o->only_meeting && strcmp(it->f[CD_QL_MEETING], r->o->only_meeting) == 0;
			if (due > r->window_end && !now) {
				item_free(it); /* not due yet: a later run queues it */
				continue;
			}
			it->render = 1;
			set(it, CD_QL_PRODUCED, r->today);
			r->n_new++;
			if (l) { /* withdrawn before, owed again */
				it->old = l->f;
				l->f = NULL;
				g_ptr_array_remove(r->items, l); /* frees l */
			}
			g_hash_table_replace(r->by_key, it->f[CD_QL_ITEM], it);
			g_ptr_array_add(r->items, it);
		}
	}
	return r->n_new + r->n_updated - render;
}

/* Reads every case and merges what it owes into the items from the ledger. */
int read_cases(struct run *r)
{
	GError *err = NULL;
	GDir *dir = g_dir_open(r->o->cases_dir, 0, &err);
	if (!dir) {
		int rc = cd_fail(-CD_EXIT_NOREAD, "cannot read folder '%s': %s", r->o->cases_dir, err->message);
		g_error_free(err);
		return rc;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	while ((n = g_dir_read_name(dir)))
		if (g_str_has_suffix(n, ".xml") && n[0] != '.' && strcmp(n, CD_AUTHORITY_FILE) != 0 &&
		    (!r->o->only_case || strcmp(n, r->o->only_case) == 0))
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(dir);
	if (r->o->only_case && names->len == 0) {
		g_ptr_array_free(names, TRUE);
		return cd_fail(-CD_EXIT_NOREAD, "no case file '%s' in '%s'", r->o->only_case, r->o->cases_dir);
	}
	g_ptr_array_sort(names, name_cmp);
	int rc = 0;
	cd_schema *schema = cd_schema_load(&rc);
	if (!schema) {
		g_ptr_array_free(names, TRUE);
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	}
	rc = 0;
	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *path = g_build_filename(r->o->cases_dir, name, NULL);
		char sha[65];
		xmlDocPtr doc = NULL;
		GPtrArray *owed = g_ptr_array_new();
		/* one bounded read: the size cap comes before any hashing or parsing */
		int crc = cd_case_load_sha256(schema, path, &doc, sha);
		const char *ref = doc ? attr(xmlDocGetRootElement(doc), "ref") : NULL;
		if (crc == 0 && ref && g_hash_table_contains(r->refs, ref))
			crc = cd_error_at(path, cd_case_line(xmlDocGetRootElement(doc)),
			                  "case ref '%s' is also the ref of '%s'; this case is skipped", ref,
			                  (const char *)g_hash_table_lookup(r->refs, ref));
		if (crc == 0)
			crc = case_items(r, doc, path, name, sha, owed);
		for (guint k = 0; k < owed->len && crc == 0; k++) {
			/* Item ids are REF/DOCUMENT[/MEETING]/RECIPIENT: refs with slashes could make two
			 * cases' ids alike; a second case never takes over another's items. */
			const char *id = ((struct item *)owed->pdata[k])->f[CD_QL_ITEM];
			const char *other = g_hash_table_lookup(r->owed_ids, id);
			if (other)
				crc = cd_error_at(path, cd_case_line(xmlDocGetRootElement(doc)),
				                  "item '%s' is also an item of '%s'; this case is skipped", id, other);
		}
		if (crc < 0) {
			r->skipped++;
			for (guint k = 0; k < owed->len; k++)
				item_free(owed->pdata[k]);
		} else {
			g_hash_table_insert(r->refs, g_strdup(ref), g_strdup(name));
			g_hash_table_insert(r->cases_ok, g_strdup(name), g_strdup(ref));
			for (guint k = 0; k < owed->len; k++)
				g_hash_table_insert(r->owed_ids, ((struct item *)owed->pdata[k])->f[CD_QL_ITEM],
				                    g_string_chunk_insert_const(r->strs, name));
			/* rendered in this process: the tree serves the renderer (queue-render.c) */
			if (merge_owed(r, owed) > 0 && !r->pool && g_hash_table_size(r->cases) < CD_QUEUE_KEEP_CASES &&
			    !g_hash_table_contains(r->cases, path)) {
				g_hash_table_insert(r->cases, g_strdup(path), doc);
				doc = NULL;
			}
		}
		g_ptr_array_free(owed, TRUE);
		xmlFreeDoc(doc);
		g_free(path);
	}
	if (!r->pool && !r->schema)
		r->schema = schema;
	else
		cd_schema_free(schema);
	g_ptr_array_free(names, TRUE);

	/* Queued items that their (readable) case no longer owes: issued on the day the case records
	 * them sent (one record: the ledger agrees with the case, however the case came to say so),
	 * else withdrawn. The items of a case that could not be read, or is gone from the folder,
	 * stay as they are. plan_dates takes both out of print.pdf. */
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		if (!is_status(it, "queued") || it->owed)
			continue;
		if (g_hash_table_contains(r->cases_ok, it->f[CD_QL_CASE_FILE])) {
			char *key = sent_key(it->f[CD_QL_CASE], it->f[CD_QL_DOCUMENT], it->f[CD_QL_MEETING]);
			const char *sent = g_hash_table_lookup(r->sent, key);
			g_free(key);
			set(it, CD_QL_STATUS, sent ? "issued" : "withdrawn");
			if (sent) {
				set(it, CD_QL_ISSUED, sent);
				r->n_recorded++;
			} else {
				r->n_withdrawn++;
			}
		} else if (!r->o->quiet) {
			fprintf(stderr, "cindoc queue: keeping '%s': its case '%s' was not read this time\n", it->f[CD_QL_ITEM],
			        it->f[CD_QL_CASE_FILE]);
		}
	}
	rc = 0;
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "queued") && it->stale && !it->render)
			rc = cd_fail(-CD_EXIT_INVALID,
			             "'%s/%s' is missing or does not match its sha256 in the ledger, and its case '%s' was not read "
			             "this time to make it again: nothing was changed",
			             r->qs.dir, it->f[CD_QL_FILE], it->f[CD_QL_CASE_FILE]);
	}
	return rc;
}

/* No two items that stay in the queue may share a file: one recipient's copy would be filed as
 * another's. Names are made so that this cannot happen (cd_document_basename); this is the
 * check that it did not, before anything is written. */
int check_files_unique(struct run *r)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = 0;
	for (guint i = 0; i < r->items->len && rc == 0; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "withdrawn"))
			continue;
		struct item *other = g_hash_table_lookup(seen, it->f[CD_QL_FILE]);
		if (other)
			rc = cd_fail(-CD_EXIT_INVALID, "items '%s' and '%s' would share the file '%s': refused, nothing was written",
			             other->f[CD_QL_ITEM], it->f[CD_QL_ITEM], it->f[CD_QL_FILE]);
		else if (!cd_ql_file_ok(it->f[CD_QL_FILE]))
			rc = cd_fail(-CD_EXIT_INVALID, "item '%s': '%s' is not a file name of the queue: refused, nothing was written",
			             it->f[CD_QL_ITEM], it->f[CD_QL_FILE]);
		g_hash_table_insert(seen, it->f[CD_QL_FILE], it);
	}
	g_hash_table_destroy(seen);
	return rc;
}

