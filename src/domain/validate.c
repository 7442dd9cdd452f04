/* SPDX-License-Identifier: MIT */
/* The checks of one record over its cells (domain/validate.h): each cell by
 * its column's type, then the rules between the cells of a row, as tables.
 * Problems carry a catalog code and parameters; nothing here writes a
 * sentence. */
#include "domain/validate.h"

#include "base/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void problems_init(struct problem_list *l, size_t max)
{
	memset(l, 0, sizeof *l);
	l->max = max;
}

void problems_release(struct problem_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct problem *p = &l->items[i];
		xfree(p->file);
		xfree(p->where);
		xfree(p->value);
		for (int a = 0; a < p->n_args; a++)
			xfree(p->args[a]);
	}
	xfree(l->items);
	problems_init(l, l->max);
}

struct problem *problems_add(struct problem_list *l, const char *code)
{
	struct problem *p;
	l->total++;
	if (l->max && l->n >= l->max)
		return NULL;
	ALLOC_GROW(l->items, l->n + 1, l->cap);
	p = &l->items[l->n++];
	memset(p, 0, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	p->col = -1;
	return p;
}

void problem_arg(struct problem *p, const char *s, size_t len)
{
	if (!p || p->n_args == PROBLEM_MAX_ARGS)
		return;
	p->args[p->n_args++] = xstrndup(s, len);
}

void problem_argf(struct problem *p, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	if (!p)
		return;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	problem_arg(p, b.data, b.len);
	buf_release(&b);
}

void problem_value(struct problem *p, const char *s, size_t len)
{
	if (!p)
		return;
	xfree(p->value);
	p->value = xstrndup(s, len > PROBLEM_MAX_VALUE ? PROBLEM_MAX_VALUE : len);
}

void problem_at(struct problem *p, const char *file, const char *where, unsigned long line,
		int column)
{
	if (!p)
		return;
	xfree(p->file);
	xfree(p->where);
	p->file = file ? xstrdup(file) : NULL;
	p->where = where ? xstrdup(where) : NULL;
	p->line = line;
	p->column = column;
}

const char *validate_noun(const char *table)
{
	static const struct { const char *table, *noun; } nouns[] = {
		{ "clients", "client" }, { "contracts", "contract" },
		{ "org_units", "org unit" }, { "people", "person" },
		{ "proposals", "proposal" }, { "sla_metrics", "SLA metric" },
	};
	for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
		if (!strcmp(nouns[i].table, table))
			return nouns[i].noun;
	return table;
}

void validate_enum_list(const struct column *c, struct buf *out)
{
	for (int i = 0; c->enum_values[i]; i++)
		buf_addf(out, "%s%s", i ? PROBLEM_LIST_SEP : "", c->enum_values[i]);
}

/* --- cells ------------------------------------------------------------- */

static int control_free(const char *s, size_t len, int allow_newlines)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
			return 0;
		if (c == 0x7f)
			return 0;
	}
	return 1;
}

/* A percentage column (sla_terms' at_risk_pct, allocation_pct): 0 to 100. */
static int is_percentage(const struct column *c)
{
	size_t n = strlen(c->name);
	return c->type == COL_MONEY && n > 4 && !strcmp(c->name + n - 4, "_pct");
}

/* A problem of the cell: the column's name is a parameter where the
 * message has one; value_first puts the cell's text before it. */
static struct problem *cell_problem(struct problem_list *out, const struct table *t, int col,
				    const struct cell *cell, const char *code)
{
	struct problem *p = problems_add(out, code);
	if (p) {
		p->table = t->name;
		p->col = col;
		problem_value(p, cell->text, cell->len);
	}
	return p;
}

static size_t cut(size_t len)
{
	return len > PROBLEM_MAX_VALUE ? PROBLEM_MAX_VALUE : len;
}

/* The whole-number columns: the code when the text is not one, the code
 * when it is out of range, and the range. */
