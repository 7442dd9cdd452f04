/* SPDX-License-Identifier: MIT */
/* The inside of the web module: the server state, the route table's entry
 * type, the permission tables, the message catalog, HTML output and the
 * handlers. Nothing here is used outside src/web/. */
#ifndef TANDEM_WEB_IMPL_H
#define TANDEM_WEB_IMPL_H

#include <pthread.h>
#include <stddef.h>

#include "app/app.h"
#include "app/policy.h"
#include "domain/date.h"
#include "io/feed.h"
#include "report/i18n.h"
#include "report/problems.h"
#include "store/records.h"
#include "web/http.h"
#include "web/web.h"

/* --- the server -------------------------------------------------------- */

#define STORE_POOL_MAX 32
#define ADDR_SLOTS 256
#define HASH_SLOTS 16

struct addr_failures {
	char addr[64];
	int count;
	time_t window_start;
	int64_t budget_us;            /* password hashing CPU time left (auth.c) */
	uint64_t budget_at_us;        /* when it was last refilled; 0: never */
	int64_t refusals_milli;       /* refusals (429) it may have now, x1000 */
	uint64_t refusals_at_us;      /* when they were last refilled; 0: never */
};

struct score_cache;
struct session_cache;
struct job_runner;
struct hasher_pool;

/* A pooled store connection and the statement every request runs on it. */
struct web_conn {
	struct store *store;
	struct stmt *version;         /* store_data_version_sql, prepared once */
};

struct web_server {
	struct web_config cfg;
	pthread_mutex_t pool_lock;
	struct web_conn *pool[STORE_POOL_MAX];
	size_t n_pool;
	/* Changes are made one at a time, so that a record's before and after
	 * in the audit log are the ones this request saw. */
	pthread_mutex_t write_lock;
	pthread_mutex_t addr_lock;
	struct addr_failures addrs[ADDR_SLOTS];
	/* Password hashes under way (auth.c): at most hash_limit at once, one
	 * per account name and one per client address, so that a login flood
	 * holds neither every worker nor every core; a login finding no slot
	 * answers 429 at once, without hashing. A slot keeps BLAKE2b digests
	 * of the name and the address. */
	pthread_mutex_t hash_lock;
	int hash_limit;
	int hash_used[HASH_SLOTS];
	unsigned char hash_name[HASH_SLOTS][16], hash_addr[HASH_SLOTS][16];
	struct hasher_pool *hashers;  /* the hashing threads (auth.c) */
	struct score_cache *scores;
	struct session_cache *sessions;
	struct job_runner *jobs;      /* jobs.c */
	struct feed_tz tz;            /* cfg.time_zone, checked at start */
};

/* --- routes ------------------------------------------------------------ */

enum route_flags {
	ROUTE_PUBLIC = 1 << 0,        /* no login needed */
	ROUTE_API = 1 << 1,           /* answers in JSON (errors too) */
	ROUTE_UPLOAD = 1 << 2,        /* may carry a large body (imports) */
	ROUTE_NO_CSRF = 1 << 3,       /* login: no session yet (checked its own way) */
	ROUTE_RECORD = 1 << 4,        /* {kind} names a record kind of the schema */
	ROUTE_RECORD_WRITE = 1 << 5,  /* the policy's writers of the kind apply */
	/* Logging in and out, and account changes: sessions, login counters
	 * and accounts are written outside the data write lock (the store
	 * serializes its own writers; each change is one transaction), so that
	 * a login flood, each attempt a slow password hash, never queues the
	 * users' writes behind it, and no password is hashed under a lock
	 * (issue 21). */
	ROUTE_OWN_LOCKING = 1 << 6,
	ROUTE_POLICY = 1 << 7,        /* the roles are the policy's for (policy_kind, action) */
	ROUTE_JOB = 1 << 8,           /* queues a job and answers 202 with it (takes
				       * no write lock: ROUTE_OWN_LOCKING) */
	/* ?year= is an evaluation year, parsed by the dispatcher into
	 * req->year (the default year when absent); a value that is not a
	 * year is answered 400 (web_bad_year) before the handler runs. */
	ROUTE_YEAR = 1 << 9,
	ROUTE_YEAR_NEEDED = 1 << 10,  /* ... and ?year= must be given (400 when not) */
};

typedef void route_handler(struct request *req, struct response *res);

