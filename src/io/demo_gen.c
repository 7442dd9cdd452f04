/* SPDX-License-Identifier: MIT */
/* The demo company of demo_gen.h. The organization, clients, contracts and
 * every dated event are the hand-written tables of demo_story.c, so that the
 * story (who stabilizes late, who never does, which client referred which)
 * is fixed and documented; one row writer (out_row) writes them and the rows
 * drawn in their image, from a column list per file; daily SLA measurements, readiness items, ratings and monthly
 * financials are drawn from a seeded splitmix64 stream per contract and
 * purpose, then checked against the month-by-month design. */
#include "io/demo_gen.h"

#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/schema.h"
#include "io/csv.h"
#include "io/demo_story.h"

/* ---- a deterministic random stream ----------------------------------- */

struct rng {
	uint64_t state;
};

enum rng_stream {
	RS_MONTHS = 1, RS_DAYS, RS_READINESS, RS_MANUAL, RS_HANDOVER,
	RS_SCOPE, RS_FINANCIALS, RS_RATINGS, RS_PRE_GO_LIVE, RS_ACTIVITY,
};

/* splitmix64 (Steele, Lea, Flood 2014). */
static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Each (key, stream) pair has its own sequence, so editing one contract's
 * row does not reshuffle every other contract's data. */
static void rng_seed(struct rng *r, const char *key, enum rng_stream stream)
{
	uint64_t h = 0xCBF29CE484222325ULL;    /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 0x100000001B3ULL;
	}
	r->state = h ^ ((uint64_t)stream * 0xD1B54A32D192ED03ULL);
	rng_next(r);
}

/* A whole number in [lo, hi]. */
static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* ---- the writer ------------------------------------------------------ */

#define FLUSH_AT (64 * 1024)

/* One output file: rows are built in text and written past FLUSH_AT, so
 * memory stays small even for measurements.csv. */
struct out {
	FILE *f;
	struct buf text;
	struct buf path;
	int nfield;
	int write_errno;        /* first failed write, 0 if none */
};

static void out_flush(struct out *o)
{
	if (o->text.len && !o->write_errno &&
	    fwrite(o->text.data, 1, o->text.len, o->f) != o->text.len)
		o->write_errno = errno ? errno : EIO;
	buf_reset(&o->text);
}

static int out_open(struct out *o, const char *dir, const struct table *t, struct buf *err)
{
	buf_init(&o->text);
	buf_init(&o->path);
	o->nfield = 0;
	o->write_errno = 0;
	buf_addf(&o->path, "%s/%s.csv", dir, t->name);
	o->f = fopen(o->path.data, "wb");
	if (!o->f) {
		buf_addf(err, "cannot create '%s': %s", o->path.data,
			 strerror(errno));
		buf_release(&o->path);
		return -1;
	}
	for (size_t i = 0; i < t->n_columns; i++) {
		if (i)
			buf_addc(&o->text, ',');
		buf_adds(&o->text, t->columns[i].name);
	}
	buf_addc(&o->text, '\n');
	return 0;
}

/* Writes what is left and closes; on any failure err (if not NULL) says
 * why. Always releases o's storage. */
static int out_close(struct out *o, struct buf *err)
{
	int ret = 0;

	out_flush(o);
	if (fclose(o->f) != 0 && !o->write_errno)
		o->write_errno = errno ? errno : EIO;
	if (o->write_errno) {
		if (err)
			buf_addf(err, "cannot write '%s': %s",
				 o->path.data, strerror(o->write_errno));
		ret = -1;
	}
	buf_release(&o->text);
	buf_release(&o->path);
	return ret;
}

static void out_sep(struct out *o)
{
	if (o->nfield++)
		buf_addc(&o->text, ',');
}

/* A text field, quoted per RFC 4180 when it must be (io/csv.h). */
static void out_str(struct out *o, const char *s)
{
	out_sep(o);
	csv_write_field(&o->text, s, strlen(s));
}

static void out_empty(struct out *o)
{
	out_sep(o);
}

static void out_int(struct out *o, int64_t v)
{
	out_sep(o);
	buf_addf(&o->text, "%" PRId64, v);
}

/* A whole number, or an empty cell when v < 0 (the tables' "none"). */
static void out_opt_int(struct out *o, int64_t v)
{
	if (v < 0)
		out_empty(o);
	else
		out_int(o, v);
}

static void out_micro(struct out *o, micro_t v)
{
	char text[32];

	decimal_format(v, text);
	out_sep(o);
	buf_adds(&o->text, text);
}

static void out_day(struct out *o, day_t d)
{
	char text[11];

	if (d == DAY_NONE) {
		out_empty(o);
		return;
	}
	date_format(d, text);
	out_sep(o);
	buf_adds(&o->text, text);
}

static void out_end(struct out *o)
{
	buf_addc(&o->text, '\n');
	o->nfield = 0;
	if (o->text.len >= FLUSH_AT)
		out_flush(o);
}

/* ---- rows of the story's structs ----------------------------------------
 *
 * A story table and the rows drawn in its image are written by one
 * function from a list of columns: which member of the row struct, and how
 * its value becomes a cell. */

enum cell {
	CELL_TEXT,      /* const char *, as it is */
	CELL_EMAIL,     /* const char *, a local part @ EMAIL_DOMAIN */
	CELL_INT,       /* int, always written */
	CELL_COUNT,     /* int, 0 = empty */
	CELL_AMOUNT,    /* int64_t, negative = empty */
};

struct story_column {
	enum cell cell;
	size_t offset;
};

#define COL(cell, type, member) { cell, offsetof(type, member) }

static void out_row(struct out *o, const void *row,
		    const struct story_column *cols, size_t n_cols)
{
	const char *base = row;

	for (size_t i = 0; i < n_cols; i++) {
		const void *at = base + cols[i].offset;
		int count;

		switch (cols[i].cell) {
		case CELL_TEXT:
			out_str(o, *(const char *const *)at);
			break;
		case CELL_EMAIL:
			out_sep(o);
			buf_addf(&o->text, "%s@%s", *(const char *const *)at,
				 EMAIL_DOMAIN);
			break;
		case CELL_INT:
			out_int(o, *(const int *)at);
			break;
		case CELL_COUNT:
			count = *(const int *)at;
			out_opt_int(o, count ? count : -1);
			break;
		case CELL_AMOUNT:
			out_opt_int(o, *(const int64_t *)at);
			break;
		}
	}
	out_end(o);
}

