/* ynode.c - YAML document to node tree with positions (see ynode.h). */
#include "ynode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* An open collection while its events arrive. */
struct frame {
	struct ynode *node;
	struct ynode **keys, **vals;	/* malloc'd while open */
	size_t n, cap;
	int want_value;			/* map: next node is a value */
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
	struct anchor *anchors;
	size_t nanchors, anchors_cap;
	struct ynode *root;
	int docs;
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

		if (k->kind == YNODE_SCALAR && strcmp(k->str, key) == 0)
			return map->items[i];
	}
	return NULL;
}

/* Saturating addition for expanded sizes. */
static size_t sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* Record an anchor (a later one with the same name replaces it). */
static int anchor_add(struct builder *b, const unsigned char *name,
		      struct ynode *node)
{
	struct anchor *an;

	for (size_t i = 0; i < b->nanchors; i++) {
		if (strcmp(b->anchors[i].name, (const char *)name) == 0) {
			b->anchors[i].node = node;
			return 0;
		}
	}
	if (b->nanchors == b->anchors_cap) {
		size_t cap = b->anchors_cap ? b->anchors_cap * 2 : 8;

		an = realloc(b->anchors, cap * sizeof(*an));
		if (!an)
			return -1;
		b->anchors = an;
		b->anchors_cap = cap;
	}
	an = &b->anchors[b->nanchors];
	an->name = strdup((const char *)name);
	if (!an->name)
		return -1;
	an->node = node;
	b->nanchors++;
	return 0;
}

/* Node named by an alias, or NULL. */
static struct ynode *anchor_find(struct builder *b, const unsigned char *name)
{
	for (size_t i = b->nanchors; i-- > 0;)
		if (strcmp(b->anchors[i].name, (const char *)name) == 0)
			return b->anchors[i].node;
	return NULL;
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
	if (f->node->kind == YNODE_MAP && f->want_value) {
		f->vals[f->n - 1] = node;
		f->want_value = 0;
		return 0;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct ynode **k = NULL, **v;

		v = realloc(f->vals, cap * sizeof(*v));
		if (!v)
			return -1;
		f->vals = v;
		if (f->node->kind == YNODE_MAP) {
			k = realloc(f->keys, cap * sizeof(*k));
			if (!k)
				return -1;
			f->keys = k;
		}
		f->cap = cap;
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
	struct ynode *n = arena_alloc(b->a, sizeof(*n));

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

/* Report every repeated scalar key of a finished mapping. */
static int check_duplicate_keys(struct builder *b, struct ynode *map)
{
	struct ynode **sorted;

	if (map->n < 2)
		return 0;
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
	int rc = -1;

	n->n = f->n;
	if (f->n) {
		n->items = arena_calloc(b->a, f->n, sizeof(*n->items));
		if (!n->items)
			goto out;
		memcpy(n->items, f->vals, f->n * sizeof(*n->items));
		if (n->kind == YNODE_MAP) {
			n->keys = arena_calloc(b->a, f->n, sizeof(*n->keys));
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
	free(f->keys);
	free(f->vals);
	f->keys = f->vals = NULL;
	return rc;
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
		size_t cap = b->stack_cap ? b->stack_cap * 2 : 16;

		f = realloc(b->stack, cap * sizeof(*f));
		if (!f)
			return -1;
		b->stack = f;
		b->stack_cap = cap;
	}
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = node;
	return 0;
}

/* Turn one parser event into tree structure: 0 go on, 1 stop (reported),
 * -1 out of memory. */
static int on_event(struct builder *b, yaml_event_t *ev)
{
	struct ynode *n;
	const unsigned char *anchor = NULL;

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
		n = node_new(b, YNODE_SCALAR, ev);
		if (!n)
			return -1;
		n->str = arena_strndup(b->a, (const char *)ev->data.scalar.value,
				       ev->data.scalar.length);
		if (!n->str)
			return -1;
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		n = node_new(b, ev->type == YAML_SEQUENCE_START_EVENT ?
				YNODE_SEQ : YNODE_MAP, ev);
		if (!n)
			return -1;
		anchor = ev->type == YAML_SEQUENCE_START_EVENT ?
			 ev->data.sequence_start.anchor :
			 ev->data.mapping_start.anchor;
		if (anchor && anchor_add(b, anchor, n) < 0)
			return -1;
		return open_frame(b, n, ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_frame(b);
	case YAML_ALIAS_EVENT:
		n = anchor_find(b, ev->data.alias.anchor);
		if (!n) {	/* libyaml reports this itself; be safe */
			diags_error(b->d, b->path,
				    (unsigned)ev->start_mark.line + 1,
				    (unsigned)ev->start_mark.column + 1,
				    "unknown alias '%s'",
				    (const char *)ev->data.alias.anchor);
			return 1;
		}
		for (size_t i = 0; i < b->depth; i++) {
			if (b->stack[i].node == n) {
				diags_error(b->d, b->path,
					    (unsigned)ev->start_mark.line + 1,
					    (unsigned)ev->start_mark.column + 1,
					    "alias '%s' refers to a node that "
					    "contains it",
					    (const char *)ev->data.alias.anchor);
				return 1;
			}
		}
		for (size_t i = 0; i < b->depth; i++) {
			struct frame *f = &b->stack[i];
			size_t total = 0;

			for (size_t j = 0; j < f->n; j++) {
				total = sat_add(total, f->vals[j] ?
						f->vals[j]->expanded : 0);
				if (f->keys)
					total = sat_add(total,
							f->keys[j]->expanded);
			}
			if (sat_add(total, n->expanded) > YDOC_MAX_EXPANDED)
				goto too_big;
		}
		return attach(b, n) < 0 ? -1 : 0;
	default:
		return 0;
	}
	if (anchor && anchor_add(b, anchor, n) < 0)
		return -1;
	return attach(b, n) < 0 ? -1 : 0;
too_big:
	diags_error(b->d, b->path, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "aliases expand to more than %zu nodes",
		    (size_t)YDOC_MAX_EXPANDED);
	return 1;
}

/* Line and column (1-based, counting characters) of a byte offset. */
static void offset_position(const char *buf, size_t len, size_t off,
			    unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/* Report libyaml's own error with its position. */
static void report_parser_error(struct builder *b, const yaml_parser_t *p,
				const char *buf, size_t len)
{
	const yaml_mark_t *m = &p->problem_mark;
	const char *problem = p->problem ? p->problem : "invalid YAML";

	if (p->error == YAML_MEMORY_ERROR) {
		b->d->oom = 1;
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		unsigned line, col;

		/* the reader reports a byte offset, not a mark */
		offset_position(buf, len, p->problem_offset, &line, &col);
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

/* Parse one YAML document into a node tree. */
int ydoc_parse(struct arena *a, const char *path, const char *buf,
	       size_t len, struct ynode **root, struct diags *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b;
	int rc = -1, done = 0;

	memset(&b, 0, sizeof(b));
	b.a = a;
	b.path = path;
	b.d = d;
	*root = NULL;
	if (!yaml_parser_initialize(&parser)) {
		d->oom = 1;
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
			d->oom = 1;
			goto out;
		}
		if (r > 0)
			goto out;
	}
	*root = b.root;
	rc = 0;
out:
	while (b.depth > 0) {
		b.depth--;
		free(b.stack[b.depth].keys);
		free(b.stack[b.depth].vals);
	}
	free(b.stack);
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	yaml_parser_delete(&parser);
	return rc;
}
