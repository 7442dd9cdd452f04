/* SPDX-License-Identifier: MIT */
/* Scores for the web, computed once per (year, model version, data version)
 * and shared by every worker thread. The data version is the store's
 * counter (store/version.h) that every writer of evaluation data or models
 * — the web, an import, the CLI, another server — bumps in its own
 * transaction, so a request reads it (one indexed query) and a cached
 * result is never older than the data it was asked for. Entries are
 * reference counted; a superseded one is freed when its last reader lets
 * go. Each entry also keeps what requests rendered from it (the rows of
 * the machine-readable results, and answers: JSON bodies and the main part
 * of pages, keyed by path, query, language and role), so a repeated
 * scorecard is a copy. All of an entry dies with it: nothing rendered can
 * outlive the data it was rendered from. */
#include "web/web_impl.h"

#include "app/scoring.h"

#include "domain/date.h"
#include "engine/model.h"
#include "engine/score.h"
#include "report/score_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one entry may keep of rendered answers, at most. */
#define ANSWERS_MAX 512
#define ANSWERS_BYTES (8u << 20)
#define ANSWER_BYTES_MAX (1u << 20)
#define ANSWER_BUCKETS 256

struct answer {
	struct answer *next;
	char *key;
	char *title;                  /* a page's title_extra, or NULL */
	char *body;
	size_t len;
};

struct score_entry {
	struct scored pub;            /* first: handed out, cast back on release */
	int64_t version;
	int refs;
	int stale;
	struct app_scored_year y;     /* the model, the data and the scores */
	/* Filled on demand by readers; guarded by lock. */
	pthread_rwlock_t lock;
	struct score_row *rows;
	size_t n_rows;
	int have_rows;
	struct answer *answers[ANSWER_BUCKETS];
	size_t n_answers, answer_bytes;
};

#define CACHE_MAX 6

struct score_cache {
	pthread_mutex_t lock;
	/* Held while an entry is computed, so that a burst of requests after a
	 * change computes the year once, not once per worker. */
	pthread_mutex_t compute_lock;
	struct score_entry *entries[CACHE_MAX];
	size_t n;
	int64_t year_version;         /* the data version default_year is for */
	int default_year;
	day_t default_day;            /* ... and the day it was chosen on */
};

static void entry_free(struct score_entry *e)
{
	for (size_t b = 0; b < ANSWER_BUCKETS; b++) {
		for (struct answer *a = e->answers[b], *next; a; a = next) {
			next = a->next;
			xfree(a->key);
			xfree(a->title);
			xfree(a->body);
			xfree(a);
		}
	}
	xfree(e->rows);
	pthread_rwlock_destroy(&e->lock);
	app_scored_year_release(&e->y);
	xfree(e);
}

static struct score_cache *cache_of(struct web_server *srv)
{
	/* Made on first use; pool_lock is a fine guard for that one moment. */
	pthread_mutex_lock(&srv->pool_lock);
	if (!srv->scores) {
		srv->scores = xcalloc(1, sizeof *srv->scores);
		pthread_mutex_init(&srv->scores->lock, NULL);
		pthread_mutex_init(&srv->scores->compute_lock, NULL);
	}
	pthread_mutex_unlock(&srv->pool_lock);
	return srv->scores;
}

void web_scores_cache_free(struct web_server *srv)
{
	struct score_cache *c = srv->scores;
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		entry_free(c->entries[i]);
	pthread_mutex_destroy(&c->lock);
	pthread_mutex_destroy(&c->compute_lock);
	xfree(c);
	srv->scores = NULL;
}

static struct score_entry *compute(struct store *s, int year, int64_t version, struct buf *err)
{
	struct score_entry *e = xcalloc(1, sizeof *e);
	e->version = version;
	pthread_rwlock_init(&e->lock, NULL);
	/* Scored in place: the scores point at the entry's dataset. The
	 * version the entry is keyed by is the one the request read before
	 * (never newer than the data). */
	if (app_open_scored_year(s, NULL, year, 0, &e->y, err) != APP_OK)
		goto fail;
	e->pub.scores = e->y.scores;
	e->pub.ds = &e->y.ds;
	e->pub.model = e->y.model;
	e->pub.model_version = e->y.model_version;
	e->pub.year = year;
	e->pub.data_version = version;
	return e;
fail:
	entry_free(e);
	return NULL;
}

/* The entry for (year, version) with a reference taken, or NULL. */
static struct score_entry *find(struct score_cache *c, int year, int64_t version)
{
	struct score_entry *e = NULL;
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i]->pub.year == year && c->entries[i]->version == version) {
			e = c->entries[i];
			e->refs++;
			break;
		}
	pthread_mutex_unlock(&c->lock);
	return e;
}

