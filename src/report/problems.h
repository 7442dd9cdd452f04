/* SPDX-License-Identifier: MIT */
/* Problems (domain/validate.h) as people read them: the message of its
 * code from the one catalog (report/i18n.c) in the user's language, with
 * column names and enum values as their labels in Korean, and the position
 * git-style, "FILE:LINE:COLUMN: message". The edge (CLI, web, API) renders;
 * nothing below it writes a problem's sentence. Everything is appended to
 * the caller's buffer. */
#ifndef TANDEM_PROBLEMS_H
#define TANDEM_PROBLEMS_H

#include "base/buf.h"
#include "domain/validate.h"
#include "report/i18n.h"

/* The catalog key of p's message: its code after "error." ("bad_date" →
 * "error.bad_date"), or the code itself when it is a whole key already
 * (a policy refusal's "policy.role"). Written into key (size bytes). */
const char *problem_key(const struct problem *p, char *key, size_t size);
/* The message of p, without its position. */
void problem_message(const struct problem *p, enum lang lang, struct buf *out);
/* "FILE:LINE:COLUMN: message" (or "WHERE: message" for a converted file,
 * "FILE: message" without a line, the message alone without a file). */
void problem_line(const struct problem *p, enum lang lang, struct buf *out);
/* Every kept problem, one a line, then "... and N more errors" when the
 * list counted more than it kept. */
void problems_render(const struct problem_list *l, enum lang lang, struct buf *out);
/* p as the API gives it, one JSON object:
 *   {"row": the line of its file or null, "column": the column's name or
 *    null, "code": problem_key(), "params": [the parameters as given],
 *    "message": problem_message() in lang} */
void problem_api_json(const struct problem *p, enum lang lang, struct buf *out);
/* The parameters of p as a JSON array of strings, a list parameter
 * written as English joins it ("low, medium or high"). */
void problem_params_json(const struct problem *p, struct buf *out);
/* Every kept problem of l as a JSON array of problem_api_json() objects. */
void problems_api_json(const struct problem_list *l, enum lang lang, struct buf *out);
/* The first kept problem of l about column col of table (NULL: about no
 * column), or NULL. */
const struct problem *problems_find(const struct problem_list *l, const char *table, int col);
/* The name of column col of table as the user reads it: its label in
 * Korean ("연간 계약금액"), its name in English ("annual_value"); "" when
 * there is no column. Static. */
const char *problem_column_name(const struct problem *p, enum lang lang);

#endif
