/* queue/share.h - a queue shared by an admin team: every file 0640 and every folder 0750, owned
 * by one group; a private queue (the default) is 0600/0700. A queue once shared stays shared
 * (runs, mark-issued and print keep its group) until it is made private again. */
#ifndef CD_QUEUE_SHARE_H
#define CD_QUEUE_SHARE_H

#include <sys/types.h>

/* The group id of group `name` (a name or a number). 0 or -CD_EXIT_USAGE after a message. */
int cd_share_group(const char *name, gid_t *gid);
/* 1 and *gid when QUEUE_DIR is shared now (its ledger is 0640: the group is the ledger's), else 0. */
int cd_share_of(const char *queue_dir, gid_t *gid);
/* Gives QUEUE_DIR and everything in it to group `gid` (0640 files, 0750 folders), or, when
 * `shared` is 0, makes it private (0600, 0700; the group is left). 0 or -CD_EXIT_NOWRITE. */
int cd_share_apply(const char *queue_dir, int shared, gid_t gid);

#endif
