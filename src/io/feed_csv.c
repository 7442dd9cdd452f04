/* SPDX-License-Identifier: MIT */
/* The tabular feed formats, CSV or the first sheet of an XLSX workbook:
 * Cisco UCCE Call_Type_Interval rows, any interval report with its columns
 * named in the map or by the built-in Korean and English aliases, and
 * ServiceNow task_sla exports; and the table of every feed format. A
 * problem is reported as "FILE:LINE:COLUMN: message" ("book.xlsx:
 * Sheet1!C14: message" in a workbook). Nothing returned is allocated for
 * the caller. */
#include "io/csv.h"
#include "io/feed_impl.h"
#include "io/xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- reading a table ------------------------------------------------------ */

struct table_in {
	const struct feed_file *f;
	struct csv_reader *r;
	struct xlsx_book *book;
	struct xlsx_csv sheet;
	int is_sheet;
	struct feed_ctx *c;
	struct csv_record rec;
	/* The lean path: a plain line split in place (csv_peek_line). */
	int peeked;
	struct csv_field lean[32];
};

/* "FILE:LINE:COLUMN: " or the workbook's cell. */
static void where(struct table_in *t, unsigned long line, int column, struct buf *out)
{
	if (t->is_sheet)
		xlsx_csv_where(&t->sheet, line, column, out);
	else
		buf_addf(out, "%s:%lu:%d", t->f->name, line, column);
}

