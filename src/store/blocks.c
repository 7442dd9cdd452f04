/* SPDX-License-Identifier: MIT */
/* Measurement blocks (blocks.h): the month and year encodings, the
 * import-time writer with a bounded set of open month blocks written out as
 * year rows, and iteration for export and hashing. */
#include "store/blocks.h"

#include "base/buf.h"
#include "base/strset.h"

#include <endian.h>
#include <stdlib.h>
#include <string.h>

static uint32_t get_u32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return le32toh(v);
}

static int64_t get_i64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return (int64_t)le64toh(v);
}

static const int64_t pow10[7] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* Reads a varint of at most 10 bytes from p[*n..len); returns -1 when it
 * runs past len or is too long. */
static int get_varint(const unsigned char *p, size_t len, size_t *n, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 70; shift += 7) {
		if (*n >= len)
			return -1;
		unsigned char c = p[(*n)++];
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static int64_t unzigzag(uint64_t u)
{
	return (int64_t)((u >> 1) ^ (0 - (u & 1)));
}

/* The present days' values divided by div, as zigzag varints. Inlined with
 * a constant div, the divisions become multiplications. */
static inline size_t put_values(const struct day_block *b, unsigned char *p, int64_t div)
{
	size_t n = 0;
	for (int d = 0; d < 31; d++) {
		if (!(b->present & (1u << d)))
			continue;
		n += put_varint(p + n, zigzag(b->num[d] / div));
		n += put_varint(p + n, zigzag(b->den[d] / div));
	}
	return n;
}

size_t block_encode(const struct day_block *b, unsigned char out[BLOCK_MAX_BYTES])
{
	int k = 6;
	size_t n = 2;
	/* Whole numbers (counts) are the common case: k = 6, checked with a
	 * constant divisor first. */
	for (int d = 0; d < 31 && k == 6; d++)
		if (b->present & (1u << d) && (b->num[d] % 1000000 || b->den[d] % 1000000))
			k = 5;
	for (int d = 0; d < 31 && k && k < 6; d++) {
		if (!(b->present & (1u << d)))
			continue;
		while (k && (b->num[d] % pow10[k] || b->den[d] % pow10[k]))
			k--;
	}
	out[0] = 2;
	out[1] = (unsigned char)k;
	n += put_varint(out + n, b->present);
	n += put_varint(out + n, b->touched);
	return n + (k == 6 ? put_values(b, out + n, 1000000) : put_values(b, out + n, pow10[k]));
}

int block_decode(const unsigned char *data, size_t len, struct day_block *b)
{
	size_t n = 2;
	uint64_t present, touched, v;
	if (len < 4 || data[0] != 2 || data[1] > 6)
		return -1;
	int64_t scale = pow10[data[1]];
	if (get_varint(data, len, &n, &present) || get_varint(data, len, &n, &touched) ||
	    present >> 31 || touched >> 31)
		return -1;
	b->present = (uint32_t)present;
	b->touched = (uint32_t)touched;
	for (int d = 0; d < 31; d++) {
		if (!(present & (1u << d))) {
			b->num[d] = b->den[d] = 0;
			continue;
		}
		if (get_varint(data, len, &n, &v))
			return -1;
		b->num[d] = (int64_t)((uint64_t)unzigzag(v) * (uint64_t)scale);
		if (get_varint(data, len, &n, &v))
			return -1;
		b->den[d] = (int64_t)((uint64_t)unzigzag(v) * (uint64_t)scale);
	}
	return n == len ? 0 : -1;
}

int block_decode_v3(const unsigned char *data, size_t len, struct day_block *b)
{
	size_t n = 8;
	if (len < 8)
		return -1;
	memset(b, 0, sizeof *b);
	b->present = get_u32(data);
	b->touched = get_u32(data + 4);
	if (b->present >> 31)
		return -1;
	for (int d = 0; d < 31; d++) {
		if (!(b->present & (1u << d)))
			continue;
		if (n + 16 > len)
			return -1;
		b->num[d] = get_i64(data + n);
		b->den[d] = get_i64(data + n + 8);
		n += 16;
	}
	return n == len ? 0 : -1;
}

void block_sums(const struct day_block *b, int64_t *days, micro_t *num, micro_t *den)
{
	/* Unsigned: sums wrap as the loader's always did, without UB. */
	uint64_t sn = 0, sd = 0;
	int64_t n = 0;
	for (int d = 0; d < 31; d++) {
		if (!(b->present & (1u << d)))
			continue;
		sn += (uint64_t)b->num[d];
		sd += (uint64_t)b->den[d];
		n++;
	}
	*days = n;
	*num = (micro_t)sn;
	*den = (micro_t)sd;
}

/* ---- year rows ------------------------------------------------------- */

/* The statements on year rows, bound as (contract, metric, year[, days,
 * touched_batch]). */
#define YEAR_SELECT "SELECT days, touched_batch FROM measurement_blocks" \
	" WHERE contract_id = ? AND metric = ? AND year = ?"
#define YEAR_INSERT "INSERT INTO measurement_blocks (contract_id, metric, year, days," \
	" touched_batch) VALUES (?, ?, ?, ?, ?)"
#define YEAR_UPSERT YEAR_INSERT " ON CONFLICT (contract_id, metric, year) DO UPDATE" \
	" SET days = excluded.days, touched_batch = excluded.touched_batch"

int year_reader_init(struct year_reader *r, const unsigned char *data, size_t len)
{
	uint64_t mask;
	r->data = data;
	r->len = len;
	r->pos = 1;
	r->month = 0;
	if (len < 2 || data[0] != 3 || get_varint(data, len, &r->pos, &mask) || mask >> 12)
		return -1;
	r->mask = (uint32_t)mask;
	return 0;
}

int year_reader_next(struct year_reader *r, struct year_month *out)
{
	uint64_t days, num, den, blen;
	while (r->month < 12 && !(r->mask & (1u << r->month)))
		r->month++;
	if (r->month >= 12)
		return r->pos == r->len ? 0 : -1;
	if (get_varint(r->data, r->len, &r->pos, &days) || get_varint(r->data, r->len, &r->pos, &num) ||
	    get_varint(r->data, r->len, &r->pos, &den) || get_varint(r->data, r->len, &r->pos, &blen) ||
	    days > 31 || blen > r->len - r->pos)
		return -1;
	out->month = ++r->month;
	out->days = (int64_t)days;
	out->num = unzigzag(num);
	out->den = unzigzag(den);
	out->block = r->data + r->pos;
	out->block_len = (size_t)blen;
	r->pos += (size_t)blen;
	return 1;
}

size_t year_encode(const struct year_month months[12], unsigned char out[YEAR_MAX_BYTES])
{
	uint32_t mask = 0;
	size_t n = 1;
	for (int m = 0; m < 12; m++)
		if (months[m].block)
			mask |= 1u << m;
	out[0] = 3;
	n += put_varint(out + n, mask);
	for (int m = 0; m < 12; m++) {
		const struct year_month *ym = &months[m];
		if (!ym->block)
			continue;
		n += put_varint(out + n, (uint64_t)ym->days);
		n += put_varint(out + n, zigzag(ym->num));
		n += put_varint(out + n, zigzag(ym->den));
		n += put_varint(out + n, ym->block_len);
		memcpy(out + n, ym->block, ym->block_len);
		n += ym->block_len;
	}
	return n;
}

/* Sets *ym to month m (1..12) of b, encoded into buf; a month without a
 * day is absent (block NULL). */
static void year_month_of(const struct day_block *b, int m, unsigned char buf[BLOCK_MAX_BYTES],
			  struct year_month *ym)
{
	ym->month = m;
	ym->block = NULL;
	if (!b->present)
		return;
	ym->block_len = block_encode(b, buf);
	ym->block = buf;
	block_sums(b, &ym->days, &ym->num, &ym->den);
}

/* The touched days of a month block, read from its front. */
static int block_touched(const unsigned char *data, size_t len, uint32_t *touched)
{
	size_t n = 2;
	uint64_t present, t;
	if (len < 4 || data[0] != 2 || get_varint(data, len, &n, &present) ||
	    get_varint(data, len, &n, &t) || t >> 31)
		return -1;
	*touched = (uint32_t)t;
	return 0;
}

/* Steps select (bound to a contract, metric and year) to its year row and
 * starts r on it: 0, 1 when there is no row, -1 on an error. *stale is
 * whether the row was written by an import other than batch. */
static int step_year(struct stmt *select, const char *contract, size_t clen, const char *metric,
		     size_t mlen, int year, int64_t batch, struct year_reader *r, int *stale,
		     struct buf *err)
{
	size_t len;
	stmt_bind_text(select, 1, contract, clen);
	stmt_bind_text(select, 2, metric, mlen);
	stmt_bind_int64(select, 3, year);
	int rc = stmt_step(select);
	if (rc == STORE_ERROR) {
		buf_addf(err, "cannot read measurements: %s", stmt_error(select));
		return -1;
	}
	if (rc != STORE_ROW)
		return 1;
	const unsigned char *data = stmt_blob(select, 0, &len);
	*stale = stmt_int64(select, 1) != batch;
	if (year_reader_init(r, data, len)) {
		buf_addf(err, "a stored measurement block of '%.*s' (%d) is damaged", (int)clen, contract,
			 year);
		return -1;
	}
	return 0;
}

/* Reads the year row of (contract, metric, year) into months (indexed by
 * month - 1; a month absent has block NULL), copying each month block into
 * bufs so that they outlive the statement. Days an import other than batch
 * marked as touched are unmarked. Returns 0, 1 when there is no row, -1 on
 * an error. */
static int read_year(struct stmt *select, const char *contract, size_t clen, const char *metric,
		     size_t mlen, int year, int64_t batch, struct year_month months[12],
		     unsigned char bufs[12][BLOCK_MAX_BYTES], struct buf *err)
{
	struct year_reader r;
	struct year_month ym;
	int stale = 0, got;

	memset(months, 0, 12 * sizeof *months);
	got = step_year(select, contract, clen, metric, mlen, year, batch, &r, &stale, err);
	if (got) {
		stmt_reset(select);
		return got;
	}
	while ((got = year_reader_next(&r, &ym)) == 1) {
		struct day_block b;
		uint32_t touched;
		if (ym.block_len > BLOCK_MAX_BYTES || block_touched(ym.block, ym.block_len, &touched) ||
		    (stale && touched && block_decode(ym.block, ym.block_len, &b))) {
			got = -1;
			break;
		}
		if (stale && touched) {
			b.touched = 0;
			year_month_of(&b, ym.month, bufs[ym.month - 1], &months[ym.month - 1]);
		} else {
			memcpy(bufs[ym.month - 1], ym.block, ym.block_len);
			ym.block = bufs[ym.month - 1];
			months[ym.month - 1] = ym;
		}
	}
	stmt_reset(select);
	if (got < 0) {
		buf_addf(err, "a stored measurement block of '%.*s' (%d) is damaged", (int)clen, contract,
			 year);
		return -1;
	}
	return 0;
}

/* Reads month (of its year row) of (contract, metric) into *b; with stale
 * marks (an import other than batch) unmarked. Returns 0, 1 when the month
 * is not stored, -1 on an error; *row is whether its year row is. */
static int read_month(struct stmt *select, const char *contract, size_t clen, const char *metric,
		      size_t mlen, month_t month, int64_t batch, struct day_block *b, int *row,
		      struct buf *err)
{
	struct year_reader r;
	struct year_month ym;
	int stale = 0, want = month_month(month);
	int got = step_year(select, contract, clen, metric, mlen, month_year(month), batch, &r, &stale,
			    err);
	*row = !got;
	if (!got) {
		while ((got = year_reader_next(&r, &ym)) == 1 && ym.month < want)
			;
		if (got == 1 && ym.month == want && !(got = block_decode(ym.block, ym.block_len, b))) {
			if (stale)
				b->touched = 0;
		} else if (got >= 0) {
			got = 1;   /* the month is not in the row */
		}
		if (got < 0)
			buf_addf(err, "a stored measurement block of '%.*s' is damaged", (int)clen,
				 contract);
	}
	stmt_reset(select);
	return got;
}

/* ---- the writer -------------------------------------------------------- */

struct open_block {
	char *key;                 /* contract \x1f metric \x1f YYYY-MM */
	size_t contract_len, metric_len;
	month_t month;
	struct day_block b;
	uint32_t lines[31];        /* the line each day came from in this import */
	int dirty;
	int row_stored;            /* the store held the block's year row when it was opened */
	int may_be_stored;         /* may_be_stored() of its contract and metric */
};

/* A hash slot: the index + 1 of an open block (0 = empty) and 32 more bits
 * of its key's hash. The slots are small, so the table stays in cache
 * while the blocks themselves lie in the order they were opened. */
struct slot {
	uint32_t tag, index;
};

struct block_writer {
	struct store *s;
	int64_t batch;
	struct open_block *open;   /* the n open blocks, in the order they were opened */
	size_t n, max_open;
	struct slot *slots;        /* open addressing over open */
	size_t cap;
	struct open_block **order; /* the open blocks in key order, at a flush */
	char *keys;                /* the open blocks' keys, one after another */
	size_t keys_len, keys_cap;
	struct open_block *last;   /* rows usually come grouped: a one-entry cache */
	struct stmt *select, *upsert, *insert, *any;
	/* Contract/metric pairs ("contract \x1f metric") asked about: whether
	 * the store held any row of theirs when first seen (had), and
	 * whether this writer has written one (flushed). A block of a pair in
	 * neither set cannot be stored yet, so it is not looked up: on a first
	 * import that saves a query per block. One entry per series, not per
	 * row or block, and at most MAX_SERIES of them: past that (full) every
	 * block is looked up, as is always safe. */
	struct strset asked, had, flushed;
	int full;
};

#ifndef MAX_SERIES   /* tests build with a small one */
#define MAX_SERIES (1 << 16)
#endif

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

int block_writer_new(struct store *s, int64_t batch, struct block_writer **out, struct buf *err)
{
	struct block_writer *w = xcalloc(1, sizeof *w);
	w->s = s;
	w->batch = batch;
	/* Input is usually grouped by contract and metric, so few blocks are
	 * open at once; 8,192 of ~660 bytes bound the writer to ~5.5 MB. */
	w->max_open = 1 << 13;
	w->cap = 1 << 14;
	w->open = xmalloc(w->max_open * sizeof *w->open);
	w->slots = xcalloc(w->cap, sizeof *w->slots);
	w->order = xmalloc(w->max_open * sizeof *w->order);
	/* Keys of up to 63 bytes fit 8,192 times; longer ones flush sooner. */
	w->keys_cap = w->max_open * 64;
	w->keys = xmalloc(w->keys_cap);
	if (store_prepare(s, YEAR_SELECT, &w->select, err) ||
	    store_prepare(s, YEAR_UPSERT, &w->upsert, err) ||
	    store_prepare(s, YEAR_INSERT, &w->insert, err) ||
	    store_prepare(s, "SELECT 1 FROM measurement_blocks WHERE contract_id = ? AND metric = ?"
			  " LIMIT 1", &w->any, err)) {
		block_writer_free(w);
		return -1;
	}
	*out = w;
	return 0;
}

void block_writer_free(struct block_writer *w)
{
	if (!w)
		return;
	xfree(w->open);
	xfree(w->slots);
	xfree(w->order);
	xfree(w->keys);
	stmt_finalize(w->select);
	stmt_finalize(w->upsert);
	stmt_finalize(w->insert);
	stmt_finalize(w->any);
	strset_clear(&w->asked);
	strset_clear(&w->had);
	strset_clear(&w->flushed);
	xfree(w);
}

/* Writes the year row of the n open blocks of one contract, metric and
 * year (obs, in month order): with the months the store holds and none of
 * obs replaces when the row was stored. */
static int write_year(struct block_writer *w, struct open_block **obs, size_t n, int stored,
		      struct buf *err)
{
	unsigned char bufs[12][BLOCK_MAX_BYTES], data[YEAR_MAX_BYTES];
	struct year_month months[12];
	const struct open_block *o = obs[0];
	const char *k = o->key, *metric = k + o->contract_len + 1;
	int year = month_year(o->month);

	if (stored) {
		if (read_year(w->select, k, o->contract_len, metric, o->metric_len, year, w->batch, months,
			      bufs, err) < 0)
			return -1;
	} else {
		memset(months, 0, sizeof months);
	}
	for (size_t i = 0; i < n; i++) {
		int m = month_month(obs[i]->month);
		year_month_of(&obs[i]->b, m, bufs[m - 1], &months[m - 1]);
	}
	size_t len = year_encode(months, data);
	/* A row the store did not hold is inserted: no conflict to handle. */
	struct stmt *st = stored ? w->upsert : w->insert;
	stmt_bind_text(st, 1, k, o->contract_len);
	stmt_bind_text(st, 2, metric, o->metric_len);
	stmt_bind_int64(st, 3, year);
	stmt_bind_blob(st, 4, data, len);
	stmt_bind_int64(st, 5, w->batch);
	int rc = stmt_step(st);
	if (rc == STORE_ERROR)
		buf_addf(err, "cannot write measurements: %s", stmt_error(st));
	stmt_reset(st);
	if (!w->full && strset_add(&w->flushed, k, o->contract_len + 1 + o->metric_len) &&
	    w->flushed.len >= MAX_SERIES)
		w->full = 1;
	for (size_t i = 0; i < n; i++) {
		obs[i]->dirty = 0;
		obs[i]->row_stored = 1;
	}
	return rc == STORE_ERROR ? -1 : 0;
}

/* Are a and b blocks of the same contract and metric? */
static int same_series(const struct open_block *a, const struct open_block *b)
{
	return a->contract_len == b->contract_len && a->metric_len == b->metric_len &&
	       same_bytes(a->key, b->key, a->contract_len + 1 + a->metric_len);
}

/* Are a and b months of the same contract, metric and year? */
static int same_year(const struct open_block *a, const struct open_block *b)
{
	return month_year(a->month) == month_year(b->month) && same_series(a, b);
}

static int cmp_open_keys(const void *a, const void *b)
{
	const struct open_block *x = *(struct open_block *const *)a;
	const struct open_block *y = *(struct open_block *const *)b;
	return strcmp(x->key, y->key);
}

/* A run: open blocks [start, start + len) of one contract and metric, in
 * month order. */
struct run {
	struct open_block *first;
	size_t len;
};

static int cmp_runs(const void *a, const void *b)
{
	return strcmp(((const struct run *)a)->first->key, ((const struct run *)b)->first->key);
}

/* Puts the n open blocks in key order into w->order. Input usually comes
 * grouped by contract and metric, and each group's months in order, though
 * not always with the groups themselves in key order (metrics, say, as the
 * feed lists them). So the open blocks are cut into runs of one contract and
 * metric in month order, the runs are sorted, and the blocks are sorted one
 * by one only when that does not give key order. */
static void sort_open(struct block_writer *w)
{
	struct open_block *o = w->open;
	size_t n = w->n, n_runs = 0;
	struct run *runs;
	int in_order = 1;

	for (size_t i = 1; i < n && in_order; i++)
		if (same_series(&o[i - 1], &o[i]) ? o[i - 1].month >= o[i].month
						  : strcmp(o[i - 1].key, o[i].key) > 0)
			in_order = 0;
	if (in_order) {
		for (size_t i = 0; i < n; i++)
			w->order[i] = &o[i];
		return;
	}
	runs = xmalloc(n * sizeof *runs);
	for (size_t i = 0; i < n; i++) {
		if (i && same_series(&o[i - 1], &o[i]) && o[i - 1].month < o[i].month)
			runs[n_runs - 1].len++;
		else
			runs[n_runs++] = (struct run){ &o[i], 1 };
	}
	xqsort(runs, n_runs, sizeof *runs, cmp_runs);
	size_t k = 0;
	for (size_t r = 0; r < n_runs; r++) {
		if (r && strcmp(runs[r - 1].first[runs[r - 1].len - 1].key, runs[r].first->key) >= 0)
			in_order = 0;
		for (size_t i = 0; i < runs[r].len; i++)
			w->order[k++] = &runs[r].first[i];
	}
	xfree(runs);
	if (!in_order)   /* a contract and metric in runs that interleave */
		xqsort(w->order, n, sizeof *w->order, cmp_open_keys);
}

/* Writes the open blocks in key order, a year row for each contract, metric
 * and year, so that they land in the table's B-tree as appends rather than
 * at random places. */
int block_writer_flush(struct block_writer *w, struct buf *err)
{
	struct open_block **order = w->order;
	size_t n = w->n;
	int rc = 0;
	sort_open(w);
	for (size_t i = 0, j; i < n && !rc; i = j) {
		int dirty = order[i]->dirty, stored = order[i]->row_stored;
		for (j = i + 1; j < n && same_year(order[i], order[j]); j++) {
			dirty |= order[j]->dirty;
			stored |= order[j]->row_stored;
		}
		if (dirty && write_year(w, order + i, j - i, stored, err))
			rc = -1;
	}
	memset(w->slots, 0, w->cap * sizeof *w->slots);
	w->n = 0;
	w->keys_len = 0;
	w->last = NULL;
	return rc;
}

/* Loads the stored month of ob's key into ob (empty when none). Days
 * touched by an earlier import are replaced, not duplicates, so their marks
 * go. */
static int load_block(struct block_writer *w, struct open_block *ob, struct buf *err)
{
	return read_month(w->select, ob->key, ob->contract_len, ob->key + ob->contract_len + 1,
			  ob->metric_len, ob->month, w->batch, &ob->b, &ob->row_stored, err) < 0 ? -1 : 0;
}

/* May the store hold a block of this key's contract and metric? Asks the
 * store once per pair. Returns 1 yes, 0 no, -1 on a storage error. */
static int may_be_stored(struct block_writer *w, const struct open_block *ob, struct buf *err)
{
	const char *k = ob->key;
	size_t plen = ob->contract_len + 1 + ob->metric_len;
	if (w->full || strset_has(&w->flushed, k, plen))
		return 1;
	if (!strset_has(&w->asked, k, plen)) {
		if (w->asked.len >= MAX_SERIES) {
			w->full = 1;
			return 1;
		}
		stmt_bind_text(w->any, 1, k, ob->contract_len);
		stmt_bind_text(w->any, 2, k + ob->contract_len + 1, ob->metric_len);
		int rc = stmt_step(w->any);
		if (rc == STORE_ERROR)
			buf_addf(err, "cannot read measurements: %s", stmt_error(w->any));
		stmt_reset(w->any);
		if (rc == STORE_ERROR)
			return -1;
		strset_add(&w->asked, k, plen);
		if (rc == STORE_ROW)
			strset_add(&w->had, k, plen);
	}
	return strset_has(&w->had, k, plen);
}

int block_writer_add(struct block_writer *w, const char *contract, size_t clen,
		     const char *metric, size_t mlen, day_t date, micro_t num, micro_t den,
		     unsigned long line, unsigned long *first_line, struct buf *err)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	return block_writer_add_day(w, contract, clen, metric, mlen, month_of_ymd(y, m), d, num, den,
				    line, first_line, err);
}

