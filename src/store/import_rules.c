/* SPDX-License-Identifier: MIT */
/* The import rules that need the store: references (to rows stored or
 * earlier in this import), separation of duties (SPEC §4), and the rules
 * over the whole import, checked once its files are written inside the
 * transaction: the proposal gate, org units forming a tree, the SLA
 * terms. Their problems join the cells' (domain/validate.h). */
#include "store/import_impl.h"

#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

static struct stmt *exists_stmt(struct importer *im, const struct table *t)
{
	size_t ti = import_table_index(t);
	if (!im->exists[ti]) {
		struct buf sql = BUF_INIT;
		buf_addf(&sql, "SELECT 1 FROM %s WHERE id = ?", t->sql_name);
		if (store_prepare(im->s, sql.data, &im->exists[ti], im->err))
			im->storage_failed = 1;
		buf_release(&sql);
	}
	return im->exists[ti];
}

int import_ref_exists(struct importer *im, const struct table *t, const char *id, size_t len)
{
	struct stmt *st;
	int found;
	size_t ti = import_table_index(t);
	if (strset_has(&im->known[ti], id, len))
		return 1;
	if (strset_has(&im->bad_keys[ti], id, len))
		return 2;
	st = exists_stmt(im, t);
	if (!st)
		return 1;
	stmt_bind_text(st, 1, id, len);
	int step = stmt_step(st);
	if (step == STORE_ERROR) {
		/* Not "unknown": the store failed, and that is the error. */
		buf_addf(im->err, "%s", stmt_error(st));
		im->storage_failed = 1;
	}
	found = step == STORE_ROW;
	stmt_reset(st);
	if (found)
		strset_add(&im->known[ti], id, len);
	if (!found && im->unreadable[ti])
		return 2;
	return found || step == STORE_ERROR;
}

int import_metric_exists(struct importer *im, const char *contract, size_t clen,
			 const char *metric, size_t mlen)
{
	struct buf *key = &im->metric_key;
	int found;
	buf_reset(key);
	buf_add(key, contract, clen);
	buf_addc(key, '\x1f');
	buf_add(key, metric, mlen);
	if (im->last_metric_key.len && im->last_metric_key.len == key->len &&
	    !memcmp(im->last_metric_key.data, key->data, key->len))
		return im->last_metric_ok;
	size_t metrics = import_table_index(im->sla_metrics);
	if (strset_has(&im->known[metrics], key->data, key->len)) {
		found = 1;
	} else if (strset_has(&im->bad_keys[metrics], key->data, key->len)) {
		found = 2;
	} else {
		if (!im->metric_exists &&
		    store_prepare(im->s, "SELECT 1 FROM sla_metrics WHERE contract_id = ? AND metric = ?",
				  &im->metric_exists, im->err)) {
			im->storage_failed = 1;
			return 1;
		}
		stmt_bind_text(im->metric_exists, 1, contract, clen);
		stmt_bind_text(im->metric_exists, 2, metric, mlen);
		int step = stmt_step(im->metric_exists);
		if (step == STORE_ERROR) {
			buf_addf(im->err, "%s", stmt_error(im->metric_exists));
			im->storage_failed = 1;
		}
		found = step == STORE_ROW || step == STORE_ERROR;
		stmt_reset(im->metric_exists);
		if (step == STORE_ROW)
			strset_add(&im->known[metrics], key->data, key->len);
		if (!found && im->unreadable[metrics])
			found = 2;
	}
	buf_reset(&im->last_metric_key);
	buf_add(&im->last_metric_key, key->data, key->len);
	im->last_metric_ok = found;
	return found;
}

/* The kind of the org unit a person belongs to (0 sales, 1 operations,
 * 2 executive), or -1 when unknown. */