struct route {
	const char *pattern;          /* "/api/v1/records/{kind}/", then "*" */
	enum http_method method;
	route_handler *handler;
	unsigned roles;               /* enum role bits allowed; PUBLIC routes ignore it */
	unsigned flags;
	const char *summary;          /* for the OpenAPI document and the docs */
	const char *policy_kind;      /* ROUTE_POLICY: the kind; NULL = the {kind} of the path */
	enum policy_action action;    /* ROUTE_POLICY: the action */
};

extern const struct route web_routes[];
extern const size_t web_n_routes;

/* Finds the route for a request path and method; sets *path_known when the
 * path exists for some other method (so 405, not 404). */
const struct route *web_route_find(const char *const *segs, size_t n_segs,
				   enum http_method method, int *path_known);
/* The GET page (not the API) at segs, or NULL: none, or the path is
 * another method's own address (/models/whatif is no model version). */
const struct route *web_route_page(const char *const *segs, size_t n_segs);
/* Runs the checks the table states (login, role, CSRF, record kind and its
 * write permission), then the handler. */
void web_dispatch(struct request *req, struct response *res);
/* A year parameter of the query, else of the form (name: "year", "from",
 * "to"): 1 and *out
 * when given as a year from YEAR_FIRST to YEAR_LAST, 0 when absent or
 * empty (*out untouched), -1 when it is not a year. The one parser of a
 * year in a request. */
int web_year_param(const struct request *req, const char *name, int *out);
/* The same for a text (a path segment): 1, 0 when empty, -1. */
int web_parse_year(const char *text, int *out);
/* Answers 400 for the year parameter name: JSON {"error": "NAME must be a
 * number from 1001 to 9998", "field": NAME, "code": "error.year_number",
 * ...} for the API, else the page of "models.bad_year". */
void web_bad_year(struct request *req, struct response *res, const char *name);
/* An app result (app/app.h) as an HTTP status: the one table. */
int web_app_http(enum app_status st);
/* Answers a refused app result st: JSON {"error": err, "field": field}
 * (localized by the dispatcher) for the API, else the error page of the
 * status's message key with err as the detail. A failure (500) is logged
 * and its text not shown. */
void web_app_error(struct request *req, struct response *res, enum app_status st,
		   const char *field, const char *err);
/* Seconds a client is asked to wait when the store is not available. */
#define WEB_RETRY_AFTER "5"
/* Replaces the response with 503 and Retry-After: JSON for the API, a page
 * otherwise. For a store that cannot be reached (req->store->unavailable,
 * or no connection at all). */
void web_store_unavailable(struct request *req, struct response *res);
const char *web_method_name(enum http_method m);

/* --- permissions (app/policy.h, consulted here) ------------------------- */

/* The roles that may write records of t at all (some action, some
 * relation): for the router and the pages' buttons. */
unsigned web_kind_writers(const struct table *t);
/* The roles a route lets in: its policy's for policy routes (kind: the
 * record kind of a {kind} route, else the route's own), else its bits. */
unsigned web_route_roles(const struct route *rt, const char *kind);
/* May the logged-in user call the route of pattern and method (for kind,
 * when the route is a record route)? For the navigation and buttons. */
int web_may(const struct request *req, enum http_method method, const char *pattern,
	    const char *kind);
/* A refusal of the policy: {"error": code, "message": text in the user's
 * language, "field": field}. */
void web_policy_error(struct request *req, struct response *res, int status, const char *code,
		      const char *field);

/* --- messages (msg.c) ---------------------------------------------------- */

/* The UI text of key in lang ("ko" or "en"); the key itself when unknown. */
const char *msg(const char *lang, const char *key);
/* Is the catalog sorted and complete? For the unit test: 0 when fine, else
 * the index of the first bad entry + 1. */
size_t msg_check(void);

/* --- HTML output (html.c) ----------------------------------------------- */

/* The navigation entries, by position; shown to who may GET the route. */
struct web_nav_entry {
	const char *href, *key;
};
extern const struct web_nav_entry web_nav[];
extern const size_t web_n_nav;
/* The proposed changes waiting for the logged-in user's confirmation
 * (changes_web.c); 0 on a storage error. */
long web_changes_waiting_count(struct request *req);
/* The proposed changes waiting for the logged-in user's confirmation, as
 * a section with the confirm and reject forms (my page). 0, or -1 (logged). */
int web_changes_waiting_section(struct request *req, struct buf *o);
/* The changes waiting for confirmation about contract, as a section of
 * its page (nothing when there is none). */
void web_contract_changes_section(struct request *req, struct buf *o, const char *contract);
/* A proposed change as the API's answer with status (202 when just
 * proposed). */
void web_change_answer(struct request *req, struct response *res, int64_t id, int status);

