/* SPDX-License-Identifier: MIT */
/* Proposed changes on the web (SPEC §2, counter-party confirmation): the
 * JSON API (list with the filters waiting / mine, show, confirm, reject,
 * withdraw) and the pages — the inbox "waiting for my confirmation", "my
 * proposed changes" and one change with its before and after. Deciding is
 * app/records.h's: one transaction with the audit entries. */
#include "web/web_impl.h"
#include "web/table.h"

#include "report/i18n.h"

#include "app/records.h"
#include "io/jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void actor_of(const struct request *req, struct app_actor *a)
{
	a->role = req->session.user.role;
	a->person = req->session.user.person_id;
	a->account = req->actor;
}

long web_changes_waiting_count(struct request *req)
{
	struct app_actor a;
	struct change *list;
	size_t n;
	struct buf err = BUF_INIT;
	long count = 0;
	actor_of(req, &a);
	/* A page about a store that went away still renders its frame. */
	if (!a.person || !req->store || req->store->unavailable) {
		buf_release(&err);
		return 0;
	}
	if (app_changes_waiting(req->store, &a, &list, &n, &err) == 0) {
		count = (long)n;
		changes_free(list, n);
	} else {
		fprintf(stderr, "tandem serve: %s\n", err.data);
	}
	buf_release(&err);
	return count;
}

/* Parses the {id} of the path; 0 when it is not a positive number. */
static int64_t change_id_param(const struct request *req)
{
	const char *p = req->n_params ? req->params[0] : "";
	char *end;
	long long v = strtoll(p, &end, 10);
	return *p && !*end && v > 0 ? (int64_t)v : 0;
}

/* The change as JSON with "may_decide" for the logged-in user. */
static void change_answer_json(struct request *req, const struct change *c, struct buf *j)
{
	struct app_actor a;
	struct buf err = BUF_INIT;
	int ok = 0;
	actor_of(req, &a);
	if (!strcmp(c->state, "proposed"))
		app_change_may_decide(req->store, &a, c, &ok, &err);
	change_json(c, j);
	j->len--;                                   /* reopen the object */
	j->data[j->len] = 0;
	buf_addf(j, ",\"may_decide\":%s}", ok ? "true" : "false");
	buf_release(&err);
}

void web_change_answer(struct request *req, struct response *res, int64_t id, int status)
{
	struct change c;
	struct buf err = BUF_INIT, j = BUF_INIT;
	int rc = changes_get(req->store, id, &c, &err);
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, rc < 0 ? 500 : 404, NULL, rc < 0 ? "internal error" : "no change %lld",
				(long long)id);
	} else {
		change_answer_json(req, &c, &j);
		if (status == 202) {
			struct buf loc = BUF_INIT;
			buf_addf(&loc, "/api/v1/changes/%lld", (long long)id);
			http_header(res, req, "Location", arena_printf(&req->arena, "%s", loc.data));
			buf_release(&loc);
		}
		http_json(res, status, &j);
		change_release(&c);
	}
	buf_release(&err);
	buf_release(&j);
}

/* The changes of a filter: "waiting" (for my confirmation), "mine" (I
 * proposed them), "all". */
static int changes_of(struct request *req, const char *filter, const char *state,
		      struct change **out, size_t *n, struct buf *err)
{
	struct app_actor a;
	actor_of(req, &a);
	if (!strcmp(filter, "waiting"))
		return app_changes_waiting(req->store, &a, out, n, err);
	return changes_list(req->store, state, !strcmp(filter, "mine") ? req->actor : NULL, out, n, err);
}

static const char *const filters[] = { "all", "mine", "waiting", NULL };
static const char *const states[] = { "proposed", "confirmed", "rejected", "withdrawn", NULL };

static int one_of(const char *const *list, const char *v)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], v))
			return 1;
	return 0;
}

void api_changes_list(struct request *req, struct response *res)
{
	const char *filter = http_query(req, "filter"), *state = http_query(req, "state");
	struct change *list;
	size_t n;
	struct buf err = BUF_INIT, j = BUF_INIT;
	if (!filter || !*filter)
		filter = "all";
	if (state && !*state)
		state = NULL;
	if (!one_of(filters, filter)) {
		http_json_error(res, 400, "filter", "filter must be all, mine or waiting");
		goto out;
	}
	if (state && !one_of(states, state)) {
		http_json_error(res, 400, "state", "state must be proposed, confirmed, rejected or withdrawn");
		goto out;
	}
	if (changes_of(req, filter, state, &list, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		http_json_error(res, 500, NULL, "internal error");
		goto out;
	}
	buf_adds(&j, "{\"changes\":[");
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (state && strcmp(list[i].state, state))
			continue;
		if (shown++)
			buf_addc(&j, ',');
		change_answer_json(req, &list[i], &j);
	}
	buf_addf(&j, "],\"count\":%zu}", shown);
	http_json(res, 200, &j);
	changes_free(list, n);
out:
	buf_release(&err);
	buf_release(&j);
}

