/* SPDX-License-Identifier: MIT */
/* Forms described as data: a form is a list of fields (text, date, month,
 * amount, enum, reference), and html_form() is the one renderer — labels,
 * the values as typed, every error beside its field, the reference pickers
 * (a <datalist> the script fills from /api/v1/suggest, and, without the
 * script, the candidates of an ambiguous name as buttons), the CSRF field
 * and the buttons. A record kind's form is built from its schema
 * (domain/schema.c) by form_fields_of_table(); names typed into reference
 * fields are read back into ids by form_resolve_refs(). */
#include "web/web_impl.h"

#include "domain/ids.h"

#include <stdio.h>
#include <string.h>

/* --- the renderer ------------------------------------------------------------ */

static void attr(struct buf *o, const char *name, const char *value)
{
	html_raw(o, " ");
	html_escape(o, name);
	html_raw(o, "=\"");
	html_escape(o, value);
	html_raw(o, "\"");
}

static void field_select(struct request *req, struct buf *o, const struct form_field *f, const char *id)
{
	html_raw(o, "<select");
	attr(o, "id", id);
	attr(o, "name", f->name);
	if (f->error) {
		html_raw(o, " aria-invalid=\"true\"");
		attr(o, "aria-describedby", arena_printf(&req->arena, "%s-err", id));
	}
	if (f->flags & FIELD_LOCKED)
		html_raw(o, " disabled");
	html_raw(o, ">");
	if (!(f->flags & FIELD_NO_EMPTY) && (!(f->flags & FIELD_REQUIRED) || !f->value)) {
		html_raw(o, "<option value=\"\">");
		if (f->empty_label)
			html_escape(o, f->empty_label);
		html_raw(o, "</option>");
	}
	for (int i = 0; f->options && f->options[i]; i++) {
		html_raw(o, "<option value=\"");
		html_escape(o, f->options[i]);
		html_raw(o, f->value && !strcmp(f->value, f->options[i]) ? "\" selected>" : "\">");
		if (f->option_labels)
			html_escape(o, f->option_labels[i]);
		else if (f->flags & FIELD_PLAIN_OPTIONS)
			html_escape(o, f->options[i]);
		else
			html_msg(o, req, arena_printf(&req->arena, "%s%s", f->option_prefix ? f->option_prefix : "enum.",
						      f->options[i]));
		html_raw(o, "</option>");
	}
	html_raw(o, "</select>\n");
	if (f->flags & FIELD_LOCKED) {
		/* a disabled select is not sent: the value goes as a hidden field */
		html_raw(o, "<input type=\"hidden\"");
		attr(o, "name", f->name);
		attr(o, "value", f->value ? f->value : "");
		html_raw(o, ">");
	}
}

/* The choices of an ambiguous name: each a button that sends the form with
 * that id chosen ("pick.COLUMN"). */
static void field_candidates(struct request *req, struct buf *o, const struct form_field *f,
			     const char *id)
{
	html_raw(o, "<div class=\"candidates\"");
	attr(o, "id", arena_printf(&req->arena, "%s-candidates", id));
	html_raw(o, "><p class=\"small\">");
	html_msg(o, req, "form.choose_one");
	html_raw(o, "</p><ul>");
	for (size_t i = 0; i < f->n_candidates; i++) {
		html_raw(o, "<li><button type=\"submit\" class=\"link\"");
		attr(o, "name", arena_printf(&req->arena, "pick.%s", f->name));
		attr(o, "value", f->candidates[i].id);
		html_raw(o, ">");
		html_escape(o, f->candidates[i].name);
		html_raw(o, " <span class=\"muted small\">");
		html_escape(o, f->candidates[i].id);
		html_raw(o, "</span></button></li>");
	}
	html_raw(o, "</ul></div>\n");
}

