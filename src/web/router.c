/* SPDX-License-Identifier: MIT */
/* The route table and its dispatcher. Each route states who may call it
 * (role bits) and what it needs (flags); web_dispatch() enforces all of it
 * before a handler runs — login, role, CSRF, the record kind and the kind ×
 * role write table — so handlers only do their own work. The table is
 * sorted by pattern, then method; a unit test keeps it so. */
#include "web/web_impl.h"

#include "base/clock.h"
#include "io/jsonw.h"
#include "report/i18n.h"
#include "store/closed.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define A ROLE_ADMIN
#define E ROLE_EXECUTIVE
#define S ROLE_SALES
#define O ROLE_OPERATIONS
#define V ROLE_VIEWER
#define ALL ROLE_ALL
#define WRITERS (A | E | S | O)
#define GET HTTP_GET
#define POST HTTP_POST
#define PUT HTTP_PUT
#define DELETE HTTP_DELETE
#define API ROUTE_API
#define REC ROUTE_RECORD
#define RW (ROUTE_RECORD | ROUTE_RECORD_WRITE | ROUTE_POLICY)
#define POL (ROUTE_POLICY)
#define YEAR ROUTE_YEAR

const struct route web_routes[] = {
	{ "/", GET, page_dashboard, ALL, YEAR, "dashboard" },
	{ "/alerts", GET, page_alerts, ALL, YEAR, "the early warnings, one row a contract (?as_of, ?owner, ?rule)" },
	{ "/alerts/ack", POST, page_alert_ack, A | E | S | O, 0, "acknowledge an alert with a note (audited)" },
	{ "/api/v1/alerts", GET, api_alerts, ALL, API,
	  "the early warnings in force on ?as_of=YYYY-MM-DD (today by default), as `tandem alerts --format json`" },
	{ "/api/v1/audit", GET, api_audit, A | E, API, "the audit log, newest first (?limit, ?offset)" },
	{ "/api/v1/changes", GET, api_changes_list, ALL, API,
	  "proposed changes (?filter=all|mine|waiting, ?state=proposed|confirmed|rejected|withdrawn)" },
	{ "/api/v1/changes/{id}", GET, api_change_get, ALL, API, "one proposed change, before and after" },
	{ "/api/v1/changes/{id}/confirm", POST, api_change_confirm, 0, API | POL,
	  "confirm a proposed change (applies it) with an optional {\"note\"}", "*", POLICY_CONFIRM },
	{ "/api/v1/changes/{id}/reject", POST, api_change_reject, 0, API | POL,
	  "reject a proposed change with {\"note\"}", "*", POLICY_CONFIRM },
	{ "/api/v1/changes/{id}/withdraw", POST, api_change_withdraw, WRITERS, API,
	  "withdraw one's own proposed change" },
	{ "/api/v1/credits", GET, api_credits, ALL, API | YEAR,
	  "service credits of ?year=Y (&contract=ID) with their evidence, as `tandem credits --format json`" },
	{ "/api/v1/cycle", GET, api_cycle, ALL, API,
	  "the growth-cycle indicators of ?from=Y1 to ?to=Y2, as `tandem cycle --format json`" },
	{ "/api/v1/cycle/referrals", GET, api_cycle_referrals, ALL, API,
	  "the referral tree, as `tandem cycle --referrals --format json`" },
	{ "/api/v1/explain", GET, api_explain, ALL, API | YEAR,
	  "how one contract criterion was computed (?contract=ID&criterion=S3.1&year=Y), as text" },
	{ "/api/v1/feeds", POST, api_feeds, A, API | ROUTE_UPLOAD | ROUTE_OWN_LOCKING | ROUTE_JOB,
	  "queue an import of SLA feed files (multipart) with ?format=FORMAT&map=NAME (a stored map): 202 and the job; ?dry_run=1 previews, ?wait=S waits up to S (at most 30) seconds for the result" },
	{ "/api/v1/feeds/maps", GET, api_feed_maps, A, API, "the stored feed maps" },
	{ "/api/v1/feeds/maps/{name}", GET, api_feed_map_get, A, API, "one stored feed map (its JSON)" },
	{ "/api/v1/feeds/maps/{name}", PUT, api_feed_map_put, A, API,
	  "store a feed map under a name: the map JSON as the body (checked first)" },
	{ "/api/v1/feeds/sources", GET, api_feed_sources, ALL, API,
	  "the SLA feed sources behind each day of a contract metric (?contract=ID&metric=M&from&to)" },
	{ "/api/v1/frozen/{year}", GET, api_verify, ALL, API,
	  "verify a frozen year: recompute it with its frozen model and compare" },
	{ "/api/v1/frozen/{year}", POST, api_freeze, E, API,
	  "freeze a year's official results (the CSV and JSON, the model, a data hash)" },
	{ "/api/v1/imports", POST, api_imports, A, API | ROUTE_UPLOAD | ROUTE_OWN_LOCKING | ROUTE_JOB,
	  "queue an import of CSV files or workbooks (multipart, or one CSV body with ?file=NAME.csv): 202 and the job; ?dry_run=1 previews, ?wait=S waits up to S (at most 30) seconds for the result" },
	{ "/api/v1/jobs", GET, api_jobs_list, A, API,
	  "the import jobs: queued and running ones first, oldest first, then the newest finished (?limit)" },
	{ "/api/v1/jobs/{id}", GET, api_job_get, A, API,
	  "one job: state (queued, running, done, failed), progress (rows, bytes), result and errors" },
	{ "/api/v1/kinds", GET, api_kinds, ALL, API, "the record kinds and their columns" },
	{ "/api/v1/login", POST, api_login, 0, API | ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_OWN_LOCKING,
	  "log in with {\"name\", \"password\"}; sets the session cookie, returns the CSRF token" },
	{ "/api/v1/logout", POST, api_logout, ALL, API | ROUTE_OWN_LOCKING, "end the session" },
	{ "/api/v1/me", GET, api_me, ALL, API, "the logged-in user, role and CSRF token" },
	{ "/api/v1/models", GET, api_models_list, ALL, API,
	  "the stored model versions and the model scoring the default year" },
	{ "/api/v1/models", POST, api_models_import, A | E, API | YEAR | ROUTE_YEAR_NEEDED,
	  "store a model version: the model JSON as the body, ?year=Y (&version=NAME)" },
	{ "/api/v1/models/diff", GET, api_models_diff, ALL, API,
	  "what differs between two models (?a=VERSION&b=VERSION; default is the built-in)" },
	{ "/api/v1/models/whatif", POST, api_models_whatif, A | E, API | YEAR,
	  "re-score ?year=Y under a draft (the JSON body, or ?model=VERSION) beside the model now" },
	{ "/api/v1/models/{version}", GET, api_model_get, ALL, API, "one model version as JSON" },
	{ "/api/v1/models/{version}/activate", POST, api_model_activate, E, API,
	  "make a version the active model of its year" },
	{ "/api/v1/openapi.json", GET, api_openapi, 0, API | ROUTE_PUBLIC, "this API as OpenAPI 3" },
	{ "/api/v1/promises", GET, api_promises, ALL, API | YEAR,
	  "promise vs delivery of ?year=Y and the calibration, as `tandem promises --format json`" },
	{ "/api/v1/proposals", GET, api_proposals_list, ALL, API,
	  "the proposals with their reviews and gate (?status=draft|review|won|lost)" },
	{ "/api/v1/proposals/{id}", GET, api_proposal_get, ALL, API,
	  "one proposal with its reviews, gate and override" },
	{ "/api/v1/proposals/{id}/lose", POST, api_proposal_lose, 0, API | POL,
	  "mark a draft or review proposal lost", "proposals", POLICY_LOSE },
	{ "/api/v1/proposals/{id}/override", POST, api_override, 0, API | POL,
	  "an executive's gate override for a proposal, with {\"reason\"}", "proposals", POLICY_OVERRIDE },
	{ "/api/v1/proposals/{id}/review", POST, api_proposal_review, 0, API | POL,
	  "record a feasibility review {\"reviewed_on\", \"verdict\", \"predicted_attainment\", ...} as the account's person",
	  "proposals", POLICY_REVIEW },
	{ "/api/v1/proposals/{id}/win", POST, api_proposal_win, 0, API | POL,
	  "mark a proposal won, through the gate (409 when it is shut)", "proposals", POLICY_WIN },
	{ "/api/v1/records/{kind}", GET, api_records_list, ALL, API | REC,
	  "list records (?limit, ?offset, ?COLUMN=VALUE filters, ?q=TEXT in any id, text or name referred to)" },
	{ "/api/v1/records/{kind}", POST, api_record_create, WRITERS, API | RW,
	  "create a record (202 with the proposed change where the policy asks for a confirmation)",
	  NULL, POLICY_CREATE },
	{ "/api/v1/records/{kind}/*", GET, api_record_get, ALL, API | REC,
	  "one record by its key (key columns as path segments)" },
	{ "/api/v1/records/{kind}/*", PUT, api_record_update, WRITERS, API | RW,
	  "update a record: the fields sent replace, null empties (202: proposed)", NULL, POLICY_UPDATE },
	{ "/api/v1/records/{kind}/*", DELETE, api_record_delete, WRITERS, API | RW,
	  "delete a record (202: proposed)", NULL, POLICY_DELETE },
	{ "/api/v1/scores", GET, api_scores, ALL, API | YEAR,
	  "scores of a year (?year, ?subject=KIND:ID, ?org) with evidence" },
	{ "/api/v1/suggest/{kind}", GET, api_suggest, ALL, API | REC,
	  "the pickers' suggestions: clients, people, org units or contracts whose id or name contains ?q (contracts by their client's name), exact matches first, and the next free id" },
	{ "/api/v1/users", GET, api_users_list, A, API, "the accounts" },
	{ "/api/v1/users", POST, api_users_create, A, API | ROUTE_OWN_LOCKING,
	  "create an account {\"name\", \"role\", \"person_id\", \"password\"}" },
	{ "/api/v1/users/{name}", PUT, api_users_update, A, API | ROUTE_OWN_LOCKING,
	  "change an account's role, person, password or disabled flag" },
	{ "/assets/*", GET, page_asset, 0, ROUTE_PUBLIC, "static files (CSS, JS)" },
	{ "/audit", GET, page_audit, A | E, 0, "the audit log" },
	{ "/changes", GET, page_changes, ALL, 0,
	  "proposed changes: waiting for my confirmation, and mine" },
	{ "/changes/{id}", GET, page_change, ALL, 0, "one proposed change" },
	{ "/changes/{id}/confirm", POST, page_change_confirm, 0, POL, "confirm a proposed change", "*",
	  POLICY_CONFIRM },
	{ "/changes/{id}/reject", POST, page_change_reject, 0, POL, "reject a proposed change (a note)",
	  "*", POLICY_CONFIRM },
	{ "/changes/{id}/withdraw", POST, page_change_withdraw, WRITERS, 0, "withdraw my proposed change" },
	{ "/contracts/{id}", GET, page_contract, ALL, YEAR, "a contract: lifecycle, checklists, scores" },
	{ "/credits", GET, page_credits, ALL, YEAR, "money at risk: service credits this month and year to date" },
	{ "/cycle", GET, page_cycle, ALL, 0, "the growth cycle year by year and the referral tree" },
	{ "/evidence/{id}/{org}/{criterion}", GET, page_evidence, ALL, YEAR,
	  "the evidence behind one criterion of a contract" },
	{ "/feeds", GET, page_feeds, A, 0, "SLA feeds: import with a stored map; the maps" },
	{ "/feeds", POST, page_feeds_post, A, ROUTE_UPLOAD | ROUTE_OWN_LOCKING | ROUTE_JOB,
	  "queue the preview or the import of SLA feed files, or the import of a valid preview" },
	{ "/feeds/jobs/{id}", GET, page_feed_job, A, 0,
	  "a feed job: its place in the queue, its progress, then the preview or the result" },
	{ "/feeds/maps", POST, page_feed_map_post, A, 0, "store a feed map by name" },
	{ "/frozen", GET, page_verify, ALL, YEAR | ROUTE_YEAR_NEEDED, "verify a frozen year (?year=Y)" },
	{ "/frozen", POST, page_freeze, E, 0, "freeze a year's official results" },
	{ "/import", GET, page_import, A, 0, "the import page" },
	{ "/import", POST, page_import_post, A, ROUTE_UPLOAD | ROUTE_OWN_LOCKING | ROUTE_JOB,
	  "queue the preview of an upload, or the import of a valid preview" },
	{ "/import/jobs/{id}", GET, page_import_job, A, 0,
	  "an import job: its place in the queue, its progress, then the preview or the result" },
	{ "/login", GET, page_login, 0, ROUTE_PUBLIC, "the login form" },
	{ "/login", POST, page_login_post, 0, ROUTE_PUBLIC | ROUTE_NO_CSRF | ROUTE_OWN_LOCKING, "log in" },
	{ "/logout", POST, page_logout, ALL, ROUTE_OWN_LOCKING, "log out" },
	{ "/me", GET, page_me, ALL, YEAR,
	  "my page: my scorecard, my alerts, the changes waiting for my confirmation" },
	{ "/models", GET, page_models, ALL, 0, "the models: versions, diff, what-if, import, freeze" },
	{ "/models", POST, page_models_import, A | E, ROUTE_UPLOAD, "store a model version" },
	{ "/models/diff", GET, page_models_diff, ALL, 0, "what differs between two models" },
	{ "/models/edit", GET, page_model_edit, A | E, 0,
	  "the model editor: weights and bounds of a model (?from=VERSION), or of its calibration (&calibrate=Y&org=ORG&years=N)" },
	{ "/models/edit", POST, page_model_edit_save, A | E, 0,
	  "save the editor's model as a draft version with a note" },
	{ "/models/whatif", POST, page_models_whatif, A | E, ROUTE_UPLOAD,
	  "re-score a year under a draft model" },
	{ "/models/{version}", GET, page_model, ALL, 0, "one model version" },
	{ "/models/{version}/activate", POST, page_model_activate, E, 0, "activate a model version" },
	{ "/promises", GET, page_promises, ALL, YEAR, "promise vs delivery and the calibration" },
	{ "/proposals", GET, page_proposals, ALL, 0, "proposals and the feasibility gate" },
	{ "/proposals/{id}", GET, page_proposal, ALL, 0, "a proposal: reviews, gate, override, decisions" },
	{ "/proposals/{id}/lose", POST, page_proposal_lose, 0, POL, "mark a proposal lost", "proposals",
	  POLICY_LOSE },
	{ "/proposals/{id}/override", POST, page_override, 0, POL, "override the gate", "proposals",
	  POLICY_OVERRIDE },
	{ "/proposals/{id}/review", POST, page_proposal_review, 0, POL, "record a feasibility review",
	  "proposals", POLICY_REVIEW },
	{ "/proposals/{id}/win", POST, page_proposal_win, 0, POL, "mark a proposal won (the gate)",
	  "proposals", POLICY_WIN },
	{ "/records", GET, page_records_index, ALL, 0, "the record kinds" },
	{ "/records/{kind}", GET, page_record_list, ALL, REC, "records of a kind" },
	{ "/records/{kind}", POST, page_record_create, WRITERS, RW, "create a record", NULL, POLICY_CREATE },
	{ "/records/{kind}/delete/*", POST, page_record_delete, WRITERS, RW, "delete a record", NULL,
	  POLICY_DELETE },
	{ "/records/{kind}/edit/*", GET, page_record_edit, WRITERS, RW, "the form to correct a record",
	  NULL, POLICY_UPDATE },
	{ "/records/{kind}/edit/*", POST, page_record_update, WRITERS, RW, "save a corrected record",
	  NULL, POLICY_UPDATE },
	{ "/records/{kind}/new", GET, page_record_new, WRITERS, RW, "the form for a new record", NULL,
	  POLICY_CREATE },
	{ "/scores", GET, page_scores, ALL, YEAR, "scorecards of org units, people and contracts" },
	{ "/scores/{subject}/{id}", GET, page_scorecard, ALL, YEAR, "one scorecard" },
	{ "/users", GET, page_users, A, 0, "accounts" },
	{ "/users", POST, page_users_create, A, ROUTE_OWN_LOCKING, "create an account" },
	{ "/users/{name}", POST, page_users_update, A, ROUTE_OWN_LOCKING, "change an account" },
};
const size_t web_n_routes = sizeof web_routes / sizeof web_routes[0];