void api_change_get(struct request *req, struct response *res)
{
	int64_t id = change_id_param(req);
	if (!id) {
		http_json_error(res, 404, NULL, "no such change");
		return;
	}
	web_change_answer(req, res, id, 200);
}

/* The app's refusal as the API's answer: a code of the catalog, the
 * message in the user's language, the first problem's English message as
 * the detail (with its field) and every problem as data (problem_json). */
static void decide_refusal(struct request *req, struct response *res, enum app_status st,
			   const struct problem_list *problems)
{
	/* The message of each refusal; the status is web_app_http's. */
	static const struct {
		enum app_status st;
		const char *code;
	} map[] = {
		{ APP_FORBIDDEN, "change.forbidden" },
		{ APP_CONFLICT, "change.conflict" },
		{ APP_CLOSED, "change.conflict" },
		{ APP_INVALID, "change.invalid" },
		{ APP_MISSING, "change.missing" },
		{ APP_FAILED, "error.internal" },
	};
	struct buf j = BUF_INIT, detail = BUF_INIT;
	const struct problem *first = problems->n ? &problems->items[0] : NULL;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].st != st)
			continue;
		const char *text = msg(req->lang, map[i].code);
		buf_adds(&j, "{\"error\":");
		json_write_string(&j, map[i].code, strlen(map[i].code));
		buf_adds(&j, ",\"message\":");
		json_write_string(&j, text, strlen(text));
		if (first) {
			const char *field = problem_column_name(first, LANG_EN);
			problem_message(first, LANG_EN, &detail);
			buf_adds(&j, ",\"detail\":");
			json_write_string(&j, detail.data, detail.len);
			if (*field) {
				buf_adds(&j, ",\"field\":");
				json_write_string(&j, field, strlen(field));
			}
		}
		buf_adds(&j, ",\"problems\":");
		problems_api_json(problems, i18n_lang(req->lang), &j);
		buf_addc(&j, '}');
		http_json(res, web_app_http(st), &j);
		break;
	}
	buf_release(&j);
	buf_release(&detail);
}

static void api_decide(struct request *req, struct response *res, enum change_decision what)
{
	int64_t id = change_id_param(req);
	struct app_actor a;
	struct problem_list problems = PROBLEM_LIST_INIT;
	struct buf err = BUF_INIT;
	struct param *p = NULL;
	size_t n = 0;
	const char *note = NULL;
	if (!id) {
		http_json_error(res, 404, NULL, "no such change");
		goto out;
	}
	if (req->body.len) {
		if (!req->content_type || strncmp(req->content_type, "application/json", 16)) {
			http_json_error(res, 415, NULL, "send application/json");
			goto out;
		}
		if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
			http_json_error(res, 400, NULL, "%s", err.data);
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			if (strcmp(p[i].name, "note")) {
				http_json_error(res, 400, p[i].name, "unknown field '%s' (only \"note\")", p[i].name);
				goto out;
			}
			note = p[i].value;
		}
	}
	actor_of(req, &a);
	enum app_status st = app_change_decide(req->store, &a, id, what, note, &problems);
	if (st == APP_OK)
		web_change_answer(req, res, id, 200);
	else
		decide_refusal(req, res, st, &problems);
out:
	problems_release(&problems);
	buf_release(&err);
}

void api_change_confirm(struct request *req, struct response *res) { api_decide(req, res, CHANGE_CONFIRM); }
void api_change_reject(struct request *req, struct response *res) { api_decide(req, res, CHANGE_REJECT); }
void api_change_withdraw(struct request *req, struct response *res) { api_decide(req, res, CHANGE_WITHDRAW); }

/* --- pages ---------------------------------------------------------------- */

static void change_href(struct buf *o, int64_t id, const char *what)
{
	buf_addf(o, "/changes/%lld%s", (long long)id, what);
}

/* What an action on a change sends as its note: none (withdraw), an
 * empty one (confirm) or one the user types (reject needs a reason). */
enum note_kind { NOTE_NONE, NOTE_EMPTY, NOTE_TYPED };

/* One action on change c: a button (and its note) posted to
 * /changes/ID/WHAT. */