/* ---- the columns of the story's files ------------------------------------ */

#define T CELL_TEXT
#define UNIT(cell, m) COL(cell, struct demo_unit, m)
static const struct story_column unit_cols[] = {
	UNIT(T, id), UNIT(T, name), UNIT(T, kind), UNIT(T, parent_id),
};

#define PERSON(cell, m) COL(cell, struct demo_person, m)
static const struct story_column person_cols[] = {
	PERSON(T, id), PERSON(T, name), PERSON(CELL_EMAIL, email_local),
	PERSON(T, unit_id),
};

#define CLIENT(cell, m) COL(cell, struct demo_client, m)
static const struct story_column client_cols[] = {
	CLIENT(T, id), CLIENT(T, name), CLIENT(T, industry), CLIENT(T, referred_by),
};

#define CONTRACT(cell, m) COL(cell, struct demo_contract, m)
static const struct story_column contract_cols[] = {
	CONTRACT(T, id), CONTRACT(T, client_id), CONTRACT(T, service_line),
	CONTRACT(T, signed_on), CONTRACT(T, ramp_started_on),
	CONTRACT(T, staffed_on), CONTRACT(T, go_live_on), CONTRACT(T, end_on),
	CONTRACT(CELL_AMOUNT, annual_value), CONTRACT(T, risk_tier),
	CONTRACT(T, sales_owner), CONTRACT(T, ops_owner),
	CONTRACT(CELL_COUNT, planned_ramp_days),
	CONTRACT(CELL_COUNT, planned_stabilization_months),
	CONTRACT(T, parent_contract_id), CONTRACT(T, renews_contract_id),
};

#define EXPANSION(cell, m) COL(cell, struct demo_expansion, m)
static const struct story_column expansion_cols[] = {
	EXPANSION(T, contract_id), EXPANSION(T, date), EXPANSION(T, kind),
	EXPANSION(CELL_AMOUNT, added_annual_value),
};

#define RENEWAL(cell, m) COL(cell, struct demo_renewal, m)
static const struct story_column renewal_cols[] = {
	RENEWAL(T, contract_id), RENEWAL(T, due_on), RENEWAL(T, outcome),
	RENEWAL(CELL_AMOUNT, new_annual_value),
};

#define PROPOSAL(cell, m) COL(cell, struct demo_proposal, m)
static const struct story_column proposal_cols[] = {
	PROPOSAL(T, id), PROPOSAL(T, client_id), PROPOSAL(T, credited_contract_id),
	PROPOSAL(T, origin), PROPOSAL(T, title), PROPOSAL(T, service_line),
	PROPOSAL(T, proposed_on), PROPOSAL(CELL_AMOUNT, annual_value),
	PROPOSAL(T, status),
};

#define REVIEW(cell, m) COL(cell, struct demo_review, m)
static const struct story_column review_cols[] = {
	REVIEW(T, proposal_id), REVIEW(T, reviewed_on), REVIEW(T, reviewer),
	REVIEW(T, verdict), REVIEW(T, predicted_attainment), REVIEW(T, risk_tier),
	REVIEW(CELL_INT, required_ramp_days), REVIEW(T, conditions),
};

#define REFERENCE(cell, m) COL(cell, struct demo_reference, m)
static const struct story_column reference_cols[] = {
	REFERENCE(T, client_id), REFERENCE(T, credited_contract_id),
	REFERENCE(T, date), REFERENCE(T, kind), REFERENCE(T, referred_client_id),
};

#define INNOVATION(cell, m) COL(cell, struct demo_innovation, m)
static const struct story_column innovation_cols[] = {
	INNOVATION(T, contract_id), INNOVATION(T, date), INNOVATION(T, kind),
	INNOVATION(T, title), INNOVATION(T, status),
	INNOVATION(CELL_AMOUNT, annual_savings),
	INNOVATION(CELL_AMOUNT, hours_saved),
};
#undef T

/* ---- the parsed dates every generator needs ---------------------------- */

struct contract_days {
	day_t signed_on, ramp_started_on, staffed_on, go_live_on, end_on;
	day_t last_data;        /* min(end_on, today) */
};

struct demo {
	day_t today;
	struct contract_days days[DEMO_N_CONTRACTS];
};

static day_t parse_day(const char *s)
{
	day_t d;

	if (!*s || date_parse(s, strlen(s), &d) < 0)
		return DAY_NONE;
	return d;
}

static int demo_prepare(struct demo *d, struct buf *err)
{
	d->today = parse_day(DEMO_TODAY);
	for (size_t i = 0; i < demo_n_contracts; i++) {
		const struct demo_contract *c = &demo_contracts[i];
		struct contract_days *cd = &d->days[i];

		cd->signed_on = parse_day(c->signed_on);
		cd->ramp_started_on = parse_day(c->ramp_started_on);
		cd->staffed_on = parse_day(c->staffed_on);
		cd->go_live_on = parse_day(c->go_live_on);
		cd->end_on = parse_day(c->end_on);
		if (cd->signed_on == DAY_NONE || cd->go_live_on == DAY_NONE ||
		    (*c->end_on && cd->end_on == DAY_NONE)) {
			buf_addf(err, "demo contract '%s': bad date", c->id);
			return -1;
		}
		cd->last_data = d->today;
		if (cd->end_on != DAY_NONE && cd->end_on < d->today)
			cd->last_data = cd->end_on;
	}
	return 0;
}

static const struct demo_person *find_person(const char *id)
{
	for (size_t i = 0; i < demo_n_people; i++)
		if (!strcmp(demo_people[i].id, id))
			return &demo_people[i];
	return NULL;
}

/* The second rater of an operations person's contracts: the center lead,
 * or the head of operations when the owner is the lead. */
static const char *ops_reviewer(const char *ops_owner)
{
	const struct demo_person *p = find_person(ops_owner);
	const char *lead = "P21";

	if (p && !strcmp(p->unit_id, "OPS-SEOUL"))
		lead = "P12";
	else if (p && !strcmp(p->unit_id, "OPS-BUSAN"))
		lead = "P16";
	return strcmp(lead, ops_owner) ? lead : "P21";
}

static const struct service_line *find_line(const char *name)
{
	for (size_t i = 0; i < demo_n_lines; i++)
		if (!strcmp(demo_lines[i].name, name))
			return &demo_lines[i];
	return NULL;
}

/* Fills out[] with the contract's metrics; returns how many (0 when it has
 * none). */
