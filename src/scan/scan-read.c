/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan-read.c - from identified pages to candidates' answers (see
 * scan-read.h): bubble decisions against the page's own empty-bubble
 * baseline, question and score-group rules, pages gathered into sheets,
 * the doubts listed with crops for review, and the responses CSV. */
#include "scan/scan-read.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/fileio.h"

#define LIKELY 0.23		/* a doubtful bubble this full reads filled */
#define CROP_MARGIN_MM 4.0	/* a crop's margin left and right of its bubbles */
#define CROP_MARGIN_Y_MM 0.9	/* above and below: the row alone (rows are
				 * 7.2 mm apart, bubbles 5.2 mm), so a crop
				 * shows no part of its neighbours' bubbles */

/* Decide a bubble. */
enum scan_mark scan_decide(double fill, double dark)
{
	if (fill >= SCAN_FILLED)
		return SM_FILLED;
	if (fill < SCAN_EMPTY && dark < SCAN_EMPTY_DARK)
		return SM_EMPTY;
	return SM_DOUBT;
}

/* Prepare a run. */
int scan_run_init(struct scan_run *r, struct diags *d)
{
	memset(r, 0, sizeof(*r));
	keyset_init(&r->keys);
	scan_answers_init(&r->answers, NULL, false);
	roster_init(&r->names);
	r->d = d;
	return scan_qr_reader_init(&r->qr);
}

/* Free a run. */
void scan_run_release(struct scan_run *r)
{
	for (size_t i = 0; i < r->nsheets; i++) {
		free(r->sheets[i].seen);
		free(r->sheets[i].cells);
	}
	for (size_t i = 0; i < r->ndoubts; i++) {
		free(r->doubts[i].image);
		free(r->doubts[i].png);
	}
	for (size_t i = 0; i < r->unread; i++)
		free(r->unreads[i].why);
	free(r->unreads);
	free(r->sheets);
	free(r->doubts);
	scan_qr_reader_release(&r->qr);
	scan_answers_release(&r->answers);
	keyset_release(&r->keys);
	roster_release(&r->names);
	memset(r, 0, sizeof(*r));
}

/* Add the roster of key k's build, from the folder it is in (the names a
 * roster build printed); -1 on no memory. */
static int add_names(struct scan_run *r, const struct key *k)
{
	int rc = roster_add_build(&r->names, k);

	if (rc < 0)
		diags_oom(r->d);
	return rc;
}

/* Load keys. */
int scan_run_add_keys(struct scan_run *r, const char *path)
{
	size_t before = r->keys.nkeys;

	if (keyset_add(&r->keys, path, r->d) < 0)
		return -1;
	for (size_t i = before; i < r->keys.nkeys; i++) {
		const struct key *k = r->keys.keys[i];

		if (!k->layout) {
			diags_error(r->d, k->path, 0, 0, "the key has no "
				    "answer-sheet layout (made by an older examgen): "
				    "build the paper again to print sheets "
				    "that can be scanned");
			return -1;
		}
		if (!r->geom)
			r->geom = k->layout;
		if (k->nitems > r->maxq)
			r->maxq = (unsigned)k->nitems;
		if (k->build && add_names(r, k) < 0)
			return -1;
	}
	return 0;
}

/* The sheet this page belongs to: by candidate for printed sheets.  A
 * blank sheet's page that has its own id grid (every page of a newer
 * sheet) joins the latest sheet of the same key with that id still
 * lacking the page, when `id` is clear (else, or when none has, it starts
 * a sheet of its own); on older sheets, whose later pages have no id
 * grid, page 1 starts a sheet and page n joins the latest sheet of the
 * same key still lacking it.  NULL when out of memory. */
static struct scan_sheet *sheet_for(struct scan_run *r, const struct key *k,
				    const struct sheet_qr *q, const char *file,
				    unsigned page, bool has_id, const char *id)
{
	struct scan_sheet *s;

	for (size_t i = r->nsheets; i-- > 0;) {
		s = &r->sheets[i];
		if (s->key != k || s->pages != q->pages)
			continue;
		if (*q->cand) {
			if (s->printed && !strcmp(s->cand, q->cand))
				return s;
			continue;
		}
		if (s->printed || s->seen[q->page - 1])
			continue;
		if (has_id ? id && *id && !strcmp(s->cand, id) :
			     q->page > 1)
			return s;
	}
	if (ARRAY_GROW(r->sheets, r->sheets_cap, r->nsheets + 1) < 0)
		return NULL;
	s = &r->sheets[r->nsheets];
	memset(s, 0, sizeof(*s));
	s->key = k;
	s->file = file;
	s->page = page;
	s->pages = q->pages;
	s->printed = *q->cand != '\0';
	snprintf(s->cand, sizeof(s->cand), "%s", q->cand);
	s->seen = calloc(q->pages, 1);
	s->cells = calloc(k->nitems ? k->nitems : 1, sizeof(*s->cells));
	if (!s->seen || !s->cells) {
		free(s->seen);
		free(s->cells);
		return NULL;
	}
	r->nsheets++;
	return s;
}

