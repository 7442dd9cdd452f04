/* SPDX-License-Identifier: MIT */
/* The store's schema and its forward migrations. Version 1 creates a table
 * for every record kind of domain/schema.c (STRICT in SQLite; the same
 * columns in PostgreSQL) plus the product's own tables: imports, models,
 * frozen results, users, sessions, gate overrides and the audit log.
 * Dates are ISO text; money and decimals are integers of micro-units. */
#include "store/store.h"

#include "domain/schema.h"
#include "store/blocks.h"
#include "store/feed_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col_sql_type(const struct store *s, const struct column *c)
{
	if (schema_is_integer(c))
		return s->ops->kind == STORE_SQLITE ? "INTEGER" : "BIGINT";
	return "TEXT";
}

/* The CREATE TABLE statement of one record kind. Every row also remembers
 * the import batch and line it came from (src_batch, src_line): the
 * evidence behind a score can name its source, and a key seen twice in one
 * import is caught by comparing batches (store/import.c). */
static void record_table_sql(const struct store *s, const struct table *t, struct buf *sql)
{
	int sqlite = s->ops->kind == STORE_SQLITE;
	const char *big = sqlite ? "INTEGER" : "BIGINT";

	buf_addf(sql, "CREATE TABLE %s (\n", t->sql_name);
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		buf_addf(sql, "  %s %s%s,\n", c->name, col_sql_type(s, c),
			 c->flags & COL_REQUIRED ? " NOT NULL" : "");
	}
	buf_addf(sql, "  src_batch %s NOT NULL DEFAULT 0,\n  src_line %s NOT NULL DEFAULT 0,\n",
		 big, big);
	buf_adds(sql, "  PRIMARY KEY (");
	int first = 1;
	for (size_t i = 0; i < t->n_columns; i++) {
		if (!(t->columns[i].flags & COL_KEY))
			continue;
		buf_addf(sql, "%s%s", first ? "" : ", ", t->columns[i].name);
		first = 0;
	}
	buf_adds(sql, ")");
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		if (!c->ref_table)
			continue;
		const struct table *rt = schema_find(c->ref_table);
		if (!strcmp(c->ref_table, "sla_metrics"))
			buf_addf(sql, ",\n  FOREIGN KEY (contract_id, %s) REFERENCES %s (contract_id, metric)"
				 " DEFERRABLE INITIALLY DEFERRED", c->name, rt->sql_name);
		else if (strcmp(t->name, "measurements"))
			buf_addf(sql, ",\n  FOREIGN KEY (%s) REFERENCES %s (id) DEFERRABLE INITIALLY DEFERRED",
				 c->name, rt->sql_name);
	}
	buf_addf(sql, "\n)%s;\n", sqlite ? " STRICT, WITHOUT ROWID" : "");
}

static const char product_tables[] =
	"CREATE TABLE imports (\n"
	"  batch BIGINT PRIMARY KEY, started_at TEXT NOT NULL, actor TEXT NOT NULL,\n"
	"  files TEXT NOT NULL, rows BIGINT NOT NULL);\n"
	"CREATE TABLE models (\n"
	"  version TEXT PRIMARY KEY, year BIGINT, body TEXT NOT NULL, created_at TEXT NOT NULL,\n"
	"  created_by TEXT NOT NULL, active BIGINT NOT NULL DEFAULT 0);\n"
	"CREATE TABLE frozen_results (\n"
	"  year BIGINT PRIMARY KEY, model_version TEXT NOT NULL, data_hash TEXT NOT NULL,\n"
	"  csv TEXT NOT NULL, json TEXT NOT NULL, frozen_at TEXT NOT NULL, frozen_by TEXT NOT NULL);\n"
	"CREATE TABLE users (\n"
	"  name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL,\n"
	"  person_id TEXT, disabled BIGINT NOT NULL DEFAULT 0, created_at TEXT NOT NULL,\n"
	"  failed_logins BIGINT NOT NULL DEFAULT 0, locked_until TEXT);\n"
	"CREATE TABLE sessions (\n"
	"  token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users (name),\n"
	"  csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,\n"
	"  lang TEXT);\n"
	"CREATE TABLE proposal_overrides (\n"
	"  proposal_id TEXT PRIMARY KEY, decided_by TEXT NOT NULL, reason TEXT NOT NULL,\n"
	"  decided_at TEXT NOT NULL);\n"
	"CREATE TABLE audit_log (\n"
	"  seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,\n"
	"  entity TEXT NOT NULL, entity_key TEXT, before_value TEXT, after_value TEXT,\n"
	"  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n";

