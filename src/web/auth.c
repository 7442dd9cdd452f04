/* SPDX-License-Identifier: MIT */
/* Logging in and out, for the API and the pages, and the limits on trying:
 * per account (the store counts failures and locks the account, users.c)
 * and per address (an in-memory window here, so that one address cannot
 * walk through many accounts). The login form has no session to carry a
 * CSRF token, so it uses a double-submit cookie instead. */
#include "web/web_impl.h"

#include "base/clock.h"
#include "io/jsonw.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct addr_failures *addr_slot(struct web_server *srv, const char *addr, int create)
{
	uint32_t h = 2166136261u;
	for (const char *p = addr; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	struct addr_failures *slot = &srv->addrs[h % ADDR_SLOTS];
	if (strcmp(slot->addr, addr)) {
		if (!create)
			return NULL;
		/* A collision replaces the older address: the limit is a brake,
		 * not an accounting system. */
		memset(slot, 0, sizeof *slot);
		snprintf(slot->addr, sizeof slot->addr, "%s", addr);
	}
	return slot;
}

int web_addr_blocked(struct web_server *srv, const char *addr)
{
	int blocked = 0;
	time_t now = clock_now();
	pthread_mutex_lock(&srv->addr_lock);
	struct addr_failures *f = addr_slot(srv, addr, 0);
	if (f && now - f->window_start < srv->cfg.addr_window_seconds &&
	    f->count >= srv->cfg.addr_max_failures)
		blocked = 1;
	pthread_mutex_unlock(&srv->addr_lock);
	return blocked;
}

void web_addr_failed(struct web_server *srv, const char *addr)
{
	time_t now = clock_now();
	pthread_mutex_lock(&srv->addr_lock);
	struct addr_failures *f = addr_slot(srv, addr, 1);
	if (now - f->window_start >= srv->cfg.addr_window_seconds) {
		f->window_start = now;
		f->count = 0;
	}
	f->count++;
	pthread_mutex_unlock(&srv->addr_lock);
}

void web_set_session_cookie(struct request *req, struct response *res, const char *token)
{
	const char *secure = req->srv->cfg.tls_proxy ? "; Secure" : "";
	char *c = token
		? arena_printf(&req->arena, "tandem_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
			       token, secure)
		: arena_printf(&req->arena, "tandem_session=; Path=/; HttpOnly; SameSite=Strict;"
			       " Max-Age=0%s", secure);
	http_header(res, req, "Set-Cookie", c);
}

enum login_outcome { OUT_OK, OUT_BAD, OUT_DISABLED, OUT_BUSY, OUT_HASHING, OUT_ERROR };

int web_hash_limit(int threads)
{
	int limit = threads - 1;
	if (limit > HASH_SLOTS)
		limit = HASH_SLOTS;
	return limit < 1 ? 1 : limit;
}

/* Takes a hashing slot for a login of name from addr: its index, or -1
 * when hash_limit hashes are under way, or one for the same name, or one
 * from the same address. An unknown name is treated as a known one, so
 * the answer says nothing about which exist; one address flooding one or
 * many names keeps one core busy at most, and the other workers answer. */
static int hash_slot_take(struct web_server *srv, const char *name, const char *addr)
{
	unsigned char by_name[16], by_addr[16];
	int used = 0, free_slot = -1, clash = 0;
	crypto_generichash(by_name, sizeof by_name, (const unsigned char *)name, strlen(name),
			   NULL, 0);
	crypto_generichash(by_addr, sizeof by_addr, (const unsigned char *)addr, strlen(addr),
			   NULL, 0);
	pthread_mutex_lock(&srv->hash_lock);
	for (int i = 0; i < HASH_SLOTS; i++) {
		if (!srv->hash_used[i]) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		used++;
		if (!memcmp(srv->hash_name[i], by_name, sizeof by_name) ||
		    !memcmp(srv->hash_addr[i], by_addr, sizeof by_addr))
			clash = 1;
	}
	if (clash || used >= srv->hash_limit || free_slot < 0) {
		free_slot = -1;
	} else {
		srv->hash_used[free_slot] = 1;
		memcpy(srv->hash_name[free_slot], by_name, sizeof by_name);
		memcpy(srv->hash_addr[free_slot], by_addr, sizeof by_addr);
	}
	pthread_mutex_unlock(&srv->hash_lock);
	return free_slot;
}

static void hash_slot_give(struct web_server *srv, int slot)
{
	pthread_mutex_lock(&srv->hash_lock);
	srv->hash_used[slot] = 0;
	pthread_mutex_unlock(&srv->hash_lock);
}

/* Checks the limits and the password; on success makes the session and
 * sets the cookie, and *csrf is its token. */
static enum login_outcome do_login(struct request *req, struct response *res, const char *name,
				   const char *password, char csrf[65])
{
	struct web_server *srv = req->srv;
	struct login_policy policy = { srv->cfg.max_failures, srv->cfg.lockout_seconds };
	enum login_result lr;
	struct user u;
	struct buf err = BUF_INIT;
	char token[65];
	enum login_outcome out = OUT_ERROR;

	if (web_addr_blocked(srv, req->remote)) {
		out = OUT_BUSY;
		goto done;
	}
	if (!password || strlen(password) > PASSWORD_MAX) {
		web_addr_failed(srv, req->remote);
		out = OUT_BAD;
		goto done;
	}
	/* An unknown or malformed name costs a password hash too (users_login
	 * hashes a dummy), and a locked account is checked all the same and
	 * answered as a wrong password: neither the answer nor its time says
	 * which names exist or are locked. */
	int slot = hash_slot_take(srv, name ? name : "", req->remote);
	if (slot < 0) {
		out = OUT_HASHING;
		goto done;
	}
	int failed = users_login(req->store, name ? name : "", password, &policy, &lr, &u, &err);
	hash_slot_give(srv, slot);
	if (failed)
		goto done;
	switch (lr) {
	case LOGIN_OK:
		break;
	case LOGIN_BAD:
	case LOGIN_LOCKED:
		web_addr_failed(srv, req->remote);
		out = OUT_BAD;
		goto done;
	case LOGIN_DISABLED:
		out = OUT_DISABLED;
		goto done;
	}
	int ended = 0;
	if (sessions_create(req->store, u.name, req->lang, srv->cfg.session_ttl, srv->cfg.max_sessions,
			    &ended, token, csrf, &err)) {
		user_release(&u);
		goto done;
	}
	if (ended)   /* a session the cache still trusts may be gone */
		web_session_forget_all(srv);
	/* The address's failures stay counted: a success (perhaps by another
	 * account from the same address) does not buy its owner new tries. */
	web_set_session_cookie(req, res, token);
	sodium_memzero(token, sizeof token);
	user_release(&u);
	out = OUT_OK;
done:
	if (out == OUT_ERROR)
		fprintf(stderr, "tandem serve: login: %s\n", err.data);
	buf_release(&err);
	return out;
}

static int is_json(const struct request *req)
{
	return req->content_type && !strncmp(req->content_type, "application/json", 16);
}

void api_login(struct request *req, struct response *res)
{
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT, json = BUF_INIT;
	char csrf[65];
	const char *name = NULL, *password = NULL;

	/* A cross-site form cannot send application/json without CORS. */
	if (!is_json(req)) {
		http_json_error(res, 415, NULL, "send the login as application/json");
		goto out;
	}
	if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
		http_json_error(res, 400, NULL, "%s", err.data);
		goto out;
	}
	static const char *const login_fields[] = { "name", "password", NULL };
	if (jsonin_known_only(res, p, n, login_fields))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(p[i].name, "name"))
			name = p[i].value;
		else if (!strcmp(p[i].name, "password"))
			password = p[i].value;
	}
	switch (do_login(req, res, name, password, csrf)) {
	case OUT_OK: {
		struct user u;
		memset(&u, 0, sizeof u);
		buf_adds(&json, "{\"name\":");
		json_write_string(&json, name, strlen(name));
		if (users_get(req->store, name, &u, &err) == 0) {
			const char *r = role_name(u.role);
			buf_adds(&json, ",\"role\":");
			json_write_string(&json, r ? r : "", r ? strlen(r) : 0);
			user_release(&u);
		}
		buf_addf(&json, ",\"csrf\":\"%s\"}", csrf);
		http_json(res, 200, &json);
		break;
	}
	case OUT_BAD:
		http_json_error(res, 401, NULL, "wrong name or password");
		break;
	case OUT_BUSY:
		http_json_error(res, 429, NULL, "too many failed logins from this address; try again later");
		break;
	case OUT_HASHING:
		http_header(res, req, "Retry-After", "1");
		http_json_error(res, 429, NULL, "too many logins at once; try again in a moment");
		break;
	case OUT_DISABLED:
		http_json_error(res, 403, NULL, "this account is disabled");
		break;
	case OUT_ERROR:
		http_json_error(res, 500, NULL, "internal error");
		break;
	}
