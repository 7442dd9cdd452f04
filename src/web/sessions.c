/* SPDX-License-Identifier: MIT */
/* Session lookups with a short memory. Sessions live in the store (so that
 * several servers can share them); asking it costs a query on every
 * request, which dominates a cached scorecard. So a session found in the
 * store is remembered in a small direct-mapped table keyed by a hash of
 * the token, with the store's sessions version (store/version.h) at the
 * time. It is trusted while that version is unchanged — every logout,
 * session deletion and account change, by any process, bumps it, and each
 * request reads it with the data version in one query — and for at most
 * cfg.session_cache_ms (2 s by default), so that the store still slides
 * the expiry of a session in use. Expiry is checked on every request
 * against the expiry the store gave. The copies handed out belong to the
 * request (released with session_release). */
#include "web/web_impl.h"

#include "base/clock.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_SLOTS 1024

struct cached_session {
	unsigned char key[crypto_generichash_BYTES];   /* hash of the token; all zero = empty */
	uint64_t seen_us;                              /* when the store confirmed it */
	uint64_t generation;                           /* forget_all's count at that time */
	int64_t sessions_version;                      /* the store's, at that time */
	struct session session;                        /* owned */
};

struct session_cache {
	pthread_mutex_t lock;
	uint64_t generation;
	struct cached_session slots[SESSION_SLOTS];
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void session_copy(struct session *to, const struct session *from)
{
	*to = *from;
	to->user.name = dup_or_null(from->user.name);
	to->user.person_id = dup_or_null(from->user.person_id);
	to->user.created_at = dup_or_null(from->user.created_at);
	to->user.locked_until = dup_or_null(from->user.locked_until);
}

static void token_key(const char *token, unsigned char key[crypto_generichash_BYTES])
{
	crypto_generichash(key, crypto_generichash_BYTES, (const unsigned char *)token,
			   strlen(token), NULL, 0);
}

static struct cached_session *slot_of(struct session_cache *c,
				      const unsigned char key[crypto_generichash_BYTES])
{
	uint32_t h;
	memcpy(&h, key, sizeof h);
	return &c->slots[h % SESSION_SLOTS];
}

static void slot_clear(struct cached_session *s)
{
	session_release(&s->session);
	memset(s, 0, sizeof *s);
}

void web_sessions_cache_init(struct web_server *srv)
{
	srv->sessions = xcalloc(1, sizeof *srv->sessions);
	pthread_mutex_init(&srv->sessions->lock, NULL);
}

void web_sessions_cache_free(struct web_server *srv)
{
	struct session_cache *c = srv->sessions;
	if (!c)
		return;
	for (size_t i = 0; i < SESSION_SLOTS; i++)
		slot_clear(&c->slots[i]);
	pthread_mutex_destroy(&c->lock);
	xfree(c);
	srv->sessions = NULL;
}

int web_session_lookup(struct request *req, const char *token, struct buf *err)
{
	struct session_cache *c = req->srv->sessions;
	uint64_t ttl_us = (uint64_t)req->srv->cfg.session_cache_ms * 1000, now = http_now_us();
	unsigned char key[crypto_generichash_BYTES];
	uint64_t generation = 0;
	int64_t data_version;
	int rc;

	token_key(token, key);
	/* Without the versions (an old schema) nothing is kept. */
	if (web_data_version(req, &data_version, err)) {
		fprintf(stderr, "tandem serve: %s\n", err->data);
		buf_reset(err);
		ttl_us = 0;
	}
	if (c && ttl_us) {
		struct cached_session *s = slot_of(c, key);
		int hit = 0;
		pthread_mutex_lock(&c->lock);
		if (!sodium_memcmp(s->key, key, sizeof key) && s->generation == c->generation &&
		    s->sessions_version == req->sessions_version && now - s->seen_us < ttl_us &&
		    s->session.expires_at > clock_now()) {
			session_copy(&req->session, &s->session);
			hit = 1;
		}
		generation = c->generation;
		pthread_mutex_unlock(&c->lock);
		if (hit)
			return 0;
	}
	rc = sessions_lookup(req->store, token, req->srv->cfg.session_ttl, &req->session, err);
	if (rc || !c || !ttl_us)
		return rc;
	pthread_mutex_lock(&c->lock);
	/* A forget_all while the store was asked means this answer may be
	 * older than the change: do not keep it. */
	if (generation == c->generation) {
		struct cached_session *s = slot_of(c, key);
		slot_clear(s);
		memcpy(s->key, key, sizeof key);
		s->seen_us = now;
		s->generation = generation;
		s->sessions_version = req->sessions_version;
		session_copy(&s->session, &req->session);
	}
	pthread_mutex_unlock(&c->lock);
	return 0;
}

void web_session_forget(struct web_server *srv, const char *token)
{
	struct session_cache *c = srv->sessions;
	unsigned char key[crypto_generichash_BYTES];
	if (!c || !token || !*token)
		return;
	token_key(token, key);
	pthread_mutex_lock(&c->lock);
	struct cached_session *s = slot_of(c, key);
	if (!sodium_memcmp(s->key, key, sizeof key))
		slot_clear(s);
	/* A request that asked the store before the logout must not put the
	 * session back when it answers: a new generation refuses it. */
	c->generation++;
	pthread_mutex_unlock(&c->lock);
}

void web_session_forget_all(struct web_server *srv)
{
	struct session_cache *c = srv->sessions;
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	c->generation++;
	pthread_mutex_unlock(&c->lock);
}
