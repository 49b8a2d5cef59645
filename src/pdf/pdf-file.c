/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-file.c - cairo's PDF files read into objects and written anew (see
 * pdf-file.h). */
#include "pdf/pdf-file.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/array.h"
#include "base/utf8.h"
#include "pdf/pdf-cff.h"
#include "pdf/pdf-syntax.h"

/* Objects per object stream. */
#define OBJSTM_MAX 200

/* Check the value at b[p..z); its end, or PDF_BAD when malformed. */
static size_t value_end(const struct pdf_file *f, size_t p, size_t z)
{
	struct pdf_walk w = { .f = f };

	return pdf_walk_value(&w, pdf_skip(f->b, p, z), z, 0);
}

/* The value of key in the dictionary at b[p..z): its span [*va, *vz);
 * false when it has none or is no dictionary. */
static bool dict_get(const struct pdf_file *f, size_t p, size_t z,
		     const char *key, size_t *va, size_t *vz)
{
	const unsigned char *b = f->b;
	size_t e;

	p = pdf_skip(b, p, z);
	if (p + 2 > z || memcmp(b + p, "<<", 2))
		return false;
	for (p = pdf_skip(b, p + 2, z); p < z && b[p] == '/'; p = pdf_skip(b, p, z)) {
		bool hit;

		e = pdf_token_end(b, p, z);
		if (e == PDF_BAD)
			return false;
		hit = pdf_token_is(b, p, e, key);
		p = pdf_skip(b, e, z);
		e = value_end(f, p, z);
		if (e == PDF_BAD)
			return false;
		if (hit) {
			*va = p;
			*vz = e;
			return true;
		}
		p = e;
	}
	return false;
}

/* The object a dictionary's key refers to (0 when it does not). */
static size_t dict_ref(const struct pdf_file *f, size_t p, size_t z,
		       const char *key)
{
	size_t va, vz, num, e;

	if (!dict_get(f, p, z, key, &va, &vz) ||
	    !pdf_ref_at(f->b, va, vz, &num, &e) || num >= f->nobj ||
	    !f->obj[num].used)
		return 0;
	return num;
}

/* The body of object i: the value after "i 0 obj" and, when "stream"
 * follows it, where its data starts.  false when malformed. */
static bool body_read(struct pdf_file *f, size_t i, size_t at)
{
	const unsigned char *b = f->b;
	struct pdf_object *o = &f->obj[i];
	size_t z = f->len, e, v, p = pdf_skip(b, at, z);

	e = p < z ? pdf_token_end(b, p, z) : PDF_BAD;
	if (e == PDF_BAD || !pdf_token_int(b, p, e, &v) || v != i)
		return false;
	p = pdf_skip(b, e, z);
	e = p < z ? pdf_token_end(b, p, z) : PDF_BAD;
	if (e == PDF_BAD || !pdf_token_is(b, p, e, "0"))
		return false;
	p = pdf_skip(b, e, z);
	e = p < z ? pdf_token_end(b, p, z) : PDF_BAD;
	if (e == PDF_BAD || !pdf_token_is(b, p, e, "obj"))
		return false;
	o->at = pdf_skip(b, e, z);
	e = value_end(f, o->at, z);
	if (e == PDF_BAD)
		return false;
	o->len = e - o->at;
	p = pdf_skip(b, e, z);
	e = p < z ? pdf_token_end(b, p, z) : PDF_BAD;
	if (e != PDF_BAD && pdf_token_is(b, p, e, "stream") && b[o->at] == '<') {
		o->stream = true;
		if (e + 1 < z && b[e] == '\r' && b[e + 1] == '\n')
			e++;
		if (e >= z || b[e] != '\n')
			return false;
		o->data = e + 1;
		return true;
	}
	return e != PDF_BAD && pdf_token_is(b, p, e, "endobj");
}

/* The length of stream i (direct or in an object of its own) and its
 * "endstream"; false when malformed. */