const char *web_method_name(enum http_method m)
{
	switch (m) {
	case HTTP_GET: return "GET";
	case HTTP_POST: return "POST";
	case HTTP_PUT: return "PUT";
	case HTTP_DELETE: return "DELETE";
	case HTTP_HEAD: return "HEAD";
	}
	return "?";
}

/* Does the path match pattern? Counts only; binding is done by web_route_bind(). */
static int match(const char *pattern, const char *const *segs, size_t n)
{
	const char *p = pattern + 1;
	size_t i = 0;
	if (!*p)
		return n == 0;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t l = slash ? (size_t)(slash - p) : strlen(p);
		if (l == 1 && *p == '*')
			return i < n;                /* one or more segments */
		if (i >= n)
			return 0;
		if (*p != '{' && (strlen(segs[i]) != l || memcmp(segs[i], p, l)))
			return 0;
		i++;
		if (!slash)
			return i == n;
		p = slash + 1;
	}
}

const struct route *web_route_find(const char *const *segs, size_t n_segs,
				   enum http_method method, int *path_known)
{
	*path_known = 0;
	for (size_t i = 0; i < web_n_routes; i++) {
		if (!match(web_routes[i].pattern, segs, n_segs))
			continue;
		*path_known = 1;
		if (web_routes[i].method == method)
			return &web_routes[i];
	}
	return NULL;
}

