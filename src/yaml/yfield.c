/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yfield.c - field tables for reading YAML mappings (see yfield.h). */
#include "yaml/yfield.h"

#include <assert.h>
#include <stdbool.h>

/* The member of obj at offset off. */
static void *member(void *obj, size_t off)
{
	return (char *)obj + off;
}

/* See yfield.h. */
int yfield_text(const struct ysource *src, struct arena *a,
		const struct ynode *v, const struct yfield *f, void *obj)
{
	const char *s;

	(void)a;
	if (ynode_is_null(v))
		return 0;
	if (!(s = yvalue_text(src, v, f->key)))
		return -1;
	*(const char **)member(obj, f->off) = s;
	return 0;
}

/* See yfield.h. */
int yfield_bool(const struct ysource *src, struct arena *a,
		const struct ynode *v, const struct yfield *f, void *obj)
{
	(void)a;
	return yvalue_bool(src, v, f->key, (bool *)member(obj, f->off));
}

/* A list of texts, a single one allowed when allow_scalar. */
static int text_list(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f, void *obj,
		     bool allow_scalar)
{
	long n = yvalue_str_list(src, v, f->key, allow_scalar, a,
				 (const char ***)member(obj, f->off));

	if (n < 0)
		return -1;
	*(size_t *)member(obj, f->count_off) = (size_t)n;
	return 0;
}

/* See yfield.h. */
int yfield_text_list(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f,
		     void *obj)
{
	return text_list(src, a, v, f, obj, false);
}

/* See yfield.h. */
int yfield_texts(const struct ysource *src, struct arena *a,
		 const struct ynode *v, const struct yfield *f, void *obj)
{
	return text_list(src, a, v, f, obj, true);
}

/* See yfield.h. */
int yfield_check_keys(const struct ysource *src, const struct ynode *map,
		      const struct yfield *fields)
{
	const char *keys[YFIELD_MAX + 1];
	size_t n = 0;

	for (; fields[n].key; n++) {
		assert(n < YFIELD_MAX);
		if (n == YFIELD_MAX)
			break;
		keys[n] = fields[n].key;
	}
	keys[n] = NULL;
	return yvalue_check_keys(src, map, keys);
}

/* See yfield.h. */
int yfield_read(const struct ysource *src, struct arena *a,
		const struct ynode *map, const struct yfield *fields,
		void *obj)
{
	int bad = 0;

	for (const struct yfield *f = fields; f->key; f++) {
		const struct ynode *v;

		if (!(v = ynode_get(map, f->key))) {
			if (f->required) {
				yvalue_error(src, map, "%s", f->required);
				bad = 1;
			}
		} else if (f->read && f->read(src, a, v, f, obj) < 0) {
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}
