/* SPDX-License-Identifier: MIT */
/* Background jobs (imports) kept in the store, so that every server on one
 * database sees the same queue and a job is run by exactly one of them:
 * a request stores the upload and enqueues; a server's runner claims the
 * oldest queued job with one atomic statement (PostgreSQL: FOR UPDATE SKIP
 * LOCKED). Strings of a struct job are owned by it (store_job_release);
 * the files of store_job_files are the caller's (store_job_files_free). */
#ifndef TANDEM_JOBS_H
#define TANDEM_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A running job whose server has not been heard of for this long is
 * failed ("the server running it stopped"), so the queue moves on. */
#define JOB_STALE_SECONDS 900
/* A preview's files may be committed for this long after it finished. */
#define JOB_PREVIEW_SECONDS 600

struct job_file {
	char *name;
	char *data;
	size_t len;
};

struct job {
	int64_t id;
	char *kind;            /* "import" */
	char *state;           /* "queued", "running", "done", "failed" */
	char *owner;           /* the account that enqueued it */
	char *actor;           /* for the audit log: "user:NAME" */
	int dry_run;
	char *names;           /* the file names, ", " between */
	int64_t bytes;         /* of the files */
	char *created_at, *started_at, *finished_at;   /* ISO UTC; NULL when not yet */
	char *server;          /* who claimed it: "HOST:PID" */
	int64_t progress_rows, progress_bytes;
	int finished;          /* the result fields below are set */
	int ok;                /* valid (a preview) or written */
	int64_t rows, batch, n_errors;
	int files;
	char *errors;          /* one problem a line, or NULL */
	char *limit_name;      /* the reading limit that stopped it, or NULL */
	int64_t preview_of;    /* the preview this import commits, or 0 */
	int64_t committed_by;  /* for a preview: the job that committed it, or 0 */
	int64_t ahead;         /* queued or running jobs before it */
	char *params;          /* what to run, the kind's own text (a feed: format,
				* map name and map, one a line), or NULL */
	char *detail;          /* the kind's own result, a JSON object, or NULL */
};

struct job_result {
	int ok;
	int64_t rows, batch, n_errors;
	int files;
	const char *errors;
	const char *limit_name;
	const char *detail;    /* a JSON object, or NULL */
};

void store_job_release(struct job *j);
void store_job_files_free(struct job_file *files, size_t n);

/* Stores files and a queued job of kind in one transaction; *id is its
 * id. Returns 0, or -1 with err. */
int store_job_enqueue(struct store *s, const char *kind, const char *owner, const char *actor,
		      int dry_run, const struct job_file *files, size_t n, int64_t *id,
		      struct buf *err);
/* The same with the kind's params (NULL: none), kept with the job. */
int store_job_enqueue_params(struct store *s, const char *kind, const char *params, const char *owner,
			     const char *actor, int dry_run, const struct job_file *files, size_t n,
			     int64_t *id, struct buf *err);
/* Enqueues the import of a finished, valid preview of owner's that is
 * younger than JOB_PREVIEW_SECONDS and not committed yet, with the
 * preview's files. Returns 0 (*id set), 1 when there is no such preview,
 * or -1 with err. */
int store_job_commit_preview(struct store *s, int64_t preview, const char *owner,
			     const char *actor, int64_t *id, struct buf *err);
/* Fails the jobs whose server went quiet, then claims the oldest queued
 * job for server. Returns 0 (*id set), 1 when none is queued, -1 with err. */
int store_job_claim(struct store *s, const char *server, int64_t *id, struct buf *err);
/* The files of job id, in upload order; free with store_job_files_free. */
int store_job_files(struct store *s, int64_t id, struct job_file **files, size_t *n,
		    struct buf *err);
/* Records progress and that the job's server is alive. */
int store_job_progress(struct store *s, int64_t id, int64_t rows, int64_t bytes,
		       struct buf *err);
/* Ends job id as "done" or "failed" with its result; drops its files
 * unless it is a valid preview. */
int store_job_finish(struct store *s, int64_t id, const char *state, const struct job_result *r,
		     struct buf *err);
/* One job: 0, 1 when there is none, -1 with err. Release *out. */
int store_job_get(struct store *s, int64_t id, struct job *out, struct buf *err);
/* The queued and running jobs, oldest first, then the newest finished
 * ones, limit in all. Free with store_job_list_free. */
int store_job_list(struct store *s, int limit, struct job **out, size_t *n, struct buf *err);
void store_job_list_free(struct job *jobs, size_t n);

#endif