/* The segments of a pattern written out ("/models/whatif": 2, "/models/
 * {version}": 1). */
static size_t literal_segments(const char *pattern)
{
	size_t n = 0;
	for (const char *p = pattern; *p; p++)
		if (*p == '/' && p[1] && p[1] != '{' && p[1] != '*')
			n++;
	return n;
}

const struct route *web_route_page(const char *const *segs, size_t n_segs)
{
	const struct route *page = NULL;
	size_t best = 0;
	for (size_t i = 0; i < web_n_routes; i++) {
		const struct route *r = &web_routes[i];
		if (!match(r->pattern, segs, n_segs))
			continue;
		size_t lit = literal_segments(r->pattern);
		if (r->method == HTTP_GET && !(r->flags & ROUTE_API) && (!page || lit > best)) {
			page = r;
			best = lit;
		}
	}
	/* /models/whatif is the what-if's own address (POST), not the page
	 * of a model version named "whatif". */
	for (size_t i = 0; page && i < web_n_routes; i++)
		if (web_routes[i].method != HTTP_GET && match(web_routes[i].pattern, segs, n_segs) &&
		    literal_segments(web_routes[i].pattern) > best)
			return NULL;
	return page;
}

void web_route_bind(struct request *req)
{
	const char *p = req->route->pattern + 1;
	size_t i = 0;
	req->n_params = 0;
	while (*p) {
		const char *slash = strchr(p, '/');
		if (*p == '*') {
			req->rest = req->segs + i;
			req->n_rest = req->n_segs - i;
			return;
		}
		if (*p == '{' && req->n_params < 4)
			req->params[req->n_params++] = req->segs[i];
		i++;
		if (!slash)
			break;
		p = slash + 1;
	}
}

