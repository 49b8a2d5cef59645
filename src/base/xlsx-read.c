/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xlsx-read.c - read one worksheet (the first, or one by name) of an .xlsx
 * workbook: unzip each part from memory with a size cap, parse it with
 * expat (no DOCTYPE, depth capped), and hand every cell with a value to
 * the caller. */
#include "base/xlsx-read.h"
#include "base/array.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unzip.h>

#define MAX_STYLES 65536	/* cell formats and number formats */
#define MAX_PATH_LEN 256	/* a part's name inside the zip */

/* A growable byte buffer with a size cap. */
struct sbuf {
	char *p;
	size_t len, cap, limit;
};

/* The zip file in memory, as a minizip stream. */
struct zmem {
	const unsigned char *data;
	size_t len, pos;
};

/* One custom number format: its id and whether it shows a date. */
struct numfmt {
	unsigned id;
	bool date;
};

/* The workbook being read. */
struct xlsx {
	unzFile zf;
	struct zmem mem;
	size_t unpacked;	/* bytes of the parts but the sheet so far */
	char *err;
	size_t errsize;
	bool nomem;
	bool missing;			/* no sheet of the wanted name */
	bool date1904;
	const char *want;		/* the sheet's name, NULL: the first */
	char sheet[MAX_PATH_LEN];	/* the sheet's part name */
	struct sbuf sst;		/* shared strings, NUL-separated */
	size_t *sst_at;			/* offset of each in sst */
	size_t nsst, sst_cap;
	struct numfmt *fmts;
	size_t nfmts;
	bool *xf_date;			/* per cell format: a date */
	size_t nxf;
};

/* Parsing state of one XML part. */
struct xml_state {
	struct xlsx *x;
	XML_Parser p;
	const char *part;
	unsigned depth;
	bool failed;		/* x->err is set; the parse was stopped */
	void (*start)(struct xml_state *s, const char *name,
		      const char **atts);
	void (*end)(struct xml_state *s, const char *name);
	bool collect;		/* character data goes to text */
	struct sbuf text;
	/* workbook and relationships */
	char rid[MAX_PATH_LEN];
	bool have_rid, have_target;
	/* styles */
	bool in_numfmts, in_cellxfs;
	/* shared strings */
	bool in_si, in_rph;
	/* worksheet */
	bool in_data, in_cell, in_is;
	unsigned row, col, style;
	char type[16];
	bool have_value;
	bool formula;		/* the cell has an <f> */
	xlsx_cell_fn fn;
	void *ctx;
	bool stopped;
};

/* Record a damage message (the first one wins). */
static void fail(struct xlsx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void fail(struct xlsx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->err[0])
		return;
	va_start(ap, fmt);
	vsnprintf(x->err, x->errsize, fmt, ap);
	va_end(ap);
}

/* Append n bytes to b; -1 when over its limit or out of memory. */
static int sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (n > b->limit || b->len + n + 1 > b->limit) {
		errno = EFBIG;
		return -1;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (cap > b->limit)
			cap = b->limit;
		p = realloc(b->p, cap);
		if (!p) {
			errno = ENOMEM;
			return -1;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

/* minizip stream callbacks over struct zmem.  Open: rewind. */
static voidpf ZCALLBACK zm_open(voidpf opaque, const void *name, int mode)
{
	(void)name;
	(void)mode;
	((struct zmem *)opaque)->pos = 0;
	return opaque;
}

/* Read up to size bytes from the current position. */
static uLong ZCALLBACK zm_read(voidpf opaque, voidpf stream, void *buf,
			       uLong size)
{
	struct zmem *m = stream;
	size_t n = m->len - m->pos;

	(void)opaque;
	if (n > size)
		n = size;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (uLong)n;
}

/* Writing is never asked for: write nothing. */
static uLong ZCALLBACK zm_write(voidpf opaque, voidpf stream, const void *buf,
				uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

/* The current position. */
static ZPOS64_T ZCALLBACK zm_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct zmem *)stream)->pos;
}

/* Move to offset from origin; -1 outside the data. */
static long ZCALLBACK zm_seek(voidpf opaque, voidpf stream, ZPOS64_T offset,
			      int origin)
{
	struct zmem *m = stream;
	ZPOS64_T base;

	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = m->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = m->len;
		break;
	default:
		return -1;
	}
	if (offset > m->len || base > m->len - offset)
		return -1;
	m->pos = (size_t)(base + offset);
	return 0;
}

