/* web/session.c - sessions, their form tokens, and slowed logins.
 *
 * A session is 32 random bytes (hex) in a cookie; each has its own form token (32 more random
 * bytes) that every POST must carry (server.c checks it, like fossil's login.c). A visitor who is
 * not logged in gets an anonymous session when the login page is shown, so the login form has a
 * token too; logging in makes a new session (the old id is dropped, so a planted id is useless).
 * Sessions live in memory only: a restart logs everyone out (drafts are kept by the store).
 * A session ends after WEB_SESSION_IDLE seconds without a request, and WEB_SESSION_MAX after login.
 *
 * Failed logins: after each failure for a user name, that name must wait 2, 4, 8 ... seconds (at
 * most 60) before the next try is even checked. Names are kept by their first WEB_NAME_KEY bytes;
 * at most WEB_FAILED_MAX names are remembered: a full table first forgets names not tried for
 * WEB_FAILED_FORGET seconds, then the name whose wait ended longest ago, so a flood of made-up
 * names can neither grow the server without end nor lock a real user out. */
#include <string.h>
#include <time.h>
#include <sodium.h>

#include "web/web.h"

struct entry {
	web_session s;
	gint64 created;
	gint64 seen;
};

struct failures {
	int count;
	gint64 until;
};

enum { WEB_NAME_KEY = 64, WEB_FAILED_MAX = 4096, WEB_FAILED_FORGET = 3600 };

/* The key a user name is remembered by (newly allocated). */
static char *name_key(const char *user)
{
	return g_strndup(user, WEB_NAME_KEY);
}

/* Makes room for one more name in a full table of failures (lock held). */
static void failures_make_room(GHashTable *failed, gint64 now)
{
	if (g_hash_table_size(failed) < WEB_FAILED_MAX)
		return;
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, failed);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (((struct failures *)v)->until + WEB_FAILED_FORGET < now)
			g_hash_table_iter_remove(&it);
	if (g_hash_table_size(failed) < WEB_FAILED_MAX)
		return;
	gpointer oldest = NULL;
	gint64 until = G_MAXINT64;
	g_hash_table_iter_init(&it, failed);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (((struct failures *)v)->until < until) {
			until = ((struct failures *)v)->until;
			oldest = k;
		}
	g_hash_table_remove(failed, oldest);
}

struct web_sessions {
	GMutex lock;
	GHashTable *by_id;     /* id -> struct entry */
	GHashTable *failed;    /* user name -> struct failures */
};

static gint64 now_s(void)
{
	return g_get_monotonic_time() / G_USEC_PER_SEC;
}

web_sessions *web_sessions_new(void)
{
	web_sessions *s = g_new0(web_sessions, 1);
	g_mutex_init(&s->lock);
	s->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	s->failed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return s;
}

void web_sessions_free(web_sessions *s)
{
	if (!s)
		return;
	g_hash_table_destroy(s->by_id);
	g_hash_table_destroy(s->failed);
	g_mutex_clear(&s->lock);
	g_free(s);
}

static void random_hex(char out[65])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, 65, b, sizeof b);
}

static int expired(const struct entry *e, gint64 now)
{
	return now - e->seen > WEB_SESSION_IDLE || now - e->created > WEB_SESSION_MAX;
}

static gboolean drop_expired(gpointer key, gpointer value, gpointer now)
{
	(void)key;
	return expired(value, *(gint64 *)now);
}

int web_sessions_get(web_sessions *s, const char *id, web_session *out)
{
	if (!id || strlen(id) != 64)
		return -1;
	int rc = -1;
	gint64 now = now_s();
	g_mutex_lock(&s->lock);
	struct entry *e = g_hash_table_lookup(s->by_id, id);
	if (e && expired(e, now)) {
		g_hash_table_remove(s->by_id, id);
		e = NULL;
	}
	if (e) {
		e->seen = now;
		*out = e->s;
		rc = 0;
	}
	g_mutex_unlock(&s->lock);
	return rc;
}

void web_sessions_create(web_sessions *s, const char *user, enum web_role role, web_session *out)
{
	struct entry *e = g_new0(struct entry, 1);
	random_hex(e->s.id);
	random_hex(e->s.csrf);
	if (user)
		g_strlcpy(e->s.user, user, sizeof e->s.user);
	e->s.role = user ? role : WEB_ROLE_NONE;
	e->created = e->seen = now_s();
	*out = e->s;
	g_mutex_lock(&s->lock);
	gint64 now = e->created;
	g_hash_table_foreach_remove(s->by_id, drop_expired, &now);
	g_hash_table_insert(s->by_id, e->s.id, e);
	g_mutex_unlock(&s->lock);
}

void web_sessions_end(web_sessions *s, const char *id)
{
	if (!id)
		return;
	g_mutex_lock(&s->lock);
	g_hash_table_remove(s->by_id, id);
	g_mutex_unlock(&s->lock);
}

int web_sessions_count(web_sessions *s)
{
	g_mutex_lock(&s->lock);
	int n = (int)g_hash_table_size(s->by_id);
	g_mutex_unlock(&s->lock);
	return n;
}

int web_login_failures(web_sessions *s)
{
	g_mutex_lock(&s->lock);
	int n = (int)g_hash_table_size(s->failed);
	g_mutex_unlock(&s->lock);
	return n;
}

int web_login_wait(web_sessions *s, const char *user)
{
	int wait = 0;
	gint64 now = now_s();
	char *key = name_key(user);
	g_mutex_lock(&s->lock);
	struct failures *f = g_hash_table_lookup(s->failed, key);
	if (f && f->until > now)
		wait = (int)(f->until - now);
	g_mutex_unlock(&s->lock);
	g_free(key);
	return wait;
}

void web_login_failed(web_sessions *s, const char *user)
{
	char *key = name_key(user);
	gint64 now = now_s();
	g_mutex_lock(&s->lock);
	struct failures *f = g_hash_table_lookup(s->failed, key);
	if (!f) {
		failures_make_room(s->failed, now);
		f = g_new0(struct failures, 1);
		g_hash_table_insert(s->failed, key, f);
		key = NULL;
	}
	if (f->count < 30)
		f->count++;
	int wait = f->count >= 6 ? 60 : 1 << f->count;
	f->until = now + wait;
	g_mutex_unlock(&s->lock);
	g_free(key);
}

void web_login_succeeded(web_sessions *s, const char *user)
{
	char *key = name_key(user);
	g_mutex_lock(&s->lock);
	g_hash_table_remove(s->failed, key);
	g_mutex_unlock(&s->lock);
	g_free(key);
}

int web_token_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t n = strlen(a);
	if (n != strlen(b) || n == 0)
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}
