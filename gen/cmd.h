/* cmd.h - the subcommands: one file each (cmd-NAME.c with cmd_NAME), one table in main.c.
 * A command gets argv with argv[0] = its name; it parses its own options, prints its own usage
 * on --help (to stdout, exit 0) or on a usage error (to stderr, CD_EXIT_USAGE), and returns the
 * exit code. Commands parse arguments and call gen/ code; no layout or PDF code lives in them. */
#ifndef CD_CMD_H
#define CD_CMD_H

#include <glib.h>

int cmd_check(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_fo(int argc, char **argv);
int cmd_render_fo(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_queue(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_history(int argc, char **argv);

/* A usage error of command `cmd`: "cindoc CMD: message" and the usage text on stderr (or, with
 * usage NULL, a pointer to 'cindoc CMD --help'). Returns CD_EXIT_USAGE. */
int cd_usage_error(const char *cmd, const char *usage, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* True when argv holds -h or --help before any "--". */
int cd_wants_help(int argc, char **argv);

#endif
