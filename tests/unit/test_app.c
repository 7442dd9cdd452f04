/* SPDX-License-Identifier: MIT */
/* The app room's scoring actions on a real SQLite store (app/scoring.h):
 * the one model-precedence rule, freezing refused when another writer
 * changed the data between the scores and the hash (what `tandem freeze`
 * did not check before), freezing once, verifying, model versions, the
 * default year, and the one table each that maps app_status to exit codes
 * (cli) and HTTP statuses (web). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/records.h"
#include "store/import.h"
#include "report/problems.h"
#include "app/scoring.h"
#include "cli/cli.h"
#include "domain/date.h"
#include "store/audit.h"
#include "store/version.h"
#include "web/web_impl.h"
#include "test_store_fixture.h"

/* Writes a client as an administrator through s (another connection: as
 * `tandem serve` would, while the CLI freezes). */
static void write_client(struct store *s, const char *id)
{
	const struct table *t = schema_find("clients");
	const char *values[4] = { id, "Client", NULL, NULL };
	struct app_actor a = { ROLE_ADMIN, NULL, "user:admin" };
	struct record saved;
	struct policy_decision d;
	struct problem_list problems = PROBLEM_LIST_INIT;
	int64_t change = 0;
	assert_int_equal(app_record_write(s, &a, t, NULL, values, NULL, &saved, &change, &d, &problems),
			 APP_OK);
	assert_int_equal(problems.total, 0);
	record_free(t, &saved);
	problems_release(&problems);
}

/* A refused write comes back as problems that are values — kind, column,
 * code, parameters, no position — and writes nothing; the sentence is the
 * edge's (report/problems.h), in either language. */
static void app_record_write_problems_are_values(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-app-XXXXXX";
	struct store *s = test_store_new(path, 1);
	const struct table *t = schema_find("clients");
	struct app_actor a = { ROLE_ADMIN, NULL, "user:admin" };
	struct record saved, r;
	struct policy_decision d;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct buf text = BUF_INIT, err = BUF_INIT;
	int64_t change = 0;
	int64_t version_before, version_after;

	write_client(s, "C1");
	assert_int_equal(store_data_version(s, &version_before, &err), 0);
	/* no name (required), and a referrer that is the client itself */
	const char *values[4] = { "C2", NULL, NULL, "NOPE" };
	assert_int_equal(app_record_write(s, &a, t, NULL, values, NULL, &saved, &change, &d, &problems),
			 APP_INVALID);
	assert_int_equal(problems.n, 1);
	const struct problem *p = &problems.items[0];
	assert_string_equal(p->code, "field_required");
	assert_string_equal(p->table, "clients");
	assert_int_equal(p->col, schema_column(t, "name"));
	assert_null(p->file);
	assert_int_equal(p->line, 0);
	assert_int_equal(p->n_args, 1);
	assert_string_equal(p->args[0], "name");
	problem_message(p, LANG_EN, &text);
	assert_string_equal(text.data, "name is required");
	buf_reset(&text);
	problem_message(p, LANG_KO, &text);
	assert_string_equal(text.data, "이름은(는) 필수입니다");
	buf_reset(&text);
	problem_api_json(p, LANG_EN, &text);
	assert_string_equal(text.data, "{\"row\":null,\"column\":\"name\",\"code\":\"error.field_required\","
			    "\"params\":[\"name\"],\"message\":\"name is required\"}");
	const char *key[1] = { "C2" };
	assert_int_equal(records_get(s, t, key, &r, &err), 1);
	problems_release(&problems);

	/* a key that exists already: about the id column, the record's noun */
	const char *again[4] = { "C1", "Other", NULL, NULL };
	assert_int_equal(app_record_write(s, &a, t, NULL, again, NULL, &saved, &change, &d, &problems),
			 APP_EXISTS);
	assert_int_equal(problems.n, 1);
	p = &problems.items[0];
	assert_string_equal(p->code, "exists");
	assert_int_equal(p->col, 0);
	assert_int_equal(p->n_args, 2);
	assert_string_equal(p->args[0], "client");
	assert_string_equal(p->args[1], "C1");
	buf_reset(&text);
	problem_message(p, LANG_KO, &text);
	assert_string_equal(text.data, "고객사 'C1'이(가) 이미 있습니다");
	problems_release(&problems);

	/* a decision without a note: a problem of no column */
	assert_int_equal(app_change_decide(s, &a, 1, CHANGE_REJECT, " ", &problems), APP_INVALID);
	assert_int_equal(problems.n, 1);
	assert_string_equal(problems.items[0].code, "change_note_required");
	assert_int_equal(problems.items[0].col, -1);
	problems_release(&problems);

	assert_int_equal(store_data_version(s, &version_after, &err), 0);
	assert_true(version_after == version_before);     /* nothing was written */
	buf_release(&text);
	buf_release(&err);
	store_close(s);
	test_store_remove(path);
}

