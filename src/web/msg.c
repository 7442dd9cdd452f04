/* SPDX-License-Identifier: MIT */
/* The web's view of the one message catalog (report/i18n.c): msg() takes
 * the request's language as text. An unknown key shows its last part
 * ("reason.new_thing" → "new_thing"), readable while the catalog catches
 * up. Returned strings are static. */
#include "web/web_impl.h"

#include "report/i18n.h"

#include <string.h>

const char *msg(const char *lang, const char *key)
{
	const char *t = i18n_find(i18n_lang(lang), key);
	if (t)
		return t;
	const char *dot = strrchr(key, '.');
	return dot ? dot + 1 : key;
}

size_t msg_check(void)
{
	return i18n_check();
}
