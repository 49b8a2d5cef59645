/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ynode.c - YAML document to node tree with positions (see ynode.h). */
#include "yaml/ynode.h"
#include "base/array.h"
#include "base/hash.h"
#include "base/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* An open collection while its events arrive. */
struct frame {
	struct ynode *node;
	struct ynode **keys, **vals;	/* malloc'd; reused at this depth */
	size_t n, cap;
	int want_value;			/* map: next node is a value */
	int streamed;			/* seq: items go to the callback */
};

struct anchor {
	char *name;			/* malloc'd */
	struct ynode *node;
};

struct builder {
	struct arena *a;
	const char *path;
	struct diags *d;
	struct frame *stack;
	size_t depth, stack_cap;
	struct anchor *anchors;		/* hash table: name NULL = free */
	size_t nanchors, anchors_cap;
	struct ynode *root;
	int docs;
	/* streaming (ydoc_parse_items): the list under key in the root map */
	const char *key;
	struct arena *scratch;
	ydoc_item_fn fn;
	void *ctx;
	int keep_scratch;		/* an anchor lives in scratch */
	size_t aliased;			/* nodes added by aliases so far */
};

/* Name of a node kind for messages. */
const char *ynode_kind_name(enum ynode_kind k)
{
	switch (k) {
	case YNODE_SCALAR: return "a scalar";
	case YNODE_SEQ: return "a list";
	case YNODE_MAP: return "a mapping";
	}
	return "a node";
}

/* True for ~, null, Null, NULL and the empty plain scalar. */
bool ynode_is_null(const struct ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 ||
	       strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	       strcmp(n->str, "NULL") == 0;
}

/* Value of a scalar key in a mapping. */
struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];

		/* the first byte rules out most keys without a call */
		if (k->kind == YNODE_SCALAR && k->str[0] == key[0] &&
		    strcmp(k->str, key) == 0)
			return map->items[i];
	}
	return NULL;
}

/* Saturating addition for expanded sizes. */
static size_t sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* True while building an item of the streamed list. */
static bool in_item(const struct builder *b)
{
	return b->depth >= 2 && b->stack[1].streamed;
}

/* Arena for nodes made now: scratch inside a streamed item. */
static struct arena *node_arena(const struct builder *b)
{
	return in_item(b) ? b->scratch : b->a;
}

/* Scratch memory the finished items of a streamed list may hold before it
 * is released: a few items' worth, so blocks are not freed one per item. */
#define SCRATCH_KEEP ((size_t)256 * 1024)

/* Hand a finished item of the streamed list to the callback; then drop
 * the items handed off so far once they fill SCRATCH_KEEP (unless an
 * anchor may still refer into them). */
static int hand_off(struct builder *b, struct ynode *node)
{
	int rc = b->fn(b->ctx, node);

	if (!b->keep_scratch && b->scratch->used >= SCRATCH_KEEP)
		arena_release(b->scratch);
	return rc;
}

/* Slot of name in the anchor table: its entry, or the empty slot where
 * it belongs (the table is never full). */
static struct anchor *anchor_slot(const struct builder *b,
				  const unsigned char *name)
{
	size_t mask = b->anchors_cap - 1;
	size_t i = hash_key((const char *)name) & mask;

	while (b->anchors[i].name &&
	       strcmp(b->anchors[i].name, (const char *)name) != 0)
		i = (i + 1) & mask;
	return &b->anchors[i];
}

/* Double the anchor table; -1 on no memory. */
static int anchor_grow(struct builder *b)
{
	struct anchor *old = b->anchors;
	size_t old_cap = b->anchors_cap, cap = old_cap ? old_cap * 2 : 64;

	b->anchors = calloc(cap, sizeof(*b->anchors));
	if (!b->anchors) {
		b->anchors = old;
		return -1;
	}
	b->anchors_cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].name)
			*anchor_slot(b, (const unsigned char *)old[i].name) =
				old[i];
	free(old);
	return 0;
}

/* Record an anchor (a later one with the same name replaces it).  A hash
 * table, so that a file with a million anchors still loads in linear
 * time. */
static int anchor_add(struct builder *b, const unsigned char *name,
		      struct ynode *node)
{
	struct anchor *an;

	if ((b->nanchors + 1) * 2 > b->anchors_cap && anchor_grow(b) < 0)
		return -1;
	an = anchor_slot(b, name);
	if (!an->name) {
		an->name = strdup((const char *)name);
		if (!an->name)
			return -1;
		b->nanchors++;
	}
	an->node = node;
	return 0;
}

