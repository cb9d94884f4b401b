/* queue/queue-manifest.c - the manifests (CSV and JSON, overall and per date) and the ledger,
 * written into the staging tree (queue-int.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cindoc.h"
#include "base/escape.h"
#include "queue/queue-int.h"

/* ------------------------------------------------------------------ manifests */

static const int manifest_cols[] = {
	CD_QL_ITEM, CD_QL_CASE, CD_QL_RECIPIENT, CD_QL_RECIPIENT_NAME, CD_QL_DOCUMENT, CD_QL_MEETING,
	CD_QL_LANG, CD_QL_STYLE, CD_QL_VERSION, CD_QL_DUE, CD_QL_STATUS, CD_QL_PAGES, CD_QL_PRINT_FIRST,
	CD_QL_PRINT_LAST, CD_QL_FILE, CD_QL_SHA256,
};

/* "queued" items past their due date show as "overdue". */
static const char *manifest_status(cd_date today, const struct item *it)
{
	cd_date due;
	if (is_status(it, "queued") && cd_date_parse(it->f[CD_QL_DUE], &due, NULL) == 0 && due < today)
		return "overdue";
	return it->f[CD_QL_STATUS];
}

static int write_manifest(struct run *r, const char *rel_dir, GPtrArray *items, cd_date today)
{
	int rc = 0;
	for (int fmt = 0; fmt < 2 && rc == 0; fmt++) {
		char *path = g_build_filename(r->qs.staging, rel_dir, fmt ? "manifest.json" : "manifest.csv", NULL);
		cd_output *o = cd_output_new_staged();
		FILE *fp = cd_output_open(o, path);
		if (!fp) {
			rc = -CD_EXIT_NOWRITE;
		} else if (fmt == 0) {
			for (size_t c = 0; c < G_N_ELEMENTS(manifest_cols); c++)
				fprintf(fp, "%s%s", c ? "," : "", cd_ql_column(manifest_cols[c]));
			fputc('\n', fp);
			for (guint i = 0; i < items->len; i++) {
				const struct item *it = items->pdata[i];
				for (size_t c = 0; c < G_N_ELEMENTS(manifest_cols); c++) {
					if (c)
						fputc(',', fp);
					cd_csv_field(fp, manifest_cols[c] == CD_QL_STATUS ? manifest_status(today, it)
					                                                  : it->f[manifest_cols[c]]);
				}
				fputc('\n', fp);
			}
		} else {
			fputs("{\n  \"items\": [", fp);
			for (guint i = 0; i < items->len; i++) {
				const struct item *it = items->pdata[i];
				fprintf(fp, "%s\n    {", i ? "," : "");
				for (size_t c = 0; c < G_N_ELEMENTS(manifest_cols); c++) {
					int col = manifest_cols[c];
					fprintf(fp, "%s\"%s\": ", c ? ", " : " ", cd_ql_column(col));
					if (col == CD_QL_PAGES || col == CD_QL_PRINT_FIRST || col == CD_QL_PRINT_LAST)
						fprintf(fp, "%d", atoi(it->f[col]));
					else
						cd_json_string(fp, col == CD_QL_STATUS ? manifest_status(today, it) : it->f[col]);
				}
				fputs(" }", fp);
			}
			fputs(items->len ? "\n  ]\n}\n" : "]\n}\n", fp);
		}
		if (rc == 0)
			rc = cd_output_commit(o);
		cd_output_free(o);
		g_free(path);
	}
	return rc;
}

/* Writes the ledger, and the manifests: per date and overall (queued and issued items). */
int write_state(struct run *r, cd_date today)
{
	GPtrArray *listed = g_ptr_array_new();
	GPtrArray *rows = g_ptr_array_new();
	g_ptr_array_sort(r->items, item_order);
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		g_ptr_array_add(rows, it->f);
		if (!is_status(it, "withdrawn"))
			g_ptr_array_add(listed, it);
	}
	g_ptr_array_sort(listed, item_order);
	int rc = write_manifest(r, ".", listed, today);
	for (guint i = 0; i < listed->len && rc == 0;) {
		char *d = date_of(listed->pdata[i]);
		GPtrArray *day = g_ptr_array_new();
		while (i < listed->len) {
			char *d2 = date_of(listed->pdata[i]);
			int same = strcmp(d, d2) == 0;
			g_free(d2);
			if (!same)
				break;
			g_ptr_array_add(day, listed->pdata[i++]);
		}
		rc = write_manifest(r, d, day, today);
		g_ptr_array_free(day, TRUE);
		g_free(d);
	}
	cd_qs_checkpoint(&r->qs);
	if (rc == 0)
		rc = cd_ql_write(&r->qs, rows);
	g_ptr_array_free(rows, TRUE);
	g_ptr_array_free(listed, TRUE);
	return rc;
}