/* Finds or opens the block of (contract, metric, month). */
static struct open_block *open_block_of(struct block_writer *w, const char *contract, size_t clen,
					const char *metric, size_t mlen, month_t month,
					struct buf *err)
{
	size_t klen = clen + mlen + 9;
	if (w->keys_cap - w->keys_len < klen + 1) {
		if (w->n && block_writer_flush(w, err))
			return NULL;
		if (w->keys_cap < klen + 1) {   /* ids of up to 200 bytes: never */
			w->keys_cap = klen + 1;
			w->keys = xrealloc(w->keys, w->keys_cap);
		}
	}
	/* The key is made where it would stay, and kept only if it is new. */
	char *key = w->keys + w->keys_len;
	memcpy(key, contract, clen);
	key[clen] = '\x1f';
	memcpy(key + clen + 1, metric, mlen);
	key[clen + mlen + 1] = '\x1f';
	month_format(month, key + clen + mlen + 2);
	key[klen] = '\0';
	uint64_t h = hash(key, klen);
	uint32_t tag = (uint32_t)(h >> 32);
	size_t i = h & (w->cap - 1);
	for (; w->slots[i].index; i = (i + 1) & (w->cap - 1)) {
		struct open_block *ob = &w->open[w->slots[i].index - 1];
		if (w->slots[i].tag == tag && !strcmp(ob->key, key))
			return ob;
	}
	if (w->n >= w->max_open) {
		if (block_writer_flush(w, err))
			return NULL;
		return open_block_of(w, contract, clen, metric, mlen, month, err);
	}
	w->keys_len += klen + 1;
	struct open_block *ob = &w->open[w->n++];
	w->slots[i] = (struct slot){ tag, (uint32_t)w->n };
	ob->key = key;
	ob->contract_len = clen;
	ob->metric_len = mlen;
	ob->month = month;
	/* Only present days' values are ever read; a touched day's line is
	 * 0 (unknown) when its block was written and loaded again. */
	ob->b.present = ob->b.touched = 0;
	memset(ob->lines, 0, sizeof ob->lines);
	ob->dirty = 0;
	ob->row_stored = 0;
	/* The block opened before, usually the previous month of the same
	 * contract and metric, already knows the answer: nothing was flushed
	 * in between. */
	if (w->n > 1 && same_series(ob - 1, ob))
		ob->may_be_stored = ob[-1].may_be_stored;
	else if ((ob->may_be_stored = may_be_stored(w, ob, err)) < 0)
		return NULL;
	if (ob->may_be_stored && load_block(w, ob, err))
		return NULL;
	return ob;
}

