/* SPDX-License-Identifier: MIT */
/* The job queue of store/jobs.h on SQLite: ids in order, claims oldest
 * first and never twice, files kept for a valid preview only, a preview
 * committed once and only by its owner, a silent server's job failed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/jobs.h"
#include "test_store_fixture.h"

static void jobs_queue(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-jobs-XXXXXX";
	struct store *s = test_store_new(path, 0);
	struct buf err = BUF_INIT;
	struct job_file files[2] = { { "clients.csv", "id,name\n", 8 }, { "people.csv", "x\0y", 3 } };
	struct job_file *got;
	size_t n;
	struct job j;
	int64_t a, b, c, claimed, commit;

	assert_int_equal(store_job_enqueue(s, "import", "ann", "user:ann", 1, NULL, files, 2, &a, &err), 0);
	assert_int_equal(store_job_enqueue(s, "import", "bob", "user:bob", 0, NULL, files, 1, &b, &err), 0);
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_int_equal(store_job_get(s, b, &j, &err), 0);
	assert_string_equal(j.state, "queued");
	assert_string_equal(j.names, "clients.csv");
	assert_int_equal(j.ahead, 1);
	assert_int_equal(j.bytes, 8);
	assert_int_equal(j.finished, 0);
	store_job_release(&j);

	/* Oldest first, each once. */
	assert_int_equal(store_job_claim(s, "host:1", &claimed, &err), 0);
	assert_int_equal(claimed, a);
	assert_int_equal(store_job_claim(s, "host:2", &claimed, &err), 0);
	assert_int_equal(claimed, b);
	assert_int_equal(store_job_claim(s, "host:1", &claimed, &err), 1);
	assert_int_equal(store_job_get(s, a, &j, &err), 0);
	assert_string_equal(j.state, "running");
	assert_string_equal(j.server, "host:1");
	store_job_release(&j);

	/* The files come back as they went in, binary included. */
	assert_int_equal(store_job_files(s, a, &got, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(got[0].name, "clients.csv");
	assert_int_equal(got[1].len, 3);
	assert_memory_equal(got[1].data, "x\0y", 3);
	store_job_files_free(got, n);

	assert_int_equal(store_job_progress(s, a, 7, 11, &err), 0);
	struct job_result ok = { 1, 1, 0, 0, 1, NULL, NULL };
	assert_int_equal(store_job_finish(s, a, "done", &ok, &err), 0);
	struct job_result bad = { 0, 1, 0, 2, 1, "clients.csv:2:1: x\nclients.csv:3:1: y\n",
				  "xlsx-max-gap" };
	assert_int_equal(store_job_finish(s, b, "failed", &bad, &err), 0);
	assert_int_equal(store_job_get(s, b, &j, &err), 0);
	assert_string_equal(j.state, "failed");
	assert_int_equal(j.n_errors, 2);
	assert_string_equal(j.limit_name, "xlsx-max-gap");
	assert_string_equal(j.errors, "clients.csv:2:1: x\nclients.csv:3:1: y\n");
	store_job_release(&j);
	/* A valid preview keeps its files; a failed job does not. */
	assert_int_equal(test_count(s, "SELECT count(*) FROM job_files WHERE job_id = 1"), 2);
	assert_int_equal(test_count(s, "SELECT count(*) FROM job_files WHERE job_id = 2"), 0);

	/* Only its owner commits a preview, once; a failed job is no preview. */
	assert_int_equal(store_job_commit_preview(s, a, "bob", "user:bob", &commit, &err), 1);
	assert_int_equal(store_job_commit_preview(s, b, "bob", "user:bob", &commit, &err), 1);
	assert_int_equal(store_job_commit_preview(s, a, "ann", "user:ann", &commit, &err), 0);
	assert_int_equal(commit, 3);
	assert_int_equal(store_job_commit_preview(s, a, "ann", "user:ann", &c, &err), 1);
	assert_int_equal(store_job_get(s, commit, &j, &err), 0);
	assert_string_equal(j.state, "queued");
	assert_int_equal(j.dry_run, 0);
	assert_int_equal(j.preview_of, a);
	store_job_release(&j);
	assert_int_equal(store_job_get(s, a, &j, &err), 0);
	assert_int_equal(j.committed_by, commit);
	store_job_release(&j);
	assert_int_equal(test_count(s, "SELECT count(*) FROM job_files WHERE job_id = 3"), 2);
	assert_int_equal(test_count(s, "SELECT count(*) FROM job_files WHERE job_id = 1"), 0);

	/* A running job whose server went quiet is failed at the next claim. */
	assert_int_equal(store_job_claim(s, "host:1", &claimed, &err), 0);
	assert_int_equal(claimed, commit);
	assert_int_equal(store_exec(s, "UPDATE jobs SET heartbeat = heartbeat - 901 WHERE id = 3", &err), 0);
	assert_int_equal(store_job_claim(s, "host:2", &claimed, &err), 1);
	assert_int_equal(store_job_get(s, commit, &j, &err), 0);
	assert_string_equal(j.state, "failed");
	assert_string_equal(j.errors,
			    "the server running this job stopped before it finished; nothing was written");
	store_job_release(&j);

	/* The list: waiting and running first (none now), then newest first. */
	struct job *list;
	assert_int_equal(store_job_list(s, 2, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, 3);
	assert_int_equal(list[1].id, 2);
	store_job_list_free(list, n);

	store_close(s);
	unlink(path);
	buf_release(&err);
}

/* A preview, valid or not, is checked again in another encoding with the
 * same files; its preview and problems are kept with it as JSON. */
static void jobs_recheck(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-jobs-XXXXXX";
	struct store *s = test_store_new(path, 0);
	struct buf err = BUF_INIT;
	struct job_file files[1] = { { "clients.csv", "id,name\n", 8 } };
	int64_t a, claimed, again;
	struct job j;
	assert_int_equal(store_job_enqueue(s, "import", "ann", "user:ann", 1, NULL, files, 1, &a, &err), 0);
	assert_int_equal(store_job_claim(s, "h:1", &claimed, &err), 0);
	struct job_result bad = { 0, 1, 0, 1, 1, "clients.csv:2:1: x\n", NULL,
				  "{\"total\":1,\"items\":[]}", NULL };
	assert_int_equal(store_job_finish(s, a, "failed", &bad, &err), 0);
	assert_int_equal(test_count(s, "SELECT count(*) FROM job_files WHERE job_id = 1"), 1);
	assert_int_equal(store_job_get(s, a, &j, &err), 0);
	assert_null(j.encoding);
	assert_string_equal(j.problems, "{\"total\":1,\"items\":[]}");
	assert_null(j.preview);
	store_job_release(&j);
	assert_int_equal(store_job_recheck(s, a, "bob", "user:bob", "cp949", &again, &err), 1);
	assert_int_equal(store_job_recheck(s, 99, "ann", "user:ann", "cp949", &again, &err), 1);
	assert_int_equal(store_job_recheck(s, a, "ann", "user:ann", "cp949", &again, &err), 0);
	assert_int_equal(again, 2);
	assert_int_equal(store_job_get(s, again, &j, &err), 0);
	assert_string_equal(j.state, "queued");
	assert_int_equal(j.dry_run, 1);
	assert_string_equal(j.encoding, "cp949");
	assert_string_equal(j.names, "clients.csv");
	store_job_release(&j);
	assert_int_equal(test_count(s, "SELECT count(*) FROM job_files WHERE job_id = 2"), 1);
	store_close(s);
	unlink(path);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jobs_queue),
		cmocka_unit_test(jobs_recheck),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
