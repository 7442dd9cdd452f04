/* SPDX-License-Identifier: MIT */
/* The XLSX reader of xlsx_read.h. A workbook is a zip of XML parts; each
 * part is fed to expat in 64 KiB pieces straight from libzip, so a sheet
 * is never held whole. Only the shared strings and the styles' date flags
 * stay in memory, under the caps of xlsx_read.h. Every name is matched by
 * its local part, so prefixed and strict-OOXML namespaces read the same. */
#include "io/xlsx_read.h"

#include "io/csv.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#define MAX_SHEETS 1024
#define MAX_RELS 4096
#define MAX_XFS 65536
#define MAX_CUSTOM_FORMATS 4096
#define MAX_ROW 1048576ul
#define MAX_COL 16384u
#define NS_SEP ' '

struct sheet {
	char *name;
	char *rid;
	char *path;          /* the zip entry */
};

struct rel {
	char *id, *target, *type;
};

struct xlsx_book {
	char *name;
	zip_t *zip;
	struct alloc_cleanup unwind;   /* closes zip on out-of-memory */
	int date1904;
	struct sheet *sheets;
	size_t n_sheets, cap_sheets;
	/* shared strings: text[off[i] .. off[i] + len[i]) */
	struct buf shared;
	uint32_t *ss_off, *ss_len;
	size_t n_ss, cap_ss, cap_ss2;
	/* per cell style (xf): does it format a date? */
	unsigned char *xf_date;
	size_t n_xf, cap_xf;
	int *custom_date_fmt;
	size_t n_custom, cap_custom;
	/* what reading may cost (xlsx_limits) and what it has cost */
	struct xlsx_limits lim;
	enum xlsx_limit hit;
	unsigned long long cells;
	unsigned long long archive_len;  /* bytes of the whole zip */
	unsigned long long cpu_start_ns;
};

/* --- limits ---------------------------------------------------------- */

#define RATIO_FREE (1ull << 20)   /* the first MiB of a part may inflate freely */

static const char *const limit_names[XLSX_N_LIMITS] = {
	NULL, "xlsx-max-part", "xlsx-max-ratio", "xlsx-max-cells", "xlsx-max-gap",
	"xlsx-cpu-seconds",
};

void xlsx_limits_default(struct xlsx_limits *l)
{
	l->max_part = 256ull << 20;
	l->max_ratio = 100;
	l->max_cells = 16000000;
	l->max_gap = 4ull << 20;
	l->cpu_ms = 120000;
}

static struct xlsx_limits process_limits = { 256ull << 20, 100, 16000000, 4ull << 20, 120000 };

void xlsx_limits_set(const struct xlsx_limits *l)
{
	process_limits = *l;
}

void xlsx_limits_get(struct xlsx_limits *l)
{
	*l = process_limits;
}

const char *xlsx_limit_name(enum xlsx_limit which)
{
	return (unsigned)which < XLSX_N_LIMITS ? limit_names[which] : NULL;
}

enum xlsx_limit xlsx_limits_parse(struct xlsx_limits *l, const char *name, const char *value,
				  struct buf *err)
{
	enum xlsx_limit which = XLSX_LIMIT_NONE;
	unsigned long long v, unit = 1;
	char *end;
	for (int i = 1; i < XLSX_N_LIMITS; i++)
		if (!strcmp(name, limit_names[i]))
			which = (enum xlsx_limit)i;
	if (!which) {
		buf_addf(err, "unknown limit '%s'", name);
		return XLSX_LIMIT_NONE;
	}
	errno = 0;
	v = value[0] >= '0' && value[0] <= '9' ? strtoull(value, &end, 10) : 0;
	if (value[0] >= '0' && value[0] <= '9' && (which == XLSX_LIMIT_PART || which == XLSX_LIMIT_GAP)) {
		if (*end == 'K' || *end == 'k')
			unit = 1ull << 10, end++;
		else if (*end == 'M' || *end == 'm')
			unit = 1ull << 20, end++;
		else if (*end == 'G' || *end == 'g')
			unit = 1ull << 30, end++;
	}
	if (value[0] < '0' || value[0] > '9' || *end || errno || !v || v > (1ull << 50) / unit) {
		buf_addf(err, "%s takes a whole number above 0%s, not '%s'", name,
			 which == XLSX_LIMIT_PART || which == XLSX_LIMIT_GAP
			 ? " (bytes; K, M or G may follow)" : "", value);
		return XLSX_LIMIT_NONE;
	}
	v *= unit;
	switch (which) {
	case XLSX_LIMIT_PART: l->max_part = v; break;
	case XLSX_LIMIT_RATIO: l->max_ratio = v; break;
	case XLSX_LIMIT_CELLS: l->max_cells = v; break;
	case XLSX_LIMIT_GAP: l->max_gap = v; break;
	case XLSX_LIMIT_CPU: l->cpu_ms = v * 1000; break;
	case XLSX_LIMIT_NONE: break;
	}
	return which;
}

int xlsx_limits_from_env(struct xlsx_limits *l, struct buf *err)
{
	static const struct { const char *env, *name; } vars[] = {
		{ "TANDEM_XLSX_MAX_PART", "xlsx-max-part" },
		{ "TANDEM_XLSX_MAX_RATIO", "xlsx-max-ratio" },
		{ "TANDEM_XLSX_MAX_CELLS", "xlsx-max-cells" },
		{ "TANDEM_XLSX_MAX_GAP", "xlsx-max-gap" },
		{ "TANDEM_XLSX_CPU_SECONDS", "xlsx-cpu-seconds" },
	};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i].env);
		if (v && *v && !xlsx_limits_parse(l, vars[i].name, v, err)) {
			buf_addf(err, " (in $%s)", vars[i].env);
			return -1;
		}
	}
	return 0;
}

enum xlsx_limit xlsx_limit_in(const char *message)
{
	for (const char *p = message ? strstr(message, "limit xlsx-") : NULL; p;
	     p = strstr(p + 1, "limit xlsx-"))
		for (int i = 1; i < XLSX_N_LIMITS; i++) {
			size_t n = strlen(limit_names[i]);
			if (!strncmp(p + 6, limit_names[i], n) && p[6 + n] == ':')
				return (enum xlsx_limit)i;
		}
	return XLSX_LIMIT_NONE;
}