int block_writer_add_day(struct block_writer *w, const char *contract, size_t clen,
			 const char *metric, size_t mlen, month_t month, int d, micro_t num,
			 micro_t den, unsigned long line, unsigned long *first_line, struct buf *err)
{
	struct open_block *ob = w->last;

	if (!ob || ob->month != month || ob->contract_len != clen || ob->metric_len != mlen ||
	    !same_bytes(ob->key, contract, clen) || !same_bytes(ob->key + clen + 1, metric, mlen)) {
		ob = open_block_of(w, contract, clen, metric, mlen, month, err);
		if (!ob)
			return -1;
		w->last = ob;
	}
	return block_writer_add_last(w, d, num, den, line, first_line);
}

int block_writer_add_last(struct block_writer *w, int d, micro_t num, micro_t den,
			  unsigned long line, unsigned long *first_line)
{
	struct open_block *ob = w->last;
	uint32_t bit = 1u << (d - 1);
	if (ob->b.touched & bit) {
		*first_line = ob->lines[d - 1];
		return 1;
	}
	ob->b.present |= bit;
	ob->b.touched |= bit;
	ob->b.num[d - 1] = num;
	ob->b.den[d - 1] = den;
	ob->lines[d - 1] = (uint32_t)line;
	ob->dirty = 1;
	return 0;
}