static void decide_form(struct request *req, struct buf *o, const struct change *c, const char *what,
			const char *label_key, int primary, enum note_kind with_note)
{
	struct buf h = BUF_INIT;
	change_href(&h, c->id, what);
	struct form_field note = { .name = "note", .kind = FIELD_HIDDEN, .value = "" };
	if (with_note == NOTE_TYPED)
		note = (struct form_field){ .name = "note", .id = arena_printf(&req->arena, "note-%lld",
									      (long long)c->id),
					    .label = msg(req->lang, "changes.note"), .kind = FIELD_TEXT,
					    .flags = FIELD_REQUIRED | FIELD_LABEL_HIDDEN, .maxlength = 2000,
					    .placeholder = msg(req->lang, "changes.note") };
	struct form f = { .action = h.data, .inline_form = 1, .fields = &note, .n_fields = with_note != NOTE_NONE,
			  .plain_submit = !primary, .submit_label = msg(req->lang, label_key) };
	html_form(req, o, &f);
	buf_release(&h);
}

static void decide_forms(struct request *req, struct buf *o, const struct change *c)
{
	decide_form(req, o, c, "/confirm", "changes.confirm", 1, NOTE_EMPTY);
	html_raw(o, " ");
	decide_form(req, o, c, "/reject", "changes.reject", 0, NOTE_TYPED);
}

static void decide_cell(struct request *req, struct buf *o, const void *arg)
{
	decide_forms(req, o, arg);
}

static const struct table_column change_columns[] = {
	{ .key = "id", .label_key = "changes.id" },
	{ .key = "kind", .label_key = "changes.kind", .flags = TABLE_SORTABLE | TABLE_CHOICES,
	  .choice_prefix = "kind." },
	{ .key = "key", .label_key = "changes.key", .flags = TABLE_SORTABLE | TABLE_SEARCH },
	{ .key = "op", .label_key = "changes.op", .flags = TABLE_CHOICES, .choice_prefix = "changes.op_" },
	{ .key = "proposer", .label_key = "changes.proposer", .flags = TABLE_SORTABLE | TABLE_SEARCH },
	{ .key = "reason", .label_key = "changes.reason", .flags = TABLE_SEARCH },
	{ .key = "state", .label_key = "changes.state", .flags = TABLE_SORTABLE | TABLE_CHOICES,
	  .choice_prefix = "changes.state_" },
	{ .key = "decided_by", .label_key = "changes.decided_by", .flags = TABLE_SORTABLE },
	{ .key = "note", .label_key = "changes.note", .flags = TABLE_SEARCH },
	{ .key = "decide", .label_key = "changes.decide" },
};

/* A list of proposed changes (html_table): the inbox with the forms to
 * decide, or a list to read; prefix names its parameters on the page. */
static void changes_table(struct request *req, struct buf *o, const struct change *list, size_t n,
			  int inbox, const char *prefix)
{
	struct table_desc d = { .prefix = prefix, .columns = change_columns,
				.n_columns = sizeof change_columns / sizeof change_columns[0] - !inbox,
				.default_sort = -1 };
	if (!n) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, inbox ? "changes.none_waiting" : "changes.none_mine");
		html_raw(o, "</p>\n");
		return;
	}
	struct table_row *rows = arena_alloc(&req->arena, n * sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		const struct change *c = &list[i];
		struct table_cell *cells = arena_alloc(&req->arena, 10 * sizeof *cells);
		struct buf h = BUF_INIT;
		memset(cells, 0, 10 * sizeof *cells);
		change_href(&h, c->id, "");
		cells[0].text = arena_printf(&req->arena, "#%lld", (long long)c->id);
		cells[0].href = arena_strdup(&req->arena, h.data);
		cells[1].text = msg(req->lang, arena_printf(&req->arena, "kind.%s", c->kind));
		cells[1].choice = c->kind;
		cells[2].text = c->key;
		cells[3].text = msg(req->lang, arena_printf(&req->arena, "changes.op_%s", c->op));
		cells[3].choice = c->op;
		cells[4].text = c->proposer_person ? c->proposer_person : web_actor_text(req, c->proposer);
		cells[5].text = c->reason ? c->reason : "";
		cells[6].text = msg(req->lang, arena_printf(&req->arena, "changes.state_%s", c->state));
		cells[6].choice = c->state;
		cells[7].text = c->decided_person ? c->decided_person : c->decided_by ? web_actor_text(req, c->decided_by) : "";
		cells[8].text = c->note ? c->note : "";
		cells[9].draw = decide_cell;
		cells[9].draw_arg = c;
		rows[i].cells = cells;
		rows[i].id = NULL;
		buf_release(&h);
	}
	html_table(req, o, &d, rows, n);
}

