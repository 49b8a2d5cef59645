/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yfield.h - field tables for reading YAML mappings, as libcyaml's schemas
 * do: one table per kind of mapping lists every key it accepts and how
 * its value is read, and drives both the unknown-key check (with its "did
 * you mean") and the reading of the plain fields.  Fields with rules
 * between them stay in the reader's own code (a NULL reader). */
#ifndef EXAMGEN_YAML_YFIELD_H
#define EXAMGEN_YAML_YFIELD_H

#include <stddef.h>

#include "base/arena.h"
#include "yaml/yvalue.h"

#define YFIELD_MAX 32	/* keys in one table */

struct yfield;

/* Read the value v of field f into obj; -1 if reported. */
typedef int (*yfield_fn)(const struct ysource *src, struct arena *a,
			 const struct ynode *v, const struct yfield *f,
			 void *obj);

/* One key a mapping accepts.  A table ends with a NULL key. */
struct yfield {
	const char *key;
	yfield_fn read;		/* NULL: read by the caller's own code */
	size_t off;		/* of the value in obj */
	size_t count_off;	/* of a list's length (size_t) in obj */
	const char *required;	/* the message at the mapping when the key
				 * is absent; NULL: optional */
};

/* Readers.  Optional text into a const char * (null leaves it alone). */
int yfield_text(const struct ysource *src, struct arena *a,
		const struct ynode *v, const struct yfield *f, void *obj);
/* true/false into a bool. */
int yfield_bool(const struct ysource *src, struct arena *a,
		const struct ynode *v, const struct yfield *f, void *obj);
/* A list of texts into a const char ** and its count. */
int yfield_text_list(const struct ysource *src, struct arena *a,
		     const struct ynode *v, const struct yfield *f,
		     void *obj);
/* The same, a single text counting as a list of one. */
int yfield_texts(const struct ysource *src, struct arena *a,
		 const struct ynode *v, const struct yfield *f, void *obj);

/* Report every key of map that fields lacks, with a "did you mean" for a
 * near miss; returns the number reported. */
int yfield_check_keys(const struct ysource *src, const struct ynode *map,
		      const struct yfield *fields);
/* Read each field of fields that has a reader and is in map, in table
 * order, and report each required one that map lacks; -1 if any was
 * reported. */
int yfield_read(const struct ysource *src, struct arena *a,
		const struct ynode *map, const struct yfield *fields,
		void *obj);

#endif
