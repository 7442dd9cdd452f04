/* SPDX-License-Identifier: MIT */
/* HTML output: the one escaping function, the page frame (head, the
 * navigation a role may use, the language switch, logout) and error pages.
 * Data reaches a page only through html_escape(); markup given to
 * html_raw() is always a string literal of this module. */
#include "web/web_impl.h"

#include "report/i18n.h"
#include "report/svg.h"
#include "base/clock.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>

/* The escaping itself lives with the SVG charts (report/svg.c), which the
 * HTML reports share, so that there is exactly one. */
void html_escape_n(struct buf *out, const char *s, size_t n)
{
	svg_escape(out, s, n);
}

void html_escape(struct buf *out, const char *s)
{
	if (s)
		html_escape_n(out, s, strlen(s));
}

void html_msg(struct buf *out, const struct request *req, const char *key)
{
	html_escape(out, msg(req->lang, key));
}

void html_error_text(struct buf *out, const struct request *req, const char *text)
{
	struct buf one = BUF_INIT, shown = BUF_INIT;
	size_t n;
	enum lang lang = i18n_lang(req->lang);
	/* Problems come one a line or joined by "; "; each is read on its own. */
	for (const char *s = text ? text : ""; *s;) {
		const char *nl = strchr(s, '\n'), *semi = strstr(s, "; ");
		const char *end = nl && (!semi || nl < semi) ? nl : semi ? semi : s + strlen(s);
		buf_reset(&one);
		buf_add(&one, s, (size_t)(end - s));
		buf_reset(&shown);
		i18n_translate(lang, one.data, &shown, NULL, &n);
		html_escape(out, shown.data);
		if (!*end)
			break;
		html_escape_n(out, end, *end == '\n' ? 1 : 2);
		s = end + (*end == '\n' ? 1 : 2);
	}
	buf_release(&one);
	buf_release(&shown);
}

/* An account's person, looked up once a request (in its arena): the
 * audit log names the same few accounts on a page of 100 rows. */
struct actor_name {
	struct actor_name *next;
	const char *account, *person;     /* person NULL: the account has none */
};

/* The name of the person an account belongs to, or NULL (in the arena). */
static const char *account_person_name(struct request *req, const char *account)
{
	struct user u;
	struct buf err = BUF_INIT;
	const char *name = NULL;
	struct actor_name *seen;
	for (seen = req->actor_names; seen; seen = seen->next)
		if (!strcmp(seen->account, account))
			return seen->person;
	seen = arena_alloc(&req->arena, sizeof *seen);
	seen->account = arena_strdup(&req->arena, account);
	seen->person = NULL;
	seen->next = req->actor_names;
	req->actor_names = seen;
	if (!req->store || users_get(req->store, account, &u, &err) != 0) {
		buf_release(&err);
		return NULL;
	}
	const struct table *people = schema_find("people");
	int col = people ? schema_column(people, "name") : -1;
	if (u.person_id && col >= 0) {
		const char *key[1] = { u.person_id };
		struct record r;
		if (records_get(req->store, people, key, &r, &err) == 0) {
			if (r.values[col] && *r.values[col])
				name = arena_strdup(&req->arena, r.values[col]);
			record_free(people, &r);
		}
	}
	user_release(&u);
	buf_release(&err);
	seen->person = name;
	return name;
}

const char *web_note_text(struct request *req, const char *text)
{
	struct buf t = BUF_INIT;
	size_t n;
	i18n_translate(i18n_lang(req->lang), text, &t, NULL, &n);
	const char *r = arena_strdup(&req->arena, t.data ? t.data : "");
	buf_release(&t);
	return r;
}

void html_note(struct buf *o, struct request *req, const char *text)
{
	html_escape(o, web_note_text(req, text));
}

const char *web_actor_text(struct request *req, const char *actor)
{
	static const struct { const char *prefix, *key; } kinds[] = {
		{ "user:", "audit.by_user" }, { "cli:", "audit.by_cli" }, { "web:", "audit.by_web" },
	};
	enum lang lang = i18n_lang(req->lang);
	if (!actor || !*actor)
		return msg(req->lang, "audit.unknown_user");
	if (!strcmp(actor, "demo"))
		return msg(req->lang, "audit.by_demo");
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i].prefix);
		if (strncmp(actor, kinds[i].prefix, n))
			continue;
		const char *who = actor + n, *person = NULL;
		struct buf t = BUF_INIT;
		if (!strcmp(who, "unknown"))
			who = msg(req->lang, "audit.unknown_user");
		else if (i == 0)
			person = account_person_name(req, who);
		if (person) {
			const char *args[] = { person, who };
			i18n_add(&t, lang, "audit.by_person", args, 2);
		} else {
			const char *args[] = { who };
			i18n_add(&t, lang, kinds[i].key, args, 1);
		}
		const char *r = arena_strdup(&req->arena, t.data);
		buf_release(&t);
		return r;
	}
	return actor;
}

