/* SPDX-License-Identifier: MIT */
/* Writing one record from the web, shared by the JSON API and the forms:
 * the logged-in account becomes an app actor and app/records.h does the
 * rest (the policy, attribution, the importer's validation, a proposed
 * change where the policy asks for one, the audit entry, one
 * transaction). Also the policy's refusals as JSON and the kind's writers
 * for the pages. */
#include "web/web_impl.h"

#include "app/records.h"
#include "io/jsonw.h"

#include <stdio.h>
#include <string.h>

static void actor_of(const struct request *req, struct app_actor *a)
{
	a->role = req->session.user.role;
	a->person = req->session.user.person_id;
	a->account = req->actor;
}

/* The reason that goes with a proposed change: ?reason= or a form field. */
static const char *reason_of(const struct request *req)
{
	const char *r = http_query(req, "reason");
	return r ? r : http_form(req, "reason");
}

enum app_status web_record_write(struct request *req, const struct table *t,
				   const char *const *key, const char **values,
				   struct record *saved, struct problem_list *problems,
				   int64_t *change_id, const char **code)
{
	struct app_actor a;
	struct policy_decision d;
	actor_of(req, &a);
	enum app_status st = app_record_write(req->store, &a, t, key, values, reason_of(req), saved,
					      change_id, &d, problems);
	*code = d.code;
	return st;
}

enum app_status web_record_delete(struct request *req, const struct table *t,
				    const char *const *key, struct problem_list *problems,
				    int64_t *change_id, const char **code)
{
	struct app_actor a;
	struct policy_decision d;
	actor_of(req, &a);
	enum app_status st = app_record_delete(req->store, &a, t, key, reason_of(req), change_id, &d,
					       problems);
	*code = d.code;
	return st;
}

/* One problem in the shape of every API error: "error" its English
 * message, "field" its column (when it is about one), then "code",
 * "params" and "message" in lang (members only, no braces). */
static void problem_members(struct buf *j, const struct problem *p, enum lang lang)
{
	char key[96];
	struct buf en = BUF_INIT, shown = BUF_INIT;
	const char *column = problem_column_name(p, LANG_EN);
	problem_message(p, LANG_EN, &en);
	problem_message(p, lang, &shown);
	buf_adds(j, "\"error\":");
	json_write_string(j, en.data, en.len);
	if (*column) {
		buf_adds(j, ",\"field\":");
		json_write_string(j, column, strlen(column));
	}
	buf_adds(j, ",\"code\":");
	json_write_string_or_null(j, problem_key(p, key, sizeof key));
	buf_adds(j, ",\"params\":");
	problem_params_json(p, j);
	buf_adds(j, ",\"message\":");
	json_write_string(j, shown.data, shown.len);
	buf_release(&en);
	buf_release(&shown);
}

void web_problems_answer(struct request *req, struct response *res, int status,
			 const struct problem_list *l)
{
	enum lang lang = i18n_lang(req->lang);
	struct buf j = BUF_INIT;
	if (!l->n) {
		http_json_error(res, status, NULL, status >= 500 ? "internal error" : "refused");
		return;
	}
	buf_addc(&j, '{');
	problem_members(&j, &l->items[0], lang);
	buf_adds(&j, ",\"errors\":[");
	for (size_t i = 0; i < l->n; i++) {
		buf_adds(&j, i ? ",{" : "{");
		problem_members(&j, &l->items[i], lang);
		buf_addc(&j, '}');
	}
	buf_adds(&j, "],\"problems\":");
	problems_api_json(l, lang, &j);
	buf_addc(&j, '}');
	http_json(res, status, &j);
	buf_release(&j);
}

const char *web_problems_text(struct request *req, const struct problem_list *l,
			      const struct table *placed)
{
	struct buf t = BUF_INIT;
	const char *shown = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct problem *p = &l->items[i];
		if (placed && p->table && !strcmp(p->table, placed->name) && *problem_column_name(p, LANG_EN))
			continue;
		if (t.len)
			buf_addc(&t, '\n');
		problem_message(p, i18n_lang(req->lang), &t);
	}
	if (t.len)
		shown = arena_strdup(&req->arena, t.data);
	buf_release(&t);
	return shown;
}

void web_policy_error(struct request *req, struct response *res, int status, const char *code,
		      const char *field)
{
	struct buf j = BUF_INIT;
	const char *text = msg(req->lang, code);
	buf_adds(&j, "{\"error\":");
	json_write_string(&j, code, strlen(code));
	buf_adds(&j, ",\"message\":");
	json_write_string(&j, text, strlen(text));
	if (field) {
		buf_adds(&j, ",\"field\":");
		json_write_string(&j, field, strlen(field));
	}
	/* The shape of every API error: the code (here the same as "error"),
	 * its parameters (none) and the message. */
	buf_adds(&j, ",\"code\":");
	json_write_string(&j, code, strlen(code));
	buf_adds(&j, ",\"params\":[]}");
	http_json(res, status, &j);
	buf_release(&j);
}

unsigned web_kind_writers(const struct table *t)
{
	return policy_roles(t->name, POLICY_CREATE) | policy_roles(t->name, POLICY_UPDATE) |
	       policy_roles(t->name, POLICY_DELETE);
}