static int migration_1(struct store *s, struct buf *err)
{
	struct buf sql = BUF_INIT;
	int rc;
	for (size_t i = 0; i < schema_n_tables; i++)
		if (!schema_tables[i].late)
			record_table_sql(s, &schema_tables[i], &sql);
	buf_adds(&sql, product_tables);
	rc = store_exec(s, sql.data, err);
	buf_release(&sql);
	return rc;
}

/* Version 2 keeps measurements as month blocks (store/blocks.h) instead of
 * a row per day. Rows already stored in a version 1 store move into blocks
 * in migration 5 (migrations run in one transaction), so that they are
 * written once, in the latest encoding. */
static int migration_2(struct store *s, struct buf *err)
{
	int sqlite = s->ops->kind == STORE_SQLITE;
	struct buf sql = BUF_INIT;
	int rc;

	buf_addf(&sql,
		 "CREATE TABLE measurement_blocks (\n"
		 "  contract_id TEXT NOT NULL, metric TEXT NOT NULL, month TEXT NOT NULL,\n"
		 "  days %s NOT NULL, touched_batch %s NOT NULL DEFAULT 0,\n"
		 "  PRIMARY KEY (contract_id, metric, month),\n"
		 "  FOREIGN KEY (contract_id, metric) REFERENCES sla_metrics (contract_id, metric)"
		 " DEFERRABLE INITIALLY DEFERRED\n"
		 ")%s;\n",
		 sqlite ? "BLOB" : "BYTEA", sqlite ? "INTEGER" : "BIGINT",
		 sqlite ? " STRICT, WITHOUT ROWID" : "");
	rc = store_exec(s, sql.data, err);
	buf_release(&sql);
	return rc;
}

/* Version 3 adds the versions of store/version.h: counters that every
 * writer of evaluation data or models (row 1) and of sessions and accounts
 * (row 2) bumps, so a cache in any process can tell cheaply whether it is
 * still current. The rows are made by the first bumps, so a new store
 * holds no data and can still be the target of a copy. */
static int migration_3(struct store *s, struct buf *err)
{
	return store_exec(s, "CREATE TABLE data_version (id BIGINT PRIMARY KEY, version BIGINT NOT NULL)",
			  err);
}

/* Does the store have a table of this name? 1 yes, 0 no, -1 on error. */
static int table_exists(struct store *s, const char *name, struct buf *err)
{
	struct stmt *st;
	int rc;
	if (store_prepare(s, s->ops->kind == STORE_SQLITE
			  ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
			  : "SELECT 1 FROM information_schema.tables WHERE table_name = ?"
			    " AND table_schema = current_schema()", &st, err))
		return -1;
	stmt_bind_str(st, 1, name);
	rc = stmt_step(st);
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : rc == STORE_ROW;
}

