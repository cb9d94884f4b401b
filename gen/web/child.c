/* web/child.c - runs this program as a child process (`cindoc check`, `cindoc render`) with a time
 * limit: a slow or crashing check or render ends the child, never the server, and the server's
 * threads share no libxml or Pango state with it. posix_spawn, so nothing runs between fork and
 * exec in a process with threads. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"

extern char **environ;

#define KEEP (1024u * 1024u)

static void drain(int fd, GString *into, int *open_)
{
	char buf[8192];
	ssize_t n = read(fd, buf, sizeof buf);
	if (n > 0) {
		if (into && into->len < KEEP)
			g_string_append_len(into, buf, (gssize)MIN((size_t)n, KEEP - into->len));
	} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		*open_ = 0;
	}
}

int web_run_child(const web_app *app, char *const argv[], int seconds, GString *out, GString *err)
{
	int po[2], pe[2];
	if (pipe2(po, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGPIPE);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &defaults);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

	int argc = 0;
	while (argv[argc])
		argc++;
	char **av = g_new0(char *, argc + 1);
	av[0] = (char *)"cindoc";
	for (int i = 1; i < argc; i++)
		av[i] = argv[i];
	pid_t pid;
	int rc = posix_spawn(&pid, app->exe, &fa, &at, av, environ);
	g_free(av);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(po[1]);
	close(pe[1]);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		return -1;
	}
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	int o_open = 1, e_open = 1, killed = 0;
	while (o_open || e_open) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long left = seconds * 1000L - ((now.tv_sec - start.tv_sec) * 1000L +
		                               (now.tv_nsec - start.tv_nsec) / 1000000L);
		if (left <= 0) {
			kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		struct pollfd p[2] = { { o_open ? po[0] : -1, POLLIN, 0 }, { e_open ? pe[0] : -1, POLLIN, 0 } };
		int n = poll(p, 2, (int)MIN(left, 1000L));
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (p[0].revents)
			drain(po[0], out, &o_open);
		if (p[1].revents)
			drain(pe[0], err, &e_open);
	}
	close(po[0]);
	close(pe[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (killed)
		return 128 + SIGKILL;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