unsigned web_route_roles(const struct route *rt, const char *kind)
{
	if (!(rt->flags & ROUTE_POLICY))
		return rt->roles;
	if (rt->policy_kind)
		return policy_roles(rt->policy_kind, rt->action);
	return kind ? policy_roles(kind, rt->action) : rt->roles;
}

int web_may(const struct request *req, enum http_method method, const char *pattern,
	    const char *kind)
{
	if (!req->logged_in)
		return 0;
	for (size_t i = 0; i < web_n_routes; i++)
		if (web_routes[i].method == method && !strcmp(web_routes[i].pattern, pattern))
			return (web_routes[i].flags & ROUTE_PUBLIC) ||
			       (web_route_roles(&web_routes[i], kind) & req->session.user.role) != 0;
	return 0;
}

const char *web_role(const struct request *req)
{
	const char *r = req->logged_in ? role_name(req->session.user.role) : NULL;
	return r ? r : "";
}

long web_query_long(const struct request *req, const char *name, long dflt, long min, long max)
{
	const char *v = http_query(req, name);
	char *end;
	long n;
	if (!v || !*v)
		return dflt;
	n = strtol(v, &end, 10);
	if (*end || n < min || n > max)
		return dflt;
	return n;
}

int web_parse_year(const char *text, int *out)
{
	if (!text || !*text)
		return 0;
	return year_parse(text, out) ? -1 : 1;
}