static bool stream_read(struct pdf_file *f, size_t i)
{
	struct pdf_object *o = &f->obj[i];
	const unsigned char *b = f->b;
	size_t va, vz, e, n, p;

	if (!dict_get(f, o->at, o->at + o->len, "/Length", &va, &vz))
		return false;
	if (pdf_ref_at(b, va, vz, &n, &e)) {
		const struct pdf_object *l = &f->obj[n];

		if (l->stream || !pdf_token_int(b, l->at, l->at + l->len, &n))
			return false;
	} else if (!pdf_token_int(b, va, vz, &n)) {
		return false;
	}
	if (n > f->len - o->data)
		return false;
	o->data_len = n;
	p = pdf_skip(b, o->data + n, f->len);
	return p + 9 <= f->len && !memcmp(b + p, "endstream", 9);
}

/* Read cairo's cross-reference table: the objects in use and where the
 * trailer starts.  0; 1 when it is not there as cairo writes it; -1 when
 * out of memory. */
static int xref_read(struct pdf_file *f, size_t *trailer)
{
	const unsigned char *b = f->b;
	size_t len = f->len, p, e, at, first, n;

	if (len < 64)
		return 1;
	for (p = len - 9; p > len - 64 && memcmp(b + p, "startxref", 9); p--)
		;
	if (memcmp(b + p, "startxref", 9))
		return 1;
	p = pdf_skip(b, p + 9, len);
	e = p < len ? pdf_token_end(b, p, len) : PDF_BAD;
	if (e == PDF_BAD || !pdf_token_int(b, p, e, &at) || at + 5 > len ||
	    memcmp(b + at, "xref", 4))
		return 1;
	p = pdf_skip(b, at + 4, len);
	e = p < len ? pdf_token_end(b, p, len) : PDF_BAD;
	if (e == PDF_BAD || !pdf_token_int(b, p, e, &first) || first != 0)
		return 1;
	p = pdf_skip(b, e, len);
	e = p < len ? pdf_token_end(b, p, len) : PDF_BAD;
	if (e == PDF_BAD || !pdf_token_int(b, p, e, &n) || n < 2 || n > len / 20)
		return 1;
	p = pdf_skip(b, e, len);
	if (p + n * 20 > len)
		return 1;
	f->obj = calloc(n, sizeof(*f->obj));
	if (!f->obj)
		return -1;
	f->nobj = n;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *x = b + p + i * 20;
		size_t off;

		if (x[17] == 'f')
			continue;
		if (x[17] != 'n' || !pdf_token_int(x, 0, 10, &off) ||
		    !pdf_token_int(x, 11, 16, &first) || first != 0 || off >= at ||
		    i == 0)
			return 1;
		f->obj[i].used = true;
		f->obj[i].at = off;
	}
	p = pdf_skip(b, p + n * 20, len);
	if (p + 7 > len || memcmp(b + p, "trailer", 7))
		return 1;
	*trailer = p + 7;
	return 0;
}

/* See pdf-file.h. */
int pdf_file_read(struct pdf_file *f, unsigned char *b, size_t len)
{
	size_t trailer, va, vz, p, e, num, cap = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	f->b = b;
	f->len = len;
	rc = xref_read(f, &trailer);
	if (rc)
		return rc;
	for (size_t i = 1; i < f->nobj; i++)
		if (f->obj[i].used && !body_read(f, i, f->obj[i].at))
			return 1;
	for (size_t i = 1; i < f->nobj; i++)
		if (f->obj[i].stream && !stream_read(f, i))
			return 1;
	f->root = dict_ref(f, trailer, len, "/Root");
	f->info = dict_ref(f, trailer, len, "/Info");
	if (!f->root || f->obj[f->root].stream)
		return 1;
	f->pages = dict_ref(f, f->obj[f->root].at,
			    f->obj[f->root].at + f->obj[f->root].len, "/Pages");
	if (!f->pages || f->obj[f->pages].stream ||
	    !dict_get(f, f->obj[f->pages].at,
		      f->obj[f->pages].at + f->obj[f->pages].len, "/Kids", &va,
		      &vz) || f->b[va] != '[')
		return 1;
	/* a flat page tree: every kid a page */
	for (p = pdf_skip(b, va + 1, vz); p < vz && b[p] != ']'; p = pdf_skip(b, e, vz)) {
		const struct pdf_object *k;
		size_t ta, tz;

		if (!pdf_ref_at(b, p, vz, &num, &e) || num >= f->nobj)
			return 1;
		k = &f->obj[num];
		if (!k->used || k->stream ||
		    !dict_get(f, k->at, k->at + k->len, "/Type", &ta, &tz) ||
		    !pdf_token_is(b, ta, tz, "/Page"))
			return 1;
		if (ARRAY_GROW(f->kids, cap, f->nkids + 1) < 0)
			return -1;
		f->kids[f->nkids++] = num;
	}
	return f->nkids ? 0 : 1;
}