/* Moves the daily rows of a version 1 store into blocks. */
static int move_measurement_rows(struct store *s, struct buf *err)
{
	struct stmt *st = NULL;
	struct block_writer *w = NULL;
	int rc = -1, step;

	if (block_writer_new(s, 0, &w, err) ||
	    store_prepare(s, "SELECT contract_id, metric, date, numerator, denominator"
			  " FROM measurements", &st, err))
		goto out;
	while ((step = stmt_step(st)) == STORE_ROW) {
		size_t clen, mlen, dlen;
		const char *c = stmt_text(st, 0, &clen);
		char *contract = xstrndup(c, clen);
		const char *m = stmt_text(st, 1, &mlen);
		char *metric = xstrndup(m, mlen);
		const char *d = stmt_text(st, 2, &dlen);
		day_t day;
		unsigned long first;
		int add = date_parse(d, dlen, &day) ? 0
			: block_writer_add(w, contract, clen, metric, mlen, day, stmt_int64(st, 3),
					   stmt_int64(st, 4), 0, &first, err);
		xfree(contract);
		xfree(metric);
		if (add < 0)
			goto out;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	stmt_finalize(st);
	st = NULL;
	if (block_writer_flush(w, err) || store_exec(s, "DROP TABLE measurements", err))
		goto out;
	rc = 0;
out:
	stmt_finalize(st);
	block_writer_free(w);
	return rc;
}

/* Version 4 stores each block's day count, Σnumerator and Σdenominator as
 * columns, so scoring sums whole months without decoding them, and encodes
 * blocks with varints (block_encode), about a quarter of the old size. The
 * table is rebuilt: every stored block is re-encoded. */
static int migration_4(struct store *s, struct buf *err)
{
	int sqlite = s->ops->kind == STORE_SQLITE;
	const char *big = sqlite ? "INTEGER" : "BIGINT";
	struct buf sql = BUF_INIT;
	struct stmt *get = NULL, *put = NULL;
	int rc = -1, step;

	buf_addf(&sql,
		 "CREATE TABLE measurement_blocks_v4 (\n"
		 "  contract_id TEXT NOT NULL, metric TEXT NOT NULL, month TEXT NOT NULL,\n"
		 "  days %s NOT NULL, touched_batch %s NOT NULL DEFAULT 0,\n"
		 "  n_days %s NOT NULL DEFAULT 0, sum_numerator %s NOT NULL DEFAULT 0,\n"
		 "  sum_denominator %s NOT NULL DEFAULT 0,\n"
		 "  PRIMARY KEY (contract_id, metric, month),\n"
		 "  FOREIGN KEY (contract_id, metric) REFERENCES sla_metrics (contract_id, metric)"
		 " DEFERRABLE INITIALLY DEFERRED\n"
		 ")%s;\n",
		 sqlite ? "BLOB" : "BYTEA", big, big, big, big, sqlite ? " STRICT, WITHOUT ROWID" : "");
	if (store_exec(s, sql.data, err) ||
	    store_prepare(s, "SELECT contract_id, metric, month, days, touched_batch"
			  " FROM measurement_blocks", &get, err) ||
	    store_prepare(s, "INSERT INTO measurement_blocks_v4 (contract_id, metric, month, days,"
			  " touched_batch, n_days, sum_numerator, sum_denominator)"
			  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &put, err))
		goto out;
	while ((step = stmt_step(get)) == STORE_ROW) {
		struct day_block b;
		unsigned char data[BLOCK_MAX_BYTES];
		size_t len;
		const unsigned char *old = stmt_blob(get, 3, &len);
		int64_t days;
		micro_t num, den;
		if (block_decode_v3(old, len, &b)) {
			buf_addf(err, "a stored measurement block of '%s' is damaged",
				 stmt_text(get, 0, NULL));
			goto out;
		}
		len = block_encode(&b, data);
		block_sums(&b, &days, &num, &den);
		for (int c = 0; c < 3; c++) {
			size_t n;
			const char *t = stmt_text(get, c, &n);
			stmt_bind_text(put, c + 1, t, n);
		}
		stmt_bind_blob(put, 4, data, len);
		stmt_bind_int64(put, 5, stmt_int64(get, 4));
		stmt_bind_int64(put, 6, days);
		stmt_bind_int64(put, 7, num);
		stmt_bind_int64(put, 8, den);
		if (stmt_step(put) == STORE_ERROR) {
			buf_addf(err, "%s", stmt_error(put));
			goto out;
		}
		stmt_reset(put);
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(get));
		goto out;
	}
	stmt_finalize(get);
	get = NULL;
	if (store_exec(s, "DROP TABLE measurement_blocks", err) ||
	    store_exec(s, "ALTER TABLE measurement_blocks_v4 RENAME TO measurement_blocks", err))
		goto out;
	rc = 0;
out:
	stmt_finalize(get);
	stmt_finalize(put);
	buf_release(&sql);
	return rc;
}

/* The months gathered for one year row of migration 5. */
struct year_group {
	char *contract, *metric;
	int year;
	int64_t batch;
	struct year_month months[12];
	unsigned char bufs[12][BLOCK_MAX_BYTES];
};