static int person_unit_kind(struct importer *im, const char *id, size_t len)
{
	int kind = -1;
	if (!im->person_kind &&
	    store_prepare(im->s, "SELECT u.kind FROM people p JOIN org_units u ON u.id = p.org_unit_id"
			  " WHERE p.id = ?", &im->person_kind, im->err)) {
		im->storage_failed = 1;
		return -1;
	}
	stmt_bind_text(im->person_kind, 1, id, len);
	int step = stmt_step(im->person_kind);
	if (step == STORE_ROW) {
		const char *k = stmt_text(im->person_kind, 0, NULL);
		kind = !strcmp(k, "sales") ? 0 : !strcmp(k, "operations") ? 1 : 2;
	} else if (step == STORE_ERROR) {
		/* Not "no such person": the store failed, and that is the error. */
		buf_addf(im->err, "%s", stmt_error(im->person_kind));
		im->storage_failed = 1;
	}
	stmt_reset(im->person_kind);
	return kind;
}

/* A problem at a cell of the row being read. */
static struct problem *cell_problem(struct importer *im, struct file_state *fs,
				    unsigned long line, int col, const struct cell *cell,
				    const char *code)
{
	struct problem *p = import_problem(im, fs->f->path, line, fs->field_of[col] + 1, code);
	if (p) {
		p->table = fs->t->name;
		p->col = col;
		problem_value(p, cell->text, cell->len);
	}
	return p;
}

/* Separation of duties (SPEC §4): who writes a record of a kind, by the
 * kind of org unit of the person in its column. */
static const struct {
	const char *table, *who;
	int want_ops;            /* 1: an operations person; 0: anyone else */
	const char *code;        /* the problem when it is not so */
} duties[] = {
	{ "feasibility_reviews", "reviewer", 1, "reviewer_not_operations" },
	{ "manual_ratings", "rated_by", 1, "rater_not_operations" },
	{ "relationship_ratings", "rated_by", 0, "rater_operations" },
};

void import_check_duties(struct importer *im, struct file_state *fs, unsigned long line,
			 struct cell *cells, int *bad)
{
	const struct table *t = fs->t;
	for (size_t i = 0; i < sizeof duties / sizeof duties[0]; i++) {
		if (strcmp(duties[i].table, t->name))
			continue;
		int col = schema_column(t, duties[i].who);
		struct cell *c = &cells[col];
		int kind = person_unit_kind(im, c->text, c->len);
		if (kind < 0)
			return;
		if ((kind == 1) != duties[i].want_ops) {
			problem_arg(cell_problem(im, fs, line, col, c, duties[i].code), c->text, c->len);
			*bad = 1;
		}
	}
}

void import_check_refs(struct importer *im, struct file_state *fs, unsigned long line,
		       struct cell *cells, int *bad, int *quiet_bad)
{
	const struct table *t = fs->t;
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		struct cell *cell = &cells[i];
		int found;
		if (!c->ref_table || !cell->present)
			continue;
		if (!strcmp(c->ref_table, t->name)) {
			/* A self-reference may point at a row later in the file. */
			ALLOC_GROW(fs->pending, fs->n_pending + 1, fs->cap_pending);
			fs->pending[fs->n_pending].value = xstrndup(cell->text, cell->len);
			fs->pending[fs->n_pending].line = line;
			fs->pending[fs->n_pending].column = fs->field_of[i] + 1;
			fs->pending[fs->n_pending].col = (int)i;
			fs->n_pending++;
			continue;
		}
		if (!strcmp(c->ref_table, "sla_metrics"))
			found = import_metric_exists(im, cells[0].text, cells[0].len, cell->text, cell->len);
		else
			found = import_ref_exists(im, schema_find(c->ref_table), cell->text, cell->len);
		if (found == 2) {
			*quiet_bad = 1;
		} else if (!found) {
			struct problem *p;
			if (!strcmp(c->ref_table, "sla_metrics")) {
				p = cell_problem(im, fs, line, (int)i, cell, "unknown_metric");
				problem_arg(p, cell->text, cell->len);
				problem_arg(p, cells[0].text, cells[0].len);
			} else {
				const char *noun = validate_noun(c->ref_table);
				p = cell_problem(im, fs, line, (int)i, cell, "unknown_ref");
				problem_arg(p, noun, strlen(noun));
				problem_arg(p, cell->text, cell->len);
			}
			*bad = 1;
		}
	}
}