enum xlsx_limit xlsx_limit_hit(const struct xlsx_book *b)
{
	return b ? b->hit : XLSX_LIMIT_NONE;
}

static unsigned long long thread_cpu_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts))
		return 0;
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

/* "256 MiB" or "1000 bytes": how a byte limit reads in messages. */
static void add_size(struct buf *out, unsigned long long v)
{
	if (v >= (1ull << 20) && !(v % (1ull << 20)))
		buf_addf(out, "%llu MiB", v >> 20);
	else if (v >= 1024 && !(v % 1024))
		buf_addf(out, "%llu KiB", v >> 10);
	else
		buf_addf(out, "%llu bytes", v);
}

/* The message of a limit hit while reading part (NULL: the whole book). */
static void limit_message(struct xlsx_book *b, enum xlsx_limit which, const char *part,
			  struct buf *out)
{
	b->hit = which;
	buf_addf(out, "%s: %s%slimit %s: ", b->name, part ? part : "", part ? ": " : "",
		 limit_names[which]);
	switch (which) {
	case XLSX_LIMIT_PART:
		buf_adds(out, "the part is larger than ");
		add_size(out, b->lim.max_part);
		buf_adds(out, " uncompressed");
		break;
	case XLSX_LIMIT_RATIO:
		buf_addf(out, "the part inflates to more than %llu times its compressed size",
			 b->lim.max_ratio);
		break;
	case XLSX_LIMIT_CELLS:
		buf_addf(out, "the workbook has more than %llu cells", b->lim.max_cells);
		break;
	case XLSX_LIMIT_GAP:
		buf_adds(out, "more than ");
		add_size(out, b->lim.max_gap);
		buf_adds(out, " of whitespace between two tags");
		break;
	case XLSX_LIMIT_CPU:
		buf_addf(out, "reading took more than %llu s of CPU time", b->lim.cpu_ms / 1000);
		break;
	case XLSX_LIMIT_NONE:
		break;
	}
}

/* --- small helpers --------------------------------------------------- */

static const char *local_name(const char *name)
{
	const char *sep = strrchr(name, NS_SEP);
	return sep ? sep + 1 : name;
}

/* The value of the attribute with this local name; with namespaced = 1
 * only one in a namespace (r:id), with 0 only one without. */
static const char *attr(const char **atts, const char *name, int namespaced)
{
	for (size_t i = 0; atts[i]; i += 2) {
		int has_ns = strchr(atts[i], NS_SEP) != NULL;
		if (has_ns == namespaced && !strcmp(local_name(atts[i]), name))
			return atts[i + 1];
	}
	return NULL;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return -1;
	}
	*out = v;
	return 0;
}

void xlsx_column_name(struct buf *out, unsigned col)
{
	char tmp[8];
	size_t n = 0;
	while (col > 0 && n < sizeof tmp) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	while (n)
		buf_addc(out, tmp[--n]);
}

/* "C14" → column 3, row 14. Either part may be absent (0). */
static int parse_ref(const char *r, unsigned *col, unsigned long *row)
{
	unsigned c = 0;
	*col = 0;
	*row = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++) {
		c = c * 26 + (unsigned)(*r - 'A' + 1);
		if (c > MAX_COL)
			return -1;
	}
	*col = c;
	if (*r && parse_uint(r, MAX_ROW, row))
		return -1;
	return 0;
}

/* --- driving expat over a zip entry ------------------------------------ */

struct xml_job {
	struct xlsx_book *book;
	XML_Parser p;
	void (*start)(struct xml_job *j, const char *name, const char **atts);
	void (*end)(struct xml_job *j, const char *name);
	void (*text)(struct xml_job *j, const char *s, int len);
	void *state;
	struct buf failure;   /* set to stop with this message */
	int stop_rc;          /* set to stop with a caller's code */
	zip_file_t *zf;       /* the part being parsed */
	struct alloc_cleanup unwind;
	long long mark;       /* the byte index of the last tag */
};

