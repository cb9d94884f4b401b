/* cmd.h - the subcommands: one file each (cmd-NAME.c), one table in main.c.
 *
 * A command file defines `const cd_cmd_doc cd_doc_NAME` (its usage, description, options, exit
 * codes and examples: see cli.h) and `int cmd_NAME(int argc, char **argv)`, which gets argv with
 * argv[0] = its name, parses it with cd_args_parse(&cd_doc_NAME, ...) and returns the exit code.
 * A usage error is one line (cd_usage_error) and CD_EXIT_USAGE; main then adds "try 'cindoc NAME
 * --help'". Commands parse arguments and call gen/ code; no layout or PDF code lives in them.
 *
 * To add a command: write cmd-NAME.c, declare both here, add one line to the table in main.c.
 * Its --help, its manual page cindoc-NAME(1) (made by 'make man', installed by 'make install'),
 * its entry in cindoc(1) and its bash completion all follow from cd_doc_NAME. */
#ifndef CD_CMD_H
#define CD_CMD_H

#include "cmd/cli.h"

#define CD_COMMAND(NAME) \
	extern const cd_cmd_doc cd_doc_##NAME; \
	int cmd_##NAME(int argc, char **argv)

CD_COMMAND(check);
CD_COMMAND(render);
CD_COMMAND(fo);
CD_COMMAND(render_fo);
CD_COMMAND(due);
CD_COMMAND(calendar);
CD_COMMAND(queue);
CD_COMMAND(queue_print);   /* "queue print", a mode of queue (queue-print.c) */
CD_COMMAND(history);
CD_COMMAND(serve);
CD_COMMAND(user);
CD_COMMAND(audit);

/* Exit codes as commands list them (README.md has the whole table; keep them in step). */
#define CD_EXITS_DONE     { "0", "done" }
#define CD_EXITS_USAGE    { "2", "bad command line (usage error)" }
#define CD_EXITS_INVALID  { "3", "invalid input (the message gives file:line)" }
#define CD_EXITS_NOREAD   { "4", "cannot read an input file, or the data folder" }
#define CD_EXITS_NOWRITE  { "5", "cannot write an output (nothing is left half-written)" }
#define CD_EXITS_REFUSED  { "7", "the writer refused content it cannot draw faithfully" }
#define CD_EXITS_INTERNAL { "70", "internal error (a bug: please report it with the input)" }

#endif
