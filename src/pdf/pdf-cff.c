/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-cff.c - unused CFF subroutines dropped from the fonts cairo embeds (see
 * pdf-cff.h).  References: Adobe TN 5176 (CFF) and TN 5177 (Type 2
 * charstrings). */
#include "pdf/pdf-cff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FDS 256
#define MAX_STACK 48
#define MAX_DEPTH 10		/* subroutine nesting (TN 5177) */
#define MAX_WORK 50000000L	/* charstring bytes read per font */
#define OP_RETURN 11
#define CALL_GLOBAL 0xffff	/* a callgsubr's number (see struct cff) */

/* An INDEX: count items, offsets at off[] of size osz, data after. */
struct cff_index {
	size_t start, end;	/* the INDEX's bytes */
	unsigned count, osz;
	size_t data;		/* byte before the first item */
};

/* A font being read. */
struct cff {
	const unsigned char *b;
	size_t len;
	struct cff_index gsubrs, charstrings, fdarray;
	struct cff_index lsubrs[MAX_FDS];
	size_t priv_at[MAX_FDS];	/* where each FD's Private offset is */
	size_t priv[MAX_FDS];		/* each FD's Private DICT */
	size_t priv_size[MAX_FDS];
	size_t subrs_at[MAX_FDS];	/* where its Subrs offset is, or 0 */
	unsigned nfds;
	size_t fdselect;
	size_t top_a, top_z;		/* the top INDEX */
	/* where the top DICT's charset, CharStrings, FDArray and FDSelect
	 * offsets are, or 0 */
	size_t top_at[4];
	/* per subroutine: 0 when no glyph calls it, else 1 + its new
	 * number; and the new count of each INDEX */
	unsigned *gused, *lused[MAX_FDS];
	unsigned gcount, lcount[MAX_FDS];
	/* per font byte: at the first byte of a subroutine number, which
	 * INDEX it numbers (CALL_GLOBAL or 1 + the FD); at a hintmask or
	 * cntrmask operator, 1 + the mask's length */
	uint16_t *call;
	unsigned char *mask;
	/* the charstring interpreter */
	int32_t stack[MAX_STACK];
	unsigned sp, nhints;
	bool masked;		/* a hintmask has been seen */
	long work;		/* bytes still to be read: a damaged font
				 * could call subroutines without end */
};

/* Read an INDEX at off; false when it does not fit. */
static bool index_read(const struct cff *c, size_t off, struct cff_index *x)
{
	size_t last;

	memset(x, 0, sizeof(*x));
	if (off + 2 > c->len)
		return false;
	x->start = off;
	x->count = (unsigned)c->b[off] << 8 | c->b[off + 1];
	if (!x->count) {
		x->end = off + 2;
		return true;
	}
	if (off + 3 > c->len)
		return false;
	x->osz = c->b[off + 2];
	if (x->osz < 1 || x->osz > 4 ||
	    off + 3 + ((size_t)x->count + 1) * x->osz > c->len)
		return false;
	x->data = off + 2 + ((size_t)x->count + 1) * x->osz;
	last = 0;
	for (unsigned i = 0; i < x->osz; i++)
		last = last << 8 | c->b[off + 3 + (size_t)x->count * x->osz + i];
	if (last < 1 || x->data + last > c->len)
		return false;
	x->end = x->data + last;
	return true;
}

/* Item i of INDEX x: its bytes [*a, *z); false when malformed. */
static bool index_item(const struct cff *c, const struct cff_index *x,
		       unsigned i, size_t *a, size_t *z)
{
	size_t o[2] = { 0, 0 };

	if (i >= x->count)
		return false;
	for (int k = 0; k < 2; k++)
		for (unsigned j = 0; j < x->osz; j++)
			o[k] = o[k] << 8 |
			       c->b[x->start + 3 + (i + (unsigned)k) * x->osz + j];
	if (o[0] < 1 || o[0] > o[1] || x->data + o[1] > x->end)
		return false;
	*a = x->data + o[0];
	*z = x->data + o[1];
	return true;
}

/* The subroutine number bias for an INDEX of n items. */
static int32_t bias(unsigned n)
{
	return n < 1240 ? 107 : n < 33900 ? 1131 : 32768;
}

