/* SPDX-License-Identifier: MIT */
/* Request parsing and response helpers of http.h: the per-request arena,
 * query strings, forms (urlencoded and multipart), cookies and JSON errors.
 * Everything parsed from the network is copied into the request's arena. */
#include "web/http.h"

#include "io/jsonw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

#define ARENA_CHUNK 8192

void *arena_alloc(struct arena *a, size_t n)
{
	size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (!n)
		n = align;
	if (!a->head || a->head->size - a->head->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		struct arena_chunk *c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)a->head->data + a->head->used;
	a->head->used += n;
	a->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(p, small, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		xfree(c);
		c = next;
	}
	a->head = NULL;
	a->used = 0;
}

static const char *find_param(const struct param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}

const char *http_query(const struct request *r, const char *name)
{
	return find_param(r->query, r->n_query, name);
}

const char *http_form(const struct request *r, const char *name)
{
	return find_param(r->form, r->n_form, name);
}

const struct param *http_form_param(const struct request *r, const char *name)
{
	for (size_t i = 0; i < r->n_form; i++)
		if (!strcmp(r->form[i].name, name))
			return &r->form[i];
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t http_unescape(char *s, size_t len, int plus_space)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			s[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (plus_space && s[i] == '+') {
			s[o++] = ' ';
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

#define MAX_PARAMS 512

void http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct param **out,
			   size_t *n)
{
	size_t count = 1, k = 0;
	for (size_t i = 0; i < len; i++)
		count += s[i] == '&';
	if (count > MAX_PARAMS)
		count = MAX_PARAMS;
	struct param *p = arena_alloc(a, count * sizeof *p);
	size_t i = 0;
	while (i < len && k < count) {
		size_t start = i, eq = (size_t)-1;
		while (i < len && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i > start) {
			size_t nlen = (eq == (size_t)-1 ? i : eq) - start;
			char *name = arena_strndup(a, s + start, nlen);
			http_unescape(name, nlen, 1);
			char *value;
			size_t vlen = 0;
			if (eq == (size_t)-1) {
				value = arena_strdup(a, "");
			} else {
				value = arena_strndup(a, s + eq + 1, i - eq - 1);
				vlen = http_unescape(value, i - eq - 1, 1);
			}
			p[k].name = name;
			p[k].value = value;
			p[k].len = vlen;
			p[k].filename = NULL;
			k++;
		}
		i++;
	}
	*out = p;
	*n = k;
}

static const char *memmem_s(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	return memmem(hay, hlen, needle, nlen);
}

/* The value of attribute `name` in a header like
 * `form-data; name="file"; filename="a.csv"`, into the arena. */
static char *header_attr(struct arena *a, const char *h, size_t hlen, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl + 1 < hlen; i++) {
		if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') &&
		    !strncasecmp(h + i, name, nl) && h[i + nl] == '=') {
			const char *v = h + i + nl + 1;
			size_t rest = hlen - (i + nl + 1);
			if (rest && *v == '"') {
				const char *end = memchr(v + 1, '"', rest - 1);
				if (!end)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(end - v - 1));
			}
			size_t l = 0;
			while (l < rest && v[l] != ';' && v[l] != ' ')
				l++;
			return arena_strndup(a, v, l);
		}
	}
	return NULL;
}

int http_parse_multipart(struct arena *a, const char *content_type, const char *body,
			 size_t len, struct param **out, size_t *n)
{
	char *boundary = header_attr(a, content_type, strlen(content_type), "boundary");
	size_t cap = 16, k = 0;
	struct param *p = arena_alloc(a, cap * sizeof *p);
	if (!boundary || !*boundary || strlen(boundary) > 200)
		return -1;
	char *delim = arena_printf(a, "--%s", boundary);
	size_t dl = strlen(delim);
	const char *pos = memmem_s(body, len, delim, dl);
	if (!pos)
		return -1;
	for (;;) {
		pos += dl;
		size_t left = len - (size_t)(pos - body);
		if (left >= 2 && pos[0] == '-' && pos[1] == '-')
			break;
		if (left < 2 || pos[0] != '\r' || pos[1] != '\n')
			return -1;
		pos += 2;
		left -= 2;
		const char *hend = memmem_s(pos, left, "\r\n\r\n", 4);
		if (!hend)
			return -1;
		char *name = NULL, *filename = NULL;
		const char *line = pos;
		while (line < hend) {
			const char *eol = memmem_s(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t ll = (size_t)(eol - line);
			if (ll > 20 && !strncasecmp(line, "Content-Disposition:", 20)) {
				name = header_attr(a, line + 20, ll - 20, "name");
				filename = header_attr(a, line + 20, ll - 20, "filename");
			}
			line = eol + 2;
		}
		const char *data = hend + 4;
		char *close = arena_printf(a, "\r\n%s", delim);
		const char *end = memmem_s(data, len - (size_t)(data - body), close, dl + 2);
		if (!end)
			return -1;
		if (name) {
			if (k == cap) {
				if (cap >= MAX_PARAMS)
					return -1;
				struct param *np = arena_alloc(a, cap * 2 * sizeof *np);
				memcpy(np, p, cap * sizeof *p);
				p = np;
				cap *= 2;
			}
			p[k].name = name;
			p[k].value = arena_strndup(a, data, (size_t)(end - data));
			p[k].len = (size_t)(end - data);
			p[k].filename = filename;
			k++;
		}
		pos = end + 2;
	}
	*out = p;
	*n = k;
	return 0;
}

void http_url_escape(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_addc(out, (char)*p);
		} else {
			buf_addc(out, '%');
			buf_addc(out, hex[*p >> 4]);
			buf_addc(out, hex[*p & 15]);
		}
	}
}

const char *http_cookie(struct request *r, const char *name)
{
	const char *h = r->cookie_header;
	size_t nl = strlen(name);
	if (!h)
		return NULL;
	while (*h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *end = strchr(h, ';');
		size_t l = end ? (size_t)(end - h) : strlen(h);
		if (l > nl && !strncmp(h, name, nl) && h[nl] == '=')
			return arena_strndup(&r->arena, h + nl + 1, l - nl - 1);
		if (!end)
			break;
		h = end + 1;
	}
	return NULL;
}

void http_header(struct response *res, struct request *req, const char *name, const char *value)
{
	if (res->n_headers < sizeof res->headers / sizeof res->headers[0]) {
		res->headers[res->n_headers].name = arena_strdup(&req->arena, name);
		res->headers[res->n_headers].value = arena_strdup(&req->arena, value);
		res->n_headers++;
	}
}

void http_json(struct response *res, int status, struct buf *json)
{
	struct buf old = res->body;
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	/* Moved, not copied: a copy of a 14 KB scorecard was ~13% of the
	 * server's time (glibc's rep movsb on this machine). */
	buf_addc(json, '\n');
	res->body = *json;
	buf_reset(&old);
	*json = old;
}

void http_json_error(struct response *res, int status, const char *field, const char *fmt, ...)
{
	struct buf msg = BUF_INIT, json = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	buf_adds(&json, "{\"error\":");
	json_write_string(&json, msg.data, msg.len);
	if (field) {
		buf_adds(&json, ",\"field\":");
		json_write_string(&json, field, strlen(field));
	}
	buf_addc(&json, '}');
	http_json(res, status, &json);
	buf_release(&msg);
	buf_release(&json);
}

void http_redirect(struct response *res, struct request *req, const char *location)
{
	res->status = 303;
	http_header(res, req, "Location", location);
	buf_reset(&res->body);
	res->content_type = "text/plain; charset=utf-8";
	buf_adds(&res->body, "see other\n");
}

uint64_t http_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}