int blocks_each_measurement(struct store *s, measurement_fn fn, void *ctx, struct buf *err)
{
	struct stmt *st;
	int rc, stop = 0;
	if (store_prepare(s, s->ops->kind == STORE_POSTGRES
			  ? "SELECT contract_id, metric, year, days FROM measurement_blocks"
			    " ORDER BY contract_id COLLATE \"C\", metric COLLATE \"C\", year"
			  : "SELECT contract_id, metric, year, days FROM measurement_blocks"
			    " ORDER BY contract_id, metric, year", &st, err))
		return -1;
	while (!stop && (rc = stmt_step(st)) == STORE_ROW) {
		struct year_reader r;
		struct year_month ym;
		size_t len;
		int year = (int)stmt_int64(st, 2), got;
		char *contract = xstrdup(stmt_text(st, 0, NULL));
		char *metric = xstrdup(stmt_text(st, 1, NULL));
		const unsigned char *data = stmt_blob(st, 3, &len);
		got = year < 1 || year > 9999 ? -1 : year_reader_init(&r, data, len);
		while (!stop && !got && (got = year_reader_next(&r, &ym)) == 1) {
			struct day_block b;
			got = block_decode(ym.block, ym.block_len, &b);
			day_t first = date_from_ymd(year, ym.month, 1);
			for (int d = 0; d < 31 && !stop && !got; d++)
				if (b.present & (1u << d))
					stop = fn(ctx, contract, metric, first + d, b.num[d], b.den[d]);
		}
		if (got < 0) {
			buf_addf(err, "a stored measurement block of '%s' is damaged", contract);
			rc = STORE_ERROR;
		}
		xfree(contract);
		xfree(metric);
		if (got < 0)
			break;
	}
	if (rc == STORE_ERROR && !err->len)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		return -1;
	return stop;
}