static int contract_metrics(const struct demo_contract *c,
			    const struct metric_tpl *out[MAX_METRICS])
{
	const struct service_line *l = find_line(c->service_line);
	int n;

	if (!l || (c->flags & F_NO_METRICS))
		return 0;
	n = l->n_metrics;
	for (int i = 0; i < n; i++)
		out[i] = l->metrics[i];
	if ((c->flags & F_FCR) && l->metrics == demo_call_metrics)
		out[n++] = &demo_m_call_fcr;
	return n;
}

static int day_of_week(day_t d)         /* 0 = Sunday */
{
	int w = (int)((d + 4) % 7);        /* 1970-01-01 was a Thursday */
	return w < 0 ? w + 7 : w;
}

static day_t min_day(day_t a, day_t b)
{
	return a < b ? a : b;
}

static day_t max_day(day_t a, day_t b)
{
	return a > b ? a : b;
}

static int64_t round_thousand(int64_t won)
{
	return (won + 500) / 1000 * 1000;
}

/* ---- small files ------------------------------------------------------- */

/* Metric rows (struct demo_file's metric_rows) are called for metric m of
 * contract c, one of the contract's n. */
static void sla_metric_row(struct out *o, const struct demo_contract *c,
			   const struct metric_tpl *m, int n)
{
	(void)n;
	out_str(o, c->id);
	out_str(o, m->metric);
	out_str(o, m->name);
	out_str(o, m->direction);
	out_micro(o, m->target);
	if (m->initial_in_csv && !(c->flags & F_NO_INITIAL))
		out_micro(o, m->initial);
	else
		out_empty(o);
	out_str(o, m->unit);
	out_end(o);
}

/* The service-credit terms of every contract with metrics (issue 20): the
 * minimum is the metric's ramp-up (initial) level, the expected level its
 * target; 10 % of the monthly fees at risk, each metric's allocation an
 * equal share of 120 % (so the cap applies when every metric misses),
 * ratios credited in proportion (linear), the others in full; earn-back 2
 * months, burn-in 3. Terms never enter the scores, so no demo score moves. */
static void sla_term_row(struct out *o, const struct demo_contract *c,
			 const struct metric_tpl *m, int n)
{
	out_str(o, c->id);
	out_str(o, m->metric);
	out_micro(o, m->initial);
	out_micro(o, m->target);
	out_int(o, 10);
	out_int(o, 120 / n);
	out_str(o, m->kind == MK_RATIO ? "linear" : "full");
	out_int(o, 2);
	out_int(o, 3);
	out_end(o);
}

/* ---- measurements -------------------------------------------------------- */

enum level { LV_GOOD, LV_FAIR, LV_POOR, LV_MISSING };

#define MAX_DAYS 31

/* One calendar month of one contract, all metrics, before it is written. */
struct month_rows {
	int n_days;
	day_t day[MAX_DAYS];
	int64_t volume[MAX_DAYS];
	int64_t num[MAX_METRICS][MAX_DAYS];
	int64_t den[MAX_METRICS][MAX_DAYS];
	enum level level[MAX_METRICS];
};

/* The design letter of month k (1-based) of c; see struct demo_contract. */
static char month_design(const struct demo_contract *c, int k, struct rng *r)
{
	const char *bar = strchr(c->quality, '|');
	size_t prefix = bar ? (size_t)(bar - c->quality) : strlen(c->quality);

	if ((size_t)k <= prefix)
		return c->quality[k - 1];
	if (bar)
		return bar[1 + (k - prefix - 1) % strlen(bar + 1)];
	return rng_range(r, 0, 11) == 0 ? 'm' : 'C';
}

static void design_levels(char design, const struct metric_tpl *m[], int n,
			  enum level level[], struct rng *r)
{
	int pick;

	for (int i = 0; i < n; i++)
		level[i] = design == 'f' ? LV_FAIR :
			   design == 'p' ? LV_POOR : LV_GOOD;
	if (design == 'm') {
		pick = (int)rng_range(r, 0, n - 1);
		level[pick] = LV_FAIR;
	} else if (design == 'x') {
		pick = n - 1;
		for (int i = 0; i < n; i++)
			if (!strcmp(m[i]->metric, "CSAT"))
				pick = i;
		level[pick] = LV_MISSING;
	}
}

static micro_t level_value(const struct metric_tpl *t, enum level lv,
			   struct rng *r)
{
	micro_t lo = t->good_lo, hi = t->good_hi, q;
	micro_t grain = t->kind == MK_RATIO ? 1000 :
			t->kind == MK_MEAN ? MICRO_ONE : 10000;

	if (lv == LV_FAIR) {
		lo = t->fair_lo;
		hi = t->fair_hi;
	} else if (lv == LV_POOR) {
		lo = t->poor_lo;
		hi = t->poor_hi;
	}
	q = rng_range(r, lo, hi);
	q -= q % grain;
	return q < lo ? lo : q;
}

/* The day's numerator and denominator for a month level q; noise 0 gives
 * exactly q (up to rounding to whole events). */
static void day_values(const struct metric_tpl *t, micro_t q, int64_t volume,
		       int noise, struct rng *r, int64_t *num, int64_t *den)
{
	int64_t handled = volume * 95 / 100;
	micro_t qd;

	*den = t->handled ? (handled > 0 ? handled : 1) : volume;
	switch (t->kind) {
	case MK_RATIO:
		qd = q + (noise ? rng_range(r, -20000, 20000) : 0);
		if (qd < 0)
			qd = 0;
		if (qd > MICRO_ONE)
			qd = MICRO_ONE;
		*num = (*den * qd + MICRO_ONE / 2) / MICRO_ONE;
		break;
	case MK_MEAN:
		qd = q / 1000 * (1000 + (noise ? rng_range(r, -60, 60) : 0));
		*num = (*den * qd + MICRO_ONE / 2) / MICRO_ONE;
		break;
	case MK_PLAIN:
		/* hundredths of a point */
		*num = q / 10000 + (noise ? rng_range(r, -12, 12) : 0);
		if (*num < 100)
			*num = 100;
		if (*num > 500)
			*num = 500;
		*den = 1;
		break;
	}
}

/* Whether Σnum/Σden meets threshold, exactly (SPEC §5). */
static int meets(const struct metric_tpl *t, int64_t num, int64_t den,
		 micro_t threshold)
{
	int64_t lhs = num * (t->kind == MK_PLAIN ? 10000 : MICRO_ONE);
	int64_t rhs = threshold * den;

	return t->direction[0] == 'h' ? lhs >= rhs : lhs <= rhs;
}

