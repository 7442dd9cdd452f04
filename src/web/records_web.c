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
				   struct record *saved, struct buf *errors, int64_t *change_id,
				   const char **code)
{
	struct app_actor a;
	struct policy_decision d;
	actor_of(req, &a);
	enum app_status st = app_record_write(req->store, &a, t, key, values, reason_of(req), saved,
					      change_id, &d, errors);
	*code = d.code;
	return st;
}

enum app_status web_record_delete(struct request *req, const struct table *t,
				    const char *const *key, struct buf *errors, int64_t *change_id,
				    const char **code)
{
	struct app_actor a;
	struct policy_decision d;
	actor_of(req, &a);
	enum app_status st = app_record_delete(req->store, &a, t, key, reason_of(req), change_id, &d,
					       errors);
	*code = d.code;
	return st;
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
