/* SPDX-License-Identifier: MIT */
/* The JSON API under /api/v1: records of every SPEC §4 kind, the user
 * itself, accounts, the audit log, imports and the gate override. The
 * router has already checked login, role, CSRF and the kind's writers;
 * errors are {"error": "...", "field": "..."} with a 4xx status. */
#include "web/web_impl.h"

#include "io/jsonw.h"
#include "io/xlsx_read.h"
#include "store/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int body_is_json(struct request *req, struct response *res)
{
	if (!req->content_type || strncmp(req->content_type, "application/json", 16)) {
		http_json_error(res, 415, NULL, "send application/json");
		return 0;
	}
	return 1;
}

void api_me(struct request *req, struct response *res)
{
	struct buf j = BUF_INIT;
	buf_adds(&j, "{\"name\":");
	json_write_string_or_null(&j, req->session.user.name);
	buf_adds(&j, ",\"role\":");
	json_write_string_or_null(&j, web_role(req));
	buf_adds(&j, ",\"person_id\":");
	json_write_string_or_null(&j, req->session.user.person_id);
	buf_adds(&j, ",\"lang\":");
	json_write_string_or_null(&j, req->lang);
	buf_adds(&j, ",\"csrf\":");
	json_write_string_or_null(&j, req->session.csrf);
	buf_adds(&j, "}");
	http_json(res, 200, &j);
	buf_release(&j);
}

static const char *const type_names[] = {
	[COL_TEXT] = "text", [COL_ID] = "id", [COL_DATE] = "date", [COL_MONTH] = "month",
	[COL_DECIMAL] = "decimal", [COL_MONEY] = "money", [COL_COUNT] = "count",
	[COL_ENUM] = "enum", [COL_FLAG] = "flag", [COL_RATING] = "rating",
};

static void roles_json(struct buf *j, unsigned roles)
{
	int first = 1;
	buf_addc(j, '[');
	for (int i = 0; role_names[i]; i++)
		if (roles & (1u << i)) {
			buf_addf(j, "%s\"%s\"", first ? "" : ",", role_names[i]);
			first = 0;
		}
	buf_addc(j, ']');
}

void api_kinds(struct request *req, struct response *res)
{
	struct buf j = BUF_INIT;
	(void)req;
	buf_adds(&j, "[");
	for (size_t k = 0; k < schema_n_tables; k++) {
		const struct table *t = &schema_tables[k];
		buf_addf(&j, "%s{\"kind\":\"%s\",\"writers\":", k ? "," : "", t->name);
		roles_json(&j, web_kind_writers(t));
		buf_adds(&j, ",\"columns\":[");
		for (size_t i = 0; i < t->n_columns; i++) {
			const struct column *c = &t->columns[i];
			buf_addf(&j, "%s{\"name\":\"%s\",\"type\":\"%s\",\"required\":%s,\"key\":%s",
				 i ? "," : "", c->name, type_names[c->type],
				 c->flags & COL_REQUIRED ? "true" : "false",
				 c->flags & COL_KEY ? "true" : "false");
			if (c->ref_table)
				buf_addf(&j, ",\"references\":\"%s\"", c->ref_table);
			if (c->enum_values) {
				buf_adds(&j, ",\"values\":[");
				for (int e = 0; c->enum_values[e]; e++)
					buf_addf(&j, "%s\"%s\"", e ? "," : "", c->enum_values[e]);
				buf_adds(&j, "]");
			}
			buf_adds(&j, "}");
		}
		buf_adds(&j, "]}");
	}
	buf_adds(&j, "]");
	http_json(res, 200, &j);
	buf_release(&j);
}

static int reserved_param(const char *name)
{
	return !strcmp(name, "limit") || !strcmp(name, "offset") || !strcmp(name, "lang") || !strcmp(name, "q");
}

void api_records_list(struct request *req, struct response *res)
{
	const struct table *t = req->table;
	struct record_filter *f = arena_alloc(&req->arena, (req->n_query + 1) * sizeof *f);
	size_t nf = 0;
	struct record_list l;
	struct buf err = BUF_INIT, j = BUF_INIT;
	long limit = web_query_long(req, "limit", 50, 1, 1000);
	long offset = web_query_long(req, "offset", 0, 0, 1L << 40);

	for (size_t i = 0; i < req->n_query; i++) {
		if (reserved_param(req->query[i].name))
			continue;
		if (schema_column(t, req->query[i].name) < 0) {
			http_json_error(res, 400, req->query[i].name, "unknown column '%s' of %s",
					req->query[i].name, t->name);
			goto out;
		}
		f[nf].column = req->query[i].name;
		f[nf].value = req->query[i].value;
		nf++;
	}
	/* ?q=TEXT: the pages' text filter (ids, text, the names referred to) */
	const char *q = http_query(req, "q");
	if (q && *q && t->blocks) {
		http_json_error(res, 400, "q", "no text filter on %s", t->name);
		goto out;
	}
	int rc = records_search(req->store, t, f, nf, q, limit, offset, &l, &err);
	if (rc == -2) {
		/* A value that cannot be stored in its column matches nothing. */
		memset(&l, 0, sizeof l);
	} else if (rc) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	buf_addf(&j, "{\"kind\":\"%s\",\"total\":%lld,\"limit\":%ld,\"offset\":%ld,\"items\":[",
		 t->name, (long long)l.total, limit, offset);
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			buf_addc(&j, ',');
		record_json(t, &l.rows[i], &j);
	}
	buf_adds(&j, "]}");
	http_json(res, 200, &j);
	record_list_free(t, &l);