static int level_holds(const struct metric_tpl *t, enum level lv,
		       const int64_t num[], const int64_t den[], int n)
{
	int64_t sn = 0, sd = 0;

	for (int j = 0; j < n; j++) {
		sn += num[j];
		sd += den[j];
	}
	if (lv == LV_MISSING)
		return 1;
	if (sd <= 0)
		return 0;
	switch (lv) {
	case LV_GOOD:
		return meets(t, sn, sd, t->target);
	case LV_FAIR:
		return !meets(t, sn, sd, t->target) &&
		       meets(t, sn, sd, t->initial);
	default:
		return !meets(t, sn, sd, t->initial);
	}
}

static int64_t base_volume(const struct demo_contract *c,
			   const struct service_line *l)
{
	int64_t v = 200 + c->annual_value / 1000000;

	if (v > 3000)
		v = 3000;
	return v * l->volume_pct / 100;
}

/* Collects the days of [from, to] the line works on, with their volume. */
static void fill_days(struct month_rows *mr, const struct demo_contract *c,
		      const struct service_line *l, day_t from, day_t to,
		      struct rng *r)
{
	static const int weekday_pct[7] = { 40, 115, 100, 100, 100, 100, 60 };
	int64_t base = base_volume(c, l);

	mr->n_days = 0;
	for (day_t d = from; d <= to && mr->n_days < MAX_DAYS; d++) {
		int w = day_of_week(d);
		int64_t v;

		if (l->weekdays_only && (w == 0 || w == 6))
			continue;
		v = base * weekday_pct[w] / 100 *
		    (1000 + rng_range(r, -120, 120)) / 1000;
		mr->day[mr->n_days] = d;
		mr->volume[mr->n_days++] = v < 20 ? 20 : v;
	}
}

static void write_month_rows(struct out *o, const struct demo_contract *c,
			     const struct metric_tpl *m[], int n,
			     const struct month_rows *mr)
{
	for (int j = 0; j < mr->n_days; j++) {
		for (int i = 0; i < n; i++) {
			if (mr->level[i] == LV_MISSING)
				continue;
			out_str(o, c->id);
			out_str(o, m[i]->metric);
			out_day(o, mr->day[j]);
			if (m[i]->kind == MK_PLAIN)
				out_micro(o, mr->num[i][j] * 10000);
			else
				out_int(o, mr->num[i][j]);
			out_int(o, mr->den[i][j]);
			out_end(o);
		}
	}
}

/* Generates one month's rows at the designed levels. Days carry noise; if
 * the noise pushed a month across a threshold the month is redrawn without
 * it, and a month that still misses its design is an error (a bad table). */
static int generate_month(struct month_rows *mr, const struct demo_contract *c,
			  const struct metric_tpl *m[], int n, int k,
			  struct rng *r, struct buf *err)
{
	for (int i = 0; i < n; i++) {
		micro_t q;

		if (mr->level[i] == LV_MISSING)
			continue;
		q = level_value(m[i], mr->level[i], r);
		for (int pass = 0; pass < 2; pass++) {
			for (int j = 0; j < mr->n_days; j++)
				day_values(m[i], q, mr->volume[j], pass == 0, r,
					   &mr->num[i][j], &mr->den[i][j]);
			if (level_holds(m[i], mr->level[i], mr->num[i],
					mr->den[i], mr->n_days))
				break;
			if (pass == 1) {
				buf_addf(err, "demo contract '%s': month %d of "
					 "'%s' misses its design", c->id, k,
					 m[i]->metric);
				return -1;
			}
		}
	}
	return 0;
}

/* Contract rows (struct demo_file's contract_rows) are called for each
 * contract ci in turn; they return 0, or -1 with err. */
static int measurement_rows(struct out *o, const struct demo *d, size_t ci,
			    struct buf *err)
{
	struct month_rows month, *mr = &month;
	const struct demo_contract *c = &demo_contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	const struct service_line *l = find_line(c->service_line);
	const struct metric_tpl *m[MAX_METRICS];
	int n = contract_metrics(c, m);
	struct rng months, days;
	month_t first, last;

	if (!n || !l)
		return 0;
	rng_seed(&months, c->id, RS_MONTHS);
	rng_seed(&days, c->id, RS_DAYS);
	if (c->flags & F_PRE_GO_LIVE) {
		/* a trial week before go-live: rows the engine must ignore */
		struct rng pre;

		rng_seed(&pre, c->id, RS_PRE_GO_LIVE);
		fill_days(mr, c, l, cd->go_live_on - 7, cd->go_live_on - 1, &pre);
		for (int i = 0; i < n; i++) {
			micro_t q = level_value(m[i], LV_POOR, &pre);

			mr->level[i] = LV_POOR;
			for (int j = 0; j < mr->n_days; j++)
				day_values(m[i], q, mr->volume[j], 1, &pre,
					   &mr->num[i][j], &mr->den[i][j]);
		}
		write_month_rows(o, c, m, n, mr);
	}
	first = date_month(cd->go_live_on);
	last = date_month(cd->last_data);
	for (month_t mo = first; mo <= last; mo++) {
		int k = (int)(mo - first) + 1;
		day_t from = date_from_ymd(month_year(mo), month_month(mo), 1);
		day_t to = from + days_in_month(month_year(mo), month_month(mo)) - 1;

		from = max_day(from, cd->go_live_on);
		to = min_day(to, cd->last_data);
		design_levels(month_design(c, k, &months), m, n, mr->level,
			      &months);
		fill_days(mr, c, l, from, to, &days);
		if (generate_month(mr, c, m, n, k, &days, err) < 0)
			return -1;
		write_month_rows(o, c, m, n, mr);
	}
	return 0;
}


/* ---- readiness, manual ratings, handover, scope changes ------------------ */

static int readiness_rows(struct out *o, const struct demo *d, size_t ci,
			  struct buf *err)
{
	const struct demo_contract *c = &demo_contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	size_t order[DEMO_N_READINESS_POOL];
	int take[DEMO_N_READINESS_POOL] = { 0 };
	day_t earliest = cd->ramp_started_on != DAY_NONE ?
			 cd->ramp_started_on : cd->signed_on;
	int n, late = 0, missing = 0;
	struct rng r;