/* See pdf-file.h. */
void pdf_file_release(struct pdf_file *f)
{
	for (size_t i = 0; f->obj && i < f->nobj; i++)
		free(f->obj[i].own);
	free(f->obj);
	free(f->kids);
	free(f->b);
	memset(f, 0, sizeof(*f));
}

/* Deflate src[0..n) at level into a malloc'd *out; 0, or -1 when out of
 * memory. */
static int deflate_all(const unsigned char *src, size_t n, int level,
		       unsigned char **out, size_t *outn)
{
	uLongf zn = compressBound((uLong)n);

	*out = malloc(zn);
	if (!*out || compress2(*out, &zn, src, (uLong)n, level) != Z_OK) {
		free(*out);
		*out = NULL;
		return -1;
	}
	*outn = zn;
	return 0;
}

/* Inflate src[0..n) into a malloc'd buffer; NULL when it is not zlib
 * data or memory is short. */
static unsigned char *inflate_all(const unsigned char *src, size_t n,
				  size_t *out)
{
	z_stream z;
	size_t cap = n * 4 + 1024;
	unsigned char *b = malloc(cap);
	int r = Z_OK;

	memset(&z, 0, sizeof(z));
	if (!b || inflateInit(&z) != Z_OK) {
		free(b);
		return NULL;
	}
	z.next_in = (unsigned char *)(uintptr_t)src;
	z.avail_in = (uInt)n;
	while (r == Z_OK) {
		if (z.total_out == cap) {
			unsigned char *nb = realloc(b, cap * 2);

			if (!nb)
				break;
			b = nb;
			cap *= 2;
		}
		z.next_out = b + z.total_out;
		z.avail_out = (uInt)(cap - z.total_out);
		r = inflate(&z, Z_NO_FLUSH);
	}
	*out = z.total_out;
	inflateEnd(&z);
	if (r != Z_STREAM_END) {
		free(b);
		return NULL;
	}
	return b;
}

/* See pdf-file.h. */
int pdf_file_shrink_fonts(struct pdf_file *f)
{
	for (size_t i = 1; i < f->nobj; i++) {
		struct pdf_object *o = &f->obj[i];
		size_t va, vz, raw_n, zn;
		unsigned char *raw, *z;

		if (!o->stream || o->own ||
		    !dict_get(f, o->at, o->at + o->len, "/Subtype", &va, &vz) ||
		    !pdf_token_is(f->b, va, vz, "/CIDFontType0C") ||
		    !dict_get(f, o->at, o->at + o->len, "/Filter", &va, &vz) ||
		    !pdf_token_is(f->b, va, vz, "/FlateDecode"))
			continue;
		raw = inflate_all(f->b + o->data, o->data_len, &raw_n);
		if (!raw)
			continue;	/* not zlib data (or no memory) */
		raw_n = pdf_cff_shrink(raw, raw_n);
		if (raw_n && deflate_all(raw, raw_n, Z_DEFAULT_COMPRESSION, &z,
					 &zn) < 0) {
			free(raw);
			return -1;
		}
		free(raw);
		if (!raw_n)
			continue;
		if (zn >= o->data_len) {
			free(z);
			continue;
		}
		o->own = z;
		o->own_len = zn;
	}
	return 0;
}

/* A cross-reference stream entry: type 1 (offset) or 2 (object stream,
 * index). */
struct xref_entry {
	unsigned char type;
	size_t a, b;
};

/* A file being written: new object numbers, the cross-reference entries
 * and the objects waiting for an object stream. */
