/* SPDX-License-Identifier: MIT */
/* Scores for the web, computed once per (year, data version) and shared by
 * every request that reads them. The data version is the newest audit
 * entry: every change — web, import or CLI — appends one, so a cached
 * result is never older than the data. Entries are reference counted; a
 * superseded one is freed when its last reader lets go. */
#include "web/web_impl.h"

#include "base/clock.h"
#include "engine/model.h"
#include "engine/score.h"
#include "store/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct score_entry {
	struct scored pub;            /* first: handed out, cast back on release */
	int64_t version;
	int refs;
	int stale;
	struct model *model;
	struct dataset ds;
	struct scores *scores;
};

#define CACHE_MAX 6

struct score_cache {
	pthread_mutex_t lock;
	struct score_entry *entries[CACHE_MAX];
	size_t n;
	int64_t year_version;         /* the data version default_year is for */
	int default_year;
};

static void entry_free(struct score_entry *e)
{
	scores_free(e->scores);
	dataset_free(&e->ds);
	model_free(e->model);
	free(e);
}

static struct score_cache *cache_of(struct web_server *srv)
{
	/* Made on first use; pool_lock is a fine guard for that one moment. */
	pthread_mutex_lock(&srv->pool_lock);
	if (!srv->scores) {
		srv->scores = xcalloc(1, sizeof *srv->scores);
		pthread_mutex_init(&srv->scores->lock, NULL);
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
	free(c);
	srv->scores = NULL;
}

static int data_version(struct store *s, int64_t *v, struct buf *err)
{
	return store_query_int64(s, "SELECT coalesce(max(seq), 0) FROM audit_log", 0, v, err);
}

/* The active model for year, else the default one. */
static int load_model(struct store *s, int year, struct model **out, struct buf *err)
{
	struct stmt *st;
	int rc;
	if (store_prepare(s, "SELECT body, version FROM models WHERE active = 1 AND"
			  " (year = ? OR year IS NULL OR year = 0) ORDER BY year DESC LIMIT 1", &st, err))
		return -1;
	stmt_bind_int64(st, 1, year);
	if (stmt_step(st) == STORE_ROW) {
		size_t len;
		const char *body = stmt_text(st, 0, &len);
		rc = model_parse(body, len, stmt_text(st, 1, NULL), out, err);
		stmt_finalize(st);
		return rc;
	}
	stmt_finalize(st);
	return model_default(out, err);
}

static struct score_entry *compute(struct store *s, int year, int64_t version, struct buf *err)
{
	struct score_entry *e = xcalloc(1, sizeof *e);
	e->version = version;
	if (load_model(s, year, &e->model, err))
		goto fail;
	if (store_load(s, model_year_last_day(e->model, year), &e->ds, err))
		goto fail;
	if (score_run(e->model, &e->ds, year, &e->scores, err))
		goto fail;
	e->pub.scores = e->scores;
	e->pub.ds = &e->ds;
	e->pub.model = e->model;
	e->pub.year = year;
	return e;
fail:
	entry_free(e);
	return NULL;
}

const struct scored *web_scores_get(struct request *req, int year, struct buf *err)
{
	struct score_cache *c = cache_of(req->srv);
	struct score_entry *e = NULL;
	int64_t version;

	if (data_version(req->store, &version, err))
		return NULL;
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->n; i++)
		if (c->entries[i]->pub.year == year && c->entries[i]->version == version) {
			e = c->entries[i];
			e->refs++;
			break;
		}
	pthread_mutex_unlock(&c->lock);
	if (e)
		return &e->pub;

	e = compute(req->store, year, version, err);
	if (!e)
		return NULL;
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

/* The year of the newest measurement month ("2026-05" → 2026), or 0. */
static int newest_data_year(struct store *s, int64_t *year, struct buf *err)
{
	struct stmt *st;
	*year = 0;
	if (store_prepare(s, "SELECT max(month) FROM measurement_blocks", &st, err))
		return -1;
	if (stmt_step(st) == STORE_ROW && !stmt_is_null(st, 0)) {
		const char *m = stmt_text(st, 0, NULL);
		for (int i = 0; i < 4 && m[i] >= '0' && m[i] <= '9'; i++)
			*year = *year * 10 + (m[i] - '0');
	}
	stmt_finalize(st);
	return 0;
}

int web_default_year(struct request *req)
{
	struct score_cache *c = cache_of(req->srv);
	struct buf err = BUF_INIT;
	int64_t version = 0, year = 0;
	int y;

	if (data_version(req->store, &version, &err))
		version = -1;
	pthread_mutex_lock(&c->lock);
	y = c->year_version == version && c->default_year ? c->default_year : 0;
	pthread_mutex_unlock(&c->lock);
	if (y)
		goto out;
	/* The year of the newest SLA data: what a manager looks at first. */
	if (newest_data_year(req->store, &year, &err) || year < 1000) {
		time_t now = clock_now();
		struct tm tm;
		gmtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	y = (int)year;
	pthread_mutex_lock(&c->lock);
	c->year_version = version;
	c->default_year = y;
	pthread_mutex_unlock(&c->lock);
out:
	buf_release(&err);
	return y;
}