/* The data the engine scores comes through app_load_data, which hands the
 * store's loader the engine's day window: measurements before go-live and
 * after the end are left out, and so are those after the last day loaded;
 * a month cut by the window sums only its days inside. */
static void app_load_data_sums_the_engines_days(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-app-XXXXXX";
	struct store *s = test_store_new(path, 1);
	static const struct { const char *name, *csv; } files[] = {
		{ "org_units.csv", "id,name,kind,parent_id\nS1,Sales,sales,\nO1,Ops,operations,\n" },
		{ "people.csv", "id,name,email,org_unit_id\nP-S,S,s@x,S1\nP-O,O,o@x,O1\n" },
		{ "clients.csv", "id,name,industry,referred_by\nC1,Client,x,\n" },
		{ "contracts.csv", "id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,"
		  "end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,"
		  "planned_stabilization_months,parent_contract_id,renews_contract_id\n"
		  "K1,C1,x,2025-01-02,,,2025-03-10,2025-04-20,100,low,P-S,P-O,,,,\n"
		  "K2,C1,x,2025-01-02,,,,,100,low,P-S,P-O,,,,\n" },
		{ "sla_metrics.csv", "contract_id,metric,name,direction,target,initial_target,unit\n"
		  "K1,SL,sl,higher,0.8,,ratio\nK2,SL,sl,higher,0.8,,ratio\n" },
		{ "measurements.csv", "contract_id,metric,date,numerator,denominator\n"
		  "K1,SL,2025-03-09,1,10\nK1,SL,2025-03-10,2,10\nK1,SL,2025-03-31,3,10\n"
		  "K1,SL,2025-04-01,4,10\nK1,SL,2025-04-20,5,10\nK1,SL,2025-04-21,6,10\n"
		  "K2,SL,2025-03-10,7,10\n" },
	};
	struct import_source src[6];
	struct import_options opt = { .actor = "test" };
	struct import_result res;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct dataset ds;
	struct buf err = BUF_INIT;
	memset(src, 0, sizeof src);
	memset(&res, 0, sizeof res);
	for (size_t i = 0; i < 6; i++) {
		src[i].name = files[i].name;
		src[i].data = files[i].csv;
		src[i].len = strlen(files[i].csv);
	}
	assert_int_equal(store_import_mem(s, src, 6, &opt, &res, &problems, &err), 0);
	problems_release(&problems);

	/* everything: K1's days from 03-10 to 04-20; K2 (no go-live) none */
	assert_int_equal(app_load_data(s, DAY_NONE, &ds, &err), 0);
	assert_int_equal(ds.n_metric_months, 2);
	assert_int_equal(ds.sla_metrics[ds.metric_months[0].sla_metric].contract, 0);
	assert_int_equal(ds.metric_months[0].month, month_of_ymd(2025, 3));
	assert_int_equal(ds.metric_months[0].rows, 2);
	assert_true(ds.metric_months[0].sum_numerator == 5 * MICRO_ONE);
	assert_true(ds.metric_months[0].sum_denominator == 20 * MICRO_ONE);
	assert_int_equal(ds.metric_months[1].month, month_of_ymd(2025, 4));
	assert_int_equal(ds.metric_months[1].rows, 2);
	assert_true(ds.metric_months[1].sum_numerator == 9 * MICRO_ONE);
	dataset_free(&ds);
	/* up to 2025-03-31: April is not read at all */
	assert_int_equal(app_load_data(s, date_from_ymd(2025, 3, 31), &ds, &err), 0);
	assert_int_equal(ds.n_metric_months, 1);
	assert_int_equal(ds.metric_months[0].rows, 2);
	dataset_free(&ds);
	/* up to 2025-03-10: one day */
	assert_int_equal(app_load_data(s, date_from_ymd(2025, 3, 10), &ds, &err), 0);
	assert_int_equal(ds.n_metric_months, 1);
	assert_int_equal(ds.metric_months[0].rows, 1);
	assert_true(ds.metric_months[0].sum_numerator == 2 * MICRO_ONE);
	dataset_free(&ds);
	buf_release(&err);
	store_close(s);
	test_store_remove(path);
}