void html_actor(struct buf *o, struct request *req, const char *actor)
{
	html_escape(o, web_actor_text(req, actor));
}

void html_grouped_number(struct buf *o, const char *v)
{
	const char *dot = strchr(v, '.');
	size_t int_len = dot ? (size_t)(dot - v) : strlen(v);
	size_t start = v[0] == '-' ? 1 : 0;
	buf_add(o, v, start);
	for (size_t i = start; i < int_len; i++) {
		if (i > start && (int_len - i) % 3 == 0)
			buf_addc(o, ',');
		buf_addc(o, v[i]);
	}
	buf_adds(o, v + int_len);
}

/* Korean readers count in 만 (10⁴), 억 (10⁸) and 조 (10¹²): "4억 5,000만"
 * into t; 0, or -1 for an amount under 만, negative or too large. */
static int korean_units(const char *v, struct buf *t)
{
	size_t int_len = strcspn(v, ".");
	if (v[0] == '-' || int_len < 5 || int_len > 18)
		return -1;
	unsigned long long n = 0;
	for (size_t i = 0; i < int_len; i++)
		n = n * 10 + (unsigned long long)(v[i] - '0');
	static const struct { unsigned long long unit; const char *name; } units[] = {
		{ 1000000000000ULL, "조" }, { 100000000ULL, "억" }, { 10000ULL, "만" },
	};
	for (size_t i = 0; i < 3; i++) {
		unsigned long long q = n / units[i].unit;
		n %= units[i].unit;
		if (!q)
			continue;
		char num[32];
		struct buf gq = BUF_INIT;
		snprintf(num, sizeof num, "%llu", q);
		html_grouped_number(&gq, num);
		buf_addf(t, "%s%s%s", t->len ? " " : "", gq.data, units[i].name);
		buf_release(&gq);
	}
	if (n) {
		char num[32];
		struct buf gq = BUF_INIT;
		snprintf(num, sizeof num, "%llu", n);
		html_grouped_number(&gq, num);
		buf_addf(t, "%s%s", t->len ? " " : "", gq.data);
		buf_release(&gq);
	}
	return 0;
}

void html_money(struct buf *o, const struct request *req, const char *v)
{
	struct buf g = BUF_INIT, t = BUF_INIT;
	html_grouped_number(&g, v);
	html_escape(o, g.data);
	buf_release(&g);
	if (strcmp(req->lang, "ko") || korean_units(v, &t)) {
		buf_release(&t);
		return;
	}
	html_raw(o, " <span class=\"muted small\">(");
	html_escape(o, t.data);
	html_raw(o, "원)</span>");
	buf_release(&t);
}

void html_money_short(struct buf *o, const struct request *req, const char *v)
{
	struct buf g = BUF_INIT, t = BUF_INIT;
	html_grouped_number(&g, v);
	if (!strcmp(req->lang, "ko") && !korean_units(v, &t)) {
		html_raw(o, "<span title=\"");
		html_escape(o, g.data);
		html_raw(o, "\">");
		html_escape(o, t.data);
		html_raw(o, "원</span>");
	} else {
		html_raw(o, "₩");
		html_escape(o, g.data);
	}
	buf_release(&g);
	buf_release(&t);
}

void html_link(struct buf *out, const char *href, const char *text)
{
	html_raw(out, "<a href=\"");
	html_escape(out, href);
	html_raw(out, "\">");
	html_escape(out, text);
	html_raw(out, "</a>");
}