out:
	buf_release(&err);
	buf_release(&j);
}

void api_record_get(struct request *req, struct response *res)
{
	struct record r;
	struct buf err = BUF_INIT, j = BUF_INIT;
	int rc = records_get(req->store, req->table, req->key, &r, &err);
	if (rc == 1) {
		http_json_error(res, 404, NULL, "no such %s", req->table->name);
	} else if (rc < 0) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, 500, NULL, "internal error");
	} else {
		record_json(req->table, &r, &j);
		http_json(res, 200, &j);
		record_free(req->table, &r);
	}
	buf_release(&err);
	buf_release(&j);
}

/* The write's outcome as the API's answer; problems are the refusal's
 * (app/records.h), rendered here. */
static void write_answer(struct request *req, struct response *res, enum app_status wr,
			 const struct record *saved, const struct problem_list *problems,
			 int created, int64_t change_id, const char *code)
{
	const struct table *t = req->table;
	struct buf j = BUF_INIT;
	if (wr == APP_PROPOSED) {
		web_change_answer(req, res, change_id, 202);
		return;
	}
	if ((wr == APP_FORBIDDEN || wr == APP_CONFLICT) && code) {
		const struct problem *p = problems->n ? &problems->items[0] : NULL;
		const char *field = p ? problem_column_name(p, LANG_EN) : "";
		web_policy_error(req, res, web_app_http(wr), code, *field ? field : NULL);
		return;
	}
	if (wr == APP_OK) {
		record_json(t, saved, &j);
		if (created) {
			struct buf loc = BUF_INIT;
			int keys[8];
			size_t nk = record_key_columns(t, keys);
			buf_addf(&loc, "/api/v1/records/%s", t->name);
			for (size_t i = 0; i < nk; i++) {
				buf_addc(&loc, '/');
				http_url_escape(&loc, saved->values[keys[i]]);
			}
			http_header(res, req, "Location", loc.data);
			buf_release(&loc);
		}
		http_json(res, created ? 201 : 200, &j);
		buf_release(&j);
		return;
	}
	if (wr == APP_MISSING) {
		http_json_error(res, 404, NULL, "no such %s", t->name);
		return;
	}
	web_problems_answer(req, res, web_app_http(wr), problems);
}

/* Fills values from a JSON body over base (NULL: all empty). Unknown
 * members are an error (400 with the field). */
static int values_from_json(struct request *req, struct response *res, const struct record *base,
			    const char ***out)
{
	const struct table *t = req->table;
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT;
	const char **values = arena_alloc(&req->arena, t->n_columns * sizeof *values);

	if (!body_is_json(req, res))
		return -1;
	if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
		http_json_error(res, 400, NULL, "%s", err.data);
		buf_release(&err);
		return -1;
	}
	for (size_t i = 0; i < t->n_columns; i++)
		values[i] = base ? base->values[i] : NULL;
	for (size_t i = 0; i < n; i++) {
		int c = schema_column(t, p[i].name);
		if (c < 0) {
			http_json_error(res, 400, p[i].name, "unknown column '%s' of %s", p[i].name, t->name);
			return -1;
		}
		if (p[i].value && strlen(p[i].value) != p[i].len) {
			http_json_error(res, 400, p[i].name, "%s contains a NUL character", p[i].name);
			return -1;
		}
		values[c] = p[i].value && *p[i].value ? p[i].value : NULL;
	}
	*out = values;
	return 0;
}

void api_record_create(struct request *req, struct response *res)
{
	const char **values;
	struct record saved;
	struct problem_list problems = PROBLEM_LIST_INIT;
	int64_t change_id;
	const char *code;
	if (values_from_json(req, res, NULL, &values))
		return;
	enum app_status wr = web_record_write(req, req->table, NULL, values, &saved, &problems,
						&change_id, &code);
	write_answer(req, res, wr, &saved, &problems, 1, change_id, code);
	if (wr == APP_OK)
		record_free(req->table, &saved);
	problems_release(&problems);
}