static void app_freeze_refuses_data_changed_meanwhile(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-app-XXXXXX";
	struct store *s = test_store_new(path, 1), *other;
	struct app_scored_year y;
	struct frozen f, got;
	struct buf err = BUF_INIT;

	assert_int_equal(store_open(path, &other, &err), 0);
	write_client(s, "C1");
	assert_int_equal(app_open_scored_year(s, NULL, 2025, 0, &y, &err), APP_OK);
	assert_string_equal(y.model_version, "default");
	/* Another process writes after the scores were computed ... */
	write_client(other, "C2");
	/* ... so the hash would be of other data than the scores: refused. */
	assert_int_equal(app_freeze(s, 2025, y.scores, y.model_version, y.data_version, "cli:test",
				    &f, &err), APP_CONFLICT);
	assert_string_equal(err.data, "the data changed while freezing 2025; try again");
	assert_int_equal(store_frozen_get(s, 2025, &got, &err), 1);
	app_scored_year_release(&y);

	/* Scored again from the data as they are: frozen, once. */
	buf_reset(&err);
	assert_int_equal(app_open_scored_year(s, NULL, 2025, 0, &y, &err), APP_OK);
	assert_int_equal(app_freeze(s, 2025, y.scores, y.model_version, y.data_version, "cli:test",
				    &f, &err), APP_OK);
	assert_int_equal(f.year, 2025);
	assert_string_equal(f.model_version, "default");
	assert_string_equal(f.frozen_by, "cli:test");
	assert_int_equal(strlen(f.data_hash), 64);
	assert_int_equal(store_frozen_get(s, 2025, &got, &err), 0);
	assert_string_equal(got.data_hash, f.data_hash);
	assert_string_equal(got.csv, f.csv);
	frozen_release(&got);
	frozen_release(&f);
	app_scored_year_release(&y);
	assert_int_equal(app_open_scored_year(s, NULL, 2025, 0, &y, &err), APP_OK);
	assert_int_equal(app_freeze(s, 2025, y.scores, y.model_version, y.data_version, "cli:test",
				    &f, &err), APP_CONFLICT);
	assert_non_null(strstr(err.data, "the results of 2025 were frozen already on "));
	app_scored_year_release(&y);

	/* Verify: the same data and results; then a change shows. */
	struct app_verification v;
	buf_reset(&err);
	assert_int_equal(app_verify(s, 2025, &v, &err), APP_OK);
	assert_int_equal(v.data_same, 1);
	assert_int_equal(v.results_same, 1);
	assert_string_equal(v.f.model_version, "default");
	app_verification_release(&v);
	write_client(other, "C3");
	assert_int_equal(app_verify(s, 2025, &v, &err), APP_OK);
	assert_int_equal(v.data_same, 0);
	assert_int_equal(v.results_same, 1);
	app_verification_release(&v);
	assert_int_equal(app_verify(s, 2024, &v, &err), APP_MISSING);
	assert_string_equal(err.data, "the results of 2024 are not frozen");
	app_verification_release(&v);

	store_close(other);
	store_close(s);
	test_store_remove(path);
	buf_release(&err);
}

static void app_model_precedence_is_one_rule(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-app-XXXXXX";
	struct store *s = test_store_new(path, 1);
	struct model *m = NULL;
	char *version = NULL, *stored = NULL;
	struct buf err = BUF_INIT;

#define LOADS(name, year, flags, want_status, want_version)                                 \
	do {                                                                                  \
		assert_int_equal(app_model_load(s, name, year, flags, &m, &version, &err),    \
				 want_status);                                                \
		if (want_version)                                                             \
			assert_string_equal(version, (const char *)want_version);             \
		model_free(m);                                                                \
		free(version);                                                                \
		m = NULL;                                                                     \
		version = NULL;                                                               \
	} while (0)

	LOADS(NULL, 2025, 0, APP_OK, "default");
	LOADS("default", 2025, 0, APP_OK, "default");
	LOADS("2025-1", 2025, 0, APP_MISSING, NULL);
	assert_string_equal(err.data, "");   /* the caller words it */

	assert_int_equal(app_model_load(NULL, "default", 0, 0, &m, &version, &err), APP_OK);
	assert_int_equal(app_model_import(s, m, 2025, "diff", "cli:test", &stored, &err), APP_INVALID);
	assert_int_equal(app_model_import(s, m, 2025, "a b", "cli:test", &stored, &err), APP_INVALID);
	assert_null(stored);
	assert_int_equal(app_model_import(s, m, 2025, NULL, "cli:test", &stored, &err), APP_OK);
	assert_string_equal(stored, "2025-1");
	free(stored);
	assert_int_equal(app_model_import(s, m, 2025, "", "cli:test", &stored, &err), APP_OK);
	assert_string_equal(stored, "2025-2");
	free(stored);
	model_free(m);
	free(version);
	m = NULL;
	version = NULL;

	/* Stored but not active: the year still scores with the default. */
	LOADS(NULL, 2025, 0, APP_OK, "default");
	LOADS("2025-1", 0, 0, APP_OK, "2025-1");
	buf_reset(&err);
	assert_int_equal(app_model_activate(s, "nope", "cli:test", &err), APP_MISSING);
	assert_string_equal(err.data, "no stored model version 'nope'");
	assert_int_equal(app_model_activate(s, "2025-2", "cli:test", &err), APP_OK);
	LOADS(NULL, 2025, 0, APP_OK, "2025-2");
	LOADS(NULL, 2027, 0, APP_OK, "2025-2");   /* the newest active of an earlier year */
	LOADS(NULL, 2024, 0, APP_OK, "default");

	/* A file only when the caller allows files (the CLI, never the web). */
	char file[] = "/tmp/tandem-app-model-XXXXXX";
	int fd = mkstemp(file);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "{", 1), 1);
	close(fd);
	LOADS(file, 2025, 0, APP_MISSING, NULL);
	buf_reset(&err);
	LOADS(file, 2025, APP_MODEL_FILES, APP_INVALID, NULL);
	assert_true(err.len > 0);
	unlink(file);