/* The one HTML-escaping function: every piece of data shown in a page goes
 * through it. Escapes & < > " ' . */
void html_escape(struct buf *out, const char *s);
void html_escape_n(struct buf *out, const char *s, size_t n);
/* Problems, one a line (an importer's or a feed's report), as a list of
 * escaped code lines; empty lines are skipped. */
void html_problem_list(struct buf *o, const char *lines);
/* Appends trusted markup (string literals of this module only). */
#define html_raw(out, s) buf_adds((out), (s))
/* msg(req->lang, key), escaped. */
void html_msg(struct buf *out, const struct request *req, const char *key);
/* An error message of the code (English, one problem a line or joined by
 * "; "), each problem in the user's language through the catalog's
 * "error." entries, escaped. */
void html_error_text(struct buf *out, const struct request *req, const char *text);
/* An error page (as html_error_page) whose detail is already in the
 * user's language (a rendered problem, one a line): escaped, not read
 * again through the catalog. */
void html_error_page_shown(struct request *req, struct response *res, int status, const char *key,
			   const char *shown);
/* Who did something, as the audit log names it ("user:kim", "cli:root",
 * "demo"), escaped, in the user's language: a linked account as its
 * person's name ("김대현 (kim)"), else "사용자 kim"; "명령줄 (root)"; the
 * demo generator. */
void html_actor(struct buf *o, struct request *req, const char *actor);
/* The same, as text in the request's arena (for a table cell). */
const char *web_actor_text(struct request *req, const char *actor);
/* A model's note, escaped: one Tandem wrote itself (the default model's,
 * a calibration's, the demo's) in the user's language through the
 * catalog's "note." entries; one a person wrote as it is. */
void html_note(struct buf *o, struct request *req, const char *text);
/* The same, as text in the request's arena (for a table cell). */
const char *web_note_text(struct request *req, const char *text);
/* Begins a page: doctype, head, the navigation for the user's role, the
 * heading. title_key is a message key. */
void html_page_begin(struct request *req, struct response *res, const char *title_key,
		     const char *title_extra);
void html_page_end(struct request *req, struct response *res);
/* A hidden CSRF field for forms of the logged-in user. */
void html_csrf_field(struct request *req, struct buf *out);
/* An error page of status with a message key and optional detail. */
void html_error_page(struct request *req, struct response *res, int status, const char *key,
		     const char *detail);
/* "1234567.5" → "1,234,567.5" appended to o (not escaped: the caller
 * escapes the result), for reading amounts at a glance. */
void html_grouped_number(struct buf *o, const char *v);
/* An amount with separators, escaped; in Korean also in 조/억/만
 * ("450,000,000 (4억 5,000만원)"). */
void html_money(struct buf *o, const struct request *req, const char *v);
/* An amount for a table cell: "24억 5,000만원" (the full number as its
 * title) in Korean, "₩2,450,000,000" in English. */
void html_money_short(struct buf *o, const struct request *req, const char *v);
/* A link to a path built from data: href is escaped. */
void html_link(struct buf *out, const char *href, const char *text);

/* Appends "code":…,"params":[…],"message":… for an English error of the
 * code: its catalog key, parameters and text in the user's language. */
void web_json_error_members(struct buf *json, const struct request *req, const char *english);

/* --- flat JSON objects (jsonin.c) ---------------------------------------- */

/* Parses {"name": value, ...} whose values are strings, numbers (kept as
 * their exact text), true/false ("1"/"0") or null (value NULL). Nested
 * values are an error. Strings live in the arena. Returns 0 or -1 with err. */
int jsonin_parse_flat(struct arena *a, const char *s, size_t len, struct param **out,
		      size_t *n, struct buf *err);
/* A body's members must all be known: the first one not in allowed (a
 * NULL-terminated list) is answered 400 naming it and the known ones, and
 * -1 returned; 0 when all are known. A field the server ignored would be a
 * change the client believes made. */
int jsonin_known_only(struct response *res, const struct param *p, size_t n,
		      const char *const *allowed);

/* --- the store pool (server.c) ------------------------------------------- */

struct web_conn *web_conn_acquire(struct web_server *srv, struct buf *err);
void web_conn_release(struct web_server *srv, struct web_conn *c);
/* The store's data version (store/version.h), read once per request on the
 * request's connection together with the sessions version (then in
 * req->sessions_version). Returns 0, or -1 with err. */
int web_data_version(struct request *req, int64_t *out, struct buf *err);

/* --- sessions (sessions.c) ----------------------------------------------- */