/* One page being read. */
struct page_read {
	struct scan_run *r;
	PIX *g;
	const struct scan_geom *geo;
	const struct sheet_layout *L;
	const char *file;
	unsigned page, sheet_page;
	struct scan_sheet *s;
	size_t sheet;
	double *fill, *dark;		/* [L->nbubbles], over the baselines */
	double *ring;			/* ink around it, over its kind's */
	enum scan_mark *mark;
};

/* Sort doubles. */
static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of v[0..n) (v is reordered). */
static double median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), dbl_cmp);
	return v[n / 2];
}

/* The median of v[i] over the bubbles of the page (of kind `kind`, or of
 * every kind when kind < 0), tmp its scratch. */
static double page_median(const struct page_read *pr, const double *v,
			  int kind, double *tmp)
{
	const struct sheet_layout *L = pr->L;
	size_t n = 0;

	for (size_t i = 0; i < L->nbubbles; i++)
		if (L->bubbles[i].page == pr->sheet_page &&
		    (kind < 0 || (int)L->bubbles[i].kind == kind))
			tmp[n++] = v[i];
	return median(tmp, n);
}

/* Measure and decide every bubble of the page.  Ink around an otherwise
 * empty bubble (a ring drawn round it, a mark beside it) makes it
 * doubtful. */
static int measure(struct page_read *pr)
{
	const struct sheet_layout *L = pr->L;
	double *tmp = malloc((L->nbubbles + 1) * sizeof(*tmp));
	double bf, bd, br[SB_ID + 1];

	if (!tmp)
		return -1;
	for (size_t i = 0; i < L->nbubbles; i++)
		if (L->bubbles[i].page == pr->sheet_page)
			scan_bubble_measure(pr->g, pr->geo, &L->bubbles[i],
					    &pr->fill[i], &pr->dark[i],
					    &pr->ring[i]);
	bf = page_median(pr, pr->fill, -1, tmp);
	bd = page_median(pr, pr->dark, -1, tmp);
	for (int k = SB_OPTION; k <= SB_ID; k++)
		br[k] = page_median(pr, pr->ring, k, tmp);
	free(tmp);
	for (size_t i = 0; i < L->nbubbles; i++) {
		if (L->bubbles[i].page != pr->sheet_page)
			continue;
		pr->fill[i] -= bf;
		pr->dark[i] -= bd;
		pr->ring[i] -= br[L->bubbles[i].kind];
		pr->mark[i] = scan_decide(pr->fill[i], pr->dark[i]);
		if (pr->mark[i] == SM_EMPTY && pr->ring[i] >= SCAN_RING)
			pr->mark[i] = SM_DOUBT;
	}
	return 0;
}

/* Whether item it is scored per rubric criterion in N.k columns. */
static bool by_criteria(const struct key_item *it)
{
	return it->type == Q_ESSAY && it->ncriteria &&
	       it->ncriteria <= SCAN_MAX_CRITERIA;
}

/* A crop of bubbles [a, b) written to the review folder and kept in dt
 * (its file name and PNG bytes).  -1 on a system error. */
static int write_crop(struct page_read *pr, size_t a, size_t b, unsigned q,
		      struct scan_doubt *dt)
{
	const struct sheet_layout *L = pr->L;
	double lo[2] = { 1e18, 1e18 }, hi[2] = { -1e18, -1e18 };
	l_uint8 *png = NULL;
	size_t len = 0;
	BOX *box;
	PIX *crop;
	char *path, **name = &dt->image;
	enum fileio_err fe;