/* A card of changes: its heading with the count, then the list — or,
 * when instead_key is given, that line (an account without a person has
 * no inbox). */
static void changes_section(struct request *req, struct buf *o, const char *section_id, const char *title_key,
			    const struct change *list, size_t n, int inbox, const char *prefix,
			    const char *instead_key)
{
	html_raw(o, "<section class=\"card\" id=\"");
	html_escape(o, section_id);
	html_raw(o, "\">\n<h2>");
	html_msg(o, req, title_key);
	buf_addf(o, " (%zu)", n);
	html_raw(o, "</h2>\n");
	if (instead_key) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, instead_key);
		html_raw(o, "</p>\n");
	} else {
		changes_table(req, o, list, n, inbox, prefix);
	}
	html_raw(o, "</section>\n");
}

int web_changes_waiting_section(struct request *req, struct buf *o)
{
	struct change *waiting = NULL;
	size_t n = 0;
	struct app_actor a;
	struct buf err = BUF_INIT;
	int rc = 0;
	actor_of(req, &a);
	if (a.person && app_changes_waiting(req->store, &a, &waiting, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		rc = -1;
		goto out;
	}
	changes_section(req, o, "my-changes", "changes.waiting", waiting, n, 1, "waiting", NULL);
out:
	changes_free(waiting, n);
	buf_release(&err);
	return rc;
}

void web_contract_changes_section(struct request *req, struct buf *o, const char *contract)
{
	struct change *list;
	size_t n, k = 0;
	struct buf err = BUF_INIT;
	if (changes_list(req->store, "proposed", NULL, &list, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		buf_release(&err);
		return;
	}
	/* Keep this contract's, in place. */
	for (size_t i = 0; i < n; i++) {
		if (list[i].contract_id && !strcmp(list[i].contract_id, contract)) {
			struct change tmp = list[k];
			list[k++] = list[i];
			list[i] = tmp;
		}
	}
	if (k) {
		changes_section(req, o, "contract-changes", "changes.for_contract", list, k, 0, "changes", NULL);
	}
	changes_free(list, n);
	buf_release(&err);
}

void page_changes(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct change *waiting = NULL, *mine = NULL;
	size_t n_waiting = 0, n_mine = 0;
	struct app_actor a;
	const char *proposed = http_query(req, "proposed"), *done = http_query(req, "done");
	actor_of(req, &a);
	if ((a.person && app_changes_waiting(req->store, &a, &waiting, &n_waiting, &err)) ||
	    changes_list(req->store, NULL, req->actor, &mine, &n_mine, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	html_page_begin(req, res, "changes.title", NULL);
	if (proposed) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "changes.proposed_notice");
		html_raw(o, " #");
		html_escape(o, proposed);
		html_raw(o, "</p>\n");
	}
	static const struct { const char *done, *key; } notices[] = {
		{ "confirmed", "changes.confirmed_notice" },
		{ "rejected", "changes.rejected_notice" },
		{ "withdrawn", "changes.withdrawn_notice" },
	};
	for (size_t i = 0; done && i < sizeof notices / sizeof notices[0]; i++)
		if (!strcmp(done, notices[i].done)) {
			html_raw(o, "<p class=\"notice ok\" role=\"status\">");
			html_msg(o, req, notices[i].key);
			html_raw(o, "</p>\n");
		}
	html_raw(o, "<p class=\"muted\">");
	html_msg(o, req, "changes.help");
	html_raw(o, "</p>\n");
	changes_section(req, o, "waiting", "changes.waiting", waiting, n_waiting, 1, "waiting",
			a.person ? NULL : "policy.no_person");
	changes_section(req, o, "mine", "changes.mine", mine, n_mine, 0, "mine", NULL);
	html_page_end(req, res);
out:
	changes_free(waiting, n_waiting);
	changes_free(mine, n_mine);
	buf_release(&err);
}

void page_change(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	int64_t id = change_id_param(req);
	struct change c;
	struct app_actor a;
	int ok = 0, rc = id ? changes_get(req->store, id, &c, &err) : 1;
	if (rc) {
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found", NULL);
		buf_release(&err);
		return;
	}
	actor_of(req, &a);
	if (!strcmp(c.state, "proposed"))
		app_change_may_decide(req->store, &a, &c, &ok, &err);
	html_page_begin(req, res, "changes.one", arena_printf(&req->arena, "#%lld", (long long)id));
	html_raw(o, "<section class=\"card\">\n<dl class=\"facts\">");
	static const char *const facts[] = { "changes.kind", "changes.key", "changes.op", "changes.state",
					     "changes.proposer", "changes.reason", "changes.confirmer",
					     "changes.created_at", "changes.decided_by", "changes.note",
					     NULL };
	const char *values[] = { c.kind, c.key, c.op, c.state,
				 c.proposer_person ? c.proposer_person : c.proposer, c.reason, c.confirmer,
				 web_local_time_text(req, c.created_at), c.decided_person ? c.decided_person : c.decided_by, c.note };
	/* Values that are codes read through the catalog (kind.contracts →
	 * 계약); an account without a person reads as the audit names it. */
	static const char *const value_prefix[] = { "kind.", NULL, "changes.op_", "changes.state_",
						    NULL, NULL, "changes.confirmer_", NULL, NULL, NULL };
	for (size_t i = 0; facts[i]; i++) {
		html_raw(o, "<dt>");
		html_msg(o, req, facts[i]);
		html_raw(o, "</dt><dd>");
		if (!values[i])
			html_escape(o, "–");
		else if (value_prefix[i])
			html_escape(o, i18n_named(i18n_lang(req->lang), value_prefix[i], values[i]));
		else if ((i == 4 && !c.proposer_person) || (i == 8 && !c.decided_person))
			html_actor(o, req, values[i]);
		else
			html_escape(o, values[i]);
		html_raw(o, "</dd>");
	}
	/* what it changes, as the audit log shows a change; the exact JSON
	 * of both sides on demand */
	html_raw(o, "</dl>\n<h2>");
	html_msg(o, req, "changes.what");
	html_raw(o, "</h2>\n<div id=\"change-fields\">");
	web_record_change(req, o, c.kind, c.before, c.after);
	html_raw(o, "</div>\n<details><summary>");
	html_msg(o, req, "changes.json");
	html_raw(o, "</summary>\n<h3>");
	html_msg(o, req, "changes.before");
	html_raw(o, "</h3>\n<pre class=\"small\" id=\"change-before\">");
	html_escape(o, c.before ? c.before : "–");
	html_raw(o, "</pre>\n<h3>");
	html_msg(o, req, "changes.after");
	html_raw(o, "</h3>\n<pre class=\"small\" id=\"change-after\">");
	html_escape(o, c.after ? c.after : "–");
	html_raw(o, "</pre>\n</details>\n");
	if (ok)
		decide_forms(req, o, &c);
	if (!strcmp(c.state, "proposed") && c.proposer && !strcmp(c.proposer, req->actor))
		decide_form(req, o, &c, "/withdraw", "changes.withdraw", 0, NOTE_NONE);
	html_raw(o, "</section>\n<p><a href=\"/changes\">");
	html_msg(o, req, "changes.back");
	html_raw(o, "</a></p>\n");
	html_page_end(req, res);
	change_release(&c);
	buf_release(&err);
}

static void page_decide(struct request *req, struct response *res, enum change_decision what)
{
	static const char *const done[] = { "confirmed", "rejected", "withdrawn" };
	int64_t id = change_id_param(req);
	struct app_actor a;
	struct problem_list problems = PROBLEM_LIST_INIT;
	if (!id) {
		html_error_page(req, res, 404, "error.not_found", NULL);
		return;
	}
	actor_of(req, &a);
	enum app_status st = app_change_decide(req->store, &a, id, what, http_form(req, "note"), &problems);
	const char *detail = web_problems_text(req, &problems, NULL);
	switch (st) {
	case APP_OK:
		http_redirect(res, req, arena_printf(&req->arena, "/changes?done=%s", done[what]));
		break;
	case APP_FORBIDDEN:
		html_error_page_shown(req, res, web_app_http(st), "change.forbidden", detail);
		break;
	case APP_CONFLICT:
	case APP_CLOSED:
		html_error_page_shown(req, res, web_app_http(st), "change.conflict", detail);
		break;
	case APP_INVALID:
		html_error_page_shown(req, res, web_app_http(st), "change.invalid", detail);
		break;
	case APP_MISSING:
		html_error_page(req, res, web_app_http(st), "error.not_found", NULL);
		break;
	default:
		html_error_page(req, res, 500, "error.internal", NULL);
		break;
	}
	problems_release(&problems);
}

void page_change_confirm(struct request *req, struct response *res) { page_decide(req, res, CHANGE_CONFIRM); }
void page_change_reject(struct request *req, struct response *res) { page_decide(req, res, CHANGE_REJECT); }
void page_change_withdraw(struct request *req, struct response *res) { page_decide(req, res, CHANGE_WITHDRAW); }
