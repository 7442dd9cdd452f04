/* SPDX-License-Identifier: MIT */
/* store/import.c and its parts on SQLite: in-memory files and a form's
 * record (values) through the same checks; problems as values with their
 * positions and schema columns; all or nothing; the preview of a dry run
 * (new, changed with the changed cells, unchanged, rows and month-block
 * measurements alike); the progress callback; duplicates and references;
 * the background writeback of a transaction (store_writeback).
 * Every assertion is an exact value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/problems.h"
#include "store/audit.h"
#include "store/import.h"
#include "test_store_fixture.h"

struct fixture {
	char path[64];
	char key[80];
	struct store *s;
};

static const char units[] = "id,name,kind,parent_id\nHQ,HQ,executive,\nS1,Sales,sales,HQ\n"
			    "O1,Ops,operations,HQ\n";
static const char people[] = "id,name,email,org_unit_id\nP-S1,Lee,s1@x,S1\nP-O1,Park,o1@x,O1\n";
static const char clients[] = "id,name,industry,referred_by\nC1,One,telecom,\nC2,Two,insurance,C1\n";
static const char contracts[] =
	"id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,"
	"annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,"
	"planned_stabilization_months,parent_contract_id,renews_contract_id\n"
	"K1,C1,call,2025-01-10,2025-02-01,2025-03-03,2025-03-15,,1200,medium,P-S1,P-O1,30,3,,\n";
static const char metrics[] = "contract_id,metric,name,direction,target,initial_target,unit\n"
			      "K1,SL,Service level,higher,0.8,,ratio\n";
static const char measurements[] = "contract_id,metric,date,numerator,denominator\n"
				   "K1,SL,2025-03-15,800,1000\nK1,SL,2025-03-16,850,1000\n";

static int run_mem(struct store *s, const struct import_source *src, int n, int dry_run,
		   struct preview *preview, struct import_result *res, struct problem_list *problems)
{
	struct import_options opt = { .dry_run = dry_run, .max_errors = 50, .actor = "test",
				      .preview = preview };
	struct buf err = BUF_INIT;
	problems_init(problems, 0);
	int rc = store_import_mem(s, src, n, &opt, res, problems, &err);
	buf_release(&err);
	return rc;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct buf err = BUF_INIT;
	struct import_result res;
	struct problem_list problems;
	strcpy(f->path, "/tmp/tandem-import-XXXXXX");
	f->s = test_store_new(f->path, 1);
	snprintf(f->key, sizeof f->key, "%s.key", f->path);
	struct import_source src[6] = {
		{ .name = "org_units.csv", .data = units, .len = sizeof units - 1 },
		{ .name = "people.csv", .data = people, .len = sizeof people - 1 },
		{ .name = "clients.csv", .data = clients, .len = sizeof clients - 1 },
		{ .name = "contracts.csv", .data = contracts, .len = sizeof contracts - 1 },
		{ .name = "sla_metrics.csv", .data = metrics, .len = sizeof metrics - 1 },
		{ .name = "measurements.csv", .data = measurements, .len = sizeof measurements - 1 },
	};
	assert_int_equal(run_mem(f->s, src, 6, 0, NULL, &res, &problems), 0);
	assert_int_equal(res.rows, 11);
	assert_int_equal(res.files, 6);
	assert_int_equal(res.batch, 1);
	problems_release(&problems);
	buf_release(&err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	unlink(f->path);
	unlink(f->key);
	free(f);
	return 0;
}

/* A dry run says what would be new, changed (and which cells) and the
 * same, for rows and for measurements, and writes nothing. */