	(void)err;
	if (c->flags & F_NO_READINESS)
		return 0;
	rng_seed(&r, c->id, RS_READINESS);
	/* a shuffled subset of 4..8 items, printed in pool order */
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		order[i] = i;
	for (size_t i = ARRAY_SIZE(order) - 1; i > 0; i--) {
		size_t j = (size_t)rng_range(&r, 0, (int64_t)i);
		size_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	n = (int)rng_range(&r, 4, 8);
	for (int i = 0; i < n; i++)
		take[order[i]] = 1;
	/* readiness_gaps: 1 one late item; 2 one late and one never
	 * done; 3 three late items */
	late = c->readiness_gaps == 3 ? 3 : c->readiness_gaps > 0;
	missing = c->readiness_gaps == 2;
	for (size_t i = 0; i < demo_n_readiness_pool; i++) {
		const struct readiness_tpl *t = &demo_readiness_pool[i];
		day_t done = cd->go_live_on - rng_range(&r, 1, 30);

		if (!take[i])
			continue;
		if (done < earliest)
			done = earliest;
		if (t->required && late) {
			done = cd->go_live_on + rng_range(&r, 1, 21);
			late--;
		} else if (t->required && missing) {
			done = DAY_NONE;
			missing--;
		} else if (!t->required && rng_range(&r, 0, 2) == 0) {
			done = DAY_NONE;
		}
		if (done != DAY_NONE && done > d->today)
			done = DAY_NONE;
		out_str(o, c->id);
		out_str(o, t->item);
		out_str(o, t->category);
		out_int(o, t->required);
		out_day(o, done);
		out_end(o);
	}
	return 0;
}

static int clamp_rating(int64_t v)
{
	return v < 1 ? 1 : v > 5 ? 5 : (int)v;
}

static int manual_rating_rows(struct out *o, const struct demo *d, size_t ci,
			      struct buf *err)
{
	const struct demo_contract *c = &demo_contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	struct rng r;
	day_t on[2];
	int n;

	(void)err;
	if (!c->manual_level)
		return 0;
	rng_seed(&r, c->id, RS_MANUAL);
	n = (int)rng_range(&r, 1, 2);
	/* before go-live by the owner, a month after by the lead */
	on[0] = max_day(cd->go_live_on - rng_range(&r, 5, 15),
			cd->signed_on);
	on[1] = cd->go_live_on + rng_range(&r, 20, 45);
	for (int i = 0; i < n; i++) {
		if (on[i] > d->today)
			continue;
		out_str(o, c->id);
		out_day(o, on[i]);
		out_str(o, i == 0 ? c->ops_owner : ops_reviewer(c->ops_owner));
		out_int(o, clamp_rating(c->manual_level + rng_range(&r, -1, 1)));
		out_int(o, clamp_rating(c->manual_level + rng_range(&r, -1, 0)));
		out_end(o);
	}
	return 0;
}

static int handover_rows(struct out *o, const struct demo *d, size_t ci,
			 struct buf *err)
{
	const struct demo_contract *c = &demo_contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	struct rng r;
	int n;

	(void)err;
	if (c->flags & F_NO_HANDOVER)
		return 0;
	rng_seed(&r, c->id, RS_HANDOVER);
	n = (int)rng_range(&r, 3, 6);
	for (int i = 0; i < n; i++) {
		day_t accepted = cd->go_live_on + rng_range(&r, 0, 25);

		if (i >= n - c->handover_open || accepted > d->today)
			accepted = DAY_NONE;
		out_str(o, c->id);
		out_str(o, demo_handover_pool[i]);
		out_day(o, accepted);
		out_end(o);
	}
	return 0;
}

static int scope_change_rows(struct out *o, const struct demo *d, size_t ci,
			     struct buf *err)
{
	const struct demo_contract *c = &demo_contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	day_t prev = cd->go_live_on;
	struct rng r;

	(void)err;
	rng_seed(&r, c->id, RS_SCOPE);
	for (int i = 0; i < c->scope_changes; i++) {
		const struct scope_tpl *t =
			&demo_scope_pool[rng_range(&r, 0, demo_n_scope_pool - 1)];
		/* most in the first year; the fourth one after it */
		day_t on = i < 3 ? prev + rng_range(&r, 5, 110)
				 : cd->go_live_on + rng_range(&r, 380, 600);

		prev = on;
		if (on > d->today || on > cd->last_data)
			continue;
		out_str(o, c->id);
		out_day(o, on);
		out_str(o, t->kind);
		out_str(o, t->note);
		out_end(o);
	}
	return 0;
}

/* ---- financials --------------------------------------------------------- */

/* The annual value billed in month mo: the latest renewed value due before
 * the month, plus expansions dated before the month and after that
 * renewal. */
static int64_t billed_value(const struct demo_contract *c, day_t month_start)
{
	int64_t value = c->annual_value;
	day_t since = DAY_NONE;

	for (size_t i = 0; i < demo_n_renewals; i++) {
		const struct demo_renewal *rn = &demo_renewals[i];
		day_t due = parse_day(rn->due_on);

		if (strcmp(rn->contract_id, c->id) || rn->new_annual_value < 0 ||
		    due >= month_start || (since != DAY_NONE && due < since))
			continue;
		value = rn->new_annual_value;
		since = due;
	}
	for (size_t i = 0; i < demo_n_expansions; i++) {
		const struct demo_expansion *e = &demo_expansions[i];
		day_t on = parse_day(e->date);

		if (!strcmp(e->contract_id, c->id) && on < month_start &&
		    (since == DAY_NONE || on > since))
			value += e->added_annual_value;
	}
	return value;
}

#define PILOT_MONTHLY_COST 15000000

/* Monthly revenue and cost from ramp start to the last month with data.
 * Ramp-up months bill nothing and cost 10-20% of a month's value (hiring,
 * training); months 1-3 after go-live cost 105%, 102%, 99% of revenue;
 * later months earn the contract's margin_pct, give or take 1.5 points.
 * The unpaid pilot (annual_value 0) has costs only. */

static int financial_rows(struct out *o, const struct demo *d, size_t ci,
			  struct buf *err)
{
	const struct demo_contract *c = &demo_contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	day_t start = cd->ramp_started_on != DAY_NONE ?
		      cd->ramp_started_on : cd->go_live_on;
	month_t live = date_month(cd->go_live_on);
	month_t last = date_month(cd->last_data);
	struct rng r;