/* One DICT operand or operator read at *p of [.., end); an operator is
 * returned as 1000 + op (1200 + op for escaped ones), an integer as its
 * value with *pos its first byte and *five set when it is the 5-byte
 * form.  -1 on a malformed dict; real numbers come back as 0. */
static long dict_next(const unsigned char *b, size_t *p, size_t end,
		      long *val, size_t *pos, bool *five)
{
	unsigned v = b[*p];

	*pos = *p;
	*five = false;
	if (v <= 21) {
		if (v == 12) {
			if (*p + 1 >= end)
				return -1;
			*p += 2;
			return 1200 + b[*p - 1];
		}
		(*p)++;
		return 1000 + v;
	}
	if (v == 28) {
		if (*p + 3 > end)
			return -1;
		*val = (int16_t)(b[*p + 1] << 8 | b[*p + 2]);
		*p += 3;
	} else if (v == 29) {
		if (*p + 5 > end)
			return -1;
		*val = (int32_t)((uint32_t)b[*p + 1] << 24 |
				 (uint32_t)b[*p + 2] << 16 |
				 (uint32_t)b[*p + 3] << 8 | b[*p + 4]);
		*five = true;
		*p += 5;
	} else if (v == 30) {
		for ((*p)++; *p < end; (*p)++)
			if ((b[*p] & 15) == 15 || (b[*p] >> 4) == 15)
				break;
		if (*p >= end)
			return -1;
		(*p)++;
		*val = 0;
	} else if (v >= 32 && v <= 246) {
		*val = (long)v - 139;
		(*p)++;
	} else if (v >= 247 && v <= 254) {
		if (*p + 2 > end)
			return -1;
		*val = v <= 250 ? (long)(v - 247) * 256 + b[*p + 1] + 108 :
				  -(long)(v - 251) * 256 - b[*p + 1] - 108;
		*p += 2;
	} else {
		return -1;
	}
	return 0;
}

/* What a DICT says about the operators this code needs. */
struct dict_ops {
	long charstrings, fdarray, fdselect, priv_size, priv_off, subrs;
	size_t at_charset, at_charstrings, at_fdarray, at_fdselect, at_priv;
	size_t at_subrs;
	bool ros, other_offsets, small;	/* small: an offset not in 5 bytes */
};

/* Read the DICT [a, z) into o; false when malformed. */
static bool dict_read(const struct cff *c, size_t a, size_t z,
		      struct dict_ops *o)
{
	long args[48], val = 0;
	size_t pos[48], p = a, at = 0;
	bool five[48], f;
	unsigned n = 0;

	memset(o, 0, sizeof(*o));
	o->charstrings = o->fdarray = o->fdselect = o->priv_off = -1;
	o->subrs = -1;
	while (p < z) {
		long r = dict_next(c->b, &p, z, &val, &at, &f);

		if (r < 0)
			return false;
		if (!r) {
			if (n == 48)
				return false;
			pos[n] = at;
			five[n] = f;
			args[n++] = val;
			continue;
		}
		switch (r) {
		case 1015:	/* charset */
			if (n != 1)
				return false;
			o->at_charset = pos[0];
			o->small |= !five[0];
			break;
		case 1017:	/* CharStrings */
			if (n != 1)
				return false;
			o->charstrings = args[0];
			o->at_charstrings = pos[0];
			o->small |= !five[0];
			break;
		case 1236:	/* FDArray */
			if (n != 1)
				return false;
			o->fdarray = args[0];
			o->at_fdarray = pos[0];
			o->small |= !five[0];
			break;
		case 1237:	/* FDSelect */
			if (n != 1)
				return false;
			o->fdselect = args[0];
			o->at_fdselect = pos[0];
			o->small |= !five[0];
			break;
		case 1018:	/* Private */
			if (n != 2)
				return false;
			o->priv_size = args[0];
			o->priv_off = args[1];
			o->at_priv = pos[1];
			o->small |= !five[1];
			break;
		case 1019:	/* Subrs */
			if (n != 1)
				return false;
			o->subrs = args[0];
			o->at_subrs = pos[0];
			o->small |= !five[0];
			break;
		case 1230:	/* ROS */
			o->ros = true;
			break;
		case 1016:	/* Encoding */
			o->other_offsets |= n != 1 || args[0] > 1;
			break;
		default:
			break;
		}
		n = 0;
	}
	return true;
}

