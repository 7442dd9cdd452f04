/* SPDX-License-Identifier: MIT */
/* A small reader for the flat JSON objects the API accepts. It keeps
 * numbers as the exact text that was sent — "0.123456" must reach the
 * importer as written, not through a double — which a general JSON
 * library does not offer. Strings are decoded into the request's arena. */
#include "web/web_impl.h"

#include <string.h>

struct reader {
	const char *s, *end;
	struct arena *a;
	struct buf *err;
};

static void skip_ws(struct reader *r)
{
	while (r->s < r->end && (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r'))
		r->s++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xC0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xE0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_addc(b, (char)(0xF0 | (cp >> 18)));
		buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

static int read_string(struct reader *r, char **out, size_t *len)
{
	struct buf b = BUF_INIT;
	if (r->s >= r->end || *r->s != '"')
		goto bad;
	r->s++;
	while (r->s < r->end && *r->s != '"') {
		unsigned char c = (unsigned char)*r->s;
		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			buf_addc(&b, (char)c);
			r->s++;
			continue;
		}
		if (r->end - r->s < 2)
			goto bad;
		char e = r->s[1];
		r->s += 2;
		switch (e) {
		case '"': buf_addc(&b, '"'); break;
		case '\\': buf_addc(&b, '\\'); break;
		case '/': buf_addc(&b, '/'); break;
		case 'b': buf_addc(&b, '\b'); break;
		case 'f': buf_addc(&b, '\f'); break;
		case 'n': buf_addc(&b, '\n'); break;
		case 'r': buf_addc(&b, '\r'); break;
		case 't': buf_addc(&b, '\t'); break;
		case 'u': {
			unsigned cp, lo;
			if (r->end - r->s < 4 || hex4(r->s, &cp))
				goto bad;
			r->s += 4;
			if (cp >= 0xD800 && cp < 0xDC00) {
				if (r->end - r->s < 6 || r->s[0] != '\\' || r->s[1] != 'u' ||
				    hex4(r->s + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					goto bad;
				r->s += 6;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			} else if (cp >= 0xDC00 && cp < 0xE000) {
				goto bad;
			}
			put_utf8(&b, cp);
			break;
		}
		default:
			goto bad;
		}
	}
	if (r->s >= r->end)
		goto bad;
	r->s++;
	*out = arena_strndup(r->a, b.data, b.len);
	*len = b.len;
	buf_release(&b);
	return 0;
bad:
	buf_release(&b);
	return -1;
}

static int read_number(struct reader *r, char **out, size_t *len)
{
	const char *start = r->s;
	if (r->s < r->end && *r->s == '-')
		r->s++;
	if (r->s >= r->end || *r->s < '0' || *r->s > '9')
		return -1;
	while (r->s < r->end && ((*r->s >= '0' && *r->s <= '9') || *r->s == '.' ||
				 *r->s == 'e' || *r->s == 'E' || *r->s == '+' || *r->s == '-'))
		r->s++;
	*len = (size_t)(r->s - start);
	*out = arena_strndup(r->a, start, *len);
	return 0;
}

static int literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(r->end - r->s) < n || memcmp(r->s, word, n))
		return 0;
	r->s += n;
	return 1;
}

int jsonin_parse_flat(struct arena *a, const char *s, size_t len, struct param **out,
		      size_t *n, struct buf *err)
{
	struct reader r = { s, s + len, a, err };
	size_t cap = 16, k = 0;
	struct param *p = arena_alloc(a, cap * sizeof *p);

	skip_ws(&r);
	if (r.s >= r.end || *r.s != '{') {
		buf_addf(err, "the body must be a JSON object");
		return -1;
	}
	r.s++;
	skip_ws(&r);
	if (r.s < r.end && *r.s == '}') {
		r.s++;
		goto done;
	}
	for (;;) {
		char *name, *value = NULL;
		size_t nl, vl = 0;
		skip_ws(&r);
		if (read_string(&r, &name, &nl)) {
			buf_addf(err, "bad JSON: expected a quoted member name");
			return -1;
		}
		skip_ws(&r);
		if (r.s >= r.end || *r.s != ':') {
			buf_addf(err, "bad JSON: expected ':' after \"%s\"", name);
			return -1;
		}
		r.s++;
		skip_ws(&r);
		if (r.s < r.end && *r.s == '"') {
			if (read_string(&r, &value, &vl)) {
				buf_addf(err, "bad JSON: a bad string for \"%s\"", name);
				return -1;
			}
		} else if (literal(&r, "null")) {
			value = NULL;
		} else if (literal(&r, "true")) {
			value = arena_strdup(a, "1");
			vl = 1;
		} else if (literal(&r, "false")) {
			value = arena_strdup(a, "0");
			vl = 1;
		} else if (read_number(&r, &value, &vl)) {
			buf_addf(err, "\"%s\" must be a string, a number, true, false or null", name);
			return -1;
		}
		for (size_t i = 0; i < k; i++)
			if (!strcmp(p[i].name, name)) {
				buf_addf(err, "\"%s\" is given twice", name);
				return -1;
			}
		if (k == cap) {
			if (cap >= 256) {
				buf_addf(err, "too many members");
				return -1;
			}
			struct param *np = arena_alloc(a, cap * 2 * sizeof *np);
			memcpy(np, p, cap * sizeof *p);
			p = np;
			cap *= 2;
		}
		p[k].name = name;
		p[k].value = value;
		p[k].len = vl;
		p[k].filename = NULL;
		k++;
		skip_ws(&r);
		if (r.s < r.end && *r.s == ',') {
			r.s++;
			continue;
		}
		if (r.s < r.end && *r.s == '}') {
			r.s++;
			break;
		}
		buf_addf(err, "bad JSON: expected ',' or '}'");
		return -1;
	}
done:
	skip_ws(&r);
	if (r.s != r.end) {
		buf_addf(err, "bad JSON: text after the object");
		return -1;
	}
	*out = p;
	*n = k;
	return 0;
}

int jsonin_known_only(struct response *res, const struct param *p, size_t n,
		      const char *const *allowed)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (allowed[k] && strcmp(allowed[k], p[i].name))
			k++;
		if (allowed[k])
			continue;
		struct buf known = BUF_INIT;
		for (k = 0; allowed[k]; k++)
			buf_addf(&known, "%s%s", k ? ", " : "", allowed[k]);
		http_json_error(res, 400, p[i].name, "unknown field '%s' (known: %s)", p[i].name, known.data);
		buf_release(&known);
		return -1;
	}
	return 0;
}
