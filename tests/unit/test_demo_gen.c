/* SPDX-License-Identifier: MIT */
/* Unit tests of io/demo_gen.c: the demo files are byte-identical from run to
 * run, have the documented number of rows, and a missing folder is reported
 * rather than crashed on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "io/demo_gen.h"

static const char *const demo_files[] = {
	"org_units.csv", "people.csv", "clients.csv", "contracts.csv",
	"sla_metrics.csv", "sla_terms.csv", "measurements.csv", "readiness.csv",
	"manual_ratings.csv", "handover.csv", "scope_changes.csv",
	"financials.csv", "expansions.csv", "renewals.csv", "proposals.csv",
	"feasibility_reviews.csv", "relationship_ratings.csv",
	"references.csv", "innovations.csv",
};

#define N_FILES (sizeof(demo_files) / sizeof(demo_files[0]))

struct two_dirs {
	char a[64], b[64];
};

static void make_dir(char out[64])
{
	const char *tmp = getenv("TMPDIR");
	struct buf path = BUF_INIT;

	buf_addf(&path, "%s/tandem-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_true(path.len < 64);
	memcpy(out, path.data, path.len + 1);
	buf_release(&path);
	assert_non_null(mkdtemp(out));
}

static void remove_dir(const char *dir)
{
	for (size_t i = 0; i < N_FILES; i++) {
		struct buf path = BUF_INIT;

		buf_addf(&path, "%s/%s", dir, demo_files[i]);
		unlink(path.data);
		buf_release(&path);
	}
	rmdir(dir);
}

static int setup(void **state)
{
	struct two_dirs *d = calloc(1, sizeof(*d));
	struct buf err = BUF_INIT;

	if (!d)
		return -1;
	make_dir(d->a);
	make_dir(d->b);
	if (demo_write_csv(d->a, &err) < 0 || demo_write_csv(d->b, &err) < 0) {
		fprintf(stderr, "demo_write_csv: %s\n", err.data);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct two_dirs *d = *state;

	remove_dir(d->a);
	remove_dir(d->b);
	free(d);
	return 0;
}

/* Reads dir/name whole into out. */
static void read_file(const char *dir, const char *name, struct buf *out)
{
	struct buf path = BUF_INIT;
	char chunk[8192];
	size_t n;
	FILE *f;

	buf_addf(&path, "%s/%s", dir, name);
	f = fopen(path.data, "rb");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
	buf_release(&path);
}

static size_t count_lines(const struct buf *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->len; i++)
		n += b->data[i] == '\n';
	return n;
}

static void test_demo_deterministic(void **state)
{
	struct two_dirs *d = *state;

	for (size_t i = 0; i < N_FILES; i++) {
		struct buf a = BUF_INIT, b = BUF_INIT;

		read_file(d->a, demo_files[i], &a);
		read_file(d->b, demo_files[i], &b);
		assert_true(a.len > 0);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		buf_release(&a);
		buf_release(&b);
	}
}

static void test_demo_org_units_rows(void **state)
{
	struct two_dirs *d = *state;
	struct buf b = BUF_INIT;

	read_file(d->a, "org_units.csv", &b);
	/* header + HQ, SALES, SALES-1, SALES-2, OPS, OPS-SEOUL, OPS-BUSAN */
	assert_int_equal(count_lines(&b), 8);
	assert_true(!strncmp(b.data, "id,name,kind,parent_id\nHQ,", 26));
	buf_release(&b);
}

static void test_demo_contracts_rows(void **state)
{
	static const char header[] =
		"id,client_id,service_line,signed_on,ramp_started_on,"
		"staffed_on,go_live_on,end_on,annual_value,risk_tier,"
		"sales_owner,ops_owner,planned_ramp_days,"
		"planned_stabilization_months,parent_contract_id,"
		"renews_contract_id\n";
	struct two_dirs *d = *state;
	struct buf b = BUF_INIT;

	read_file(d->a, "contracts.csv", &b);
	assert_int_equal(count_lines(&b), 41);    /* header + CT01..CT40 */
	assert_true(!strncmp(b.data, header, sizeof(header) - 1));
	assert_non_null(strstr(b.data, "\nCT40,CL20,"));
	buf_release(&b);
}

static void test_demo_missing_dir_error(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	assert_int_equal(demo_write_csv("/nonexistent/tandem-demo", &err), -1);
	assert_string_equal(err.data,
		"cannot create '/nonexistent/tandem-demo/org_units.csv': "
		"No such file or directory");
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		{ "demo-deterministic-bytes", test_demo_deterministic, NULL, NULL, NULL },
		{ "demo-org-units-7-rows", test_demo_org_units_rows, NULL, NULL, NULL },
		{ "demo-contracts-40-rows", test_demo_contracts_rows, NULL, NULL, NULL },
		{ "demo-missing-dir-error", test_demo_missing_dir_error, NULL, NULL, NULL },
	};

	return cmocka_run_group_tests_name("demo-gen", tests, setup, teardown);
}