static void store_import_preview(void **state)
{
	struct fixture *f = *state;
	static const char c2[] = "id,name,industry,referred_by\nC1,One,telecom,\nC2,Two,finance,\n"
				 "C3,Three,retail,C2\n";
	static const char m2[] = "contract_id,metric,date,numerator,denominator\n"
				 "K1,SL,2025-03-15,800,1000\nK1,SL,2025-03-16,900,\nK1,SL,2025-03-17,1,\n";
	struct import_source src[2] = {
		{ .name = "clients.csv", .data = c2, .len = sizeof c2 - 1 },
		{ .name = "measurements.csv", .data = m2, .len = sizeof m2 - 1 },
	};
	struct preview p;
	struct import_result res;
	struct problem_list problems;
	memset(&p, 0, sizeof p);
	assert_int_equal(run_mem(f->s, src, 2, 1, &p, &res, &problems), 0);
	assert_int_equal(problems.total, 0);
	assert_int_equal(p.n_files, 2);
	const struct preview_file *cf = &p.files[0], *mf = &p.files[1];
	assert_string_equal(cf->file, "clients.csv");
	assert_int_equal(cf->added, 1);
	assert_int_equal(cf->changed, 1);
	assert_int_equal(cf->unchanged, 1);
	assert_int_equal(cf->n_rows, 2);
	assert_string_equal(cf->rows[0].key, "C2");
	assert_int_equal(cf->rows[0].line, 3);
	assert_int_equal(cf->rows[0].changed, 1);
	assert_int_equal(cf->rows[0].n_cells, 2);
	assert_string_equal(cf->rows[0].cells[0].column, "industry");
	assert_string_equal(cf->rows[0].cells[0].before, "insurance");
	assert_string_equal(cf->rows[0].cells[0].after, "finance");
	assert_string_equal(cf->rows[0].cells[1].column, "referred_by");
	assert_string_equal(cf->rows[0].cells[1].before, "C1");
	assert_null(cf->rows[0].cells[1].after);
	assert_string_equal(cf->rows[1].key, "C3");
	assert_int_equal(cf->rows[1].changed, 0);
	assert_string_equal(mf->table, "measurements");
	assert_int_equal(mf->added, 1);
	assert_int_equal(mf->changed, 1);
	assert_int_equal(mf->unchanged, 1);
	assert_string_equal(mf->rows[0].key, "K1/SL/2025-03-16");
	/* 900 over an empty denominator (1) replaces 850 / 1000. */
	assert_int_equal(mf->rows[0].n_cells, 2);
	assert_string_equal(mf->rows[0].cells[0].before, "850");
	assert_string_equal(mf->rows[0].cells[0].after, "900");
	assert_string_equal(mf->rows[0].cells[1].column, "denominator");
	assert_string_equal(mf->rows[0].cells[1].before, "1000");
	assert_string_equal(mf->rows[0].cells[1].after, "1");
	assert_string_equal(mf->rows[1].key, "K1/SL/2025-03-17");
	/* Nothing was written. */
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM clients"), 2);
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM clients WHERE industry = 'insurance'"), 1);
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM imports"), 1);
	preview_release(&p);
	problems_release(&problems);
}

/* A form's record goes through the same checks as a file's row, without
 * becoming CSV: its problems name the schema column. */
static void store_import_values(void **state)
{
	struct fixture *f = *state;
	const char *bad[16] = { "K2", "C404", NULL, "2025-05-01", NULL, NULL, "2025-06-01", NULL,
				"4억", "low", "P-S1", "P-O1", NULL, NULL, NULL, NULL };
	struct import_source src = { .name = "contracts.csv", .values = bad };
	struct import_result res;
	struct problem_list problems;
	struct buf lines = BUF_INIT;
	assert_int_equal(run_mem(f->s, &src, 1, 1, NULL, &res, &problems), 1);
	assert_int_equal(res.errors, 1);
	assert_int_equal(problems.n, 1);
	assert_string_equal(problems.items[0].code, "bad_number_syntax");
	assert_int_equal(problems.items[0].col, 8);
	problems_render(&problems, LANG_EN, &lines);
	assert_string_equal(lines.data, "contracts.csv:2:9: bad number '4억' for annual_value: not a number"
					" (use '.' for decimals and no thousands separators)\n");
	problems_release(&problems);

	/* With the amount fixed, the reference is checked against the store. */
	bad[8] = "450000000";
	assert_int_equal(run_mem(f->s, &src, 1, 0, NULL, &res, &problems), 1);
	assert_int_equal(problems.n, 1);
	assert_string_equal(problems.items[0].code, "unknown_ref");
	assert_int_equal(problems.items[0].col, 1);
	assert_string_equal(problems.items[0].value, "C404");
	buf_reset(&lines);
	problems_render(&problems, LANG_KO, &lines);
	assert_string_equal(lines.data, "contracts.csv:2:2: 없는 고객사 'C404'\n");
	problems_release(&problems);

	bad[1] = "C1";
	assert_int_equal(run_mem(f->s, &src, 1, 0, NULL, &res, &problems), 0);
	assert_int_equal(res.batch, 2);
	assert_int_equal(test_count(f->s, "SELECT annual_value FROM contracts WHERE id = 'K2'"),
			 450000000LL * 1000000);
	problems_release(&problems);
	buf_release(&lines);
}

/* Every problem of the import, all of them, and nothing written. */
static void store_import_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	static const char c[] = "id,name,industry,referred_by\nC5,Five,,\nC5,Again,,\nC6,,,C7\n";
	static const char r[] = "client_id,date,level,rated_by\nC1,2025-01-01,3,P-O1\n";
	struct import_source src[2] = {
		{ .name = "clients.csv", .data = c, .len = sizeof c - 1 },
		{ .name = "relationship_ratings.csv", .data = r, .len = sizeof r - 1 },
	};
	struct import_result res;
	struct problem_list problems;
	struct buf lines = BUF_INIT;
	assert_int_equal(run_mem(f->s, src, 2, 0, NULL, &res, &problems), 1);
	problems_render(&problems, LANG_EN, &lines);
	assert_string_equal(lines.data,
			    "clients.csv:3:1: duplicate key 'C5' (first at line 2)\n"
			    "clients.csv:4:2: name is required\n"
			    "relationship_ratings.csv:2:4: rated_by 'P-O1' is in an operations unit:"
			    " operations cannot rate its own client relationship\n");
	assert_int_equal(res.errors, 3);
	assert_int_equal(res.rows, 4);
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM clients WHERE id = 'C5'"), 0);
	problems_release(&problems);
	buf_release(&lines);
}