void api_record_update(struct request *req, struct response *res)
{
	const char **values;
	struct record before, saved;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct buf err = BUF_INIT;
	int rc = records_get(req->store, req->table, req->key, &before, &err);
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, rc < 0 ? 500 : 404, NULL, rc < 0 ? "internal error" : "no such %s",
				req->table->name);
		buf_release(&err);
		return;
	}
	if (!values_from_json(req, res, &before, &values)) {
		int64_t change_id;
		const char *code;
		enum app_status wr = web_record_write(req, req->table, req->key, values, &saved, &problems,
							&change_id, &code);
		write_answer(req, res, wr, &saved, &problems, 0, change_id, code);
		if (wr == APP_OK)
			record_free(req->table, &saved);
	}
	record_free(req->table, &before);
	problems_release(&problems);
	buf_release(&err);
}

void api_record_delete(struct request *req, struct response *res)
{
	struct problem_list problems = PROBLEM_LIST_INIT;
	int64_t change_id;
	const char *code;
	enum app_status wr = web_record_delete(req, req->table, req->key, &problems, &change_id, &code);
	switch (wr) {
	case APP_OK:
		res->status = 204;
		res->content_type = "application/json; charset=utf-8";
		break;
	case APP_PROPOSED:
		web_change_answer(req, res, change_id, 202);
		break;
	case APP_MISSING:
		http_json_error(res, 404, NULL, "no such %s", req->table->name);
		break;
	case APP_FORBIDDEN:
	case APP_CONFLICT:
	case APP_CLOSED:
		if (code)
			web_policy_error(req, res, wr == APP_FORBIDDEN ? 403 : 409, code, NULL);
		else
			web_problems_answer(req, res, wr == APP_FORBIDDEN ? 403 : 409, &problems);
		break;
	default:
		http_json_error(res, 500, NULL, "internal error");
		break;
	}
	problems_release(&problems);
}

/* --- accounts ------------------------------------------------------------ */

static void user_json(struct buf *j, const struct user *u)
{
	buf_adds(j, "{\"name\":");
	json_write_string_or_null(j, u->name);
	buf_adds(j, ",\"role\":");
	json_write_string_or_null(j, role_name(u->role));
	buf_adds(j, ",\"person_id\":");
	json_write_string_or_null(j, u->person_id);
	buf_addf(j, ",\"disabled\":%s,\"created_at\":", u->disabled ? "true" : "false");
	json_write_string_or_null(j, u->created_at);
	buf_adds(j, ",\"locked_until\":");
	json_write_string_or_null(j, u->locked_until);
	buf_adds(j, "}");
}

void api_users_list(struct request *req, struct response *res)
{
	struct user *list;
	size_t n;
	struct buf err = BUF_INIT, j = BUF_INIT;
	if (users_list(req->store, &list, &n, &err)) {
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	buf_adds(&j, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&j, ',');
		user_json(&j, &list[i]);
	}
	buf_adds(&j, "]");
	http_json(res, 200, &j);
	users_free_list(list, n);
out:
	buf_release(&err);
	buf_release(&j);
}

static const char *member(struct param *p, size_t n, const char *name, int *present)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name)) {
			if (present)
				*present = 1;
			return p[i].value;
		}
	return NULL;
}

void api_users_create(struct request *req, struct response *res)
{
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT, j = BUF_INIT;
	char generated[21];
	if (!body_is_json(req, res))
		return;
	if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
		http_json_error(res, 400, NULL, "%s", err.data);
		goto out;
	}
	static const char *const create_fields[] = { "name", "role", "person_id", "password", NULL };
	if (jsonin_known_only(res, p, n, create_fields))
		goto out;
	const char *name = member(p, n, "name", NULL);
	const char *role = member(p, n, "role", NULL);
	const char *person = member(p, n, "person_id", NULL);
	const char *password = member(p, n, "password", NULL);
	if (!name || !user_name_valid(name)) {
		http_json_error(res, 422, "name", "a name is 1 to 64 letters, digits or . _ @ -");
		goto out;
	}
	if (!role_parse(role)) {
		http_json_error(res, 422, "role", "role must be admin, executive, sales, operations or viewer");
		goto out;
	}
	if (password && (strlen(password) < 10 || strlen(password) > PASSWORD_MAX)) {
		http_json_error(res, 422, "password", "a password has 10 to 1024 characters");
		goto out;
	}
	if (!password) {
		password_generate(generated);
		password = generated;
	}
	int rc = users_add(req->store, name, role_parse(role), person && *person ? person : NULL,
			   password, req->actor, &err);
	if (rc == 1) {
		http_json_error(res, 409, "name", "user '%s' exists already", name);
		goto out;
	}
	if (rc) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	buf_adds(&j, "{\"name\":");
	json_write_string_or_null(&j, name);
	buf_adds(&j, ",\"role\":");
	json_write_string_or_null(&j, role);
	if (password == generated)
		buf_addf(&j, ",\"password\":\"%s\"", generated);
	buf_adds(&j, "}");
	http_json(res, 201, &j);
