/* store-driver.c - drives the case store (gen/web/store.h) from the shell, for
 * tests/t8010-store.sh: one call per run, so tests can run several at once.
 *
 *   store-driver read DIR CASE                     the token
 *   store-driver save DIR CASE USER BASE FILE [strict] [wait-file]
 *   store-driver create DIR USER FILE               the new case's name
 *   store-driver check DIR CASE FILE
 *   store-driver history DIR CASE                   one line per version
 *   store-driver show DIR CASE SEQ                  the bytes of a version
 *   store-driver draft-save DIR USER CASE|- KEY|- BASE|- FILE
 *   store-driver draft-load DIR USER CASE|- KEY|-   "base saved" then the bytes
 *   store-driver draft-discard DIR USER CASE|- KEY|-
 *   store-driver drafts DIR USER                    "case key saved" per draft
 *   store-driver serialize CASE_PATH                cd_case_load, then cd_store_serialize
 *   store-driver name-for-ref REF
 *   store-driver list DIR
 *
 * Exit: 0 done, 10 stale, 11 missing, 12 exists, otherwise the negated -CD_EXIT_* code.
 * Messages of a check are printed "KIND LINE [FILE] TEXT" on stdout.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "case/authority.h"
#include "case/case.h"
#include "base/cindoc.h"
#include "web/store.h"

static int code(int rc)
{
	switch (rc) {
	case CD_STORE_STALE: return 10;
	case CD_STORE_MISSING: return 11;
	case CD_STORE_EXISTS: return 12;
	default: return rc < 0 ? -rc : 0;
	}
}

static const char *opt(const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : s;
}

static void print_msgs(const cd_store_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		printf("%s %ld%s%s %s\n", m->v[i].kind, m->v[i].line, m->v[i].file ? " " : "",
		       m->v[i].file ? m->v[i].file : "", m->v[i].text);
}

static int read_input(const char *path, char **data, size_t *len)
{
	return cd_read_file(path, data, len);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: store-driver COMMAND ARGS (see the source)\n", stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "name-for-ref") == 0) {
		char *n = cd_store_name_for_ref(argv[2]);
		puts(n);
		g_free(n);
		return 0;
	}
	if (strcmp(cmd, "serialize") == 0) {
		int rc = 0;
		cd_schema *s = cd_schema_load(&rc);
		xmlDocPtr doc = NULL;
		if (s)
			rc = cd_case_load(s, argv[2], &doc);
		char *data = NULL;
		size_t len = 0;
		if (rc == 0)
			rc = cd_store_serialize(doc, &data, &len);
		if (rc == 0) {
			fwrite(data, 1, len, stdout);
			/* the document keeps its completed authority after serializing */
			xmlNodePtr auth = cd_case_first(xmlDocGetRootElement(doc), "authority");
			if (!auth || !cd_case_first(auth, "complaints"))
				rc = -CD_EXIT_INTERNAL;
		}
		g_free(data);
		xmlFreeDoc(doc);
		cd_schema_free(s);
		return code(rc);
	}
	int rc = 0;
	cd_store *st = cd_store_open(argv[2], &rc);
	if (!st)
		return code(rc);
	char token[CD_STORE_TOKEN_LEN + 1] = "";
	char *data = NULL;
	size_t len = 0;
	cd_store_msgs msgs = { 0 };

	if (strcmp(cmd, "read") == 0 && argc == 4) {
		rc = cd_store_read(st, argv[3], &data, &len, token);
		if (rc == 0)
			puts(token);
	} else if (strcmp(cmd, "list") == 0) {
		char **names = NULL;
		rc = cd_store_list(st, &names);
		for (int i = 0; rc > 0 && names[i]; i++)
			puts(names[i]);
		g_strfreev(names);
		rc = rc < 0 ? rc : 0;
	} else if (strcmp(cmd, "check") == 0 && argc == 5) {
		rc = read_input(argv[4], &data, &len);
		if (rc == 0)
			rc = cd_store_check(st, argv[3], data, len, 0, &msgs);
		print_msgs(&msgs);
	} else if (strcmp(cmd, "save") == 0 && argc >= 7) {
		int strict = argc >= 8 && strcmp(argv[7], "strict") == 0;
		rc = read_input(argv[6], &data, &len);
		/* wait-file: start together with other drivers (the test removes it to say "go") */
		if (argc >= 9)
			while (access(argv[8], F_OK) == 0)
				usleep(1000);
		if (rc == 0)
			rc = cd_store_save(st, argv[3], argv[4], argv[5], data, len,
			                   strict ? CD_STORE_STRICT : 0, &msgs, token);
		print_msgs(&msgs);
		if (rc == 0)
			puts(token);
	} else if (strcmp(cmd, "create") == 0 && argc == 5) {
		char *name = NULL;
		rc = read_input(argv[4], &data, &len);
		if (rc == 0)
			rc = cd_store_create(st, argv[3], data, len, 0, &msgs, &name, token);
		print_msgs(&msgs);
		if (rc == 0)
			printf("%s %s\n", name, token);
		g_free(name);
	} else if (strcmp(cmd, "history") == 0 && argc == 4) {
		struct cd_store_version *v = NULL;
		rc = cd_store_history(st, argv[3], &v);
		for (int i = 0; i < rc; i++)
			printf("%d %s %s %s %zu %d\n", v[i].seq, v[i].saved, v[i].user, v[i].token,
			       v[i].bytes, v[i].current);
		g_free(v);
		rc = rc < 0 ? rc : 0;
	} else if (strcmp(cmd, "show") == 0 && argc == 5) {
		rc = cd_store_history_read(st, argv[3], atoi(argv[4]), &data, &len);
		if (rc == 0)
			fwrite(data, 1, len, stdout);
	} else if (strcmp(cmd, "draft-save") == 0 && argc == 8) {
		rc = read_input(argv[7], &data, &len);
		if (rc == 0)
			rc = cd_store_draft_save(st, argv[3], opt(argv[4]), opt(argv[5]), opt(argv[6]),
			                         data, len);
	} else if (strcmp(cmd, "draft-load") == 0 && argc == 6) {
		char saved[21] = "";
		rc = cd_store_draft_load(st, argv[3], opt(argv[4]), opt(argv[5]), &data, &len, token,
		                         saved);
		if (rc == 0) {
			printf("%s %s\n", token[0] ? token : "-", saved);
			fwrite(data, 1, len, stdout);
		}
	} else if (strcmp(cmd, "draft-discard") == 0 && argc == 6) {
		rc = cd_store_draft_discard(st, argv[3], opt(argv[4]), opt(argv[5]));
	} else if (strcmp(cmd, "drafts") == 0 && argc == 4) {
		struct cd_store_draft *v = NULL;
		rc = cd_store_drafts(st, argv[3], &v);
		for (int i = 0; i < rc; i++)
			printf("%s %s %s\n", v[i].name ? v[i].name : "-", v[i].key ? v[i].key : "-",
			       v[i].saved);
		cd_store_drafts_free(v, rc);
		rc = rc < 0 ? rc : 0;
	} else {
		fprintf(stderr, "store-driver: bad command or arguments: %s\n", cmd);
		rc = -2;
	}
	cd_store_msgs_clear(&msgs);
	g_free(data);
	cd_store_free(st);
	return code(rc);
}
