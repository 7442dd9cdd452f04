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

/* A contract's terms in one line ("SL 0.7–0.8 linear 50 %, AHT 360–300
 * full 50 %; 10 % at risk, burn-in 2"); nothing when it has none. Returns
 * whether it has terms. */
int report_credit_terms_line(struct buf *out, const struct dataset *ds, int contract,
			     enum lang lang);
/* The terms as a JSON array of objects (metric, minimum, expected,
 * credit_rule, allocation_pct, earn_back_months), [] without terms. */
void report_credit_terms_json(struct buf *out, const struct dataset *ds, int contract);
/* The contract's totals over every month of c. */
void report_credits_contract_totals(const struct credits *c, int contract,
				    struct credit_totals *out);

/* The value num ÷ den of a metric month, rounded half away from zero. */
void report_credit_value(struct buf *out, micro_t num, micro_t den, int decimals);

#endif
