/* cmd-render-fo.c - cindoc render-fo (interim: being built). */
#include <stdio.h>
#include "cindoc.h"
#include "cmd.h"

int cmd_render_fo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cindoc: 'render-fo' is not built yet\n");
	return CD_EXIT_INTERNAL;
}
