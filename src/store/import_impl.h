/* SPDX-License-Identifier: MIT */
/* The importer's parts, shared by its files and by nothing else:
 * import.c       the transaction driver, rows, writing, the audit log
 * import_inputs.c finding the files: paths, folders, XLSX workbooks
 * import_rules.c the rules that need the store: references, separation of
 *                duties, the gate, org-unit cycles, the SLA terms
 * import_lean.c  the fast path for measurements.csv
 * A cell's own checks are domain/validate.c's. */
#ifndef TANDEM_IMPORT_IMPL_H
#define TANDEM_IMPORT_IMPL_H

#include "store/import.h"

#include "base/strset.h"
#include "domain/validate.h"
#include "io/csv.h"
#include "io/xlsx_read.h"
#include "store/blocks.h"
#include "store/closed.h"

#include <time.h>

#define MAX_TABLES 32
#define MAX_COLUMNS 32

struct import_file {
	char *path;
	const char *data;    /* in-memory contents, or NULL to read path */
	size_t len;
	const char *const *values;   /* one record's values instead of data */
	const char *encoding;        /* of data; NULL: the options' */
	const struct table *table;
	size_t order;
	/* Converted input (an XLSX sheet): positions written by where(). */
	void (*where)(const void *ctx, unsigned long line, int column, struct buf *out);
	const void *where_ctx;
	struct xlsx_csv *sheet;   /* owned, when store_import converted it */
	uint64_t written;         /* rows written, for the audit log */
};

struct pending_ref {
	char *value;
	unsigned long line;
	int column;          /* 1-based field number in the file */
	int col;             /* schema column */
};

struct correction {
	const struct table *t;
	int year;
	long rows;
	struct buf keys;     /* a JSON array of the first 20 keys */
};

struct importer {
	struct store *s;
	const struct import_options *opt;
	struct import_result *res;
	struct problem_list *problems;
	struct buf *err;
	int64_t batch;
	struct timespec last_progress;
	struct strset bad_keys[MAX_TABLES];
	/* Keys found to exist: an import only adds rows, so a reference that
	 * resolved once resolves again without another query (on PostgreSQL a
	 * query is a network round trip per row). */
	struct strset known[MAX_TABLES];
	struct stmt *exists[MAX_TABLES];
	struct stmt *person_kind;
	struct stmt *metric_exists;
	const struct table *contracts, *sla_metrics;   /* looked up once, not per row */
	struct buf last_metric_key;   /* a one-entry cache for measurements */
	struct buf metric_key;        /* metric_exists()'s key, kept to save a malloc a row */
	int last_metric_ok;
	int storage_failed;
	/* Tables whose file in this import could not be read at all (bad
	 * header, broken CSV): a reference into one is not reported again. */
	unsigned char unreadable[MAX_TABLES];
	/* The files of this import, for positions written by their where(). */
	const struct import_file *files;
	size_t n_files;
	struct block_writer *blocks;  /* measurements, written as month blocks */
	/* Where the whole-import rules point: the column of proposals.status
	 * and of org_units.parent_id in the files as given. */
	int status_column, parent_column;
	/* And where the sla_terms rules point (import_check_terms). */
	int minimum_column, at_risk_column, burn_in_column, direction_column;
	/* Closed years (store/closed.h): the frozen years, the rows this
	 * import corrects in them (per kind and year, for the audit log), and
	 * the stored month last read to see whether a day really changes. */
	struct closed_years closed;
	struct correction corrections[32];
	int n_corrections;
	struct buf closed_month_key;
	struct day_block closed_month;
	int closed_month_stored;
};

/* One file being read. */
struct file_state {
	const struct import_file *f;
	const struct table *t;
	int field_of[MAX_COLUMNS];   /* schema column → field index in the file */
	size_t n_fields;
	struct stmt *upsert, *first_line;
	struct pending_ref *pending;
	size_t n_pending, cap_pending;
	uint64_t rows;
	uint64_t written;
	/* The block writer's last block is the month the lean path last
	 * wrote a day to (import_lean_canonical); any other write_day()
	 * clears it. */
	int lean_block;
	/* write_day() found the month in a closed year: the lean path must not
	 * add the month's next days past the check. */
	int closed_month;
	int date_col;        /* closed_date_column(t) */
	struct stmt *get_row;   /* reads a row by key: records_get_cached() */
	struct preview_file *preview;   /* this file's entry, when previewing */
	struct csv_reader *reader;      /* for progress */
};

/* What the lean path has checked already: the last contract found to exist
 * and the last contract/metric pair found in sla_metrics (rows come grouped,
 * so these one-entry caches hit almost always). */
struct lean_state {
	char contract[201], metric[201];
	size_t contract_len, metric_len;   /* 0: nothing checked yet */
	char prefix[404];                  /* "contract,metric," */
	size_t prefix_len;
	struct date_memo memo;             /* the month of the last date read */
	month_t lean_month;                /* the month of fs->lean_block */
};

static inline size_t import_table_index(const struct table *t)
{
	return (size_t)(t - schema_tables);
}

/* import.c */
/* A problem of code at path:line:column (counted; NULL when not kept). */
struct problem *import_problem(struct importer *im, const char *path, unsigned long line,
			       int column, const char *code);
/* The position of a problem made elsewhere (validate_row): a field of the
 * file fs reads. */
void import_locate(struct importer *im, struct file_state *fs, struct problem *p,
		   unsigned long line);
void import_progress(struct importer *im, struct file_state *fs, int done);
void import_write_day(struct importer *im, struct file_state *fs, unsigned long line,
		      struct cell *cells, month_t month, int day);
void import_report_duplicate(struct importer *im, struct file_state *fs, unsigned long line,
			     const struct cell *cells, unsigned long first);

/* import_inputs.c */
void import_add_file(struct importer *im, struct import_file **files, size_t *n, size_t *cap,
		     const char *path);
void import_add_folder(struct importer *im, struct import_file **files, size_t *n,
		       size_t *cap, const char *dir);
void import_add_workbook(struct importer *im, struct import_file **files, size_t *n,
			 size_t *cap, const char *path);
/* Sorts files into dependency order (a kind after the kinds it refers to). */
void import_sort_files(struct import_file *files, size_t n);

/* import_rules.c */
/* Does a row with this id exist in table t, in the store or earlier in this
 * import? 1 yes, 0 no, 2 when the row was in this import but bad. */
int import_ref_exists(struct importer *im, const struct table *t, const char *id, size_t len);
int import_metric_exists(struct importer *im, const char *contract, size_t clen,
			 const char *metric, size_t mlen);
void import_check_refs(struct importer *im, struct file_state *fs, unsigned long line,
		       struct cell *cells, int *bad, int *quiet_bad);
void import_check_duties(struct importer *im, struct file_state *fs, unsigned long line,
			 struct cell *cells, int *bad);
void import_check_pending(struct importer *im, struct file_state *fs);
int import_check_gate(struct importer *im, const char *proposals_path);
int import_check_unit_cycles(struct importer *im, const char *path);
int import_check_terms(struct importer *im, const char *terms_path, const char *metrics_path);
void import_rules_release(struct importer *im);

/* import_lean.c */
/* 1 when the next line was taken, 0 when the general path must read it,
 * -1 on a storage error. */
int import_lean_measurement(struct importer *im, struct file_state *fs, struct csv_reader *r,
			    struct lean_state *ls);
/* 1 when lines were taken, 0 when import_lean_measurement() must look at
 * the next line, -1 on a storage error. */
int import_lean_canonical(struct importer *im, struct file_state *fs, struct csv_reader *r,
			  struct lean_state *ls);

#endif