/* Node named by an alias, or NULL. */
static struct ynode *anchor_find(struct builder *b, const unsigned char *name)
{
	if (!b->anchors_cap)
		return NULL;
	return anchor_slot(b, name)->node;
}

/* Attach a finished node to the open collection, or make it the root. */
static int attach(struct builder *b, struct ynode *node)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = node;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (f->streamed)
		return hand_off(b, node);
	if (f->node->kind == YNODE_MAP && f->want_value) {
		f->vals[f->n - 1] = node;
		f->want_value = 0;
		return 0;
	}
	if (f->n == f->cap) {
		size_t vcap = f->cap, kcap = f->cap;

		/* both grow together: the frame's slot is reused by maps
		 * and lists alike */
		if (ARRAY_GROW(f->vals, vcap, f->n + 1) < 0 ||
		    ARRAY_GROW(f->keys, kcap, f->n + 1) < 0)
			return -1;
		f->cap = vcap;
	}
	if (f->node->kind == YNODE_MAP) {
		f->keys[f->n] = node;
		f->vals[f->n] = NULL;
		f->want_value = 1;
	} else {
		f->vals[f->n] = node;
	}
	f->n++;
	return 0;
}

/* New node at the event's start mark. */
static struct ynode *node_new(struct builder *b, enum ynode_kind kind,
			      const yaml_event_t *ev)
{
	struct ynode *n = arena_alloc(node_arena(b), sizeof(*n));

	if (!n)
		return NULL;
	n->kind = kind;
	n->line = (unsigned)ev->start_mark.line + 1;
	n->col = (unsigned)ev->start_mark.column + 1;
	n->expanded = 1;
	return n;
}

/* Compare two scalar keys for sorting (NULL-safe on non-scalars). */
static int key_cmp(const void *pa, const void *pb)
{
	const struct ynode *a = *(const struct ynode *const *)pa;
	const struct ynode *b = *(const struct ynode *const *)pb;
	int c;

	if (a->kind != YNODE_SCALAR || b->kind != YNODE_SCALAR)
		return (int)a->kind - (int)b->kind;
	c = strcmp(a->str, b->str);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : (a->col > b->col);
}

/* Report every repeated scalar key of a small mapping, comparing each key
 * with the ones before it (the same reports as the sorting way). */
static void check_duplicate_keys_small(struct builder *b,
				       const struct ynode *map)
{
	for (size_t i = 1; i < map->n; i++) {
		const struct ynode *k = map->keys[i];

		if (k->kind != YNODE_SCALAR)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct ynode *p = map->keys[j];

			if (p->kind != YNODE_SCALAR || p->len != k->len ||
			    strcmp(p->str, k->str) != 0)
				continue;
			diags_error(b->d, b->path, k->line, k->col,
				    "duplicate key '%s' (first at line %u, "
				    "column %u)", k->str, p->line, p->col);
			break;
		}
	}
}

/* Report every repeated scalar key of a finished mapping. */
static int check_duplicate_keys(struct builder *b, struct ynode *map)
{
	struct ynode **sorted;

	if (map->n < 2)
		return 0;
	if (map->n <= 16) {
		check_duplicate_keys_small(b, map);
		return 0;
	}
	sorted = malloc(map->n * sizeof(*sorted));
	if (!sorted)
		return -1;
	memcpy(sorted, map->keys, map->n * sizeof(*sorted));
	qsort(sorted, map->n, sizeof(*sorted), key_cmp);
	for (size_t i = 1; i < map->n; i++) {
		struct ynode *p = sorted[i - 1], *k = sorted[i];
		size_t first = i - 1;

		if (k->kind != YNODE_SCALAR || p->kind != YNODE_SCALAR ||
		    strcmp(k->str, p->str) != 0)
			continue;
		while (first > 0 && sorted[first - 1]->kind == YNODE_SCALAR &&
		       strcmp(sorted[first - 1]->str, k->str) == 0)
			first--;
		diags_error(b->d, b->path, k->line, k->col,
			    "duplicate key '%s' (first at line %u, column %u)",
			    k->str, sorted[first]->line, sorted[first]->col);
	}
	free(sorted);
	return 0;
}