struct seen {
	char file[64];
	uint64_t rows, total;
	int done;
	int calls;
};

static void on_progress(void *ctx, const struct import_progress *p)
{
	struct seen *s = ctx;
	snprintf(s->file, sizeof s->file, "%s", p->file);
	s->rows = p->rows;
	s->total = p->total_bytes;
	s->done = p->done;
	s->calls++;
}

static void store_import_progress(void **state)
{
	struct fixture *f = *state;
	struct import_source src = { .name = "clients.csv", .data = clients, .len = sizeof clients - 1 };
	struct seen seen;
	struct import_options opt = { .dry_run = 1, .on_progress = on_progress, .progress_ctx = &seen };
	struct import_result res;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct buf err = BUF_INIT;
	memset(&seen, 0, sizeof seen);
	assert_int_equal(store_import_mem(f->s, &src, 1, &opt, &res, &problems, &err), 0);
	assert_string_equal(seen.file, "clients.csv");
	assert_int_equal(seen.rows, 2);
	assert_int_equal(seen.total, sizeof clients - 1);
	assert_int_equal(seen.done, 1);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(problems.max, 100);
	problems_release(&problems);
	buf_release(&err);
}

/* An unknown file is a problem with its position, counted like the rest. */
static void store_import_unknown_file(void **state)
{
	struct fixture *f = *state;
	struct import_source src = { .name = "client.csv", .data = clients, .len = sizeof clients - 1 };
	struct import_result res;
	struct problem_list problems;
	assert_int_equal(run_mem(f->s, &src, 1, 1, NULL, &res, &problems), 1);
	assert_int_equal(problems.n, 1);
	assert_string_equal(problems.items[0].code, "unknown_file");
	assert_string_equal(problems.items[0].args[0], "client.csv");
	assert_int_equal(strncmp(problems.items[0].args[1], "org_units.csv, people.csv, clients.csv, ", 40), 0);
	assert_int_equal(problems.items[0].line, 1);
	assert_int_equal(res.files, 0);
	problems_release(&problems);
}

/* store_writeback(): inside a transaction only, on SQLite on Linux the
 * database and its WAL (2), started once, and over when the transaction
 * ends: committed, rolled back, or the store closed with it open. What
 * the transaction wrote is committed or not as without it. */
static void add_rows(struct store *s, int from, int n)
{
	static unsigned char blob[2048];
	struct buf err = BUF_INIT;
	struct stmt *st = NULL;
	assert_int_equal(store_prepare(s, "INSERT INTO wb (n, b) VALUES (?, ?)", &st, &err), 0);
	for (int i = from; i < from + n; i++) {
		blob[i % sizeof blob] = (unsigned char)i;
		stmt_bind_int64(st, 1, i);
		stmt_bind_blob(st, 2, blob, sizeof blob);
		assert_int_equal(stmt_step(st), STORE_DONE);
		stmt_reset(st);
	}
	stmt_finalize(st);
	buf_release(&err);
}

static void store_writeback_lifecycle(void **state)
{
	struct fixture *f = *state;
	struct buf err = BUF_INIT;
#ifdef __linux__
	const int files = 2;
#else
	const int files = 0;
#endif
	assert_int_equal(store_writeback(f->s), 0);   /* no transaction */
	assert_int_equal(store_exec(f->s, "CREATE TABLE wb (n INTEGER, b BLOB)", &err), 0);
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_writeback(f->s), files);
	assert_int_equal(store_writeback(f->s), files);
	add_rows(f->s, 0, 4000);   /* 8 MB: the WAL grows past the cache */
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM wb"), 4000);
	assert_int_equal(test_count(f->s, "SELECT sum(n) FROM wb"), 7998000);

	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_writeback(f->s), files);
	add_rows(f->s, 4000, 10);
	assert_int_equal(store_rollback(f->s), 0);
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM wb"), 4000);

	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_writeback(f->s), files);
	add_rows(f->s, 4010, 10);
	store_close(f->s);
	assert_int_equal(store_open(f->path, &f->s, &err), 0);
	assert_int_equal(test_count(f->s, "SELECT count(*) FROM wb"), 4000);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(store_import_preview, setup, teardown),
		cmocka_unit_test_setup_teardown(store_import_values, setup, teardown),
		cmocka_unit_test_setup_teardown(store_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(store_import_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(store_import_unknown_file, setup, teardown),
		cmocka_unit_test_setup_teardown(store_writeback_lifecycle, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
