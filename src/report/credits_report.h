/* SPDX-License-Identifier: MIT */
/* Service credits (engine/credits.h) as CSV, text and JSON for one year,
 * all contracts or one; and the month-by-month summary the HTML, XLSX and
 * web pages show. Everything is appended to caller-owned buffers. */
#ifndef TANDEM_CREDITS_REPORT_H
#define TANDEM_CREDITS_REPORT_H

#include "base/buf.h"
#include "engine/credits.h"
#include "report/i18n.h"

/* contract: an index into ds->contracts, or -1 for all. */
void report_credits_csv(const struct credits *c, int year, int contract, struct buf *out);
void report_credits_text(const struct credits *c, int year, int contract, enum lang lang,
			 struct buf *out);
void report_credits_json(const struct credits *c, int year, int contract, struct buf *out);

/* Does the contract have credit rows in year (its terms and data)? */
int report_credits_has_year(const struct credits *c, int year, int contract);

/* One month of a contract (or of the company, contract -1): the pool and
 * the credits by state, in cents. */
struct credit_month_totals {
	month_t month;
	struct credit_totals totals;
};
/* The 12 months of year for contract (-1: all); out holds 12. */
void report_credits_months(const struct credits *c, int year, int contract,
			   struct credit_month_totals out[12]);

/* The value num ÷ den of a metric month, rounded half away from zero. */
void report_credit_value(struct buf *out, micro_t num, micro_t den, int decimals);

#endif
