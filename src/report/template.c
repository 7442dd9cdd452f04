/* SPDX-License-Identifier: MIT */
/* The records workbook of template.h, written with libxlsxwriter and driven
 * by domain/schema.c, so a new column shows up here without a change. With
 * data, rows come as the exporter's CSV (the one place that turns stored
 * values into text), spooled through a temporary file so memory
 * stays flat however big measurements is; the workbook itself is written
 * in libxlsxwriter's constant-memory mode then. */
#include "report/template.h"

#include "domain/date.h"
#include "domain/schema.h"
#include "io/csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct pair { const char *en, *ko; };

static const char *tr(enum lang lang, const struct pair *p)
{
	return lang == LANG_KO ? p->ko : p->en;
}

/* What each sheet holds, for the guide (SPEC §4 order). */
static const struct { const char *table; struct pair what; } sheet_help[] = {
	{ "org_units", { "Organization units: sales teams, operation centers, executives; parent_id builds the tree.",
			 "조직: 영업팀, 운영센터, 경영진. parent_id로 상위 조직을 지정합니다." } },
	{ "people", { "People and the unit each belongs to.", "구성원과 소속 조직." } },
	{ "clients", { "Client companies; referred_by names the client that introduced this one.",
		       "고객사. referred_by는 이 고객을 소개한 고객사입니다." } },
	{ "contracts", { "Contracts with their lifecycle dates, value, risk tier and owners.",
			 "계약: 주요 일정, 연간 계약금액, 리스크 등급, 영업·운영 담당자." } },
	{ "sla_metrics", { "The SLA metrics of each contract with direction and targets.",
			   "계약별 SLA 지표, 방향(higher/lower)과 목표." } },
	{ "sla_terms", { "Service-credit terms per SLA metric: minimum and expected levels, % of monthly fees at risk, "
			 "its allocation, full or linear credits, earn-back and burn-in months (docs/evaluation.md).",
			 "SLA 지표별 서비스 크레딧 조건: 최소·기대 수준, 월 대금 중 위험 부담률, 배분율, "
			 "전액(full) 또는 비례(linear) 크레딧, 회복(earn-back)·유예(burn-in) 개월 (docs/evaluation.md)." } },
	{ "measurements", { "Daily SLA data: numerator and denominator (empty denominator = 1).",
			    "일별 SLA 실적: 분자와 분모 (분모가 비면 1)." } },
	{ "readiness", { "Readiness checklist items before go-live.", "가동 전 준비 항목 체크리스트." } },
	{ "manual_ratings", { "Operations' ratings of the operations manual sales prepared.",
			      "영업이 준비한 운영 매뉴얼에 대한 운영 조직의 평가." } },
	{ "handover", { "Handover items from sales to operations and when accepted.",
			"영업에서 운영으로의 인수인계 항목과 인수일." } },
	{ "scope_changes", { "Scope disputes and out-of-scope requests.", "업무 범위 분쟁과 범위 외 요청." } },
	{ "financials", { "Monthly revenue and cost per contract.", "계약별 월 매출과 원가." } },
	{ "expansions", { "Expansions of an account's scope, volume or sites.", "업무 범위·물량·사이트 확장." } },
	{ "renewals", { "Renewals due and their outcome.", "갱신 예정일과 결과." } },
	{ "proposals", { "Proposals (new work), with origin sales or operations.",
			 "제안 (신규 업무). origin은 영업 또는 운영." } },
	{ "feasibility_reviews", { "Operations' feasibility reviews of proposals.", "제안에 대한 운영 조직의 수행 가능성 검토." } },
	{ "relationship_ratings", { "Client executive relationship level (rated outside operations).",
				    "고객사 임원진 관계 수준 (운영 조직 외부에서 평가)." } },
	{ "references", { "References won: case studies, reference calls, site visits, referrals.",
			  "레퍼런스: 사례, 레퍼런스 콜, 현장 방문, 소개." } },
	{ "innovations", { "Process improvements, service models and automations.",
			   "프로세스 개선, 서비스 모델, 자동화." } },
};

static const char *table_help(const char *table, enum lang lang)
{
	for (size_t i = 0; i < sizeof sheet_help / sizeof *sheet_help; i++)
		if (!strcmp(sheet_help[i].table, table))
			return tr(lang, &sheet_help[i].what);
	return "";
}

