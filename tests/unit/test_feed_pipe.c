/* SPDX-License-Identifier: MIT */
/* Unit tests of reading a feed's files in a thread of their own
 * (src/io/feed_pipe.c): the parser runs in another thread, the records,
 * problems, progress and hooks reach the caller in its own thread and in
 * the parser's order, across many hand-over batches and files; a sink's
 * non-zero value and a file with problems end the run; and
 * TANDEM_FEED_SERIAL=1 keeps everything in the caller's thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "io/feed.h"

/* A format of its own: file i holds 10,000 + i records of source "Q<i>",
 * start k, offered k; a problem line before every 1,000th record; ticket
 * records in the file named "tickets". */
static pthread_t parser_thread;

static int fake_parse(const struct feed_file *f, const struct feed_map *map, const struct feed_sink *sink,
		      struct buf *errors, uint64_t *n_errors)
{
	int n = 10000 + (int)strtol(f->name + 1, NULL, 10);
	char id[16];
	(void)map;
	parser_thread = pthread_self();
	snprintf(id, sizeof id, "Q%s", f->name + 1);
	for (int k = 0; k < n; k++) {
		int rc;
		if (k % 1000 == 999) {
			buf_addf(errors, "%s:%d:1: problem\n", f->name, k);
			(*n_errors)++;
		}
		if (!strcmp(f->name, "tickets")) {
			char key[24];
			struct feed_ticket t = { "G", 1, key, 0, k, FEED_NO_TIME };
			t.key_len = (size_t)snprintf(key, sizeof key, "T%d/m/1", k);
			rc = sink->ticket(sink->ctx, &t);
		} else {
			struct feed_interval iv = { id, strlen(id), k, k, 0, 0, 0, 0, 0, 0, 0 };
			rc = sink->interval(sink->ctx, &iv);
		}
		if (rc)
			return rc;
		if (k % 4096 == 0 && sink->progress)
			sink->progress(sink->ctx, (uint64_t)k, (uint64_t)n);
	}
	return 0;
}

static const struct feed_format fake = { "fake", 0, fake_parse, "", "" };

struct seen {
	pthread_t caller;
	int wrong_thread;
	int file;                 /* file_begin's */
	int64_t next;             /* the start expected next */
	int64_t records, tickets, out_of_order;
	int files_done;
	uint64_t errors;
	int stop_at;              /* a sink's -1 at this record of file 1 (-1: never) */
	int stop_files_with_errors;
	int progressed;
};

static void check_thread(struct seen *s)
{
	if (!pthread_equal(pthread_self(), s->caller))
		s->wrong_thread = 1;
}

static int on_iv(void *ctx, const struct feed_interval *iv)
{
	struct seen *s = ctx;
	char want[16];
	check_thread(s);
	snprintf(want, sizeof want, "Q%d", s->file);
	if (iv->start != s->next || iv->offered != iv->start || iv->source_len != strlen(want) ||
	    memcmp(iv->source_id, want, iv->source_len))
		s->out_of_order++;
	s->next++;
	s->records++;
	if (s->file == 1 && iv->start == s->stop_at)
		return -1;
	return 0;
}

static int on_tk(void *ctx, const struct feed_ticket *t)
{
	struct seen *s = ctx;
	char want[24];
	check_thread(s);
	snprintf(want, sizeof want, "T%d/m/1", (int)s->next);
	if (t->key_len != strlen(want) || memcmp(t->key, want, t->key_len) || t->source_len != 1 ||
	    *t->source_id != 'G' || t->breach_at != s->next)
		s->out_of_order++;
	s->next++;
	s->tickets++;
	return 0;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct seen *s = ctx;
	check_thread(s);
	if (done <= total)
		s->progressed++;
}

static void begin(void *ctx, int i)
{
	struct seen *s = ctx;
	check_thread(s);
	s->file = i;
	s->next = 0;
}

static int done(void *ctx, int i, uint64_t n_errors, int rc)
{
	struct seen *s = ctx;
	check_thread(s);
	if (i != s->file)
		s->out_of_order++;
	s->files_done++;
	s->errors += n_errors;
	return rc || (s->stop_files_with_errors && n_errors);
}