void html_csrf_field(struct request *req, struct buf *out)
{
	if (!req->logged_in)
		return;
	html_raw(out, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(out, req->session.csrf);
	html_raw(out, "\">");
}

/* The navigation, by position. Who sees an entry is who may GET its
 * route (router.c): the visibility is the route table's, not a copy. */
const struct web_nav_entry web_nav[] = {
	{ "/", "nav.dashboard" },
	{ "/alerts", "nav.alerts" },
	{ "/scores", "nav.scores" },
	{ "/proposals", "nav.proposals" },
	{ "/promises", "nav.promises" },
	{ "/credits", "nav.credits" },
	{ "/cycle", "nav.cycle" },
	{ "/models", "nav.models" },
	{ "/records", "nav.records" },
	{ "/changes", "nav.changes" },
	{ "/import", "nav.import" },
	{ "/feeds", "nav.feeds" },
	{ "/audit", "nav.audit" },
	{ "/users", "nav.users" },
};
const size_t web_n_nav = sizeof web_nav / sizeof web_nav[0];

/* Appends query (the part after '?', as sent) without its lang fields. */
static void query_without_lang(struct buf *out, const char *query, size_t len)
{
	const char *p = query, *end = query + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		size_t n = amp ? (size_t)(amp - p) : (size_t)(end - p);
		if (n && !(n >= 5 && !memcmp(p, "lang=", 5))) {
			buf_add(out, p, n);
			buf_addc(out, '&');
		}
		p += n + 1;
	}
}

/* The page a POST was sent from, when the browser says so and it is this
 * site's: "http://HOST/path?q" → "/path?q&" (lang dropped). 0 when not. */
static int referring_page(const struct request *req, struct buf *out)
{
	const char *r = req->referer, *path;
	size_t host_len = req->host ? strlen(req->host) : 0;
	if (!r || !host_len)
		return 0;
	if (!strncmp(r, "http://", 7))
		r += 7;
	else if (!strncmp(r, "https://", 8))
		r += 8;
	else
		return 0;
	if (strncmp(r, req->host, host_len) || r[host_len] != '/')
		return 0;
	path = r + host_len;
	/* "//host" and "/\\host" would leave the site; a fragment is no page. */
	if (path[1] == '/' || path[1] == '\\' || strchr(path, '#'))
		return 0;
	const char *q = strchr(path, '?');
	size_t path_len = q ? (size_t)(q - path) : strlen(path);
	/* Only a page a link can show again: one with a GET route. */
	char copy[512], *segs[16];
	size_t n = 0;
	if (path_len >= sizeof copy)
		return 0;
	memcpy(copy, path, path_len);
	copy[path_len] = '\0';
	for (char *t = copy + 1; *t && n < 16;) {
		segs[n++] = t;
		char *slash = strchr(t, '/');
		if (!slash)
			break;
		*slash = '\0';
		t = slash + 1;
	}
	if (!web_route_page((const char *const *)segs, n))
		return 0;
	buf_add(out, path, path_len);
	buf_addc(out, '?');
	if (q)
		query_without_lang(out, q + 1, strlen(q + 1));
	return 1;
}

/* The nearest GET page at or above the request's path: /proposals/PR6/win
 * → /proposals/PR6, /models/whatif → /models; "/path?" into out. */
static void page_above(const struct request *req, struct buf *out)
{
	size_t k = req->n_segs;
	while (k > 0 && !web_route_page((const char *const *)req->segs, k))
		k--;
	/* The first k segments of the path as sent (still percent-encoded). */
	const char *p = req->path;
	for (size_t i = 0; i < k && *p; i++) {
		p = strchr(p + 1, '/');
		if (!p) {
			p = req->path + strlen(req->path);
			break;
		}
	}
	if (k == 0)
		buf_adds(out, "/");
	else
		buf_add(out, req->path, (size_t)(p - req->path));
	buf_addc(out, '?');
}

/* Whether the navigation entry nav is the section of the page asked for
 * ("/" only for itself, any other by prefix). */
static int nav_current(const struct request *req, const struct web_nav_entry *nav)
{
	size_t hl = strlen(nav->href);
	return hl == 1 ? !strcmp(req->path, "/") : !strncmp(req->path, nav->href, hl);
}

/* The current page with lang=L instead of any lang it had. A request that
 * cannot be repeated by a link (a POST: a refused win, a what-if, a form
 * with errors; a GET of a path that only takes POST) switches to the GET
 * page showing the same thing: the page the form was sent from, else the
 * record's page above the path. */