static const struct pair type_text[] = {
	[COL_TEXT] = { "text", "텍스트" },
	[COL_ID] = { "an id (text, no leading or trailing spaces)", "식별자 (텍스트, 앞뒤 공백 없이)" },
	[COL_DATE] = { "a date, YYYY-MM-DD", "날짜 (YYYY-MM-DD)" },
	[COL_MONTH] = { "a month, YYYY-MM", "월 (YYYY-MM)" },
	[COL_DECIMAL] = { "a number, up to 6 decimals", "숫자 (소수 6자리까지)" },
	[COL_MONEY] = { "an amount >= 0, up to 6 decimals", "금액 (0 이상, 소수 6자리까지)" },
	[COL_COUNT] = { "a whole number >= 0", "0 이상의 정수" },
	[COL_ENUM] = { "one of the list", "목록 중 하나" },
	[COL_FLAG] = { "1 (yes) or 0 (no)", "1(예) 또는 0(아니오)" },
	[COL_RATING] = { "a whole number from 1 to 5", "1~5 사이의 정수" },
};

/* The note on a header cell: type, required, allowed values, reference. */
static void column_note(const struct column *c, enum lang lang, struct buf *out)
{
	int ko = lang == LANG_KO;
	buf_addf(out, "%s: %s", c->name, tr(lang, &type_text[c->type]));
	if (c->flags & COL_KEY)
		buf_adds(out, ko ? ", 키 (필수)" : ", part of the key (required)");
	else if (c->flags & COL_REQUIRED)
		buf_adds(out, ko ? ", 필수" : ", required");
	else
		buf_adds(out, ko ? ", 선택 (비워도 됨)" : ", optional (may be empty)");
	if (c->enum_values) {
		buf_adds(out, ko ? ".\n허용 값: " : ".\nAllowed: ");
		for (size_t i = 0; c->enum_values[i]; i++)
			buf_addf(out, "%s%s", i ? ", " : "", c->enum_values[i]);
	}
	if (c->ref_table) {
		if (ko)
			buf_addf(out, ".\n%s 시트의 %s", c->ref_table,
				 (c->flags & COL_PERSON) ? "id (구성원)" : "id");
		else
			buf_addf(out, ".\nAn id from sheet %s", c->ref_table);
	}
	buf_addc(out, '.');
}

static double column_width(const struct column *c)
{
	switch (c->type) {
	case COL_TEXT: return 28;
	case COL_DATE: return 12;
	case COL_MONTH: return 10;
	case COL_ENUM: return 16;
	case COL_ID: return 14;
	default: return 13;
	}
}

struct formats {
	lxw_format *header, *date, *month, *text, *title, *bold, *wrap;
};

static void add_validation(lxw_worksheet *ws, lxw_col_t col, const struct column *c, enum lang lang)
{
	lxw_data_validation dv;
	memset(&dv, 0, sizeof dv);
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_title = (char *)(lang == LANG_KO ? "잘못된 값" : "Invalid value");
	switch (c->type) {
	case COL_ENUM:
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)c->enum_values;
		break;
	case COL_FLAG:
	case COL_RATING:
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = c->type == COL_FLAG ? 0 : 1;
		dv.maximum_number = c->type == COL_FLAG ? 1 : 5;
		break;
	case COL_COUNT:
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		break;
	case COL_MONEY:
		dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		break;
	case COL_DATE:
		dv.validate = LXW_VALIDATION_TYPE_DATE;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_datetime = (lxw_datetime){ 1900, 1, 1, 0, 0, 0 };
		dv.maximum_datetime = (lxw_datetime){ 9999, 12, 31, 0, 0, 0 };
		break;
	default:
		return;
	}
	dv.error_message = (char *)(lang == LANG_KO ? "열 제목의 메모를 참고하세요." :
				    "See the note on the column's header.");
	worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv);
}

static void write_header(lxw_worksheet *ws, const struct table *t, const struct formats *f,
			 enum lang lang)
{
	struct buf note = BUF_INIT;
	lxw_comment_options copt;
	memset(&copt, 0, sizeof copt);
	copt.author = (char *)"Tandem";
	copt.width = 320;
	copt.height = 110;
	for (size_t i = 0; i < t->n_columns; i++) {
		const struct column *c = &t->columns[i];
		lxw_format *colfmt = c->type == COL_DATE ? f->date : c->type == COL_MONTH ? f->month :
				     c->type == COL_ID || c->type == COL_TEXT ? f->text : NULL;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, column_width(c), colfmt);
		worksheet_write_string(ws, 0, (lxw_col_t)i, c->name, f->header);
		buf_reset(&note);
		column_note(c, lang, &note);
		worksheet_write_comment_opt(ws, 0, (lxw_col_t)i, note.data, &copt);
		add_validation(ws, (lxw_col_t)i, c, lang);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, 0, (lxw_col_t)(t->n_columns - 1));
	buf_release(&note);
}