	for (size_t i = a; i < b; i++) {
		const struct sheet_bubble *bb = &L->bubbles[i];
		double m = bb->r + CROP_MARGIN_MM;
		double my = bb->r + (bb->kind == SB_ID ? CROP_MARGIN_MM :
					     CROP_MARGIN_Y_MM);

		for (int c = 0; c < 4; c++) {
			double u, v;

			scan_geom_map(pr->geo, bb->x + (c & 1 ? m : -m),
				      bb->y + (c & 2 ? my : -my), &u, &v);
			lo[0] = fmin(lo[0], u);
			lo[1] = fmin(lo[1], v);
			hi[0] = fmax(hi[0], u);
			hi[1] = fmax(hi[1], v);
		}
	}
	/* the number printed left of the bubbles goes in too; a score
	 * row's whole label (第2题 评分项1（7 分）), from the inside of the
	 * corner marks, so the reviewer sees which criterion it is */
	if (L->bubbles[a].kind == SB_SCORE && L->nmarks) {
		const struct sheet_bubble *bb = &L->bubbles[a];
		double x = L->marks[0].x + L->marks[0].size / 2 + 1;

		for (int c = 0; c < 2; c++) {
			double u, v, m = bb->r + CROP_MARGIN_Y_MM;

			scan_geom_map(pr->geo, x, bb->y + (c ? m : -m), &u, &v);
			lo[0] = fmin(lo[0], u);
			hi[0] = fmax(hi[0], u);
		}
	} else if (pr->geo->flipped) {
		hi[0] += 12 * pr->geo->ppm;
	} else {
		lo[0] -= 12 * pr->geo->ppm;
	}
	box = boxCreate((l_int32)fmax(lo[0], 0), (l_int32)fmax(lo[1], 0),
			(l_int32)(hi[0] - fmax(lo[0], 0)),
			(l_int32)(hi[1] - fmax(lo[1], 0)));
	crop = box ? pixClipRectangle(pr->g, box, NULL) : NULL;
	boxDestroy(&box);
	if (crop && pr->geo->flipped) {
		PIX *t = pixRotate180(NULL, crop);

		pixDestroy(&crop);
		crop = t;
	}
	if (!crop || pixWriteMemPng(&png, &len, crop, 0)) {
		pixDestroy(&crop);
		errno = ENOMEM;
		return -1;
	}
	dt->png_w = (unsigned)pixGetWidth(crop);
	dt->png_h = (unsigned)pixGetHeight(crop);
	dt->png_dpi = (unsigned)pixGetXRes(crop);
	pixDestroy(&crop);
	dt->png = png;
	dt->png_len = len;
	*name = malloc(96);
	if (!*name)
		return -1;
	/* a criterion row is named by its criterion: one crop each */
	if (L->bubbles[a].kind == SB_SCORE && L->bubbles[a].criterion)
		snprintf(*name, 96, "%03zu-%.60s-q%u.%u.png", pr->sheet + 1,
			 *pr->s->cand ? pr->s->cand : "id", q,
			 L->bubbles[a].criterion);
	else
		snprintf(*name, 96, "%03zu-%.60s-q%u.png", pr->sheet + 1,
			 *pr->s->cand ? pr->s->cand : "id", q);
	/* a file name on every system: no control character, none of
	 * Windows' reserved ones */
	for (char *c = *name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F ||
		    strchr("/\\?* <>:\"|", *c))
			*c = '_';
	path = fileio_join(pr->r->review, *name);
	/* the review folder was checked before reading (its review.csv and
	 * review.xlsx are not there, or --force): a crop left by a killed
	 * run is replaced */
	fe = path ? fileio_write(path, png, len, true) : FILEIO_ENOMEM;
	if (fe != FILEIO_OK)
		fileio_fail(pr->r->d, fe, errno, path ? path : pr->r->review,
			    "cannot write review image");
	free(path);
	return fe == FILEIO_OK ? 0 : -1;
}

/* Record a doubt about question q (0: the id), criterion column k (0:
 * the question), read as reading; bubbles [a, b) go in its crop. */
static int doubt(struct page_read *pr, size_t a, size_t b, unsigned q,
		 unsigned k, const char *reading, const char *reason)
{
	struct scan_run *r = pr->r;
	struct scan_doubt *dt;

	if (ARRAY_GROW(r->doubts, r->doubts_cap, r->ndoubts + 1) < 0)
		return -1;
	dt = &r->doubts[r->ndoubts++];
	memset(dt, 0, sizeof(*dt));
	dt->file = pr->file;
	dt->page = pr->page;
	dt->sheet = pr->sheet;
	dt->question = q;
	dt->criterion = k;
	snprintf(dt->reading, sizeof(dt->reading), "?%s", reading);
	dt->reason = reason;
	if (k)
		diags_add(r->d, DIAG_WARNING, pr->file, 0, 0, "page %u: "
			  "question %u criterion %u: %s; written '?%s' for "
			  "review", pr->page, q, k, reason, reading);
	else if (q)
		diags_add(r->d, DIAG_WARNING, pr->file, 0, 0, "page %u: "
			  "question %u: %s; written '?%s' for review",
			  pr->page, q, reason, reading);
	else
		diags_add(r->d, DIAG_WARNING, pr->file, 0, 0, "page %u: "
			  "candidate id: %s; written '?%s' for review",
			  pr->page, reason, reading);
	if (r->review)
		return write_crop(pr, a, b, q, dt);
	return 0;
}

