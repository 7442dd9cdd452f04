/* SPDX-License-Identifier: MIT */
/* The CSV score report: header
 * subject_kind,subject_id,org,criterion,value,score,weight,coverage and one
 * row per score_rows row. Appends to the caller's buffer. */
#include "report/scores_csv.h"

#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "report/score_rows.h"

/* Ids come from imports and may hold commas or quotes: RFC 4180 quoting,
 * the same as every CSV Tandem writes. */
static void put_field(struct buf *out, const char *s)
{
	csv_write_text_cell(out, s, strlen(s));
}

void report_scores_csv(const struct scores *s, struct buf *out)
{
	struct score_row *rows;
	size_t n;

	score_rows_build(s, &rows, &n);
	buf_adds(out, "subject_kind,subject_id,org,criterion,value,score,weight,coverage\n");
	for (size_t i = 0; i < n; i++) {
		const struct score_row *r = &rows[i];
		buf_adds(out, score_subject_kind_id(r->kind));
		buf_addc(out, ',');
		put_field(out, r->subject_id);
		buf_addc(out, ',');
		buf_adds(out, score_org_id(r->org));
		buf_addc(out, ',');
		put_field(out, r->criterion);
		/* Not buf_addf(): printf's cost shows at ~10^5 rows. */
		const char *nums[] = { r->value, r->score, r->weight, r->coverage };
		for (size_t k = 0; k < 4; k++) {
			buf_addc(out, ',');
			buf_adds(out, nums[k]);
		}
		buf_addc(out, '\n');
	}
	xfree(rows);
}

void report_scores_csv_diff(const char *a, const char *b, struct buf *out)
{
	while (*a || *b) {
		const char *na = strchr(a, '\n'), *nb = strchr(b, '\n');
		size_t la = na ? (size_t)(na - a) : strlen(a), lb = nb ? (size_t)(nb - b) : strlen(b);
		int c = !*a ? 1 : !*b ? -1 : strncmp(a, b, la < lb ? la : lb);
		if (!c && la != lb)
			c = la < lb ? -1 : 1;
		if (!c) {
			a += la + (na != NULL);
			b += lb + (nb != NULL);
		} else if (c < 0) {
			buf_addf(out, "- frozen: %.*s\n", (int)la, a);
			a += la + (na != NULL);
		} else {
			buf_addf(out, "+ now: %.*s\n", (int)lb, b);
			b += lb + (nb != NULL);
		}
	}
}