int web_year_param(const struct request *req, const char *name, int *out)
{
	const char *v = http_query(req, name);
	return web_parse_year(v && *v ? v : http_form(req, name), out);
}

void web_bad_year(struct request *req, struct response *res, const char *name)
{
	if (req->route && req->route->flags & ROUTE_API)
		http_json_error(res, 400, name, "%s must be a number from %d to %d", name, YEAR_FIRST,
				YEAR_LAST);
	else
		html_error_page(req, res, 400, "models.bad_year", NULL);
}

/* The one table: an app result as an HTTP status and, for pages, the
 * message key of the refusal. */
static const struct {
	int http;
	const char *key;
} app_answers[APP_N_STATUS] = {
	[APP_OK] = { 200, NULL },
	[APP_PROPOSED] = { 202, NULL },
	[APP_INVALID] = { 422, "error.invalid" },
	[APP_FORBIDDEN] = { 403, "error.forbidden" },
	[APP_CONFLICT] = { 409, "error.conflict" },
	[APP_EXISTS] = { 409, "error.exists" },
	[APP_MISSING] = { 404, "error.not_found" },
	[APP_FAILED] = { 500, "error.internal" },
	[APP_CLOSED] = { 409, "error.conflict" },
};

int web_app_http(enum app_status st)
{
	return st < APP_N_STATUS ? app_answers[st].http : 500;
}