/* Bubbles [a, b) are one objective question's options. */
static int read_options(struct page_read *pr, size_t a, size_t b)
{
	const struct sheet_layout *L = pr->L;
	unsigned q = L->bubbles[a].question;
	const struct key_item *it = q <= pr->s->key->nitems ?
				    &pr->s->key->items[q - 1] : NULL;
	struct scan_cell *c;
	char sure[32] = "", likely[32] = "";
	size_t nf = 0, nd = 0, ns = 0, nl = 0, best = a;
	bool ringed = false;

	if (!it)
		return 0;
	c = &pr->s->cells[q - 1];
	for (size_t i = a; i < b && ns < 30; i++) {
		if (pr->fill[i] > pr->fill[best])
			best = i;
		if (pr->mark[i] == SM_FILLED) {
			sure[ns++] = L->bubbles[i].option;
			nf++;
		} else if (pr->mark[i] == SM_DOUBT) {
			nd++;
		}
		if (pr->mark[i] == SM_FILLED ||
		    (pr->mark[i] == SM_DOUBT && (pr->fill[i] >= LIKELY ||
						 pr->ring[i] >= SCAN_RING)))
			likely[nl++] = L->bubbles[i].option;
		ringed |= pr->mark[i] == SM_DOUBT && pr->ring[i] >= SCAN_RING;
	}
	sure[ns] = likely[nl] = '\0';
	c->seen = true;
	if (it->type != Q_MULTIPLE && nf > 1) {
		c->doubt = true;
		snprintf(c->letters, sizeof(c->letters), "%s", sure);
		return doubt(pr, a, b, q, 0, sure, "two marks where one is "
			     "allowed");
	}
	if (!nd) {
		snprintf(c->letters, sizeof(c->letters), "%s", sure);
		return 0;
	}
	c->doubt = true;
	if (it->type != Q_MULTIPLE && nl > 1) {
		likely[0] = L->bubbles[best].option;
		likely[1] = '\0';
	}
	snprintf(c->letters, sizeof(c->letters), "%s", likely);
	return doubt(pr, a, b, q, 0, likely, ringed ? "ink around a bubble "
		     "(a ring drawn round it, or a mark beside it)" :
		     "a mark that is neither clearly filled nor clearly "
		     "empty");
}

/* Bubbles [a, b) are one score group: its value (the likely one when
 * doubtful), and in *why the doubt, if any. */
static double read_group(const struct page_read *pr, size_t a, size_t b,
			 const char **why)
{
	const struct sheet_bubble *b0 = &pr->L->bubbles[a];
	size_t nf = 0, nd = 0, best = a;
	double value = 0;

	*why = NULL;
	for (size_t i = a; i < b; i++) {
		if (pr->fill[i] > pr->fill[best])
			best = i;
		nf += pr->mark[i] == SM_FILLED;
		nd += pr->mark[i] == SM_DOUBT;
		if (pr->mark[i] == SM_FILLED)
			value += pr->L->bubbles[i].value;
	}
	if (b0->group == SG_HALF) {
		if (!nd)
			return value;
		*why = "a half-point mark that is neither clearly filled nor "
		       "clearly empty";
		return pr->fill[a] >= LIKELY ? 0.5 : 0;
	}
	if (nf == 1 && !nd)
		return value;
	*why = nf > 1 ? "more than one mark in a score group" :
	       nf == 0 && !nd ? "no mark in a score group" :
				"a score mark that is neither clearly filled "
				"nor clearly empty";
	return nf + nd ? pr->L->bubbles[best].value : 0;
}

/* Bubbles [a, b) are one criterion row (or a question's one row) of score
 * groups: add its score to the question and to its N.k column. */