const struct scored *web_scores_get(struct request *req, int year, struct buf *err)
{
	struct score_cache *c = cache_of(req->srv);
	struct score_entry *e;
	int64_t version;

	if (web_data_version(req, &version, err))
		return NULL;
	if ((e = find(c, year, version)) != NULL)
		return &e->pub;
	pthread_mutex_lock(&c->compute_lock);
	if ((e = find(c, year, version)) != NULL) {
		pthread_mutex_unlock(&c->compute_lock);
		return &e->pub;
	}
	e = compute(req->store, year, version, err);
	if (!e) {
		pthread_mutex_unlock(&c->compute_lock);
		return NULL;
	}
	e->refs = 1;
	pthread_mutex_lock(&c->lock);
	/* Drop what this one supersedes (same year, older data) and, when
	 * full, the oldest entry; readers still holding them keep them alive. */
	for (size_t i = 0; i < c->n;) {
		struct score_entry *old = c->entries[i];
		if ((old->pub.year == year && old->version <= version) || (c->n == CACHE_MAX && i == 0)) {
			memmove(&c->entries[i], &c->entries[i + 1], (c->n - i - 1) * sizeof *c->entries);
			c->n--;
			old->stale = 1;
			if (!old->refs)
				entry_free(old);
			continue;
		}
		i++;
	}
	c->entries[c->n++] = e;
	pthread_mutex_unlock(&c->lock);
	pthread_mutex_unlock(&c->compute_lock);
	return &e->pub;
}

void web_scores_release(struct web_server *srv, const struct scored *sc)
{
	struct score_cache *c = srv->scores;
	struct score_entry *e = (struct score_entry *)(void *)sc;
	if (!sc || !c)
		return;
	pthread_mutex_lock(&c->lock);
	e->refs--;
	int gone = e->stale && !e->refs;
	pthread_mutex_unlock(&c->lock);
	if (gone)
		entry_free(e);
}

void web_scores_rows(const struct scored *sc, const struct score_row **rows, size_t *n)
{
	struct score_entry *e = (struct score_entry *)(void *)sc;
	pthread_rwlock_rdlock(&e->lock);
	int have = e->have_rows;
	pthread_rwlock_unlock(&e->lock);
	if (!have) {
		pthread_rwlock_wrlock(&e->lock);
		if (!e->have_rows) {
			score_rows_build(e->y.scores, &e->rows, &e->n_rows);
			e->have_rows = 1;
		}
		pthread_rwlock_unlock(&e->lock);
	}
	/* Never changed once built: safe to read without the lock. */
	*rows = e->rows;
	*n = e->n_rows;
}

/* --- rendered answers ---------------------------------------------------- */

void web_answer_key(struct request *req, int per_user_view, struct buf *key)
{
	if (per_user_view)
		buf_addf(key, "%s|%s|", web_role(req), req->lang);
	buf_adds(key, req->path);
	buf_addc(key, '?');
	/* The query as parsed, in order; lang only chooses the language, which
	 * is in the key already. */
	for (size_t i = 0; i < req->n_query; i++) {
		if (!strcmp(req->query[i].name, "lang"))
			continue;
		http_url_escape(key, req->query[i].name);
		buf_addc(key, '=');
		http_url_escape(key, req->query[i].value);
		buf_addc(key, '&');
	}
}

static size_t bucket_of(const char *key)
{
	uint32_t h = 2166136261u;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h % ANSWER_BUCKETS;
}

int web_answer_get(const struct scored *sc, const char *key, struct buf *out, char **title)
{
	struct score_entry *e = (struct score_entry *)(void *)sc;
	int found = 0;
	pthread_rwlock_rdlock(&e->lock);
	for (struct answer *a = e->answers[bucket_of(key)]; a; a = a->next) {
		if (strcmp(a->key, key))
			continue;
		buf_add(out, a->body, a->len);
		if (title)
			*title = a->title ? xstrdup(a->title) : NULL;
		found = 1;
		break;
	}
	pthread_rwlock_unlock(&e->lock);
	return found;
}

void web_answer_put(const struct scored *sc, const char *key, const char *body, size_t len,
		    const char *title)
{
	struct score_entry *e = (struct score_entry *)(void *)sc;
	size_t b = bucket_of(key);
	if (len > ANSWER_BYTES_MAX)
		return;
	pthread_rwlock_wrlock(&e->lock);
	if (e->n_answers >= ANSWERS_MAX || e->answer_bytes + len > ANSWERS_BYTES)
		goto out;
	for (struct answer *a = e->answers[b]; a; a = a->next)
		if (!strcmp(a->key, key))
			goto out;               /* another request was first */
	struct answer *a = xcalloc(1, sizeof *a);
	a->key = xstrdup(key);
	a->title = title ? xstrdup(title) : NULL;
	a->body = xmalloc(len + 1);
	memcpy(a->body, body, len);
	a->body[len] = 0;
	a->len = len;
	a->next = e->answers[b];
	e->answers[b] = a;
	e->n_answers++;
	e->answer_bytes += len + strlen(key);
out:
	pthread_rwlock_unlock(&e->lock);
}

/* --- the default year ---------------------------------------------------- */

/* --- the default year (app/scoring.h decides; cached here) --------------- */

day_t web_today(void)
{
	return app_today();
}

int web_year_is_over(struct request *req, int year, day_t *last_day)
{
	return app_year_is_over(req->store, year, app_today(), last_day);
}

int web_default_year(struct request *req)
{
	struct score_cache *c = cache_of(req->srv);
	struct buf err = BUF_INIT;
	int64_t version = 0;
	day_t today = app_today();
	int y;

	if (web_data_version(req, &version, &err))
		version = -1;
	pthread_mutex_lock(&c->lock);
	y = c->year_version == version && c->default_year && c->default_day == today ? c->default_year : 0;
	pthread_mutex_unlock(&c->lock);
	if (!y) {
		y = app_default_year(req->store, today);
		pthread_mutex_lock(&c->lock);
		c->year_version = version;
		c->default_year = y;
		c->default_day = today;
		pthread_mutex_unlock(&c->lock);
	}
	buf_release(&err);
	return y;
}
