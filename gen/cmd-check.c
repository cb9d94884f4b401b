/* cmd-check.c - cindoc check (interim: being built). */
#include <stdio.h>
#include "cindoc.h"
#include "cmd.h"

int cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cindoc: 'check' is not built yet\n");
	return CD_EXIT_INTERNAL;
}