void import_check_pending(struct importer *im, struct file_state *fs)
{
	const struct table *t = fs->t;
	for (size_t i = 0; i < fs->n_pending; i++) {
		struct pending_ref *pr = &fs->pending[i];
		int found = import_ref_exists(im, t, pr->value, strlen(pr->value));
		if (!found) {
			const char *noun = validate_noun(t->name);
			struct problem *p = import_problem(im, fs->f->path, pr->line, pr->column,
							   "unknown_ref");
			if (p) {
				p->table = t->name;
				p->col = pr->col;
				problem_value(p, pr->value, strlen(pr->value));
			}
			problem_arg(p, noun, strlen(noun));
			problem_arg(p, pr->value, strlen(pr->value));
		}
		xfree(pr->value);
	}
	xfree(fs->pending);
	fs->pending = NULL;
	fs->n_pending = fs->cap_pending = 0;
}

/* --- whole-import rules -------------------------------------------------- */

/* A problem at a column of a file's row, found after the file was read. */
static struct problem *row_problem(struct importer *im, const char *path, unsigned long line,
				   int column, const char *table, const char *col_name,
				   const char *code)
{
	struct problem *p = import_problem(im, path, line, column, code);
	if (p) {
		p->table = table;
		p->col = schema_column(schema_find(table), col_name);
	}
	return p;
}

/* The proposal gate (SPEC §3): a won proposal needs a feasible or
 * conditional review, or an executive's override. */
int import_check_gate(struct importer *im, const char *proposals_path)
{
	struct stmt *st;
	if (store_prepare(im->s,
			  "SELECT p.id, p.src_line FROM proposals p WHERE p.src_batch = ? AND p.status = 'won'"
			  " AND NOT EXISTS (SELECT 1 FROM feasibility_reviews r WHERE r.proposal_id = p.id"
			  "  AND r.verdict IN ('feasible', 'conditional'))"
			  " AND NOT EXISTS (SELECT 1 FROM proposal_overrides o WHERE o.proposal_id = p.id)"
			  " ORDER BY p.src_line", &st, im->err))
		return -1;
	stmt_bind_int64(st, 1, im->batch);
	int step;
	while ((step = stmt_step(st)) == STORE_ROW) {
		const char *id = stmt_text(st, 0, NULL);
		struct problem *p = row_problem(im, proposals_path, (unsigned long)stmt_int64(st, 1),
						im->status_column, "proposals", "status", "gate_shut");
		problem_value(p, "won", 3);
		problem_arg(p, id, strlen(id));
	}
	if (step == STORE_ERROR)
		buf_addf(im->err, "%s", stmt_error(st));
	stmt_finalize(st);
	return step == STORE_ERROR ? -1 : 0;
}