/* The Type 2 number at b[p] of [.., z) (b[p] is 28 or 32..255) into
 * *num, a 16.16 fixed one by its integer part; its length, 0 when it
 * does not fit. */
static size_t t2_number(const unsigned char *b, size_t p, size_t z,
			int32_t *num)
{
	unsigned v = b[p];
	size_t n = v == 28 ? 3 : v <= 246 ? 1 : v <= 254 ? 2 : 5;

	if (p + n > z)
		return 0;
	if (v == 28 || v == 255)
		*num = (int16_t)(b[p + 1] << 8 | b[p + 2]);
	else if (v <= 246)
		*num = (int32_t)v - 139;
	else if (v <= 250)
		*num = (int32_t)(v - 247) * 256 + b[p + 1] + 108;
	else
		*num = -(int32_t)(v - 251) * 256 - b[p + 1] - 108;
	return n;
}

/* Run charstring [a, z) of a glyph of FD fd, marking the subroutines it
 * calls, where their numbers are written and how long its masks are.
 * 1 at endchar, 0 at its end or a return, -1 when it is not understood
 * (a subroutine number that is not an integer written right before its
 * call, or a byte that two runs read in two ways). */
static int run(struct cff *c, unsigned fd, size_t a, size_t z, int depth)
{
	const unsigned char *b = c->b;
	size_t p = a, num_at = SIZE_MAX;	/* the number just read */

	if (depth > MAX_DEPTH || (c->work -= (long)(z - a)) < 0)
		return -1;
	while (p < z) {
		unsigned v = b[p];
		size_t n, at = num_at;

		if (v == 28 || v >= 32) {
			if (c->sp == MAX_STACK ||
			    !(n = t2_number(b, p, z, &c->stack[c->sp])))
				return -1;
			c->sp++;
			num_at = p;
			p += n;
			continue;
		}
		p++;
		num_at = SIZE_MAX;
		switch (v) {
		case 1: case 3: case 18: case 23:	/* stem hints */
			c->nhints += c->sp / 2;
			c->sp = 0;
			break;
		case 19: case 20: {			/* hintmask, cntrmask */
			if (!c->masked)
				c->nhints += c->sp / 2;
			c->masked = true;
			c->sp = 0;
			n = (c->nhints + 7) / 8;
			if (n > 250 || p + n > z ||
			    (c->mask[p - 1] && c->mask[p - 1] != n + 1))
				return -1;
			c->mask[p - 1] = (unsigned char)(n + 1);
			p += n;
			break;
		}
		case 10: case 29: {			/* callsubr, callgsubr */
			const struct cff_index *x = v == 10 ? &c->lsubrs[fd] :
							      &c->gsubrs;
			unsigned *used = v == 10 ? c->lused[fd] : c->gused;
			uint16_t site = v == 10 ? (uint16_t)(fd + 1) :
						  CALL_GLOBAL;
			int32_t i;
			size_t sa, sz;
			int r;

			if (at == SIZE_MAX || b[at] == 255 ||
			    (c->call[at] && c->call[at] != site))
				return -1;
			c->call[at] = site;
			i = c->stack[--c->sp] + bias(x->count);
			if (i < 0 || !index_item(c, x, (unsigned)i, &sa, &sz))
				return -1;
			used[i] = 1;
			r = run(c, fd, sa, sz, depth + 1);
			if (r)
				return r;
			break;
		}
		case OP_RETURN:
			return 0;
		case 14:				/* endchar */
			/* four arguments: the seac form, other glyphs */
			return c->sp >= 4 ? -1 : 1;
		case 12:
			if (p >= z)
				return -1;
			v = b[p++];
			/* flex operators; others compute on the stack */
			if (v < 34 || v > 37)
				return -1;
			c->sp = 0;
			break;
		default:
			if (v == 0 || v == 2 || v == 9 || v == 13 || v == 15 ||
			    v == 16 || v == 17)
				return -1;
			c->sp = 0;			/* path operators */
			break;
		}
	}
	return 0;
}

/* Write v as the shortest Type 2 integer at out (when not NULL); its
 * length. */