/* Nothing to close: the data belongs to the caller. */
static int ZCALLBACK zm_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* Memory has no I/O errors. */
static int ZCALLBACK zm_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* The local part of an expat name "namespace|local". */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

/* The value of attribute (local name) in atts, or NULL. */
static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

/* Stop the parse with a damage message. */
static void stop(struct xml_state *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void stop(struct xml_state *s, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail(s->x, "'%s': %s", s->part, msg);
	s->failed = true;
	XML_StopParser(s->p, XML_FALSE);
}

/* Stop the parse for no memory. */
static void stop_nomem(struct xml_state *s)
{
	s->x->nomem = true;
	s->failed = true;
	XML_StopParser(s->p, XML_FALSE);
}

/* expat: an element starts; depth checked, then the part's handler. */
static void XMLCALL on_start(void *ud, const char *name, const char **atts)
{
	struct xml_state *s = ud;

	if (s->failed)
		return;
	if (++s->depth > XLSX_MAX_DEPTH) {
		stop(s, "elements nested deeper than %d", XLSX_MAX_DEPTH);
		return;
	}
	s->start(s, local(name), atts);
}

/* expat: an element ends. */
static void XMLCALL on_end(void *ud, const char *name)
{
	struct xml_state *s = ud;

	if (s->failed)
		return;
	s->depth--;
	s->end(s, local(name));
}

/* expat: character data, kept when the part's handler collects it. */
static void XMLCALL on_text(void *ud, const char *text, int len)
{
	struct xml_state *s = ud;

	if (s->failed || !s->collect)
		return;
	if (sbuf_add(&s->text, text, (size_t)len) < 0) {
		if (errno == ENOMEM)
			stop_nomem(s);
		else
			stop(s, "a cell holds more than %zu KiB of text",
			     XLSX_MAX_TEXT >> 10);
	}
}

/* expat: a DOCTYPE (and with it entities) is refused. */
static void XMLCALL on_doctype(void *ud, const char *name, const char *sysid,
			       const char *pubid, int has_internal)
{
	struct xml_state *s = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	stop(s, "a DOCTYPE is not allowed in a workbook");
}

/* Open part name of the zip for reading: 0, 1 if it is absent and
 * optional, -1 with x->err set. */
static int open_part(struct xlsx *x, const char *name, bool optional)
{
	unz_file_info64 info;

	if (unzLocateFile(x->zf, name, 2) != UNZ_OK) {
		if (optional)
			return 1;
		fail(x, "the workbook has no '%s' (is it an .xlsx file?)",
		     name);
		return -1;
	}
	if (unzGetCurrentFileInfo64(x->zf, &info, NULL, 0, NULL, 0, NULL, 0)
	    != UNZ_OK) {
		fail(x, "the zip entry of '%s' is damaged", name);
		return -1;
	}
	if (info.flag & 1) {
		fail(x, "the workbook is encrypted (save it without a "
		     "password)");
		return -1;
	}
	if (unzOpenCurrentFile(x->zf) != UNZ_OK) {
		fail(x, "'%s' cannot be unpacked (damaged, or an unknown "
		     "compression)", name);
		return -1;
	}
	return 0;
}

/* Feed the open part to s's parser as it is unpacked, chunk by chunk (no
 * copy of the part is kept, so only time bounds a large one): at most
 * XLSX_MAX_SHEET_BYTES of the sheet, XLSX_MAX_PART_BYTES of another
 * part and XLSX_MAX_TOTAL_BYTES of those together.  0, -1 (x->err or
 * x->nomem set), or -2 when the part is closed already. */
static int feed_part(struct xml_state *s, const char *part, bool sheet)
{
	struct xlsx *x = s->x;
	size_t len = 0, limit = sheet ? XLSX_MAX_SHEET_BYTES :
					XLSX_MAX_PART_BYTES;
	char chunk[16384];
	int n, rc;

	while ((n = unzReadCurrentFile(x->zf, chunk, sizeof(chunk))) > 0) {
		len += (size_t)n;
		if (!sheet)
			x->unpacked += (size_t)n;
		if (x->unpacked > XLSX_MAX_TOTAL_BYTES) {
			fail(x, "the workbook unpacks to more than %zu MiB "
			     "(the limit)", XLSX_MAX_TOTAL_BYTES >> 20);
			return -1;
		}
		if (len > limit) {
			fail(x, "'%s' unpacks to more than %zu MiB (the "
			     "limit)", part, limit >> 20);
			return -1;
		}
		if (XML_Parse(s->p, chunk, n, 0) != XML_STATUS_OK)
			return -1;
	}
	if (n < 0) {
		fail(x, "'%s' is damaged (cannot be unpacked)", part);
		return -1;
	}
	rc = unzCloseCurrentFile(x->zf);
	if (rc != UNZ_OK) {
		fail(x, "'%s' is damaged (%s)", part, rc == UNZ_CRCERROR ?
		     "its checksum does not match" : "cannot be unpacked");
		return -2;
	}
	return XML_Parse(s->p, chunk, 0, 1) == XML_STATUS_OK ? 0 : -1;
}

/* Unpack and parse one part (the worksheet read: sheet) with s's
 * handlers; 1 if optional and absent, 0, or -1 (x->err or x->nomem
 * set). */
static int load_part(struct xml_state *s, const char *part, bool optional,
		     bool sheet)
{
	int rc = open_part(s->x, part, optional);

	if (rc)
		return rc;
	s->part = part;
	s->depth = 0;
	s->collect = false;
	s->text.limit = XLSX_MAX_TEXT;
	s->p = XML_ParserCreateNS(NULL, '|');
	if (!s->p) {
		s->x->nomem = true;
		unzCloseCurrentFile(s->x->zf);
		return -1;
	}
	XML_SetUserData(s->p, s);
	XML_SetElementHandler(s->p, on_start, on_end);
	XML_SetCharacterDataHandler(s->p, on_text);
	XML_SetStartDoctypeDeclHandler(s->p, on_doctype);
	rc = feed_part(s, part, sheet);
	if (rc == -1)
		unzCloseCurrentFile(s->x->zf);
	if (rc == 0 && XML_GetErrorCode(s->p) == XML_ERROR_NONE &&
	    s->depth == 0 && !s->failed)
		goto out;
	rc = -1;
	if (s->failed || s->x->err[0] || s->x->nomem)
		goto out;
	if (XML_GetErrorCode(s->p) == XML_ERROR_NO_MEMORY)
		s->x->nomem = true;
	else
		fail(s->x, "'%s' is not well-formed XML (line %lu, column "
		     "%lu: %s)", part, XML_GetCurrentLineNumber(s->p),
		     XML_GetCurrentColumnNumber(s->p) + 1,
		     XML_ErrorString(XML_GetErrorCode(s->p)));
out:
	XML_ParserFree(s->p);
	s->p = NULL;
	free(s->text.p);
	memset(&s->text, 0, sizeof(s->text));
	return rc;
}

/* A part whose element ends need no handling. */
static void no_end(struct xml_state *s, const char *name)
{
	(void)s;
	(void)name;
}

/* xl/workbook.xml: the relationship id of the first sheet, the date
 * system. */
static void workbook_start(struct xml_state *s, const char *name,
			   const char **atts)
{
	const char *v;

	if (!strcmp(name, "workbookPr")) {
		v = attr(atts, "date1904");
		s->x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(name, "sheet") && !s->have_rid) {
		v = attr(atts, "name");
		if (s->x->want && (!v || strcmp(v, s->x->want)))
			return;
		v = attr(atts, "id");
		if (!v || strlen(v) >= sizeof(s->rid)) {
			stop(s, "the first sheet has no relationship id");
			return;
		}
		strcpy(s->rid, v);
		s->have_rid = true;
	}
}

/* xl/_rels/workbook.xml.rels: the part of the first sheet. */
static void rels_start(struct xml_state *s, const char *name,
		       const char **atts)
{
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	int n;

	if (strcmp(name, "Relationship") || !id || !target ||
	    strcmp(id, s->rid) || s->have_target)
		return;
	if (target[0] == '/')
		n = snprintf(s->x->sheet, sizeof(s->x->sheet), "%s",
			     target + 1);
	else
		n = snprintf(s->x->sheet, sizeof(s->x->sheet), "xl/%s",
			     target + (strncmp(target, "./", 2) ? 0 : 2));
	if (n < 0 || (size_t)n >= sizeof(s->x->sheet)) {
		stop(s, "the first sheet's name is too long");
		return;
	}
	s->have_target = true;
}

/* Whether a number format code shows a date or time: a d, m, y, h or s
 * outside quotes, brackets and escapes. */
static bool code_is_date(const char *code)
{
	for (const char *c = code; *c; c++) {
		if (*c == '"') {
			c = strchr(c + 1, '"');
			if (!c)
				return false;
		} else if (*c == '[') {
			c = strchr(c + 1, ']');
			if (!c)
				return false;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (!*++c)
				return false;
		} else if (strchr("dmyhsDMYHS", *c)) {
			return true;
		}
	}
	return false;
}

/* Whether number format id shows a date: Excel's built-in date and time
 * formats, or a custom one that does. */
static bool fmt_is_date(const struct xlsx *x, unsigned id)
{
	for (size_t i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == id)
			return x->fmts[i].date;
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* xl/styles.xml: which cell formats (the s= of a cell) are dates. */
static void styles_start(struct xml_state *s, const char *name,
			 const char **atts)
{
	struct xlsx *x = s->x;
	const char *id = attr(atts, "numFmtId");
	unsigned long v = id ? strtoul(id, NULL, 10) : 0;

	if (!strcmp(name, "numFmts")) {
		s->in_numfmts = true;
	} else if (!strcmp(name, "cellXfs")) {
		s->in_cellxfs = true;
	} else if (s->in_numfmts && !strcmp(name, "numFmt")) {
		const char *code = attr(atts, "formatCode");

		if (x->nfmts % 64 == 0) {
			struct numfmt *f;

			if (x->nfmts >= MAX_STYLES) {
				stop(s, "more than %d number formats",
				     MAX_STYLES);
				return;
			}
			f = realloc(x->fmts, (x->nfmts + 64) * sizeof(*f));
			if (!f) {
				stop_nomem(s);
				return;
			}
			x->fmts = f;
		}
		x->fmts[x->nfmts].id = (unsigned)(v > UINT32_MAX ? 0 : v);
		x->fmts[x->nfmts++].date = code && code_is_date(code);
	} else if (s->in_cellxfs && !strcmp(name, "xf")) {
		if (x->nxf % 64 == 0) {
			bool *d;

			if (x->nxf >= MAX_STYLES) {
				stop(s, "more than %d cell formats",
				     MAX_STYLES);
				return;
			}
			d = realloc(x->xf_date, (x->nxf + 64) * sizeof(*d));
			if (!d) {
				stop_nomem(s);
				return;
			}
			x->xf_date = d;
		}
		x->xf_date[x->nxf++] = fmt_is_date(x, (unsigned)(v >
							UINT32_MAX ? 0 : v));
	}
}

/* Leave numFmts and cellXfs. */
static void styles_end(struct xml_state *s, const char *name)
{
	if (!strcmp(name, "numFmts"))
		s->in_numfmts = false;
	else if (!strcmp(name, "cellXfs"))
		s->in_cellxfs = false;
}

/* Decode, in place, the escapes Excel writes in text for characters XML
 * cannot hold (a CR is "_x000D_", a literal "_x" is "_x005F_x"). */
static void unescape_text(struct sbuf *b)
{
	char *in = b->p, *out = b->p, *end = b->p + b->len;
	unsigned v;

	if (!in || !memchr(in, '_', b->len))
		return;
	while (in < end) {
		if (end - in >= 7 && in[0] == '_' && in[1] == 'x' &&
		    in[6] == '_' && strspn(in + 2, "0123456789abcdefABCDEF") >= 4
		    && sscanf(in + 2, "%4x", &v) == 1 &&
		    (v < 0xD800 || v > 0xDFFF)) {
			if (v < 0x80) {
				*out++ = (char)v;
			} else if (v < 0x800) {
				*out++ = (char)(0xC0 | v >> 6);
				*out++ = (char)(0x80 | (v & 0x3F));
			} else {
				*out++ = (char)(0xE0 | v >> 12);
				*out++ = (char)(0x80 | ((v >> 6) & 0x3F));
				*out++ = (char)(0x80 | (v & 0x3F));
			}
			in += 7;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
	b->len = (size_t)(out - b->p);
}

/* xl/sharedStrings.xml: each <si> is one string, the text of its <t>
 * elements (rich-text runs joined; phonetic <rPh> runs left out). */
static void sst_start(struct xml_state *s, const char *name,
		      const char **atts)
{
	(void)atts;
	if (!strcmp(name, "si")) {
		s->in_si = true;
		s->text.len = 0;
		if (sbuf_add(&s->text, "", 0) < 0)
			stop_nomem(s);
	} else if (!strcmp(name, "rPh")) {
		s->in_rph = true;
	} else if (!strcmp(name, "t") && s->in_si && !s->in_rph) {
		s->collect = true;
	}
}

/* End of a <t>, <rPh> or <si>: a finished string is stored. */
static void sst_end(struct xml_state *s, const char *name)
{
	struct xlsx *x = s->x;

	if (!strcmp(name, "t")) {
		s->collect = false;
	} else if (!strcmp(name, "rPh")) {
		s->in_rph = false;
	} else if (!strcmp(name, "si") && s->in_si) {
		s->in_si = false;
		if (ARRAY_GROW(x->sst_at, x->sst_cap, x->nsst + 1) < 0) {
			stop_nomem(s);
			return;
		}
		x->sst_at[x->nsst++] = x->sst.len;
		unescape_text(&s->text);
		if (sbuf_add(&x->sst, s->text.p, s->text.len + 1) < 0) {
			if (errno == ENOMEM)
				stop_nomem(s);
			else
				stop(s, "the shared strings take more than "
				     "%zu MiB", x->sst.limit >> 20);
		}
	}
}

/* Parse a cell reference such as "AB12" into column and row; 0 or -1. */
static int parse_ref(const char *ref, unsigned *col, unsigned *row)
{
	unsigned long c = 0, r = 0;
	const char *p = ref;

	for (; *p >= 'A' && *p <= 'Z'; p++) {
		c = c * 26 + (unsigned long)(*p - 'A' + 1);
		if (c > XLSX_MAX_COLS)
			return -1;
	}
	if (p == ref || *p < '1' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		r = r * 10 + (unsigned long)(*p - '0');
		if (r > XLSX_MAX_ROWS)
			return -1;
	}
	if (*p)
		return -1;
	*col = (unsigned)c;
	*row = (unsigned)r;
	return 0;
}

/* The name of a cell, e.g. "AB12", in buf. */
static const char *cell_name(unsigned col, unsigned row, char *buf,
			     size_t size)
{
	char letters[8];
	size_t n = sizeof(letters) - 1;

	letters[n] = '\0';
	for (; col && n; col = (col - 1) / 26)
		letters[--n] = (char)('A' + (col - 1) % 26);
	snprintf(buf, size, "%s%u", letters + n, row);
	return buf;
}

/* Write the civil date of day number z (days since 1970-01-01). */
static void civil_date(long z, char *out, size_t size)
{
	long era, doe, yoe, doy, mp, y, m, d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, size, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* Format an Excel date serial v as "YYYY-MM-DD" (and " HH:MM:SS" when
 * it has a time); false if v is not a date Excel can show. */
static bool format_date(double v, bool date1904, char *out, size_t size)
{
	long days, secs;
	size_t n;

	if (!(v >= 0 && v < 2958466))
		return false;
	days = (long)floor(v);
	secs = lround((v - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (date1904)
		civil_date(days - 24107, out, size);	/* 1904-01-01 */
	else if (days == 60)
		snprintf(out, size, "1900-02-29");	/* Excel's own day */
	else
		civil_date(days - (days < 60 ? 25568 : 25569), out, size);
	n = strlen(out);
	if (secs && n < size)
		snprintf(out + n, size - n, " %02ld:%02ld:%02ld", secs / 3600,
			 secs / 60 % 60, secs % 60);
	return true;
}

/* Write number v as plain decimal: whole numbers without a point, others
 * with up to 15 significant digits. */
static void plain_number(double v, char *out, size_t size)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(out, size, "%.0f", v == 0 ? 0.0 : v);
	else
		snprintf(out, size, "%.15g", v);
}

/* The worksheet: track rows and cells, collect each cell's value. */
static void sheet_start(struct xml_state *s, const char *name,
			const char **atts)
{
	const char *v;

	if (!strcmp(name, "sheetData")) {
		s->in_data = true;
	} else if (s->in_data && !strcmp(name, "row")) {
		unsigned long r = s->row + 1;

		v = attr(atts, "r");
		if (v)
			r = strtoul(v, NULL, 10);
		if (r <= s->row || r > XLSX_MAX_ROWS) {
			stop(s, "row %lu is out of order", r);
			return;
		}
		s->row = (unsigned)r;
		s->col = 0;
	} else if (s->in_data && !strcmp(name, "c")) {
		unsigned col = s->col + 1, row = s->row;
		const char *t = attr(atts, "t"), *st = attr(atts, "s");

		v = attr(atts, "r");
		if (v && parse_ref(v, &col, &row) < 0) {
			stop(s, "'%.20s' is not a cell reference", v);
			return;
		}
		if (row != s->row || col <= s->col || col > XLSX_MAX_COLS ||
		    !s->row) {
			stop(s, "cell '%.20s' is out of order", v ? v : "");
			return;
		}
		s->col = col;
		s->in_cell = true;
		s->have_value = false;
		s->formula = false;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->style = st ? (unsigned)strtoul(st, NULL, 10) : 0;
		s->text.len = 0;
		if (sbuf_add(&s->text, "", 0) < 0)
			stop_nomem(s);
	} else if (s->in_cell && !strcmp(name, "f") && !s->have_value) {
		/* kept, as "=FORMULA", for a cell with no value */
		s->formula = true;
		s->collect = true;
		s->text.len = 0;
		if (sbuf_add(&s->text, "=", 1) < 0)
			stop_nomem(s);
	} else if (s->in_cell && !strcmp(name, "v")) {
		s->collect = true;
		s->have_value = true;
		s->text.len = 0;
		s->text.p[0] = '\0';
	} else if (s->in_cell && !strcmp(name, "is")) {
		s->in_is = true;
		s->have_value = true;
		s->text.len = 0;
		s->text.p[0] = '\0';
	} else if (s->in_is && !strcmp(name, "t")) {
		s->collect = true;
	} else if (s->in_is && !strcmp(name, "rPh")) {
		s->in_rph = true;
		s->collect = false;
	}
}

/* Decode the value of the cell just closed and hand it on. */
static void cell_end(struct xml_state *s)
{
	struct xlsx *x = s->x;
	struct xlsx_cell c = { s->row, s->col, XLSX_TEXT, s->text.p };
	char num[64];
	char *end;
	double v;

	if (!s->have_value && s->formula) {
		c.kind = XLSX_FORMULA;
	} else if (!s->have_value || !s->text.len) {
		return;
	} else if (!strcmp(s->type, "s")) {
		unsigned long i = strtoul(s->text.p, &end, 10);

		if (*end || end == s->text.p || i >= x->nsst) {
			stop(s, "shared string '%.20s' does not exist",
			     s->text.p);
			return;
		}
		c.text = x->sst.p + x->sst_at[i];
	} else if (!strcmp(s->type, "inlineStr") || !strcmp(s->type, "str")) {
		unescape_text(&s->text);
		c.text = s->text.p;
	} else if (!strcmp(s->type, "b")) {
		c.kind = XLSX_BOOL;
		c.text = strcmp(s->text.p, "0") ? "TRUE" : "FALSE";
	} else if (!strcmp(s->type, "e")) {
		c.kind = XLSX_ERROR;
	} else if (!strcmp(s->type, "n")) {
		v = strtod(s->text.p, &end);
		if (*end || end == s->text.p || !isfinite(v)) {
			stop(s, "cell %s holds '%.20s', which is not a "
			     "number", cell_name(s->col, s->row, num,
						 sizeof(num)), s->text.p);
			return;
		}
		c.kind = XLSX_NUMBER;
		if (s->style < x->nxf && x->xf_date[s->style] &&
		    format_date(v, x->date1904, num, sizeof(num)))
			c.kind = XLSX_DATE;
		else
			plain_number(v, num, sizeof(num));
		c.text = num;
	}
	if (!*c.text)
		return;
	if (s->fn(s->ctx, &c)) {
		s->stopped = true;
		s->failed = true;
		XML_StopParser(s->p, XML_FALSE);
	}
}

/* End of an element of the worksheet; a finished cell is handed on. */
static void sheet_end(struct xml_state *s, const char *name)
{
	if (!strcmp(name, "sheetData")) {
		s->in_data = false;
	} else if (s->in_cell && !strcmp(name, "c")) {
		s->in_cell = false;
		cell_end(s);
	} else if (!strcmp(name, "v") || !strcmp(name, "t") ||
		   !strcmp(name, "f")) {
		s->collect = false;
	} else if (!strcmp(name, "is")) {
		s->in_is = false;
	} else if (!strcmp(name, "rPh")) {
		s->in_rph = false;
	}
}

/* Find and read the parts in order: workbook, relationships, styles,
 * shared strings, the first sheet. */
static int read_book(struct xlsx *x, xlsx_cell_fn fn, void *ctx,
		     bool *stopped)
{
	struct xml_state s;
	unz_global_info64 gi;
	int rc;

	if (unzGetGlobalInfo64(x->zf, &gi) != UNZ_OK) {
		fail(x, "the zip directory is damaged");
		return -1;
	}
	if (gi.number_entry > XLSX_MAX_ENTRIES) {
		fail(x, "the zip file has %llu entries (at most %d)",
		     (unsigned long long)gi.number_entry, XLSX_MAX_ENTRIES);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.x = x;
	s.start = workbook_start;
	s.end = no_end;
	if (load_part(&s, "xl/workbook.xml", false, false))
		return -1;
	if (!s.have_rid && x->want) {
		x->missing = true;
		return -1;
	}
	if (!s.have_rid) {
		fail(x, "the workbook has no sheet");
		return -1;
	}
	s.start = rels_start;
	if (load_part(&s, "xl/_rels/workbook.xml.rels", false, false))
		return -1;
	if (!s.have_target) {
		fail(x, "the workbook does not say where its first sheet is");
		return -1;
	}
	s.start = styles_start;
	s.end = styles_end;
	if (load_part(&s, "xl/styles.xml", true, false) < 0)
		return -1;
	s.start = sst_start;
	s.end = sst_end;
	x->sst.limit = XLSX_MAX_PART_BYTES;
	if (load_part(&s, "xl/sharedStrings.xml", true, false) < 0)
		return -1;
	s.start = sheet_start;
	s.end = sheet_end;
	s.fn = fn;
	s.ctx = ctx;
	rc = load_part(&s, x->sheet, false, true);
	*stopped = s.stopped;
	return rc < 0 ? -1 : 0;
}

/* Read the cells of the first sheet. */
enum xlsx_err xlsx_read_cells(const void *data, size_t len, xlsx_cell_fn fn,
			      void *ctx, char *err, size_t errsize)
{
	return xlsx_read_sheet_cells(data, len, NULL, fn, ctx, err, errsize);
}

/* Read the cells of the sheet named name (NULL: the first). */
enum xlsx_err xlsx_read_sheet_cells(const void *data, size_t len,
				    const char *name, xlsx_cell_fn fn,
				    void *ctx, char *err, size_t errsize)
{
	zlib_filefunc64_def io = { zm_open, zm_read, zm_write, zm_tell,
				   zm_seek, zm_close, zm_error, NULL };
	struct xlsx x;
	bool stopped = false;
	enum xlsx_err rc = XLSX_OK;

	memset(&x, 0, sizeof(x));
	x.want = name;
	x.mem.data = data;
	x.mem.len = len;
	x.err = err;
	x.errsize = errsize;
	err[0] = '\0';
	io.opaque = &x.mem;
	x.zf = unzOpen2_64("", &io);
	if (!x.zf) {
		snprintf(err, errsize, "damaged or cut short: not a readable "
			 "zip file (an .xlsx workbook is one)");
		return XLSX_DAMAGED;
	}
	if (read_book(&x, fn, ctx, &stopped) < 0)
		rc = stopped ? XLSX_STOPPED : x.nomem ? XLSX_ENOMEM :
		     x.missing ? XLSX_NO_SHEET : XLSX_DAMAGED;
	unzClose(x.zf);
	free(x.sst.p);
	free(x.sst_at);
	free(x.fmts);
	free(x.xf_date);
	return rc;
}

/* Whether data starts with a zip local file header. */
bool xlsx_is_zip(const void *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}
