/* SPDX-License-Identifier: MIT */
/* The account lifecycle in the API and the browser (SPEC §3, §6): the early
 * warnings (GET /api/v1/alerts and the dashboard's panel), the growth cycle
 * and its referral tree, promise vs delivery, and the proposals with their
 * gate. Numbers come from engine/lifecycle.c and the JSON from
 * report/lifecycle_text.c, so the API answers byte for byte what the CLI
 * prints; every proposal change goes through store/proposals.c, the one
 * state machine (roles, gate, audit) every interface shares. */
#include "web/web_impl.h"

#include "report/i18n.h"

#include "app/lifecycle.h"
#include "app/scoring.h"
#include "base/clock.h"
#include "domain/date.h"
#include "engine/credits.h"
#include "engine/lifecycle.h"
#include "engine/numfmt.h"
#include "io/jsonw.h"
#include "report/credits_report.h"
#include "report/lifecycle_text.h"
#include "report/svg.h"
#include "report/units.h"
#include "store/alert_acks.h"
#include "store/proposals.h"
#include "store/users.h"
#include "web/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ----------------------------------------------------- */

/* The JSON of a renderer as the body, exactly (http_json adds a newline the
 * renderers already end with). */
static void json_exact(struct response *res, int status, const struct buf *j)
{
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	buf_reset(&res->body);
	buf_add(&res->body, j->data, j->len);
}

static void api_internal(struct response *res, const struct buf *err)
{
	fprintf(stderr, "tandem serve: %s\n", err->data);
	http_json_error(res, 500, NULL, "internal error");
}

static enum lang lang_of(const struct request *req)
{
	return strcmp(req->lang, "ko") ? LANG_EN : LANG_KO;
}

static const char *person_name(const struct dataset *ds, int p)
{
	return p == NO_INDEX ? NULL : ds->people[p].name;
}

/* ---- alerts ------------------------------------------------------------ */

/* The alerts in force on as_of as `tandem alerts` computes them: the model
 * of the evaluation year containing as_of, the data up to as_of. On success
 * the caller releases *m (model_free), *ds (dataset_free) and *al. */
static int compute_alerts(struct store *s, day_t as_of, struct model **m, struct dataset *ds,
			  struct lc_alerts *al, struct buf *err)
{
	struct app_scored_year y;
	*m = NULL;
	memset(ds, 0, sizeof *ds);
	if (app_open_as_of(s, NULL, as_of, 0, &y, err) != APP_OK) {
		app_scored_year_release(&y);
		return -1;
	}
	*m = y.model;
	*ds = y.ds;
	y.model = NULL;
	memset(&y.ds, 0, sizeof y.ds);
	app_scored_year_release(&y);
	lifecycle_alerts(ds, &(*m)->alerts, (*m)->stabilization_run_months, as_of, al);
	return 0;
}

void api_alerts(struct request *req, struct response *res)
{
	const char *t = http_query(req, "as_of");
	day_t as_of = web_today();
	struct model *m = NULL;
	struct dataset ds;
	struct lc_alerts al = { 0 };
	struct buf j = BUF_INIT, err = BUF_INIT;
	if (t && date_parse(t, strlen(t), &as_of)) {
		http_json_error(res, 400, "as_of", "as_of takes a date YYYY-MM-DD, not '%s'", t);
		return;
	}
	if (compute_alerts(req->store, as_of, &m, &ds, &al, &err)) {
		api_internal(res, &err);
		buf_release(&err);
		return;
	}
	report_alerts_json(&al, &ds, lang_of(req), &j);
	json_exact(res, 200, &j);
	lc_alerts_release(&al);
	dataset_free(&ds);
	model_free(m);
	buf_release(&j);
	buf_release(&err);
}

/* Contracts in force on as_of (signed, not ended): what alerts watch. */
static size_t contracts_in_force(const struct dataset *ds, day_t as_of)
{
	size_t n = 0;
	for (size_t i = 0; i < ds->n_contracts; i++) {
		const struct contract *k = &ds->contracts[i];
		if (k->signed_on != DAY_NONE && k->signed_on <= as_of &&
		    (k->end_on == DAY_NONE || k->end_on >= as_of))
			n++;
	}
	return n;
}

/* Whether alert a passes the filters: owner (a person id, sales or
 * operations owner of the contract) and rule (lc_rule_id), NULL for all. */
static int alert_matches(const struct lc_alert *a, const struct dataset *ds, const char *owner,
			 const char *rule)
{
	const struct contract *k = &ds->contracts[a->contract];
	if (rule && *rule && strcmp(lc_rule_id(a->rule), rule))
		return 0;
	if (owner && *owner) {
		int s = k->sales_owner, o = k->ops_owner;
		if (!((s >= 0 && !strcmp(ds->people[s].id, owner)) || (o >= 0 && !strcmp(ds->people[o].id, owner))))
			return 0;
	}
	return 1;
}

/* The alerts grouped by contract (one row a contract, its rules listed,
 * in the order the rules found them), filtered; at most limit contracts
 * (0: all). The empty states say what is true: no contract in force, no
 * alert for the filters, or every contract in force on track. Returns the
 * number of contracts with alerts that pass the filters. */
/* The acknowledgements shown with the alerts (alerts page only). */
struct ack_view {
	const struct alert_ack *acks;
	size_t n;
	int can_ack;                  /* the user may acknowledge: show the form */
};

/* The latest acknowledgement of (contract, rule) on or before as_of. */
static const struct alert_ack *ack_of(const struct ack_view *v, const char *contract, const char *rule,
				      const char *as_of)
{
	const struct alert_ack *best = NULL;
	for (size_t i = 0; v && i < v->n; i++)
		if (!strcmp(v->acks[i].contract_id, contract) && !strcmp(v->acks[i].rule, rule) &&
		    strcmp(v->acks[i].acknowledged_on, as_of) <= 0)
			best = &v->acks[i];
	return best;
}

/* Who acknowledged, as people know them: the person linked to the account
 * ("이영업 (영업1팀)", in the arena), or NULL when the account has none (or
 * is gone). */
static const char *ack_person(struct request *req, const struct dataset *ds, const char *account)
{
	struct user u;
	struct buf err = BUF_INIT;
	const char *shown = NULL;
	if (!req->store || users_get(req->store, account, &u, &err) != 0) {
		buf_release(&err);
		return NULL;
	}
	for (size_t i = 0; u.person_id && i < ds->n_people; i++) {
		const struct person *p = &ds->people[i];
		if (strcmp(p->id, u.person_id))
			continue;
		int unit = p->org_unit;
		if (unit >= 0 && (size_t)unit < ds->n_units) {
			struct buf t = BUF_INIT;
			const char *args[] = { p->name, ds->units[unit].name };
			i18n_add(&t, lang_of(req), "alerts.ack_person", args, 2);
			shown = arena_strdup(&req->arena, t.data);
			buf_release(&t);
		} else {
			shown = p->name;
		}
		break;
	}
	user_release(&u);
	buf_release(&err);
	return shown;
}

/* Under an alert: its acknowledgement (by the person, the account beside),
 * or the form to write one. */
static void ack_block(struct request *req, struct buf *o, const struct dataset *ds,
		      const struct ack_view *v, const char *contract, const char *rule, const char *as_of)
{
	const struct alert_ack *a = ack_of(v, contract, rule, as_of);
	if (a) {
		struct buf t = BUF_INIT;
		const char *account = a->acknowledged_by;
		if (!strncmp(account, "user:", 5))
			account += 5;
		const char *person = ack_person(req, ds, account);
		const char *args[] = { person ? person : account, a->acknowledged_on, a->note };
		i18n_add(&t, lang_of(req), "alerts.acknowledged", args, 3);
		html_raw(o, "<p class=\"ack small\">✓ ");
		html_escape(o, t.data);
		if (person) {
			const char *acc[] = { account };
			buf_reset(&t);
			i18n_add(&t, lang_of(req), "alerts.ack_account", acc, 1);
			html_raw(o, " <span class=\"muted ack-account\">");
			html_escape(o, t.data);
			html_raw(o, "</span>");
		}
		html_raw(o, "</p>");
		buf_release(&t);
		return;
	}
	if (!v || !v->can_ack)
		return;
	struct form_field fields[] = {
		{ .name = "contract", .kind = FIELD_HIDDEN, .value = contract },
		{ .name = "rule", .kind = FIELD_HIDDEN, .value = rule },
		{ .name = "as_of", .kind = FIELD_HIDDEN, .value = as_of },
		{ .name = "note", .id = arena_printf(&req->arena, "note-%s-%s", contract, rule),
		  .label = msg(req->lang, "alerts.ack_note"), .kind = FIELD_TEXT, .flags = FIELD_REQUIRED,
		  .maxlength = 500 },
	};
	struct form f = { .action = "/alerts/ack", .css = "stack", .fields = fields,
			  .n_fields = sizeof fields / sizeof fields[0], .plain_submit = 1,
			  .submit_label = msg(req->lang, "alerts.acknowledge") };
	html_raw(o, "<details class=\"ack-form\"><summary>");
	html_msg(o, req, "alerts.acknowledge");
	html_raw(o, "</summary>");
	html_form(req, o, &f);
	html_raw(o, "</details>");
}

/* One contract's row of alerts: its first alert (they follow in the
 * rules' order) and what the reader filtered by. */
struct alert_group {
	const struct lc_alerts *al;
	const struct dataset *ds;
	size_t first;
	const char *owner, *rule, *as_of;
	const struct ack_view *acks;
};

static int in_group(const struct alert_group *g, const struct lc_alert *a)
{
	return a->contract == g->al->items[g->first].contract && alert_matches(a, g->ds, g->owner, g->rule);
}