static const struct {
	enum col_type type;
	const char *bad, *range;
	int64_t min, max;
} whole_numbers[] = {
	{ COL_COUNT, "bad_count", "bad_count", 0, INT32_MAX },
	{ COL_RATING, "bad_rating", "bad_rating", 1, 5 },
	{ COL_FLAG, "bad_flag_whole", "bad_flag", 0, 1 },
};

static int check_whole(const struct table *t, int col, struct cell *cell, struct problem_list *out)
{
	const struct column *c = &t->columns[col];
	int64_t v;
	for (size_t i = 0; i < sizeof whole_numbers / sizeof whole_numbers[0]; i++) {
		if (whole_numbers[i].type != c->type)
			continue;
		if (integer_parse(cell->text, cell->len, &v) || v < 0 || v > INT32_MAX) {
			struct problem *p = cell_problem(out, t, col, cell, whole_numbers[i].bad);
			problem_arg(p, cell->text, cut(cell->len));
			problem_arg(p, c->name, strlen(c->name));
			return -1;
		}
		if (v < whole_numbers[i].min || v > whole_numbers[i].max) {
			struct problem *p = cell_problem(out, t, col, cell, whole_numbers[i].range);
			problem_arg(p, cell->text, cell->len);
			problem_arg(p, c->name, strlen(c->name));
			return -1;
		}
		cell->num = v;
	}
	return 0;
}

static int check_decimal(const struct table *t, int col, struct cell *cell, struct problem_list *out)
{
	static const char *const codes[] = {
		[DECIMAL_SYNTAX] = "bad_number_syntax", [DECIMAL_PRECISION] = "bad_number_precision",
		[DECIMAL_RANGE] = "bad_number_range",
	};
	const struct column *c = &t->columns[col];
	enum decimal_error de = decimal_parse(cell->text, cell->len, &cell->num);
	struct problem *p;
	if (de != DECIMAL_OK) {
		p = cell_problem(out, t, col, cell, codes[de]);
		problem_arg(p, cell->text, cut(cell->len));
		problem_arg(p, c->name, strlen(c->name));
		return -1;
	}
	if (is_percentage(c) && (cell->num < 0 || cell->num > 100 * MICRO_ONE)) {
		p = cell_problem(out, t, col, cell, "pct_range");
		problem_arg(p, c->name, strlen(c->name));
		problem_arg(p, cell->text, cell->len);
		return -1;
	}
	if (c->type == COL_MONEY && cell->num < 0) {
		p = cell_problem(out, t, col, cell, "negative_amount");
		problem_arg(p, cell->text, cell->len);
		problem_arg(p, c->name, strlen(c->name));
		return -1;
	}
	return 0;
}

int validate_cell(const struct table *t, int col, struct cell *cell, struct problem_list *out)
{
	const struct column *c = &t->columns[col];
	const char *s = cell->text;
	size_t len = cell->len;
	struct problem *p;
	month_t m;

	cell->present = len > 0;
	if (!len) {
		if (c->flags & COL_REQUIRED) {
			p = cell_problem(out, t, col, cell, "field_required");
			problem_arg(p, c->name, strlen(c->name));
			return -1;
		}
		return 0;
	}
	switch (c->type) {
	case COL_TEXT:
		if (!control_free(s, len, 1)) {
			p = cell_problem(out, t, col, cell, "control_char");
			problem_arg(p, c->name, strlen(c->name));
			return -1;
		}
		return 0;
	case COL_ID:
		if (!control_free(s, len, 0) || s[0] == ' ' || s[len - 1] == ' ') {
			p = cell_problem(out, t, col, cell, "id_spaces");
			problem_arg(p, c->name, strlen(c->name));
			problem_arg(p, s, len);
			return -1;
		}
		if (len > 200) {
			p = cell_problem(out, t, col, cell, "too_long");
			problem_arg(p, c->name, strlen(c->name));
			return -1;
		}
		return 0;
	case COL_DATE:
	case COL_MONTH:
		if (c->type == COL_DATE ? date_parse(s, len, &cell->day) : month_parse(s, len, &m)) {
			p = cell_problem(out, t, col, cell, c->type == COL_DATE ? "bad_date" : "bad_month");
			problem_arg(p, s, cut(len));
			problem_arg(p, c->name, strlen(c->name));
			return -1;
		}
		return 0;
	case COL_DECIMAL:
	case COL_MONEY:
		return check_decimal(t, col, cell, out);
	case COL_COUNT:
	case COL_RATING:
	case COL_FLAG:
		return check_whole(t, col, cell, out);
	case COL_ENUM:
		if (schema_enum_index(c, s, len) < 0) {
			struct buf l = BUF_INIT;
			validate_enum_list(c, &l);
			p = cell_problem(out, t, col, cell, "unknown_ref_expected");
			problem_arg(p, c->name, strlen(c->name));
			problem_arg(p, s, cut(len));
			problem_arg(p, l.data, l.len);
			buf_release(&l);
			return -1;
		}
		return 0;
	}
	return 0;
}