int blocks_read_month(struct store *s, const char *contract, const char *metric, month_t month,
		      struct day_block *b, struct buf *err)
{
	struct stmt *st;
	int rc, row;
	if (store_prepare(s, YEAR_SELECT, &st, err))
		return -1;
	rc = read_month(st, contract, strlen(contract), metric, strlen(metric), month, -1, b, &row,
			err);
	stmt_finalize(st);
	return rc;
}

int blocks_put_month(struct store *s, const char *contract, const char *metric, month_t month,
		     const struct day_block *b, struct buf *err)
{
	unsigned char bufs[12][BLOCK_MAX_BYTES], data[YEAR_MAX_BYTES];
	struct year_month months[12];
	struct stmt *st;
	int rc, year = month_year(month), m = month_month(month), any = 0;
	if (store_prepare(s, YEAR_SELECT, &st, err))
		return -1;
	/* Outside an import the marks of the days an import touched mean
	 * nothing: batch -1 matches no import, so they go. */
	rc = read_year(st, contract, strlen(contract), metric, strlen(metric), year, -1, months, bufs,
		       err);
	stmt_finalize(st);
	if (rc < 0)
		return -1;
	year_month_of(b, m, bufs[m - 1], &months[m - 1]);
	for (int i = 0; i < 12; i++)
		any |= months[i].block != NULL;
	if (!any) {
		if (rc == 1)
			return 0;
		if (store_prepare(s, "DELETE FROM measurement_blocks WHERE contract_id = ? AND metric = ?"
				  " AND year = ?", &st, err))
			return -1;
		stmt_bind_str(st, 1, contract);
		stmt_bind_str(st, 2, metric);
		stmt_bind_int64(st, 3, year);
	} else {
		if (store_prepare(s, YEAR_UPSERT, &st, err))
			return -1;
		stmt_bind_str(st, 1, contract);
		stmt_bind_str(st, 2, metric);
		stmt_bind_int64(st, 3, year);
		stmt_bind_blob(st, 4, data, year_encode(months, data));
		stmt_bind_int64(st, 5, 0);
	}
	rc = stmt_step(st) == STORE_ERROR ? -1 : 0;
	if (rc)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc;
}