#undef LOADS

	store_close(s);
	test_store_remove(path);
	buf_release(&err);
}

static void app_default_year_is_last_complete(void **state)
{
	(void)state;
	char path[] = "/tmp/tandem-app-XXXXXX";
	struct store *s = test_store_new(path, 1);
	day_t last;
	assert_int_equal(app_default_year(s, date_from_ymd(2026, 3, 1)), 2025);
	assert_int_equal(app_default_year(s, date_from_ymd(2026, 1, 1)), 2025);
	assert_int_equal(app_year_is_over(s, 2025, date_from_ymd(2026, 1, 1), &last), 1);
	assert_int_equal(last, date_from_ymd(2025, 12, 31));
	assert_int_equal(app_year_is_over(s, 2025, date_from_ymd(2025, 12, 31), &last), 0);
	store_close(s);
	test_store_remove(path);
}

/* The one year parser (domain/date.h) behind cli_parse_year and the
 * router's ROUTE_YEAR. */
static void app_year_parse_one_rule(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int ok, year;
	} cases[] = {
		{ "2025", 1, 2025 }, { "1001", 1, 1001 }, { "9998", 1, 9998 }, { "1000", 0, 0 },
		{ "9999", 0, 0 }, { "abc", 0, 0 }, { "", 0, 0 }, { " 2025", 0, 0 }, { "2025x", 0, 0 },
		{ "+2025", 0, 0 }, { "-2025", 0, 0 }, { "20251", 0, 0 }, { "99999999999999999999", 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int y = -7;
		assert_int_equal(year_parse(cases[i].text, &y), cases[i].ok ? 0 : -1);
		assert_int_equal(y, cases[i].ok ? cases[i].year : -7);
	}
	int y = -7;
	assert_int_equal(year_parse(NULL, &y), -1);
	assert_int_equal(web_parse_year("abc", &y), -1);
	assert_int_equal(web_parse_year("", &y), 0);
	assert_int_equal(web_parse_year("2024", &y), 1);
	assert_int_equal(y, 2024);
}

/* Each status has its exit code and its HTTP status, in one table each. */
static void app_status_tables(void **state)
{
	(void)state;
	static const struct {
		enum app_status st;
		int exit_code, http;
	} want[] = {
		{ APP_OK, EXIT_OK, 200 },
		{ APP_PROPOSED, EXIT_OK, 202 },
		{ APP_INVALID, EXIT_BAD_INPUT, 422 },
		{ APP_FORBIDDEN, EXIT_BAD_INPUT, 403 },
		{ APP_CONFLICT, EXIT_BAD_INPUT, 409 },
		{ APP_EXISTS, EXIT_BAD_INPUT, 409 },
		{ APP_MISSING, EXIT_BAD_INPUT, 404 },
		{ APP_FAILED, EXIT_STORAGE, 500 },
		{ APP_CLOSED, EXIT_BAD_INPUT, 409 },
	};
	assert_int_equal(sizeof want / sizeof want[0], APP_N_STATUS);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(cli_exit_of(want[i].st), want[i].exit_code);
		assert_int_equal(web_app_http(want[i].st), want[i].http);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(app_freeze_refuses_data_changed_meanwhile),
		cmocka_unit_test(app_load_data_sums_the_engines_days),
		cmocka_unit_test(app_record_write_problems_are_values),
		cmocka_unit_test(app_model_precedence_is_one_rule),
		cmocka_unit_test(app_default_year_is_last_complete),
		cmocka_unit_test(app_year_parse_one_rule),
		cmocka_unit_test(app_status_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