	(void)err;
	if (c->flags & F_NO_FINANCIALS)
		return 0;
	rng_seed(&r, c->id, RS_FINANCIALS);
	for (month_t mo = date_month(start); mo <= last; mo++) {
		int y = month_year(mo), m = month_month(mo);
		int dim = days_in_month(y, m);
		day_t ms = date_from_ymd(y, m, 1), me = ms + dim - 1;
		int64_t monthly = billed_value(c, ms) / 12;
		int64_t revenue = 0, cost;
		char text[8];

		if (mo < live) {
			int64_t base = monthly ? monthly : PILOT_MONTHLY_COST;
			cost = base * rng_range(&r, 100, 200) / 1000;
		} else {
			int k = (int)(mo - live) + 1;
			day_t from = max_day(ms, cd->go_live_on);
			day_t to = min_day(me, cd->last_data);
			int64_t days = to - from + 1;

			revenue = monthly * days / dim *
				  (1000 + rng_range(&r, -30, 30)) / 1000;
			if (!revenue)
				cost = PILOT_MONTHLY_COST * days / dim *
				       (1000 + rng_range(&r, -50, 50)) / 1000;
			else if (k <= 3)
				cost = revenue * (1050 - 30 * (k - 1)) / 1000;
			else
				cost = revenue * (1000 - c->margin_pct * 10 +
						  rng_range(&r, -15, 15)) / 1000;
		}
		month_format(mo, text);
		out_str(o, c->id);
		out_str(o, text);
		out_int(o, round_thousand(revenue));
		out_int(o, round_thousand(cost));
		out_end(o);
	}
	return 0;
}

/* ---- tables written as they are ------------------------------------------ */

/* ---- routine account activity ----------------------------------------
 *
 * Beside the story's hand-written events, every account that has been live
 * for at least a quarter of a year shows the routine activity of a BPO
 * account team: process improvements deployed, tasks automated, service
 * models designed, new work proposed to the client (lost, or still in
 * review when recent), references won, volume or scope added. How often
 * follows the client relationship that year (the executives' rating in
 * clients[]): a trusting client (4-5) sees most of these every year, a
 * neutral one (3) some, a strained one (1-2) few. Drawn per contract and
 * year from the seeded stream, so the same every run. */

/* How many of the six kinds of activity an account shows in a year, by
 * the client's relationship level that year (0 = not rated). Which kinds
 * is drawn. */
static const int kinds_by_level[] = { 3, 1, 2, 4, 5, 6 };

enum activity_kind {
	AK_IMPROVEMENT, AK_AUTOMATION, AK_SERVICE_MODEL, AK_PROPOSAL, AK_REFERENCE,
	AK_EXPANSION, AK_COUNT
};

static const struct demo_client *find_client(const char *id)
{
	for (size_t i = 0; i < demo_n_clients; i++)
		if (!strcmp(demo_clients[i].id, id))
			return &demo_clients[i];
	return NULL;
}

#define ACTIVITY_FIRST_YEAR 2023
#define ACTIVITY_LAST_YEAR 2026

struct activity {
	int live;                       /* the account had a quarter in the year */
	/* the day of each kind of event, 0 = none that year */
	day_t improvement, automation, service_model, proposal, reference, expansion;
	int64_t savings, hours_saved, proposal_value, added_value;
	int improvement_title, automation_title, service_title, proposal_title;
	const char *reference_kind, *expansion_kind;
};

static const char *const improvement_titles[] = {
	"상담 스크립트 표준화로 재문의 감소",
	"콜백 예약제 도입으로 포기호 감소",
	"상담 품질 모니터링 기준 개편",
	"교육 커리큘럼 단축으로 신입 투입 기간 단축",
	"근무 스케줄 최적화로 초과 근무 감소",
	"FAQ 정비로 단순 문의 셀프 해결 확대",
};
static const char *const automation_titles[] = {
	"상담 이력 자동 입력",
	"반복 문의 챗봇 응대",
	"일일 실적 보고서 자동 생성",
	"고객 본인 확인 자동화",
	"업무 요청 티켓 자동 분배",
};
static const char *const service_titles[] = {
	"VIP 전담 상담 셀 운영 모델",
	"옴니채널 통합 응대 모델",
	"사후 관리 아웃바운드 모델",
};
static const char *const proposal_titles[] = {
	"상담 채널 확대 제안",
	"업무 시간 연장 운영 제안",
	"품질 분석 리포트 서비스 제안",
	"신규 상품 출시 대응 전담반 제안",
};

/* A day in [from, to] drawn from r. */
static day_t draw_day(struct rng *r, day_t from, day_t to)
{
	return from + (day_t)rng_range(r, 0, to - from);
}

/* The routine activity of contract i in year. */
static void activity_of(const struct demo *d, size_t i, int year, struct activity *a)
{
	const struct demo_contract *c = &demo_contracts[i];
	const struct contract_days *cd = &d->days[i];
	day_t from = date_from_ymd(year, 1, 1), to = date_from_ymd(year, 12, 31);
	char key[32];
	struct rng r;

	memset(a, 0, sizeof *a);
	if (cd->go_live_on > from)
		from = cd->go_live_on;
	if (cd->last_data < to)
		to = cd->last_data;
	if (to - from < 90 || c->annual_value <= 0)
		return;
	a->live = 1;
	const struct demo_client *cl = find_client(c->client_id);
	int level = 0;
	if (cl && year >= ACTIVITY_FIRST_YEAR && year - ACTIVITY_FIRST_YEAR < (int)strlen(cl->levels))
		level = cl->levels[year - ACTIVITY_FIRST_YEAR] - '0';
	int n_kinds = kinds_by_level[level >= 0 && level <= 5 ? level : 0];
	int order[AK_COUNT];
	snprintf(key, sizeof key, "%s/%d", c->id, year);
	rng_seed(&r, key, RS_ACTIVITY);
	/* the first month after go-live is for settling in */
	from += 30;
	for (int k = 0; k < AK_COUNT; k++)
		order[k] = k;
	for (int k = AK_COUNT - 1; k > 0; k--) {        /* Fisher-Yates */
		int j = (int)rng_range(&r, 0, k), t = order[k];
		order[k] = order[j];
		order[j] = t;
	}
	for (int k = 0; k < n_kinds; k++)
		switch (order[k]) {
		case AK_IMPROVEMENT:
			a->improvement = draw_day(&r, from, to);
			a->savings = round_thousand(c->annual_value * rng_range(&r, 5, 35) / 1000);
			a->improvement_title = (int)rng_range(&r, 0, ARRAY_SIZE(improvement_titles) - 1);
			break;
		case AK_AUTOMATION:
			a->automation = draw_day(&r, from, to);
			a->hours_saved = rng_range(&r, 5, 40) * 100;
			a->automation_title = (int)rng_range(&r, 0, ARRAY_SIZE(automation_titles) - 1);
			break;
		case AK_SERVICE_MODEL:
			a->service_model = draw_day(&r, from, to);
			a->service_title = (int)rng_range(&r, 0, ARRAY_SIZE(service_titles) - 1);
			break;
		case AK_PROPOSAL:
			a->proposal = draw_day(&r, from, to);
			a->proposal_value = round_thousand(c->annual_value * rng_range(&r, 10, 30) / 100);
			a->proposal_title = (int)rng_range(&r, 0, ARRAY_SIZE(proposal_titles) - 1);
			break;
		case AK_REFERENCE: {
			static const char *const kinds[] = { "case_study", "reference_call",
							     "reference_call", "site_visit" };
			a->reference = draw_day(&r, from, to);
			a->reference_kind = kinds[rng_range(&r, 0, 3)];
			break;
		}
		case AK_EXPANSION:
			a->expansion = draw_day(&r, from, to);
			a->added_value = round_thousand(c->annual_value * rng_range(&r, 3, 8) / 100);
			a->expansion_kind = rng_range(&r, 1, 10) <= 7 ? "volume" : "scope";
			break;
		}
}

/* Activity rows (struct demo_file's activity_rows) are called with the
 * routine activity a of contract ci in year; seq counts the rows they
 * wrote before in the file. They return how many rows they wrote, each
 * built as a story struct and written through the story file's columns. */
static int expansion_rows(struct out *o, const struct demo *d, size_t ci,
			  int year, const struct activity *a, int seq)
{
	char on[11];

	(void)d, (void)year, (void)seq;
	if (!a->expansion)
		return 0;
	date_format(a->expansion, on);
	out_row(o, &(struct demo_expansion){ demo_contracts[ci].id, on,
		a->expansion_kind, a->added_value },
		expansion_cols, ARRAY_SIZE(expansion_cols));
	return 1;
}

/* Routine proposals, PR101 on: lost, or still in review when under 120
 * days old. */
static int proposal_rows(struct out *o, const struct demo *d, size_t ci,
			 int year, const struct activity *a, int seq)
{
	const struct demo_contract *c = &demo_contracts[ci];
	char id[16], on[11];

	(void)year;
	if (!a->proposal)
		return 0;
	snprintf(id, sizeof id, "PR%d", 101 + seq);
	date_format(a->proposal, on);
	out_row(o, &(struct demo_proposal){ id, c->client_id, c->id,
		"operations", proposal_titles[a->proposal_title],
		c->service_line, on, a->proposal_value,
		d->today - a->proposal < 120 ? "review" : "lost" },
		proposal_cols, ARRAY_SIZE(proposal_cols));
	return 1;
}

/* The period a client can be rated in: from two weeks after its first
 * signature to the end of its last contract (or today). Returns 0 when the
 * client has no contract. */
static int client_span(const struct demo *d, const char *client_id,
		       day_t *from, day_t *to)
{
	int any = 0;

	*from = DAY_NONE;
	*to = DAY_NONE;
	for (size_t i = 0; i < demo_n_contracts; i++) {
		const struct contract_days *cd = &d->days[i];

		if (strcmp(demo_contracts[i].client_id, client_id))
			continue;
		if (!any || cd->signed_on < *from)
			*from = cd->signed_on;
		if (!any || cd->last_data > *to)
			*to = cd->last_data;
		any = 1;
	}
	*from += 14;
	return any;
}

static int relationship_rating_rows(struct out *o, const struct demo *d,
				    struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < demo_n_clients; ci++) {
		const struct demo_client *cl = &demo_clients[ci];
		/* each client has an account director; the CEO rates too */
		const char *director = ci % 2 ? "P03" : "P02";
		const char *raters[3] = { director, "P01", director };
		day_t first, last;
		struct rng r;

		if (!client_span(d, cl->id, &first, &last))
			continue;
		rng_seed(&r, cl->id, RS_RATINGS);
		for (int y = 2023; y <= 2026; y++) {
			int level = cl->levels[y - 2023] - '0';
			day_t lo = max_day(date_from_ymd(y, 1, 1), first);
			day_t hi = min_day(date_from_ymd(y, 12, 31), last);
			int n = (int)rng_range(&r, 1, 3);

			if (!level || hi < lo)
				continue;
			while (n > 1 && hi - lo < 30 * n)
				n--;
			for (int i = 0; i < n; i++) {
				day_t on = lo + (hi - lo) * (2 * i + 1) / (2 * n);
				int v = level;

				if (rng_range(&r, 0, 3) == 0)
					v += rng_range(&r, 0, 1) ? 1 : -1;
				out_str(o, cl->id);
				out_day(o, on);
				out_int(o, clamp_rating(v));
				out_str(o, raters[i]);
				out_end(o);
			}
		}
	}
	return 0;
}