/* The rules a contract trips, each once however many metrics. */
static void draw_rules(struct request *req, struct buf *o, const void *arg)
{
	const struct alert_group *g = arg;
	unsigned shown = 0;
	for (size_t j = g->first; j < g->al->n; j++) {
		const struct lc_alert *a = &g->al->items[j];
		if (!in_group(g, a) || shown & (1u << a->rule))
			continue;
		shown |= 1u << a->rule;
		html_raw(o, "<span class=\"badge warn\">");
		html_msg(o, req, arena_printf(&req->arena, "alerts.rule.%s", lc_rule_id(a->rule)));
		html_raw(o, "</span> ");
	}
}

static void draw_owners(struct request *req, struct buf *o, const void *arg)
{
	const struct alert_group *g = arg;
	const struct contract *k = &g->ds->contracts[g->al->items[g->first].contract];
	const char *sales = person_name(g->ds, k->sales_owner), *ops = person_name(g->ds, k->ops_owner);
	html_msg(o, req, "alerts.sales_owner");
	html_raw(o, ": ");
	html_escape(o, sales ? sales : "—");
	html_raw(o, "<br>");
	html_msg(o, req, "alerts.ops_owner");
	html_raw(o, ": ");
	html_escape(o, ops ? ops : "—");
}

/* Each alert's evidence; under the first of each rule its
 * acknowledgement (an acknowledgement is of a rule). */
static void draw_evidence(struct request *req, struct buf *o, const void *arg)
{
	const struct alert_group *g = arg;
	const struct contract *k = &g->ds->contracts[g->al->items[g->first].contract];
	unsigned ack_shown = 0;
	html_raw(o, "<ul class=\"evidence\">");
	for (size_t j = g->first; j < g->al->n; j++) {
		const struct lc_alert *a = &g->al->items[j];
		struct buf ev = BUF_INIT;
		if (!in_group(g, a))
			continue;
		report_alert_evidence(&ev, a, g->ds, lang_of(req));
		html_raw(o, "<li>");
		html_escape(o, ev.data);
		if (!(ack_shown & (1u << a->rule)))
			ack_block(req, o, g->ds, g->acks, k->id, lc_rule_id(a->rule), g->as_of);
		ack_shown |= 1u << a->rule;
		html_raw(o, "</li>");
		buf_release(&ev);
	}
	html_raw(o, "</ul>");
}

enum { ALERT_COLUMNS = 4 };
static const struct table_column alert_columns[ALERT_COLUMNS] = {
	{ "contract", "alerts.contract", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SEARCH },
	{ "rules", "alerts.rule", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SEARCH },
	{ "owners", "alerts.owners", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SEARCH },
	{ "evidence", "alerts.evidence", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0 },
};

/* The alerts grouped by contract (one row a contract, its rules listed,
 * in the order the rules found them), filtered; at most limit contracts
 * (0: all, paged). The empty states say what is true: no contract in
 * force, no alert for the filters, or every contract in force on track.
 * Returns the number of contracts with alerts that pass the filters. */
static size_t alerts_table(struct request *req, struct buf *o, const struct lc_alerts *al,
			   const struct dataset *ds, day_t as_of, const char *owner, const char *rule,
			   size_t limit, const struct ack_view *acks)
{
	const char *as_of_text = arena_alloc(&req->arena, 11);
	date_format(as_of, (char *)as_of_text);
	enum lang lang = lang_of(req);
	size_t n_in_force = contracts_in_force(ds, as_of), groups = 0, shown = 0;
	char *seen = xcalloc(ds->n_contracts + 1, 1);
	struct table_row *rows = arena_alloc(&req->arena, (al->n + 1) * sizeof *rows);
	for (size_t i = 0; i < al->n; i++) {
		const struct lc_alert *first = &al->items[i];
		if (!alert_matches(first, ds, owner, rule) || seen[first->contract])
			continue;
		seen[first->contract] = 1;
		groups++;
		if (limit && shown >= limit)
			continue;
		const struct contract *k = &ds->contracts[first->contract];
		struct alert_group *g = arena_alloc(&req->arena, sizeof *g);
		*g = (struct alert_group){ al, ds, i, owner, rule, as_of_text, acks };
		struct table_cell *cells = arena_alloc(&req->arena, ALERT_COLUMNS * sizeof *cells);
		memset(cells, 0, ALERT_COLUMNS * sizeof *cells);
		struct buf h = BUF_INIT, names = BUF_INIT;
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, k->id);
		cells[0].text = k->id;
		cells[0].href = arena_strdup(&req->arena, h.data);
		cells[0].note = ds->clients[k->client].name;
		/* what the rules and owners columns sort and search by */
		for (size_t j = i; j < al->n; j++)
			if (in_group(g, &al->items[j]))
				buf_addf(&names, "%s ", msg(req->lang, arena_printf(&req->arena, "alerts.rule.%s",
										 lc_rule_id(al->items[j].rule))));
		cells[1].text = arena_strdup(&req->arena, names.data);
		cells[1].draw = draw_rules;
		cells[1].draw_arg = g;
		cells[2].text = arena_printf(&req->arena, "%s %s", person_name(ds, k->sales_owner) ?
					     person_name(ds, k->sales_owner) : "",
					     person_name(ds, k->ops_owner) ? person_name(ds, k->ops_owner) : "");
		cells[2].draw = draw_owners;
		cells[2].draw_arg = g;
		cells[3].draw = draw_evidence;
		cells[3].draw_arg = g;
		rows[shown].cells = cells;
		rows[shown++].id = NULL;
		buf_release(&h);
		buf_release(&names);
	}
	xfree(seen);
	if (!groups) {
		struct buf t = BUF_INIT;
		char count[24], day[11];
		snprintf(count, sizeof count, "%zu", n_in_force);
		date_format(as_of, day);
		const char *args[] = { day, count };
		i18n_add(&t, lang, !n_in_force ? "alerts.no_contracts"
			 : (owner && *owner) || (rule && *rule) ? "alerts.none_filtered" : "alerts.none", args, 2);
		html_raw(o, "<p class=\"muted\" id=\"alerts-empty\">");
		html_escape(o, t.data);
		html_raw(o, "</p>\n");
		buf_release(&t);
		return 0;
	}
	/* the dashboard's short list is not a view of its own: no controls */
	struct table_column cols[ALERT_COLUMNS];
	memcpy(cols, alert_columns, sizeof cols);
	for (size_t c = 0; limit && c < ALERT_COLUMNS; c++)
		cols[c].flags = 0;
	const struct table_desc t = { limit ? "alerts-short" : "alert-rows", "alerts", cols, ALERT_COLUMNS,
				      100, "table.empty", -1, 0, "alerts-table" };
	html_table(req, o, &t, rows, shown);
	if (limit && groups > shown) {
		struct buf t2 = BUF_INIT;
		char more[24];
		snprintf(more, sizeof more, "%zu", groups);
		const char *args[] = { more };
		i18n_add(&t2, lang, "alerts.see_all", args, 1);
		html_raw(o, "<p><a href=\"/alerts\">");
		html_escape(o, t2.data);
		html_raw(o, "</a></p>\n");
		buf_release(&t2);
	}
	return groups;
}

void web_alerts_panel(struct request *req, struct buf *o, const struct scored *sc)
{
	day_t end = model_year_last_day(sc->model, sc->year), now = web_today();
	day_t as_of = now != DAY_NONE && now < end ? now : end;
	struct model *m = NULL;
	struct dataset ds;
	struct lc_alerts al = { 0 };
	struct buf err = BUF_INIT;
	int loaded = 0;

	html_raw(o, "<section class=\"card\" id=\"alerts\" aria-labelledby=\"alerts-h\">\n<h2 id=\"alerts-h\">");
	html_msg(o, req, "alerts.title");
	html_raw(o, " <span class=\"subtitle small muted\">");
	html_msg(o, req, "alerts.as_of");
	html_raw(o, " ");
	date_append(o, as_of);
	html_raw(o, "</span></h2>\n");
	if (as_of == end) {
		/* the scored year's data is loaded up to this very day */
		lifecycle_alerts(sc->ds, &sc->model->alerts, sc->model->stabilization_run_months,
				 as_of, &al);
		alerts_table(req, o, &al, sc->ds, as_of, NULL, NULL, 10, NULL);
	} else if (compute_alerts(req->store, as_of, &m, &ds, &al, &err)) {
		fprintf(stderr, "tandem serve: alerts: %s\n", err.data);
		html_raw(o, "<p class=\"notice error\">");
		html_msg(o, req, "error.internal");
		html_raw(o, "</p>\n");
	} else {
		loaded = 1;
		alerts_table(req, o, &al, &ds, as_of, NULL, NULL, 10, NULL);
	}
	html_raw(o, "</section>\n");
	lc_alerts_release(&al);
	if (loaded) {
		dataset_free(&ds);
		model_free(m);
	}
	buf_release(&err);
}