static void lang_href(struct request *req, struct buf *out, const char *lang)
{
	int known = 0;
	int repeatable = req->method == HTTP_GET &&
			 (req->route || (!web_route_find((const char *const *)req->segs, req->n_segs,
							 HTTP_GET, &known) && !known));
	if (!repeatable) {
		if (!referring_page(req, out))
			page_above(req, out);
		buf_addf(out, "lang=%s", lang);
		return;
	}
	buf_adds(out, req->path);
	buf_addc(out, '?');
	for (size_t i = 0; i < req->n_query; i++) {
		if (!strcmp(req->query[i].name, "lang"))
			continue;
		http_url_escape(out, req->query[i].name);
		buf_addc(out, '=');
		http_url_escape(out, req->query[i].value);
		buf_addc(out, '&');
	}
	buf_addf(out, "lang=%s", lang);
}

void html_page_begin(struct request *req, struct response *res, const char *title_key,
		     const char *title_extra)
{
	struct buf *o = &res->body;
	res->content_type = "text/html; charset=utf-8";
	buf_reset(o);
	html_raw(o, "<!doctype html>\n<html lang=\"");
	html_escape(o, req->lang);
	html_raw(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_msg(o, req, title_key);
	if (title_extra) {
		html_raw(o, " · ");
		html_escape(o, title_extra);
	}
	html_raw(o, " — Tandem</title>\n"
		 "<link rel=\"stylesheet\" href=\"/assets/web/app.css\">\n"
		 "<link rel=\"icon\" href=\"/assets/web/icon.svg\" type=\"image/svg+xml\">\n"
		 "<script src=\"/assets/web/app.js\" defer></script>\n</head>\n<body>\n"
		 "<a class=\"skip\" href=\"#main\">");
	html_msg(o, req, "nav.skip");
	html_raw(o, "</a>\n<header class=\"top\">\n<a class=\"brand\" href=\"/\">Tandem</a>\n");
	if (req->logged_in) {
		/* On a phone the navigation folds behind a menu button naming
		 * the current section (a checkbox and its label: no script
		 * needed); on a wider screen the button is not shown. */
		const char *here = NULL;
		for (size_t i = 0; i < web_n_nav && !here; i++)
			if (nav_current(req, &web_nav[i]) && web_may(req, HTTP_GET, web_nav[i].href, NULL))
				here = web_nav[i].key;
		html_raw(o, "<input type=\"checkbox\" id=\"menu-toggle\" class=\"menu-toggle\">"
			 "<label for=\"menu-toggle\" class=\"menu-button\">☰ ");
		html_msg(o, req, "nav.menu");
		if (here) {
			html_raw(o, " · <span class=\"menu-here\">");
			html_msg(o, req, here);
			html_raw(o, "</span>");
		}
		html_raw(o, "</label>\n<nav aria-label=\"");
		html_msg(o, req, "nav.label");
		html_raw(o, "\"><ul>\n");
		for (size_t i = 0; i < web_n_nav; i++) {
			if (!web_may(req, HTTP_GET, web_nav[i].href, NULL))
				continue;
			int current = nav_current(req, &web_nav[i]);
			html_raw(o, "<li><a href=\"");
			html_escape(o, web_nav[i].href);
			html_raw(o, current ? "\" aria-current=\"page\">" : "\">");
			html_msg(o, req, web_nav[i].key);
			if (!strcmp(web_nav[i].href, "/changes")) {
				long waiting = web_changes_waiting_count(req);
				if (waiting > 0) {
					char num[32];
					snprintf(num, sizeof num, "%ld", waiting);
					html_raw(o, " <span class=\"badge warn\" id=\"changes-waiting\" title=\"");
					html_msg(o, req, "changes.waiting");
					html_raw(o, "\">");
					html_escape(o, num);
					html_raw(o, "</span>");
				}
			}
			html_raw(o, "</a></li>\n");
		}
		html_raw(o, "</ul></nav>\n");
	}
	html_raw(o, "<div class=\"who\">\n");
	struct buf href = BUF_INIT;
	html_raw(o, "<span class=\"langs\">");
	lang_href(req, &href, "ko");
	html_raw(o, "<a lang=\"ko\" hreflang=\"ko\" href=\"");
	html_escape(o, href.data);
	html_raw(o, strcmp(req->lang, "ko") ? "\">" : "\" aria-current=\"true\">");
	html_raw(o, "한국어</a> ");
	buf_reset(&href);
	lang_href(req, &href, "en");
	html_raw(o, "<a lang=\"en\" hreflang=\"en\" href=\"");
	html_escape(o, href.data);
	html_raw(o, strcmp(req->lang, "en") ? "\">" : "\" aria-current=\"true\">");
	html_raw(o, "English</a></span>\n");
	buf_release(&href);
	if (req->logged_in) {
		html_raw(o, "<span class=\"user\">");
		if (req->session.user.person_id) {
			/* an account that is a person has its own page */
			html_raw(o, "<a href=\"/me\" id=\"my-page\"");
			html_raw(o, !strcmp(req->path, "/me") ? " aria-current=\"page\">" : ">");
			html_msg(o, req, "me.title");
			html_raw(o, "</a> · ");
		}
		html_escape(o, req->session.user.name);
		html_raw(o, " <span class=\"role\">");
		html_msg(o, req, arena_printf(&req->arena, "role.%s", web_role(req)));
		html_raw(o, "</span></span>\n<form method=\"post\" action=\"/logout\" class=\"inline\">");
		html_csrf_field(req, o);
		html_raw(o, "<button type=\"submit\" class=\"link\">");
		html_msg(o, req, "nav.logout");
		html_raw(o, "</button></form>\n");
	}
	html_raw(o, "</div>\n</header>\n<main id=\"main\">\n<h1>");
	html_msg(o, req, title_key);
	if (title_extra) {
		html_raw(o, " <span class=\"subtitle\">");
		html_escape(o, title_extra);
		html_raw(o, "</span>");
	}
	html_raw(o, "</h1>\n");
}

void html_page_end(struct request *req, struct response *res)
{
	html_raw(&res->body, "</main>\n<footer><p>Tandem · ");
	html_msg(&res->body, req, "footer.tagline");
	html_raw(&res->body, "</p></footer>\n</body>\n</html>\n");
}

/* An error page: detail English from the code (read through the catalog)
 * or, shown, already in the user's language (one problem a line). */
static void error_page(struct request *req, struct response *res, int status, const char *key,
		       const char *detail, int shown)
{
	res->status = status;
	html_page_begin(req, res, key, NULL);
	html_raw(&res->body, "<p class=\"notice error\" role=\"alert\">");
	html_msg(&res->body, req, key);
	if (detail && !shown) {
		html_raw(&res->body, ": ");
		html_error_text(&res->body, req, detail);
	}
	for (const char *s = shown ? detail : NULL; s && *s;) {
		size_t len = strcspn(s, "\n");
		html_raw(&res->body, s == detail ? ": " : "<br>");
		html_escape_n(&res->body, s, len);
		s += len + (s[len] == '\n');
	}
	html_raw(&res->body, "</p>\n<p><a href=\"/\">");
	html_msg(&res->body, req, "nav.dashboard");
	html_raw(&res->body, "</a></p>\n");
	html_page_end(req, res);
}

void html_error_page(struct request *req, struct response *res, int status, const char *key,
		     const char *detail)
{
	error_page(req, res, status, key, detail, 0);
}

void html_error_page_shown(struct request *req, struct response *res, int status, const char *key,
			   const char *shown)
{
	error_page(req, res, status, key, shown, 1);
}

void html_problem_list(struct buf *o, const char *lines)
{
	html_raw(o, "<ul class=\"problems\">\n");
	for (const char *line = lines ? lines : ""; *line;) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		if (len) {
			html_raw(o, "<li><code>");
			html_escape_n(o, line, len);
			html_raw(o, "</code></li>\n");
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	html_raw(o, "</ul>\n");
}

/* --- times in the server's zone ---------------------------------------------- */

static int two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

void web_local_time(struct request *req, const char *utc, char out[20])
{
	day_t d;
	int h, mi, se;
	if (!utc || strlen(utc) != 20 || utc[10] != 'T' || utc[19] != 'Z' || date_parse(utc, 10, &d) ||
	    two_digits(utc + 11, &h) || two_digits(utc + 14, &mi) || two_digits(utc + 17, &se)) {
		snprintf(out, 20, "%s", utc ? utc : "");
		return;
	}
	feed_tz_local(&req->srv->tz, (int64_t)d * 86400 + h * 3600 + mi * 60 + se, out);
}

const char *web_local_time_text(struct request *req, const char *utc)
{
	char t[20];
	if (!utc)
		return NULL;
	web_local_time(req, utc, t);
	return arena_strdup(&req->arena, t);
}

void web_local_day_start(struct request *req, day_t d, char out[21])
{
	struct feed_tz tz = req->srv->tz;      /* its caches are per copy: no sharing */
	clock_iso((time_t)feed_tz_utc(&tz, d, 0), out);
}