static void field_input(struct request *req, struct buf *o, const struct form_field *f, const char *id)
{
	static const char *const types[] = {
		[FIELD_TEXT] = "text", [FIELD_DATE] = "date", [FIELD_MONTH] = "text",
		[FIELD_AMOUNT] = "text", [FIELD_ENUM] = "text", [FIELD_REFERENCE] = "text",
		[FIELD_NUMBER] = "number", [FIELD_FILE] = "file", [FIELD_CHECKBOX] = "checkbox",
		[FIELD_TEXTAREA] = "text", [FIELD_HIDDEN] = "hidden", [FIELD_RADIO] = "radio",
	};
	int textarea = f->kind == FIELD_TEXTAREA;
	html_raw(o, textarea ? "<textarea" : "<input");
	attr(o, "id", id);
	attr(o, "name", f->name);
	if (textarea)
		buf_addf(o, " rows=\"%d\"", f->rows ? f->rows : 3);
	if (f->flags & FIELD_CODE)
		html_raw(o, " spellcheck=\"false\"");
	else
		attr(o, "type", types[f->kind]);
	if (f->kind == FIELD_NUMBER && (f->min || f->max))
		buf_addf(o, " min=\"%d\" max=\"%d\"", f->min, f->max);
	if (f->kind == FIELD_CHECKBOX) {
		attr(o, "value", f->value ? f->value : "1");
		if (f->flags & FIELD_CHECKED)
			html_raw(o, " checked");
		/* a confirmation the browser asks for before sending (the
		 * server asks again when it is missing) */
		if (f->flags & FIELD_REQUIRED)
			html_raw(o, " required");
	} else if (f->kind != FIELD_FILE && !textarea) {
		attr(o, "value", f->value ? f->value : "");
	}
	if (f->kind == FIELD_AMOUNT)
		html_raw(o, " inputmode=\"decimal\"");
	if (f->maxlength)
		buf_addf(o, " maxlength=\"%d\"", f->maxlength);
	if (f->accept)
		attr(o, "accept", f->accept);
	if (f->flags & FIELD_MULTIPLE)
		html_raw(o, " multiple");
	if (f->placeholder)
		attr(o, "placeholder", f->placeholder);
	else if (f->kind == FIELD_MONTH)
		html_raw(o, " placeholder=\"YYYY-MM\"");
	if (f->kind == FIELD_REFERENCE) {
		attr(o, "list", arena_printf(&req->arena, "%s-list", id));
		attr(o, "data-suggest", f->ref);
		html_raw(o, " autocomplete=\"off\"");
	}
	if (f->flags & FIELD_REQUIRED)
		html_raw(o, " aria-required=\"true\"");
	if (f->error) {
		html_raw(o, " aria-invalid=\"true\"");
		attr(o, "aria-describedby", arena_printf(&req->arena, "%s-err", id));
	}
	if (f->flags & FIELD_LOCKED)
		html_raw(o, " readonly");
	if (textarea) {
		html_raw(o, ">");
		html_escape(o, f->value ? f->value : "");
		html_raw(o, "</textarea>\n");
	} else {
		html_raw(o, f->kind == FIELD_CHECKBOX ? "> " : ">\n");
	}
	if (f->kind == FIELD_REFERENCE && !(f->flags & FIELD_LOCKED)) {
		html_raw(o, "<datalist");
		attr(o, "id", arena_printf(&req->arena, "%s-list", id));
		html_raw(o, "></datalist>\n");
	}
}

/* One of several: a fieldset, its legend the label, a radio an option
 * (named by option_labels, else through the catalog). */
static void field_radios(struct request *req, struct buf *o, const struct form_field *f)
{
	html_raw(o, "<fieldset");
	if (f->id)
		attr(o, "id", f->id);
	html_raw(o, "><legend>");
	html_escape(o, f->label);
	html_raw(o, "</legend>");
	for (int i = 0; f->options && f->options[i]; i++) {
		html_raw(o, "<label><input type=\"radio\"");
		attr(o, "name", f->name);
		attr(o, "value", f->options[i]);
		if (f->value && !strcmp(f->value, f->options[i]))
			html_raw(o, " checked");
		html_raw(o, "> ");
		if (f->option_labels)
			html_escape(o, f->option_labels[i]);
		else
			html_msg(o, req, arena_printf(&req->arena, "%s%s", f->option_prefix ? f->option_prefix : "enum.",
						      f->options[i]));
		html_raw(o, "</label> ");
	}
	if (f->help) {
		html_raw(o, "<p class=\"muted small\">");
		html_escape(o, f->help);
		html_raw(o, "</p>");
	}
	html_raw(o, "</fieldset>\n");
}

/* The label of a field, with its column name and the required mark. */
static void field_label(struct request *req, struct buf *o, const struct form_field *fd)
{
	html_escape(o, fd->label);
	if (fd->code) {
		html_raw(o, " <span class=\"colname\">");
		html_escape(o, fd->code);
		html_raw(o, "</span>");
	}
	/* a box to tick says what it confirms: no mark */
	if ((fd->flags & FIELD_REQUIRED) && fd->kind != FIELD_CHECKBOX) {
		html_raw(o, " <span class=\"req\" aria-hidden=\"true\">*</span><span class=\"visually-hidden\">");
		html_msg(o, req, "form.required");
		html_raw(o, "</span>");
	}
}