void web_alerts_owner_panel(struct request *req, struct buf *o, const char *owner)
{
	struct model *m = NULL;
	struct dataset ds;
	struct lc_alerts al = { 0 };
	struct buf err = BUF_INIT, h = BUF_INIT;
	day_t as_of, now = web_today();
	int loaded = 0, year = web_default_year(req);
	html_raw(o, "<section class=\"card\" id=\"my-alerts\" aria-labelledby=\"my-alerts-h\">\n<h2 id=\"my-alerts-h\">");
	html_msg(o, req, "me.alerts");
	/* the alerts page's own date: the default year's end, or today
	 * while that year runs */
	app_year_is_over(req->store, year, now, &as_of);
	if (now != DAY_NONE && now < as_of)
		as_of = now;
	html_raw(o, " <span class=\"subtitle small muted\">");
	html_msg(o, req, "alerts.as_of");
	html_raw(o, " ");
	date_append(o, as_of);
	html_raw(o, "</span></h2>\n");
	if (compute_alerts(req->store, as_of, &m, &ds, &al, &err))
		goto fail;
	loaded = 1;
	alerts_table(req, o, &al, &ds, as_of, owner, NULL, 0, NULL);
	buf_adds(&h, "/alerts?owner=");
	http_url_escape(&h, owner);
	html_raw(o, "<p><a href=\"");
	html_escape(o, h.data);
	html_raw(o, "\">");
	html_msg(o, req, "me.alerts_all");
	html_raw(o, "</a></p>\n</section>\n");
	goto out;
fail:
	fprintf(stderr, "tandem serve: alerts: %s\n", err.data);
	html_raw(o, "</h2>\n<p class=\"notice error\">");
	html_msg(o, req, "error.internal");
	html_raw(o, "</p>\n</section>\n");
out:
	lc_alerts_release(&al);
	if (loaded)
		dataset_free(&ds);
	model_free(m);
	buf_release(&err);
	buf_release(&h);
}

/* The alerts page's filters: the date, an owner (of contracts, each
 * once, in the people's order) and a rule. */
static void alert_filters(struct request *req, struct buf *o, const struct dataset *ds, day_t as_of,
			  const char *owner, const char *rule)
{
	const char **owners = arena_alloc(&req->arena, (ds->n_people + 1) * sizeof *owners);
	const char **names = arena_alloc(&req->arena, (ds->n_people + 1) * sizeof *names);
	const char **rules = arena_alloc(&req->arena, (LC_RULE_COUNT + 1) * sizeof *rules);
	char *day = arena_alloc(&req->arena, 11);
	size_t n = 0;
	for (size_t p = 0; p < ds->n_people; p++) {
		int owns = 0;
		for (size_t c = 0; c < ds->n_contracts && !owns; c++)
			owns = ds->contracts[c].sales_owner == (int)p || ds->contracts[c].ops_owner == (int)p;
		if (!owns)
			continue;
		owners[n] = ds->people[p].id;
		names[n++] = ds->people[p].name;
	}
	owners[n] = names[n] = NULL;
	for (int r = 0; r < LC_RULE_COUNT; r++)
		rules[r] = lc_rule_id((enum lc_rule)r);
	rules[LC_RULE_COUNT] = NULL;
	date_format(as_of, day);
	struct form_field fields[] = {
		{ .name = "as_of", .id = "as_of", .label = msg(req->lang, "alerts.as_of"), .kind = FIELD_DATE,
		  .value = day },
		{ .name = "owner", .id = "owner", .label = msg(req->lang, "alerts.owner"), .kind = FIELD_ENUM,
		  .options = owners, .option_labels = names, .value = owner,
		  .empty_label = msg(req->lang, "alerts.everyone") },
		{ .name = "rule", .id = "rule", .label = msg(req->lang, "alerts.rule"), .kind = FIELD_ENUM,
		  .options = rules, .option_prefix = "alerts.rule.", .value = rule,
		  .empty_label = msg(req->lang, "alerts.every_rule") },
	};
	struct form f = { .id = "alert-filters", .action = "/alerts", .css = "filters", .fields = fields,
			  .n_fields = sizeof fields / sizeof fields[0], .get = 1, .plain_submit = 1,
			  .submit_label = msg(req->lang, "action.filter") };
	html_form(req, o, &f);
}

/* The alerts page: every early warning on a date, one row a contract,
 * filtered by owner and rule. The date is the end of the year shown (the
 * last complete one by default), or today while that year runs, or
 * ?as_of=. */
void page_alerts(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT, t = BUF_INIT;
	const char *owner = http_query(req, "owner"), *rule = http_query(req, "rule");
	const char *as_of_text = http_query(req, "as_of");
	int year = req->year;
	day_t as_of = DAY_NONE, now = web_today();
	struct model *m = NULL;
	struct dataset ds;
	struct lc_alerts al = { 0 };
	int loaded = 0;
	if (as_of_text && date_parse(as_of_text, strlen(as_of_text), &as_of)) {
		html_error_page(req, res, 400, "alerts.bad_date", NULL);
		goto out;
	}
	if (as_of == DAY_NONE) {
		day_t end;
		app_year_is_over(req->store, year, now, &end);
		as_of = now != DAY_NONE && now < end ? now : end;
	}
	if (compute_alerts(req->store, as_of, &m, &ds, &al, &err)) {
		fprintf(stderr, "tandem serve: alerts: %s\n", err.data);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	loaded = 1;
	html_page_begin(req, res, "alerts.page_title", NULL);
	alert_filters(req, o, &ds, as_of, owner, rule);
	html_raw(o, "<section class=\"card\" id=\"alerts\">\n");
	if (http_query(req, "acknowledged")) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "alerts.ack_saved");
		html_raw(o, "</p>\n");
	}
	struct ack_view acks = { NULL, 0, !!(req->session.user.role & (ROLE_ADMIN | ROLE_EXECUTIVE |
									ROLE_SALES | ROLE_OPERATIONS)) };
	struct alert_ack *ack_rows = NULL;
	if (store_alert_acks(req->store, &ack_rows, &acks.n, &err))
		fprintf(stderr, "tandem serve: alerts: %s\n", err.data);
	acks.acks = ack_rows;
	size_t groups = alerts_table(req, o, &al, &ds, as_of, owner, rule, 0, &acks);
	alert_acks_free(ack_rows, acks.n);
	if (groups) {
		char count[24], day[11];
		snprintf(count, sizeof count, "%zu", groups);
		date_format(as_of, day);
		const char *args[] = { count, day };
		i18n_add(&t, lang_of(req), "alerts.count", args, 2);
		html_raw(o, "<p class=\"muted small\" id=\"alerts-count\">");
		html_escape(o, t.data);
		html_raw(o, "</p>\n");
	}
	html_raw(o, "</section>\n<p class=\"muted small\">");
	html_msg(o, req, "alerts.help");
	html_raw(o, "</p>\n");
	html_page_end(req, res);
out:
	lc_alerts_release(&al);
	if (loaded) {
		dataset_free(&ds);
		model_free(m);
	}
	buf_release(&err);
	buf_release(&t);
}

/* POST /alerts/ack: contract, rule, as_of, note. Back to the alerts of
 * that date with a notice; a refused note (empty, too long) or an unknown
 * contract is a 422 page that says why. */
void page_alert_ack(struct request *req, struct response *res)
{
	const char *contract = http_form(req, "contract"), *rule = http_form(req, "rule");
	const char *as_of = http_form(req, "as_of"), *note = http_form(req, "note");
	struct buf err = BUF_INIT, to = BUF_INIT;
	day_t d;
	int known_rule = 0;
	for (int r = 0; rule && r < LC_RULE_COUNT; r++)
		known_rule |= !strcmp(rule, lc_rule_id((enum lc_rule)r));
	if (!contract || !known_rule || !as_of || date_parse(as_of, strlen(as_of), &d)) {
		html_error_page(req, res, 422, "alerts.ack_bad", NULL);
		goto out;
	}
	int rc = store_alert_ack(req->store, contract, rule, as_of, note, req->actor, &err);
	if (rc > 0) {
		html_error_page(req, res, 422, "alerts.ack_refused", err.data);
	} else if (rc < 0) {
		fprintf(stderr, "tandem serve: alerts: %s\n", err.data);
		html_error_page(req, res, 500, "error.internal", NULL);
	} else {
		buf_adds(&to, "/alerts?as_of=");
		http_url_escape(&to, as_of);
		buf_adds(&to, "&acknowledged=1");
		http_redirect(res, req, to.data);
	}
out:
	buf_release(&err);
	buf_release(&to);
}

/* ---- the growth cycle ---------------------------------------------------- */

/* The cycle of y1..y2 as `tandem cycle` computes it; *years freed by the
 * caller with xfree(). */
static int compute_cycle(struct store *s, int y1, int y2, struct lc_cycle_year **years, size_t *n,
			 struct buf *err)
{
	struct app_scored_year y;
	int rc = -1;
	if (app_open_year_data(s, NULL, y2, 0, &y, err) == APP_OK) {
		lifecycle_cycle(&y.ds, y.model, y1, y2, years, n);
		rc = 0;
	}
	app_scored_year_release(&y);
	return rc;
}

/* from and to of the query: 0, or -1 with the error answered. */
static int cycle_years(struct request *req, struct response *res, int api, int *y1, int *y2)
{
	const char *bad = NULL;
	*y2 = web_default_year(req);
	if (web_year_param(req, "to", y2) < 0)
		bad = "to";
	else if ((*y1 = api ? 0 : *y2 - 3), web_year_param(req, "from", y1) < 0)
		bad = "from";
	if (!bad && api && !http_query(req, "from")) {
		http_json_error(res, 400, "from", "from is needed: the first year (YYYY)");
		return -1;
	}
	if (!bad && api && !http_query(req, "to"))
		*y2 = *y1;
	if (!bad && (*y2 < *y1 || *y2 - *y1 > 50))
		bad = "to";
	if (bad) {
		if (api)
			http_json_error(res, 400, bad, "%s",
					!strcmp(bad, "to") ? "to must be a year from 'from' up to 50 years later"
							   : "from takes a year (YYYY)");
		else
			html_error_page(req, res, 400, "cycle.bad_years", NULL);
		return -1;
	}
	return 0;
}