static void cell_error(struct table_in *t, int column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cell_error(struct table_in *t, int column, const char *fmt, ...)
{
	struct buf w = BUF_INIT, m = BUF_INIT;
	va_list ap;
	where(t, t->rec.line, column, &w);
	va_start(ap, fmt);
	buf_vaddf(&m, fmt, ap);
	va_end(ap);
	feed_error(&t->c->errors, "%s: %s", w.data, m.data);
	buf_release(&w);
	buf_release(&m);
}

static int has_xlsx_suffix(const char *name)
{
	size_t n = strlen(name);
	return n >= 5 && !strcasecmp(name + n - 5, ".xlsx");
}

static int table_open(struct table_in *t, const struct feed_file *f, struct feed_ctx *c)
{
	struct buf err = BUF_INIT;
	int rc = -1;
	memset(t, 0, sizeof *t);
	t->f = f;
	t->c = c;
	t->sheet = (struct xlsx_csv)XLSX_CSV_INIT;
	if (has_xlsx_suffix(f->name)) {
		t->is_sheet = 1;
		if ((f->data ? xlsx_open_mem(&t->book, f->name, f->data, f->len, &err)
			     : xlsx_open_file(&t->book, f->path, &err)))
			goto fail;
		if (!xlsx_n_sheets(t->book)) {
			buf_addf(&err, "%s: the workbook has no sheet", f->name);
			goto fail;
		}
		if (xlsx_sheet_csv(t->book, 0, NULL, 0, &t->sheet, &err) ||
		    csv_open_mem(&t->r, t->sheet.text.data, t->sheet.text.len, NULL, &err))
			goto fail;
	} else if (f->data ? csv_open_mem(&t->r, f->data, f->len, NULL, &err)
			   : csv_open_file(&t->r, f->path, NULL, &err)) {
		goto fail;
	}
	buf_release(&err);
	return 0;
fail:
	if (t->is_sheet || !strchr(err.data, ':') || strncmp(err.data, f->name, strlen(f->name)))
		feed_error(&c->errors, "%s%s%s", t->is_sheet ? "" : f->name, t->is_sheet ? "" : ": ", err.data);
	else
		feed_error(&c->errors, "%s", err.data);
	buf_release(&err);
	return rc;
}

static void table_close(struct table_in *t)
{
	csv_close(t->r);
	xlsx_csv_release(&t->sheet);
	xlsx_close(t->book);
}

/* A plain line (printable ASCII, no quotes: csv_peek_line) is split at
 * its commas where it lies; its fields are not NUL-terminated, and every
 * reader of a cell here goes by its length. */
static int lean_next(struct table_in *t)
{
	struct csv_line line;
	size_t n = 0, start = 0;
	if (t->peeked) {
		csv_skip_line(t->r);
		t->peeked = 0;
	}
	if (!csv_peek_line(t->r, &line) || line.n_fields > sizeof t->lean / sizeof t->lean[0])
		return 0;
	/* The reader found the first CSV_LINE_FIELDS fields; the rest are
	 * split here. */
	for (; n < line.n_fields && n < CSV_LINE_FIELDS; n++) {
		t->lean[n].data = line.text + line.start[n];
		t->lean[n].len = line.end[n] - line.start[n];
	}
	if (n < line.n_fields) {
		start = line.end[n - 1] + 1;
		for (size_t i = start; i <= line.len; i++)
			if (i == line.len || line.text[i] == ',') {
				t->lean[n].data = line.text + start;
				t->lean[n].len = i - start;
				n++;
				start = i + 1;
			}
	}
	t->rec.fields = t->lean;
	t->rec.n_fields = n;
	t->rec.line = line.line;
	t->peeked = 1;
	return 1;
}

/* Reads the next record: 1, 0 at the end, -1 after reporting bad CSV. */
static int table_next(struct table_in *t)
{
	struct buf err = BUF_INIT;
	int rc;
	if (t->rec.line && lean_next(t)) {
		if (t->c->sink->progress && !t->is_sheet)
			t->c->sink->progress(t->c->sink->ctx, csv_bytes_read(t->r), csv_bytes_total(t->r));
		return 1;
	}
	rc = csv_next(t->r, &t->rec, &err);
	if (rc < 0) {
		char *end;
		unsigned long line = strtoul(err.data, &end, 10);
		int column = *end == ':' ? (int)strtol(end + 1, &end, 10) : 1;
		struct buf w = BUF_INIT;
		where(t, line, column, &w);
		feed_error(&t->c->errors, "%s: %s", w.data, *end == ':' ? end + 2 : err.data);
		buf_release(&w);
	}
	buf_release(&err);
	if (rc > 0 && t->c->sink->progress && !t->is_sheet)
		t->c->sink->progress(t->c->sink->ctx, csv_bytes_read(t->r), csv_bytes_total(t->r));
	return rc;
}

/* A header cell as compared with the aliases: ASCII lower case, without
 * spaces, '_' and '-' ("Interval Start" = "interval_start"). */
static void normalize(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < cap; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '_' || ch == '-' || ch == '\t')
			continue;
		out[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	out[n] = '\0';
}

#define MAX_WANTED 16
struct wanted {
	const char *const *aliases;   /* normalized; NULL-terminated */
	const char *exact;            /* the map's header name, which wins */
};

/* Finds each wanted column in the header: field index or -1. */
static void match_header(const struct csv_record *h, const struct wanted *w, size_t n, int idx[])
{
	char norm[256], ex[256];
	for (size_t i = 0; i < n; i++)
		idx[i] = -1;
	for (size_t f = 0; f < h->n_fields; f++) {
		normalize(h->fields[f].data, h->fields[f].len, norm, sizeof norm);
		for (size_t i = 0; i < n; i++) {
			if (idx[i] >= 0)
				continue;
			if (w[i].exact) {
				normalize(w[i].exact, strlen(w[i].exact), ex, sizeof ex);
				if (!strcmp(ex, norm))
					idx[i] = (int)f;
				continue;
			}
			for (const char *const *a = w[i].aliases; a && *a; a++)
				if (!strcmp(*a, norm)) {
					idx[i] = (int)f;
					break;
				}
		}
	}
}

static const char *cell(const struct table_in *t, int idx, size_t *len)
{
	if (idx < 0 || (size_t)idx >= t->rec.n_fields) {
		*len = 0;
		return "";
	}
	*len = t->rec.fields[idx].len;
	return t->rec.fields[idx].data;
}

static inline const char *trim(const char *s, size_t *len)
{
	while (*len && (*s == ' ' || *s == '\t'))
		s++, (*len)--;
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* A count: digits, thousands commas allowed ("1,234"), a ".0" tail allowed
 * (a spreadsheet's number). 0, or -1 when it is not one. */
static int parse_count(struct table_in *t, const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0;
	(void)t;
	if (len <= 18) {   /* the usual cell: plain digits */
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (s[i] - '0');
		if (i == len) {
			*out = v;
			return 0;
		}
		i = 0;
		v = 0;
	}
	for (; i < len && s[i] != '.'; i++) {
		if (s[i] == ',')
			continue;
		if (s[i] < '0' || s[i] > '9' || v > INT64_MAX / 10 - 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	for (i = i < len ? i + 1 : i; i < len; i++)
		if (s[i] != '0')
			return -1;
	*out = v;
	return 0;
}

/* Seconds: a decimal ("245.5") or a clock duration ("00:04:05", "4:05",
 * "1:02:03.25"), as micro-units. 0, or -1. */
static int parse_seconds(struct table_in *t, const char *s, size_t len, int64_t *out)
{
	micro_t total = 0, part;
	(void)t;
	if (!memchr(s, ':', len)) {
		if (decimal_parse(s, len, &part) || part < 0)
			return -1;
		*out = part;
		return 0;
	}
	/* H:MM:SS or MM:SS: the leading parts whole, the last may have decimals. */
	const char *p = s, *end = s + len;
	int parts = 0;
	while (p < end) {
		const char *q = memchr(p, ':', (size_t)(end - p));
		if (!q)
			q = end;
		if (q == p || (q < end && parts >= 2))
			return -1;
		if (decimal_parse(p, (size_t)(q - p), &part) || part < 0 ||
		    (q < end && part % MICRO_ONE) || (parts > 0 && part >= 60 * MICRO_ONE))
			return -1;
		total = total * 60 + part;
		parts++;
		p = q < end ? q + 1 : end;
		if (q < end && p == end)
			return -1;
	}
	*out = total;
	return 0;
}

/* A timestamp in the map's zone (feed_parse_time()). 0, or -1. */
static int parse_time(struct table_in *t, const char *s, size_t len, int64_t *out)
{
	return feed_parse_time(s, len, &t->c->tz, out);
}

/* How each kind of cell is read, and what a bad one is not. */
enum cell_kind { CELL_COUNT, CELL_SECONDS, CELL_TIME };
static const struct {
	int (*parse)(struct table_in *t, const char *s, size_t len, int64_t *out);
	int empty_is_zero;
	const char *not_what;
} cell_kinds[] = {
	[CELL_COUNT] = { parse_count, 1, "a count (a whole number >= 0)" },
	[CELL_SECONDS] = { parse_seconds, 1, "seconds (245.5 or 00:04:05.5)" },
	[CELL_TIME] = { parse_time, 0, "a time (YYYY-MM-DD HH:MM[:SS], with Z or +09:00 when not local)" },
};

/* Reads cell idx (trimmed) as kind into *out; an empty count or seconds
 * is 0. 0, or -1 after reporting "FILE:LINE:COLUMN: WHAT 'cell' is not
 * ...". */
static int read_cell(struct table_in *t, int idx, enum cell_kind kind, const char *what, int64_t *out)
{
	size_t len;
	const char *s = trim(cell(t, idx, &len), &len);
	*out = 0;
	if ((!len && cell_kinds[kind].empty_is_zero) || !cell_kinds[kind].parse(t, s, len, out))
		return 0;
	cell_error(t, idx + 1, "%s '%.*s' is not %s", what, (int)len, s, cell_kinds[kind].not_what);
	return -1;
}

#define count_cell(t, idx, what, out) read_cell(t, idx, CELL_COUNT, what, out)
#define seconds_cell(t, idx, what, out) read_cell(t, idx, CELL_SECONDS, what, out)
#define time_cell(t, idx, what, out) read_cell(t, idx, CELL_TIME, what, out)

static void missing_columns(struct table_in *t, const char *what)
{
	struct buf w = BUF_INIT;
	where(t, t->rec.line, 1, &w);
	feed_error(&t->c->errors, "%s: missing column%s", w.data, what);
	buf_release(&w);
}

/* --- ucce-interval ------------------------------------------------------- */

static const char *const ucce_names[][2] = {
	{ "datetime", "DateTime" }, { "calltypeid", "CallTypeID" },
	{ "servicelevelcallsoffered", "ServiceLevelCallsOffered" },
	{ "servicelevelcalls", "ServiceLevelCalls" }, { "callshandled", "CallsHandled" },
	{ "handletime", "HandleTime" }, { "answerwaittime", "AnswerWaitTime" },
	{ "totalcallsaband", "TotalCallsAband" }, { "servicelevelaband", "ServiceLevelAband" },
	{ "shortcalls", "ShortCalls" }, { "callsanswered", "CallsAnswered" },
};
enum { U_TIME, U_ID, U_OFFERED, U_WITHIN, U_HANDLED, U_HANDLE, U_WAIT, U_ABAND, U_SLABAND,
       U_SHORT, U_ANSWERED, U_COUNT };

static int parse_ucce(const struct feed_file *f, struct feed_ctx *c)
{
	struct table_in t;
	struct wanted w[U_COUNT];
	const char *aliases[U_COUNT][2];
	int idx[U_COUNT], rc = 0, step;
	if (table_open(&t, f, c))
		return 0;
	for (int i = 0; i < U_COUNT; i++) {
		aliases[i][0] = ucce_names[i][0];
		aliases[i][1] = NULL;
		w[i].aliases = aliases[i];
		w[i].exact = NULL;
	}
	if ((step = table_next(&t)) <= 0) {
		if (!step)
			feed_error(&c->errors, "%s:1:1: empty file (expected a Call_Type_Interval header)", f->name);
		goto out;
	}
	match_header(&t.rec, w, U_COUNT, idx);
	{
		struct buf miss = BUF_INIT;
		for (int i = 0; i <= U_WITHIN; i++)
			if (idx[i] < 0)
				buf_addf(&miss, "%s%s", miss.len ? ", " : " ", ucce_names[i][1]);
		if (miss.len) {
			missing_columns(&t, miss.data);
			buf_release(&miss);
			goto out;
		}
		buf_release(&miss);
	}
	while ((step = table_next(&t)) > 0) {
		struct feed_interval iv;
		size_t idlen;
		const char *id = trim(cell(&t, idx[U_ID], &idlen), &idlen);
		int bad = 0;
		int64_t sl_aband = 0;
		memset(&iv, 0, sizeof iv);
		if (t.rec.n_fields == 1 && !t.rec.fields[0].len)
			continue;
		if (!idlen) {
			cell_error(&t, idx[U_ID] + 1, "CallTypeID is empty");
			continue;
		}
		iv.source_id = id;
		iv.source_len = idlen;
		bad |= time_cell(&t, idx[U_TIME], "DateTime", &iv.start);
		bad |= count_cell(&t, idx[U_OFFERED], "ServiceLevelCallsOffered", &iv.offered);
		bad |= count_cell(&t, idx[U_WITHIN], "ServiceLevelCalls", &iv.within);
		bad |= count_cell(&t, idx[U_HANDLED], "CallsHandled", &iv.handled);
		bad |= seconds_cell(&t, idx[U_HANDLE], "HandleTime", &iv.handle_us);
		bad |= seconds_cell(&t, idx[U_WAIT], "AnswerWaitTime", &iv.wait_us);
		bad |= count_cell(&t, idx[U_ABAND], "TotalCallsAband", &iv.abandoned);
		bad |= count_cell(&t, idx[U_SLABAND], "ServiceLevelAband", &sl_aband);
		bad |= count_cell(&t, idx[U_SHORT], "ShortCalls", &iv.short_abandoned);
		if (idx[U_ANSWERED] >= 0)
			bad |= count_cell(&t, idx[U_ANSWERED], "CallsAnswered", &iv.answered);
		else
			iv.answered = iv.handled;
		if (idx[U_ABAND] < 0)
			iv.abandoned = sl_aband;
		if (!bad && (rc = feed_emit_interval(c, &iv)))
			goto out;
	}
out:
	table_close(&t);
	return rc;
}

/* --- intervals ------------------------------------------------------------ */

static const char *const al_start[] = { "intervalstart", "interval", "start", "starttime", "datetime",
	"time", "date", "시간", "일시", "구간", "시작시간", "시간대", "날짜", "일자", NULL };
static const char *const al_source[] = { "sourceid", "queue", "queueid", "queuename", "skill",
	"skillid", "calltype", "calltypeid", "큐", "스킬", "그룹", "상담그룹", "큐명", NULL };
static const char *const al_offered[] = { "offered", "callsoffered", "contactsoffered", "인입호",
	"인입", "인입콜", "인입건수", NULL };
static const char *const al_answered[] = { "answered", "callsanswered", "contactsanswered", "응답호",
	"응답", "응답콜", "응대호", NULL };
static const char *const al_within[] = { "answeredwithin", "withinsl", "slcalls",
	"answeredwithinthreshold", "servicelevelcalls", "서비스레벨호", "목표내응답호", "기준내응답호",
	"sl내응답호", NULL };
static const char *const al_abandoned[] = { "abandoned", "callsabandoned", "포기호", "포기", "포기콜",
	NULL };
static const char *const al_short[] = { "shortabandoned", "shortabandons", "단순포기호", "짧은포기호",
	"즉시포기호", NULL };
static const char *const al_handled[] = { "handled", "callshandled", "contactshandled", "처리호",
	"처리건수", "처리", NULL };
static const char *const al_handle[] = { "handleseconds", "handletime", "totalhandletime", "처리시간",
	"총처리시간", NULL };
static const char *const al_wait[] = { "answerwaitseconds", "waitseconds", "answerwaittime",
	"응답대기시간", "총대기시간", "대기시간", NULL };
static const char *const al_percent[] = { "servicelevel", "sl", "서비스레벨", "응답률", NULL };

static const char *const *const interval_aliases[FEEDCOL_COUNT] = {
	al_start, al_source, al_offered, al_answered, al_within, al_abandoned, al_short, al_handled,
	al_handle, al_wait,
};

/* The columns each measure needs (bits of enum feed_column). */
static unsigned needed_columns(const struct feed_map *m)
{
	unsigned need = 1u << FEEDCOL_INTERVAL_START;
	for (size_t i = 0; i < m->n_queues; i++)
		for (size_t j = 0; j < m->queues[i].n_links; j++)
			switch (m->queues[i].links[j].measure) {
			case MEASURE_SERVICE_LEVEL:
				need |= 1u << FEEDCOL_WITHIN;
				need |= m->queues[i].service_level.abandons_ignore ? 1u << FEEDCOL_ANSWERED
										  : 1u << FEEDCOL_OFFERED;
				break;
			case MEASURE_HANDLE_TIME:
				need |= 1u << FEEDCOL_HANDLED | 1u << FEEDCOL_HANDLE_SECONDS;
				break;
			case MEASURE_ABANDON_RATE:
				need |= 1u << FEEDCOL_OFFERED | 1u << FEEDCOL_ABANDONED;
				break;
			case MEASURE_SPEED_OF_ANSWER:
				need |= 1u << FEEDCOL_ANSWERED | 1u << FEEDCOL_WAIT_SECONDS;
				break;
			default:
				break;
			}
	return need;
}

/* The lean path of the intervals format: plain lines taken straight from
 * the reader's buffer, each field parsed as it is scanned (a count as
 * digits, seconds as digits with up to 6 decimals, the interval start by
 * feed_parse_time(), remembered while the next lines repeat its text, as a
 * CTI export's lines of one interval do). A line with anything else (a
 * quote, a byte outside printable ASCII, a space to trim, a thousands
 * comma, a clock duration, a missing or extra field, a bad value) is left
 * to the ordinary path, which takes it or says what is wrong with it, so
 * both paths give the same intervals and the same messages. */
enum { LEAN_SKIP = -1, LEAN_TIME = -2, LEAN_SOURCE = -3 };
#define LEAN_SECONDS 16                /* added to a value's slot: seconds */
#define LEAN_MAX_FIELDS 64

struct lean_plan {
	size_t n_fields;                    /* the header's */
	signed char role[LEAN_MAX_FIELDS];  /* LEAN_* or the value's slot (0..7) */
	char last_time[40];
	size_t last_time_len;
	int64_t last_utc;
	uint64_t lines;
};

static int lean_plan_make(struct lean_plan *lp, const struct csv_record *header, const int idx[])
{
	memset(lp, 0, sizeof *lp);
	if (header->n_fields > LEAN_MAX_FIELDS || idx[FEEDCOL_INTERVAL_START] < 0)
		return -1;
	lp->n_fields = header->n_fields;
	for (size_t f = 0; f < lp->n_fields; f++)
		lp->role[f] = LEAN_SKIP;
	lp->role[idx[FEEDCOL_INTERVAL_START]] = LEAN_TIME;
	if (idx[FEEDCOL_SOURCE_ID] >= 0)
		lp->role[idx[FEEDCOL_SOURCE_ID]] = LEAN_SOURCE;
	for (int i = FEEDCOL_OFFERED; i < FEEDCOL_COUNT; i++)
		if (idx[i] >= 0)
			lp->role[idx[i]] = (signed char)(i - FEEDCOL_OFFERED +
				(i == FEEDCOL_HANDLE_SECONDS || i == FEEDCOL_WAIT_SECONDS ? LEAN_SECONDS : 0));
	return 0;
}

/* Bytes of a plain field: printable ASCII but the quote and the comma. */
static const unsigned char plain_field_byte[256] = {
	[' '] = 1, ['!'] = 1, ['#' ... '+'] = 1, ['-' ... '~'] = 1,
};

/* Takes the plain lines buffered; returns 0 when the ordinary path must
 * read on, or the sink's non-zero value. Each line is found first (its
 * '\n' ends every scan below, so they need no bound checks), then its
 * fields are read in one pass. */
static int lean_intervals(struct table_in *t, struct lean_plan *lp)
{
	const char *p, *end;
	unsigned long line;
	struct feed_ctx *c = t->c;
	if (t->peeked) {
		csv_skip_line(t->r);
		t->peeked = 0;
	}
	if (!csv_buffered(t->r, &p, &end, &line))
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *q = p;
		struct feed_interval iv;
		int64_t val[8] = { 0 };   /* offered .. wait µs, as feed_interval_set() */
		if (!nl)
			return 0;
		iv.source_id = NULL;
		for (size_t f = 0; f < lp->n_fields; f++) {
			const char *start = q;
			int role = lp->role[f];
			if (role >= 0) {
				uint64_t v = 0;
				while ((unsigned)(*q - '0') < 10)
					v = v * 10 + (uint64_t)(*q++ - '0');
				if (q - start > 18)
					return 0;
				if (role >= LEAN_SECONDS) {
					int64_t frac = 0;
					if (q - start > 12)
						return 0;
					if (*q == '.') {
						const char *fs = ++q;
						if (fs - 1 == start)
							return 0;
						while ((unsigned)(*q - '0') < 10 && q - fs < 7)
							frac = frac * 10 + (*q++ - '0');
						if (q == fs || q - fs > 6)
							return 0;
						for (ptrdiff_t k = q - fs; k < 6; k++)
							frac *= 10;
					}
					v = v * MICRO_ONE + (uint64_t)frac;
					role -= LEAN_SECONDS;
				}
				val[role] = (int64_t)v;
			} else if (role == LEAN_TIME && lp->last_time_len &&
				   (size_t)(nl - q) > lp->last_time_len &&
				   same_bytes(q, lp->last_time, lp->last_time_len) &&
				   (q[lp->last_time_len] == ',' || q[lp->last_time_len] == '\n' ||
				    q[lp->last_time_len] == '\r')) {
				/* The interval start of the line before. */
				q += lp->last_time_len;
				iv.start = lp->last_utc;
			} else {
				while (plain_field_byte[(unsigned char)*q])
					q++;
				size_t len = (size_t)(q - start);
				if (role == LEAN_TIME) {
					if (!len || len > sizeof lp->last_time ||
					    feed_parse_time(start, len, &c->tz, &lp->last_utc)) {
						lp->last_time_len = 0;
						return 0;
					}
					memcpy(lp->last_time, start, len);
					lp->last_time_len = len;
					iv.start = lp->last_utc;
				} else if (role == LEAN_SOURCE) {
					if (!len || *start == ' ' || start[len - 1] == ' ')
						return 0;
					iv.source_id = start;
					iv.source_len = len;
				}
			}
			/* The field ends here: a comma before the last one, the line
			 * end after it. */
			if (f + 1 < lp->n_fields) {
				if (*q != ',')
					return 0;
				q++;
			}
		}
		if (*q == '\r')
			q++;
		if (q != nl)
			return 0;
		if (!iv.source_id) {
			iv.source_id = c->map->source_id;
			iv.source_len = strlen(c->map->source_id);
		}
		iv.offered = val[0];
		iv.answered = val[1];
		iv.within = val[2];
		iv.abandoned = val[3];
		iv.short_abandoned = val[4];
		iv.handled = val[5];
		iv.handle_us = val[6];
		iv.wait_us = val[7];
		int rc = feed_emit_interval(c, &iv);
		if (rc)
			return rc;
		csv_consume_line(t->r, (size_t)(nl + 1 - p));
		p = nl + 1;
		if (!(++lp->lines & 0xffff) && c->sink->progress)
			c->sink->progress(c->sink->ctx, csv_bytes_read(t->r), csv_bytes_total(t->r));
	}
	return 0;
}

static int parse_intervals(const struct feed_file *f, struct feed_ctx *c)
{
	struct lean_plan lp;
	int lean = 0;
	struct table_in t;
	struct wanted w[FEEDCOL_COUNT + 1];
	int idx[FEEDCOL_COUNT + 1], rc = 0, step;
	unsigned need = needed_columns(c->map);
	if (table_open(&t, f, c))
		return 0;
	for (int i = 0; i < FEEDCOL_COUNT; i++) {
		w[i].aliases = interval_aliases[i];
		w[i].exact = c->map->columns[i];
	}
	w[FEEDCOL_COUNT].aliases = al_percent;
	w[FEEDCOL_COUNT].exact = NULL;
	if ((step = table_next(&t)) <= 0) {
		if (!step)
			feed_error(&c->errors, "%s:1:1: empty file (expected a header row)", f->name);
		goto out;
	}
	match_header(&t.rec, w, FEEDCOL_COUNT + 1, idx);
	if (idx[FEEDCOL_SOURCE_ID] < 0 && !c->map->source_id)
		need |= 1u << FEEDCOL_SOURCE_ID;
	{
		struct buf miss = BUF_INIT;
		for (int i = 0; i < FEEDCOL_COUNT; i++)
			if ((need & 1u << i) && idx[i] < 0)
				buf_addf(&miss, "%s%s%s%s%s", miss.len ? ", " : " ", feed_column_name(i),
					 c->map->columns[i] ? " ('" : "", c->map->columns[i] ? c->map->columns[i] : "",
					 c->map->columns[i] ? "')" : "");
		if (miss.len) {
			if (idx[FEEDCOL_WITHIN] < 0 && idx[FEEDCOL_COUNT] >= 0)
				buf_adds(&miss, " (a service level percentage cannot be summed over a day: name the"
					 " column of calls answered within the threshold, \"columns\": {\"answered_within\": ...})");
			else
				buf_adds(&miss, " (name them in the map's \"columns\")");
			missing_columns(&t, miss.data);
			buf_release(&miss);
			goto out;
		}
		buf_release(&miss);
	}
	lean = !t.is_sheet && !lean_plan_make(&lp, &t.rec, idx);
	for (;;) {
		if (lean && (rc = lean_intervals(&t, &lp)))
			goto out;
		if ((step = table_next(&t)) <= 0)
			break;
		struct feed_interval iv;
		int bad = 0;
		memset(&iv, 0, sizeof iv);
		if (t.rec.n_fields == 1 && !t.rec.fields[0].len)
			continue;
		if (idx[FEEDCOL_SOURCE_ID] >= 0) {
			iv.source_id = trim(cell(&t, idx[FEEDCOL_SOURCE_ID], &iv.source_len), &iv.source_len);
			if (!iv.source_len) {
				cell_error(&t, idx[FEEDCOL_SOURCE_ID] + 1, "the source id is empty");
				continue;
			}
		} else {
			iv.source_id = c->map->source_id;
			iv.source_len = strlen(c->map->source_id);
		}
		bad |= time_cell(&t, idx[FEEDCOL_INTERVAL_START], "interval start", &iv.start);
		for (int i = FEEDCOL_OFFERED; i < FEEDCOL_COUNT; i++) {
			if (idx[i] < 0)
				continue;
			int64_t v;
			if (i == FEEDCOL_HANDLE_SECONDS || i == FEEDCOL_WAIT_SECONDS)
				bad |= seconds_cell(&t, idx[i], feed_column_name(i), &v);
			else
				bad |= count_cell(&t, idx[i], feed_column_name(i), &v);
			feed_interval_set(&iv, i - FEEDCOL_OFFERED, v);
		}
		if (!bad && (rc = feed_emit_interval(c, &iv)))
			goto out;
	}
out:
	table_close(&t);
	return rc;
}

/* --- servicenow-task-sla --------------------------------------------------- */

static const char *const sn_task[] = { "task", "task.number", "number", NULL };
static const char *const sn_sla[] = { "sla", "sla.name", "definition", NULL };
static const char *const sn_stage[] = { "stage", NULL };
static const char *const sn_breached[] = { "hasbreached", "breached", NULL };
static const char *const sn_end[] = { "endtime", "end", NULL };
static const char *const sn_group[] = { "task.assignmentgroup", "assignmentgroup", "group", NULL };

static int parse_servicenow(const struct feed_file *f, struct feed_ctx *c)
{
	struct table_in t;
	struct wanted w[6] = { { sn_task, NULL }, { sn_sla, NULL }, { sn_stage, NULL },
			       { sn_breached, NULL }, { sn_end, NULL },
			       { sn_group, c->map->columns[FEEDCOL_SOURCE_ID] } };
	static const char *const names[6] = { "task", "sla", "stage", "has_breached", "end_time",
					      "task.assignment_group" };
	int idx[6], rc = 0, step;
	struct buf key = BUF_INIT;
	if (table_open(&t, f, c))
		return 0;
	if ((step = table_next(&t)) <= 0) {
		if (!step)
			feed_error(&c->errors, "%s:1:1: empty file (expected a task_sla header)", f->name);
		goto out;
	}
	match_header(&t.rec, w, 6, idx);
	{
		struct buf miss = BUF_INIT;
		for (int i = 0; i < 6; i++)
			if (idx[i] < 0 && !(i == 5 && c->map->source_id))
				buf_addf(&miss, "%s%s", miss.len ? ", " : " ", names[i]);
		if (miss.len) {
			missing_columns(&t, miss.data);
			buf_release(&miss);
			goto out;
		}
		buf_release(&miss);
	}
	while ((step = table_next(&t)) > 0) {
		size_t tl, sl, gl, stl, bl;
		const char *task = trim(cell(&t, idx[0], &tl), &tl), *sla = trim(cell(&t, idx[1], &sl), &sl);
		const char *stage = trim(cell(&t, idx[2], &stl), &stl);
		const char *br = trim(cell(&t, idx[3], &bl), &bl);
		const char *group = idx[5] >= 0 ? trim(cell(&t, idx[5], &gl), &gl) : c->map->source_id;
		struct feed_ticket tk;
		int64_t end;
		int breached;
		if (t.rec.n_fields == 1 && !t.rec.fields[0].len)
			continue;
		if (idx[5] < 0)
			gl = strlen(group);
		if (!tl) {
			cell_error(&t, idx[0] + 1, "task is empty");
			continue;
		}
		if (!gl) {
			cell_error(&t, idx[5] + 1, "the assignment group is empty");
			continue;
		}
		if (stl == 9 && !strncasecmp(stage, "completed", 9)) {
		} else if ((stl == 11 && !strncasecmp(stage, "in_progress", 11)) ||
			   (stl == 11 && !strncasecmp(stage, "in progress", 11)) ||
			   (stl == 6 && !strncasecmp(stage, "paused", 6)) ||
			   (stl == 9 && !strncasecmp(stage, "cancelled", 9)) ||
			   (stl == 8 && !strncasecmp(stage, "breached", 8))) {
			continue;   /* not ended (or called off): no outcome yet */
		} else {
			cell_error(&t, idx[2] + 1, "unknown stage '%.*s' (completed, in_progress, paused,"
				   " cancelled)", (int)stl, stage);
			continue;
		}
		if ((bl == 4 && !strncasecmp(br, "true", 4)) || (bl == 1 && *br == '1') ||
		    (bl == 3 && !strncasecmp(br, "yes", 3)))
			breached = 1;
		else if ((bl == 5 && !strncasecmp(br, "false", 5)) || (bl == 1 && *br == '0') ||
			 (bl == 2 && !strncasecmp(br, "no", 2)))
			breached = 0;
		else {
			cell_error(&t, idx[3] + 1, "has_breached '%.*s' is not true or false", (int)bl, br);
			continue;
		}
		if (time_cell(&t, idx[4], "end_time", &end))
			continue;
		buf_reset(&key);
		buf_addf(&key, "%.*s/%.*s", (int)tl, task, (int)sl, sla);
		memset(&tk, 0, sizeof tk);
		tk.source_id = group;
		tk.source_len = gl;
		tk.key = key.data;
		tk.key_len = key.len;
		tk.fulfill_at = end;
		tk.breach_at = breached ? end : FEED_NO_TIME;
		if ((rc = feed_emit_ticket(c, &tk)))
			goto out;
	}
out:
	buf_release(&key);
	table_close(&t);
	return rc;
}

/* --- the formats ------------------------------------------------------------ */

static int run(const char *format, const struct feed_file *f, const struct feed_map *map,
	       const struct feed_sink *sink, struct buf *errors, uint64_t *n_errors)
{
	struct feed_ctx c;
	int rc;
	memset(&c, 0, sizeof c);
	c.map = map;
	c.tz = map->tz;
	c.sink = sink;
	c.errors.out = errors;
	if (!strcmp(format, "ucce-interval"))
		rc = parse_ucce(f, &c);
	else if (!strcmp(format, "intervals"))
		rc = parse_intervals(f, &c);
	else if (!strcmp(format, "servicenow-task-sla"))
		rc = parse_servicenow(f, &c);
	else
		rc = feed_json_parse(format, f, &c);
	*n_errors += c.errors.n;
	return rc;
}

#define FORMAT_FN(fn, name) \
	static int fn(const struct feed_file *f, const struct feed_map *m, const struct feed_sink *s, \
		      struct buf *e, uint64_t *n) { return run(name, f, m, s, e, n); }
FORMAT_FN(p_connect, "connect-metrics-v2")
FORMAT_FN(p_cxone, "cxone-skills")
FORMAT_FN(p_genesys, "genesys-aggregates")
FORMAT_FN(p_intervals, "intervals")
FORMAT_FN(p_servicenow, "servicenow-task-sla")
FORMAT_FN(p_ucce, "ucce-interval")
FORMAT_FN(p_zendesk, "zendesk-sla")

/* Sorted by name. */
const struct feed_format feed_formats[] = {
	{ "connect-metrics-v2", 0, p_connect,
	  "Amazon Connect GetMetricDataV2 response (JSON; one page a file), grouped by QUEUE",
	  "MetricResults[].Dimensions.QUEUE, MetricInterval.StartTime/EndTime, Collections[]: "
	  "CONTACTS_QUEUED, CONTACTS_HANDLED, CONTACTS_ABANDONED, SUM_CONTACTS_ANSWERED_IN_X "
	  "(Threshold), CONTACTS_ABANDONED_IN_X (short abandons), SUM_HANDLE_TIME or "
	  "AVG_HANDLE_TIME x handled, SUM_QUEUE_ANSWER_TIME or AVG_QUEUE_ANSWER_TIME x handled" },
	{ "cxone-skills", 0, p_cxone,
	  "NICE CXone skills summary (JSON), one period of a day or less",
	  "skillSummaries[]: skillId, startDate/endDate (or at the top), contactsOffered, "
	  "contactsHandled, abandonCount, shortAbandonCount, contactsWithinSLA, "
	  "averageHandleTime and averageSpeedToAnswer (ISO-8601 durations) x handled" },
	{ "genesys-aggregates", 0, p_genesys,
	  "Genesys Cloud POST /api/v2/analytics/conversations/aggregates/query response (JSON),"
	  " grouped by queueId",
	  "results[].group.queueId, data[].interval, metrics[]: nOffered.count, "
	  "tAnswered.count/.sum (ms), tAbandon.count, tShortAbandon.count, tHandle.count/.sum (ms), "
	  "oServiceLevel.numerator" },
	{ "intervals", 0, p_intervals,
	  "any interval report, CSV or the first sheet of an XLSX workbook",
	  "interval_start, source_id, offered, answered, answered_within, abandoned, "
	  "short_abandoned, handled, handle_seconds, answer_wait_seconds (named in the map's "
	  "\"columns\", or by aliases such as 인입호, 응답호, 포기호)" },
	{ "servicenow-task-sla", 1, p_servicenow,
	  "ServiceNow task_sla export (CSV or XLSX)",
	  "task, sla, stage (completed counts), has_breached, end_time, task.assignment_group" },
	{ "ucce-interval", 0, p_ucce,
	  "Cisco UCCE Call_Type_Interval rows (CSV or XLSX)",
	  "DateTime, CallTypeID, ServiceLevelCallsOffered, ServiceLevelCalls, CallsHandled, "
	  "CallsAnswered, HandleTime, AnswerWaitTime, TotalCallsAband (or ServiceLevelAband), "
	  "ShortCalls" },
	{ "zendesk-sla", 1, p_zendesk,
	  "Zendesk ticket metric events (JSON: /api/v2/incremental/ticket_metric_events)",
	  "ticket_metric_events[]: ticket_id, metric, instance_id, type (apply_sla, breach, "
	  "fulfill), time, sla.policy.id or group_id, deleted" },
};
const size_t feed_n_formats = sizeof feed_formats / sizeof feed_formats[0];

const struct feed_format *feed_format_find(const char *name)
{
	for (size_t i = 0; i < feed_n_formats; i++)
		if (!strcmp(feed_formats[i].name, name))
			return &feed_formats[i];
	return NULL;
}
