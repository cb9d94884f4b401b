/* cmd-calendar.c - cindoc calendar (interim: being built). */
#include <stdio.h>
#include "cindoc.h"
#include "cmd.h"

int cmd_calendar(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cindoc: 'calendar' is not built yet\n");
	return CD_EXIT_INTERNAL;
}