void api_cycle(struct request *req, struct response *res)
{
	struct lc_cycle_year *years = NULL;
	struct buf j = BUF_INIT, err = BUF_INIT;
	size_t n = 0;
	int y1, y2;
	if (cycle_years(req, res, 1, &y1, &y2))
		return;
	if (compute_cycle(req->store, y1, y2, &years, &n, &err))
		api_internal(res, &err);
	else {
		report_cycle_json(years, n, &j);
		json_exact(res, 200, &j);
	}
	xfree(years);
	buf_release(&j);
	buf_release(&err);
}

void api_cycle_referrals(struct request *req, struct response *res)
{
	struct dataset ds;
	struct lc_referral *r = NULL;
	struct buf j = BUF_INIT, err = BUF_INIT;
	size_t n = 0;
	memset(&ds, 0, sizeof ds);
	if (app_load_data(req->store, DAY_NONE, &ds, &err)) {
		api_internal(res, &err);
		buf_release(&err);
		return;
	}
	lifecycle_referrals(&ds, &r, &n);
	report_referrals_json(r, n, &ds, &j);
	json_exact(res, 200, &j);
	xfree(r);
	dataset_free(&ds);
	buf_release(&j);
	buf_release(&err);
}

/* One indicator of the cycle: its message key and how to get num ÷ den. */
static const struct indicator {
	const char *key;
	int percent;               /* a share (shown ×100, with %) or a count per unit */
} indicators[] = {
	{ "cycle.stabilization_rate", 1 },
	{ "cycle.renewal_rate", 1 },
	{ "cycle.expansions_per_contract", 0 },
	{ "cycle.expansion_value_growth", 1 },
	{ "cycle.new_service_line_rate", 0 },
	{ "cycle.referral_rate", 1 },
	{ "cycle.references_per_account", 0 },
};

static void indicator_value(const struct lc_cycle_year *y, size_t i, long double *num,
			    long double *den)
{
	switch (i) {
	case 0: *num = y->stab_within_plan; *den = y->stab_judged; break;
	case 1: *num = y->renewed; *den = y->renewal_decided; break;
	case 2: *num = y->expansions; *den = y->active_contracts; break;
	case 3: *num = (long double)y->expansion_value; *den = (long double)y->active_value; break;
	case 4: *num = y->new_service_lines; *den = y->active_contracts; break;
	case 5: *num = y->referred_new_clients; *den = y->new_clients; break;
	default: *num = y->references; *den = y->accounts; break;
	}
}

static void referral_tree(struct request *req, struct buf *o, const struct lc_referral *r,
			  size_t n, const struct dataset *ds)
{
	int depth = -1;
	if (!n) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "cycle.no_referrals");
		html_raw(o, "</p>\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (r[i].depth > depth) {
			for (; depth < r[i].depth; depth++)
				html_raw(o, depth < 0 ? "<ul class=\"tree\">" : "<ul>");
		} else {
			html_raw(o, "</li>\n");
			for (; depth > r[i].depth; depth--)
				html_raw(o, "</ul></li>\n");
		}
		html_raw(o, "<li><strong>");
		html_escape(o, ds->clients[r[i].client].name);
		html_raw(o, "</strong> <span class=\"muted small\">");
		html_escape(o, ds->clients[r[i].client].id);
		if (r[i].on != DAY_NONE) {
			html_raw(o, " · ");
			html_msg(o, req, "cycle.referred_on");
			html_raw(o, " ");
			date_append(o, r[i].on);
		}
		html_raw(o, "</span>");
	}
	html_raw(o, "</li>\n");
	for (; depth > 0; depth--)
		html_raw(o, "</ul></li>\n");
	html_raw(o, "</ul>\n");
}

/* The indicators down, the years across: a share with its count
 * ("50.0%" and "1/2"), a count per contract, then the plain counts. */
static void cycle_table(struct request *req, struct buf *o, const struct lc_cycle_year *years, size_t n)
{
	enum { N_INDICATORS = sizeof indicators / sizeof indicators[0] };
	static const char *const counts[] = { "cycle.active_contracts", "cycle.new_clients" };
	size_t n_cols = n + 1, n_rows = N_INDICATORS + 2;
	struct table_column *cols = arena_alloc(&req->arena, n_cols * sizeof *cols);
	struct table_row *rows = arena_alloc(&req->arena, n_rows * sizeof *rows);
	cols[0] = (struct table_column){ "indicator", "cycle.indicator", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
					 TABLE_ROW_HEADER };
	for (size_t y = 0; y < n; y++)
		cols[y + 1] = (struct table_column){ arena_printf(&req->arena, "y%d", years[y].year), NULL,
						     arena_printf(&req->arena, "%d", years[y].year), TABLE_TEXT,
						     TABLE_ALIGN_RIGHT };
	for (size_t i = 0; i < n_rows; i++) {
		struct table_cell *cells = arena_alloc(&req->arena, n_cols * sizeof *cells);
		memset(cells, 0, n_cols * sizeof *cells);
		cells[0].text = msg(req->lang, i < N_INDICATORS ? indicators[i].key : counts[i - N_INDICATORS]);
		for (size_t y = 0; y < n; y++) {
			struct table_cell *c = &cells[y + 1];
			struct buf t = BUF_INIT;
			long double num, den;
			if (i >= N_INDICATORS) {
				c->text = arena_printf(&req->arena, "%ld", i > N_INDICATORS ? years[y].new_clients
						       : years[y].active_contracts);
				continue;
			}
			indicator_value(&years[y], i, &num, &den);
			if (den == 0) {
				c->text = msg(req->lang, "score.na");
				continue;
			}
			if (indicators[i].percent)
				units_percent(&t, num / den, 1);
			else
				numfmt_ld(&t, num / den, 2);
			c->text = arena_strdup(&req->arena, t.data);
			if (i != 3)   /* a value growth: its won would not help */
				c->note = arena_printf(&req->arena, "(%.0Lf/%.0Lf)", num, den);
			buf_release(&t);
		}
		rows[i].cells = cells;
		rows[i].id = NULL;
	}
	const struct table_desc t = { "cycle-indicators", "cycle", cols, n_cols, 50, NULL, -1, 0 };
	html_table_card(req, o, NULL, "cycle.indicators", &t, rows, n_rows);
}

void page_cycle(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct lc_cycle_year *years = NULL;
	struct lc_referral *r = NULL;
	struct dataset ds;
	size_t n = 0, nr = 0;
	int y1, y2, loaded = 0;

	if (cycle_years(req, res, 0, &y1, &y2))
		return;
	memset(&ds, 0, sizeof ds);
	if (compute_cycle(req->store, y1, y2, &years, &n, &err) ||
	    app_load_data(req->store, DAY_NONE, &ds, &err)) {
		fprintf(stderr, "tandem serve: cycle: %s\n", err.data);
		html_error_page(req, res, 500, "error.internal", NULL);
		goto out;
	}
	loaded = 1;
	lifecycle_referrals(&ds, &r, &nr);
	html_page_begin(req, res, "cycle.title", NULL);
	html_raw(o, "<p class=\"muted\">");
	html_msg(o, req, "cycle.help");
	html_raw(o, "</p>\n");
	{
		struct form_field range[] = { form_year_field(req, "from", "from", "cycle.from", y1),
					      form_year_field(req, "to", "to", "cycle.to", y2) };
		html_view_form(req, o, NULL, "/cycle", range, 2);
	}

	cycle_table(req, o, years, n);

	/* One small bar chart per indicator, a bar a year, all on ONE common
	 * scale: every share (rates, growth) from 0 to the round tick above
	 * the largest share of any indicator, every count per contract from 0
	 * to the round tick above the largest count — never each chart to its
	 * own maximum, so that 3.5% never fills a bar like 100%. A year not
	 * over yet is marked: its bars pale and dashed, its label starred. */
	html_raw(o, "<section class=\"card\">\n<h2>");
	html_msg(o, req, "cycle.charts");
	html_raw(o, "</h2>\n");
	{
		struct svg_bar *bars = xcalloc(n + 1, sizeof *bars);
		double max_share = 0, max_count = 0;
		int partial_shown = 0;
		for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++)
			for (size_t y = 0; y < n; y++) {
				long double num, den;
				indicator_value(&years[y], i, &num, &den);
				if (den == 0)
					continue;
				double v = (double)(num / den * (indicators[i].percent ? 100 : 1));
				double *max = indicators[i].percent ? &max_share : &max_count;
				if (v > *max)
					*max = v;
			}
		int *partial = xcalloc(n + 1, sizeof *partial);
		for (size_t y = 0; y < n; y++) {
			day_t last_day;
			partial[y] = !web_year_is_over(req, years[y].year, &last_day);
			partial_shown |= partial[y];
		}
		if (partial_shown) {
			html_raw(o, "<p class=\"muted small\" id=\"cycle-partial\">");
			html_msg(o, req, "cycle.partial_year");
			html_raw(o, "</p>\n");
		}
		html_raw(o, "<div class=\"chart-grid\">\n");
		for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++) {
			double max = indicators[i].percent ? max_share : max_count;
			for (size_t y = 0; y < n; y++) {
				long double num, den;
				struct buf t = BUF_INIT;
				indicator_value(&years[y], i, &num, &den);
				bars[y].partial = partial[y];
				bars[y].label = arena_printf(&req->arena, bars[y].partial ? "%d*" : "%d",
							     years[y].year);
				bars[y].value = den == 0 ? SVG_NONE
					: (double)(num / den * (indicators[i].percent ? 100 : 1));
				if (den != 0) {
					numfmt_ld(&t, num / den * (indicators[i].percent ? 100 : 1),
						  indicators[i].percent ? 1 : 2);
					if (indicators[i].percent)
						buf_addc(&t, '%');
				}
				bars[y].text = den == 0 ? NULL : arena_printf(&req->arena, "%s", t.data);
				bars[y].href = NULL;
				buf_release(&t);
			}
			if (max <= 0)
				max = 1;
			html_raw(o, "<figure class=\"mini\"><figcaption>");
			html_msg(o, req, indicators[i].key);
			html_raw(o, "</figcaption>");
			svg_bar_chart(o, msg(req->lang, indicators[i].key), bars, n, max,
				      msg(req->lang, "score.na"), indicators[i].percent ? "%" : NULL);
			html_raw(o, "</figure>\n");
		}
		xfree(partial);
		xfree(bars);
	}
	html_raw(o, "</div>\n</section>\n");

	html_raw(o, "<section class=\"card\" id=\"referrals\">\n<h2>");
	html_msg(o, req, "cycle.referrals");
	html_raw(o, "</h2>\n");
	referral_tree(req, o, r, nr, &ds);
	html_raw(o, "</section>\n");
	html_page_end(req, res);
