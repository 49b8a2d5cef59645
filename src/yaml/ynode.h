/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ynode.h - a YAML document read with libyaml's event parser into a tree of
 * nodes that remember where they start (1-based line and column), so later
 * semantic checks can point at the right place.  Aliases share the anchored
 * node; the expanded size of the document is bounded.  All nodes and strings
 * belong to the arena passed to ydoc_parse(). */
#ifndef EXAMGEN_YAML_YNODE_H
#define EXAMGEN_YAML_YNODE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

/* Upper bound on nodes after alias expansion ("billion laughs" guard). */
#define YDOC_MAX_EXPANDED ((size_t)4000000)
/* Upper bound on nesting depth. */
#define YDOC_MAX_DEPTH 200

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	unsigned line, col;	/* 1-based start of the node */
	bool plain;		/* scalar written without quotes or block */
	const char *str;	/* scalar: NUL-terminated value */
	size_t len;		/* scalar: byte length of str */
	size_t n;		/* seq: items; map: pairs */
	struct ynode **items;	/* seq items, or map values */
	struct ynode **keys;	/* map keys (scalars or other nodes) */
	size_t expanded;	/* node count with aliases expanded */
};

/* Parse buf (len bytes) as one YAML document.  path names the file in
 * messages.  Returns 0 and sets *root (NULL for an empty document), or -1
 * after adding errors to d (syntax, alias bound, depth, several documents)
 * or on no memory (diags_oom(d)).  Duplicate mapping keys are reported to d
 * but do not fail the parse, so later checks still run. */
int ydoc_parse(struct arena *a, const char *path, const char *buf,
	       size_t len, struct ynode **root, struct diags *d);

/* Called by ydoc_parse_items() with each item of the streamed list as soon
 * as it is complete; returns 0 to go on, -1 on no memory. */
typedef int (*ydoc_item_fn)(void *ctx, const struct ynode *item);

/* Like ydoc_parse(), but the items of the list that is the value of key in
 * the root mapping (its first such key) are not kept: each is built in
 * scratch, passed to fn, and scratch is released after fn returns, so a
 * long list needs memory for one item at a time (once an anchor is defined
 * inside an item, scratch is kept until the end: aliases may refer to it).
 * In *root that list has no items.  Everything else as ydoc_parse(). */
int ydoc_parse_items(struct arena *a, struct arena *scratch,
		     const char *path, const char *buf, size_t len,
		     const char *key, ydoc_item_fn fn, void *ctx,
		     struct ynode **root, struct diags *d);

/* The value for key in a mapping, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* Printable name of a node kind ("a mapping", "a list", "a scalar"). */
const char *ynode_kind_name(enum ynode_kind k);
/* True if the scalar is a plain null (~, null, empty). */
bool ynode_is_null(const struct ynode *n);

#endif
