/* SPDX-License-Identifier: MIT */
/* Measurements stored as blocks: a month block holds one contract's daily
 * (numerator, denominator) pairs of one metric and calendar month, and the
 * store keeps one row per contract, metric and calendar year holding its
 * month blocks and each month's sums. A year of daily data for 5,000
 * contracts × 4 metrics is 20,000 rows instead of 7.3 million, so an import
 * writes 365× fewer B-tree entries and scoring reads monthly sums directly
 * (see docs/performance.md). The daily values stay exact and complete:
 * export gives back every row. */
#ifndef TANDEM_BLOCKS_H
#define TANDEM_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/date.h"
#include "domain/decimal.h"
#include "store/store.h"

/* Format 2 (schema version 4): a format byte, a scale byte, then varints. */
#define BLOCK_MAX_BYTES (2 + 2 * 5 + 31 * 2 * 10)

/* One month of one metric: day d (1..31) is present when bit d-1 is set. */
struct day_block {
	uint32_t present;
	uint32_t touched;          /* days written by the current import */
	micro_t num[31], den[31];
};

/* Encodes b into out; returns the length. The encoding: the byte 2, a
 * scale k (0..6, the most decimal places of micro-units every value has as
 * zeros), present and touched as varints, then each present day's
 * numerator and denominator divided by 10^k as zigzag varints. Whole-number
 * counts take 2-3 bytes a value instead of 8. */
size_t block_encode(const struct day_block *b, unsigned char out[BLOCK_MAX_BYTES]);
/* Decodes; returns 0, or -1 when the bytes are not a block. */
int block_decode(const unsigned char *data, size_t len, struct day_block *b);
/* The same for the fixed-width encoding of schema versions 2 and 3
 * (present, touched, then 8-byte little-endian pairs): for the migration. */
int block_decode_v3(const unsigned char *data, size_t len, struct day_block *b);
/* The present days of b, their Σnumerator and Σdenominator: the columns
 * n_days, sum_numerator and sum_denominator stored beside each block, so
 * scoring sums whole months without decoding them. */
void block_sums(const struct day_block *b, int64_t *days, micro_t *num, micro_t *den);

/* A year row (format 3, schema version 5): the byte 3, a varint mask of
 * the months present (bit m-1 for month m), then for each present month in
 * order its day count, Σnumerator and Σdenominator (zigzag varints), the
 * length of its month block, and the month block (block_encode). Scoring
 * sums whole months from the header and decodes only the months that
 * go-live or end cut. */
#define YEAR_MAX_BYTES (3 + 12 * (4 * 10 + BLOCK_MAX_BYTES))

struct year_month {
	int month;                   /* 1..12 */
	int64_t days;                /* present days */
	micro_t num, den;            /* their sums */
	const unsigned char *block;  /* the month block (NULL: the month is absent) */
	size_t block_len;
};
struct year_reader {
	const unsigned char *data;
	size_t len, pos;
	uint32_t mask;
	int month;
};
/* Starts reading a year row; returns 0, or -1 when the bytes are not one. */
int year_reader_init(struct year_reader *r, const unsigned char *data, size_t len);
/* The next month present: 1, 0 after the last, -1 when the row is damaged.
 * out->block points into the row. */
int year_reader_next(struct year_reader *r, struct year_month *out);
/* Encodes the months (indexed by month - 1; block NULL = absent) as a year
 * row; returns the length. */
size_t year_encode(const struct year_month months[12], unsigned char out[YEAR_MAX_BYTES]);

/* The stored month block of (contract, metric, month): 0, 1 when there is
 * none, -1 on an error (err). */
int blocks_read_month(struct store *s, const char *contract, const char *metric, month_t month,
		      struct day_block *b, struct buf *err);
/* Replaces that month block with b (which removes it when b has no day),
 * keeping the other months of its year row; a row left empty goes. */
int blocks_put_month(struct store *s, const char *contract, const char *metric, month_t month,
		     const struct day_block *b, struct buf *err);

/* A whole year of (contract, metric) at once, for a caller that changes
 * many days (the feed derivation): one read and one write of the year row
 * instead of one per month. The statements are prepared on first use and
 * kept in io until blocks_year_io_release(). */
struct blocks_year_io {
	struct stmt *select, *upsert, *remove;
};
/* Reads the months into b[0..11] (a month absent has no day present);
 * days marked as touched by an import are unmarked. Returns 0, -1 (err). */
int blocks_year_read(struct store *s, struct blocks_year_io *io, const char *contract,
		     const char *metric, int year, struct day_block b[12], struct buf *err);
/* Replaces the year row with b[0..11] (the row goes when no day is left).
 * Returns 0, -1 (err). */
int blocks_year_write(struct store *s, struct blocks_year_io *io, const char *contract,
		      const char *metric, int year, const struct day_block b[12], struct buf *err);
void blocks_year_io_release(struct blocks_year_io *io);

/* Collects an import's measurements into blocks, merging with the blocks
 * already stored, and writes them inside the import's transaction. Memory
 * is bounded by max_open blocks (flushed when full), not by the file. */
struct block_writer;

int block_writer_new(struct store *s, int64_t batch, struct block_writer **out, struct buf *err);
/* Adds one day. Returns 0, 1 when this contract/metric/date was already
 * given in this import (*first_line is its line, or 0 when not known any
 * more), or -1 on a storage error (err). */
int block_writer_add(struct block_writer *w, const char *contract, size_t clen,
		     const char *metric, size_t mlen, day_t date, micro_t num, micro_t den,
		     unsigned long line, unsigned long *first_line, struct buf *err);
/* The same with the date as its month and day of month (1..31). */
int block_writer_add_day(struct block_writer *w, const char *contract, size_t clen,
			 const char *metric, size_t mlen, month_t month, int day, micro_t num,
			 micro_t den, unsigned long line, unsigned long *first_line, struct buf *err);
/* Adds another day to the block the last block_writer_add_day() call went
 * to, for a caller that knows this day has the same contract, metric and
 * month, and has added nothing else since. Returns 0 or 1 as
 * block_writer_add_day() does; it cannot fail. */
int block_writer_add_last(struct block_writer *w, int day, micro_t num, micro_t den,
			  unsigned long line, unsigned long *first_line);
/* Writes every open block. */
int block_writer_flush(struct block_writer *w, struct buf *err);
void block_writer_free(struct block_writer *w);

/* Calls fn for every stored measurement in key order (contract_id, metric,
 * date). fn returns 0 to go on. Returns 0, -1 on a storage error, or fn's
 * non-zero value. */
typedef int (*measurement_fn)(void *ctx, const char *contract, const char *metric, day_t date,
			      micro_t num, micro_t den);
int blocks_each_measurement(struct store *s, measurement_fn fn, void *ctx, struct buf *err);
/* The newest year with SLA data in *year (0 when none). 0, or -1 with err. */
int blocks_newest_year(struct store *s, int64_t *year, struct buf *err);

#endif