out:
	xfree(years);
	xfree(r);
	if (loaded)
		dataset_free(&ds);
	buf_release(&err);
}

/* ---- promise vs delivery ------------------------------------------------- */

struct promises_run {
	const struct scored *sc;
	struct proposal_override_row *rows;
	size_t n_rows, n_ov;
	struct lc_override *ov;
	struct lc_promises p;
};

/* As `tandem promises --year Y`: 0, or -1 with err. Release with
 * promises_release. */
static int compute_promises(struct request *req, int year, struct promises_run *run,
			    struct buf *err)
{
	const struct dataset *ds;
	memset(run, 0, sizeof *run);
	run->sc = web_scores_get(req, year, err);
	if (!run->sc)
		return -1;
	if (store_proposal_overrides(req->store, &run->rows, &run->n_rows, err)) {
		web_scores_release(req->srv, run->sc);
		run->sc = NULL;
		return -1;
	}
	ds = run->sc->ds;
	run->ov = xcalloc(run->n_rows + 1, sizeof *run->ov);
	for (size_t i = 0; i < run->n_rows; i++)
		for (size_t p = 0; p < ds->n_proposals; p++)
			if (!strcmp(ds->proposals[p].id, run->rows[i].proposal_id))
				run->ov[run->n_ov++] = (struct lc_override){ (int)p, run->rows[i].decided_by,
									     run->rows[i].reason,
									     run->rows[i].decided_at };
	lifecycle_promises(run->sc->scores, run->ov, run->n_ov, &run->p);
	return 0;
}

static void promises_release(struct request *req, struct promises_run *run)
{
	lc_promises_release(&run->p);
	xfree(run->ov);
	proposal_overrides_free(run->rows, run->n_rows);
	if (run->sc)
		web_scores_release(req->srv, run->sc);
}

void api_promises(struct request *req, struct response *res)
{
	struct promises_run run;
	struct buf j = BUF_INIT, err = BUF_INIT;
	int year = req->year;
	if (compute_promises(req, year, &run, &err)) {
		api_internal(res, &err);
	} else {
		report_promises_json(&run.p, run.sc->ds, run.ov, &j);
		json_exact(res, 200, &j);
		promises_release(req, &run);
	}
	buf_release(&j);
	buf_release(&err);
}

/* A calibration: per person how many reviews, the mean absolute error
 * and the bias, in percentage points. */
static void calibration_table(struct request *req, struct buf *o, const struct dataset *ds,
			      const char *head, const struct lc_calibration *c, size_t n)
{
	static const struct table_column cols[] = {
		{ "person", "promises.person", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_ROW_HEADER },
		{ "n", "promises.n", NULL, TABLE_NUMBER, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
		{ "mae", "promises.mae", NULL, TABLE_TEXT, TABLE_ALIGN_RIGHT, 0 },
		{ "bias", "promises.bias", NULL, TABLE_POINTS, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 1 },
	};
	enum { N = sizeof cols / sizeof cols[0] };
	struct table_row *rows = arena_alloc(&req->arena, (n + 1) * sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		struct table_cell *cells = arena_alloc(&req->arena, N * sizeof *cells);
		struct buf t = BUF_INIT;
		memset(cells, 0, N * sizeof *cells);
		cells[0].text = c[i].person == NO_INDEX ? msg(req->lang, "promises.overall")
			: ds->people[c[i].person].name;
		cells[1].has_num = 1;
		cells[1].num = c[i].n;
		/* an error is never signed: the points without units_points' "+" */
		numfmt_ld(&t, c[i].mae * 100, 1);
		cells[2].text = arena_printf(&req->arena, "%s%s", t.data, msg(req->lang, "unit.pt"));
		cells[3].has_num = 1;
		cells[3].num = c[i].bias;
		rows[i].cells = cells;
		rows[i].id = NULL;
		buf_release(&t);
	}
	/* the three tables of the page each sort by themselves */
	const struct table_desc t = { NULL, head + strlen("promises."), cols, N, 50, NULL, -1, 0 };
	html_raw(o, "<h3>");
	html_msg(o, req, head);
	html_raw(o, "</h3>\n");
	html_table(req, o, &t, rows, n);
}

/* A promise's row: the run, the promise and the credits of its contract. */
struct promise_draw {
	const struct promises_run *run;
	const struct lc_promise *pr;
	const struct credits *credits;
};

static void draw_proposal(struct request *req, struct buf *o, const void *arg)
{
	const struct promise_draw *d = arg;
	const struct dataset *ds = d->run->sc->ds;
	const struct proposal *p = &ds->proposals[d->pr->proposal];
	struct buf h = BUF_INIT;
	buf_adds(&h, "/proposals/");
	http_url_escape(&h, p->id);
	html_link(o, h.data, p->id);
	html_raw(o, " <span class=\"muted\">");
	html_escape(o, ds->clients[p->client].name);
	html_raw(o, "</span>");
	if (d->pr->override >= 0) {
		html_raw(o, " <span class=\"badge warn\" title=\"");
		html_escape(o, d->run->ov[d->pr->override].reason);
		html_raw(o, "\">");
		html_msg(o, req, "proposals.gate_overridden");
		html_raw(o, "</span>");
	}
	buf_release(&h);
}

static void draw_gap(struct request *req, struct buf *o, const void *arg)
{
	const struct promise_draw *d = arg;
	struct buf t = BUF_INIT;
	if (!d->pr->has_predicted) {
		html_msg(o, req, "score.na");
		return;
	}
	units_points(&t, d->pr->gap, 1);
	html_raw(o, d->pr->gap < 0 ? "<span class=\"badge bad\">" : "<span class=\"badge ok\">");
	html_escape(o, t.data);
	html_raw(o, "</span>");
	buf_release(&t);
}

/* The terms sales signed and what they cost (issue 20). */
static void draw_terms(struct request *req, struct buf *o, const void *arg)
{
	const struct promise_draw *d = arg;
	const struct dataset *ds = d->run->sc->ds;
	struct buf h = BUF_INIT;
	if (report_credit_terms_line(&h, ds, d->pr->contract, lang_of(req))) {
		struct credit_totals t;
		html_escape(o, h.data);
		report_credits_contract_totals(d->credits, d->pr->contract, &t);
		html_raw(o, "<br>");
		html_msg(o, req, "promises.credits_incurred");
		html_raw(o, " <strong>");
		credits_format_cents(o, t.incurred);
		html_raw(o, "</strong> / ");
		credits_format_cents(o, t.pool);
	} else {
		html_raw(o, "<span class=\"muted\">");
		html_msg(o, req, "credits.no_terms");
		html_raw(o, "</span>");
	}
	buf_release(&h);
}

static const struct table_column promise_columns[] = {
	{ "proposal", "promises.proposal", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH },
	{ "contract", "promises.contract", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SEARCH },
	{ "reviewer", "promises.reviewer", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES },
	{ "sales_owner", "promises.sales_owner", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO,
	  TABLE_SORTABLE | TABLE_CHOICES },
	{ "predicted", "promises.predicted", NULL, TABLE_PERCENT, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 1 },
	{ "actual", "promises.actual", NULL, TABLE_PERCENT, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 1 },
	{ "gap", "promises.gap", NULL, TABLE_POINTS, TABLE_ALIGN_AUTO, TABLE_SORTABLE, 1 },
	{ "terms", "promises.terms_credits", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, 0, 0, NULL, NULL, "small" },
};

/* Every won proposal with a review: promised against delivered. */
static void promises_table(struct request *req, struct buf *o, const struct promises_run *run,
			   const struct credits *credits)
{
	enum { N = sizeof promise_columns / sizeof promise_columns[0] };
	const struct dataset *ds = run->sc->ds;
	struct table_row *rows = arena_alloc(&req->arena, (run->p.n + 1) * sizeof *rows);
	for (size_t i = 0; i < run->p.n; i++) {
		const struct lc_promise *pr = &run->p.rows[i];
		const struct contract *k = &ds->contracts[pr->contract];
		int reviewer = pr->review == NO_INDEX ? NO_INDEX : ds->feasibility_reviews[pr->review].reviewer;
		struct promise_draw *d = arena_alloc(&req->arena, sizeof *d);
		struct table_cell *cells = arena_alloc(&req->arena, N * sizeof *cells);
		struct buf h = BUF_INIT;
		*d = (struct promise_draw){ run, pr, credits };
		memset(cells, 0, N * sizeof *cells);
		cells[0].text = ds->proposals[pr->proposal].id;
		cells[0].note = ds->clients[ds->proposals[pr->proposal].client].name;
		cells[0].draw = draw_proposal;
		cells[0].draw_arg = d;
		buf_adds(&h, "/contracts/");
		http_url_escape(&h, k->id);
		cells[1].text = k->id;
		cells[1].href = arena_strdup(&req->arena, h.data);
		cells[2].text = reviewer == NO_INDEX ? "—" : ds->people[reviewer].name;
		cells[3].text = k->sales_owner == NO_INDEX ? "—" : ds->people[k->sales_owner].name;
		cells[4].has_num = pr->has_predicted;
		cells[4].num = pr->predicted;
		cells[5].has_num = pr->with_data != 0;
		cells[5].num = pr->with_data ? (long double)pr->met / pr->with_data : 0;
		cells[5].note = arena_printf(&req->arena, "(%ld/%ld)", pr->met, pr->with_data);
		cells[6].has_num = pr->has_predicted;
		cells[6].num = pr->gap;
		cells[6].draw = draw_gap;
		cells[6].draw_arg = d;
		cells[7].draw = draw_terms;
		cells[7].draw_arg = d;
		rows[i].cells = cells;
		rows[i].id = NULL;
		buf_release(&h);
	}
	const struct table_desc t = { "promise-rows", "promises", promise_columns, N, 50, "promises.none", -1, 0 };
	html_table(req, o, &t, rows, run->p.n);
}

void page_promises(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct promises_run run;
	int year = req->year;
	if (compute_promises(req, year, &run, &err)) {
		fprintf(stderr, "tandem serve: promises: %s\n", err.data);
		html_error_page(req, res, 500, "error.scores", NULL);
		buf_release(&err);
		return;
	}
	const struct dataset *ds = run.sc->ds;
	html_page_begin(req, res, "promises.title", arena_printf(&req->arena, "%d", year));
	html_raw(o, "<p class=\"muted\">");
	html_msg(o, req, "promises.help");
	html_raw(o, "</p>\n");
	{
		struct form_field year_field = form_year_field(req, "year", "year", "score.year", year);
		html_view_form(req, o, NULL, "/promises", &year_field, 1);
	}
	html_raw(o, "<section class=\"card\">\n<h2>");
	html_msg(o, req, "promises.rows");
	html_raw(o, "</h2>\n");
	if (!run.p.n) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "promises.none");
		html_raw(o, "</p>\n");
	} else {
		struct credits credits;
		credits_compute(ds, &credits);
		promises_table(req, o, &run, &credits);
		credits_free(&credits);
	}
	html_raw(o, "</section>\n<section class=\"card\">\n<h2>");
	html_msg(o, req, "promises.calibration");
	html_raw(o, "</h2>\n<p class=\"muted small\">");
	html_msg(o, req, "promises.calibration_help");
	html_raw(o, "</p>\n");
	if (run.p.overall.n) {
		calibration_table(req, o, ds, "promises.by_reviewer", run.p.by_reviewer,
				  run.p.n_by_reviewer);
		calibration_table(req, o, ds, "promises.by_sales_owner", run.p.by_sales_owner,
				  run.p.n_by_sales_owner);
		calibration_table(req, o, ds, "promises.overall", &run.p.overall, 1);
	} else {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "promises.no_calibration");
		html_raw(o, "</p>\n");
	}
	html_raw(o, "</section>\n");
	html_page_end(req, res);
	promises_release(req, &run);
	buf_release(&err);
}