static size_t put_int(unsigned char *out, int32_t v)
{
	int32_t m = v < 0 ? -v - 108 : v - 108;

	if (v >= -107 && v <= 107) {
		if (out)
			out[0] = (unsigned char)(v + 139);
		return 1;
	}
	if (m <= 1023) {
		if (out) {
			out[0] = (unsigned char)((v < 0 ? 251 : 247) + m / 256);
			out[1] = (unsigned char)(m % 256);
		}
		return 2;
	}
	if (out) {
		out[0] = 28;
		out[1] = (unsigned char)((uint32_t)v >> 8);
		out[2] = (unsigned char)v;
	}
	return 3;
}

/* The new number of the subroutine whose old number is at b[p], and the
 * old number's length in *n. */
static int32_t renumbered(const struct cff *c, size_t p, size_t *n)
{
	bool global = c->call[p] == CALL_GLOBAL;
	unsigned fd = global ? 0 : c->call[p] - 1u;
	const struct cff_index *x = global ? &c->gsubrs : &c->lsubrs[fd];
	const unsigned *used = global ? c->gused : c->lused[fd];
	unsigned count = global ? c->gcount : c->lcount[fd];
	int32_t old = 0;

	*n = t2_number(c->b, p, c->len, &old);
	return (int32_t)used[old + bias(x->count)] - 1 - bias(count);
}

/* Write charstring [a, z) with its subroutine numbers renumbered at out
 * (when not NULL); its new length. */
static size_t item_write(const struct cff *c, size_t a, size_t z,
			 unsigned char *out)
{
	size_t o = 0, p = a;

	while (p < z) {
		size_t q = p, n;
		int32_t v;

		while (q < z && !c->call[q])
			q++;
		if (out)
			memcpy(out + o, c->b + p, q - p);
		o += q - p;
		if (q == z)
			break;
		v = renumbered(c, q, &n);
		o += put_int(out ? out + o : NULL, v);
		p = q + n;
	}
	return o;
}

/* Write INDEX x at out (when not NULL) with only the items kept (keep[i]
 * not 0; all when keep is NULL), renumbered; its length, 0 when an item
 * is malformed (so no two items overlap). */
static size_t index_write(const struct cff *c, const struct cff_index *x,
			  const unsigned *keep, unsigned char *out)
{
	size_t total = 1, a, z, data;
	unsigned n = 0, osz = 1;

	for (unsigned i = 0; i < x->count; i++) {
		if (!index_item(c, x, i, &a, &z))
			return 0;
		if (!keep || keep[i]) {
			total += item_write(c, a, z, NULL);
			n++;
		}
	}
	if (!n) {
		if (out)
			out[0] = out[1] = 0;
		return 2;
	}
	while (osz < 4 && total >> (8 * osz))
		osz++;
	data = 2 + ((size_t)n + 1) * osz;	/* the byte before the data */
	if (out) {
		size_t k = 0, o = 1;

		out[0] = (unsigned char)(n >> 8);
		out[1] = (unsigned char)n;
		out[2] = (unsigned char)osz;
		for (unsigned i = 0; i <= x->count; i++) {
			if (i < x->count && keep && !keep[i])
				continue;
			for (unsigned j = 0; j < osz; j++)
				out[3 + k * osz + j] =
					(unsigned char)(o >> (8 * (osz - 1 - j)));
			k++;
			if (i < x->count) {
				index_item(c, x, i, &a, &z);
				o += item_write(c, a, z, out + data + o);
			}
		}
	}
	return data + total;
}

/* Read the font's structure; false when it is not a CID-keyed CFF with
 * 5-byte offsets (as cairo writes them). */