/* Significant digits of a plain decimal: at most 15 survive a double. */
static int fits_double(const char *s)
{
	int digits = 0, started = 0;
	for (; *s; s++) {
		if (*s >= '1' && *s <= '9')
			started = 1;
		if (started && *s >= '0' && *s <= '9')
			digits++;
	}
	return digits <= 15;
}

static void write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct column *c,
		       const char *s, size_t len, const struct formats *f)
{
	int y, m, d;
	day_t day;
	if (!len)
		return;
	switch (c->type) {
	case COL_DATE:
		if (!date_parse(s, len, &day)) {
			lxw_datetime dt;
			date_to_ymd(day, &y, &m, &d);
			dt = (lxw_datetime){ y, m, d, 0, 0, 0 };
			worksheet_write_datetime(ws, row, col, &dt, f->date);
			return;
		}
		break;
	case COL_DECIMAL:
	case COL_MONEY:
	case COL_COUNT:
	case COL_FLAG:
	case COL_RATING:
		if (fits_double(s)) {
			worksheet_write_number(ws, row, col, strtod(s, NULL), NULL);
			return;
		}
		break;
	default:
		break;
	}
	worksheet_write_string(ws, row, col, s, NULL);
}

/* Writes table t's rows: the exporter's CSV through a temporary file, then
 * cell by cell. */
