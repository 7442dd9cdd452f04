/* SPDX-License-Identifier: MIT */
/* JSON string escaping for hand-written JSON. */
#include "io/jsonw.h"

#include <string.h>

/* The one JSON string escaper. html_safe also escapes '<', '>' and '&', so
 * the text may sit inside an HTML page. */
static void write_string(struct buf *out, const char *s, size_t len, int html_safe)
{
	static const char hex[] = "0123456789abcdef";
	buf_grow(out, len + 2);
	buf_addc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_adds(out, "\\\""); break;
		case '\\': buf_adds(out, "\\\\"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		case '\t': buf_adds(out, "\\t"); break;
		default:
			if (c < 0x20 || (html_safe && (c == '<' || c == '>' || c == '&'))) {
				char e[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
				buf_adds(out, e);
			} else {
				buf_addc(out, (char)c);
			}
		}
	}
	buf_addc(out, '"');
}

void json_write_string(struct buf *out, const char *s, size_t len)
{
	write_string(out, s, len, 1);
}

void json_write_string_plain(struct buf *out, const char *s, size_t len)
{
	write_string(out, s, len, 0);
}

void json_write_string_or_null(struct buf *out, const char *s)
{
	if (s)
		json_write_string(out, s, strlen(s));
	else
		buf_adds(out, "null");
}

void json_write_plain(struct buf *out, const char *s)
{
	write_string(out, s, strlen(s), 0);
}

void json_write_indent(struct buf *out, int level)
{
	buf_addc(out, '\n');
	for (int i = 0; i < level; i++)
		buf_adds(out, "  ");
}