static int put_year_group(struct stmt *put, struct year_group *g, struct buf *err)
{
	unsigned char data[YEAR_MAX_BYTES];
	if (!g->contract)
		return 0;
	stmt_bind_str(put, 1, g->contract);
	stmt_bind_str(put, 2, g->metric);
	stmt_bind_int64(put, 3, g->year);
	stmt_bind_blob(put, 4, data, year_encode(g->months, data));
	stmt_bind_int64(put, 5, g->batch);
	int rc = stmt_step(put) == STORE_ERROR ? -1 : 0;
	if (rc)
		buf_addf(err, "%s", stmt_error(put));
	stmt_reset(put);
	xfree(g->contract);
	xfree(g->metric);
	g->contract = g->metric = NULL;
	memset(g->months, 0, sizeof g->months);
	g->batch = 0;
	return rc;
}

/* Version 5 keeps one row per contract, metric and calendar year holding
 * the year's month blocks, each month's day count and sums in the row's
 * header (store/blocks.h): an import writes and scoring reads a twelfth of
 * the rows. The month blocks move over as they are. */
static int migration_5(struct store *s, struct buf *err)
{
	int sqlite = s->ops->kind == STORE_SQLITE;
	const char *big = sqlite ? "INTEGER" : "BIGINT";
	struct buf sql = BUF_INIT;
	struct stmt *get = NULL, *put = NULL;
	struct year_group *g = xcalloc(1, sizeof *g);
	int rc = -1, step, had_rows;

	/* A rowid table, not WITHOUT ROWID: a year row (~2 KB) then stays in
	 * its B-tree page instead of spilling to an overflow page. */
	buf_addf(&sql,
		 "CREATE TABLE measurement_blocks_v5 (\n"
		 "  contract_id TEXT NOT NULL, metric TEXT NOT NULL, year %s NOT NULL,\n"
		 "  days %s NOT NULL, touched_batch %s NOT NULL DEFAULT 0,\n"
		 "  PRIMARY KEY (contract_id, metric, year),\n"
		 "  FOREIGN KEY (contract_id, metric) REFERENCES sla_metrics (contract_id, metric)"
		 " DEFERRABLE INITIALLY DEFERRED\n"
		 ")%s;\n",
		 big, sqlite ? "BLOB" : "BYTEA", big, sqlite ? " STRICT" : "");
	if (store_exec(s, sql.data, err) ||
	    store_prepare(s, "SELECT contract_id, metric, month, days, touched_batch, n_days,"
			  " sum_numerator, sum_denominator FROM measurement_blocks"
			  " ORDER BY contract_id, metric, month", &get, err) ||
	    store_prepare(s, "INSERT INTO measurement_blocks_v5 (contract_id, metric, year, days,"
			  " touched_batch) VALUES (?, ?, ?, ?, ?)", &put, err))
		goto out;
	while ((step = stmt_step(get)) == STORE_ROW) {
		const char *contract = stmt_text(get, 0, NULL), *metric = stmt_text(get, 1, NULL);
		size_t mlen, len;
		const char *mt = stmt_text(get, 2, &mlen);
		const unsigned char *data = stmt_blob(get, 3, &len);
		struct day_block b;
		month_t mo;
		if (month_parse(mt, mlen, &mo) || len > BLOCK_MAX_BYTES || block_decode(data, len, &b)) {
			buf_addf(err, "a stored measurement block of '%s' is damaged", contract);
			goto out;
		}
		int year = month_year(mo), m = month_month(mo);
		if (g->contract && (g->year != year || strcmp(g->contract, contract) ||
				    strcmp(g->metric, metric)) && put_year_group(put, g, err))
			goto out;
		if (!g->contract) {
			g->contract = xstrdup(contract);
			g->metric = xstrdup(metric);
			g->year = year;
		}
		struct year_month *ym = &g->months[m - 1];
		memcpy(g->bufs[m - 1], data, len);
		ym->month = m;
		ym->block = g->bufs[m - 1];
		ym->block_len = len;
		ym->days = stmt_int64(get, 5);
		ym->num = stmt_int64(get, 6);
		ym->den = stmt_int64(get, 7);
		if (stmt_int64(get, 4) > g->batch)
			g->batch = stmt_int64(get, 4);
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(get));
		goto out;
	}
	if (put_year_group(put, g, err))
		goto out;
	stmt_finalize(get);
	get = NULL;
	if (store_exec(s, "DROP TABLE measurement_blocks", err) ||
	    store_exec(s, "ALTER TABLE measurement_blocks_v5 RENAME TO measurement_blocks", err))
		goto out;
	had_rows = table_exists(s, "measurements", err);
	if (had_rows < 0 || (had_rows && move_measurement_rows(s, err)))
		goto out;
	rc = 0;