static bool cff_read(struct cff *c)
{
	struct cff_index name, top, strings;
	struct dict_ops t, fdo;
	size_t a, z;

	if (c->len < 4 || c->b[0] != 1 ||
	    !index_read(c, c->b[2], &name) ||
	    !index_read(c, name.end, &top) || top.count != 1 ||
	    !index_read(c, top.end, &strings) ||
	    !index_read(c, strings.end, &c->gsubrs) ||
	    !index_item(c, &top, 0, &a, &z) || !dict_read(c, a, z, &t) ||
	    !t.ros || t.small || t.other_offsets || t.priv_off >= 0 ||
	    t.charstrings < 0 || t.fdarray < 0 || t.fdselect < 0 ||
	    (size_t)t.fdselect >= c->len ||
	    !index_read(c, (size_t)t.charstrings, &c->charstrings) ||
	    !index_read(c, (size_t)t.fdarray, &c->fdarray) ||
	    c->fdarray.count > MAX_FDS)
		return false;
	c->top_a = top.start;
	c->top_z = top.end;
	c->top_at[0] = t.at_charset;
	c->top_at[1] = t.at_charstrings;
	c->top_at[2] = t.at_fdarray;
	c->top_at[3] = t.at_fdselect;
	c->fdselect = (size_t)t.fdselect;
	/* format 0 only (cairo's): one FD number per glyph */
	if (c->b[c->fdselect] != 0 ||
	    c->fdselect + 1 + c->charstrings.count > c->len)
		return false;
	c->nfds = c->fdarray.count;
	for (unsigned i = 0; i < c->nfds; i++) {
		struct dict_ops po;

		if (!index_item(c, &c->fdarray, i, &a, &z) ||
		    !dict_read(c, a, z, &fdo) || fdo.priv_off < 0 ||
		    fdo.small || fdo.priv_size < 0 ||
		    (size_t)fdo.priv_off + (size_t)fdo.priv_size > c->len ||
		    !dict_read(c, (size_t)fdo.priv_off,
			       (size_t)(fdo.priv_off + fdo.priv_size), &po) ||
		    po.small)
			return false;
		c->priv_at[i] = fdo.at_priv;
		c->priv[i] = (size_t)fdo.priv_off;
		c->priv_size[i] = (size_t)fdo.priv_size;
		c->subrs_at[i] = po.subrs >= 0 ? po.at_subrs : 0;
		if (po.subrs >= 0 &&
		    !index_read(c, (size_t)(fdo.priv_off + po.subrs),
				&c->lsubrs[i]))
			return false;
	}
	return true;
}

/* Give the called subroutines of an INDEX of n items new numbers in
 * order (used[i] becomes 1 + its new number); how many there are. */
static unsigned renumber(unsigned *used, unsigned n)
{
	unsigned k = 0;

	for (unsigned i = 0; i < n; i++)
		if (used[i])
			used[i] = ++k;
	return k;
}

/* Mark and renumber the subroutines every glyph calls; false when a
 * charstring is not understood. */
static bool cff_mark(struct cff *c)
{
	c->work = MAX_WORK;
	c->gused = calloc(c->gsubrs.count + 1, sizeof(unsigned));
	c->call = calloc(c->len, sizeof(uint16_t));
	c->mask = calloc(c->len, 1);
	if (!c->gused || !c->call || !c->mask)
		return false;
	for (unsigned i = 0; i < c->nfds; i++) {
		c->lused[i] = calloc(c->lsubrs[i].count + 1, sizeof(unsigned));
		if (!c->lused[i])
			return false;
	}
	for (unsigned g = 0; g < c->charstrings.count; g++) {
		unsigned fd = c->b[c->fdselect + 1 + g];
		size_t a, z;

		if (fd >= c->nfds ||
		    !index_item(c, &c->charstrings, g, &a, &z))
			return false;
		c->sp = c->nhints = 0;
		c->masked = false;
		if (run(c, fd, a, z, 0) < 0)
			return false;
	}
	c->gcount = renumber(c->gused, c->gsubrs.count);
	for (unsigned i = 0; i < c->nfds; i++)
		c->lcount[i] = renumber(c->lused[i], c->lsubrs[i].count);
	return true;
}

/* Put v as a 5-byte DICT integer at b[at]. */
static void put5(unsigned char *b, size_t at, size_t v)
{
	b[at] = 29;
	for (int k = 0; k < 4; k++)
		b[at + 1 + (size_t)k] = (unsigned char)(v >> (24 - 8 * k));
}

/* Read the 5-byte DICT integer at b[at]. */
static size_t get5(const unsigned char *b, size_t at)
{
	return (size_t)b[at + 1] << 24 | (size_t)b[at + 2] << 16 |
	       (size_t)b[at + 3] << 8 | b[at + 4];
}

/* An INDEX to rewrite, with what it keeps (see index_write) and its new
 * size. */
struct region {
	const struct cff_index *x;
	const unsigned *keep;
	size_t size;
};

/* Order regions by place. */
static int region_cmp(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	return x->x->start < y->x->start ? -1 : x->x->start > y->x->start;
}