/* Is a reference of client on day of kind already written (the key of
 * references.csv)? The story's, and the routine ones of contracts before
 * contract `upto` (and of its years before `year`). */
static int reference_taken(const struct demo *d, const char *client_id, day_t day,
			   const char *kind, size_t upto, int year)
{
	for (size_t i = 0; i < demo_n_references; i++)
		if (!strcmp(demo_references[i].client_id, client_id) &&
		    parse_day(demo_references[i].date) == day && !strcmp(demo_references[i].kind, kind))
			return 1;
	for (size_t i = 0; i <= upto && i < demo_n_contracts; i++)
		for (int y = ACTIVITY_FIRST_YEAR; y <= ACTIVITY_LAST_YEAR; y++) {
			struct activity a;
			if (i == upto && y >= year)
				break;
			if (strcmp(demo_contracts[i].client_id, client_id))
				continue;
			activity_of(d, i, y, &a);
			if (a.reference == day && !strcmp(a.reference_kind, kind))
				return 1;
		}
	return 0;
}

static int reference_rows(struct out *o, const struct demo *d, size_t ci,
			  int year, const struct activity *a, int seq)
{
	const struct demo_contract *c = &demo_contracts[ci];
	char on[11];

	(void)seq;
	if (!a->reference ||
	    reference_taken(d, c->client_id, a->reference, a->reference_kind, ci, year))
		return 0;
	date_format(a->reference, on);
	out_row(o, &(struct demo_reference){ c->client_id, c->id, on,
		a->reference_kind, "" },
		reference_cols, ARRAY_SIZE(reference_cols));
	return 1;
}

