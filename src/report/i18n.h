/* SPDX-License-Identifier: MIT */
/* The message catalog of user-facing words in English and Korean: a sorted
 * const table looked up by key, shared by the text reports and the web UI.
 * Nothing here allocates; returned strings are static. */
#ifndef TANDEM_I18N_H
#define TANDEM_I18N_H

enum lang { LANG_EN, LANG_KO };

/* The text of key in lang; the key itself when the catalog lacks it. */
const char *i18n(enum lang lang, const char *key);
/* "en" or "ko" → 0 and *out; anything else → −1. */
int i18n_parse_lang(const char *s, enum lang *out);
/* The number of catalog entries and entry i (for checks and the web UI). */
unsigned i18n_count(void);
const char *i18n_key(unsigned i);

#endif