/* ---- proposals: the API ------------------------------------------------ */


static const char *const statuses[] = { "draft", "review", "won", "lost", NULL };

void api_proposals_list(struct request *req, struct response *res)
{
	const char *status = http_query(req, "status");
	struct proposal_detail *list = NULL;
	struct buf j = BUF_INIT, err = BUF_INIT;
	size_t n = 0, i;
	if (status) {
		for (i = 0; statuses[i] && strcmp(statuses[i], status); i++)
			;
		if (!statuses[i]) {
			http_json_error(res, 400, "status", "status '%s' is not draft, review, won or lost",
					status);
			return;
		}
	}
	if (store_proposal_list(req->store, status, &list, &n, &err)) {
		api_internal(res, &err);
		buf_release(&err);
		return;
	}
	buf_adds(&j, "{\"proposals\":[");
	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&j, ',');
		report_proposal_json(&list[i], &j);
	}
	buf_adds(&j, "]}");
	http_json(res, 200, &j);
	proposal_list_free(list, n);
	buf_release(&j);
	buf_release(&err);
}

/* Answers with the proposal id as it is now, with status. */
static void answer_proposal(struct request *req, struct response *res, const char *id, int status)
{
	struct proposal_detail d;
	struct buf j = BUF_INIT, err = BUF_INIT;
	int rc = store_proposal_get(req->store, id, &d, &err);
	if (rc < 0)
		api_internal(res, &err);
	else if (rc)
		http_json_error(res, 404, NULL, "no proposal '%s'", id);
	else {
		report_proposal_json(&d, &j);
		http_json(res, status, &j);
		proposal_detail_release(&d);
	}
	buf_release(&j);
	buf_release(&err);
}

void api_proposal_get(struct request *req, struct response *res)
{
	answer_proposal(req, res, req->params[0], 200);
}

/* Is the proposal still open (draft or review)? 1 open, 0 decided (won or
 * lost), -1 no such proposal or a storage error (answered then). */
static int proposal_open(struct request *req, struct response *res, const char *id, int api)
{
	struct proposal_detail d;
	struct buf err = BUF_INIT;
	int rc = store_proposal_get(req->store, id, &d, &err), open = -1;
	if (rc < 0) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		if (api)
			http_json_error(res, 500, NULL, "internal error");
		else
			html_error_page(req, res, 500, "error.internal", NULL);
	} else if (rc) {
		if (api)
			http_json_error(res, 404, NULL, "no proposal '%s'", id);
		else
			html_error_page(req, res, 404, "error.not_found", NULL);
	} else {
		open = !strcmp(d.status, "draft") || !strcmp(d.status, "review");
		proposal_detail_release(&d);
	}
	buf_release(&err);
	return open;
}

enum proposal_action { ACT_WIN, ACT_LOSE, ACT_REVIEW, ACT_OVERRIDE };

/* Runs one change through the store's state machine. *status is the HTTP
 * status of a refusal: 409 when the proposal's state or the gate says no,
 * 422 when the input does (a review's fields, an override's reason), 404
 * and 500 too; 0 when done. field names the input at fault, if one. */
static int run_action(struct request *req, enum proposal_action act, const char *id,
		      struct proposal_review_input *review, const char *reason,
		      const char **field, const char **code, struct problem_list *problems,
		      struct buf *err)
{
	static const enum policy_action actions[] = { POLICY_WIN, POLICY_LOSE, POLICY_REVIEW,
						      POLICY_OVERRIDE };
	struct app_actor actor = { req->session.user.role, req->session.user.person_id, req->actor };
	*field = NULL;
	enum app_status st = app_proposal_act(req->store, &actor, 0, actions[act], id, review, reason,
					      code, problems, err);
	/* a review or an override of an open proposal is refused only for
	 * its input */
	if (st == APP_INVALID)
		*field = act == ACT_REVIEW ? "review" : "reason";
	if (web_app_http(st) >= 500)
		fprintf(stderr, "tandem serve: %s\n", err->data);
	return st == APP_OK ? 0 : web_app_http(st);
}

static const char *member_of(const struct param *p, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}

static void api_action(struct request *req, struct response *res, enum proposal_action act)
{
	const char *id = req->params[0], *field, *reason = NULL, *code = NULL;
	struct proposal_review_input review = { 0 };
	struct param *p = NULL;
	size_t n = 0;
	struct buf err = BUF_INIT;
	struct problem_list problems = PROBLEM_LIST_INIT;
	int status;

	if (act == ACT_REVIEW || act == ACT_OVERRIDE) {
		if (!req->content_type || strncmp(req->content_type, "application/json", 16)) {
			http_json_error(res, 415, NULL, "send application/json");
			goto out;
		}
		if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
			http_json_error(res, 400, NULL, "%s", err.data);
			goto out;
		}
		static const char *const review_fields[] = {
			"reviewed_on", "reviewer", "verdict", "predicted_attainment", "risk_tier",
			"required_ramp_days", "conditions", NULL
		};
		static const char *const override_fields[] = { "reason", NULL };
		if (jsonin_known_only(res, p, n, act == ACT_REVIEW ? review_fields : override_fields))
			goto out;
	}
	/* A decided proposal: the store's own message, as a conflict. */
	int open = proposal_open(req, res, id, 1);
	if (open < 0)
		goto out;
	if (act == ACT_REVIEW) {
		review.proposal_id = id;
		review.reviewed_on = member_of(p, n, "reviewed_on");
		review.reviewer = member_of(p, n, "reviewer");
		review.verdict = member_of(p, n, "verdict");
		review.predicted_attainment = member_of(p, n, "predicted_attainment");
		review.risk_tier = member_of(p, n, "risk_tier");
		review.required_ramp_days = member_of(p, n, "required_ramp_days");
		review.conditions = member_of(p, n, "conditions");
		if (!review.reviewed_on) {
			char now[21];
			clock_now_iso(now);
			review.reviewed_on = arena_printf(&req->arena, "%.10s", now);
		}
	} else if (act == ACT_OVERRIDE) {
		reason = member_of(p, n, "reason");
	}
	status = run_action(req, act, id, &review, reason, &field, &code, &problems, &err);
	if (!status)
		answer_proposal(req, res, id, act == ACT_REVIEW ? 201 : 200);
	else if (status == 500)
		http_json_error(res, 500, NULL, "internal error");
	else if (status == 403 && code)
		web_policy_error(req, res, 403, code, act == ACT_REVIEW ? "reviewer" : NULL);
	else if (problems.n)
		web_problems_answer(req, res, open ? status : 409, &problems);
	else
		http_json_error(res, open ? status : 409, open ? field : NULL, "%s", err.data);