/* Looks the session of token up, through a small in-memory cache: a session
 * seen less than cfg.session_cache_ms ago, while the store's sessions
 * version is unchanged, is trusted without asking the store. Every logout,
 * session deletion and account change in any process bumps that version,
 * so they take effect at once everywhere. Fills req->session (released by
 * the server) and returns 0; 1 when there is no live session; -1 with err. */
int web_session_lookup(struct request *req, const char *token, struct buf *err);
/* Forgets one token (logout, language change) or every session (an account
 * changed). */
void web_session_forget(struct web_server *srv, const char *token);
void web_session_forget_all(struct web_server *srv);
void web_sessions_cache_init(struct web_server *srv);
void web_sessions_cache_free(struct web_server *srv);

/* --- login limits (auth.c) --------------------------------------------- */

int web_addr_blocked(struct web_server *srv, const char *addr);
/* How many password hashes may run at once: never all the workers. */
int web_hash_limit(int threads);
void web_addr_failed(struct web_server *srv, const char *addr);
/* The password hashing threads (auth.c): started before the daemon;
 * drained (every login handed over answered) before it stops, stopped
 * after. */
int web_hashers_start(struct web_server *srv, struct buf *err);
void web_hashers_drain(struct web_server *srv);
void web_hashers_stop(struct web_server *srv);
/* Has the login handler left a password to hash (req->login)? Then the
 * server suspends the connection and hands it over with web_login_submit:
 * the hashing thread calls resume(arg) when done, and the server calls the
 * handler again, which answers. web_login_free ends a login left over by
 * a request that completed otherwise (its slot given back). */
int web_login_pending(const struct request *req);
void web_login_submit(struct request *req, void (*resume)(void *arg), void *arg);
void web_login_free(struct request *req);
/* A request whose connection was suspended for a login has completed
 * (its answer sent, or its connection gone): the stop may go on. */
void web_login_sent(struct web_server *srv);
/* Sets the session cookie (or clears it when token is NULL). */
void web_set_session_cookie(struct request *req, struct response *res, const char *token);

/* --- scores (scores.c) -------------------------------------------------- */

struct scores;
struct dataset;
struct model;
struct score_row;
/* The scores of year, computed once per year and data version and shared;
 * release with web_scores_release(). Returns NULL with err. */
struct scored {
	const struct scores *scores;
	const struct dataset *ds;
	const struct model *model;
	const char *model_version;    /* a stored version, or "default" */
	int year;
	int64_t data_version;
};
const struct scored *web_scores_get(struct request *req, int year, struct buf *err);
void web_scores_release(struct web_server *srv, const struct scored *sc);
void web_scores_cache_free(struct web_server *srv);
/* The machine-readable rows of sc (report/score_rows.h), built on first
 * use and owned by the entry: valid while sc is held. */
void web_scores_rows(const struct scored *sc, const struct score_row **rows, size_t *n);
/* Rendered answers kept with a scored year (they die with it). The key is
 * the path and query, with the role and language first when per_user_view
 * (pages; JSON does not depend on them). get appends the body to out and
 * gives a copy of its title (free it) and returns 1, or returns 0. */
void web_answer_key(struct request *req, int per_user_view, struct buf *key);
int web_answer_get(const struct scored *sc, const char *key, struct buf *out, char **title);
void web_answer_put(const struct scored *sc, const char *key, const char *body, size_t len,
		    const char *title);
/* The default year of every page and form (dashboard, scorecards, alerts,
 * promises, models, freeze): app_default_year (app/scoring.h decides),
 * cached per data version and day. */
int web_default_year(struct request *req);
/* Today (TANDEM_NOW in tests). */
day_t web_today(void);
/* 1 when year ended before today by its model's calendar, else 0; its
 * last day in *last_day. */
int web_year_is_over(struct request *req, int year, day_t *last_day);

/* --- score pages (pages.c, explore.c) ------------------------------------ */

/* The year switch shown above score pages, with the organization's when
 * org is "sales" or "operations" (NULL: none). */
void web_year_form(struct request *req, struct buf *o, int year, const char *org);

struct score_group;
enum subject_kind;
enum org_kind;
/* The scores of year for a page, or NULL after an error page (500). */
const struct scored *web_page_scores(struct request *req, struct response *res, int year);
/* A page kept with the scored year: 1 when the kept main part was
 * rendered into res (key filled either way, for web_page_keep()). */
int web_page_from_cache(struct request *req, struct response *res, const struct scored *sc,
			const char *title_key, struct buf *key);
