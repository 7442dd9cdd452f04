/* SPDX-License-Identifier: MIT */
/* JSON string escaping and indentation for the hand-ordered writers. */
#include "engine/jsonout.h"

#include <string.h>

#include "io/jsonw.h"

void jsonout_string(struct buf *out, const char *s)
{
	json_write_string_plain(out, s, strlen(s));
}

void jsonout_indent(struct buf *out, int level)
{
	buf_addc(out, '\n');
	for (int i = 0; i < level; i++)
		buf_adds(out, "  ");
}
