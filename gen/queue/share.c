/* queue/share.c - the modes and group of a queue folder (share.h). */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "base/cindoc.h"
#include "queue/share.h"

int cd_share_group(const char *name, gid_t *gid)
{
	struct group gr, *res = NULL;
	char buf[16384];
	if (getgrnam_r(name, &gr, buf, sizeof buf, &res) == 0 && res) {
		*gid = res->gr_gid;
		return 0;
	}
	char *end;
	unsigned long v = strtoul(name, &end, 10);
	if (*name && *end == '\0' && getgrgid_r((gid_t)v, &gr, buf, sizeof buf, &res) == 0 && res) {
		*gid = res->gr_gid;
		return 0;
	}
	return cd_fail(-CD_EXIT_USAGE, "no group '%s' on this system (getent group lists them)", name);
}

int cd_share_of(const char *queue_dir, gid_t *gid)
{
	/* The ledger says: the queue writes it 0600, so 0640 is a queue this file shared (a folder's
	 * own mode may come from anyone's mkdir). */
	char *ledger = g_build_filename(queue_dir, "ledger.tsv", NULL);
	struct stat st;
	int r = lstat(ledger, &st);
	g_free(ledger);
	if (r != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 0777) != 0640)
		return 0;
	*gid = st.st_gid;
	return 1;
}

static int apply_one(const char *path, int dir, int shared, gid_t gid)
{
	mode_t mode = dir ? (shared ? 0750 : 0700) : (shared ? 0640 : 0600);
	if (shared && lchown(path, (uid_t)-1, gid) != 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot give '%s' to group %u: %s", path, (unsigned)gid, strerror(errno));
	if (chmod(path, mode) != 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot set the mode of '%s': %s", path, strerror(errno));
	return 0;
}

static int walk(const char *dir, int shared, gid_t gid)
{
	int rc = apply_one(dir, 1, shared, gid);
	GDir *d = rc == 0 ? g_dir_open(dir, 0, NULL) : NULL;
	const char *n;
	while (d && rc == 0 && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, n, NULL);
		struct stat st;
		if (lstat(p, &st) != 0)
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot read '%s': %s", p, strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk(p, shared, gid);
		else if (S_ISREG(st.st_mode))
			rc = apply_one(p, 0, shared, gid);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	return rc;
}

int cd_share_apply(const char *queue_dir, int shared, gid_t gid)
{
	char *real = realpath(queue_dir, NULL);
	if (!real)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot read '%s': %s", queue_dir, strerror(errno));
	int rc = walk(real, shared, gid);
	free(real);
	return rc;
}