/* Keeps the main part of a page rendered since begin (before html_page_end). */
void web_page_keep(struct response *res, const struct scored *sc, const struct buf *key,
		   size_t begin, const char *title);
/* "/scores/KIND/ID?year=Y&org=O" and "/evidence/ID/ORG/CRIT?year=Y". */
void web_scorecard_href(struct buf *out, enum subject_kind kind, const char *id, int year,
			const char *org);
void web_evidence_href(struct buf *out, const char *contract, const char *oid, const char *crit,
		       int year);
/* The grade of a group's score as printed, or NULL when n/a. */
const char *web_grade_of(const struct model *m, const struct score_group *g);
/* " <span class=grade…>A</span>" (nothing when grade is NULL): the one
 * grade badge. */
void html_grade_badge(struct buf *o, const char *grade);
/* A group's score as printed (two places) with its grade badge, or n/a. */
void html_group_score(struct buf *o, const struct request *req, const struct model *m,
		      const struct score_group *g);
/* The breadcrumbs of a drill-down level (explore.c): company ›
 * organization › units › person › contract (› criterion, not a link),
 * names in the user's language; index is the unit, person or contract
 * (−1 with SUBJECT_COMPANY: the company page itself). Returns the number
 * of crumbs. */
/* The evidence records behind criterion cr of set, as a table whose
 * rows link to the records they are (explore.c); readiness items done
 * after go-live are marked with the days late. */
struct score_set;
struct score_criterion;
void web_evidence_records(struct request *req, struct buf *o, const struct scored *sc,
			  const struct score_set *set, const struct score_criterion *cr);
size_t web_score_crumbs(struct request *req, struct buf *o, const struct scored *sc,
			enum org_kind org, enum subject_kind kind, int index, const char *criterion);
/* --- time (html.c) ------------------------------------------------------ */

/* A stored UTC time ("2026-01-05T03:04:05Z") as the server's local time,
 * "2026-01-05 12:04:05" in Asia/Seoul; the text itself when it is not one. */
void web_local_time(struct request *req, const char *utc, char out[20]);
/* What a change did to a record of kind entity (a table of schema.c, or
 * an audit entity such as "user"), from its JSON before and after (either
 * NULL): an update as the fields it changed ("Target: 0.8 → 0.75"), a
 * created or deleted record as its fields, labels and enumerated values in
 * the user's language; a value that is not a flat object as folded text
 * (audit_web.c). */
void web_record_change(struct request *req, struct buf *o, const char *entity, const char *before,
		       const char *after);
/* The same as text in the request's arena (NULL for NULL): what a page
 * shows for a stored UTC time. */
const char *web_local_time_text(struct request *req, const char *utc);
/* The UTC time text at which local day d begins (for filters by day). */
void web_local_day_start(struct request *req, day_t d, char out[21]);

/* --- forms described as data (form.c) ------------------------------------ */