out:
	buf_release(&err);
	buf_release(&j);
}

void api_users_update(struct request *req, struct response *res)
{
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT, j = BUF_INIT;
	struct user u;
	const char *name = req->params[0];
	int rc = 0, has_disabled = 0;
	if (!body_is_json(req, res))
		return;
	if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
		http_json_error(res, 400, NULL, "%s", err.data);
		goto out;
	}
	static const char *const update_fields[] = { "role", "password", "disabled", NULL };
	if (jsonin_known_only(res, p, n, update_fields))
		goto out;
	const char *role = member(p, n, "role", NULL);
	const char *password = member(p, n, "password", NULL);
	const char *disabled = member(p, n, "disabled", &has_disabled);
	if (role && !role_parse(role)) {
		http_json_error(res, 422, "role", "role must be admin, executive, sales, operations or viewer");
		goto out;
	}
	if (password && (strlen(password) < 10 || strlen(password) > PASSWORD_MAX)) {
		http_json_error(res, 422, "password", "a password has 10 to 1024 characters");
		goto out;
	}
	if (has_disabled && (!disabled || (strcmp(disabled, "1") && strcmp(disabled, "0")))) {
		http_json_error(res, 422, "disabled", "disabled is true or false");
		goto out;
	}
	if (!strcmp(name, req->session.user.name) &&
	    ((role && role_parse(role) != ROLE_ADMIN) || (disabled && !strcmp(disabled, "1")))) {
		http_json_error(res, 422, role ? "role" : "disabled",
				"an admin cannot demote or disable their own account");
		goto out;
	}
	if (role)
		rc = users_set_role(req->store, name, role_parse(role), req->actor, &err);
	if (!rc && password)
		rc = users_set_password(req->store, name, password, req->actor, &err);
	if (!rc && disabled)
		rc = users_set_disabled(req->store, name, !strcmp(disabled, "1"), req->actor, &err);
	/* The account's role or sessions may have changed. */
	web_session_forget_all(req->srv);
	if (rc == 1) {
		http_json_error(res, 404, NULL, "no such user");
		goto out;
	}
	if (rc || users_get(req->store, name, &u, &err)) {
		http_json_error(res, rc == 1 ? 404 : 500, NULL, rc == 1 ? "no such user" : "internal error");
		goto out;
	}
	user_json(&j, &u);
	user_release(&u);
	http_json(res, 200, &j);
out:
	buf_release(&err);
	buf_release(&j);
}

/* --- audit, imports, the gate -------------------------------------------- */

void api_audit(struct request *req, struct response *res)
{
	struct audit_row *rows;
	size_t n;
	int64_t total;
	struct buf err = BUF_INIT, j = BUF_INIT;
	long limit = web_query_long(req, "limit", 50, 1, 1000);
	long offset = web_query_long(req, "offset", 0, 0, 1L << 40);
	if (records_audit_list(req->store, limit, offset, http_query(req, "entity"), &rows, &n, &total,
			       &err)) {
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	buf_addf(&j, "{\"total\":%lld,\"items\":[", (long long)total);
	for (size_t i = 0; i < n; i++) {
		struct audit_row *r = &rows[i];
		buf_addf(&j, "%s{\"seq\":%lld,\"at\":", i ? "," : "", (long long)r->seq);
		json_write_string_or_null(&j, r->at);
		buf_adds(&j, ",\"actor\":");
		json_write_string_or_null(&j, r->actor);
		buf_adds(&j, ",\"action\":");
		json_write_string_or_null(&j, r->action);
		buf_adds(&j, ",\"entity\":");
		json_write_string_or_null(&j, r->entity);
		buf_adds(&j, ",\"key\":");
		json_write_string_or_null(&j, r->key);
		/* before/after are JSON written by tandem itself. */
		buf_adds(&j, ",\"before\":");
		buf_adds(&j, r->before ? r->before : "null");
		buf_adds(&j, ",\"after\":");
		buf_adds(&j, r->after ? r->after : "null");
		buf_adds(&j, "}");
	}
	buf_adds(&j, "]}");
	http_json(res, 200, &j);
	records_audit_list_free(rows, n);
out:
	buf_release(&err);
	buf_release(&j);
}