/* A year's improvement, automation and service model, in that order. */
static int innovation_rows(struct out *o, const struct demo *d, size_t ci,
			   int year, const struct activity *a, int seq)
{
	const char *id = demo_contracts[ci].id;
	const struct {
		day_t on;
		struct demo_innovation row;
	} drawn[] = {
		{ a->improvement, { id, NULL, "process_improvement",
		  improvement_titles[a->improvement_title], "deployed",
		  a->savings, -1 } },
		{ a->automation, { id, NULL, "automation",
		  automation_titles[a->automation_title], "deployed",
		  -1, a->hours_saved } },
		{ a->service_model, { id, NULL, "service_model",
		  service_titles[a->service_title], "proposed", -1, -1 } },
	};
	int rows = 0;

	(void)d, (void)year, (void)seq;
	for (size_t k = 0; k < ARRAY_SIZE(drawn); k++) {
		struct demo_innovation row = drawn[k].row;
		char on[11];

		if (!drawn[k].on)
			continue;
		date_format(drawn[k].on, on);
		row.date = on;
		out_row(o, &row, innovation_cols, ARRAY_SIZE(innovation_cols));
		rows++;
	}
	return rows;
}

/* ---- the files, in SPEC §4 order ----------------------------------------- */

/* The files in the order they are written; each one's header is its
 * table's columns in schema.c, the one description of every file. A file
 * holds the story's rows of its table, then for each contract in turn its
 * contract rows, its metrics' rows and its years' activity rows, then the
 * rows of draw: whichever of these are set. */
static const struct demo_file {
	const char *table;
	const void *story;              /* the story's rows, or NULL */
	const size_t *n_story;
	size_t row_size;
	const struct story_column *cols;
	size_t n_cols;
	int (*contract_rows)(struct out *o, const struct demo *d, size_t ci,
			     struct buf *err);
	void (*metric_rows)(struct out *o, const struct demo_contract *c,
			    const struct metric_tpl *m, int n);
	int (*activity_rows)(struct out *o, const struct demo *d, size_t ci,
			     int year, const struct activity *a, int seq);
	int (*draw)(struct out *o, const struct demo *d, struct buf *err);
} demo_files[] = {
#define STORY(rows, n, cols) rows, &n, sizeof rows[0], cols, ARRAY_SIZE(cols)
#define NO_STORY NULL, NULL, 0, NULL, 0
	{ "org_units", STORY(demo_units, demo_n_units, unit_cols) },
	{ "people", STORY(demo_people, demo_n_people, person_cols) },
	{ "clients", STORY(demo_clients, demo_n_clients, client_cols) },
	{ "contracts", STORY(demo_contracts, demo_n_contracts, contract_cols) },
	{ "sla_metrics", NO_STORY, .metric_rows = sla_metric_row },
	{ "sla_terms", NO_STORY, .metric_rows = sla_term_row },
	{ "measurements", NO_STORY, .contract_rows = measurement_rows },
	{ "readiness", NO_STORY, .contract_rows = readiness_rows },
	{ "manual_ratings", NO_STORY, .contract_rows = manual_rating_rows },
	{ "handover", NO_STORY, .contract_rows = handover_rows },
	{ "scope_changes", NO_STORY, .contract_rows = scope_change_rows },
	{ "financials", NO_STORY, .contract_rows = financial_rows },
	{ "expansions", STORY(demo_expansions, demo_n_expansions, expansion_cols),
	  .activity_rows = expansion_rows },
	{ "renewals", STORY(demo_renewals, demo_n_renewals, renewal_cols) },
	{ "proposals", STORY(demo_proposals, demo_n_proposals, proposal_cols),
	  .activity_rows = proposal_rows },
	{ "feasibility_reviews", STORY(demo_reviews, demo_n_reviews, review_cols) },
	{ "relationship_ratings", NO_STORY, .draw = relationship_rating_rows },
	{ "references", STORY(demo_references, demo_n_references, reference_cols),
	  .activity_rows = reference_rows },
	{ "innovations", STORY(demo_innovations, demo_n_innovations, innovation_cols),
	  .activity_rows = innovation_rows },
#undef STORY
#undef NO_STORY
};

/* Writes file f (see struct demo_file). Returns 0, or -1 with err. */
static int write_file(struct out *o, const struct demo_file *f,
		      const struct demo *d, struct buf *err)
{
	int seq = 0;

	for (size_t i = 0; f->story && i < *f->n_story; i++)
		out_row(o, (const char *)f->story + i * f->row_size, f->cols,
			f->n_cols);
	for (size_t ci = 0; ci < demo_n_contracts; ci++) {
		const struct metric_tpl *m[MAX_METRICS];
		int n = f->metric_rows ? contract_metrics(&demo_contracts[ci], m) : 0;

		if (f->contract_rows && f->contract_rows(o, d, ci, err) < 0)
			return -1;
		for (int k = 0; k < n; k++)
			f->metric_rows(o, &demo_contracts[ci], m[k], n);
		for (int y = ACTIVITY_FIRST_YEAR; f->activity_rows &&
		     y <= ACTIVITY_LAST_YEAR; y++) {
			struct activity a;

			activity_of(d, ci, y, &a);
			seq += f->activity_rows(o, d, ci, y, &a, seq);
		}
	}
	return f->draw ? f->draw(o, d, err) : 0;
}

int demo_write_csv(const char *dir, struct buf *err)
{
	struct demo *d = xmalloc(sizeof(*d));
	int ret = -1;

	if (demo_prepare(d, err) < 0)
		goto out;
	for (size_t i = 0; i < ARRAY_SIZE(demo_files); i++) {
		const struct demo_file *f = &demo_files[i];
		struct out o;
		int wrote;

		if (out_open(&o, dir, schema_find(f->table), err) < 0)
			goto out;
		wrote = write_file(&o, f, d, err);
		if (out_close(&o, wrote < 0 ? NULL : err) < 0 || wrote < 0)
			goto out;
	}
	ret = 0;
out:
	xfree(d);
	return ret;
}