static void field(struct request *req, struct buf *o, const struct form_field *fd, int bare)
{
	const char *id = fd->id ? fd->id : arena_printf(&req->arena, "f-%s", fd->name);
	if (fd->kind == FIELD_HIDDEN) {
		html_raw(o, "<input type=\"hidden\"");
		attr(o, "name", fd->name);
		attr(o, "value", fd->value ? fd->value : "");
		html_raw(o, ">");
		return;
	}
	if (fd->kind == FIELD_RADIO) {
		field_radios(req, o, fd);
		return;
	}
	if (fd->kind == FIELD_CHECKBOX) {
		/* the box inside its label, the label after it */
		if (!bare)
			html_raw(o, fd->error ? "<div class=\"field check invalid\">" : "<div class=\"field check\">");
		html_raw(o, "<label>");
		field_input(req, o, fd, id);
		field_label(req, o, fd);
		html_raw(o, "</label>\n");
	} else {
		if (!bare)
			html_raw(o, fd->error ? "<div class=\"field invalid\">" : "<div class=\"field\">");
		html_raw(o, fd->flags & FIELD_LABEL_HIDDEN ? "<label class=\"visually-hidden\"" : "<label");
		attr(o, "for", id);
		html_raw(o, ">");
		field_label(req, o, fd);
		html_raw(o, "</label>");
		if (!bare)
			html_raw(o, "\n");
		if (fd->kind == FIELD_ENUM)
			field_select(req, o, fd, id);
		else
			field_input(req, o, fd, id);
	}
	if (fd->help) {
		html_raw(o, "<p class=\"muted small\">");
		html_escape(o, fd->help);
		html_raw(o, "</p>\n");
	}
	if (fd->error) {
		html_raw(o, "<p class=\"field-error\"");
		attr(o, "id", arena_printf(&req->arena, "%s-err", id));
		html_raw(o, ">");
		if (fd->flags & FIELD_ERROR_SHOWN)
			html_escape(o, fd->error);
		else
			html_error_text(o, req, fd->error);
		html_raw(o, "</p>\n");
	}
	if (fd->n_candidates)
		field_candidates(req, o, fd, id);
	if (!bare)
		html_raw(o, "</div>\n");
}

/* The submit button as f asks: primary, plain or its own class; disabled
 * with the reason's id. */
static void submit_button(struct buf *o, const struct form *f)
{
	html_raw(o, "<button type=\"submit\"");
	if (f->submit_class)
		attr(o, "class", f->submit_class);
	else if (!f->plain_submit && !f->disabled_by)
		html_raw(o, " class=\"primary\"");
	if (f->disabled_by) {
		html_raw(o, " disabled");
		attr(o, "aria-describedby", f->disabled_by);
	}
	html_raw(o, ">");
	html_escape(o, f->submit_label);
	html_raw(o, "</button>");
}

void html_form(struct request *req, struct buf *o, const struct form *f)
{
	int multipart = 0;
	for (size_t i = 0; i < f->n_fields; i++)
		multipart |= f->fields[i].kind == FIELD_FILE;
	if (f->has_errors) {
		html_raw(o, "<div class=\"notice error\" role=\"alert\" id=\"form-errors\"><p>");
		html_msg(o, req, "form.has_errors");
		html_raw(o, "</p>");
		if (f->error && f->error_shown) {
			/* rendered problems, one a line: one paragraph each */
			for (const char *s = f->error; *s;) {
				size_t len = strcspn(s, "\n");
				html_raw(o, "<p>");
				html_escape_n(o, s, len);
				html_raw(o, "</p>");
				s += len + (s[len] == '\n');
			}
		} else if (f->error) {
			html_raw(o, "<p>");
			html_error_text(o, req, f->error);
			html_raw(o, "</p>");
		}
		html_raw(o, "</div>\n");
	}
	html_raw(o, f->get ? "<form method=\"get\"" : "<form method=\"post\"");
	if (f->id)
		attr(o, "id", f->id);
	attr(o, "class", f->css ? f->css : f->inline_form ? "inline" : "record-form card");
	if (multipart)
		html_raw(o, " enctype=\"multipart/form-data\"");
	if (f->confirm)
		attr(o, "data-confirm", f->confirm);
	if (!f->validate)
		html_raw(o, " novalidate");
	attr(o, "action", f->action);
	html_raw(o, f->inline_form ? ">" : ">\n");
	if (!f->get)
		html_csrf_field(req, o);
	if (f->intro) {
		html_raw(o, "<p>");
		html_escape(o, f->intro);
		html_raw(o, "</p>");
	}
	for (size_t i = 0; i < f->n_fields; i++)
		field(req, o, &f->fields[i], f->inline_form);
	if (f->help) {
		html_raw(o, "<p class=\"muted small\">");
		html_escape(o, f->help);
		html_raw(o, "</p>\n");
	}
	if (f->inline_form) {
		if (f->n_fields && f->fields[f->n_fields - 1].kind != FIELD_HIDDEN)
			html_raw(o, " ");
		submit_button(o, f);
		html_raw(o, "</form>");
		return;
	}
	html_raw(o, "<div class=\"form-actions\">");
	submit_button(o, f);
	if (f->cancel_href) {
		html_raw(o, " <a");
		attr(o, "href", f->cancel_href);
		html_raw(o, ">");
		html_msg(o, req, "action.cancel");
		html_raw(o, "</a>");
	}
	html_raw(o, "</div>\n</form>\n");
}

