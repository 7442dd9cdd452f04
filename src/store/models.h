/* SPDX-License-Identifier: MIT */
/* Evaluation models kept in the store, versioned per year (SPEC §5 "Yearly
 * review"), and the frozen official results of a year. The bodies are the
 * models' JSON text; parsing them is the engine's business. */
#ifndef TANDEM_STORE_MODELS_H
#define TANDEM_STORE_MODELS_H

#include "store/store.h"

struct stored_model {
	char *version;
	int year;              /* 0 when the model is for any year */
	char *body;
	char *created_at, *created_by;
	int active;
};

void stored_model_release(struct stored_model *m);

/* Stores a new version. A version is immutable: storing the same version
 * again with another body is an error (1); with the same body, a no-op. */
int store_model_put(struct store *s, const char *version, int year, const char *body,
		    const char *actor, struct buf *err);
/* 0 found, 1 not found, -1 storage error. The caller releases *out. */
int store_model_get(struct store *s, const char *version, struct stored_model *out, struct buf *err);
/* Makes version the active model of its year (any other of that year is
 * deactivated); audit-logged. 0, 1 not found, -1 storage error. */
int store_model_activate(struct store *s, const char *version, const char *actor, struct buf *err);
/* The model that scores year Y: the active model of Y, else the newest
 * active model of an earlier year, else one for any year. 1 when there is
 * none (the built-in default applies). */
int store_model_for_year(struct store *s, int year, struct stored_model *out, struct buf *err);
/* Every version, by year then version: *out is an array of *n the caller
 * releases (each, then the array). */
int store_model_list(struct store *s, struct stored_model **out, size_t *n, struct buf *err);

struct frozen {
	int year;
	char *model_version, *data_hash, *csv, *json, *frozen_at, *frozen_by;
};
void frozen_release(struct frozen *f);
/* Freezing a year twice is refused (1): unfreeze is not offered, by design. */
int store_freeze(struct store *s, const struct frozen *f, struct buf *err);
int store_frozen_get(struct store *s, int year, struct frozen *out, struct buf *err);

/* A SHA-256 (hex) over every evaluation record in the store, in key order:
 * the same data gives the same hash whatever the import order. */
int store_data_hash(struct store *s, char out[65], struct buf *err);

#endif
