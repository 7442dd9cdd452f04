/* SPDX-License-Identifier: MIT */
/* The one message catalog of Tandem: every word and sentence the web UI,
 * the reports, the workbooks and the CLI show a person, in English and
 * Korean, one term per concept (docs/glossary.md). Keys are "area.name"
 * ("reason.not_done", "enum.won", "error.field_required"); texts may hold
 * positional parameters {1} … {9}, so that a Korean sentence can put them
 * in its own order. Returned strings are static; the _add functions append
 * to a caller's buffer. */
#ifndef TANDEM_I18N_H
#define TANDEM_I18N_H

#include "base/buf.h"

#include <stddef.h>

enum lang { LANG_EN, LANG_KO };

/* The text of key in lang; the key itself when the catalog lacks it. */
const char *i18n(enum lang lang, const char *key);
/* The text of key in lang, or NULL when the catalog lacks it. */
const char *i18n_find(enum lang lang, const char *key);
/* The text of prefix + name ("reason." + "not_done"); name itself when the
 * catalog lacks it (an id shown as it is rather than a key). */
const char *i18n_named(enum lang lang, const char *prefix, const char *name);
/* Appends the text of key with {1} … {n} replaced by args[0] … args[n-1]
 * (as they are: the caller escapes for HTML). A placeholder beyond n is
 * written as it is. */
void i18n_add(struct buf *out, enum lang lang, const char *key, const char *const *args, size_t n);
/* Reads an English message made by the code ("bad number '4억5천' for
 * annual_value", a model difference, a note Tandem wrote) as the catalog's
 * "error.", "diff." or "note." entry whose English text it matches, and appends that entry's text in lang with the same parameters
 * (a column's name shown as its label in Korean). Returns the entry's key,
 * the error's code, and appends each parameter NUL-terminated to params
 * (when not NULL), counting them in *n_params. A place before the
 * problem ("model:1:11: …", "organizations[0].weight: …": no spaces before
 * ": ") is kept as it is and the rest read on its own; a parameter naming
 * an account ("user:kim") reads as the account's name. When no entry
 * matches, appends message as it is and returns NULL. */
const char *i18n_translate(enum lang lang, const char *message, struct buf *out,
			   struct buf *params, size_t *n_params);
/* "en" or "ko" → 0 and *out; anything else → −1. */
int i18n_parse_lang(const char *s, enum lang *out);
/* LANG_KO for "ko", LANG_EN for anything else (NULL included). */
enum lang i18n_lang(const char *s);
/* The number of catalog entries and entry i (for checks and the web UI). */
unsigned i18n_count(void);
const char *i18n_key(unsigned i);
/* 0 when the catalog is sorted by key and no text is empty; else the
 * 1-based index of the first bad entry. */
size_t i18n_check(void);

#endif