out:
	stmt_finalize(get);
	stmt_finalize(put);
	buf_release(&sql);
	xfree(g->contract);
	xfree(g->metric);
	xfree(g);
	return rc;
}

/* Version 6 keys the audit log (store/audit.h): each entry gets an
 * HMAC-SHA-256 under a key kept outside the database, and the store keeps
 * that key's fingerprint. The entries already there get their MAC when the
 * key is first created ('tandem init' or 'migrate', audit_key_setup), not
 * here: a migration has no key. Sessions get a creation order (created_at
 * has whole seconds), so the cap on sessions per account ends the oldest. */
static int migration_6(struct store *s, struct buf *err)
{
	return store_exec(s, "ALTER TABLE audit_log ADD COLUMN mac TEXT;\n"
			  "CREATE TABLE audit_key (id BIGINT PRIMARY KEY, key_id TEXT NOT NULL,"
			  " keyed_at TEXT NOT NULL);\n"
			  "ALTER TABLE sessions ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;\n", err);
}

/* Version 7 keeps SLA feeds (issue 19, store/feed_store.h): intervals per
 * source id and local day, ticket SLA outcomes, and which source feeds
 * which contract metric. */
static int migration_7(struct store *s, struct buf *err)
{
	return store_feed_migrate(s, err);
}

/* Version 8 keeps proposed changes (SPEC §2, counter-party confirmation):
 * a change a rated party makes to its own evidence waits here, with the
 * record before and after, until a person of the other side confirms or
 * rejects it (store/changes.h). */
static int migration_8(struct store *s, struct buf *err)
{
	return store_exec(s,
		"CREATE TABLE proposed_changes (\n"
		"  id BIGINT PRIMARY KEY, kind TEXT NOT NULL, record_key TEXT NOT NULL,\n"
		"  op TEXT NOT NULL, contract_id TEXT, sales_owner TEXT, ops_owner TEXT,\n"
		"  confirmer TEXT NOT NULL,\n"
		"  before_value TEXT, after_value TEXT, after_csv TEXT,\n"
		"  proposer TEXT NOT NULL, proposer_person TEXT, reason TEXT,\n"
		"  state TEXT NOT NULL, decided_by TEXT, decided_person TEXT, note TEXT,\n"
		"  created_at TEXT NOT NULL, decided_at TEXT);\n"
		"CREATE INDEX proposed_changes_state ON proposed_changes (state, id);\n", err);
}

/* Version 9: background jobs (store/jobs.h). An upload waits in
 * job_files until a server claims its job; a preview's files stay until it
 * is committed or expires, so any server can commit it. */
static int migration_9(struct store *s, struct buf *err)
{
	int sqlite = s->ops->kind == STORE_SQLITE;
	const char *big = sqlite ? "INTEGER" : "BIGINT";
	struct buf sql = BUF_INIT;
	int rc;
	buf_addf(&sql,
		 "CREATE TABLE IF NOT EXISTS jobs (\n"
		 "  id %s PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL,\n"
		 "  owner TEXT NOT NULL, actor TEXT NOT NULL, dry_run %s NOT NULL,\n"
		 "  names TEXT NOT NULL, bytes %s NOT NULL, created_at TEXT NOT NULL,\n"
		 "  started_at TEXT, finished_at TEXT, heartbeat %s NOT NULL DEFAULT 0,\n"
		 "  server TEXT, progress_rows %s NOT NULL DEFAULT 0,\n"
		 "  progress_bytes %s NOT NULL DEFAULT 0, ok %s, rows %s, files %s, batch %s,\n"
		 "  n_errors %s, errors TEXT, limit_name TEXT, preview_of %s, committed_by %s\n"
		 ")%s;\n"
		 "CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, id);\n"
		 "CREATE TABLE IF NOT EXISTS job_files (\n"
		 "  job_id %s NOT NULL, seq %s NOT NULL, name TEXT NOT NULL, data %s NOT NULL,\n"
		 "  PRIMARY KEY (job_id, seq)\n"
		 ")%s;\n",
		 big, big, big, big, big, big, big, big, big, big, big, big, big,
		 sqlite ? " STRICT" : "", big, big, sqlite ? "BLOB" : "BYTEA", sqlite ? " STRICT" : "");
	rc = store_exec(s, sql.data, err);
	buf_release(&sql);
	return rc;
}