/* Close the innermost collection: move its children into the arena. */
static int close_frame(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];
	struct ynode *n = f->node;
	struct arena *a = node_arena(b);
	int rc = -1;

	n->n = f->n;
	if (f->n) {
		n->items = arena_calloc(a, f->n, sizeof(*n->items));
		if (!n->items)
			goto out;
		memcpy(n->items, f->vals, f->n * sizeof(*n->items));
		if (n->kind == YNODE_MAP) {
			n->keys = arena_calloc(a, f->n, sizeof(*n->keys));
			if (!n->keys)
				goto out;
			memcpy(n->keys, f->keys, f->n * sizeof(*n->keys));
		}
	}
	for (size_t i = 0; i < n->n; i++) {
		if (!n->items[i]) {	/* key without value cannot happen */
			goto out;
		}
		n->expanded = sat_add(n->expanded, n->items[i]->expanded);
		if (n->keys)
			n->expanded = sat_add(n->expanded,
					      n->keys[i]->expanded);
	}
	if (n->kind == YNODE_MAP && check_duplicate_keys(b, n) < 0)
		goto out;
	rc = attach(b, n);
out:
	return rc;	/* the frame's arrays stay for the next collection */
}

/* True if the root mapping is waiting for the value of its first key
 * named b->key. */
static bool is_stream_key(const struct builder *b)
{
	const struct frame *r = &b->stack[0];

	if (r->node->kind != YNODE_MAP || !r->want_value)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		const struct ynode *k = r->keys[i];

		if (k->kind == YNODE_SCALAR && strcmp(k->str, b->key) == 0)
			return i == r->n - 1;
	}
	return false;
}

/* Open a collection frame for node. */
static int open_frame(struct builder *b, struct ynode *node,
		      const yaml_event_t *ev)
{
	struct frame *f;

	if (b->depth >= YDOC_MAX_DEPTH) {
		diags_error(b->d, b->path, node->line, node->col,
			    "nesting deeper than %d levels", YDOC_MAX_DEPTH);
		(void)ev;
		return 1;
	}
	if (b->depth == b->stack_cap) {
		size_t old = b->stack_cap;

		if (ARRAY_GROW(b->stack, b->stack_cap, b->depth + 1) < 0)
			return -1;
		memset(b->stack + old, 0,
		       (b->stack_cap - old) * sizeof(*b->stack));
	}
	f = &b->stack[b->depth++];
	f->node = node;
	f->n = 0;
	f->want_value = 0;
	f->streamed = b->key && b->depth == 2 && node->kind == YNODE_SEQ &&
		      is_stream_key(b);
	return 0;
}

/* Attach a new node n, anchored as anchor (or NULL), to the tree: 0, or
 * -1 out of memory. */
static int attach_anchored(struct builder *b, struct ynode *n,
			   const unsigned char *anchor)
{
	if (anchor && anchor_add(b, anchor, n) < 0)
		return -1;
	if (anchor && in_item(b))
		b->keep_scratch = 1;
	return attach(b, n) < 0 ? -1 : 0;
}

/* A scalar event: its node attached; 0, or -1 out of memory. */
static int on_scalar(struct builder *b, yaml_event_t *ev)
{
	struct ynode *n = node_new(b, YNODE_SCALAR, ev);

	if (!n)
		return -1;
	n->str = arena_strndup(node_arena(b),
			       (const char *)ev->data.scalar.value,
			       ev->data.scalar.length);
	if (!n->str)
		return -1;
	n->len = ev->data.scalar.length;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return attach_anchored(b, n, ev->data.scalar.anchor);
}

/* A sequence or mapping start: its node anchored and opened; 0, or -1
 * out of memory. */
static int on_collection(struct builder *b, yaml_event_t *ev)
{
	bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
	const unsigned char *anchor = seq ? ev->data.sequence_start.anchor :
				      ev->data.mapping_start.anchor;
	struct ynode *n = node_new(b, seq ? YNODE_SEQ : YNODE_MAP, ev);

	if (!n)
		return -1;
	if (anchor && anchor_add(b, anchor, n) < 0)
		return -1;
	if (anchor && in_item(b))
		b->keep_scratch = 1;
	return open_frame(b, n, ev);
}

/* An alias: the node it names attached again, unless it is unknown,
 * contains itself or makes the document too big (1, reported); -1 out of
 * memory. */