struct writer {
	const struct pdf_file *f;
	struct pdf_bytes *out;
	size_t *map;		/* new number by old (0: not written) */
	struct xref_entry *xref;	/* by new number */
	size_t nxref, xcap;
	struct pdf_bytes pack;	/* bodies waiting, one after another */
	size_t *pack_num, *pack_at;	/* their numbers and offsets */
	size_t npack, pcap, acap;
	bool oom;
};

/* Entry for new object num. */
static void xref_set(struct writer *wr, size_t num, unsigned char type,
		     size_t a, size_t b)
{
	if (num >= wr->nxref) {
		if (ARRAY_GROW(wr->xref, wr->xcap, num + 1) < 0) {
			wr->oom = true;
			return;
		}
		memset(wr->xref + wr->nxref, 0,
		       (num + 1 - wr->nxref) * sizeof(*wr->xref));
		wr->nxref = num + 1;
	}
	wr->xref[num] = (struct xref_entry){ type, a, b };
}

/* Walk old object i's body into out, renumbered, key's value replaced by
 * value. */
static void body_write(struct writer *wr, size_t i, struct pdf_bytes *out,
		       const char *key, const char *value)
{
	const struct pdf_object *o = &wr->f->obj[i];
	struct pdf_walk w = { .f = wr->f, .map = wr->map, .out = out, .key = key,
			  .value = value };

	pdf_walk_value(&w, o->at, o->at + o->len, 0);
	if (w.bad)	/* pdf_file_read walked every body */
		wr->oom = true;
}

/* Start the next body for an object stream: new object num. */
static struct pdf_bytes *pack_next(struct writer *wr, size_t num)
{
	if (ARRAY_GROW(wr->pack_num, wr->pcap, wr->npack + 1) < 0 ||
	    ARRAY_GROW(wr->pack_at, wr->acap, wr->npack + 1) < 0) {
		wr->oom = true;
		return &wr->pack;
	}
	if (wr->pack.len)
		pdf_put(&wr->pack, "\n", 1);
	wr->pack_num[wr->npack] = num;
	wr->pack_at[wr->npack++] = wr->pack.len;
	return &wr->pack;
}

/* Write a stream object: number num, dictionary dict (written), data. */
static void stream_put(struct writer *wr, size_t num, const char *dict,
		       const unsigned char *data, size_t n)
{
	char head[64];

	xref_set(wr, num, 1, wr->out->len, 0);
	snprintf(head, sizeof(head), "%zu 0 obj\n", num);
	pdf_puts(wr->out, head);
	pdf_puts(wr->out, dict);
	pdf_puts(wr->out, "\nstream\n");
	pdf_put(wr->out, data, n);
	pdf_puts(wr->out, "\nendstream\nendobj\n");
}

/* Write the waiting bodies as object streams numbered from *next. */
static void pack_flush(struct writer *wr, size_t *next)
{
	for (size_t k = 0; k < wr->npack && !wr->oom; k += OBJSTM_MAX) {
		size_t m = wr->npack - k < OBJSTM_MAX ? wr->npack - k :
							  OBJSTM_MAX;
		size_t from = wr->pack_at[k];
		size_t to = k + m < wr->npack ? wr->pack_at[k + m] :
						wr->pack.len;
		struct pdf_bytes s = { NULL, 0, 0, false };
		unsigned char *z = NULL;
		size_t zn = 0, num = (*next)++;
		char dict[160], nums[48];
		size_t first;

		for (size_t j = k; j < k + m; j++) {
			snprintf(nums, sizeof(nums), "%s%zu %zu", j > k ? " " :
				 "", wr->pack_num[j], wr->pack_at[j] - from);
			pdf_puts(&s, nums);
			xref_set(wr, wr->pack_num[j], 2, num, j - k);
		}
		pdf_put(&s, "\n", 1);
		first = s.len;
		pdf_put(&s, wr->pack.b + from, to - from);
		if (s.oom || deflate_all(s.b, s.len, Z_BEST_COMPRESSION, &z,
					 &zn) < 0) {
			wr->oom = true;
		} else {
			snprintf(dict, sizeof(dict), "<</Type/ObjStm/N %zu"
				 "/First %zu/Filter/FlateDecode/Length %zu>>",
				 m, first, zn);
			stream_put(wr, num, dict, z, zn);
		}
		free(z);
		free(s.b);
	}
}