int blocks_newest_year(struct store *s, int64_t *year, struct buf *err)
{
	struct stmt *st;
	*year = 0;
	if (store_prepare(s, "SELECT max(year) FROM measurement_blocks", &st, err))
		return -1;
	if (stmt_step(st) == STORE_ROW && !stmt_is_null(st, 0))
		*year = stmt_int64(st, 0);
	stmt_finalize(st);
	return 0;
}

/* ---- whole years ------------------------------------------------------- */

int blocks_year_read(struct store *s, struct blocks_year_io *io, const char *contract,
		     const char *metric, int year, struct day_block b[12], struct buf *err)
{
	unsigned char bufs[12][BLOCK_MAX_BYTES];
	struct year_month months[12];
	int rc;
	memset(b, 0, 12 * sizeof *b);
	if (!io->select && store_prepare(s, YEAR_SELECT, &io->select, err))
		return -1;
	rc = read_year(io->select, contract, strlen(contract), metric, strlen(metric), year, -1, months,
		       bufs, err);
	if (rc < 0)
		return -1;
	for (int m = 0; rc == 0 && m < 12; m++) {
		if (!months[m].block)
			continue;
		if (block_decode(months[m].block, months[m].block_len, &b[m])) {
			buf_addf(err, "a stored measurement block of '%s' (%d) is damaged", contract, year);
			return -1;
		}
		b[m].touched = 0;
	}
	return 0;
}