static int on_alias(struct builder *b, yaml_event_t *ev)
{
	struct ynode *n = anchor_find(b, ev->data.alias.anchor);
	unsigned line = (unsigned)ev->start_mark.line + 1;
	unsigned col = (unsigned)ev->start_mark.column + 1;

	if (!n) {	/* libyaml reports this itself; be safe */
		diags_error(b->d, b->path, line, col, "unknown alias '%s'",
			    (const char *)ev->data.alias.anchor);
		return 1;
	}
	for (size_t i = 0; i < b->depth; i++) {
		if (b->stack[i].node == n) {
			diags_error(b->d, b->path, line, col, "alias '%s' "
				    "refers to a node that contains it",
				    (const char *)ev->data.alias.anchor);
			return 1;
		}
	}
	/* the root's expanded size is at most the nodes read plus this sum;
	 * one addition per alias keeps it linear */
	if (sat_add(b->aliased, n->expanded) > YDOC_MAX_EXPANDED) {
		diags_error(b->d, b->path, line, col, "aliases expand to more "
			    "than %zu nodes", (size_t)YDOC_MAX_EXPANDED);
		return 1;
	}
	b->aliased += n->expanded;
	return attach(b, n) < 0 ? -1 : 0;
}

/* Turn one parser event into tree structure: 0 go on, 1 stop (reported),
 * -1 out of memory. */
static int on_event(struct builder *b, yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1) {
			diags_error(b->d, b->path,
				    (unsigned)ev->start_mark.line + 1,
				    (unsigned)ev->start_mark.column + 1,
				    "more than one YAML document in the file");
			return 1;
		}
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return on_collection(b, ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_frame(b);
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev);
	default:
		return 0;
	}
}

/* Report libyaml's own error with its position. */
static void report_parser_error(struct builder *b, const yaml_parser_t *p,
				const char *buf, size_t len)
{
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem ? p->problem : "invalid YAML";

	if (p->error == YAML_MEMORY_ERROR) {
		diags_oom(b->d);
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		unsigned line, col;

		/* the reader reports a byte offset, not a mark */
		utf8_position(buf, p->problem_offset < len ?
				   p->problem_offset : len, &line, &col);
		diags_error(b->d, b->path, line, col, "%s%s",
			    strstr(problem, "UTF-8") ? "" : "invalid text: ",
			    problem);
		return;
	}
	if (p->context)
		diags_error(b->d, b->path, (unsigned)m->line + 1,
			    (unsigned)m->column + 1, "%s %s", problem,
			    p->context);
	else
		diags_error(b->d, b->path, (unsigned)m->line + 1,
			    (unsigned)m->column + 1, "%s", problem);
}

/* Parse one YAML document with a prepared builder. */
static int parse(const struct builder *init, const char *buf, size_t len,
		 struct ynode **root)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b = *init;
	struct diags *d = b.d;
	int rc = -1, done = 0;

	*root = NULL;
	if (!yaml_parser_initialize(&parser)) {
		diags_oom(d);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done) {
		int r;

		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&b, &parser, buf, len);
			goto out;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		r = on_event(&b, &ev);
		yaml_event_delete(&ev);
		if (r < 0) {
			diags_oom(d);
			goto out;
		}
		if (r > 0)
			goto out;
	}
	*root = b.root;
	rc = 0;
out:
	for (size_t i = 0; i < b.stack_cap; i++) {
		free(b.stack[i].keys);
		free(b.stack[i].vals);
	}
	free(b.stack);
	for (size_t i = 0; i < b.anchors_cap; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	yaml_parser_delete(&parser);
	if (b.scratch)
		arena_release(b.scratch);
	return rc;
}

/* Parse one YAML document into a node tree. */
int ydoc_parse(struct arena *a, const char *path, const char *buf,
	       size_t len, struct ynode **root, struct diags *d)
{
	struct builder b;

	memset(&b, 0, sizeof(b));
	b.a = a;
	b.path = path;
	b.d = d;
	return parse(&b, buf, len, root);
}

/* Parse one YAML document, handing the items of one list to fn. */
int ydoc_parse_items(struct arena *a, struct arena *scratch,
		     const char *path, const char *buf, size_t len,
		     const char *key, ydoc_item_fn fn, void *ctx,
		     struct ynode **root, struct diags *d)
{
	struct builder b;

	memset(&b, 0, sizeof(b));
	b.a = a;
	b.path = path;
	b.d = d;
	b.key = key;
	b.scratch = scratch;
	b.fn = fn;
	b.ctx = ctx;
	return parse(&b, buf, len, root);
}
