/* cmd-queue.c - cindoc queue (interim: being built). */
#include <stdio.h>
#include "cindoc.h"
#include "cmd.h"

int cmd_queue(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cindoc: 'queue' is not built yet\n");
	return CD_EXIT_INTERNAL;
}
