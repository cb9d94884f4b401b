/* cmd-due.c - cindoc due (interim: being built). */
#include <stdio.h>
#include "cindoc.h"
#include "cmd.h"

int cmd_due(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cindoc: 'due' is not built yet\n");
	return CD_EXIT_INTERNAL;
}