/* Version 10 adds sla_terms (issue 20): a contract's service-credit terms
 * per metric, declared in domain/schema.c like every record kind. */
static int migration_10(struct store *s, struct buf *err)
{
	struct buf sql = BUF_INIT;
	int rc = table_exists(s, "sla_terms", err);
	if (rc)
		return rc < 0 ? -1 : 0;
	record_table_sql(s, schema_find("sla_terms"), &sql);
	rc = store_exec(s, sql.data, err);
	buf_release(&sql);
	return rc;
}

/* Version 11 keeps acknowledgements of early warnings (store/alert_acks.h):
 * the same SQL on SQLite and PostgreSQL. */
static int migration_11(struct store *s, struct buf *err)
{
	return store_exec(s,
			  "CREATE TABLE IF NOT EXISTS alert_acks (\n"
			  "  contract_id TEXT NOT NULL, rule TEXT NOT NULL, acknowledged_on TEXT NOT NULL,\n"
			  "  note TEXT NOT NULL, acknowledged_by TEXT NOT NULL, acknowledged_at TEXT NOT NULL,\n"
			  "  PRIMARY KEY (contract_id, rule, acknowledged_on))", err);
}

/* Version 12: jobs of other kinds than the import (SLA feeds): params says
 * what to run (kind's own text), detail holds the result beyond the common
 * columns (kind's own JSON object). Checked first: a store taken back to an
 * older version and migrated again keeps the columns. */
static int migration_12(struct store *s, struct buf *err)
{
	int64_t have = 0;
	if (s->ops->kind != STORE_SQLITE)
		return store_exec(s, "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS params TEXT;\n"
				  "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS detail TEXT", err);
	if (store_query_int64(s, "SELECT count(*) FROM pragma_table_info('jobs') WHERE name = 'params'", 0,
			      &have, err))
		return -1;
	return have ? 0 : store_exec(s, "ALTER TABLE jobs ADD COLUMN params TEXT;\n"
				     "ALTER TABLE jobs ADD COLUMN detail TEXT", err);
}

typedef int (*migration_fn)(struct store *, struct buf *);
static const migration_fn migrations[] = { migration_1, migration_2, migration_3, migration_4,
					    migration_5, migration_6, migration_7, migration_8, migration_9,
					    migration_10, migration_11, migration_12 };
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_latest_version(void)
{
	return N_MIGRATIONS;
}

int store_schema_version(struct store *s, int *version, struct buf *err)
{
	int64_t v = 0, exists = 0;
	const char *probe = s->ops->kind == STORE_SQLITE
		? "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'"
		: "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'";
	if (store_query_int64(s, probe, 0, &exists, err))
		return -1;
	if (exists && store_query_int64(s, "SELECT max(version) FROM schema_version", 0, &v, err))
		return -1;
	*version = (int)v;
	return 0;
}

int store_migrate(struct store *s, int *from, int *to, struct buf *err)
{
	int version;
	if (store_begin(s, err))
		return -1;
	if (store_exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY)", err) ||
	    store_schema_version(s, &version, err))
		goto fail;
	*from = version;
	if (version > N_MIGRATIONS) {
		buf_addf(err, "%s: schema version %d is newer than this tandem (%d); upgrade tandem",
			 s->location, version, N_MIGRATIONS);
		goto fail;
	}
	for (int v = version; v < N_MIGRATIONS; v++) {
		char num[32];
		const char *p[1] = { num };
		if (migrations[v](s, err))
			goto fail;
		snprintf(num, sizeof num, "%d", v + 1);
		if (store_run(s, err, "INSERT INTO schema_version (version) VALUES (CAST(? AS INTEGER))", 1, p))
			goto fail;
	}
	*to = N_MIGRATIONS;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}