enum form_field_kind {
	FIELD_TEXT, FIELD_DATE, FIELD_MONTH, FIELD_AMOUNT, FIELD_ENUM, FIELD_REFERENCE,
	FIELD_NUMBER,                 /* a whole number between min and max (a year) */
	FIELD_FILE,                   /* an upload (the form is sent as multipart) */
	FIELD_CHECKBOX,               /* sends value when ticked */
	FIELD_TEXTAREA,               /* several lines */
	FIELD_HIDDEN,                 /* sent, not shown */
	FIELD_RADIO,                  /* one of options, each a radio in a fieldset */
};
enum {
	FIELD_REQUIRED = 1 << 0,
	FIELD_LOCKED = 1 << 1,        /* shown, sent, not changeable (a key being corrected) */
	FIELD_PLAIN_OPTIONS = 1 << 2, /* enum options shown as they are, not as enum.X */
	FIELD_MULTIPLE = 1 << 3,      /* FIELD_FILE: several files */
	FIELD_CHECKED = 1 << 4,       /* FIELD_CHECKBOX: ticked */
	FIELD_NO_EMPTY = 1 << 5,      /* FIELD_ENUM: no empty choice even when not required */
	FIELD_LABEL_HIDDEN = 1 << 6,  /* the label is for screen readers (the placeholder says it) */
	FIELD_CODE = 1 << 7,          /* FIELD_TEXTAREA: code (JSON), not words: no spellcheck */
	FIELD_ERROR_SHOWN = 1 << 8,   /* error is in the user's language already (a rendered problem) */
};
/* One field: what the renderer needs, nothing about where it came from. */
struct form_field {
	const char *name;             /* the parameter */
	const char *label;            /* shown (already in the user's language) */
	const char *code;             /* the column name shown beside the label, or NULL */
	enum form_field_kind kind;
	unsigned flags;
	const char *const *options;   /* FIELD_ENUM: NULL-terminated values */
	const char *option_prefix;    /* FIELD_ENUM: the catalog prefix of their names (NULL: "enum.") */
	const char *ref;              /* FIELD_REFERENCE: the kind it names */
	const char *value;            /* as typed or stored; NULL = empty */
	const char *error;            /* shown beside it, or NULL */
	const char *placeholder;
	const struct named_record *candidates;  /* an ambiguous name: the choices */
	size_t n_candidates;
	const char *id;               /* the element id (NULL: "f-" name) */
	/* FIELD_ENUM: the options' names in the user's language, in the
	 * options' order (NULL: through the catalog, or plain) */
	const char *const *option_labels;
	const char *accept;           /* FIELD_FILE: the types offered */
	const char *help;             /* a muted line under the field (the user's language) */
	int min, max;                 /* FIELD_NUMBER: the bounds (both 0: none) */
	int maxlength;                /* text kinds: 0 = no limit */
	int rows;                     /* FIELD_TEXTAREA: its height (0: 3) */
	const char *empty_label;      /* FIELD_ENUM: the empty choice's name ("everyone"), or NULL */
};
struct form {
	const char *id;               /* the form element's id, or NULL */
	const char *action;
	const char *css;              /* class="..." */
	const char *error;            /* a problem of no one field, or NULL */
	int error_shown;              /* error is in the user's language already, one a line */
	int has_errors;               /* show the summary above the form */
	struct form_field *fields;
	size_t n_fields;
	const char *submit_label;
	const char *cancel_href;      /* NULL: no cancel link */
	int get;                      /* method="get" (a view's filter: no CSRF field) */
	int plain_submit;             /* the button is not the page's primary action */
	const char *help;             /* a muted line above the buttons (the user's language) */
	/* An action of a button or two, inline in a line of text (confirm,
	 * withdraw, mark won): the fields and the button without the
	 * form's blocks. */
	int inline_form;
	const char *submit_class;     /* the button's class ("danger"), beside plain_submit */
	const char *disabled_by;      /* the button is disabled: the id of what says why */
	const char *confirm;          /* asked before sending (data-confirm, app.js), or NULL */
	const char *intro;            /* a line before the fields (the user's language), or NULL */
	int validate;                 /* the browser checks it first (a confirmation box): no novalidate */
};
/* Renders f: the error summary, every field with its label, value and
 * error, the pickers' datalists and candidates, the CSRF field (a POST
 * form's) and the buttons; a form with a FIELD_FILE is sent as
 * multipart. All text is escaped here. */
void html_form(struct request *req, struct buf *o, const struct form *f);
/* Forms in a card of their own: its heading and a help line (catalog
 * keys; help_key may be NULL) above the n forms. */
void html_form_section(struct request *req, struct buf *o, const char *title_key, const char *help_key,
		       const struct form *forms, size_t n);
/* A year field (1001–9998), the year shown (0: empty); label_key is a
 * catalog key. */
struct form_field form_year_field(struct request *req, const char *name, const char *id,
				  const char *label_key, int year);
/* What a view is shown for (a year, a date, a range): a GET form of
 * fields with a "Show" button, in a filter row. */
void html_view_form(struct request *req, struct buf *o, const char *id, const char *action,
		    struct form_field *fields, size_t n);
/* The fields of a record kind's form from its schema (domain/schema.c):
 * values by column and beside each field the first of problems (may be
 * NULL) about its column, rendered in the user's language; locked_keys
 * locks the key columns. The array lives in the request's arena. */
struct form_field *form_fields_of_table(struct request *req, const struct table *t,
					const char *const *values, const struct problem_list *problems,
					int locked_keys, size_t *n);
/* Reads the reference fields of a record kind's form: a unique name, or
 * a unique part of one, becomes the id; "pick.COLUMN" (a candidate's
 * button) wins. values is changed in place; an ambiguous value gets its
 * candidates in *cands (arena; per column) and a problem about its column
 * in problems ("form.ambiguous"). Returns the number of ambiguous fields. */
size_t form_resolve_refs(struct request *req, const struct table *t, const char **values,
			 struct named_record ***cands, size_t **n_cands,
			 struct problem_list *problems);
/* The id offered to a new record of t (its pattern, next number), in the
 * request's arena; NULL when the kind has no single id or no numbered one. */
const char *form_next_id(struct request *req, const struct table *t);

/* --- records (records_pages.c) ------------------------------------------- */