void web_app_error(struct request *req, struct response *res, enum app_status st,
		   const char *field, const char *err)
{
	int status = web_app_http(st);
	if (status >= 500) {
		fprintf(stderr, "tandem serve: %s\n", err);
		if (req->route && req->route->flags & ROUTE_API)
			http_json_error(res, status, NULL, "internal error");
		else
			html_error_page(req, res, status, "error.internal", NULL);
	} else if (req->route && req->route->flags & ROUTE_API) {
		http_json_error(res, status, field, "%s", err);
	} else {
		html_error_page(req, res, status, app_answers[st].key, err && *err ? err : NULL);
	}
}

static void refuse(struct request *req, struct response *res, int status, const char *key,
		   const char *text)
{
	if (!req->route || req->route->flags & ROUTE_API)
		http_json_error(res, status, NULL, "%s", text);
	else
		html_error_page(req, res, status, key, NULL);
}

/* The language: ?lang= (remembered), the session's, the cookie's, the
 * browser's, else English. */
static void choose_lang(struct request *req)
{
	const char *q = http_query(req, "lang");
	const char *c;
	if (q && (!strcmp(q, "ko") || !strcmp(q, "en"))) {
		req->lang = q;
		req->set_lang_cookie = 1;
		if (req->logged_in && strcmp(req->session.lang, q)) {
			struct buf err = BUF_INIT;
			sessions_set_lang(req->store, req->session_token, q, &err);
			web_session_forget(req->srv, req->session_token);
			buf_release(&err);
		}
		return;
	}
	if (req->logged_in && req->session.lang[0]) {
		req->lang = req->session.lang;
		return;
	}
	c = http_cookie(req, "lang");
	if (c && (!strcmp(c, "ko") || !strcmp(c, "en"))) {
		req->lang = c;
		return;
	}
	if (req->accept_language && !strncmp(req->accept_language, "ko", 2))
		req->lang = "ko";
	else
		req->lang = "en";
}

static int csrf_ok(struct request *req)
{
	const char *t = req->csrf_header;
	if (!t)
		t = http_form(req, "csrf");
	if (!t || strlen(t) != 64)
		return 0;
	return sodium_memcmp(t, req->session.csrf, 64) == 0;
}

void web_json_error_members(struct buf *json, const struct request *req, const char *english)
{
	struct buf text = BUF_INIT, params = BUF_INIT;
	size_t n_params;
	const char *code = i18n_translate(i18n_lang(req->lang), english, &text, &params, &n_params);
	buf_adds(json, "\"code\":");
	code = code ? code : "error.other";
	json_write_string(json, code, strlen(code));
	buf_adds(json, ",\"params\":[");
	for (size_t i = 0, at = 0; i < n_params; i++) {
		const char *a = params.data + at;
		buf_adds(json, i ? "," : "");
		json_write_string(json, a, strlen(a));
		at += strlen(a) + 1;
	}
	buf_adds(json, "],\"message\":");
	json_write_string(json, text.data, text.len);
	buf_release(&text);
	buf_release(&params);
}

/* An API error {"error": "english text", "field": ...} made by any handler
 * gains its code (the catalog key), parameters and the message in the
 * user's language (?lang=, the session's, the cookie's, Accept-Language):
 * {"error", "field", "code", "params", "message"}. "error" stays the
 * English text the code wrote, for the scripts that read it. Bodies with
 * nested members say so themselves (web_json_error_members). */
static void localize_json_error(struct request *req, struct response *res)
{
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT, json = BUF_INIT;
	const char *error = NULL;
	if (res->status < 400 || !res->content_type || strncmp(res->content_type, "application/json", 16) ||
	    strncmp(res->body.data, "{\"error\":", 9) ||
	    jsonin_parse_flat(&req->arena, res->body.data, res->body.len, &p, &n, &err))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(p[i].name, "code") || !strcmp(p[i].name, "message"))
			goto out;                       /* localized already (the policy's) */
		if (!strcmp(p[i].name, "error"))
			error = p[i].value;
	}
	if (!error)
		goto out;
	buf_addc(&json, '{');
	for (size_t i = 0; i < n; i++) {
		buf_adds(&json, i ? "," : "");
		json_write_string(&json, p[i].name, strlen(p[i].name));
		buf_addc(&json, ':');
		if (p[i].value)
			json_write_string(&json, p[i].value, strlen(p[i].value));
		else
			buf_adds(&json, "null");
	}
	buf_addc(&json, ',');
	web_json_error_members(&json, req, error);
	buf_addc(&json, '}');
	buf_reset(&res->body);
	buf_add(&res->body, json.data, json.len);
