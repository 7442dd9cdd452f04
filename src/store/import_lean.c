/* SPDX-License-Identifier: MIT */
/* The importer's fast path for measurements.csv, the one file that grows
 * to millions of lines: plain lines are checked and added to their month
 * block straight from the CSV reader's buffer. Every check is the general
 * path's, through the same primitives (domain/date.h, domain/decimal.h,
 * plain_denominator); a line it does not take is left to the general path,
 * which reports whatever made it decline in its own words. */
#include "store/import_impl.h"

#include <string.h>

/* An id cell the general path would take as it is: not empty, at most 200
 * bytes, no leading or trailing space. (The line is printable ASCII: no
 * control characters, csv_peek_line.) */
static int plain_id(const char *s, size_t len)
{
	return len && len <= 200 && s[0] != ' ' && s[len - 1] != ' ';
}

/* A whole cell as decimal_parse() takes it. */
static int cell_decimal(struct cell *c)
{
	return decimal_parse(c->text, c->len, &c->num) == DECIMAL_OK;
}

int import_lean_measurement(struct importer *im, struct file_state *fs, struct csv_reader *r,
			    struct lean_state *ls)
{
	struct csv_line cl;
	struct cell cells[5];
	int y, m, d;

	if (fs->n_fields != 5 || !csv_peek_line(r, &cl) || cl.n_fields != 5)
		return 0;
	for (int i = 0; i < 5; i++) {
		int f = fs->field_of[i];
		cells[i].text = cl.text + cl.start[f];
		cells[i].len = cl.end[f] - cl.start[f];
		cells[i].present = cells[i].len > 0;
	}
	/* contract_id, metric, date, numerator, denominator (domain/schema.c) */
	if (!plain_id(cells[0].text, cells[0].len) || !plain_id(cells[1].text, cells[1].len) ||
	    date_parse_ymd(cells[2].text, cells[2].len, &y, &m, &d) ||
	    !cells[3].present || !cell_decimal(&cells[3]))
		return 0;
	if (cells[4].present && (!cell_decimal(&cells[4]) || cells[4].num < 0))
		return 0;
	plain_denominator(&cells[4]);

	if (cells[0].len != ls->contract_len || !same_bytes(cells[0].text, ls->contract, cells[0].len)) {
		if (import_ref_exists(im, im->contracts, cells[0].text, cells[0].len) != 1 ||
		    im->storage_failed)
			return im->storage_failed ? -1 : 0;
		memcpy(ls->contract, cells[0].text, cells[0].len);
		ls->contract_len = cells[0].len;
		ls->metric_len = 0;
	}
	if (cells[1].len != ls->metric_len || !same_bytes(cells[1].text, ls->metric, cells[1].len)) {
		int found = import_metric_exists(im, cells[0].text, cells[0].len, cells[1].text,
						 cells[1].len);
		if (im->storage_failed)
			return -1;
		if (found != 1)
			return 0;
		memcpy(ls->metric, cells[1].text, cells[1].len);
		ls->metric_len = cells[1].len;
		memcpy(ls->prefix, ls->contract, ls->contract_len);
		ls->prefix[ls->contract_len] = ',';
		memcpy(ls->prefix + ls->contract_len + 1, ls->metric, ls->metric_len);
		ls->prefix[ls->contract_len + 1 + ls->metric_len] = ',';
		ls->prefix_len = ls->contract_len + ls->metric_len + 2;
	}

	fs->rows++;
	im->res->rows++;
	if ((fs->rows & 0xffff) == 0)
		import_progress(im, fs, 0);
	import_write_day(im, fs, cl.line, cells, month_of_ymd(y, m), d);
	/* Consumed only now: the cells point into the reader's buffer. */
	csv_skip_line(r);
	return im->storage_failed ? -1 : 1;
}

/* A number at *q that decimal_plain() reads up to one of the bytes stop1
 * or stop2 (before end); moves *q there. */
static inline int plain_until(const char **q, const char *end, char stop1, char stop2,
			      micro_t *out)
{
	const char *e = decimal_plain(*q, end, out);
	if (!e || e >= end || (*e != stop1 && *e != stop2))
		return 0;
	*q = e;
	return 1;
}

/* The leanest path, for files whose columns are in the schema's order: the
 * lines of the contract and metric the lean path last checked, each a date,
 * a plain numerator and a plain or empty denominator, taken in one loop
 * over the reader's buffer. A line of the month the last line went to is
 * added to the same block without looking it up (block_writer_add_last).
 * Every byte is accounted for, so nothing taken needs the CSV reader's
 * scan. */
int import_lean_canonical(struct importer *im, struct file_state *fs, struct csv_reader *r,
			  struct lean_state *ls)
{
	const char *p, *end, *s;
	unsigned long line;
	int taken = 0;

	if (!ls->contract_len || !ls->metric_len || !csv_buffered(r, &p, &end, &line))
		return 0;
	const size_t plen = ls->prefix_len;
	for (s = p; (size_t)(end - s) >= plen + 14 && same_bytes(s, ls->prefix, plen); line++) {
		const char *q = s + plen, *date = q;
		struct cell cells[5];
		month_t month;
		int d;
		if (q[10] != ',' || date_parse_memo(q, &ls->memo, &month, &d))
			break;
		int same_month = fs->lean_block && month == ls->lean_month;
		q += 11;
		if (!plain_until(&q, end, ',', ',', &cells[3].num))
			break;
		cells[4].text = ++q;
		if (q < end && *q != '\n' && *q != '\r' && !plain_until(&q, end, '\n', '\r', &cells[4].num))
			break;
		cells[4].len = (size_t)(q - cells[4].text);
		if (q < end && *q == '\r')
			q++;
		if (q >= end || *q != '\n')
			break;
		cells[4].present = cells[4].len > 0;
		plain_denominator(&cells[4]);

		fs->rows++;
		im->res->rows++;
		if ((fs->rows & 0xffff) == 0)
			import_progress(im, fs, 0);
		cells[0].text = s;
		cells[0].len = ls->contract_len;
		cells[1].text = s + ls->contract_len + 1;
		cells[1].len = ls->metric_len;
		cells[2].text = date;
		cells[2].len = 10;
		if (same_month) {
			unsigned long first = 0;
			if (block_writer_add_last(im->blocks, d, cells[3].num, cells[4].num, line, &first))
				import_report_duplicate(im, fs, line, cells, first);
			else
				fs->written++;
		} else {
			import_write_day(im, fs, line, cells, month, d);
			if (im->storage_failed)
				return -1;
			if (!fs->closed_month) {   /* a closed month: day by day */
				ls->lean_month = month;
				fs->lean_block = 1;
			}
		}
		/* Consumed only now: the cells point into the reader's buffer. */
		csv_consume_line(r, (size_t)(q + 1 - s));
		s = q + 1;
		taken = 1;
	}
	return taken;
}
