/* SPDX-License-Identifier: MIT */
/* /api/v1/openapi.json: the OpenAPI 3 document, generated from the route
 * table and the record schema so it cannot drift from the code. Record
 * routes are expanded per kind, with the key columns as path parameters;
 * every operation names the route it comes from in "x-route", which the
 * HTTP tests compare with `tandem serve --routes`. */
#include "web/web_impl.h"

#include "io/jsonw.h"

#include <string.h>

static void column_schema(struct buf *o, const struct column *c)
{
	switch (c->type) {
	case COL_DATE:
		buf_adds(o, "{\"type\":\"string\",\"format\":\"date\"");
		break;
	case COL_MONTH:
		buf_adds(o, "{\"type\":\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"");
		break;
	case COL_DECIMAL:
		buf_adds(o, "{\"type\":\"number\",\"description\":\"up to 6 decimals\"");
		break;
	case COL_MONEY:
		buf_adds(o, "{\"type\":\"number\",\"minimum\":0,\"description\":\"up to 6 decimals\"");
		break;
	case COL_COUNT:
		buf_adds(o, "{\"type\":\"integer\",\"minimum\":0");
		break;
	case COL_FLAG:
		buf_adds(o, "{\"type\":\"integer\",\"enum\":[0,1]");
		break;
	case COL_RATING:
		buf_adds(o, "{\"type\":\"integer\",\"minimum\":1,\"maximum\":5");
		break;
	case COL_ENUM:
		buf_adds(o, "{\"type\":\"string\",\"enum\":[");
		for (int e = 0; c->enum_values[e]; e++) {
			buf_adds(o, e ? "," : "");
			json_write_string_or_null(o, c->enum_values[e]);
		}
		buf_adds(o, "]");
		break;
	default:
		buf_adds(o, "{\"type\":\"string\"");
	}
	if (c->ref_table)
		buf_addf(o, ",\"x-references\":\"%s\"", c->ref_table);
	buf_adds(o, ",\"nullable\":true}");
}

static void kind_schema(struct buf *o, const struct table *t)
{
	int first = 1;
	buf_addf(o, "\"%s\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{", t->name);
	for (size_t i = 0; i < t->n_columns; i++) {
		buf_addf(o, "%s\"%s\":", i ? "," : "", t->columns[i].name);
		column_schema(o, &t->columns[i]);
	}
	buf_adds(o, "},\"required\":[");
	for (size_t i = 0; i < t->n_columns; i++)
		if (t->columns[i].flags & COL_REQUIRED) {
			buf_addf(o, "%s\"%s\"", first ? "" : ",", t->columns[i].name);
			first = 0;
		}
	buf_adds(o, "]}");
}

/* One operation object. */
static void operation(struct buf *o, const struct route *r, const struct table *t)
{
	const char *m = web_method_name(r->method);
	buf_addc(o, '"');
	for (const char *c = m; *c; c++)
		buf_addc(o, (char)(*c | 0x20));     /* OpenAPI names methods in lower case */
	buf_adds(o, "\":{\"summary\":");
	if (t) {
		struct buf s = BUF_INIT;
		buf_addf(&s, "%s: %s", t->name, r->summary);
		json_write_string_or_null(o, s.data);
		buf_release(&s);
	} else {
		json_write_string_or_null(o, r->summary);
	}
	buf_adds(o, ",\"x-route\":");
	{
		struct buf s = BUF_INIT;
		buf_addf(&s, "%s %s", m, r->pattern);
		json_write_string_or_null(o, s.data);
		buf_release(&s);
	}
	buf_adds(o, ",\"x-roles\":[");
	int first = 1;
	for (int i = 0; role_names[i]; i++) {
		unsigned roles = web_route_roles(r, t ? t->name : NULL);
		if (r->flags & ROUTE_PUBLIC || roles & (1u << i)) {
			buf_addf(o, "%s\"%s\"", first ? "" : ",", role_names[i]);
			first = 0;
		}
	}
	buf_adds(o, "]");
	if (r->flags & ROUTE_PUBLIC)
		buf_adds(o, ",\"security\":[]");
	/* Parameters: the path's own, then list filters. */
	int params = 0;
	buf_adds(o, ",\"parameters\":[");
	if (strstr(r->pattern, "{id}") || strstr(r->pattern, "{name}")) {
		buf_addf(o, "{\"name\":\"%s\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}",
			 strstr(r->pattern, "{id}") ? "id" : "name");
		params++;
	}
	if (t && strchr(r->pattern, '*')) {
		for (size_t i = 0; i < t->n_columns; i++)
			if (t->columns[i].flags & COL_KEY) {
				buf_addf(o, "%s{\"name\":\"%s\",\"in\":\"path\",\"required\":true,"
					 "\"schema\":{\"type\":\"string\"}}", params++ ? "," : "",
					 t->columns[i].name);
			}
	} else if (t && r->method == HTTP_GET) {
		buf_addf(o, "%s{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\","
			 "\"minimum\":1,\"maximum\":1000,\"default\":50}},{\"name\":\"offset\",\"in\":\"query\","
			 "\"schema\":{\"type\":\"integer\",\"minimum\":0}}", params++ ? "," : "");
		for (size_t i = 0; i < t->n_columns; i++)
			buf_addf(o, ",{\"name\":\"%s\",\"in\":\"query\",\"description\":\"filter: equal to\","
				 "\"schema\":{\"type\":\"string\"}}", t->columns[i].name);
	}
	buf_adds(o, "]");
	if (t && (r->method == HTTP_POST || r->method == HTTP_PUT))
		buf_addf(o, ",\"requestBody\":{\"required\":true,\"content\":{\"application/json\":"
			 "{\"schema\":{\"$ref\":\"#/components/schemas/%s\"}}}}", t->name);
	buf_adds(o, ",\"responses\":{");
	if (t && r->method == HTTP_DELETE)
		buf_adds(o, "\"204\":{\"description\":\"deleted\"},\"409\":{\"description\":"
			 "\"still referred to\",\"content\":{\"application/json\":{\"schema\":"
			 "{\"$ref\":\"#/components/schemas/error\"}}}}");
	else if (t && !strchr(r->pattern, '*') && r->method == HTTP_GET)
		buf_addf(o, "\"200\":{\"description\":\"a page of records\",\"content\":{\"application/json\":"
			 "{\"schema\":{\"type\":\"object\",\"properties\":{\"total\":{\"type\":\"integer\"},"
			 "\"items\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/%s\"}}}}}}}",
			 t->name);
	else if (t)
		buf_addf(o, "\"%s\":{\"description\":\"the record\",\"content\":{\"application/json\":"
			 "{\"schema\":{\"$ref\":\"#/components/schemas/%s\"}}}}",
			 r->method == HTTP_POST ? "201" : "200", t->name);
	else if (r->flags & ROUTE_JOB)
		buf_adds(o, "\"202\":{\"description\":\"queued: the job (as GET /api/v1/jobs/{id});"
			 " Location names it\",\"content\":{\"application/json\":{}}},\"200\":{\"description\":"
			 "\"with ?wait=S, the job finished valid (or written) within S seconds\",\"content\":"
			 "{\"application/json\":{}}}");
	else
		buf_adds(o, "\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{}}}");
	buf_adds(o, ",\"4XX\":{\"description\":\"refused: {error, field}\",\"content\":{\"application/json\":"
		 "{\"schema\":{\"$ref\":\"#/components/schemas/error\"}}}}}}");
}

/* The OpenAPI path of a route: {kind} replaced, '*' as key parameters. */
static void path_of(struct buf *out, const struct route *r, const struct table *t)
{
	for (const char *p = r->pattern; *p; p++) {
		if (!strncmp(p, "{kind}", 6) && t) {
			buf_adds(out, t->name);
			p += 5;
		} else if (*p == '*' && t) {
			int first = 1;
			for (size_t i = 0; i < t->n_columns; i++)
				if (t->columns[i].flags & COL_KEY) {
					buf_addf(out, "%s{%s}", first ? "" : "/", t->columns[i].name);
					first = 0;
				}
		} else {
			buf_addc(out, *p);
		}
	}
}

void api_openapi(struct request *req, struct response *res)
{
	struct buf o = BUF_INIT, prev = BUF_INIT, path = BUF_INIT;
	(void)req;
	buf_adds(&o, "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"Tandem API\",\"version\":\"1\","
		 "\"description\":\"The JSON API of tandem serve. Log in with POST /api/v1/login; send"
		 " the session cookie and, on every POST, PUT and DELETE, the X-CSRF-Token header.\"},"
		 "\"servers\":[{\"url\":\"/\"}],"
		 "\"components\":{\"securitySchemes\":{\"session\":{\"type\":\"apiKey\",\"in\":\"cookie\","
		 "\"name\":\"tandem_session\"}},\"schemas\":{\"error\":{\"type\":\"object\",\"properties\":"
		 "{\"error\":{\"type\":\"string\"},\"field\":{\"type\":\"string\"},"
		 "\"code\":{\"type\":\"string\"},\"params\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
		 "\"message\":{\"type\":\"string\"},"
		 "\"problems\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":"
		 "{\"row\":{\"type\":\"integer\",\"nullable\":true},"
		 "\"column\":{\"type\":\"string\",\"nullable\":true},\"code\":{\"type\":\"string\"},"
		 "\"params\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
		 "\"message\":{\"type\":\"string\"}}}}},\"required\":[\"error\"]}");
	for (size_t k = 0; k < schema_n_tables; k++) {
		buf_addc(&o, ',');
		kind_schema(&o, &schema_tables[k]);
	}
	buf_adds(&o, "}},\"security\":[{\"session\":[]}],\"paths\":{");
	/* Routes with the same path are adjacent in the sorted table; record
	 * routes are grouped per kind, so walk kinds outermost for them. */
	int first_path = 1;
	for (size_t i = 0; i < web_n_routes; i++) {
		const struct route *r = &web_routes[i];
		if (!(r->flags & ROUTE_API))
			continue;
		size_t j = i;
		while (j + 1 < web_n_routes && !strcmp(web_routes[j + 1].pattern, r->pattern))
			j++;
		size_t nk = r->flags & ROUTE_RECORD ? schema_n_tables : 1;
		for (size_t k = 0; k < nk; k++) {
			const struct table *t = r->flags & ROUTE_RECORD ? &schema_tables[k] : NULL;
			buf_reset(&path);
			path_of(&path, r, t);
			buf_adds(&o, first_path ? "" : ",");
			first_path = 0;
			json_write_string_or_null(&o, path.data);
			buf_adds(&o, ":{");
			for (size_t m = i; m <= j; m++) {
				if (m > i)
					buf_addc(&o, ',');
				operation(&o, &web_routes[m], t);
			}
			buf_adds(&o, "}");
		}
		i = j;
	}
	buf_adds(&o, "}}");
	http_json(res, 200, &o);
	buf_release(&o);
	buf_release(&prev);
	buf_release(&path);
}
