#!/bin/sh
# scripts/checksrc over src/: the rules of STYLE.md a machine can check
# (rooms, SQL only in store/, banned calls, html_raw of literals, SPDX
# lines), and that checksrc itself catches each kind of breach, so this
# check cannot pass by finding nothing.
. "$(dirname "$0")/lib.sh"

check "style-checksrc-clean" "$TOP/scripts/checksrc"

# A copy of the tree with one breach of each rule planted: every rule must
# name it.
mkdir -p tree/scripts tree/src
cp "$TOP/scripts/checksrc" tree/scripts/
# Through "/." so that a symlinked src (postgres.sh's shadow tree) is copied,
# not linked: the breaches must land in the copy only.
cp -R "$TOP/src/." tree/src/
check "style-copy-is-a-copy" test ! -L tree/src
printf '#include "store/store.h"\n' >> tree/src/engine/score.c
printf 'static const char *q = "SELECT 1 FROM x";\n' >> tree/src/web/html.c
printf 'static int f(const char *s) { return atoi(s); }\n' >> tree/src/base/buf.c
printf 'static void g(struct buf *o, const char *v) { html_raw(o, v); }\n' >> tree/src/web/pages.c
printf '/* no licence line */\n' > tree/src/base/planted.c
printf 'static int h(struct model **m, struct buf *e) { return model_default(m, e); }\n' >> tree/src/cli/score_cmd.c
printf 'static const char *y(struct request *r) { return http_query(r, "year"); }\n' >> tree/src/web/credits_web.c
printf 'static void jstr(struct buf *o, const char *s) { buf_adds(o, s); }\n' >> tree/src/web/openapi.c
printf '#include "embedded.h"\n' >> tree/src/engine/model_json.c
printf 'void planted_quote(struct buf *o, const char *s)\n{\n\tjson_write_plain(o, s);\n}\n' >> tree/src/engine/numfmt.c
printf 'static void r(const struct problem *p, struct buf *o) { problem_message(p, LANG_EN, o); }\n' >> tree/src/app/records.c
printf 'static int w(const struct contract *k) { return k->go_live_on == DAY_NONE; }\n' >> tree/src/store/load.c
printf 'static int l(struct store *s, struct dataset *d, struct buf *e) { return store_load(s, DAY_NONE, NULL, d, e); }\n' >> tree/src/web/scores.c
tree/scripts/checksrc > planted.out 2>&1
check "style-checksrc-fails-on-breach" test $? -eq 1
check "style-checksrc-rooms" grep -q '^src/engine/score.c:.*rooms: engine includes a higher room' planted.out
check "style-checksrc-sql" grep -q '^src/web/html.c:.*sql: SQL outside src/store' planted.out
check "style-checksrc-banned" grep -q '^src/base/buf.c:.*banned:' planted.out
check "style-checksrc-html" grep -q '^src/web/pages.c:.*html: html_raw() of a non-literal' planted.out
check "style-checksrc-license" grep -q '^src/base/planted.c:1: license: no SPDX line' planted.out
check "style-checksrc-app" grep -q '^src/cli/score_cmd.c:.*app: call src/app' planted.out
check "style-checksrc-year" grep -q '^src/web/credits_web.c:.*year: a year is parsed by the router' planted.out
check "style-checksrc-assets" grep -q '^src/engine/model_json.c:.*assets: only app/, cli/ and web/ read' planted.out
check "style-checksrc-wrapper" grep -q '^src/engine/numfmt.c:.*wrapper: a pass-through of io/ json_write_plain()' planted.out
check "style-checksrc-render" grep -q '^src/app/records.c:.*render: return the problems' planted.out
check "style-checksrc-window" grep -q '^src/store/load.c:.*window: the engine decides which days count' planted.out
check "style-checksrc-app-load" grep -q '^src/web/scores.c:.*app: call src/app' planted.out
check "style-checksrc-copies" grep -q '^src/web/openapi.c:.*copies: use json_write_string_or_null' planted.out
