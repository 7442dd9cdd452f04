/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the web module's request parsing (src/web/http.c,
 * jsonin.c, router.c): the path splitter and the route table's matching and
 * parameter binding, query strings and urlencoded forms, multipart bodies,
 * flat JSON bodies, cookies and percent-encoding. Any bytes must give a
 * parse or a refusal, never a crash, a leak or a value that is not
 * NUL-terminated at its length. The input is one request, as lines:
 *   line 1  the request target, "/path?query"
 *   line 2  the Content-Type header
 *   line 3  the Cookie header
 *   rest    the body
 * It calls the server's own http_split_path() and web_route_bind(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_impl.h"

/* A copy of the next line of data (NUL-terminated, without the '\n'), in a. */
static char *next_line(struct arena *a, const uint8_t **data, size_t *size, size_t *len)
{
	const uint8_t *nl = memchr(*data, '\n', *size);
	size_t l = nl ? (size_t)(nl - *data) : *size;
	char *s = arena_strndup(a, (const char *)*data, l);
	*data += l + (nl != NULL);
	*size -= l + (nl != NULL);
	if (len)
		*len = l;
	return s;
}

/* Every parsed field is NUL-terminated at its length. */
static void check_params(const struct param *p, size_t n, size_t max)
{
	if (n > max)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (!p[i].name)
			abort();
		if (p[i].value && p[i].value[p[i].len] != '\0')
			abort();
	}
}

static void fuzz_route(struct request *req, const char *target)
{
	static const enum http_method methods[] = { HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_DELETE };
	const char *q = strchr(target, '?');
	char *path = arena_strndup(&req->arena, target, q ? (size_t)(q - target) : strlen(target));
	if (!path[0] || http_split_path(req, path))
		return;
	for (size_t i = 0; i < req->n_segs; i++)
		if (strchr(req->segs[i], '/') && !strstr(path, "%2F") && !strstr(path, "%2f"))
			abort();            /* a '/' in a segment only by %2F */
	for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
		int known = -1;
		req->route = web_route_find((const char *const *)req->segs, req->n_segs, methods[m],
					    &known);
		if (known != 0 && known != 1)
			abort();
		if (!req->route)
			continue;
		if (!known || req->route->method != methods[m])
			abort();
		req->rest = NULL;
		req->n_rest = 0;
		web_route_bind(req);
		/* What web_route_bind() takes must be segments of this request. */
		for (size_t i = 0; i < req->n_params; i++) {
			size_t j = 0;
			while (j < req->n_segs && req->params[i] != req->segs[j])
				j++;
			if (j == req->n_segs)
				abort();
		}
		if (strchr(req->route->pattern, '*') &&
		    (!req->rest || req->n_rest == 0 || req->rest + req->n_rest != req->segs + req->n_segs))
			abort();
	}
}

/* Percent-encoding: what http_url_escape() writes, http_unescape() reads
 * back unchanged; unescaping never grows a string. */
static void fuzz_escape(const char *s, size_t len)
{
	struct buf esc = BUF_INIT;
	char *copy = malloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	size_t clen = strlen(copy);
	http_url_escape(&esc, copy);
	size_t back = http_unescape(esc.data, esc.len, 0);
	if (back != clen || memcmp(esc.data, copy, clen))
		abort();
	memcpy(copy, s, len);
	if (http_unescape(copy, len, 1) > len)
		abort();
	buf_release(&esc);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request req;
	struct param *p = NULL;
	size_t n = 0, tlen;
	struct buf err = BUF_INIT;

	memset(&req, 0, sizeof req);
	char *target = next_line(&req.arena, &data, &size, &tlen);
	char *content_type = next_line(&req.arena, &data, &size, NULL);
	req.cookie_header = next_line(&req.arena, &data, &size, NULL);
	/* The body, NUL-terminated as the server's buffer is. */
	char *body = arena_strndup(&req.arena, (const char *)data, size);

	fuzz_route(&req, target);

	const char *q = strchr(target, '?');
	if (q) {
		http_parse_urlencoded(&req.arena, q + 1, strlen(q + 1), &req.query, &req.n_query);
		check_params(req.query, req.n_query, 512);
		http_query(&req, "lang");
	}

	http_parse_urlencoded(&req.arena, body, size, &p, &n);
	check_params(p, n, 512);

	p = NULL;
	n = 0;
	if (http_parse_multipart(&req.arena, content_type, body, size, &p, &n) == 0) {
		check_params(p, n, 512);
		req.form = p;
		req.n_form = n;
		http_form(&req, "csrf");
		http_form_param(&req, "file");
	}

	p = NULL;
	n = 0;
	if (jsonin_parse_flat(&req.arena, body, size, &p, &n, &err) == 0) {
		check_params(p, n, 256);
		if (err.len)
			abort();
	} else if (!err.len) {
		abort();                    /* a refusal always says why */
	}

	const char *c = http_cookie(&req, "tandem_session");
	if (c && !strstr(req.cookie_header, c))
		abort();
	http_cookie(&req, "lang");

	fuzz_escape(target, tlen);
	fuzz_escape(body, size);

	buf_release(&err);
	arena_release(&req.arena);
	return 0;
}