static void run(struct seen *s, const struct feed_file *files, int n, struct buf *errors)
{
	struct feed_sink sink = { s, on_iv, on_tk, on_progress };
	struct feed_pipe_hooks h = { s, begin, done };
	s->caller = pthread_self();
	s->file = -1;
	assert_int_equal(feed_parse_files(&fake, files, n, NULL, &sink, errors, &h), 0);
}

static const struct feed_file three[] = { { "f0", "f0", NULL, 0 }, { "f1", "f1", NULL, 0 },
					  { "f2", "f2", NULL, 0 } };

static void pipe_order_threads_and_problems(void **state)
{
	struct seen s;
	struct buf errors = BUF_INIT;
	(void)state;
	memset(&s, 0, sizeof s);
	s.stop_at = -1;
	unsetenv("TANDEM_FEED_SERIAL");
	run(&s, three, 3, &errors);
	assert_false(pthread_equal(parser_thread, s.caller));
	assert_int_equal(s.wrong_thread, 0);
	assert_int_equal(s.out_of_order, 0);
	assert_int_equal(s.records, 30003);
	assert_int_equal(s.files_done, 3);
	assert_int_equal(s.errors, 30);
	assert_true(s.progressed > 0);
	/* The problems in the parser's order, each file's after the one before. */
	assert_int_equal(strncmp(errors.data, "f0:999:1: problem\nf0:1999:1: problem\n", 37), 0);
	assert_non_null(strstr(errors.data, "f0:9999:1: problem\nf1:999:1: problem\n"));
	assert_non_null(strstr(errors.data, "f2:9999:1: problem\n"));
	assert_int_equal(errors.len, 3 * (18 + 9 * 19));
	buf_release(&errors);
}

static void pipe_serial_stays_in_the_caller(void **state)
{
	struct seen s;
	struct buf errors = BUF_INIT, threaded = BUF_INIT;
	(void)state;
	memset(&s, 0, sizeof s);
	s.stop_at = -1;
	setenv("TANDEM_FEED_SERIAL", "1", 1);
	run(&s, three, 3, &errors);
	unsetenv("TANDEM_FEED_SERIAL");
	assert_true(pthread_equal(parser_thread, s.caller));
	assert_int_equal(s.records, 30003);
	assert_int_equal(s.errors, 30);
	memset(&s, 0, sizeof s);
	s.stop_at = -1;
	run(&s, three, 3, &threaded);
	assert_string_equal(threaded.data, errors.data);
	buf_release(&errors);
	buf_release(&threaded);
}

static void pipe_sink_stop_and_bad_file_end_the_run(void **state)
{
	struct seen s;
	struct buf errors = BUF_INIT;
	(void)state;
	memset(&s, 0, sizeof s);
	/* The sink says stop at record 5,000 of file 1: file 2 never comes. */
	s.stop_at = 5000;
	run(&s, three, 3, &errors);
	assert_int_equal(s.records, 10000 + 5001);
	assert_int_equal(s.files_done, 2);
	assert_int_equal(s.file, 1);
	assert_null(strstr(errors.data, "f2:"));
	assert_non_null(strstr(errors.data, "f1:4999:1: problem\n"));
	assert_null(strstr(errors.data, "f1:5999:1"));
	buf_release(&errors);
	/* A file with problems ends the run when the hook says so. */
	memset(&s, 0, sizeof s);
	s.stop_at = -1;
	s.stop_files_with_errors = 1;
	run(&s, three, 3, &errors);
	assert_int_equal(s.files_done, 1);
	assert_int_equal(s.records, 10000);
	assert_null(strstr(errors.data, "f1:"));
	buf_release(&errors);
}

static void pipe_tickets_cross_too(void **state)
{
	struct seen s;
	struct buf errors = BUF_INIT;
	static const struct feed_file t[] = { { "tickets", "tickets", NULL, 0 } };
	(void)state;
	memset(&s, 0, sizeof s);
	s.stop_at = -1;
	run(&s, t, 1, &errors);
	assert_int_equal(s.tickets, 10000);
	assert_int_equal(s.out_of_order, 0);
	assert_int_equal(s.wrong_thread, 0);
	buf_release(&errors);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pipe_order_threads_and_problems),
		cmocka_unit_test(pipe_serial_stays_in_the_caller),
		cmocka_unit_test(pipe_sink_stop_and_bad_file_end_the_run),
		cmocka_unit_test(pipe_tickets_cross_too),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
