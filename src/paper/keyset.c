/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keyset.c - the keys of a build (see keyset.h): each loaded key is checked
 * against the others for its paper and form, and its sections mapped to
 * the one list of section titles. */
#include "paper/keyset.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/fileio.h"

/* Prepare an empty keyset. */
void keyset_init(struct keyset *ks)
{
	memset(ks, 0, sizeof(*ks));
}

/* Free everything, keys included. */
void keyset_release(struct keyset *ks)
{
	for (size_t i = 0; i < ks->nkeys; i++) {
		key_free(ks->keys[i]);
		free(ks->key_cols[i]);
	}
	free(ks->keys);
	free(ks->key_cols);
	free(ks->section_titles);
	memset(ks, 0, sizeof(*ks));
}

/* Column of a section title, appending it when new; SIZE_MAX on no memory. */
static size_t title_column(struct keyset *ks, const char *title)
{
	const char **v;

	for (size_t i = 0; i < ks->nsection_titles; i++)
		if (!strcmp(ks->section_titles[i], title))
			return i;
	v = realloc(ks->section_titles, (ks->nsection_titles + 1) * sizeof(*v));
	if (!v)
		return SIZE_MAX;
	ks->section_titles = v;
	v[ks->nsection_titles] = title;
	return ks->nsection_titles++;
}

/* Take ownership of a loaded key: refuse a second key for its paper and
 * form, and map its sections to report columns.  0, or -1 (k freed). */
static int add_key(struct keyset *ks, struct key *k, struct diags *d)
{
	struct key **kv;
	size_t **cv, *cols;

	for (size_t i = 0; i < ks->nkeys; i++) {
		const struct key *o = ks->keys[i];

		if (!strcmp(o->paper, k->paper) && !strcmp(o->form, k->form)) {
			diags_error(d, k->path, 0, 0, "second key for paper "
				    "'%s' form '%s' (the first is '%s')",
				    k->paper, k->form, o->path);
			key_free(k);
			return -1;
		}
	}
	kv = realloc(ks->keys, (ks->nkeys + 1) * sizeof(*kv));
	if (kv)
		ks->keys = kv;
	cv = realloc(ks->key_cols, (ks->nkeys + 1) * sizeof(*cv));
	if (cv)
		ks->key_cols = cv;
	cols = calloc(k->nsections ? k->nsections : 1, sizeof(*cols));
	if (!kv || !cv || !cols)
		goto oom;
	for (size_t s = 0; s < k->nsections; s++)
		if ((cols[s] = title_column(ks, k->sections[s].title)) ==
		    SIZE_MAX)
			goto oom;
	ks->keys[ks->nkeys] = k;
	ks->key_cols[ks->nkeys] = cols;
	ks->one_paper = !ks->nkeys ? k->paper :
			ks->one_paper && !strcmp(ks->one_paper, k->paper) ?
			ks->one_paper : NULL;
	ks->nkeys++;
	return 0;
oom:
	free(cols);
	key_free(k);
	diags_oom(d);
	return -1;
}

/* Load one key file into the keyset. */
static int add_key_file(struct keyset *ks, const char *path,
			struct diags *d)
{
	struct key *k = key_load(path, d);

	return k ? add_key(ks, k, d) : -1;
}

/* True if name is a key file's. */
static bool is_key_name(const char *name)
{
	size_t n = strlen(name), m = strlen(".key.yaml");

	return n > m && !strcmp(name + n - m, ".key.yaml");
}

/* Load every *.key.yaml of a folder, sorted by name. */
static int add_key_dir(struct keyset *ks, const char *dir, struct diags *d)
{
	char **names;
	size_t n;
	int rc = 0;

	if (fileio_list(dir, is_key_name, &names, &n) < 0) {
		diags_errno(d, errno, dir, "cannot open folder");
		return -1;
	}
	if (!n) {
		diags_error(d, dir, 0, 0, "no key files ('*.key.yaml') in "
			    "this folder");
		rc = -1;
	}
	for (size_t i = 0; i < n; i++)
		if (add_key_file(ks, names[i], d))
			rc = -1;
	fileio_list_free(names, n);
	return rc;
}

/* Add a key file, or every *.key.yaml of a build folder. */
int keyset_add(struct keyset *ks, const char *path, struct diags *d)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return add_key_dir(ks, path, d);
	return add_key_file(ks, path, d);
}

/* The key for paper (NULL: the only paper loaded) and form, or NULL. */
const struct key *keyset_find(const struct keyset *ks, const char *paper,
			      const char *form)
{
	if (!paper)
		paper = ks->one_paper;
	if (!paper || !form)
		return NULL;
	for (size_t i = 0; i < ks->nkeys; i++) {
		const struct key *k = ks->keys[i];

		if (!strcmp(k->paper, paper) && !strcasecmp(k->form, form))
			return k;
	}
	return NULL;
}

/* Column of section s of key k among ks->section_titles. */
size_t keyset_section_column(const struct keyset *ks, const struct key *k,
			     size_t section)
{
	for (size_t i = 0; i < ks->nkeys; i++)
		if (ks->keys[i] == k)
			return ks->key_cols[i][section];
	return SIZE_MAX;
}