out:
	sodium_memzero(csrf, sizeof csrf);
	buf_release(&err);
	buf_release(&json);
}

static void end_session(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT;
	if (sessions_delete(req->store, req->session_token, &err) < 0)
		fprintf(stderr, "tandem serve: logout: %s\n", err.data);
	web_session_forget(req->srv, req->session_token);
	web_set_session_cookie(req, res, NULL);
	buf_release(&err);
}

void api_logout(struct request *req, struct response *res)
{
	struct buf json = BUF_INIT;
	end_session(req, res);
	buf_adds(&json, "{\"ok\":true}");
	http_json(res, 200, &json);
	buf_release(&json);
}

void page_logout(struct request *req, struct response *res)
{
	end_session(req, res);
	http_redirect(res, req, "/login");
}

/* Only local paths are followed after a login, so that a link cannot send
 * a user elsewhere. A browser drops tabs and line breaks from a URL and
 * reads a backslash as a slash, so "/\t/evil", "//evil" and "/\\evil" all
 * name another host: a target with any control character, space or
 * backslash, or that begins with two slashes, is refused (the user lands
 * on "/"). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/')
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

static void login_form(struct request *req, struct response *res, const char *error_key,
		       const char *name)
{
	struct buf *o = &res->body;
	char token[65];
	unsigned char raw[32];
	const char *next = safe_next(http_query(req, "next") ? http_query(req, "next")
				     : http_form(req, "next"));

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, sizeof token, raw, sizeof raw);
	http_header(res, req, "Set-Cookie",
		    arena_printf(&req->arena, "login_csrf=%s; Path=/login; HttpOnly; SameSite=Strict%s",
				 token, req->srv->cfg.tls_proxy ? "; Secure" : ""));
	html_page_begin(req, res, "login.title", NULL);
	html_raw(o, "<section class=\"card narrow\">\n");
	if (error_key) {
		html_raw(o, "<p class=\"notice error\" role=\"alert\" id=\"login-error\">");
		html_msg(o, req, error_key);
		html_raw(o, "</p>\n");
	}
	html_raw(o, "<form method=\"post\" action=\"/login\" class=\"stack\">\n"
		 "<input type=\"hidden\" name=\"login_csrf\" value=\"");
	html_escape(o, token);
	html_raw(o, "\">\n<input type=\"hidden\" name=\"next\" value=\"");
	html_escape(o, next);
	html_raw(o, "\">\n<label for=\"name\">");
	html_msg(o, req, "login.name");
	html_raw(o, "</label>\n<input id=\"name\" name=\"name\" autocomplete=\"username\" required"
		 " autofocus maxlength=\"64\" value=\"");
	html_escape(o, name ? name : "");
	html_raw(o, "\"");
	if (error_key)
		html_raw(o, " aria-describedby=\"login-error\"");
	html_raw(o, ">\n<label for=\"password\">");
	html_msg(o, req, "login.password");
	html_raw(o, "</label>\n<input id=\"password\" name=\"password\" type=\"password\""
		 " autocomplete=\"current-password\" required maxlength=\"1024\">\n"
		 "<button type=\"submit\" class=\"primary\">");
	html_msg(o, req, "login.submit");
	html_raw(o, "</button>\n</form>\n</section>\n");
	html_page_end(req, res);
}

void page_login(struct request *req, struct response *res)
{
	if (req->logged_in) {
		http_redirect(res, req, "/");
		return;
	}
	login_form(req, res, NULL, NULL);
}

void page_login_post(struct request *req, struct response *res)
{
	const char *cookie = http_cookie(req, "login_csrf");
	const char *field = http_form(req, "login_csrf");
	const char *name = http_form(req, "name");
	char csrf[65];

	if (!cookie || !field || strlen(cookie) != 64 || strlen(field) != 64 ||
	    sodium_memcmp(cookie, field, 64)) {
		res->status = 403;
		login_form(req, res, "login.expired", name);
		return;
	}
	switch (do_login(req, res, name, http_form(req, "password"), csrf)) {
	case OUT_OK:
		http_redirect(res, req, safe_next(http_form(req, "next")));
		break;
	case OUT_BAD:
		res->status = 401;
		login_form(req, res, "login.bad", name);
		break;
	case OUT_BUSY:
		res->status = 429;
		login_form(req, res, "login.locked", name);
		break;
	case OUT_HASHING:
		res->status = 429;
		http_header(res, req, "Retry-After", "1");
		login_form(req, res, "login.busy", name);
		break;
	case OUT_DISABLED:
		res->status = 403;
		login_form(req, res, "login.disabled", name);
		break;
	case OUT_ERROR:
		html_error_page(req, res, 500, "error.internal", NULL);
		break;
	}
	sodium_memzero(csrf, sizeof csrf);
}

int web_demo_users(struct store *s, struct buf *out_passwords, struct buf *err)
{
	return users_demo(s, "demo", out_passwords, err);
}