out:
	problems_release(&problems);
	buf_release(&err);
}

void api_proposal_win(struct request *req, struct response *res) { api_action(req, res, ACT_WIN); }
void api_proposal_lose(struct request *req, struct response *res) { api_action(req, res, ACT_LOSE); }
void api_proposal_review(struct request *req, struct response *res) { api_action(req, res, ACT_REVIEW); }
void api_override(struct request *req, struct response *res) { api_action(req, res, ACT_OVERRIDE); }

/* ---- proposals: the pages ------------------------------------------------ */

/* The gate of a proposal: open (a feasible or conditional review),
 * overridden (an executive's decision) or closed. */
static const char *gate_state(const struct proposal_detail *d)
{
	for (size_t i = 0; i < d->n_reviews; i++)
		if (d->reviews[i].verdict && strcmp(d->reviews[i].verdict, "infeasible"))
			return "open";
	return d->has_override ? "overridden" : "closed";
}

static void gate_badge(struct request *req, struct buf *o, const struct proposal_detail *d)
{
	static const struct { const char *state, *badge; } badges[] = {
		{ "open", "ok" }, { "overridden", "warn" }, { "closed", "bad" },
	};
	const char *state = gate_state(d);
	html_raw(o, "<span class=\"badge ");
	for (size_t i = 0; i < sizeof badges / sizeof badges[0]; i++)
		if (!strcmp(badges[i].state, state))
			html_escape(o, badges[i].badge);
	html_raw(o, "\">");
	html_msg(o, req, arena_printf(&req->arena, "proposals.gate_%s", state));
	html_raw(o, "</span>");
}

/* The list's gate cell: the badge, and an override's reason beside it. */
static void draw_gate(struct request *req, struct buf *o, const void *arg)
{
	const struct proposal_detail *d = arg;
	gate_badge(req, o, d);
	if (d->has_override) {
		html_raw(o, " <span class=\"muted small\">");
		html_escape(o, d->override_reason);
		html_raw(o, "</span>");
	}
}

static void proposal_href(struct buf *h, const char *id, const char *tail)
{
	buf_adds(h, "/proposals/");
	http_url_escape(h, id);
	if (tail)
		buf_adds(h, tail);
}

static const struct table_column proposal_columns[] = {
	{ "id", "col.id", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_ROW_HEADER | TABLE_SEARCH },
	{ "client", "col.client_id", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SEARCH },
	{ "title", "col.title", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_SEARCH },
	{ "origin", "col.origin", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES, 0, NULL,
	  "enum." },
	{ "status", "col.status", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES, 0, statuses,
	  "enum." },
	{ "review", "proposals.review", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE },
	{ "gate", "proposals.gate", NULL, TABLE_TEXT, TABLE_ALIGN_AUTO, TABLE_SORTABLE | TABLE_CHOICES, 0, NULL,
	  "proposals.gate_" },
};

/* The proposals: found by id, client or title, chosen by origin, status
 * and gate, paged. */
static void proposals_table(struct request *req, struct buf *o, const struct proposal_detail *list, size_t n)
{
	enum { N = sizeof proposal_columns / sizeof proposal_columns[0] };
	struct table_row *rows = arena_alloc(&req->arena, (n + 1) * sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		const struct proposal_detail *d = &list[i];
		struct table_cell *cells = arena_alloc(&req->arena, N * sizeof *cells);
		struct buf h = BUF_INIT;
		const char *verdict = d->n_reviews ? d->reviews[d->n_reviews - 1].verdict : NULL;
		memset(cells, 0, N * sizeof *cells);
		proposal_href(&h, d->id, NULL);
		cells[0].text = d->id;
		cells[0].href = arena_strdup(&req->arena, h.data);
		cells[1].text = d->client_name ? d->client_name : d->client_id;
		cells[2].text = d->title ? d->title : "";
		cells[3].text = d->origin ? i18n_named(lang_of(req), "enum.", d->origin) : "";
		cells[3].choice = d->origin ? d->origin : "";
		cells[4].text = i18n_named(lang_of(req), "enum.", d->status);
		cells[4].choice = d->status;
		cells[5].text = verdict ? i18n_named(lang_of(req), "enum.", verdict) : msg(req->lang, "proposals.no_review");
		cells[6].choice = gate_state(d);
		cells[6].text = msg(req->lang, arena_printf(&req->arena, "proposals.gate_%s", cells[6].choice));
		cells[6].draw = draw_gate;
		cells[6].draw_arg = d;
		rows[i].cells = cells;
		rows[i].id = NULL;
		buf_release(&h);
	}
	const struct table_desc t = { "proposal-list", NULL, proposal_columns, N, 50, "records.none", -1, 0 };
	html_table(req, o, &t, rows, n);
}

void page_proposals(struct request *req, struct response *res)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct proposal_detail *list = NULL;
	size_t n = 0;
	html_page_begin(req, res, "proposals.title", NULL);
	if (web_kind_writers(schema_find("proposals")) & req->session.user.role) {
		html_raw(o, "<p class=\"actions\"><a class=\"button primary\" id=\"new-proposal\" href=\"/records/proposals/new\">");
		html_msg(o, req, "proposals.new");
		html_raw(o, "</a></p>\n");
	}
	html_raw(o, "<p class=\"muted\">");
	html_msg(o, req, "proposals.gate_help");
	html_raw(o, "</p>\n");
	if (store_proposal_list(req->store, NULL, &list, &n, &err)) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		html_raw(o, "<p class=\"notice error\">");
		html_msg(o, req, "error.internal");
		html_raw(o, "</p>");
	} else if (!n) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "records.none");
		html_raw(o, "</p>");
	} else {
		proposals_table(req, o, list, n);
	}
	proposal_list_free(list, n);
	html_page_end(req, res);
	buf_release(&err);
}

static void dl_row(struct request *req, struct buf *o, const char *key, const char *v)
{
	html_raw(o, "<dt>");
	html_msg(o, req, key);
	html_raw(o, "</dt><dd>");
	html_escape(o, v && *v ? v : "—");
	html_raw(o, "</dd>");
}

/* A button posting to /proposals/ID/WHAT: primary, or disabled with the
 * id of the reason (disabled_by). */
static void proposal_button(struct request *req, struct buf *o, const char *id, const char *what,
			    const char *label_key, const char *disabled_by, int primary)
{
	struct buf h = BUF_INIT;
	proposal_href(&h, id, what);
	struct form f = { .action = h.data, .inline_form = 1, .plain_submit = !primary,
			  .disabled_by = disabled_by, .submit_label = msg(req->lang, label_key) };
	html_form(req, o, &f);
	buf_release(&h);
}

/* An executive's override of the gate: the reason, kept after a refusal. */
static void override_form(struct request *req, struct buf *o, const char *id, const char *reason)
{
	struct buf h = BUF_INIT;
	proposal_href(&h, id, "/override");
	struct form_field field = { .name = "reason", .id = "reason", .label = msg(req->lang, "proposals.reason"),
				    .kind = FIELD_TEXTAREA, .flags = FIELD_REQUIRED, .maxlength = 2000,
				    .rows = 3, .value = reason };
	struct form f = { .id = "override-form", .action = h.data, .css = "stack", .fields = &field,
			  .n_fields = 1, .plain_submit = 1, .submit_label = msg(req->lang, "proposals.override") };
	html_form(req, o, &f);
	buf_release(&h);
}

/* May the logged-in user take action on proposal id, under the policy
 * (role and relation, the same decision the action itself asks)? */
static int policy_allows(struct request *req, const char *id, enum policy_action action)
{
	const struct table *pt = schema_find("proposals");
	const char *key[1] = { id };
	struct policy_actor a = { req->session.user.role, req->session.user.person_id };
	struct policy_decision d;
	struct record r;
	struct buf err = BUF_INIT;
	int allowed = 0;
	if (records_get(req->store, pt, key, &r, &err) == 0) {
		allowed = policy_decide(req->store, &a, pt, action, &r, NULL, &d, &err) == 0 &&
			  d.effect == POLICY_ALLOW;
		record_free(pt, &r);
	}
	buf_release(&err);
	return allowed;
}

/* The proposal page: its fields, reviews and gate, and the changes the
 * user's role may make now. status and error: a refused change. */
/* The feasibility review form: feasibility_reviews' columns from the schema
 * (html_form), the proposal given by the page, the reviewer the account's
 * own person (SPEC §2, attribution), today's date offered; after a refused
 * review what was typed comes back, the refusal beside its field. */
static void review_form(struct request *req, struct buf *o, const char *id,
			const struct problem_list *problems)
{
	const struct table *t = schema_find("feasibility_reviews");
	const char **values = arena_alloc(&req->arena, t->n_columns * sizeof *values);
	char now[21];
	size_t n;
	struct buf action = BUF_INIT;
	struct form f = { 0 };
	clock_now_iso(now);
	for (size_t c = 0; c < t->n_columns; c++)
		values[c] = http_form(req, t->columns[c].name);
	struct form_field *fields = form_fields_of_table(req, t, values, problems, 0, &n);
	for (size_t c = 0; c < n; c++) {
		struct form_field *fd = &fields[c];
		fd->code = NULL;
		if (!strcmp(fd->name, "reviewed_on") && !fd->value)
			fd->value = arena_printf(&req->arena, "%.10s", now);
		if (!strcmp(fd->name, "reviewer")) {
			fd->kind = FIELD_TEXT;
			fd->placeholder = NULL;
			fd->flags |= FIELD_LOCKED;
			fd->value = req->session.user.person_id;
		}
		if (!strcmp(fd->name, "predicted_attainment"))
			fd->placeholder = "0.95";
	}
	proposal_href(&action, id, "/review");
	f.id = "review-form";
	f.action = action.data;
	f.css = "grid-form";
	f.fields = fields + 1;            /* the proposal is the page's */
	f.n_fields = n - 1;
	f.submit_label = msg(req->lang, "proposals.add_review");
	html_form(req, o, &f);
	buf_release(&action);
}