struct form_field form_year_field(struct request *req, const char *name, const char *id,
				  const char *label_key, int year)
{
	struct form_field f = { .name = name, .id = id, .label = msg(req->lang, label_key),
				.kind = FIELD_NUMBER, .min = 1001, .max = 9998 };
	f.value = year ? arena_printf(&req->arena, "%d", year) : NULL;
	return f;
}

void html_view_form(struct request *req, struct buf *o, const char *id, const char *action,
		    struct form_field *fields, size_t n)
{
	struct form f = { .id = id, .action = action, .css = "filters", .fields = fields, .n_fields = n,
			  .get = 1, .plain_submit = 1, .submit_label = msg(req->lang, "action.show") };
	html_form(req, o, &f);
}

void html_form_section(struct request *req, struct buf *o, const char *title_key, const char *help_key,
		       const struct form *forms, size_t n)
{
	html_raw(o, "<section class=\"card\">\n<h2>");
	html_msg(o, req, title_key);
	html_raw(o, "</h2>\n");
	if (help_key) {
		html_raw(o, "<p class=\"muted\">");
		html_msg(o, req, help_key);
		html_raw(o, "</p>\n");
	}
	for (size_t i = 0; i < n; i++)
		html_form(req, o, &forms[i]);
	html_raw(o, "</section>\n");
}

/* --- record kinds' forms from the schema ------------------------------------- */

/* The first problem about column col of t, in the user's language (in
 * the request's arena), or NULL. */
static const char *column_error(struct request *req, const struct problem_list *problems,
				const struct table *t, int col)
{
	const struct problem *p = problems ? problems_find(problems, t->name, col) : NULL;
	struct buf m = BUF_INIT;
	if (!p)
		return NULL;
	problem_message(p, i18n_lang(req->lang), &m);
	const char *shown = arena_strdup(&req->arena, m.data);
	buf_release(&m);
	return shown;
}

/* Which kinds can be picked by name (records_named()). */
static int pickable(const char *ref)
{
	static const char *const kinds[] = { "clients", "contracts", "org_units", "people" };
	for (size_t i = 0; ref && i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(ref, kinds[i]))
			return 1;
	return 0;
}