static int write_rows(lxw_worksheet *ws, report_rows_fn rows, void *ctx, const struct table *t,
		      const struct formats *f, struct buf *err)
{
	char path[] = "/tmp/tandem-xlsx-XXXXXX";
	struct csv_reader *r = NULL;
	struct csv_record rec;
	FILE *tmp = NULL;
	int fd = mkstemp(path), rc = -1, got;
	lxw_row_t row = 1;

	if (fd < 0 || !(tmp = fdopen(fd, "w+b"))) {
		buf_addf(err, "cannot create a temporary file: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (rows(ctx, t, tmp, err))
		goto out;
	if (fflush(tmp)) {
		buf_addf(err, "cannot write a temporary file: %s", strerror(errno));
		goto out;
	}
	if (csv_open_file(&r, path, NULL, err))
		goto out;
	if (csv_next(r, &rec, err) < 0)        /* the header */
		goto out;
	while ((got = csv_next(r, &rec, err)) == 1) {
		if (row >= LXW_ROW_MAX) {
			buf_addf(err, "%s has more rows than a sheet holds (%d)", t->name, LXW_ROW_MAX - 1);
			goto out;
		}
		for (size_t i = 0; i < rec.n_fields && i < t->n_columns; i++)
			write_cell(ws, row, (lxw_col_t)i, &t->columns[i], rec.fields[i].data,
				   rec.fields[i].len, f);
		row++;
	}
	if (got < 0)
		goto out;
	rc = 0;
out:
	csv_close(r);
	if (tmp)
		fclose(tmp);
	if (fd >= 0)
		unlink(path);
	return rc;
}

static void write_guide(lxw_worksheet *ws, const struct formats *f, enum lang lang, int with_data)
{
	static const struct pair lines[] = {
		{ "How to fill in this workbook", "이 통합 문서 작성 방법" },
		{ "Each sheet is one kind of record; its name is the record kind. Keep the sheet names and the header row as they are.",
		  "시트 하나가 기록 한 종류이며, 시트 이름이 기록 종류입니다. 시트 이름과 첫 행(열 제목)은 바꾸지 마세요." },
		{ "One row per record. An empty cell means no value. Hover over a column's header to read what it holds.",
		  "한 행이 기록 하나입니다. 빈 셀은 값 없음입니다. 열 제목에 마우스를 올리면 설명이 나옵니다." },
		{ "Dates are real dates (or text YYYY-MM-DD); months are YYYY-MM; decimals use '.' with up to 6 places; no thousands separators in text.",
		  "날짜는 날짜 서식(또는 YYYY-MM-DD 텍스트), 월은 YYYY-MM, 소수점은 '.'이며 6자리까지, 텍스트에는 천 단위 구분 기호를 쓰지 마세요." },
		{ "Ids link the sheets: a contract's client_id is an id from the clients sheet, owners are ids from people.",
		  "식별자로 시트가 연결됩니다: contracts의 client_id는 clients 시트의 id이고, 담당자는 people 시트의 id입니다." },
		{ "Import with: tandem import book.xlsx — all or nothing; each problem is reported as book.xlsx:SHEET!CELL: message.",
		  "가져오기: tandem import book.xlsx — 전부 또는 전무(all or nothing) 방식이며, 문제는 book.xlsx:시트!셀: 메시지 형식으로 모두 보고됩니다." },
		{ "Sheets whose names begin with '_' (like this guide) are not imported. Empty sheets are fine.",
		  "이름이 '_'로 시작하는 시트(이 안내 시트 등)는 가져오지 않습니다. 빈 시트는 괜찮습니다." },
	};
	static const struct pair heads[] = {
		{ "sheet", "시트" }, { "what it holds", "내용" }, { "columns", "열" },
	};
	lxw_row_t row = 0;
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 70, f->wrap);
	worksheet_set_column(ws, 2, 2, 90, f->wrap);
	worksheet_write_string(ws, row++, 0, tr(lang, &lines[0]), f->title);
	if (with_data)
		worksheet_write_string(ws, row++, 0, lang == LANG_KO ?
				       "Tandem 저장소에서 내보낸 데이터입니다." :
				       "Exported from a Tandem store.", NULL);
	row++;
	for (size_t i = 1; i < sizeof lines / sizeof *lines; i++)
		worksheet_write_string(ws, row++, 0, tr(lang, &lines[i]), NULL);
	row++;
	for (lxw_col_t c = 0; c < 3; c++)
		worksheet_write_string(ws, row, c, tr(lang, &heads[c]), f->header);
	row++;
	for (size_t i = 0; i < schema_n_tables; i++) {
		const struct table *t = &schema_tables[i];
		struct buf cols = BUF_INIT;
		for (size_t k = 0; k < t->n_columns; k++)
			buf_addf(&cols, "%s%s%s", k ? ", " : "", t->columns[k].name,
				 (t->columns[k].flags & COL_REQUIRED) ? "*" : "");
		worksheet_write_string(ws, row, 0, t->name, f->bold);
		worksheet_write_string(ws, row, 1, table_help(t->name, lang), f->wrap);
		worksheet_write_string(ws, row, 2, cols.data, f->wrap);
		buf_release(&cols);
		row++;
	}
	worksheet_write_string(ws, ++row, 0, lang == LANG_KO ? "* 표시는 필수 열입니다." :
			       "* marks a required column.", NULL);
}

int report_workbook_write(const char *path, report_rows_fn rows, void *ctx, enum lang lang,
			  struct buf *err)
{
	lxw_workbook_options wopt = { .constant_memory = rows ? LXW_TRUE : LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &wopt);
	struct formats f;
	lxw_error lerr;
	int rc = -1;

	if (!wb) {
		buf_addf(err, "cannot create '%s'", path);
		return -1;
	}
	f.header = workbook_add_format(wb);
	format_set_bold(f.header);
	format_set_bg_color(f.header, 0xDCE6F1);
	format_set_bottom(f.header, LXW_BORDER_THIN);
	f.date = workbook_add_format(wb);
	format_set_num_format(f.date, "yyyy-mm-dd");
	f.month = workbook_add_format(wb);
	format_set_num_format(f.month, "@");
	f.text = workbook_add_format(wb);
	format_set_num_format(f.text, "@");
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.wrap = workbook_add_format(wb);
	format_set_text_wrap(f.wrap);
	format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);

	write_guide(workbook_add_worksheet(wb, lang == LANG_KO ? "_안내" : "_guide"), &f, lang, rows != NULL);
	for (size_t i = 0; i < schema_n_tables; i++) {
		const struct table *t = &schema_tables[i];
		lxw_worksheet *ws = workbook_add_worksheet(wb, t->name);
		write_header(ws, t, &f, lang);
		if (rows && write_rows(ws, rows, ctx, t, &f, err))
			goto out;
	}
	rc = 0;
out:
	lerr = workbook_close(wb);
	if (!rc && lerr != LXW_NO_ERROR) {
		buf_addf(err, "cannot write '%s': %s", path, lxw_strerror(lerr));
		rc = -1;
	}
	return rc;
}
