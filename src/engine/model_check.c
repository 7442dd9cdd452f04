/* SPDX-License-Identifier: MIT */
/* Validating a model as it is read: the typed getters that report a
 * missing or malformed member with its path, and the checks over the whole
 * model (ids unique). Every problem is reported, not only the first. */
#include "engine/model_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 3, 4)))
void mv_err(struct vctx *v, const char *path, const char *fmt, ...)
{
	va_list ap;
	buf_addf(v->err, "%s: %s: ", v->source, *path ? path : "(top level)");
	va_start(ap, fmt);
	buf_vaddf(v->err, fmt, ap);
	va_end(ap);
	buf_addc(v->err, '\n');
	v->errors++;
}

/* snprintf into a path or label buffer; a path longer than the buffer is
 * cut, which only shortens an error message. */
__attribute__((format(printf, 3, 4)))
void mv_pathf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

/* Writes "path.key" (or "key" at the top level) into dst. */
void mv_join_key(char *dst, size_t size, const char *path, const char *key)
{
	mv_pathf(dst, size, "%s%s%s", path, *path ? "." : "", key);
}

void mv_join_index(char *dst, size_t size, const char *path, const char *key, size_t i)
{
	mv_pathf(dst, size, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
}

int mv_expect_object(struct vctx *v, json_t *j, const char *path,
			 const char *const *allowed)
{
	const char *key;
	json_t *val;
	char p[PATH_MAX_LEN];

	if (!json_is_object(j)) {
		mv_err(v, path, "must be an object");
		return -1;
	}
	json_object_foreach(j, key, val) {
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (!strcmp(*a, key))
				ok = 1;
		if (!ok) {
			mv_join_key(p, sizeof p, path, key);
			mv_err(v, p, "unknown key");
		}
	}
	return 0;
}

/* Fetches obj.key; reports it missing when required. */
json_t *mv_member(struct vctx *v, json_t *obj, const char *path,
		      const char *key, int required)
{
	json_t *j = json_object_get(obj, key);
	if (!j && required) {
		char p[PATH_MAX_LEN];
		mv_join_key(p, sizeof p, path, key);
		mv_err(v, p, "missing");
	}
	return j;
}

int mv_number(struct vctx *v, json_t *obj, const char *path,
		      const char *key, double *out)
{
	char p[PATH_MAX_LEN];
	json_t *j = mv_member(v, obj, path, key, 1);
	if (!j)
		return -1;
	mv_join_key(p, sizeof p, path, key);
	if (!json_is_number(j) || !isfinite(json_number_value(j))) {
		mv_err(v, p, "must be a number");
		return -1;
	}
	*out = json_number_value(j);
	return 0;
}

void mv_number_in(struct vctx *v, json_t *obj, const char *path,
			  const char *key, double *out, double lo, int lo_open,
			  double hi)
{
	char p[PATH_MAX_LEN];
	if (mv_number(v, obj, path, key, out))
		return;
	mv_join_key(p, sizeof p, path, key);
	if (lo_open && !(*out > lo))
		mv_err(v, p, "must be > %g", lo);
	else if (!lo_open && *out < lo)
		mv_err(v, p, "must be >= %g", lo);
	else if (*out > hi)
		mv_err(v, p, "must be <= %g", hi);
}

void mv_int(struct vctx *v, json_t *obj, const char *path,
		    const char *key, int *out, int lo, int hi)
{
	char p[PATH_MAX_LEN];
	json_t *j = mv_member(v, obj, path, key, 1);
	if (!j)
		return;
	mv_join_key(p, sizeof p, path, key);
	if (!json_is_integer(j)) {
		mv_err(v, p, "must be a whole number");
		return;
	}
	json_int_t n = json_integer_value(j);
	if (n < lo || n > hi) {
		mv_err(v, p, "must be between %d and %d", lo, hi);
		return;
	}
	*out = (int)n;
}

/* Returns a copy of obj.key (a non-empty string), or NULL after reporting. */
char *mv_string(struct vctx *v, json_t *obj, const char *path,
			const char *key, int required)
{
	char p[PATH_MAX_LEN];
	json_t *j = mv_member(v, obj, path, key, required);
	if (!j)
		return NULL;
	mv_join_key(p, sizeof p, path, key);
	if (!json_is_string(j) || !json_string_length(j)) {
		mv_err(v, p, "must be a non-empty string");
		return NULL;
	}
	return xstrdup(json_string_value(j));
}

void mv_name(struct vctx *v, json_t *obj, const char *path,
		     struct model_name *out)
{
	static const char *const keys[] = { "en", "ko", NULL };
	char p[PATH_MAX_LEN];
	json_t *j = mv_member(v, obj, path, "name", 1);
	if (!j)
		return;
	mv_join_key(p, sizeof p, path, "name");
	if (mv_expect_object(v, j, p, keys))
		return;
	out->en = mv_string(v, j, p, "en", 1);
	out->ko = mv_string(v, j, p, "ko", 1);
}

json_t *mv_array(struct vctx *v, json_t *obj, const char *path,
			 const char *key)
{
	char p[PATH_MAX_LEN];
	json_t *j = mv_member(v, obj, path, key, 1);
	if (!j)
		return NULL;
	mv_join_key(p, sizeof p, path, key);
	if (!json_is_array(j) || !json_array_size(j)) {
		mv_err(v, p, "must be a non-empty array");
		return NULL;
	}
	return j;
}

/* Category ids and criterion ids are unique over the whole model, and no
 * category id is "total" or the id of a criterion (of either organization). */
void model_check_unique_ids(struct vctx *v, const struct model *m)
{
	const char *cat_ids[64], *crit_ids[CRIT_COUNT * 2];
	size_t n_cat = 0, n_crit = 0;
	char p[PATH_MAX_LEN];

	for (int k = 0; k < 2; k++) {
		const struct model_org *org = &m->orgs[k];
		for (size_t c = 0; c < org->n_categories; c++) {
			const struct model_category *cat = &org->categories[c];
			mv_pathf(p, sizeof p, "organizations[%s].categories[%zu].id",
				 model_org_ids[k], c);
			if (cat->id) {
				for (size_t i = 0; i < n_cat; i++)
					if (!strcmp(cat_ids[i], cat->id))
						mv_err(v, p, "duplicate category '%s'", cat->id);
				if (n_cat < sizeof cat_ids / sizeof *cat_ids)
					cat_ids[n_cat++] = cat->id;
				if (!strcmp(cat->id, "total"))
					mv_err(v, p, "'total' is reserved");
				/* Category and criterion rows share the CSV's criterion
				 * column: a category named like any criterion would
				 * print two rows with one key. */
				else if (criterion_find(cat->id))
					mv_err(v, p, "'%s' is a criterion id; a category needs another id",
					     cat->id);
			}
			for (size_t i = 0; i < cat->n_criteria; i++) {
				const struct model_criterion *cr = &cat->criteria[i];
				if (!cr->def)
					continue;
				mv_pathf(p, sizeof p,
					 "organizations[%s].categories[%zu].criteria[%zu].id",
					 model_org_ids[k], c, i);
				for (size_t x = 0; x < n_crit; x++)
					if (!strcmp(crit_ids[x], cr->id))
						mv_err(v, p, "duplicate criterion '%s'", cr->id);
				if (n_crit < sizeof crit_ids / sizeof *crit_ids)
					crit_ids[n_crit++] = cr->id;
			}
		}
	}
}