/* Write the cross-reference stream (object num) and the file's end. */
static void xref_finish(struct writer *wr, size_t num, size_t root,
			size_t info)
{
	size_t at = wr->out->len, width = 1, big, n, zn = 0;
	unsigned char *raw, *z = NULL;
	char dict[192], tail[64];

	xref_set(wr, num, 1, at, 0);
	if (wr->oom)
		return;
	big = at > num ? at : num;
	while (width < 8 && big >> (8 * width))
		width++;
	n = 1 + width + 2;
	raw = calloc(wr->nxref, n);
	if (!raw) {
		wr->oom = true;
		return;
	}
	for (size_t i = 0; i < wr->nxref; i++) {
		unsigned char *e = raw + i * n;
		const struct xref_entry *x = &wr->xref[i];

		e[0] = x->type;
		for (size_t k = 0; k < width; k++)
			e[1 + k] = (unsigned char)(x->a >> (8 * (width - 1 - k)));
		e[1 + width] = (unsigned char)(i ? x->b >> 8 : 0xff);
		e[2 + width] = (unsigned char)(i ? x->b : 0xff);
	}
	if (deflate_all(raw, wr->nxref * n, Z_BEST_COMPRESSION, &z, &zn) < 0) {
		wr->oom = true;
	} else {
		int k = snprintf(dict, sizeof(dict), "<</Type/XRef/Size %zu"
				 "/W[1 %zu 2]/Root %zu 0 R", wr->nxref, width,
				 root);

		if (info)
			k += snprintf(dict + k, sizeof(dict) - (size_t)k,
				      "/Info %zu 0 R", info);
		snprintf(dict + k, sizeof(dict) - (size_t)k,
			 "/Filter/FlateDecode/Length %zu>>", zn);
		stream_put(wr, num, dict, z, zn);
		snprintf(tail, sizeof(tail), "startxref\n%zu\n%%%%EOF\n", at);
		pdf_puts(wr->out, tail);
	}
	free(z);
	free(raw);
}

/* Mark reached[] every object the objects on the stack refer to, but for
 * the stream lengths (written inline). */
static int reach(const struct pdf_file *f, bool *reached, size_t *stack,
		 size_t n)
{
	struct pdf_walk w = { .f = f, .collect = true, .key = "/Length",
			  .value = "" };
	int rc = 0;

	while (n) {
		const struct pdf_object *o = &f->obj[stack[--n]];

		w.nrefs = 0;
		w.key = o->stream ? "/Length" : NULL;
		pdf_walk_value(&w, o->at, o->at + o->len, 0);
		if (w.bad) {
			rc = -1;
			break;
		}
		for (size_t k = 0; k < w.nrefs; k++)
			if (!reached[w.refs[k]]) {
				reached[w.refs[k]] = true;
				stack[n++] = w.refs[k];
			}
	}
	free(w.refs);
	return rc;
}

/* The UTF-16BE hex string of UTF-8 s ("<FEFF...>"), malloc'd. */
static char *utf16_hex(const char *s)
{
	size_t len = strlen(s), n, o = 5;
	char *h = malloc(len * 8 + 8);

	if (!h)
		return NULL;
	memcpy(h, "<FEFF", 5);
	while (*s) {
		uint32_t cp = utf8_decode(s, strlen(s), &n);

		if (cp == UTF8_BAD)
			cp = 0xfffd;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			o += (size_t)sprintf(h + o, "%04X%04X",
					     (unsigned)(0xd800 + (cp >> 10)),
					     (unsigned)(0xdc00 + (cp & 0x3ff)));
		} else {
			o += (size_t)sprintf(h + o, "%04X", (unsigned)cp);
		}
		s += n ? n : 1;
	}
	memcpy(h + o, ">", 2);
	return h;
}

