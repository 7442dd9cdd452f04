/* SPDX-License-Identifier: MIT */
/* JSON string escaping and indentation for the hand-ordered writers. */
#include "engine/jsonout.h"

void jsonout_string(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	buf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(out, "\\\""); break;
		case '\\': buf_adds(out, "\\\\"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		case '\t': buf_adds(out, "\\t"); break;
		default:
			if (*p < 0x20) {
				buf_adds(out, "\\u00");
				buf_addc(out, hex[*p >> 4]);
				buf_addc(out, hex[*p & 15]);
			} else {
				buf_addc(out, (char)*p);
			}
		}
	}
	buf_addc(out, '"');
}

void jsonout_indent(struct buf *out, int level)
{
	buf_addc(out, '\n');
	for (int i = 0; i < level; i++)
		buf_adds(out, "  ");
}