out:
	buf_release(&err);
	buf_release(&json);
}

void web_store_unavailable(struct request *req, struct response *res)
{
	int api = req->route ? req->route->flags & ROUTE_API
		: req->n_segs && !strcmp(req->segs[0], "api");
	buf_reset(&res->body);
	res->n_headers = 0;
	res->content_type = NULL;
	if (api) {
		http_json_error(res, 503, NULL, "the store is not available; try again in a few seconds");
	} else {
		if (!req->lang)
			choose_lang(req);
		html_error_page(req, res, 503, "error.unavailable", NULL);
	}
	http_header(res, req, "Retry-After", WEB_RETRY_AFTER);
}

void web_dispatch(struct request *req, struct response *res)
{
	const struct route *rt = req->route;
	struct buf err = BUF_INIT;
	int writes;

	if (!rt) {
		int known = 0;
		if (req->method && req->segs) {
			enum http_method m = req->method == HTTP_HEAD ? HTTP_GET : req->method;
			web_route_find((const char *const *)req->segs, req->n_segs, m, &known);
		}
		/* ?lang=, the cookie's or the browser's: the JSON error's
		 * message, like the page, is in the user's language. */
		choose_lang(req);
		if (req->n_segs && !strcmp(req->segs[0], "api"))
			http_json_error(res, known ? 405 : 404, NULL, known ? "method not allowed" : "not found");
		else {
			html_error_page(req, res, known ? 405 : 404,
					known ? "error.method" : "error.not_found", NULL);
		}
		goto out;
	}
	web_route_bind(req);

	/* Who is asking. */
	const char *token = http_cookie(req, "tandem_session");
	if (token && strlen(token) == 64) {
		int found = web_session_lookup(req, token, &err);
		if (found < 0) {
			fprintf(stderr, "tandem serve: %s\n", err.data);
			http_json_error(res, 500, NULL, "internal error");
			goto out;
		}
		if (found == 0) {
			req->logged_in = 1;
			snprintf(req->session_token, sizeof req->session_token, "%s", token);
			snprintf(req->actor, sizeof req->actor, "user:%s", req->session.user.name);
		}
	}
	choose_lang(req);

	if (!(rt->flags & ROUTE_PUBLIC)) {
		if (!req->logged_in) {
			if (rt->flags & ROUTE_API) {
				http_json_error(res, 401, NULL, "not logged in");
			} else if (req->method == HTTP_GET) {
				struct buf to = BUF_INIT;
				buf_adds(&to, "/login?next=");
				http_url_escape(&to, req->path);
				http_redirect(res, req, to.data);
				buf_release(&to);
			} else {
				html_error_page(req, res, 401, "error.login_needed", NULL);
			}
			goto out;
		}
		if (!(web_route_roles(rt, NULL) & req->session.user.role)) {
			if (rt->flags & ROUTE_POLICY && rt->flags & ROUTE_API)
				web_policy_error(req, res, 403, "policy.role", NULL);
			else
				refuse(req, res, 403, "error.forbidden", "your role may not do this");
			goto out;
		}
	}
	writes = req->method == HTTP_POST || req->method == HTTP_PUT || req->method == HTTP_DELETE;
	if (writes && !(rt->flags & ROUTE_NO_CSRF) && !csrf_ok(req)) {
		refuse(req, res, 403, "error.csrf", "csrf token missing or wrong");
		goto out;
	}
	if (rt->flags & ROUTE_RECORD) {
		int keys[8];
		req->table = req->n_params ? schema_find(req->params[0]) : NULL;
		if (!req->table) {
			refuse(req, res, 404, "error.not_found", "no such record kind");
			goto out;
		}
		if (req->n_rest) {
			if (req->n_rest != record_key_columns(req->table, keys)) {
				refuse(req, res, 404, "error.not_found", "no such record (give every key column)");
				goto out;
			}
			req->key = (const char **)req->rest;
			req->n_key = req->n_rest;
		}
		if (rt->flags & ROUTE_RECORD_WRITE &&
		    !(web_route_roles(rt, req->table->name) & req->session.user.role)) {
			if (rt->flags & ROUTE_API)
				web_policy_error(req, res, 403, "policy.role", NULL);
			else
				refuse(req, res, 403, "error.forbidden", "your role may not write these records");
			goto out;
		}
	}
	/* A correction of a closed year (store/closed.h): an executive's, with
	 * a reason; the store's write paths take it from there. */
	const char *correction = writes ? http_query(req, "correction") : NULL;
	if (correction && strcmp(correction, "0")) {
		const char *reason = http_query(req, "reason");
		if (!req->logged_in ||
		    !(policy_roles("*", POLICY_CORRECT) & req->session.user.role)) {
			refuse(req, res, 403, "error.correction_role",
			       "only an executive may correct a closed year");
			goto out;
		}
		if (!reason || !*reason || strspn(reason, " \t\r\n") == strlen(reason)) {
			refuse(req, res, 400, "error.correction_reason",
			       "a correction of a closed year needs a reason (?correction=1&reason=...)");
			goto out;
		}
		closed_set_correction(req->store, reason);
	}
	if (rt->flags & ROUTE_YEAR) {
		int got = web_year_param(req, "year", &req->year);
		if (got < 0 || (!got && rt->flags & ROUTE_YEAR_NEEDED)) {
			web_bad_year(req, res, "year");
			goto out;
		}
		req->year_given = got;
		if (!got)
			req->year = web_default_year(req);
	}
	if (writes && !(rt->flags & ROUTE_OWN_LOCKING)) {
		pthread_mutex_lock(&req->srv->write_lock);
		rt->handler(req, res);
		pthread_mutex_unlock(&req->srv->write_lock);
	} else {
		rt->handler(req, res);
	}
	if (req->set_lang_cookie) {
		char *c = arena_printf(&req->arena, "lang=%s; Path=/; Max-Age=31536000; SameSite=Strict%s",
				       req->lang, req->srv->cfg.tls_proxy ? "; Secure" : "");
		http_header(res, req, "Set-Cookie", c);
	}
out:
	if (req->store)
		closed_set_correction(req->store, NULL);   /* the connection serves others next */
	/* The store's connection failed under this request (the database
	 * went away): a read is answered "try again later" whatever the
	 * handler made of it, since what it showed may lack what it could not
	 * read; a write too, unless it was done (answered 2xx or 3xx: its
	 * transaction committed). Not a 500, nor a 401 for a session that
	 * could not be looked up. */
	if (req->store && req->store->unavailable &&
	    (res->status >= 400 || req->method == HTTP_GET || req->method == HTTP_HEAD))
		web_store_unavailable(req, res);
	if (!req->lang)
		choose_lang(req);
	localize_json_error(req, res);
	buf_release(&err);
}

