/* cmd-render.c - cindoc render (interim: being built). */
#include <stdio.h>
#include "cindoc.h"
#include "cmd.h"

int cmd_render(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "cindoc: 'render' is not built yet\n");
	return CD_EXIT_INTERNAL;
}