static void proposal_page(struct request *req, struct response *res, const char *id, int status,
			  const char *error, const struct problem_list *problems)
{
	struct buf *o = &res->body, err = BUF_INIT;
	struct proposal_detail d;
	int rc = store_proposal_get(req->store, id, &d, &err);
	/* Which forms to show is the route table's, then the policy's for
	 * this proposal (sales acts on its own contracts' proposals). */
	int may_win = web_may(req, HTTP_POST, "/proposals/{id}/win", NULL) &&
		      policy_allows(req, id, POLICY_WIN);
	int may_review = web_may(req, HTTP_POST, "/proposals/{id}/review", NULL) &&
			 policy_allows(req, id, POLICY_REVIEW);
	int may_override = web_may(req, HTTP_POST, "/proposals/{id}/override", NULL);
	if (rc) {
		if (rc < 0)
			fprintf(stderr, "tandem serve: %s\n", err.data);
		html_error_page(req, res, rc < 0 ? 500 : 404, rc < 0 ? "error.internal" : "error.not_found",
				NULL);
		buf_release(&err);
		return;
	}
	int open = !strcmp(d.status, "draft") || !strcmp(d.status, "review");
	html_page_begin(req, res, "proposal.title", d.id);
	if (status)
		res->status = status;
	/* a review's problems are shown here and beside their fields */
	const char *shown = problems ? web_problems_text(req, problems, NULL) : NULL;
	if (error || shown) {
		html_raw(o, "<div class=\"notice error\" role=\"alert\"><p><strong>");
		html_msg(o, req, "proposals.refused");
		html_raw(o, "</strong> ");
		if (error && *error)
			html_error_text(o, req, error);
		for (const char *s = shown; s && *s;) {
			size_t len = strcspn(s, "\n");
			html_raw(o, s == shown && !(error && *error) ? "" : "<br>");
			html_escape_n(o, s, len);
			s += len + (s[len] == '\n');
		}
		html_raw(o, "</p></div>\n");
	} else if (http_query(req, "done")) {
		html_raw(o, "<p class=\"notice ok\" role=\"status\">");
		html_msg(o, req, "records.saved");
		html_raw(o, "</p>\n");
	}
	html_raw(o, "<div class=\"columns\">\n<section class=\"card\">\n<h2>");
	html_msg(o, req, "proposal.details");
	html_raw(o, "</h2>\n<dl class=\"fields\">");
	dl_row(req, o, "col.client_id", d.client_name ? d.client_name : d.client_id);
	dl_row(req, o, "col.title", d.title);
	dl_row(req, o, "col.service_line", d.service_line);
	dl_row(req, o, "col.proposed_on", d.proposed_on);
	html_raw(o, "<dt>");
	html_msg(o, req, "col.annual_value");
	html_raw(o, "</dt><dd>");
	if (d.annual_value && *d.annual_value)
		html_money(o, req, d.annual_value);
	else
		html_raw(o, "—");
	html_raw(o, "</dd>");
	dl_row(req, o, "col.origin", d.origin ? msg(req->lang, arena_printf(&req->arena, "enum.%s", d.origin)) : NULL);
	dl_row(req, o, "col.status", msg(req->lang, arena_printf(&req->arena, "enum.%s", d.status)));
	html_raw(o, "<dt>");
	html_msg(o, req, "proposals.gate");
	html_raw(o, "</dt><dd>");
	gate_badge(req, o, &d);
	html_raw(o, "</dd></dl>\n");
	if (d.has_override) {
		html_raw(o, "<div class=\"notice\" id=\"override\"><p><strong>");
		html_msg(o, req, "proposals.override_by");
		html_raw(o, "</strong> ");
		html_actor(o, req, d.override_by);
		html_raw(o, " · ");
		html_escape(o, web_local_time_text(req, d.override_at));
		html_raw(o, "</p><p>");
		html_msg(o, req, "proposals.reason");
		html_raw(o, ": ");
		html_escape(o, d.override_reason);
		html_raw(o, "</p></div>\n");
	}
	html_raw(o, "</section>\n<section class=\"card\">\n<h2>");
	html_msg(o, req, "proposals.reviews");
	html_raw(o, "</h2>\n");
	if (!d.n_reviews) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, "proposals.no_review");
		html_raw(o, "</p>\n");
	} else {
		html_raw(o, "<ul class=\"checklist\">");
		for (size_t i = 0; i < d.n_reviews; i++) {
			const struct proposal_review_row *r = &d.reviews[i];
			html_raw(o, "<li><strong>");
			html_msg(o, req, arena_printf(&req->arena, "enum.%s", r->verdict));
			html_raw(o, "</strong> · ");
			html_escape(o, r->reviewed_on);
			html_raw(o, " · ");
			html_escape(o, r->reviewer_name ? r->reviewer_name : r->reviewer);
			if (r->predicted_attainment) {
				html_raw(o, " · ");
				html_msg(o, req, "col.predicted_attainment");
				html_raw(o, " ");
				html_escape(o, r->predicted_attainment);
			}
			if (r->risk_tier) {
				html_raw(o, " · ");
				html_msg(o, req, "col.risk_tier");
				html_raw(o, " ");
				html_msg(o, req, arena_printf(&req->arena, "enum.%s", r->risk_tier));
			}
			if (r->conditions) {
				html_raw(o, "<br><span class=\"muted small\">");
				html_escape(o, r->conditions);
				html_raw(o, "</span>");
			}
			html_raw(o, "</li>");
		}
		html_raw(o, "</ul>\n");
	}
	html_raw(o, "</section>\n</div>\n");

	if (open && (may_win || may_review || may_override)) {
		html_raw(o, "<section class=\"card\" id=\"decide\">\n<h2>");
		html_msg(o, req, "proposals.actions");
		html_raw(o, "</h2>\n");
		if (may_win) {
			/* Disabled, with the reason beside it, while the gate is
			 * shut: it would only be refused (the server still checks). */
			html_raw(o, "<div class=\"actions\">");
			proposal_button(req, o, d.id, "/win", "proposals.win", d.gate_open ? NULL : "gate-shut", 1);
			html_raw(o, " ");
			proposal_button(req, o, d.id, "/lose", "proposals.lose", NULL, 0);
			html_raw(o, "</div>\n");
			if (!d.gate_open) {
				html_raw(o, "<p class=\"muted small\" id=\"gate-shut\">");
				html_msg(o, req, "proposals.win_needs_gate");
				html_raw(o, "</p>\n");
			}
		}
		if (may_review)
			review_form(req, o, d.id, problems);
		if (may_override) {
			html_raw(o, "<h3>");
			html_msg(o, req, "proposals.override");
			html_raw(o, "</h3>\n<p class=\"muted small\">");
			html_msg(o, req, "proposals.override_help");
			html_raw(o, "</p>\n");
			override_form(req, o, d.id, d.override_reason);
		}
		html_raw(o, "</section>\n");
	}
	html_raw(o, "<p><a href=\"/proposals\">");
	html_msg(o, req, "proposal.back");
	html_raw(o, "</a></p>\n");
	html_page_end(req, res);
	proposal_detail_release(&d);
	buf_release(&err);
}

void page_proposal(struct request *req, struct response *res)
{
	proposal_page(req, res, req->params[0], 0, NULL, NULL);
}

static void page_action(struct request *req, struct response *res, enum proposal_action act)
{
	const char *id = req->params[0], *field, *code = NULL;
	struct proposal_review_input review = { 0 };
	struct buf err = BUF_INIT;
	struct problem_list problems = PROBLEM_LIST_INIT;
	int open = proposal_open(req, res, id, 0), status;
	if (open < 0)
		goto out;
	if (act == ACT_REVIEW) {
		review.proposal_id = id;
		review.reviewed_on = http_form(req, "reviewed_on");
		review.reviewer = http_form(req, "reviewer");
		review.verdict = http_form(req, "verdict");
		review.predicted_attainment = http_form(req, "predicted_attainment");
		review.risk_tier = http_form(req, "risk_tier");
		review.required_ramp_days = http_form(req, "required_ramp_days");
		review.conditions = http_form(req, "conditions");
	}
	status = run_action(req, act, id, &review, http_form(req, "reason"), &field, &code, &problems,
			    &err);
	if (status == 403 && code) {
		buf_reset(&err);
		buf_adds(&err, msg(req->lang, code));
	}
	if (!status) {
		struct buf h = BUF_INIT;
		proposal_href(&h, id, "?done=1");
		http_redirect(res, req, h.data);
		buf_release(&h);
	} else if (status == 500) {
		html_error_page(req, res, 500, "error.internal", NULL);
	} else {
		proposal_page(req, res, id, open || status == 403 ? status : 409, err.data, &problems);
	}
out:
	problems_release(&problems);
	buf_release(&err);
}

void page_proposal_win(struct request *req, struct response *res) { page_action(req, res, ACT_WIN); }
void page_proposal_lose(struct request *req, struct response *res) { page_action(req, res, ACT_LOSE); }
void page_proposal_review(struct request *req, struct response *res) { page_action(req, res, ACT_REVIEW); }
void page_override(struct request *req, struct response *res) { page_action(req, res, ACT_OVERRIDE); }
