/* web/audit.c - who opened, changed, previewed or saved which case, and when: an SQLite file beside the
 * cases (CASES_DIR/.cindoc/audit.sqlite, mode 0600). Rows are only ever added. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>

#include "base/cindoc.h"
#include "web/web.h"

struct web_audit {
	sqlite3 *db;
	sqlite3_stmt *insert;
};

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS events ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"          /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	" user TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" case_id TEXT NOT NULL,"
	" detail TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS events_case ON events(case_id, id);";

char *web_default_users(const char *cases_dir)
{
	return g_build_filename(cases_dir, WEB_DIR, "users", NULL);
}

char *web_default_audit(const char *cases_dir)
{
	return g_build_filename(cases_dir, WEB_DIR, "audit.sqlite", NULL);
}

web_audit *web_audit_open(const char *path)
{
	char *dir = g_path_get_dirname(path);
	int rc = cd_mkdirs(dir);
	g_free(dir);
	if (rc)
		return NULL;
	/* SQLite would create the file with the umask's mode: make it 0600 first. */
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot open the audit log '%s': %s", path, strerror(errno));
		return NULL;
	}
	close(fd);
	web_audit *a = g_new0(web_audit, 1);
	if (sqlite3_open_v2(path, &a->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(a->db, 5000) != SQLITE_OK ||
	    sqlite3_exec(a->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(a->db, "INSERT INTO events(at, user, action, case_id, detail) VALUES (?,?,?,?,?)",
	                       -1, &a->insert, NULL) != SQLITE_OK) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot open the audit log '%s': %s", path, sqlite3_errmsg(a->db));
		web_audit_close(a);
		return NULL;
	}
	return a;
}

void web_audit_close(web_audit *a)
{
	if (!a)
		return;
	sqlite3_finalize(a->insert);
	sqlite3_close(a->db);
	g_free(a);
}

int web_audit_add(web_audit *a, const char *user, const char *action, const char *case_id,
                  const char *detail)
{
	char at[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	sqlite3_reset(a->insert);
	sqlite3_bind_text(a->insert, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(a->insert, 2, user ? user : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(a->insert, 3, action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(a->insert, 4, case_id ? case_id : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(a->insert, 5, detail ? detail : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->insert) != SQLITE_DONE)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write the audit log: %s", sqlite3_errmsg(a->db));
	return 0;
}

/* A field for a tab-separated line: tabs, newlines and backslashes escaped. */
static void tsv_field(FILE *fp, const unsigned char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			fputs("\\t", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else if (*s == '\\')
			fputs("\\\\", fp);
		else
			fputc(*s, fp);
	}
}

int web_audit_print(const char *path, const char *case_id, FILE *fp)
{
	if (access(path, F_OK) != 0)
		return cd_fail(-CD_EXIT_NOREAD, "cannot read the audit log '%s': %s", path, strerror(errno));
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, case_id
	                       ? "SELECT at, user, action, case_id, detail FROM events WHERE case_id = ? ORDER BY id"
	                       : "SELECT at, user, action, case_id, detail FROM events ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK) {
		rc = cd_fail(-CD_EXIT_NOREAD, "cannot read the audit log '%s': %s", path,
		             db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	if (case_id)
		sqlite3_bind_text(st, 1, case_id, -1, SQLITE_TRANSIENT);
	int n = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < 5; c++) {
			if (c)
				fputc('\t', fp);
			tsv_field(fp, sqlite3_column_text(st, c));
		}
		fputc('\n', fp);
		n++;
	}
	if (s != SQLITE_DONE)
		rc = cd_fail(-CD_EXIT_NOREAD, "cannot read the audit log '%s': %s", path, sqlite3_errmsg(db));
	else
		rc = n;
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