int blocks_year_write(struct store *s, struct blocks_year_io *io, const char *contract,
		      const char *metric, int year, const struct day_block b[12], struct buf *err)
{
	unsigned char bufs[12][BLOCK_MAX_BYTES], data[YEAR_MAX_BYTES];
	struct year_month months[12];
	struct stmt *st;
	int any = 0;
	for (int m = 0; m < 12; m++) {
		struct day_block clean = b[m];
		clean.touched = 0;
		year_month_of(&clean, m + 1, bufs[m], &months[m]);
		any |= months[m].block != NULL;
	}
	if (!any) {
		if (!io->remove && store_prepare(s, "DELETE FROM measurement_blocks WHERE contract_id = ?"
						 " AND metric = ? AND year = ?", &io->remove, err))
			return -1;
		st = io->remove;
	} else {
		if (!io->upsert && store_prepare(s, YEAR_UPSERT, &io->upsert, err))
			return -1;
		st = io->upsert;
	}
	stmt_reset(st);
	stmt_bind_str(st, 1, contract);
	stmt_bind_str(st, 2, metric);
	stmt_bind_int64(st, 3, year);
	if (any) {
		stmt_bind_blob(st, 4, data, year_encode(months, data));
		stmt_bind_int64(st, 5, 0);
	}
	int rc = stmt_step(st) == STORE_ERROR ? -1 : 0;
	if (rc)
		buf_addf(err, "%s", stmt_error(st));
	stmt_reset(st);
	return rc;
}

void blocks_year_io_release(struct blocks_year_io *io)
{
	stmt_finalize(io->select);
	stmt_finalize(io->upsert);
	stmt_finalize(io->remove);
	memset(io, 0, sizeof *io);
}