static int read_criterion(struct page_read *pr, size_t a, size_t b)
{
	const struct sheet_bubble *b0 = &pr->L->bubbles[a];
	unsigned q = b0->question, k = 0;
	struct scan_cell *c;
	const char *why = NULL, *w;
	double value = 0;
	char num[FORMAT_NUMBER_MAX];

	if (q > pr->s->key->nitems)
		return 0;
	if (b0->criterion && by_criteria(&pr->s->key->items[q - 1]))
		k = b0->criterion;
	c = &pr->s->cells[q - 1];
	for (size_t i = a, j; i < b; i = j) {
		for (j = i + 1; j < b && pr->L->bubbles[j].group ==
					 pr->L->bubbles[i].group; j++)
			;
		value += read_group(pr, i, j, &w);
		if (!why)
			why = w;
	}
	c->seen = true;
	c->sum += value;
	if (k)
		c->crit[k - 1] += value;
	if (!why)
		return 0;
	c->doubt = true;
	if (k)
		c->crit_doubt[k - 1] = true;
	return doubt(pr, a, b, q, k, format_number(k ? c->crit[k - 1] :
						   c->sum, num), why);
}

/* The candidate id bubbled in the id grid's bubbles [a, b) into id
 * (SHEET_ID_DIGITS + 1 bytes, the likely reading when doubtful); NULL,
 * or the reason it is doubtful. */
static const char *page_id(const struct page_read *pr, size_t a, size_t b,
			   char *id)
{
	size_t n = 0;
	bool gap = false;
	const char *why = NULL;

	for (unsigned digit = 1; digit <= SHEET_ID_DIGITS; digit++) {
		size_t nf = 0, nd = 0, best = SIZE_MAX;

		for (size_t i = a; i < b; i++) {
			if (pr->L->bubbles[i].digit != digit)
				continue;
			if (best == SIZE_MAX || pr->fill[i] > pr->fill[best])
				best = i;
			nf += pr->mark[i] == SM_FILLED;
			nd += pr->mark[i] == SM_DOUBT;
		}
		if (best == SIZE_MAX || (!nf && !nd)) {
			gap = true;
			continue;
		}
		if (nf > 1)
			why = "two marks in one digit of the candidate id";
		else if (nd)
			why = "a mark in the candidate id that is neither "
			      "clearly filled nor clearly empty";
		if (gap)
			why = "an empty digit inside the candidate id";
		id[n++] = (char)('0' + (int)pr->L->bubbles[best].value);
	}
	id[n] = '\0';
	if (!n)
		why = "no candidate id bubbled";
	return why;
}

/* The id grid's bubbles of the page: [*a, *b); false when it has none. */
static bool id_grid(const struct page_read *pr, size_t *a, size_t *b)
{
	const struct sheet_layout *L = pr->L;

	*a = *b = 0;
	for (size_t i = 0; i < L->nbubbles; i++)
		if (L->bubbles[i].page == pr->sheet_page &&
		    L->bubbles[i].kind == SB_ID) {
			if (*a == *b)
				*a = i;
			*b = i + 1;
		}
	return *b > *a;
}

/* Read the decided bubbles of the page into the sheet. */
static int read_bubbles(struct page_read *pr)
{
	const struct sheet_layout *L = pr->L;
	size_t i = 0;

	while (i < L->nbubbles) {
		const struct sheet_bubble *b = &L->bubbles[i];
		size_t j = i + 1;

		if (b->page != pr->sheet_page) {
			i++;
			continue;
		}
		while (j < L->nbubbles && L->bubbles[j].page == b->page &&
		       L->bubbles[j].kind == b->kind &&
		       (b->kind == SB_ID ||
			(L->bubbles[j].question == b->question &&
			 (b->kind == SB_OPTION ||
			  L->bubbles[j].criterion == b->criterion))))
			j++;
		/* the id grid is read before the page finds its sheet */
		if (b->kind != SB_ID &&
		    (b->kind == SB_OPTION ? read_options(pr, i, j) < 0 :
					    read_criterion(pr, i, j) < 0))
			return -1;
		i = j;
	}
	return 0;
}

/* Record a page not read. */
int scan_run_unread(struct scan_run *r, const char *file, unsigned page,
		    const char *why)
{
	struct scan_unread *u;

	if (ARRAY_GROW(r->unreads, r->unreads_cap, r->unread + 1) < 0) {
		diags_oom(r->d);
		return -1;
	}
	u = &r->unreads[r->unread];
	u->file = file;
	u->page = page;
	if (!(u->why = strdup(why))) {
		diags_oom(r->d);
		return -1;
	}
	r->unread++;
	return 0;
}

/* Report page of file as not read and why; 0, or -1 when out of
 * memory. */