/* --- rows ---------------------------------------------------------------- */

/* Dates of one record that may not be before another (SPEC §4). */
static const struct {
	const char *table, *later, *earlier;
} date_order[] = {
	{ "contracts", "staffed_on", "ramp_started_on" },
	{ "contracts", "go_live_on", "signed_on" },
	{ "contracts", "end_on", "go_live_on" },
};

/* References that may not name the record itself (its id, column 0). */
static const struct {
	const char *table, *column;
} self_refs[] = {
	{ "clients", "referred_by" },
	{ "contracts", "parent_contract_id" },
	{ "contracts", "renews_contract_id" },
	{ "org_units", "parent_id" },
};

static int row_rules(const struct table *t, const struct cell *cells, struct problem_list *out)
{
	int found = 0;
	for (size_t i = 0; i < sizeof date_order / sizeof date_order[0]; i++) {
		if (strcmp(date_order[i].table, t->name))
			continue;
		int l = schema_column(t, date_order[i].later), e = schema_column(t, date_order[i].earlier);
		const struct cell *lc = &cells[l], *ec = &cells[e];
		if (lc->present && ec->present && lc->day < ec->day) {
			struct problem *p = cell_problem(out, t, l, lc, "before");
			problem_arg(p, date_order[i].later, strlen(date_order[i].later));
			problem_arg(p, lc->text, lc->len);
			problem_arg(p, date_order[i].earlier, strlen(date_order[i].earlier));
			problem_arg(p, ec->text, ec->len);
			found++;
		}
	}
	for (size_t i = 0; i < sizeof self_refs / sizeof self_refs[0]; i++) {
		if (strcmp(self_refs[i].table, t->name))
			continue;
		int r = schema_column(t, self_refs[i].column);
		const struct cell *c = &cells[r];
		if (c->present && c->len == cells[0].len && !memcmp(c->text, cells[0].text, c->len)) {
			struct problem *p = cell_problem(out, t, r, c, "refer_itself");
			const char *noun = validate_noun(t->name);
			problem_arg(p, noun, strlen(noun));
			problem_arg(p, c->text, c->len);
			found++;
		}
	}
	if (!strcmp(t->name, "people")) {
		int e = schema_column(t, "email");
		const struct cell *c = &cells[e];
		if (c->present && !memchr(c->text, '@', c->len)) {
			struct problem *p = cell_problem(out, t, e, c, "bad_email");
			problem_arg(p, c->text, c->len);
			found++;
		}
	}
	return found;
}

int validate_row(const struct table *t, struct cell *cells, struct problem_list *out)
{
	int found = 0;
	for (size_t i = 0; i < t->n_columns; i++)
		if (validate_cell(t, (int)i, &cells[i], out))
			found++;
	if (found)
		return found;
	if (t->blocks)
		plain_denominator(&cells[schema_column(t, "denominator")]);
	return row_rules(t, cells, out);
}
