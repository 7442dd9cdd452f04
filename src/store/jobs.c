/* SPDX-License-Identifier: MIT */
/* The job queue of jobs.h. Ids are max + 1, taken inside the enqueuing
 * transaction (which holds the store's write lock: BEGIN IMMEDIATE, or
 * PostgreSQL's advisory lock), so they stay dense and survive a copy of
 * the store. Claiming is one statement and needs no lock. */
#include "store/jobs.h"

#include "base/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JOB_COLUMNS \
	"j.id, j.kind, j.state, j.owner, j.actor, j.dry_run, j.names, j.bytes, j.created_at," \
	" j.started_at, j.finished_at, j.server, j.progress_rows, j.progress_bytes, j.ok," \
	" j.rows, j.files, j.batch, j.n_errors, j.errors, j.limit_name, j.preview_of," \
	" j.committed_by, (SELECT count(*) FROM jobs b WHERE b.state IN ('queued', 'running')" \
	" AND b.id < j.id), j.encoding, j.problems, j.preview, j.params, j.detail"

static void read_job(struct stmt *st, struct job *j)
{
	memset(j, 0, sizeof *j);
	j->id = stmt_int64(st, 0);
	j->kind = stmt_text_dup(st, 1);
	j->state = stmt_text_dup(st, 2);
	j->owner = stmt_text_dup(st, 3);
	j->actor = stmt_text_dup(st, 4);
	j->dry_run = stmt_int64(st, 5) != 0;
	j->names = stmt_text_dup(st, 6);
	j->bytes = stmt_int64(st, 7);
	j->created_at = stmt_text_dup(st, 8);
	j->started_at = stmt_text_dup(st, 9);
	j->finished_at = stmt_text_dup(st, 10);
	j->server = stmt_text_dup(st, 11);
	j->progress_rows = stmt_int64(st, 12);
	j->progress_bytes = stmt_int64(st, 13);
	j->finished = !stmt_is_null(st, 14);
	j->ok = stmt_int64(st, 14) != 0;
	j->rows = stmt_int64(st, 15);
	j->files = (int)stmt_int64(st, 16);
	j->batch = stmt_int64(st, 17);
	j->n_errors = stmt_int64(st, 18);
	j->errors = stmt_text_dup(st, 19);
	j->limit_name = stmt_text_dup(st, 20);
	j->preview_of = stmt_int64(st, 21);
	j->committed_by = stmt_int64(st, 22);
	j->ahead = stmt_int64(st, 23);
	j->encoding = stmt_text_dup(st, 24);
	j->problems = stmt_text_dup(st, 25);
	j->preview = stmt_text_dup(st, 26);
	j->params = stmt_text_dup(st, 27);
	j->detail = stmt_text_dup(st, 28);
}

void store_job_release(struct job *j)
{
	xfree(j->kind);
	xfree(j->state);
	xfree(j->owner);
	xfree(j->actor);
	xfree(j->names);
	xfree(j->created_at);
	xfree(j->started_at);
	xfree(j->finished_at);
	xfree(j->server);
	xfree(j->errors);
	xfree(j->limit_name);
	xfree(j->encoding);
	xfree(j->problems);
	xfree(j->preview);
	xfree(j->params);
	xfree(j->detail);
	memset(j, 0, sizeof *j);
}

void store_job_files_free(struct job_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xfree(files[i].name);
		xfree(files[i].data);
	}
	xfree(files);
}

/* Runs one statement of int64 parameters (and text ones where texts[i] is
 * set, NULL binding NULL when is_text[i]). */
