/* SPDX-License-Identifier: MIT */
/* The record kinds of SPEC §4 as one table of tables: file names, columns,
 * types, enums, references and keys. The importer, the store's schema, the
 * exporter and the web forms are all driven by this description, so a
 * column is declared once. Everything here is static const data. */
#ifndef TANDEM_SCHEMA_H
#define TANDEM_SCHEMA_H

#include <stddef.h>

enum col_type {
	COL_TEXT,      /* any UTF-8 text */
	COL_ID,        /* an identifier: no leading/trailing space, no control chars */
	COL_DATE,      /* YYYY-MM-DD, stored as text */
	COL_MONTH,     /* YYYY-MM, stored as text */
	COL_DECIMAL,   /* up to 6 decimals, any sign; stored as integer micro-units */
	COL_MONEY,     /* a decimal that must be >= 0 */
	COL_COUNT,     /* a whole number >= 0 */
	COL_ENUM,      /* one of enum_values */
	COL_FLAG,      /* 1 or 0 */
	COL_RATING,    /* a whole number 1..5 */
};

enum {
	COL_REQUIRED = 1 << 0,
	COL_KEY = 1 << 1,
	COL_PERSON = 1 << 2,       /* holds a person id (people.csv) */
};

struct column {
	const char *name;
	enum col_type type;
	unsigned flags;
	const char *const *enum_values;   /* NULL-terminated, for COL_ENUM */
	const char *ref_table;            /* the table whose id this holds */
};

struct table {
	const char *name;          /* file name without ".csv", e.g. "contracts" */
	const char *sql_name;      /* the SQL table ("references" is a keyword) */
	const struct column *columns;
	size_t n_columns;
	int blocks;                /* stored as month blocks (store/blocks.h), not rows */
	int late;                  /* created by a later migration, not by version 1
	                            * (store/migrate.c); left out of the data hash
	                            * while empty, so older frozen years verify */
};

/* The tables in dependency order: a table only references tables before it
 * (or itself). */
extern const struct table schema_tables[];
extern const size_t schema_n_tables;

const struct table *schema_find(const char *name);
/* The index of a column in t, or -1. */
int schema_column(const struct table *t, const char *name);
/* The position of value in a column's enum_values, or -1. */
int schema_enum_index(const struct column *c, const char *value, size_t len);
/* Is the column stored as an integer (decimals as micro-units)? */
int schema_is_integer(const struct column *c);

#endif