struct form_field *form_fields_of_table(struct request *req, const struct table *t,
					const char *const *values, const struct problem_list *problems,
					int locked_keys, size_t *n)
{
	static const char *const flag_values[] = { "1", "0", NULL };
	static const char *const rating_values[] = { "1", "2", "3", "4", "5", NULL };
	static const enum form_field_kind kinds[] = {
		[COL_TEXT] = FIELD_TEXT, [COL_ID] = FIELD_TEXT, [COL_DATE] = FIELD_DATE,
		[COL_MONTH] = FIELD_MONTH, [COL_DECIMAL] = FIELD_AMOUNT, [COL_MONEY] = FIELD_AMOUNT,
		[COL_COUNT] = FIELD_AMOUNT, [COL_ENUM] = FIELD_ENUM, [COL_FLAG] = FIELD_ENUM,
		[COL_RATING] = FIELD_ENUM,
	};
	struct form_field *fields = arena_alloc(&req->arena, t->n_columns * sizeof *fields);
	for (size_t c = 0; c < t->n_columns; c++) {
		const struct column *col = &t->columns[c];
		struct form_field *f = &fields[c];
		memset(f, 0, sizeof *f);
		f->name = col->name;
		f->label = msg(req->lang, arena_printf(&req->arena, "col.%s", col->name));
		f->code = col->name;
		f->kind = kinds[col->type];
		if (pickable(col->ref_table)) {
			f->kind = FIELD_REFERENCE;
			f->ref = col->ref_table;
			f->placeholder = msg(req->lang, "form.name_or_id");
		}
		f->options = col->type == COL_ENUM ? col->enum_values
			: col->type == COL_FLAG ? flag_values : col->type == COL_RATING ? rating_values : NULL;
		if (col->type == COL_FLAG || col->type == COL_RATING)
			f->flags |= FIELD_PLAIN_OPTIONS;
		if (col->flags & COL_REQUIRED)
			f->flags |= FIELD_REQUIRED;
		if (locked_keys && (col->flags & COL_KEY))
			f->flags |= FIELD_LOCKED;
		f->value = values ? values[c] : NULL;
		f->error = column_error(req, problems, t, (int)c);
		if (f->error)
			f->flags |= FIELD_ERROR_SHOWN;
	}
	*n = t->n_columns;
	return fields;
}

size_t form_resolve_refs(struct request *req, const struct table *t, const char **values,
			 struct named_record ***cands, size_t **n_cands,
			 struct problem_list *problems)
{
	size_t ambiguous = 0;
	*cands = arena_alloc(&req->arena, t->n_columns * sizeof **cands);
	*n_cands = arena_alloc(&req->arena, t->n_columns * sizeof **n_cands);
	for (size_t c = 0; c < t->n_columns; c++) {
		const struct column *col = &t->columns[c];
		const struct param *pick = http_form_param(req, arena_printf(&req->arena, "pick.%s", col->name));
		const struct table *rt = pickable(col->ref_table) ? schema_find(col->ref_table) : NULL;
		struct named_record *found = NULL;
		size_t n = 0, exact = 0, which = 0;
		struct buf err = BUF_INIT;
		(*cands)[c] = NULL;
		(*n_cands)[c] = 0;
		if (pick && *pick->value && strlen(pick->value) == pick->len)
			values[c] = pick->value;
		if (!rt || !values[c] || !*values[c])
			continue;
		if (records_named(req->store, rt, values[c], 9, &found, &n, &err)) {
			buf_release(&err);
			continue;             /* the importer says what is wrong */
		}
		for (size_t i = 0; i < n; i++) {
			if (!strcmp(found[i].id, values[c]))
				goto keep;    /* an id as it is */
			if (found[i].exact && !exact++)
				which = i;
		}
		if (exact == 1 || (exact == 0 && n == 1)) {
			values[c] = arena_strdup(&req->arena, found[which].id);
		} else if (n > 1) {
			struct named_record *list = arena_alloc(&req->arena, n * sizeof *list);
			size_t shown = n > 8 ? 8 : n;
			for (size_t i = 0; i < shown; i++) {
				list[i].id = arena_strdup(&req->arena, found[i].id);
				list[i].name = arena_strdup(&req->arena, found[i].name);
				list[i].exact = found[i].exact;
			}
			(*cands)[c] = list;
			(*n_cands)[c] = shown;
			struct problem *p = problems_add(problems, n > 8 ? "form.ambiguous_many"
								       : "form.ambiguous");
			if (p) {
				p->table = t->name;
				p->col = (int)c;
			}
			ambiguous++;
		}
	keep:
		named_records_free(found, n);
		buf_release(&err);
	}
	return ambiguous;
}

const char *form_next_id(struct request *req, const struct table *t)
{
	int keys[8];
	char **ids = NULL, next[128];
	size_t n = 0;
	struct buf err = BUF_INIT;
	const char *out = NULL;
	if (t->blocks || record_key_columns(t, keys) != 1 || t->columns[0].type != COL_ID ||
	    t->columns[0].ref_table)
		goto done;
	if (records_ids(req->store, t, &ids, &n, &err) == 0 &&
	    id_next((const char *const *)ids, n, next, sizeof next) == 0)
		out = arena_strdup(&req->arena, next);
	for (size_t i = 0; i < n; i++)
		xfree(ids[i]);
	xfree(ids);
done:
	buf_release(&err);
	return out;
}
