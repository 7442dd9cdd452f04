/* SPDX-License-Identifier: MIT */
/* The printable HTML report of a scored year: one self-contained file (no
 * outside resources) with a table of contents, A4 print rules with running
 * headers, and inline SVG charts (report/svg.h):
 * scores by org unit and person, category breakdown, grade distribution,
 * SLA compliance month by month per contract, the stabilization timeline
 * (plan vs actual) and the trend over three years. Every piece of text is
 * escaped by svg_escape() as it is written. Appends to a caller's buf. */
#ifndef TANDEM_HTML_REPORT_H
#define TANDEM_HTML_REPORT_H

#include "base/buf.h"
#include "engine/credits.h"
#include "engine/score.h"
#include "report/i18n.h"

/* What a report is made of; shared by the HTML and XLSX renderers. */
struct report_input {
	const struct scores *scores;        /* year Y */
	const struct scores *history[3];    /* Y−2, Y−1, Y; NULL when not scored */
	const char *model_version;
	enum lang lang;
	int org;                            /* -1 both, else enum org_kind */
	const char *subject_kind;           /* "contract", "person", ...; NULL all */
	const char *subject_id;
	/* Service credits of every month of data (engine/credits.h), for the
	 * "money at risk" section; NULL leaves the section's tables out. */
	const struct credits *credits;
	/* When year Y is frozen: the audit head the freeze left ("N:HASH"),
	 * printed in the header so the report carries its anchor; else NULL. */
	const char *frozen_audit_head;
};

/* Does the report show this contract set / aggregate (org and subject
 * filters)? Shared by the renderers. */
int report_shows_set(const struct report_input *in, const struct score_set *set);
int report_shows_aggregate(const struct report_input *in, const struct score_aggregate *ag);

void report_html(const struct report_input *in, struct buf *out);

#endif