/* Write f, or (with n > 0) its pages [first, first + n) titled title. */
static int file_write(const struct pdf_file *f, size_t first, size_t n,
		      const char *title, struct pdf_bytes *out)
{
	struct writer wr = { .f = f, .out = out };
	bool *reached = calloc(f->nobj, sizeof(*reached));
	size_t *stack = calloc(f->nobj, sizeof(*stack));
	size_t nstack = 0, next = 1, root, info = 0, pages = 0;
	char *hex = NULL, len_text[32];
	int rc = -1;

	wr.map = calloc(f->nobj, sizeof(*wr.map));
	if (!reached || !stack || !wr.map)
		goto out;
	if (n) {
		/* the pages alone: not their page tree (a new one) */
		reached[f->pages] = true;
		for (size_t k = first; k < first + n; k++)
			if (!reached[f->kids[k]]) {
				reached[f->kids[k]] = true;
				stack[nstack++] = f->kids[k];
			}
	} else {
		reached[f->root] = true;
		stack[nstack++] = f->root;
		if (f->info) {
			reached[f->info] = true;
			stack[nstack++] = f->info;
		}
	}
	if (reach(f, reached, stack, nstack) < 0)
		goto out;
	for (size_t i = 1; i < f->nobj; i++)
		if (reached[i] && !(n && i == f->pages))
			wr.map[i] = next++;
	if (n)
		wr.map[f->pages] = pages = next++;
	root = n ? next++ : wr.map[f->root];
	if (f->info)
		info = n ? next++ : wr.map[f->info];
	pdf_puts(out, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	for (size_t i = 1; i < f->nobj && !wr.oom; i++) {
		const struct pdf_object *o = &f->obj[i];

		if (!wr.map[i] || i == (n ? f->pages : 0))
			continue;
		if (o->stream) {
			struct pdf_bytes d = { NULL, 0, 0, false };
			size_t dn = o->own ? o->own_len : o->data_len;

			snprintf(len_text, sizeof(len_text), "%zu", dn);
			body_write(&wr, i, &d, "/Length", len_text);
			pdf_put(&d, "", 1);
			if (d.oom)
				wr.oom = true;
			else
				stream_put(&wr, wr.map[i], (char *)d.b,
					   o->own ? o->own : f->b + o->data,
					   dn);
			free(d.b);
		} else {
			body_write(&wr, i, pack_next(&wr, wr.map[i]), NULL,
				   NULL);
		}
	}
	if (n) {
		struct pdf_bytes *p = pack_next(&wr, pages);
		char s[48];

		pdf_puts(p, "<</Type/Pages/Kids[");
		for (size_t k = first; k < first + n; k++) {
			snprintf(s, sizeof(s), "%s%zu 0 R", k > first ? " " : "",
				 wr.map[f->kids[k]]);
			pdf_puts(p, s);
		}
		snprintf(s, sizeof(s), "]/Count %zu>>", n);
		pdf_puts(p, s);
		p = pack_next(&wr, root);
		snprintf(s, sizeof(s), "<</Type/Catalog/Pages %zu 0 R>>", pages);
		pdf_puts(p, s);
		if (f->info) {
			hex = utf16_hex(title ? title : "");
			if (!hex)
				goto out;
			body_write(&wr, f->info, pack_next(&wr, info), "/Title",
				   hex);
		}
	}
	pack_flush(&wr, &next);
	xref_finish(&wr, next, root, info);
	if (!wr.oom && !wr.pack.oom && !out->oom)
		rc = 0;
out:
	free(hex);
	free(wr.pack.b);
	free(wr.pack_num);
	free(wr.pack_at);
	free(wr.xref);
	free(wr.map);
	free(stack);
	free(reached);
	return rc;
}

/* See pdf-file.h. */
int pdf_file_write(const struct pdf_file *f, struct pdf_bytes *out)
{
	return file_write(f, 0, 0, NULL, out);
}

/* See pdf-file.h. */
int pdf_file_write_pages(const struct pdf_file *f, size_t first, size_t n,
			 const char *title, struct pdf_bytes *out)
{
	if (!n || first > f->nkids || n > f->nkids - first)
		return -1;
	return file_write(f, first, n, title, out);
}