static int unread(struct scan_run *r, const char *file, unsigned page,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int unread(struct scan_run *r, const char *file, unsigned page,
		  const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diags_error(r->d, file, 0, 0, "page %u: %s: page not read", page, msg);
	return scan_run_unread(r, file, page, msg);
}

/* Read one page g (upright or upside down). */
static int read_page(struct scan_run *r, PIX *g, const char *file,
		     unsigned page)
{
	struct scan_geom geo;
	struct sheet_qr q;
	struct page_read pr;
	const struct key *k;
	char text[512], id[SHEET_ID_DIGITS + 1] = "";
	const char *idwhy = NULL;
	size_t errors = r->d->errors, ia = 0, ib = 0;
	bool has_id;
	enum scan_find found;
	int rc = -1;

	r->pages++;
	if (scan_page_flatten(g) < 0) {
		diags_oom(r->d);
		return -1;
	}
	found = scan_page_find(g, r->geom, &r->qr, &geo, text, sizeof(text));
	/* a question page of a booklet is no answer-sheet page */
	if (found != SF_OK && found != SF_NOMEM) {
		char why[SCAN_WHY_MAX];

		switch (scan_answers_page(&r->answers, &r->keys, &r->qr, g,
					  file, page, r->d, why)) {
		case -1:
			return -1;
		case 1:
			return 0;
		case 2:
			return unread(r, file, page, "%s", why);
		default:
			break;
		}
	}
	switch (found) {
	case SF_NO_MARKS:
		return unread(r, file, page, "not an answer-sheet page: its "
			      "four corner marks are not found (cut off, "
			      "covered, or another page)");
	case SF_DISAGREE:
		return unread(r, file, page, "the corner marks, the check "
			      "marks along the edges and the QR code do not "
			      "agree (a mark covered, cut off or added): not "
			      "read, so that nothing is misread; rescan the "
			      "page flat and whole, or type its answers");
	case SF_NO_QR:
		return unread(r, file, page, "the QR code cannot be read "
			      "(damaged or covered); rescan the page or type "
			      "its answers");
	case SF_NOMEM:
		diags_oom(r->d);
		return -1;
	case SF_OK:
		break;
	}
	if (!sheet_qr_parse(text, strlen(text), &q))
		return unread(r, file, page, "the QR code is not one of an "
			      "examgen answer sheet");
	k = keyset_find(&r->keys, q.paper, q.form);
	if (!k)
		return unread(r, file, page, "a page of paper '%s' form '%s', "
			      "for which no key is loaded", q.paper, q.form);
	if (!k->build || strcmp(k->build, q.build))
		return unread(r, file, page, "a page of build '%s' of paper "
			      "'%s', but the key loaded is of build '%s'",
			      q.build, q.paper, k->build ? k->build : "none");
	if (q.pages != k->layout->pages)
		return unread(r, file, page, "the QR code says %u sheet pages, "
			      "the key %u", q.pages, k->layout->pages);
	memset(&pr, 0, sizeof(pr));
	pr.r = r;
	pr.g = g;
	pr.geo = &geo;
	pr.L = k->layout;
	pr.file = file;
	pr.page = page;
	pr.sheet_page = q.page;
	pr.fill = calloc(pr.L->nbubbles + 1, sizeof(*pr.fill));
	pr.dark = calloc(pr.L->nbubbles + 1, sizeof(*pr.dark));
	pr.ring = calloc(pr.L->nbubbles + 1, sizeof(*pr.ring));
	pr.mark = calloc(pr.L->nbubbles + 1, sizeof(*pr.mark));
	if (!pr.fill || !pr.dark || !pr.ring || !pr.mark ||
	    measure(&pr) < 0)
		goto out;
	/* a blank sheet's page says whose it is by its id grid */
	has_id = !*q.cand && id_grid(&pr, &ia, &ib);
	if (has_id)
		idwhy = page_id(&pr, ia, ib, id);
	pr.s = sheet_for(r, k, &q, file, page, has_id, idwhy ? NULL : id);
	if (!pr.s)
		goto out;
	pr.sheet = (size_t)(pr.s - r->sheets);
	if (pr.s->seen[q.page - 1]) {
		rc = unread(r, file, page, "sheet page %u of candidate '%s' "
			    "again", q.page, pr.s->cand);
		goto out;
	}
	pr.s->seen[q.page - 1] = 1;
	if (has_id && !*pr.s->cand)
		snprintf(pr.s->cand, sizeof(pr.s->cand), "%s%s",
			 idwhy ? "?" : "", id);
	if (has_id && idwhy && doubt(&pr, ia, ib, 0, 0, id, idwhy) < 0)
		goto out;
	rc = read_bubbles(&pr);
out:
	/* a failure that added no error is no memory */
	if (rc < 0 && r->d->errors == errors)
		diags_oom(r->d);
	free(pr.fill);
	free(pr.dark);
	free(pr.ring);
	free(pr.mark);
	return rc;
}

/* Read one page: a page turned a quarter (wider than high) is turned
 * back first; upside down is found while placing it. */
int scan_run_page(struct scan_run *r, PIX *g, const char *file,
		  unsigned page)
{
	PIX *t = NULL;
	int rc;

	if (pixGetWidth(g) > pixGetHeight(g)) {
		t = pixRotateOrth(g, 1);
		if (!t) {
			diags_oom(r->d);
			return -1;
		}
		g = t;
	}
	rc = read_page(r, g, file, page);
	pixDestroy(&t);
	return rc;
}

/* Report sheets with pages missing. */
void scan_run_finish(struct scan_run *r)
{
	scan_answers_finish(&r->answers, r->d);
	/* a booklet whose answer sheet is missing has no row */
	for (size_t i = 0; i < r->answers.nbooks; i++) {
		const struct scan_booklet *b = &r->answers.books[i];
		size_t j = 0;

		while (j < r->nsheets && (r->sheets[j].key != b->key ||
					  strcmp(r->sheets[j].cand, b->cand)))
			j++;
		if (j == r->nsheets)
			diags_error(r->d, b->file, 0, 0, "page %u: the paper "
				    "of candidate '%s' (form %s) was scanned "
				    "without its answer sheet", b->page,
				    b->cand, b->key->form);
	}
	for (size_t i = 0; i < r->nsheets; i++) {
		struct scan_sheet *s = &r->sheets[i];

		for (unsigned p = 0; p < s->pages; p++)
			if (!s->seen[p])
				diags_error(r->d, s->file, 0, 0, "page %u: "
					    "the sheet of candidate '%s' "
					    "(form %s) lacks its page %u of "
					    "%u: its answers there are "
					    "written '?'", s->page,
					    *s->cand ? s->cand : "?",
					    s->key->form, p + 1, s->pages);
	}
}

/* The N.k columns of question q. */
unsigned scan_run_criteria(const struct scan_run *r, unsigned q)
{
	size_t n = 0;

	for (size_t i = 0; i < r->keys.nkeys; i++) {
		const struct key *k = r->keys.keys[i];

		if (q <= k->nitems && by_criteria(&k->items[q - 1]) &&
		    k->items[q - 1].ncriteria > n)
			n = k->items[q - 1].ncriteria;
	}
	return (unsigned)n;
}

/* Whether question q has an N column. */
bool scan_run_question_column(const struct scan_run *r, unsigned q)
{
	for (size_t i = 0; i < r->keys.nkeys; i++) {
		const struct key *k = r->keys.keys[i];

		if (q <= k->nitems && !by_criteria(&k->items[q - 1]))
			return true;
	}
	return !scan_run_criteria(r, q);
}

/* A column header. */
const char *scan_column_name(unsigned q, unsigned k, char *buf)
{
	if (k)
		snprintf(buf, SCAN_COLUMN_MAX, "%u.%u", q, k);
	else
		snprintf(buf, SCAN_COLUMN_MAX, "%u", q);
	return buf;
}

/* Write one score cell: '?' and the likely score when doubtful. */
static void write_score(FILE *fp, double v, bool doubtful)
{
	char num[FORMAT_NUMBER_MAX];

	if (doubtful)
		fputc('?', fp);
	fputs(format_number(v, num), fp);
}

/* Whether every page of sheet s with a bubble of question q (criterion
 * k; 0: any) was read: a score row on a missing page leaves its question
 * (or its N.k column) unread even when another row of it was read. */
static bool cell_read(const struct scan_sheet *s, unsigned q, unsigned k)
{
	const struct sheet_layout *L = s->key->layout;

	for (size_t i = 0; i < L->nbubbles; i++) {
		const struct sheet_bubble *b = &L->bubbles[i];

		if (b->kind != SB_ID && b->question == q &&
		    (!k || b->criterion == k) && !s->seen[b->page - 1])
			return false;
	}
	return true;
}

/* Write the cells of question q of sheet s (key k): its N column, then
 * its N.k columns; an essay scored per criterion fills its own criteria
 * (never one summed column), any other question the N column. */
static void write_question(FILE *fp, const struct scan_run *r,
			   const struct key *k, const struct scan_sheet *s,
			   unsigned q)
{
	const struct scan_cell *c = q <= k->nitems ? &s->cells[q - 1] : NULL;
	const struct key_item *it = c ? &k->items[q - 1] : NULL;
	unsigned nk = scan_run_criteria(r, q);
	bool crit = it && by_criteria(it);

	if (scan_run_question_column(r, q)) {
		fputc(',', fp);
		if (c && !crit && (!c->seen || !cell_read(s, q, 0)))
			fputc('?', fp);
		else if (c && !crit && (it->type == Q_SHORT ||
					it->type == Q_ESSAY))
			write_score(fp, c->sum, c->doubt);
		else if (c && !crit)
			fprintf(fp, "%s%s", c->doubt ? "?" : "", c->letters);
	}
	for (unsigned j = 1; j <= nk; j++) {
		fputc(',', fp);
		if (!crit || j > it->ncriteria)
			continue;
		if (!c->seen || !cell_read(s, q, j))
			fputc('?', fp);
		else
			write_score(fp, c->crit[j - 1], c->crit_doubt[j - 1]);
	}
}

/* Write the responses CSV. */
int scan_run_write_csv(const struct scan_run *r, FILE *fp)
{
	char name[SCAN_COLUMN_MAX];

	size_t cols = 0;

	fputs("candidate_id,name,form,paper,build", fp);
	for (unsigned q = 1; q <= r->maxq; q++) {
		unsigned nk = scan_run_criteria(r, q);

		if (scan_run_question_column(r, q)) {
			fprintf(fp, ",%s", scan_column_name(q, 0, name));
			cols++;
		}
		for (unsigned k = 1; k <= nk; k++, cols++)
			fprintf(fp, ",%s", scan_column_name(q, k, name));
	}
	fputs("," SCAN_PROBLEM_COLUMN "\r\n", fp);
	for (size_t i = 0; i < r->nsheets; i++) {
		const struct scan_sheet *s = &r->sheets[i];
		const struct key *k = s->key;
		const char *who = s->cand[0] != '?' ?
				  roster_name(&r->names, s->cand) : NULL;

		csv_write_text(fp, *s->cand ? s->cand : "?");
		fputc(',', fp);
		csv_write_text(fp, who ? who : "");
		fprintf(fp, ",%s,", k->form);
		csv_write_text(fp, k->paper);
		fprintf(fp, ",%s", k->build ? k->build : "");
		for (unsigned q = 1; q <= r->maxq; q++)
			write_question(fp, r, k, s, q);
		fputs(",\r\n", fp);
	}
	/* a page not read is a row of its own: no candidate goes missing */
	for (size_t i = 0; i < r->unread; i++) {
		const struct scan_unread *u = &r->unreads[i];
		size_t n = strlen(u->file) + strlen(u->why) + 32;
		char *why = malloc(n);

		if (!why) {
			errno = ENOMEM;
			return -1;
		}
		if (u->page)
			snprintf(why, n, "%s page %u: %s", u->file, u->page,
				 u->why);
		else
			snprintf(why, n, "%s: %s", u->file, u->why);
		fputs(",,,,", fp);
		for (size_t j = 0; j <= cols; j++)
			fputc(',', fp);
		csv_write_text(fp, why);
		free(why);
		fputs("\r\n", fp);
	}
	return ferror(fp) ? -1 : 0;
}

/* Write the review list. */
int scan_run_write_review(const struct scan_run *r, FILE *fp)
{
	char name[SCAN_COLUMN_MAX];

	fputs("file,page,candidate_id,form,question,reading,reason,image\r\n",
	      fp);
	for (size_t i = 0; i < r->ndoubts; i++) {
		const struct scan_doubt *dt = &r->doubts[i];
		const struct scan_sheet *s = &r->sheets[dt->sheet];

		csv_write_text(fp, dt->file);
		fprintf(fp, ",%u,", dt->page);
		csv_write_text(fp, s->cand);
		fprintf(fp, ",%s,", s->key->form);
		fputs(dt->question ? scan_column_name(dt->question,
						      dt->criterion, name) :
				     "candidate_id", fp);
		fputc(',', fp);
		csv_write_text(fp, dt->reading);
		fputc(',', fp);
		csv_write_text(fp, dt->reason);
		fputc(',', fp);
		csv_write_text(fp, dt->image ? dt->image : "");
		fputs("\r\n", fp);
	}
	return ferror(fp) ? -1 : 0;
}