static void roles_text(struct buf *out, unsigned roles, unsigned flags, int md)
{
	for (int i = 0; role_names[i]; i++) {
		int allowed = (flags & ROUTE_PUBLIC) || (roles & (1u << i));
		if (md)
			buf_adds(out, allowed ? " ✓ |" : " – |");
		else
			buf_addf(out, " %-10s", allowed ? role_names[i] : "-");
	}
}

void web_routes_text(struct buf *out, int md)
{
	if (md) {
		buf_adds(out, "| method | path |");
		for (int i = 0; role_names[i]; i++)
			buf_addf(out, " %s |", role_names[i]);
		buf_adds(out, " notes |\n|---|---|");
		for (int i = 0; role_names[i]; i++)
			buf_adds(out, "---|");
		buf_adds(out, "---|\n");
	}
	for (size_t i = 0; i < web_n_routes; i++) {
		const struct route *r = &web_routes[i];
		const char *note = r->flags & ROUTE_PUBLIC ? "public"
			: r->flags & ROUTE_RECORD_WRITE ? "and the policy of the kind (below)"
			: r->flags & ROUTE_POLICY ? "the policy (below)" : "";
		if (md) {
			buf_addf(out, "| %s | `%s` |", web_method_name(r->method), r->pattern);
			roles_text(out, web_route_roles(r, NULL), r->flags, 1);
			buf_addf(out, " %s |\n", note);
		} else {
			buf_addf(out, "%-6s %-36s", web_method_name(r->method), r->pattern);
			roles_text(out, web_route_roles(r, NULL), r->flags, 0);
			buf_addf(out, " %s\n", note);
		}
	}
}