/* Where old offset o lands once the n regions are rewritten. */
static size_t moved(size_t o, const struct region *r, size_t n)
{
	long d = 0;

	for (size_t k = 0; k < n; k++)
		if (r[k].x->start < o)
			d += (long)r[k].size -
			     (long)(r[k].x->end - r[k].x->start);
	return (size_t)((long)o + d);
}

/* Whether bytes [a, z) (an offset when a == z) stay out of the n
 * regions, so that they move as a whole. */
static bool clear(size_t a, size_t z, const struct region *r, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (a < r[k].x->end && r[k].x->start < z)
			return false;
	return true;
}

/* Whether the DICTs and the offsets to fix stay out of the n regions
 * (so a font whose parts overlap is left alone). */
static bool layout_ok(const struct cff *c, const struct region *r,
		      size_t n)
{
	if (!clear(c->top_a, c->top_z, r, n) ||
	    !clear(c->fdarray.start, c->fdarray.end, r, n) ||
	    !clear(c->fdselect, c->fdselect + 1 + c->charstrings.count, r, n))
		return false;
	for (int k = 0; k < 4; k++)
		if (c->top_at[k] && !clear(get5(c->b, c->top_at[k]),
					   get5(c->b, c->top_at[k]), r, n))
			return false;
	for (unsigned i = 0; i < c->nfds; i++)
		if (!clear(c->priv[i], c->priv[i] + c->priv_size[i], r, n) ||
		    (c->subrs_at[i] &&
		     (c->lsubrs[i].start < c->priv[i] ||
		      !clear(c->lsubrs[i].start, c->lsubrs[i].start, r, n))))
			return false;
	return true;
}

/* Shrink a font in place. */
size_t pdf_cff_shrink(unsigned char *cff, size_t len)
{
	struct cff *c = calloc(1, sizeof(*c));
	struct region r[MAX_FDS + 2];
	size_t n = 0, o = 0, p = 0, total = len;
	unsigned char *out = NULL;
	size_t result = 0;

	if (!c)
		return 0;
	c->b = cff;
	c->len = len;
	if (!cff_read(c) || !cff_mark(c))
		goto out;
	/* the INDEXes to rewrite, in file order */
	r[n++] = (struct region){ &c->gsubrs, c->gused, 0 };
	r[n++] = (struct region){ &c->charstrings, NULL, 0 };
	for (unsigned i = 0; i < c->nfds; i++)
		if (c->lsubrs[i].count)
			r[n++] = (struct region){ &c->lsubrs[i], c->lused[i],
						  0 };
	qsort(r, n, sizeof(*r), region_cmp);
	for (size_t k = 0; k < n; k++) {
		if ((k && r[k].x->start < r[k - 1].x->end) ||
		    !(r[k].size = index_write(c, r[k].x, r[k].keep, NULL)))
			goto out;
		total -= r[k].x->end - r[k].x->start;
		total += r[k].size;
	}
	if (total >= len || !layout_ok(c, r, n) || !(out = malloc(total)))
		goto out;
	for (size_t k = 0; k < n; k++) {
		memcpy(out + o, cff + p, r[k].x->start - p);
		o += r[k].x->start - p;
		o += index_write(c, r[k].x, r[k].keep, out + o);
		p = r[k].x->end;
	}
	memcpy(out + o, cff + p, len - p);
	o += len - p;

	/* the offsets that point past a rewritten INDEX */
	for (int k = 0; k < 4; k++)
		if (c->top_at[k])
			put5(out, moved(c->top_at[k], r, n),
			     moved(get5(cff, c->top_at[k]), r, n));
	for (unsigned i = 0; i < c->nfds; i++) {
		size_t at = moved(c->priv_at[i], r, n);
		size_t priv = moved(c->priv[i], r, n);

		put5(out, at, priv);
		/* Subrs is relative to the Private DICT */
		if (c->subrs_at[i])
			put5(out, moved(c->subrs_at[i], r, n),
			     moved(c->lsubrs[i].start, r, n) - priv);
	}
	memcpy(cff, out, o);
	result = o;
out:
	free(out);
	if (c) {
		free(c->call);
		free(c->mask);
		free(c->gused);
		for (unsigned i = 0; i < c->nfds; i++)
			free(c->lused[i]);
	}
	free(c);
	return result;
}
