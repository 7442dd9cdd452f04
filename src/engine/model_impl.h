/* SPDX-License-Identifier: MIT */
/* The inside of the model files (model.c, model_json.c, model_check.c,
 * model_diff.c): the validation context that parsing reports into, its
 * typed getters, and the names the JSON uses. Nothing here is used outside
 * src/engine/model*.c. */
#ifndef TANDEM_MODEL_IMPL_H
#define TANDEM_MODEL_IMPL_H

#include <jansson.h>

#include "engine/model.h"

extern const char *const model_org_ids[2];
extern const char *const model_risk_names[3];
extern const char *const model_reference_names[4];

#define PATH_MAX_LEN 256

/* Where problems go: every one found is reported, not only the first. */
struct vctx {
	const char *source;
	struct buf *err;
	int errors;
};

/* "SOURCE: PATH: message" on its own line, counted. */
__attribute__((format(printf, 3, 4)))
void mv_err(struct vctx *v, const char *path, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void mv_pathf(char *dst, size_t size, const char *fmt, ...);
void mv_join_key(char *dst, size_t size, const char *path, const char *key);
void mv_join_index(char *dst, size_t size, const char *path, const char *key, size_t i);
/* j must be an object whose keys are all in allowed (NULL-terminated). */
int mv_expect_object(struct vctx *v, json_t *j, const char *path, const char *const *allowed);
json_t *mv_member(struct vctx *v, json_t *obj, const char *path, const char *key, int required);
int mv_number(struct vctx *v, json_t *obj, const char *path, const char *key, double *out);
void mv_number_in(struct vctx *v, json_t *obj, const char *path, const char *key, double *out,
		  double lo, int lo_open, double hi);
void mv_int(struct vctx *v, json_t *obj, const char *path, const char *key, int *out, int lo,
	    int hi);
/* A copy of obj.key (the caller frees it), or NULL after reporting. */
char *mv_string(struct vctx *v, json_t *obj, const char *path, const char *key, int required);
void mv_name(struct vctx *v, json_t *obj, const char *path, struct model_name *out);
json_t *mv_array(struct vctx *v, json_t *obj, const char *path, const char *key);
/* Frees what an organization holds and empties it (model.c). */
void model_org_free(struct model_org *org);
/* Category and criterion ids unique over the whole model. */
void model_check_unique_ids(struct vctx *v, const struct model *m);

#endif
