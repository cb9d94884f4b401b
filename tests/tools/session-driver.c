/* session-driver.c - the slowed logins of the web desk (gen/web/session.c), for
 * tests/t8106-login-throttle.sh. Prints one line per fact the test checks. */
#include <stdio.h>
#include <string.h>

#include "web/web.h"

int main(void)
{
	web_sessions *s = web_sessions_new();
	/* a real user's failure is remembered and slows the next try */
	web_login_failed(s, "mt1");
	printf("mt1 waits %d\n", web_login_wait(s, "mt1") > 0);
	/* a name longer than the key is slowed all the same, and is one entry however often it fails */
	char long_name[300];
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	for (int i = 0; i < 5; i++)
		web_login_failed(s, long_name);
	printf("long name waits %d\n", web_login_wait(s, long_name) > 0);
	printf("entries %d\n", web_login_failures(s));
	/* a flood of made-up names: the table stays bounded */
	char name[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(name, sizeof name, "made-up-%d", i);
		web_login_failed(s, name);
	}
	printf("after the flood %d\n", web_login_failures(s));
	/* the newest names are remembered (the oldest waits are forgotten first) */
	printf("the last made-up name waits %d\n", web_login_wait(s, "made-up-19999") > 0);
	/* a success forgets the name */
	web_login_failed(s, "ch1");
	web_login_succeeded(s, "ch1");
	printf("ch1 after success waits %d\n", web_login_wait(s, "ch1"));
	web_sessions_free(s);
	return 0;
}