static int run(struct store *s, const char *sql, int n, const int64_t *ints,
	       const char *const *texts, struct buf *err)
{
	struct stmt *st = NULL;
	int rc = -1;
	if (store_prepare(s, sql, &st, err))
		return -1;
	for (int i = 0; i < n; i++)
		if (texts && texts[i])
			stmt_bind_str(st, i + 1, texts[i]);
		else
			stmt_bind_int64(st, i + 1, ints[i]);
	if (stmt_step(st) == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	else
		rc = 0;
	stmt_finalize(st);
	return rc;
}

static int next_id(struct store *s, int64_t *id, struct buf *err)
{
	if (store_query_int64(s, "SELECT COALESCE(max(id), 0) + 1 FROM jobs", 1, id, err))
		return -1;
	return 0;
}

/* Drops the files of jobs that finished longer than a preview lives ago. */
static int sweep(struct store *s, struct buf *err)
{
	int64_t before = (int64_t)clock_now() - JOB_PREVIEW_SECONDS;
	return run(s, "DELETE FROM job_files WHERE job_id IN (SELECT id FROM jobs"
		   " WHERE state IN ('done', 'failed') AND heartbeat < ?)", 1, &before, NULL, err);
}

static int enqueue(struct store *s, const char *kind, const char *params, const char *encoding,
		   const char *owner, const char *actor, int dry_run, const struct job_file *files,
		   size_t n, int64_t *id, struct buf *err);

int store_job_enqueue(struct store *s, const char *kind, const char *owner, const char *actor,
		      int dry_run, const char *encoding, const struct job_file *files, size_t n,
		      int64_t *id, struct buf *err)
{
	return enqueue(s, kind, NULL, encoding, owner, actor, dry_run, files, n, id, err);
}

int store_job_enqueue_params(struct store *s, const char *kind, const char *params, const char *owner,
			     const char *actor, int dry_run, const struct job_file *files, size_t n,
			     int64_t *id, struct buf *err)
{
	return enqueue(s, kind, params, NULL, owner, actor, dry_run, files, n, id, err);
}

/* The job of kind with its params and the encoding of its files (each
 * NULL when none) and its files, in one transaction. */
static int enqueue(struct store *s, const char *kind, const char *params, const char *encoding,
		   const char *owner, const char *actor, int dry_run, const struct job_file *files,
		   size_t n, int64_t *id, struct buf *err)
{
	struct stmt *st = NULL;
	struct buf names = BUF_INIT;
	char now[21];
	int64_t bytes = 0;
	clock_now_iso(now);
	for (size_t i = 0; i < n; i++) {
		buf_addf(&names, "%s%s", i ? ", " : "", files[i].name);
		bytes += (int64_t)files[i].len;
	}
	if (store_begin(s, err))
		goto fail;
	if (sweep(s, err) || next_id(s, id, err) ||
	    store_prepare(s, "INSERT INTO jobs (id, kind, state, owner, actor, dry_run, names, bytes,"
			  " created_at, heartbeat, params, encoding) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			  &st, err))
		goto fail;
	if (params)
		stmt_bind_str(st, 10, params);
	else
		stmt_bind_null(st, 10);
	stmt_bind_int64(st, 1, *id);
	stmt_bind_str(st, 2, kind);
	stmt_bind_str(st, 3, owner);
	stmt_bind_str(st, 4, actor);
	stmt_bind_int64(st, 5, dry_run != 0);
	stmt_bind_str(st, 6, names.data);
	stmt_bind_int64(st, 7, bytes);
	stmt_bind_str(st, 8, now);
	stmt_bind_int64(st, 9, (int64_t)clock_now());
	if (encoding)
		stmt_bind_str(st, 11, encoding);
	else
		stmt_bind_null(st, 11);
	if (stmt_step(st) == STORE_ERROR) {
		buf_addf(err, "cannot enqueue the job: %s", stmt_error(st));
		goto fail;
	}
	stmt_finalize(st);
	st = NULL;
	if (store_prepare(s, "INSERT INTO job_files (job_id, seq, name, data) VALUES (?, ?, ?, ?)",
			  &st, err))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		stmt_reset(st);
		stmt_bind_int64(st, 1, *id);
		stmt_bind_int64(st, 2, (int64_t)i);
		stmt_bind_str(st, 3, files[i].name);
		stmt_bind_blob(st, 4, files[i].data, files[i].len);
		if (stmt_step(st) == STORE_ERROR) {
			buf_addf(err, "cannot store the upload: %s", stmt_error(st));
			goto fail;
		}
	}
	stmt_finalize(st);
	buf_release(&names);
	return store_commit(s, err);
fail:
	stmt_finalize(st);
	buf_release(&names);
	if (s->in_tx)
		store_rollback(s);
	return -1;
}

/* What a kept preview must be for each use: committable (a clean dry run
 * not yet committed) or checkable again in another encoding (done or
 * failed). Both: the owner's, still fresh, its files kept. */
enum preview_use { PREVIEW_COMMITTABLE, PREVIEW_CHECKABLE };

/* Inside a transaction: 0 when the preview can serve use, 1 when not,
 * −1 on a storage error (err). */
static int preview_kept(struct store *s, int64_t preview, const char *owner, enum preview_use use,
			struct buf *err)
{
	static const char *const sql[] = {
		[PREVIEW_COMMITTABLE] = "SELECT id FROM jobs WHERE id = ? AND owner = ? AND state = 'done'"
			" AND ok = 1 AND dry_run = 1 AND committed_by IS NULL AND heartbeat >= ?"
			" AND EXISTS (SELECT 1 FROM job_files f WHERE f.job_id = jobs.id)",
		[PREVIEW_CHECKABLE] = "SELECT id FROM jobs WHERE id = ? AND owner = ? AND dry_run = 1"
			" AND state IN ('done', 'failed') AND heartbeat >= ?"
			" AND EXISTS (SELECT 1 FROM job_files f WHERE f.job_id = jobs.id)",
	};
	struct stmt *st;
	int step;
	if (store_prepare(s, sql[use], &st, err))
		return -1;
	stmt_bind_int64(st, 1, preview);
	stmt_bind_str(st, 2, owner);
	stmt_bind_int64(st, 3, (int64_t)clock_now() - JOB_PREVIEW_SECONDS);
	step = stmt_step(st);
	stmt_finalize(st);
	if (step == STORE_ERROR) {
		buf_addf(err, "cannot read the preview");
		return -1;
	}
	return step == STORE_DONE;
}

/* Opens the transaction that makes job *id (a new id) out of the kept
 * preview for use: 0 inside it, 1 when the preview cannot serve (rolled
 * back), −1 on a storage error (err; rolled back). */
static int begin_from_preview(struct store *s, int64_t preview, const char *owner,
			      enum preview_use use, int64_t *id, struct buf *err)
{
	int missing;
	if (store_begin(s, err))
		return -1;
	if ((missing = preview_kept(s, preview, owner, use, err)) == 0 && !next_id(s, id, err))
		return 0;
	store_rollback(s);
	return missing > 0 ? 1 : -1;
}

int store_job_commit_preview(struct store *s, int64_t preview, const char *owner,
			     const char *actor, int64_t *id, struct buf *err)
{
	char now[21];
	int rc;
	clock_now_iso(now);
	if ((rc = begin_from_preview(s, preview, owner, PREVIEW_COMMITTABLE, id, err)) != 0)
		return rc;
	{
		const int64_t ints[5] = { *id, 0, 0, (int64_t)clock_now(), preview };
		const char *const texts[5] = { NULL, actor, now, NULL, NULL };
		int64_t both[2] = { *id, preview };
		if (run(s, "INSERT INTO jobs (id, kind, state, owner, actor, dry_run, names, bytes,"
			" created_at, heartbeat, preview_of, params, encoding) SELECT CAST(? AS BIGINT), kind,"
			" 'queued', owner, CAST(? AS TEXT), 0, names, bytes, CAST(? AS TEXT), CAST(? AS BIGINT),"
			" id, params, encoding FROM jobs WHERE id = ?", 5, ints, texts, err) ||
		    run(s, "INSERT INTO job_files (job_id, seq, name, data) SELECT CAST(? AS BIGINT),"
			" seq, name, data FROM job_files WHERE job_id = ?", 2, both, NULL, err) ||
		    run(s, "UPDATE jobs SET committed_by = ? WHERE id = ?", 2, both, NULL, err) ||
		    run(s, "DELETE FROM job_files WHERE job_id = ?", 1, &preview, NULL, err))
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int store_job_recheck(struct store *s, int64_t preview, const char *owner, const char *actor,
		      const char *encoding, int64_t *id, struct buf *err)
{
	char now[21];
	int rc;
	clock_now_iso(now);
	if ((rc = begin_from_preview(s, preview, owner, PREVIEW_CHECKABLE, id, err)) != 0)
		return rc;
	{
		const int64_t ints[6] = { *id, 0, 0, (int64_t)clock_now(), 0, preview };
		const char *const texts[6] = { NULL, actor, now, NULL, encoding, NULL };
		int64_t both[2] = { *id, preview };
		if (run(s, "INSERT INTO jobs (id, kind, state, owner, actor, dry_run, names, bytes,"
			" created_at, heartbeat, encoding) SELECT CAST(? AS BIGINT), kind, 'queued', owner,"
			" CAST(? AS TEXT), 1, names, bytes, CAST(? AS TEXT), CAST(? AS BIGINT),"
			" CAST(? AS TEXT) FROM jobs WHERE id = ?", 6, ints, texts, err) ||
		    run(s, "INSERT INTO job_files (job_id, seq, name, data) SELECT CAST(? AS BIGINT),"
			" seq, name, data FROM job_files WHERE job_id = ?", 2, both, NULL, err))
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int store_job_claim(struct store *s, const char *server, int64_t *id, struct buf *err)
{
	struct stmt *st = NULL;
	char now[21];
	int64_t t = (int64_t)clock_now(), stale[3] = { t, t, t - JOB_STALE_SECONDS };
	const char *const stale_texts[3] = { now, NULL, NULL };
	int step, rc = -1;
	clock_now_iso(now);
	if (run(s, "UPDATE jobs SET state = 'failed', finished_at = ?, heartbeat = ?, ok = 0,"
		" rows = 0, files = 0, batch = 0, n_errors = 1,"
		" errors = 'the server running this job stopped before it finished; nothing was written'"
		" WHERE state = 'running' AND heartbeat < ?", 3, stale, stale_texts, err))
		return -1;
	/* One statement: of two servers claiming at once, one gets the job.
	 * PostgreSQL skips a row another claim has locked (and rechecks the
	 * state); SQLite runs one writing statement at a time. */
	if (store_prepare(s, s->ops->kind == STORE_SQLITE
			  ? "UPDATE jobs SET state = 'running', server = ?, started_at = ?, heartbeat = ?"
			    " WHERE state = 'queued' AND id = (SELECT min(id) FROM jobs WHERE state = 'queued')"
			    " RETURNING id"
			  : "UPDATE jobs SET state = 'running', server = ?, started_at = ?, heartbeat = ?"
			    " WHERE state = 'queued' AND id = (SELECT id FROM jobs WHERE state = 'queued'"
			    " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id", &st, err))
		return -1;
	stmt_bind_str(st, 1, server);
	stmt_bind_str(st, 2, now);
	stmt_bind_int64(st, 3, t);
	step = stmt_step(st);
	if (step == STORE_ERROR) {
		buf_addf(err, "cannot claim a job: %s", stmt_error(st));
	} else if (step == STORE_DONE) {
		rc = 1;
	} else {
		*id = stmt_int64(st, 0);
		while ((step = stmt_step(st)) == STORE_ROW)
			;
		rc = step == STORE_DONE ? 0 : -1;
		if (rc)
			buf_addf(err, "cannot claim a job: %s", stmt_error(st));
	}
	stmt_finalize(st);
	return rc;
}

int store_job_files(struct store *s, int64_t id, struct job_file **files, size_t *n,
		    struct buf *err)
{
	struct stmt *st = NULL;
	size_t cap = 0;
	int step;
	*files = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT name, data FROM job_files WHERE job_id = ? ORDER BY seq", &st, err))
		return -1;
	stmt_bind_int64(st, 1, id);
	while ((step = stmt_step(st)) == STORE_ROW) {
		size_t len;
		const unsigned char *data = stmt_blob(st, 1, &len);
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*files = xrealloc(*files, cap * sizeof **files);
		}
		struct job_file *f = &(*files)[(*n)++];
		f->name = xstrdup(stmt_text(st, 0, NULL));
		f->data = xmalloc(len + 1);
		if (len)
			memcpy(f->data, data, len);
		f->data[len] = '\0';
		f->len = len;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "cannot read the job's files: %s", stmt_error(st));
		stmt_finalize(st);
		store_job_files_free(*files, *n);
		*files = NULL;
		*n = 0;
		return -1;
	}
	stmt_finalize(st);
	return 0;
}

int store_job_progress(struct store *s, int64_t id, int64_t rows, int64_t bytes,
		       struct buf *err)
{
	const int64_t ints[4] = { rows, bytes, (int64_t)clock_now(), id };
	return run(s, "UPDATE jobs SET progress_rows = ?, progress_bytes = ?, heartbeat = ?"
		   " WHERE id = ?", 4, ints, NULL, err);
}

int store_job_finish(struct store *s, int64_t id, const char *state, const struct job_result *r,
		     struct buf *err)
{
	char now[21];
	clock_now_iso(now);
	const int64_t ints[15] = { 0, 0, (int64_t)clock_now(), r->ok != 0, r->rows, r->files,
				   r->batch, r->n_errors, 0, 0, 0, 0, 0, r->rows, id };
	const char *const texts[15] = { state, now, NULL, NULL, NULL, NULL, NULL, NULL,
					r->errors ? r->errors : "", r->limit_name ? r->limit_name : "",
					r->problems ? r->problems : "", r->preview ? r->preview : "",
					r->detail ? r->detail : "", NULL, NULL };
	int64_t keep = id;
	if (store_begin(s, err))
		return -1;
	/* A preview keeps its files for the commit (when valid) or for a
	 * check in another encoding; nothing else does. */
	if (run(s, "UPDATE jobs SET state = ?, finished_at = ?, heartbeat = ?, ok = ?, rows = ?,"
		" files = ?, batch = ?, n_errors = ?, errors = NULLIF(?, ''), limit_name = NULLIF(?, ''),"
		" problems = NULLIF(?, ''), preview = NULLIF(?, ''), detail = NULLIF(?, ''),"
		" progress_rows = ? WHERE id = ?", 15, ints, texts, err) ||
	    run(s, "DELETE FROM job_files WHERE job_id = ? AND job_id NOT IN (SELECT id FROM jobs"
		" WHERE dry_run = 1)", 1, &keep, NULL, err))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int store_job_get(struct store *s, int64_t id, struct job *out, struct buf *err)
{
	struct stmt *st = NULL;
	int step;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " JOB_COLUMNS " FROM jobs j WHERE j.id = ?", &st, err))
		return -1;
	stmt_bind_int64(st, 1, id);
	step = stmt_step(st);
	if (step == STORE_ROW)
		read_job(st, out);
	else if (step == STORE_ERROR)
		buf_addf(err, "cannot read job %lld: %s", (long long)id, stmt_error(st));
	stmt_finalize(st);
	return step == STORE_ROW ? 0 : step == STORE_DONE ? 1 : -1;
}

int store_job_list(struct store *s, int limit, struct job **out, size_t *n, struct buf *err)
{
	struct stmt *st = NULL;
	int step;
	*out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof **out);
	*n = 0;
	if (store_prepare(s, "SELECT " JOB_COLUMNS " FROM jobs j ORDER BY"
			  " CASE WHEN j.state IN ('queued', 'running') THEN 0 ELSE 1 END,"
			  " CASE WHEN j.state IN ('queued', 'running') THEN j.id ELSE -j.id END"
			  " LIMIT ?", &st, err)) {
		xfree(*out);
		*out = NULL;
		return -1;
	}
	stmt_bind_int64(st, 1, limit);
	while ((step = stmt_step(st)) == STORE_ROW && *n < (size_t)limit)
		read_job(st, &(*out)[(*n)++]);
	if (step == STORE_ERROR) {
		buf_addf(err, "cannot list the jobs: %s", stmt_error(st));
		stmt_finalize(st);
		store_job_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	stmt_finalize(st);
	return 0;
}

void store_job_list_free(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_job_release(&jobs[i]);
	xfree(jobs);
}