/* May the logged-in user write records of t at all (the policy's writers)? */
int web_can_write(const struct request *req, const struct table *t);
/* "/records/KIND/WHAT/KEY1/KEY2": a record's edit or delete address. */
void web_record_href(struct buf *out, const struct table *t, const struct record *r, const char *what);

/* --- my page (me_web.c) -------------------------------------------------- */

/* The early warnings of the contracts owner (a person id) is sales or
 * operations owner of, on the alerts page's default date (lifecycle_web.c). */
void web_alerts_owner_panel(struct request *req, struct buf *o, const char *owner);

/* --- handlers ----------------------------------------------------------- */

route_handler api_login, api_logout, api_me, api_openapi, api_kinds, api_records_list,
	api_record_get, api_record_create, api_record_update, api_record_delete, api_users_list,
	api_users_create, api_users_update, api_audit, api_imports, api_scores, api_override,
	api_models_list, api_models_import, api_models_diff, api_models_whatif, api_model_get,
	api_model_activate, api_freeze, api_verify, api_explain, api_alerts, api_cycle,
	api_cycle_referrals, api_promises, api_proposals_list, api_proposal_get, api_proposal_win,
	api_proposal_lose, api_proposal_review, api_feeds, api_feed_maps, api_feed_map_get,
	api_feed_map_put, api_feed_sources, api_jobs_list, api_job_get, api_credits, api_suggest;
route_handler page_login, page_login_post, page_logout, page_dashboard, page_asset,
	page_audit, page_import, page_import_post, page_import_job, page_proposals, page_override,
	page_records_index, page_record_list, page_record_new, page_record_create,
	page_record_edit, page_record_update, page_record_delete, page_scores,
	page_scorecard, page_evidence, page_contract, page_users, page_users_create,
	page_users_update, page_models, page_models_import, page_models_diff, page_models_whatif,
	page_model, page_model_activate, page_model_edit, page_model_edit_save, page_freeze,
	page_verify, page_cycle, page_promises,
	page_proposal, page_proposal_win, page_proposal_lose, page_proposal_review, page_feeds,
	page_feeds_post, page_feed_map_post, page_feed_job, page_credits, page_alerts, page_alert_ack,
	page_changes, page_change, page_change_confirm, page_change_reject, page_change_withdraw,
	page_me;
route_handler api_changes_list, api_change_get, api_change_confirm, api_change_reject,
	api_change_withdraw;

/* The SLA feeds behind a contract's measurements, a card for its page
 * (nothing when no feed reaches it) (feeds_web.c). */
void web_feed_sources_panel(struct request *req, struct buf *o, const char *contract);
/* report_explain() with the SLA feeds behind the months it shows (the
 * evidence page and GET /api/v1/explain) (feeds_web.c). */
/* Runs a queued feed job (kind "feed", store/jobs.h) on the job runner's
 * store: the format and map of its params, the files as uploaded. The
 * importer's lines go to report; detail gets the result as a JSON object
 * (format, map, records, skipped, days, removed, messages). Returns 0
 * (written, or valid for a preview), 1 when the input has problems, -1 on
 * a storage failure (feeds_web.c). */
struct job;
struct job_file;
struct feed_import_result;
int web_feed_job_run(struct store *s, const struct job *job, const struct job_file *files, size_t n,
		     void (*on_progress)(void *ctx, uint64_t records, uint64_t bytes), void *ctx,
		     struct feed_import_result *r, struct buf *report, struct buf *detail);
struct scores;
int web_explain(struct request *req, const struct scores *s, const char *contract,
		const char *criterion, enum lang lang, struct buf *out, struct buf *err);

/* The contract page's SLA terms, month-by-month credits and chart for the
 * default year (credits_web.c). */
void web_credits_contract(struct request *req, struct buf *o, const char *contract_id);

/* The dashboard's early warnings for the scored year of sc, as of today or
 * the year's last day, whichever is earlier (lifecycle_web.c). */
void web_alerts_panel(struct request *req, struct buf *o, const struct scored *sc);

/* Record writes shared by the API and the pages (records_web.c). The
 * values are text per column (NULL = empty); a refusal's problems are
 * appended to problems as structured values (app/records.h), rendered by
 * the caller: beside the field (form_fields_of_table), as the API's JSON
 * (web_problems_answer) or on an error page (html_error_page_problems). */
/* The app's result (app/app.h); *change_id is set for APP_PROPOSED, *code
 * (a policy message key) for APP_FORBIDDEN and APP_CONFLICT refused by the
 * policy. */