/* Org units must form a tree: following parent_id from any unit must end. */
int import_check_unit_cycles(struct importer *im, const char *path)
{
	struct stmt *st;
	char **ids = NULL, **parents = NULL;
	int64_t *lines = NULL, *batches = NULL;
	size_t n = 0, cap = 0, cap2 = 0, cap3 = 0, cap4 = 0;
	if (store_prepare(im->s, "SELECT id, parent_id, src_line, src_batch FROM org_units ORDER BY id",
			  &st, im->err))
		return -1;
	int step;
	while ((step = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(ids, n + 1, cap);
		ALLOC_GROW(parents, n + 1, cap2);
		ALLOC_GROW(lines, n + 1, cap3);
		ALLOC_GROW(batches, n + 1, cap4);
		ids[n] = xstrdup(stmt_text(st, 0, NULL));
		parents[n] = stmt_is_null(st, 1) ? NULL : xstrdup(stmt_text(st, 1, NULL));
		lines[n] = stmt_int64(st, 2);
		batches[n] = stmt_int64(st, 3);
		n++;
	}
	if (step == STORE_ERROR)
		buf_addf(im->err, "%s", stmt_error(st));
	stmt_finalize(st);
	for (size_t i = 0; i < n && step != STORE_ERROR; i++) {
		if (batches[i] != im->batch)
			continue;
		const char *cur = parents[i];
		size_t steps = 0;
		while (cur && steps <= n) {
			size_t j;
			for (j = 0; j < n && strcmp(ids[j], cur); j++)
				;
			if (j == n)
				break;
			cur = parents[j];
			steps++;
		}
		if (cur && steps > n) {
			struct problem *p = row_problem(im, path, (unsigned long)lines[i], im->parent_column,
							"org_units", "parent_id", "unit_cycle");
			if (parents[i])
				problem_value(p, parents[i], strlen(parents[i]));
			problem_arg(p, ids[i], strlen(ids[i]));
		}
	}
	for (size_t i = 0; i < n; i++) {
		xfree(ids[i]);
		xfree(parents[i]);
	}
	xfree(ids);
	xfree(parents);
	xfree(lines);
	xfree(batches);
	return step == STORE_ERROR ? -1 : 0;
}

static void arg_str(struct problem *p, const char *s)
{
	problem_arg(p, s, strlen(s));
}

/* The sla_terms rules that involve more than one row (issue 20), checked
 * once the files are written, against the whole store as it will be:
 * - the minimum may not be stricter than the expected level for the
 *   metric's direction (above it for higher-is-better, below it for
 *   lower-is-better); a pair touched by this import is reported on the
 *   terms row when that row is in it, else on the metric's row;
 * - at_risk_pct and burn_in_months belong to the contract: every row of a
 *   contract touched by this import must agree with the contract's first
 *   row (rows already stored first, then this import's in line order);
 *   each row that does not is reported. */
int import_check_terms(struct importer *im, const char *terms_path, const char *metrics_path)
{
	struct stmt *st = NULL;
	int step, rc = -1;
	char *contract = NULL, *ref_metric = NULL;
	int64_t ref_risk = 0, ref_burn = 0, ref_line = 0;
	int ref_stored = 0;

	if (store_prepare(im->s,
			  "SELECT t.contract_id, t.metric, m.direction, t.minimum, t.expected,"
			  " t.src_batch, t.src_line, m.src_line FROM sla_terms t JOIN sla_metrics m"
			  " ON m.contract_id = t.contract_id AND m.metric = t.metric"
			  " WHERE (t.src_batch = ? OR m.src_batch = ?)"
			  " AND ((m.direction = 'higher' AND t.minimum > t.expected)"
			  "  OR (m.direction = 'lower' AND t.minimum < t.expected))"
			  " ORDER BY t.src_batch <> ?, t.src_line, m.src_line", &st, im->err))
		goto out;
	stmt_bind_int64(st, 1, im->batch);
	stmt_bind_int64(st, 2, im->batch);
	stmt_bind_int64(st, 3, im->batch);
	while ((step = stmt_step(st)) == STORE_ROW) {
		char minimum[32], expected[32];
		const char *direction = stmt_text(st, 2, NULL);
		int higher = !strcmp(direction, "higher");
		struct problem *p = NULL;
		decimal_format(stmt_int64(st, 3), minimum);
		decimal_format(stmt_int64(st, 4), expected);
		if (stmt_int64(st, 5) == im->batch && terms_path) {
			p = row_problem(im, terms_path, (unsigned long)stmt_int64(st, 6), im->minimum_column,
					"sla_terms", "minimum",
					higher ? "terms_minimum_higher" : "terms_minimum_lower");
			problem_value(p, minimum, strlen(minimum));
			arg_str(p, minimum);
			arg_str(p, stmt_text(st, 1, NULL));
			arg_str(p, stmt_text(st, 0, NULL));
			arg_str(p, expected);
		} else if (metrics_path) {
			p = row_problem(im, metrics_path, (unsigned long)stmt_int64(st, 7),
					im->direction_column, "sla_metrics", "direction", "terms_direction");
			problem_value(p, direction, strlen(direction));
			arg_str(p, higher ? "higher" : "lower");
			arg_str(p, stmt_text(st, 1, NULL));
			arg_str(p, stmt_text(st, 0, NULL));
			arg_str(p, minimum);
			arg_str(p, expected);
		}
	}
	if (step == STORE_ERROR) {
		buf_addf(im->err, "%s", stmt_error(st));
		goto out;
	}
	stmt_finalize(st);
	st = NULL;
	if (!terms_path) {
		rc = 0;
		goto out;
	}

	if (store_prepare(im->s,
			  "SELECT contract_id, metric, at_risk_pct, coalesce(burn_in_months, 0), src_batch,"
			  " src_line FROM sla_terms WHERE contract_id IN"
			  " (SELECT contract_id FROM sla_terms WHERE src_batch = ?)"
			  " ORDER BY contract_id, src_batch = ?, src_line", &st, im->err))
		goto out;
	stmt_bind_int64(st, 1, im->batch);
	stmt_bind_int64(st, 2, im->batch);
	while ((step = stmt_step(st)) == STORE_ROW) {
		const char *c = stmt_text(st, 0, NULL);
		int64_t risk = stmt_int64(st, 2), burn = stmt_int64(st, 3);
		unsigned long line = (unsigned long)stmt_int64(st, 5);
		char ref_line_text[24];
		if (!contract || strcmp(contract, c)) {
			xfree(contract);
			xfree(ref_metric);
			contract = xstrdup(c);
			ref_metric = xstrdup(stmt_text(st, 1, NULL));
			ref_risk = risk;
			ref_burn = burn;
			ref_line = (int64_t)line;
			ref_stored = stmt_int64(st, 4) != im->batch;
			continue;
		}
		snprintf(ref_line_text, sizeof ref_line_text, "%lld", (long long)ref_line);
		if (risk != ref_risk) {
			char v[32], r[32];
			decimal_format(risk, v);
			decimal_format(ref_risk, r);
			struct problem *p = row_problem(im, terms_path, line, im->at_risk_column, "sla_terms",
							"at_risk_pct",
							ref_stored ? "terms_risk_stored" : "terms_risk_line");
			problem_value(p, v, strlen(v));
			arg_str(p, v);
			arg_str(p, c);
			arg_str(p, r);
			arg_str(p, ref_metric);
			if (!ref_stored)
				arg_str(p, ref_line_text);
		}
		if (burn != ref_burn) {
			struct problem *p = row_problem(im, terms_path, line, im->burn_in_column, "sla_terms",
							"burn_in_months",
							ref_stored ? "terms_burn_stored" : "terms_burn_line");
			problem_argf(p, "%lld", (long long)burn);
			if (p)
				problem_value(p, p->args[0], strlen(p->args[0]));
			arg_str(p, c);
			problem_argf(p, "%lld", (long long)ref_burn);
			arg_str(p, ref_metric);
			if (!ref_stored)
				arg_str(p, ref_line_text);
		}
	}
	if (step == STORE_ERROR) {
		buf_addf(im->err, "%s", stmt_error(st));
		goto out;
	}
	rc = 0;
out:
	stmt_finalize(st);
	xfree(contract);
	xfree(ref_metric);
	return rc;
}

void import_rules_release(struct importer *im)
{
	for (size_t i = 0; i < MAX_TABLES; i++) {
		strset_clear(&im->bad_keys[i]);
		strset_clear(&im->known[i]);
		stmt_finalize(im->exists[i]);
	}
	stmt_finalize(im->person_kind);
	stmt_finalize(im->metric_exists);
}