static void job_fail(struct xml_job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void job_fail(struct xml_job *j, const char *fmt, ...)
{
	va_list ap;
	if (j->failure.len)
		return;
	va_start(ap, fmt);
	buf_vaddf(&j->failure, fmt, ap);
	va_end(ap);
	XML_StopParser(j->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_job *j = ud;
	j->mark = (long long)XML_GetCurrentByteIndex(j->p);
	if (j->start)
		j->start(j, local_name(name), atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xml_job *j = ud;
	j->mark = (long long)XML_GetCurrentByteIndex(j->p);
	if (j->end)
		j->end(j, local_name(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xml_job *j = ud;
	if (j->text)
		j->text(j, s, len);
}

/* No part of a workbook has a DTD; refusing one rules out entity
 * expansion ("billion laughs") whatever the expat version. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	struct xml_job *j = ud;
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	job_fail(j, "%s: a document type declaration is not allowed", j->book->name);
}

static zip_int64_t find_entry(struct xlsx_book *b, const char *path)
{
	return zip_name_locate(b->zip, path, ZIP_FL_NOCASE);
}

/* Parses entry path with job. what names the part in messages. Returns 0,
 * the job's stop_rc when a callback stopped it, or -1 with err set. */
static void close_job(struct xml_job *job)
{
	if (job->p)
		XML_ParserFree(job->p);
	job->p = NULL;
	buf_release(&job->failure);
	if (job->zf)
		zip_fclose(job->zf);
	job->zf = NULL;
}

/* On an unwind the parser is not freed: the failure may have come from
 * inside expat, whose state is then half-changed, and all of its memory is
 * the failure scope's anyway (XML_ParserCreate_MM below). */
static void unwind_job(void *arg)
{
	struct xml_job *job = arg;
	if (job->zf)
		zip_fclose(job->zf);
	job->zf = NULL;
}

static int run_xml(struct xlsx_book *b, const char *path, struct xml_job *job,
		   const char *what, struct buf *err)
{
	static const XML_Memory_Handling_Suite memory = { xmalloc, xrealloc, xfree };
	zip_int64_t idx = find_entry(b, path);
	zip_file_t *zf = NULL;
	char *chunk = NULL;
	int rc = -1;
	zip_stat_t zs;
	unsigned long long declared = 0, compressed = 0, inflated = 0, ratio_cap = 0;
	enum xlsx_limit over = XLSX_LIMIT_NONE;

	job->book = b;
	job->p = NULL;
	job->zf = NULL;
	job->stop_rc = 0;
	buf_init(&job->failure);
	if (idx < 0) {
		buf_addf(err, "%s: not an XLSX file: %s is missing", b->name, path);
		return -1;
	}
	/* The directory's sizes first: a part that says it is too big is
	 * refused before a byte is inflated. What it says is checked again
	 * below against what inflating really gives. */
	zip_stat_init(&zs);
	if (zip_stat_index(b->zip, (zip_uint64_t)idx, 0, &zs) == 0) {
		if (zs.valid & ZIP_STAT_SIZE)
			declared = zs.size;
		if (zs.valid & ZIP_STAT_COMP_SIZE)
			compressed = zs.comp_size;
	}
	/* The compressed bytes cannot be more than the archive holds. */
	if (!compressed || (b->archive_len && compressed > b->archive_len))
		compressed = b->archive_len;
	ratio_cap = compressed * b->lim.max_ratio;
	if (b->lim.max_ratio && compressed && ratio_cap / b->lim.max_ratio != compressed)
		ratio_cap = ~0ull;
	if (ratio_cap < RATIO_FREE)
		ratio_cap = RATIO_FREE;
	if (declared > b->lim.max_part)
		over = XLSX_LIMIT_PART;
	else if (declared > ratio_cap)
		over = XLSX_LIMIT_RATIO;
	if (over) {
		limit_message(b, over, path, err);
		return -1;
	}
	zf = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
	if (!zf) {
		buf_addf(err, "%s: cannot read %s: %s", b->name, path, zip_strerror(b->zip));
		return -1;
	}
	job->zf = zf;
	alloc_cleanup_push(&job->unwind, unwind_job, job);
	/* expat allocates through Tandem, so an unwind frees its parser too. */
	job->p = XML_ParserCreate_MM(NULL, &memory, (const XML_Char[]){ NS_SEP, 0 });
	if (!job->p) {
		buf_addf(err, "%s: out of memory", b->name);
		goto out;
	}
	XML_SetUserData(job->p, job);
	XML_SetElementHandler(job->p, on_start, on_end);
	XML_SetCharacterDataHandler(job->p, on_text);
	XML_SetStartDoctypeDeclHandler(job->p, on_doctype);
	chunk = xmalloc(65536);
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, 65536);
		if (n < 0) {
			buf_addf(err, "%s: cannot read %s: %s", b->name, path, zip_file_strerror(zf));
			goto out;
		}
		inflated += (unsigned long long)n;
		if (inflated > b->lim.max_part)
			over = XLSX_LIMIT_PART;
		else if (inflated > ratio_cap)
			over = XLSX_LIMIT_RATIO;
		else if (b->lim.cpu_ms && thread_cpu_ns() - b->cpu_start_ns > b->lim.cpu_ms * 1000000ull)
			over = XLSX_LIMIT_CPU;
		if (over) {
			limit_message(b, over, path, err);
			goto out;
		}
		if (XML_Parse(job->p, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (job->stop_rc) {
				rc = job->stop_rc;
			} else if (job->failure.len) {
				buf_add(err, job->failure.data, job->failure.len);
			} else {
				buf_addf(err, "%s: %s is not well-formed XML (line %lu): %s", b->name, what,
					 (unsigned long)XML_GetCurrentLineNumber(job->p),
					 XML_ErrorString(XML_GetErrorCode(job->p)));
			}
			goto out;
		}
		/* Whitespace between tags, or inside one that never ends, is
		 * all that has been fed since the last tag: expat keeps an
		 * unfinished tag in memory. */
		if (b->lim.max_gap && (long long)inflated - job->mark > (long long)b->lim.max_gap) {
			limit_message(b, XLSX_LIMIT_GAP, path, err);
			goto out;
		}
		if (n == 0)
			break;
	}
	rc = 0;
out:
	xfree(chunk);
	alloc_cleanup_pop(&job->unwind);
	close_job(job);
	return rc;
}

/* --- relationships ------------------------------------------------------ */

struct rels_state {
	struct rel *rels;
	size_t n, cap;
};

static void rels_start(struct xml_job *j, const char *name, const char **atts)
{
	struct rels_state *st = j->state;
	const char *id = attr(atts, "Id", 0), *target = attr(atts, "Target", 0);
	const char *type = attr(atts, "Type", 0);
	if (strcmp(name, "Relationship") || !id || !target)
		return;
	if (st->n >= MAX_RELS) {
		job_fail(j, "%s: too many relationships", j->book->name);
		return;
	}
	ALLOC_GROW(st->rels, st->n + 1, st->cap);
	st->rels[st->n].id = xstrdup(id);
	st->rels[st->n].target = xstrdup(target);
	st->rels[st->n].type = xstrdup(type ? type : "");
	st->n++;
}

static void rels_release(struct rels_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		xfree(st->rels[i].id);
		xfree(st->rels[i].target);
		xfree(st->rels[i].type);
	}
	xfree(st->rels);
	memset(st, 0, sizeof *st);
}

/* Reads the relationships of part `part` (xl/workbook.xml →
 * xl/_rels/workbook.xml.rels). A missing file is no relationships. */
static int read_rels(struct xlsx_book *b, const char *part, struct rels_state *st, struct buf *err)
{
	struct xml_job job = { 0 };
	struct buf path = BUF_INIT;
	const char *slash = strrchr(part, '/');
	int rc = 0;
	if (slash)
		buf_addf(&path, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
	else
		buf_addf(&path, "_rels/%s.rels", part);
	if (find_entry(b, path.data) >= 0) {
		job.start = rels_start;
		job.state = st;
		rc = run_xml(b, path.data, &job, path.data, err);
	}
	buf_release(&path);
	return rc;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* A relationship target relative to the folder of part, as a zip path. */
static char *resolve(const char *part, const char *target)
{
	struct buf p = BUF_INIT;
	const char *slash = strrchr(part, '/');
	if (target[0] == '/') {
		buf_adds(&p, target + 1);
	} else {
		if (slash)
			buf_add(&p, part, (size_t)(slash - part + 1));
		while (!strncmp(target, "./", 2))
			target += 2;
		while (!strncmp(target, "../", 3)) {
			/* drop the last folder of p */
			size_t n = p.len;
			if (n)
				n--;
			while (n && p.data[n - 1] != '/')
				n--;
			buf_setlen(&p, n);
			target += 3;
		}
		buf_adds(&p, target);
	}
	return buf_detach(&p, NULL);
}

/* --- workbook.xml --------------------------------------------------------- */

static void workbook_start(struct xml_job *j, const char *name, const char **atts)
{
	struct xlsx_book *b = j->book;
	if (!strcmp(name, "workbookPr")) {
		const char *v = attr(atts, "date1904", 0);
		b->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(name, "sheet")) {
		const char *sname = attr(atts, "name", 0), *rid = attr(atts, "id", 1);
		if (!sname || !rid)
			return;
		if (b->n_sheets >= MAX_SHEETS) {
			job_fail(j, "%s: more than %d sheets", b->name, MAX_SHEETS);
			return;
		}
		ALLOC_GROW(b->sheets, b->n_sheets + 1, b->cap_sheets);
		b->sheets[b->n_sheets].name = xstrdup(sname);
		b->sheets[b->n_sheets].rid = xstrdup(rid);
		b->sheets[b->n_sheets].path = NULL;
		b->n_sheets++;
	}
}

/* --- sharedStrings.xml ------------------------------------------------------ */

struct ss_state {
	int in_si, in_t, rph;
	size_t start;
};

static void ss_start(struct xml_job *j, const char *name, const char **atts)
{
	struct ss_state *st = j->state;
	(void)atts;
	if (!strcmp(name, "si")) {
		st->in_si = 1;
		st->start = j->book->shared.len;
	} else if (!strcmp(name, "rPh")) {
		st->rph++;
	} else if (!strcmp(name, "t") && st->in_si && !st->rph) {
		st->in_t = 1;
	}
}

static void ss_end(struct xml_job *j, const char *name)
{
	struct ss_state *st = j->state;
	struct xlsx_book *b = j->book;
	if (!strcmp(name, "t")) {
		st->in_t = 0;
	} else if (!strcmp(name, "rPh")) {
		if (st->rph)
			st->rph--;
	} else if (!strcmp(name, "si") && st->in_si) {
		if (b->n_ss >= XLSX_MAX_SHARED_COUNT) {
			job_fail(j, "%s: more than %u shared strings", b->name, XLSX_MAX_SHARED_COUNT);
			return;
		}
		ALLOC_GROW(b->ss_off, b->n_ss + 1, b->cap_ss);
		ALLOC_GROW(b->ss_len, b->n_ss + 1, b->cap_ss2);
		b->ss_off[b->n_ss] = (uint32_t)st->start;
		b->ss_len[b->n_ss] = (uint32_t)(b->shared.len - st->start);
		b->n_ss++;
		buf_addc(&b->shared, '\0');
		st->in_si = 0;
	}
}

static void ss_text(struct xml_job *j, const char *s, int len)
{
	struct ss_state *st = j->state;
	struct xlsx_book *b = j->book;
	if (!st->in_t)
		return;
	if (b->shared.len + (size_t)len > XLSX_MAX_SHARED_TEXT) {
		job_fail(j, "%s: the shared strings are larger than %u MiB", b->name,
			 XLSX_MAX_SHARED_TEXT >> 20);
		return;
	}
	buf_add(&b->shared, s, (size_t)len);
}

/* --- styles.xml ------------------------------------------------------------ */

/* Does a number format code show a date? Quoted text, escaped characters,
 * [bracketed] colours and locales, and the fill/skip characters are not
 * part of the pattern. */
static int format_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':
			p++;
			while (*p && *p != '"')
				p++;
			if (!*p)
				return 0;
			break;
		case '\\':
		case '_':
		case '*':
			if (!p[1])
				return 0;
			p++;
			break;
		case '[':
			while (*p && *p != ']')
				p++;
			if (!*p)
				return 0;
			break;
		case 'y': case 'Y': case 'd': case 'D':
			return 1;
		}
	}
	return 0;
}

/* Built-in formats that show a date (ECMA-376 §18.8.30; 27–31, 36 and
 * 50–58 are the East Asian locales' dates; 18–21, 32–35 and 45–47 are
 * times of day, read as numbers). */
static int builtin_is_date(unsigned long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
	       (id >= 50 && id <= 58);
}

struct styles_state {
	int in_xfs;
};

static void styles_start(struct xml_job *j, const char *name, const char **atts)
{
	struct styles_state *st = j->state;
	struct xlsx_book *b = j->book;
	unsigned long id = 0;
	if (!strcmp(name, "numFmt")) {
		const char *code = attr(atts, "formatCode", 0);
		if (parse_uint(attr(atts, "numFmtId", 0), 1000000, &id) || !code || !format_is_date(code))
			return;
		if (b->n_custom >= MAX_CUSTOM_FORMATS) {
			job_fail(j, "%s: too many number formats", b->name);
			return;
		}
		ALLOC_GROW(b->custom_date_fmt, b->n_custom + 1, b->cap_custom);
		b->custom_date_fmt[b->n_custom++] = (int)id;
	} else if (!strcmp(name, "cellXfs")) {
		st->in_xfs = 1;
	} else if (!strcmp(name, "xf") && st->in_xfs) {
		int is_date = 0;
		const char *v = attr(atts, "numFmtId", 0);
		if (b->n_xf >= MAX_XFS) {
			job_fail(j, "%s: too many cell styles", b->name);
			return;
		}
		if (v && !parse_uint(v, 1000000, &id)) {
			is_date = builtin_is_date(id);
			for (size_t i = 0; i < b->n_custom && !is_date; i++)
				is_date = b->custom_date_fmt[i] == (int)id;
		}
		ALLOC_GROW(b->xf_date, b->n_xf + 1, b->cap_xf);
		b->xf_date[b->n_xf++] = (unsigned char)is_date;
	}
}

static void styles_end(struct xml_job *j, const char *name)
{
	struct styles_state *st = j->state;
	if (!strcmp(name, "cellXfs"))
		st->in_xfs = 0;
}

/* --- opening ----------------------------------------------------------------- */

static int open_book(struct xlsx_book *b, struct buf *err)
{
	struct rels_state top = { 0 }, wb = { 0 };
	struct xml_job job = { 0 };
	char *workbook = NULL, *shared = NULL, *styles = NULL;
	int rc = -1;

	if (read_rels(b, "", &top, err))
		goto out;
	for (size_t i = 0; i < top.n; i++)
		if (has_suffix(top.rels[i].type, "/officeDocument"))
			workbook = resolve("", top.rels[i].target);
	if (!workbook)
		workbook = xstrdup("xl/workbook.xml");
	job.start = workbook_start;
	if (run_xml(b, workbook, &job, "the workbook", err))
		goto out;
	if (read_rels(b, workbook, &wb, err))
		goto out;
	for (size_t i = 0; i < wb.n; i++) {
		if (has_suffix(wb.rels[i].type, "/sharedStrings") && !shared)
			shared = resolve(workbook, wb.rels[i].target);
		else if (has_suffix(wb.rels[i].type, "/styles") && !styles)
			styles = resolve(workbook, wb.rels[i].target);
		for (size_t s = 0; s < b->n_sheets; s++)
			if (!b->sheets[s].path && !strcmp(b->sheets[s].rid, wb.rels[i].id))
				b->sheets[s].path = resolve(workbook, wb.rels[i].target);
	}
	for (size_t s = 0; s < b->n_sheets; s++)
		if (!b->sheets[s].path) {
			buf_addf(err, "%s: not an XLSX file: sheet '%s' has no part", b->name,
				 b->sheets[s].name);
			goto out;
		}
	if (shared && find_entry(b, shared) >= 0) {
		struct ss_state st = { 0 };
		struct xml_job sj = { 0 };
		sj.start = ss_start;
		sj.end = ss_end;
		sj.text = ss_text;
		sj.state = &st;
		if (run_xml(b, shared, &sj, "the shared strings", err))
			goto out;
	}
	if (styles && find_entry(b, styles) >= 0) {
		struct styles_state st = { 0 };
		struct xml_job sj = { 0 };
		sj.start = styles_start;
		sj.end = styles_end;
		sj.state = &st;
		if (run_xml(b, styles, &sj, "the styles", err))
			goto out;
	}
	rc = 0;
out:
	rels_release(&top);
	rels_release(&wb);
	xfree(workbook);
	xfree(shared);
	xfree(styles);
	return rc;
}

static int finish_open(struct xlsx_book **out, struct xlsx_book *b, struct buf *err)
{
	if (open_book(b, err)) {
		xlsx_close(b);
		return -1;
	}
	*out = b;
	return 0;
}

static void unwind_book(void *b)
{
	xlsx_close(b);
}

/* A book with no zip yet, closed by xlsx_close() or by an unwind. */
static struct xlsx_book *new_book(const char *name)
{
	struct xlsx_book *b = xcalloc(1, sizeof *b);
	buf_init(&b->shared);
	b->name = xstrdup(name);
	b->lim = process_limits;
	b->cpu_start_ns = thread_cpu_ns();
	alloc_cleanup_push(&b->unwind, unwind_book, b);
	return b;
}

int xlsx_open_file(struct xlsx_book **out, const char *path, struct buf *err)
{
	struct xlsx_book *b;
	int zerr = 0;
	zip_t *z;
	*out = NULL;
	b = new_book(path);
	z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		if (zerr == ZIP_ER_NOENT)
			buf_addf(err, "%s: cannot read: %s", path, strerror(ENOENT));
		else if (zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ)
			buf_addf(err, "%s: cannot read: %s", path, zip_error_strerror(&ze));
		else
			buf_addf(err, "%s: not an XLSX file: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		xlsx_close(b);
		return -1;
	}
	b->zip = z;
	{
		struct stat st;
		if (stat(path, &st) == 0)
			b->archive_len = (unsigned long long)st.st_size;
	}
	return finish_open(out, b, err);
}

int xlsx_open_mem(struct xlsx_book **out, const char *name, const void *data, size_t len,
		  struct buf *err)
{
	struct xlsx_book *b;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	*out = NULL;
	b = new_book(name);
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		buf_addf(err, "%s: %s", name, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		xlsx_close(b);
		return -1;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		buf_addf(err, "%s: not an XLSX file: %s", name, zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		xlsx_close(b);
		return -1;
	}
	zip_error_fini(&ze);
	b->zip = z;
	b->archive_len = len;
	return finish_open(out, b, err);
}

void xlsx_close(struct xlsx_book *b)
{
	if (!b)
		return;
	alloc_cleanup_pop(&b->unwind);
	for (size_t i = 0; i < b->n_sheets; i++) {
		xfree(b->sheets[i].name);
		xfree(b->sheets[i].rid);
		xfree(b->sheets[i].path);
	}
	xfree(b->sheets);
	buf_release(&b->shared);
	xfree(b->ss_off);
	xfree(b->ss_len);
	xfree(b->xf_date);
	xfree(b->custom_date_fmt);
	if (b->zip)
		zip_discard(b->zip);
	xfree(b->name);
	xfree(b);
}

size_t xlsx_n_sheets(const struct xlsx_book *b)
{
	return b->n_sheets;
}

const char *xlsx_sheet_name(const struct xlsx_book *b, size_t i)
{
	return i < b->n_sheets ? b->sheets[i].name : NULL;
}

int xlsx_date1904(const struct xlsx_book *b)
{
	return b->date1904;
}

/* --- values ------------------------------------------------------------------ */

int xlsx_serial_day(double serial, int date1904, day_t *out)
{
	double whole;
	long n;
	if (!(serial >= 0) || serial >= 2958466.0)
		return -1;
	whole = floor(serial);
	n = (long)whole;
	if (date1904) {
		*out = date_from_ymd(1904, 1, 1) + (day_t)n;
	} else {
		if (n < 1)
			return -1;
		if (n == 60)
			return -2;
		/* Serial 1 is 1900-01-01; Excel counts a 29 Feb 1900 at 60. */
		*out = date_from_ymd(1900, 1, 1) + (day_t)(n < 60 ? n - 1 : n - 2);
	}
	int y, m, d;
	date_to_ymd(*out, &y, &m, &d);
	return y >= 1900 && y <= 9999 ? 0 : -1;
}

/* Appends the text of a date serial: "YYYY-MM-DD", with " HH:MM:SS" when
 * it has a time of day. Returns -1 when it is not a day of 1900..9999. */
static int date_text(struct buf *out, double serial, int date1904)
{
	day_t day;
	long long secs = llround((serial - floor(serial)) * 86400.0);
	char text[11];
	int r = xlsx_serial_day(serial, date1904, &day);
	if (r == -2) {
		/* Excel's phantom day: written out, so that it is reported as
		 * the day that does not exist. */
		buf_adds(out, "1900-02-29");
	} else if (r) {
		return -1;
	} else {
		if (secs >= 86400) {
			day++;
			secs = 0;
		}
		date_format(day, text);
		buf_adds(out, text);
	}
	if (secs > 0 && secs < 86400)
		buf_addf(out, " %02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
	return 0;
}

/* Is s a plain decimal ("-12.50") with at most 15 significant digits, or
 * a plain integer of any length up to 30 digits (an id stored as a number
 * by a program other than Excel keeps every digit)? */
static int plain_decimal(const char *s)
{
	int digits = 0, seen_nonzero = 0, dot = 0;
	size_t len = strlen(s);
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s == '.') {
			if (dot++)
				return 0;
		} else if (*s >= '0' && *s <= '9') {
			if (*s != '0')
				seen_nonzero = 1;
			if (seen_nonzero)
				digits++;
		} else {
			return 0;
		}
	}
	return digits <= 15 || (!dot && len <= 30);
}

/* Appends a plain decimal without trailing fractional zeros and never
 * "-0". */
static void add_trimmed(struct buf *out, const char *s, size_t len)
{
	size_t start = out->len;
	const char *dot = memchr(s, '.', len);
	if (dot) {
		while (len && s[len - 1] == '0')
			len--;
		if (len && s[len - 1] == '.')
			len--;
	}
	buf_add(out, s, len);
	if (!strcmp(out->data + start, "-0") || !strcmp(out->data + start, "-")) {
		buf_setlen(out, start);
		buf_addc(out, '0');
	}
}

/* %.15g text with its exponent written out: "1.5e-07" → "0.00000015". */
static void add_expanded(struct buf *out, double v)
{
	char tmp[64], digits[64];
	struct buf t = BUF_INIT;
	int n = 0, point = 0, exp10 = 0, neg = 0;
	const char *p;
	snprintf(tmp, sizeof tmp, "%.15g", v);
	p = tmp;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p && *p != 'e'; p++) {
		if (*p == '.')
			point = n;
		else if (n < (int)sizeof digits - 1)
			digits[n++] = *p;
	}
	if (!strchr(tmp, '.'))
		point = n;
	if (*p == 'e')
		exp10 = (int)strtol(p + 1, NULL, 10);
	point += exp10;
	if (neg)
		buf_addc(&t, '-');
	if (point <= 0) {
		buf_adds(&t, "0.");
		for (int i = 0; i < -point; i++)
			buf_addc(&t, '0');
		buf_add(&t, digits, (size_t)n);
	} else if (point >= n) {
		buf_add(&t, digits, (size_t)n);
		for (int i = n; i < point; i++)
			buf_addc(&t, '0');
	} else {
		buf_add(&t, digits, (size_t)point);
		buf_addc(&t, '.');
		buf_add(&t, digits + point, (size_t)(n - point));
	}
	add_trimmed(out, t.data, t.len);
	buf_release(&t);
}

/* --- sheets -------------------------------------------------------------------- */

struct sheet_state {
	xlsx_cell_fn fn;
	void *ctx;
	const char *sheet;
	int in_data, in_c, in_v, in_is, in_t, rph;
	unsigned long row;        /* the current row */
	unsigned col;             /* the current cell's column */
	unsigned next_col;
	char type[12];
	unsigned long style;
	int has_v;
	struct buf value;         /* the text of <v> or of an inline string */
	struct buf text;          /* the cell's value as handed out */
};

static void sheet_fail_at(struct xml_job *j, const char *msg)
{
	struct sheet_state *st = j->state;
	struct buf where = BUF_INIT;
	xlsx_column_name(&where, st->col);
	job_fail(j, "%s:%s!%s%lu: %s", j->book->name, st->sheet, where.data, st->row, msg);
	buf_release(&where);
}

static void sheet_start(struct xml_job *j, const char *name, const char **atts)
{
	struct sheet_state *st = j->state;
	if (!strcmp(name, "sheetData")) {
		st->in_data = 1;
	} else if (!st->in_data) {
		return;
	} else if (!strcmp(name, "row")) {
		const char *r = attr(atts, "r", 0);
		unsigned long n;
		if (r) {
			if (parse_uint(r, MAX_ROW, &n) || n == 0) {
				job_fail(j, "%s:%s: bad row number '%.20s'", j->book->name, st->sheet, r);
				return;
			}
			st->row = n;
		} else {
			st->row++;
		}
		st->next_col = 1;
	} else if (!strcmp(name, "c")) {
		const char *r = attr(atts, "r", 0), *t = attr(atts, "t", 0), *s = attr(atts, "s", 0);
		unsigned col;
		unsigned long row;
		if (++j->book->cells > j->book->lim.max_cells) {
			struct buf m = BUF_INIT;
			limit_message(j->book, XLSX_LIMIT_CELLS, NULL, &m);
			job_fail(j, "%s", m.data);
			buf_release(&m);
			return;
		}
		if (r) {
			if (parse_ref(r, &col, &row) || !col) {
				job_fail(j, "%s:%s: bad cell reference '%.20s'", j->book->name, st->sheet, r);
				return;
			}
			if (row)
				st->row = row;
		} else {
			col = st->next_col;
		}
		if (!st->row)
			st->row = 1;
		if (col > MAX_COL) {
			job_fail(j, "%s:%s: a cell beyond column XFD", j->book->name, st->sheet);
			return;
		}
		st->col = col;
		st->next_col = col + 1;
		snprintf(st->type, sizeof st->type, "%s", t ? t : "n");
		st->style = 0;
		if (s && parse_uint(s, MAX_XFS, &st->style))
			st->style = 0;
		buf_reset(&st->value);
		st->has_v = 0;
		st->in_c = 1;
	} else if (st->in_c && !strcmp(name, "v")) {
		st->in_v = 1;
	} else if (st->in_c && !strcmp(name, "is")) {
		st->in_is = 1;
	} else if (st->in_is && !strcmp(name, "rPh")) {
		st->rph++;
	} else if (st->in_is && !st->rph && !strcmp(name, "t")) {
		st->in_t = 1;
		st->has_v = 1;
	}
}

static void sheet_text(struct xml_job *j, const char *s, int len)
{
	struct sheet_state *st = j->state;
	if (!st->in_v && !st->in_t)
		return;
	if (st->value.len + (size_t)len > XLSX_MAX_CELL) {
		sheet_fail_at(j, "the cell holds more than 1 MiB of text");
		return;
	}
	buf_add(&st->value, s, (size_t)len);
}

/* Builds the cell from what <c> held and hands it out. */
static void emit_cell(struct xml_job *j)
{
	struct sheet_state *st = j->state;
	struct xlsx_book *b = j->book;
	struct xlsx_cell cell = { st->row, st->col, XLSX_STRING, NULL, 0, 0 };
	const char *v = st->value.data;
	char *end;
	int rc;

	buf_reset(&st->text);
	if (!st->has_v)
		return;
	if (!strcmp(st->type, "s")) {
		unsigned long idx;
		if (parse_uint(v, UINT32_MAX, &idx) || idx >= b->n_ss) {
			sheet_fail_at(j, "refers to a shared string that does not exist");
			return;
		}
		buf_add(&st->text, b->shared.data + b->ss_off[idx], b->ss_len[idx]);
	} else if (!strcmp(st->type, "inlineStr") || !strcmp(st->type, "str")) {
		buf_add(&st->text, v, st->value.len);
	} else if (!strcmp(st->type, "b")) {
		cell.type = XLSX_BOOL;
		cell.number = strcmp(v, "1") && strcmp(v, "true") ? 0 : 1;
		buf_adds(&st->text, cell.number ? "1" : "0");
	} else if (!strcmp(st->type, "e")) {
		cell.type = XLSX_ERROR;
		buf_add(&st->text, v, st->value.len);
	} else if (!strcmp(st->type, "d")) {
		/* An ISO 8601 date: the day, and the time when not midnight. */
		day_t day;
		if (st->value.len >= 10 && !date_parse(v, 10, &day)) {
			cell.type = XLSX_DATE;
			buf_add(&st->text, v, 10);
			if (st->value.len >= 19 && v[10] == 'T' && strncmp(v + 11, "00:00:00", 8)) {
				buf_addc(&st->text, ' ');
				buf_add(&st->text, v + 11, 8);
			}
		} else {
			buf_add(&st->text, v, st->value.len);
		}
	} else {
		double d;
		if (!st->value.len)
			return;
		errno = 0;
		d = strtod(v, &end);
		if (*end || end == v || !isfinite(d)) {
			sheet_fail_at(j, "holds a number that does not read as one");
			return;
		}
		cell.number = d;
		if (st->style < b->n_xf && b->xf_date[st->style] &&
		    !date_text(&st->text, d, b->date1904)) {
			cell.type = XLSX_DATE;
		} else {
			cell.type = XLSX_NUMBER;
			buf_reset(&st->text);
			if (plain_decimal(v))
				add_trimmed(&st->text, v, st->value.len);
			else
				add_expanded(&st->text, d);
		}
	}
	if (!st->text.len)
		return;
	cell.text = st->text.data;
	cell.len = st->text.len;
	rc = st->fn(st->ctx, &cell);
	if (rc) {
		j->stop_rc = rc;
		XML_StopParser(j->p, XML_FALSE);
	}
}

static void sheet_end(struct xml_job *j, const char *name)
{
	struct sheet_state *st = j->state;
	if (!st->in_data)
		return;
	if (!strcmp(name, "sheetData")) {
		st->in_data = 0;
	} else if (!strcmp(name, "c") && st->in_c) {
		st->in_c = 0;
		st->in_is = 0;
		st->rph = 0;
		emit_cell(j);
	} else if (!strcmp(name, "v")) {
		if (st->in_v)
			st->has_v = 1;
		st->in_v = 0;
	} else if (!strcmp(name, "is")) {
		st->in_is = 0;
	} else if (!strcmp(name, "rPh")) {
		if (st->rph)
			st->rph--;
	} else if (!strcmp(name, "t")) {
		st->in_t = 0;
	}
}

int xlsx_read_sheet(struct xlsx_book *b, size_t i, xlsx_cell_fn fn, void *ctx, struct buf *err)
{
	struct sheet_state st;
	struct xml_job job = { 0 };
	struct buf what = BUF_INIT;
	int rc;
	if (i >= b->n_sheets) {
		buf_addf(err, "%s: no sheet %zu", b->name, i);
		return -1;
	}
	memset(&st, 0, sizeof st);
	st.fn = fn;
	st.ctx = ctx;
	st.sheet = b->sheets[i].name;
	buf_init(&st.value);
	buf_init(&st.text);
	job.start = sheet_start;
	job.end = sheet_end;
	job.text = sheet_text;
	job.state = &st;
	buf_addf(&what, "sheet '%s'", st.sheet);
	rc = run_xml(b, b->sheets[i].path, &job, what.data, err);
	buf_release(&what);
	buf_release(&st.value);
	buf_release(&st.text);
	return rc;
}

/* --- sheets as CSV ----------------------------------------------------------------- */

#define MAX_TYPED_COLUMNS 256

struct csv_emit {
	struct xlsx_book *book;
	const char *sheet;
	struct xlsx_csv *out;
	const struct table *t;
	size_t max_bytes;
	struct buf *err;
	int have_header;
	unsigned width;                   /* the header's last column */
	unsigned char month_col[MAX_TYPED_COLUMNS + 1];
	unsigned long row;                /* the sheet row being written, 0 = none */
	size_t row_start;                 /* where its record starts in the text */
	unsigned col;                     /* fields written in the record */
	unsigned long line;               /* the CSV line the record starts on */
	unsigned long next_line;          /* the line after what is written */
	long delta;                       /* the map's last delta */
};

static void emit_where(struct csv_emit *e, unsigned col, unsigned long row, struct buf *out)
{
	buf_addf(out, "%s:%s!", e->book->name, e->sheet);
	xlsx_column_name(out, col);
	buf_addf(out, "%lu", row);
}

static void finish_row(struct csv_emit *e)
{
	if (!e->row)
		return;
	if (!e->col) {
		buf_setlen(&e->out->text, e->row_start);
		e->row = 0;
		return;
	}
	if (!e->have_header) {
		e->have_header = 1;
		e->width = e->col;
	}
	for (unsigned k = e->col + 1; k <= e->width; k++)
		buf_addc(&e->out->text, ',');
	buf_addc(&e->out->text, '\n');
	long delta = (long)e->row - (long)e->line;
	if (delta != e->delta || !e->out->n_map) {
		ALLOC_GROW(e->out->map, e->out->n_map + 1, e->out->cap_map);
		e->out->map[e->out->n_map].line = e->line;
		e->out->map[e->out->n_map].delta = delta;
		e->out->n_map++;
		e->delta = delta;
	}
	e->line = ++e->next_line;
	e->row = 0;
}

static int on_csv_cell(void *ctx, const struct xlsx_cell *c)
{
	struct csv_emit *e = ctx;
	struct buf *text = &e->out->text;
	const char *s = c->text;
	size_t len = c->len;

	if (c->row != e->row) {
		if (e->row && c->row < e->row) {
			emit_where(e, c->col, c->row, e->err);
			buf_addf(e->err, ": row out of order (after row %lu)", e->row);
			return -1;
		}
		finish_row(e);
		e->row = c->row;
		e->row_start = text->len;
		e->col = 0;
	}
	if (c->col <= e->col) {
		emit_where(e, c->col, c->row, e->err);
		buf_adds(e->err, ": cell out of order (columns must increase along a row)");
		return -1;
	}
	if (!e->have_header && e->t && c->col <= MAX_TYPED_COLUMNS) {
		int col = schema_column(e->t, s);
		e->month_col[c->col] = col >= 0 && e->t->columns[col].type == COL_MONTH;
	}
	/* A date in a month column is its month when it is the 1st. */
	if (e->have_header && c->type == XLSX_DATE && c->col <= MAX_TYPED_COLUMNS &&
	    e->month_col[c->col] && len == 10 && !memcmp(s + 7, "-01", 3))
		len = 7;
	for (unsigned k = e->col + 1; k <= c->col; k++)
		if (k > 1)
			buf_addc(text, ',');
	csv_write_field(text, s, len);
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			e->next_line++;
	e->col = c->col;
	if (text->len > e->max_bytes) {
		if (e->max_bytes >= (1u << 20))
			buf_addf(e->err, "%s:%s: the sheet is larger than %zu MiB as CSV", e->book->name,
				 e->sheet, e->max_bytes >> 20);
		else
			buf_addf(e->err, "%s:%s: the sheet is larger than %zu bytes as CSV", e->book->name,
				 e->sheet, e->max_bytes);
		return -1;
	}
	return 0;
}

int xlsx_sheet_csv(struct xlsx_book *b, size_t i, const struct table *t, size_t max_bytes,
		   struct xlsx_csv *out, struct buf *err)
{
	struct csv_emit e;
	int rc;
	if (i >= b->n_sheets) {
		buf_addf(err, "%s: no sheet %zu", b->name, i);
		return -1;
	}
	memset(&e, 0, sizeof e);
	e.book = b;
	e.sheet = b->sheets[i].name;
	e.out = out;
	e.t = t;
	e.max_bytes = max_bytes ? max_bytes : XLSX_MAX_CSV;
	e.err = err;
	e.line = e.next_line = 1;
	xfree(out->where);
	out->where = NULL;
	{
		struct buf w = BUF_INIT;
		buf_addf(&w, "%s:%s", b->name, e.sheet);
		out->where = buf_detach(&w, NULL);
	}
	rc = xlsx_read_sheet(b, i, on_csv_cell, &e, err);
	if (rc)
		return -1;
	finish_row(&e);
	return 0;
}

void xlsx_csv_release(struct xlsx_csv *c)
{
	buf_release(&c->text);
	xfree(c->map);
	xfree(c->where);
	c->map = NULL;
	c->where = NULL;
	c->n_map = c->cap_map = 0;
}

void xlsx_csv_where(const void *ctx, unsigned long line, int column, struct buf *out)
{
	const struct xlsx_csv *c = ctx;
	long delta = 0;
	size_t lo = 0, hi = c->n_map;
	/* The last map entry at or before line. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->map[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo)
		delta = c->map[lo - 1].delta;
	buf_addf(out, "%s!", c->where ? c->where : "");
	xlsx_column_name(out, column > 0 ? (unsigned)column : 1);
	buf_addf(out, "%lu", (unsigned long)((long)line + delta));
}