enum app_status web_record_write(struct request *req, const struct table *t,
				   const char *const *key, const char **values,
				   struct record *saved, struct problem_list *problems,
				   int64_t *change_id, const char **code);
enum app_status web_record_delete(struct request *req, const struct table *t,
				    const char *const *key, struct problem_list *problems,
				    int64_t *change_id, const char **code);
/* A refused write as the API's answer with status: the first problem as
 * {"error": its English message (for scripts), "field": its column,
 * "code", "params", "message": in the request's language}, every problem
 * under "errors" in that shape and under "problems" as problem_api_json()
 * gives it ({row, column, code, params, message}). */
void web_problems_answer(struct request *req, struct response *res, int status,
			 const struct problem_list *l);
/* Each problem of l in the request's language, one a line, in the
 * request's arena, but those about a column of placed (shown beside their
 * fields; NULL: none is); NULL when there is none. */
const char *web_problems_text(struct request *req, const struct problem_list *l,
			      const struct table *placed);
/* --- jobs (jobs.c) --------------------------------------------------------- */

struct job;
/* The runner thread of this server: started before the daemon, stopped
 * after it (a job being run finishes first). */
int web_jobs_start(struct web_server *srv, struct buf *err);
void web_jobs_stop(struct web_server *srv);
void web_jobs_wake(struct web_server *srv);
/* Stores the request's uploaded files (multipart parts with a file name,
 * or one CSV body named by ?file=) and enqueues their import. Returns 0
 * (*id), 1 when there are no files, 2 when there are more than 32 (why in
 * problem), -1 with err. */
int web_job_enqueue_upload(struct request *req, int dry_run, int64_t *id, struct buf *problem,
			   struct buf *err);
/* A job, with this server's live progress when it runs it; release *out
 * with store_job_release. 0, 1 when there is none, -1 with err. */
int web_job_get(struct request *req, int64_t id, struct job *out, struct buf *err);
/* The same after waiting up to seconds for the job to finish. */
int web_job_wait(struct request *req, int64_t id, long seconds, struct job *out, struct buf *err);
/* Appends the API's JSON object of a job. */
void web_job_json(struct buf *j, const struct job *job);
/* The non-empty lines of text (NULL: none) as a JSON array of strings,
 * appended to j (a job's errors, a feed's messages). */
void web_json_lines(struct buf *j, const char *text);
/* A job page's job: the {id} of the path, of kind (NULL: any). 0 with
 * *job (release with store_job_release), else the error page is sent
 * (404 or 500) and nothing is to be released. */
int web_job_page_get(struct request *req, struct response *res, const char *kind, struct job *job);
/* A failed job's notice (422): key and the number of problems; opens a
 * div the caller closes after the problems. */
void web_job_failed(struct request *req, struct response *res, const struct job *job, const char *key);
/* A job page's heading: its number, state and files; opens the job's
 * section. */
void web_job_heading(struct request *req, struct buf *o, const struct job *job);
/* "Imported as #N": the link to the job that committed a preview. */
void web_job_committed(struct request *req, struct buf *o, const struct job *job, const char *page);
/* A job page while the job waits or runs: its place in the queue or its
 * progress (running_key names it), the page reloading itself every
 * second; page is the job pages' path ("/import/jobs/"). Ends the job's
 * section. */
void web_job_waiting(struct request *req, struct response *res, const struct job *job, const char *page,
		     const char *running_key);
/* The form that imports a valid preview (POST action, commit=ID). */
void web_job_commit_form(struct request *req, struct buf *o, const struct job *job, const char *action);
/* A job API's query: ?dry_run= (anything but 0 is a preview) into
 * *dry_run; returns ?wait= in seconds (0 to 30: a waiting request holds
 * a worker). */
long web_job_query(const struct request *req, int *dry_run);
/* Answers a queued job: 202 and the job, or, when it finished within wait
 * seconds, 200 or 422 with its result; Location names it. failure is the
 * 500's message. */
void web_job_answer(struct request *req, struct response *res, int64_t id, long wait, const char *failure);
/* A path segment as a job id; 0 when it is not one. */
int64_t web_job_id(const char *s);
/* The user's role as text. */
const char *web_role(const struct request *req);
/* Parses "0".."N" query parameter; dflt when absent or bad. */
long web_query_long(const struct request *req, const char *name, long dflt, long min, long max);

/* Splits url's path into req's segments (server.c); -1 when malformed. */
int http_split_path(struct request *req, const char *url);
/* Binds the {name} and * parameters of req's matched route (router.c). */
void web_route_bind(struct request *req);

#endif
