/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheet-layout.c - where everything on the answer sheet goes (see
 * sheet-layout.h).  Every position is rounded to 0.01 mm when it is made,
 * so the key records exactly what is drawn. */
#include "paper/sheet-layout.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/csv.h"
#include "base/points.h"
#include "paper/buildid.h"
#include "paper/labels.h"

#define MARK 6.0		/* corner mark side */
#define MARK_AT 12.0		/* mark centre from the page edges */
#define CHECK 3.0		/* check mark side: one mid-edge each */
#define QR_SIZE 24.0
#define QR_X 178.0		/* QR centre */
#define QR_Y 32.0
#define LEFT 20.0		/* body from LEFT to RIGHT, down to BOTTOM */
#define RIGHT 190.0
#define BOTTOM 276.0
#define TOP 54.0		/* body top below the page header */
#define R 2.6			/* bubble radius */
#define PITCH 6.6		/* bubble to bubble in a row */
#define ROW 7.2			/* row to row */
#define NUMW 10.0		/* question number before its bubbles */
#define COLGAP 5.0		/* between question columns */
#define ID_ROW 6.3		/* candidate-id digit rows */

/* The sheet's own words. */
struct sheet_words {
	const char *lang;
	const char *how[4];	/* instructions, one line each */
	const char *id_write;	/* above the id grid */
	const char *id_again;	/* above a continuation page's id grid */
	const char *tens, *units, *half;
	const char *qno_pre, *qno_post;	/* "第 ", " 题" */
	const char *cont;	/* "（续）" */
};

static const struct sheet_words words[] = {
	{ "zh-Hans",
	  { "用黑色签字笔或2B铅笔将所选选项的圆圈涂满；改答时擦净。",
	    "多选题涂满全部所选选项；判断题对涂T，错涂F。",
	    "请勿折叠、污损本卡；四角黑块与二维码处请勿书写。",
	    "阅卷人：每个评分项在十位、个位各涂一格，半分另涂 .5。" },
	  "考生编号（写数字并涂对应圆圈）", "考生编号（每页都要填涂）",
	  "十", "个", "半",
	  "第", "题", "（续）" },
	{ "zh-Hant",
	  { "用黑色簽字筆或2B鉛筆將所選選項的圓圈塗滿；改答時擦淨。",
	    "多選題塗滿全部所選選項；判斷題對塗T，錯塗F。",
	    "請勿摺疊、污損本卡；四角黑塊與二維碼處請勿書寫。",
	    "閱卷人：每個評分項在十位、個位各塗一格，半分另塗 .5。" },
	  "考生編號（寫數字並塗對應圓圈）", "考生編號（每頁都要填塗）",
	  "十", "個", "半",
	  "第", "題", "（續）" },
	{ "en",
	  { "Fill the bubble of your choice completely with a black",
	    "pen or 2B pencil; erase cleanly.  Multiple choice: fill every",
	    "option you choose.  True/false: fill T for true, F for false.",
	    "Markers: one bubble in tens and units a criterion; .5 adds a half." },
	  "Candidate ID (write the digits, fill their bubbles)",
	  "Candidate ID (on every page)", "10s", "1s", "+.5", "Q", "", " (cont.)" },
};

/* The words for a paper's labels. */
static const struct sheet_words *words_for(const struct labels *lb)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].lang, lb->html_lang))
			return &words[i];
	return &words[0];
}

/* v rounded to 0.01. */
static double mm(double v)
{
	return round(v * 100.0) / 100.0;
}

/* State of one sheet_layout_build(). */
struct lb_state {
	struct sheet_layout *L;
	const struct labels *lb;
	const struct sheet_words *w;
	const struct paper *p;
	const struct paper_form *f;
	const char *cand_id, *cand_name;
	unsigned page;
	double y;
	double side_x, side_bottom;	/* a continuation page's id grid: the
					 * full width is free below side_bottom,
					 * left of side_x above it */
	int oom;
};

/* Add a bubble at (x, y) of the current page. */
static struct sheet_bubble *add_bubble(struct lb_state *S, double x, double y,
				       enum sheet_bubble_kind kind)
{
	struct sheet_layout *L = S->L;
	struct sheet_bubble *b;

	if (ARRAY_GROW(L->bubbles, L->caps[0], L->nbubbles + 1) < 0) {
		S->oom = 1;
		return NULL;
	}
	b = &L->bubbles[L->nbubbles++];
	memset(b, 0, sizeof(*b));
	b->page = S->page;
	b->x = mm(x);
	b->y = mm(y);
	b->r = R;
	b->kind = kind;
	return b;
}

/* Add words at (x, y) of the current page (copied into the arena). */
static void add_text(struct lb_state *S, double x, double y,
		     enum sheet_role role, enum sheet_anchor anchor,
		     const char *text)
{
	struct sheet_layout *L = S->L;
	struct sheet_text *t;
	bool latin = true;

	if (ARRAY_GROW(L->texts, L->caps[1], L->ntexts + 1) < 0) {
		S->oom = 1;
		return;
	}
	t = &L->texts[L->ntexts];
	memset(t, 0, sizeof(*t));
	t->text = arena_strdup(&L->arena, text);
	if (!t->text) {
		S->oom = 1;
		return;
	}
	for (const char *c = text; *c; c++)
		if ((unsigned char)*c >= 0x80)
			latin = false;
	L->ntexts++;
	t->page = S->page;
	t->x = mm(x);
	t->y = mm(y);
	t->role = role;
	t->anchor = anchor;
	t->latin = latin;
}

/* Add a box (or a rule when h is 0) on the current page. */
static void add_rect(struct lb_state *S, double x, double y, double w,
		     double h, double lw)
{
	struct sheet_layout *L = S->L;

	if (ARRAY_GROW(L->rects, L->caps[2], L->nrects + 1) < 0) {
		S->oom = 1;
		return;
	}
	L->rects[L->nrects++] = (struct sheet_rect){ S->page, mm(x), mm(y),
						     mm(w), mm(h), lw };
}

/* Add a square (mark or QR) on the current page. */
static void add_square(struct lb_state *S, bool qr, double x, double y,
		       double size)
{
	struct sheet_layout *L = S->L;
	struct sheet_square **v = qr ? &L->qr : &L->marks;
	size_t *n = qr ? &L->nqr : &L->nmarks;

	if (array_grow(v, &L->caps[qr ? 4 : 3], *n + 1, sizeof(**v)) < 0) {
		S->oom = 1;
		return;
	}
	(*v)[(*n)++] = (struct sheet_square){ S->page, x, y, size };
}

/* A continuation page's candidate-id grid at its top right (blank sheets
 * of more than one page): scan pairs each page with its sheet by the id
 * bubbled on it, so pages may come in any order. */
static void side_id_block(struct lb_state *S)
{
	const double x0 = RIGHT - PITCH * SHEET_ID_DIGITS, top = TOP;

	add_text(S, x0, top, SR_LABEL, SA_LEFT, S->w->id_again);
	if (!S->oom)
		S->L->texts[S->L->ntexts - 1].id_grid = true;
	for (unsigned c = 0; c < SHEET_ID_DIGITS; c++)
		add_rect(S, x0 + PITCH * c, top + 4.5, PITCH, 6.5, 0.5);
	for (unsigned c = 0; c < SHEET_ID_DIGITS; c++)
		for (unsigned v = 0; v < 10; v++) {
			struct sheet_bubble *b = add_bubble(
				S, x0 + 3.3 + PITCH * c,
				top + 15 + ID_ROW * v, SB_ID);

			if (!b)
				return;
			b->digit = c + 1;
			b->value = v;
		}
	S->side_x = x0 - 4;
	S->side_bottom = top + 15 + ID_ROW * 9 + R + 4;
}

/* Start page S->page + 1: marks, QR place, header words. */
static void new_page(struct lb_state *S)
{
	const struct labels *lb = S->lb;
	char *s;

	S->page++;
	S->L->pages = S->page;
	add_square(S, false, MARK_AT, MARK_AT, MARK);
	add_square(S, false, SHEET_W - MARK_AT, MARK_AT, MARK);
	add_square(S, false, MARK_AT, SHEET_H - MARK_AT, MARK);
	add_square(S, false, SHEET_W - MARK_AT, SHEET_H - MARK_AT, MARK);
	/* check marks halfway along each edge: scan finds them where the
	 * corner marks predict, or the page is not decided */
	add_square(S, false, SHEET_W / 2, MARK_AT, CHECK);
	add_square(S, false, SHEET_W / 2, SHEET_H - MARK_AT, CHECK);
	add_square(S, false, MARK_AT, SHEET_H / 2, CHECK);
	add_square(S, false, SHEET_W - MARK_AT, SHEET_H / 2, CHECK);
	add_square(S, true, QR_X, QR_Y, QR_SIZE);
	add_text(S, LEFT, 14, SR_TITLE, SA_LEFT, lb->answer_sheet);
	s = arena_printf(&S->L->arena, "%s%s%s%s%s", S->p->tpl->code, lb->sep,
			 lb->form_pre, S->f->name, lb->form_post);
	if (s)
		add_text(S, LEFT, 23, SR_HEAD, SA_LEFT, s);
	if (s && !S->oom)
		S->L->texts[S->L->ntexts - 1].own = true;
	add_text(S, LEFT, 30, SR_SMALL, SA_LEFT, S->p->tpl->title);
	/* the page count is only known at the end: filled in then */
	add_text(S, QR_X, QR_Y + QR_SIZE / 2 + 1.5, SR_LABEL, SA_CENTER, "");
	if (S->cand_id) {
		s = arena_printf(&S->L->arena, "%s%s%s　　%s%s%s",
				 lb->candidate_id, lb->colon, S->cand_id,
				 lb->name, lb->colon,
				 S->cand_name ? S->cand_name : "");
		if (s)
			add_text(S, LEFT, 38, SR_BODY, SA_LEFT, s);
		if (s && !S->oom)
			S->L->texts[S->L->ntexts - 1].own = true;
	} else {
		add_text(S, LEFT, 38, SR_BODY, SA_LEFT, lb->name);
		add_rect(S, LEFT + 12, 43, 50, 0, 0.6);
		add_text(S, LEFT + 70, 38, SR_BODY, SA_LEFT, lb->candidate_id);
		add_rect(S, LEFT + 90, 43, 50, 0, 0.6);
	}
	add_rect(S, LEFT, 49, RIGHT - LEFT, 0, 0.8);
	S->y = TOP;
	S->side_bottom = 0;
	if (S->page > 1 && !S->cand_id)
		side_id_block(S);
}

/* Room for h more millimetres on this page, else a new page. */
static void need(struct lb_state *S, double h)
{
	if (S->y + h > BOTTOM)
		new_page(S);
}

/* Room for something reaching `above` over S->y, h below it and right
 * to x `right`: below a continuation page's id grid when it is wider
 * than the room beside it, on a new page when it does not fit. */
static void room(struct lb_state *S, double above, double h, double right)
{
	for (int tries = 0; tries < 2; tries++) {
		need(S, h);
		if (S->side_bottom > 0 && right > S->side_x &&
		    S->y - above < S->side_bottom)
			S->y = S->side_bottom + above;
		if (S->y + h <= BOTTOM)
			return;
		new_page(S);
	}
}

/* Page 1's candidate-id grid (blank sheets; on printed ones only its
 * place is kept, so bubbles stay where the key says) and the
 * instructions. */
static void id_block(struct lb_state *S)
{
	const double top = S->y, gx = LEFT + 3.3;
	double y = top;

	if (!S->cand_id) {
		add_text(S, LEFT, y, SR_LABEL, SA_LEFT, S->w->id_write);
		if (!S->oom)
			S->L->texts[S->L->ntexts - 1].id_grid = true;
		for (unsigned c = 0; c < SHEET_ID_DIGITS; c++)
			add_rect(S, LEFT + PITCH * c, y + 4.5, PITCH, 6.5,
				 0.5);
	}
	for (unsigned c = 0; c < SHEET_ID_DIGITS && !S->cand_id; c++)
		for (unsigned v = 0; v < 10; v++) {
			struct sheet_bubble *b = add_bubble(
				S, gx + PITCH * c, y + 15 + ID_ROW * v, SB_ID);

			if (!b)
				return;
			b->digit = c + 1;
			b->value = v;
		}
	y = top;
	for (size_t i = 0; i < 4; i++)
		add_text(S, LEFT + 64, y + 5.5 * (double)i, SR_SMALL, SA_LEFT,
			 S->w->how[i]);
	S->y = top + 15 + ID_ROW * 9 + R + 6;
}

/* One section's objective questions: rows across the page, a little gap
 * after every fifth row; a section split by the page foot repeats its
 * title. */
static void objective_section(struct lb_state *S, size_t s)
{
	const struct paper_form *f = S->f;
	const struct paper_section *ps = &f->sections[s];
	unsigned nopt = 2;
	size_t n = 0, k = 0, ncols;
	double colw;
	char *title;

	for (size_t i = ps->first; i < ps->first + ps->count; i++)
		if (item_is_objective(&f->items[i])) {
			n++;
			if (f->items[i].q->type != Q_TRUE_FALSE &&
			    f->items[i].noptions > nopt)
				nopt = f->items[i].noptions;
		}
	if (!n)
		return;
	colw = NUMW + PITCH * nopt + COLGAP;
	ncols = (size_t)((RIGHT - LEFT + COLGAP) / colw);
	if (ncols < 1)
		ncols = 1;
	if (ncols > n)
		ncols = n;
	colw = (RIGHT - LEFT) / (double)(ncols < 3 ? 3 : ncols);
	room(S, 0, 8 + ROW, RIGHT);
	add_text(S, LEFT, S->y, SR_HEAD, SA_LEFT, ps->title);
	S->y += 7 + R;
	for (size_t i = ps->first; i < ps->first + ps->count; i++) {
		const struct paper_item *it = &f->items[i];
		size_t c = k % ncols;
		bool tf = it->q->type == Q_TRUE_FALSE;
		unsigned nb = tf ? 2 : it->noptions;
		double x = LEFT + colw * (double)c;
		char num[16];

		if (!item_is_objective(it))
			continue;
		if (c == 0 && k) {
			S->y += ROW + ((k / ncols) % 5 == 0 ? 2 : 0);
			if (S->y + R > BOTTOM) {
				new_page(S);
				room(S, 0, 8 + ROW, RIGHT);
				title = arena_printf(&S->L->arena, "%s%s",
						     ps->title, S->w->cont);
				if (title)
					add_text(S, LEFT, S->y, SR_HEAD,
						 SA_LEFT, title);
				S->y += 7 + R;
			}
		}
		k++;
		snprintf(num, sizeof(num), "%u", it->no);
		add_text(S, x + NUMW - 2.5, S->y - 2.2, SR_SMALL, SA_RIGHT,
			 num);
		for (unsigned b = 0; b < nb; b++) {
			struct sheet_bubble *bb = add_bubble(
				S, x + NUMW + R + PITCH * b, S->y, SB_OPTION);

			if (!bb)
				return;
			bb->question = it->no;
			bb->option = tf ? (b ? 'F' : 'T') : (char)('A' + b);
		}
	}
	S->y += R + 6;
}

/* The score bubbles of one criterion (or of a whole question, criterion
 * 0) worth points, in one row: tens, units, half. */
static void score_row(struct lb_state *S, unsigned no, unsigned crit,
		      double points)
{
	const struct labels *lb = S->lb;
	unsigned tens = points_div(points, 10);
	unsigned units = points >= 10 ? 9 : points_div(points, 1);
	double x = LEFT + 46;
	double right = x + (tens ? 6 + PITCH * (tens + 1) + 3 : 0) + 6 +
		       PITCH * (units + 1) + 3 + 6 + PITCH;
	char name[LABEL_MAX], pts[LABEL_MAX], *s;

	/* the label above the bubbles, the bubbles down to y + R */
	room(S, 2.5, R + 0.5, right);
	if (crit) {
		s = arena_printf(&S->L->arena, "%s%u%s %s%s",
				 S->w->qno_pre, no, S->w->qno_post,
				 labels_criterion(lb, crit - 1, name),
				 labels_points(lb, points, pts));
	} else {
		s = arena_printf(&S->L->arena, "%s%u%s %s", S->w->qno_pre, no,
				 S->w->qno_post, labels_points(lb, points,
							       pts));
	}
	if (s)
		add_text(S, LEFT, S->y - 2.2, SR_LABEL, SA_LEFT, s);
	for (int g = SG_TENS; g <= SG_HALF; g++) {
		unsigned n = g == SG_TENS ? (tens ? tens + 1 : 0) :
			     g == SG_UNITS ? units + 1 : 1;
		const char *word = g == SG_TENS ? S->w->tens :
				   g == SG_UNITS ? S->w->units : S->w->half;

		if (!n)
			continue;
		add_text(S, x, S->y - 2.0, SR_TINY, SA_LEFT, word);
		x += 6;
		for (unsigned v = 0; v < n; v++) {
			struct sheet_bubble *b = add_bubble(S, x + R, S->y,
							    SB_SCORE);

			if (!b)
				return;
			b->question = no;
			b->criterion = crit;
			b->group = (enum sheet_group)g;
			b->value = g == SG_TENS ? 10.0 * v :
				   g == SG_UNITS ? v : 0.5;
			x += PITCH;
		}
		x += 3;
	}
	S->y += ROW;
}

/* The marker's score bubbles of every marked question, in order. */
static void score_section(struct lb_state *S)
{
	const struct paper_form *f = S->f;
	bool any = false;

	for (size_t i = 0; i < f->nitems; i++) {
		const struct paper_item *it = &f->items[i];
		const struct question *q = it->q;
		size_t nrows = q->type == Q_ESSAY ? q->nrubric : 0;

		if (item_is_objective(it))
			continue;
		if (!any) {
			/* the marker signs on the section's title line */
			room(S, 0, 7 + 2 * R + 0.5, RIGHT);
			add_text(S, LEFT, S->y, SR_HEAD, SA_LEFT,
				 S->lb->subjective);
			add_text(S, LEFT + 100, S->y, SR_BODY, SA_LEFT,
				 S->lb->marker);
			add_rect(S, LEFT + 118, S->y + 5, 50, 0, 0.6);
			S->y += 7 + R;
			any = true;
		}
		if (!nrows)
			score_row(S, it->no, 0, it->points);
		for (size_t k = 0; k < nrows; k++)
			score_row(S, it->no, (unsigned)k + 1, it->criteria ?
				  it->criteria[k] : q->rubric[k].points);
		S->y += 1.5;
	}
}

/* Lay out the whole sheet. */
int sheet_layout_build(struct sheet_layout *L, const struct paper *p,
		       const struct paper_form *f, const char *cand_id,
		       const char *cand_name)
{
	struct lb_state S = { L, labels_for(p), NULL, p, f, cand_id,
			      cand_name, 0, 0, 0, 0, 0 };
	const struct labels *lb = S.lb;

	memset(L, 0, sizeof(*L));
	arena_init(&L->arena);
	S.w = words_for(lb);
	new_page(&S);
	id_block(&S);
	for (size_t s = 0; s < f->nsections && !S.oom; s++)
		objective_section(&S, s);
	if (!S.oom)
		score_section(&S);
	/* page numbers, now that the count is known */
	for (size_t i = 0; i < L->ntexts && !S.oom; i++)
		if (!*L->texts[i].text) {
			char *s = arena_printf(&L->arena, "%s %u / %u",
					       lb->answer_sheet,
					       L->texts[i].page, L->pages);

			if (!s)
				S.oom = 1;
			else
				L->texts[i].text = s;
		}
	if (S.oom) {
		sheet_layout_release(L);
		return -1;
	}
	return 0;
}

/* Free a layout. */
void sheet_layout_release(struct sheet_layout *L)
{
	free(L->marks);
	free(L->qr);
	free(L->bubbles);
	free(L->texts);
	free(L->rects);
	arena_release(&L->arena);
	memset(L, 0, sizeof(*L));
}

/* Write one square list. */
static void write_squares(FILE *fp, const char *name,
			  const struct sheet_square *v, size_t n)
{
	char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX], c[FORMAT_NUMBER_MAX];

	fprintf(fp, "  %s:\n", name);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "    - {page: %u, x: %s, y: %s, size: %s}\n",
			v[i].page, format_number(v[i].x, a),
			format_number(v[i].y, b), format_number(v[i].size, c));
}

static const char *const group_names[] = { "tens", "units", "half" };

/* Write the key's layout block. */
int sheet_layout_write(FILE *fp, const struct sheet_layout *L,
		       const struct page_layout *pages)
{
	char a[FORMAT_NUMBER_MAX], b[FORMAT_NUMBER_MAX];
	char c[FORMAT_NUMBER_MAX], v[FORMAT_NUMBER_MAX];

	fprintf(fp, "layout:\n  size: [%g, %g]\n  pages: %u\n", SHEET_W,
		SHEET_H, L->pages);
	write_squares(fp, "marks", L->marks, L->nmarks);
	write_squares(fp, "qr", L->qr, L->nqr);
	if (pages && page_layout_write_qr(fp, pages) < 0)
		return -1;
	fputs("  bubbles:\n", fp);
	for (size_t i = 0; i < L->nbubbles; i++) {
		const struct sheet_bubble *bb = &L->bubbles[i];

		fprintf(fp, "    - {page: %u, x: %s, y: %s, r: %s, ", bb->page,
			format_number(bb->x, a), format_number(bb->y, b),
			format_number(bb->r, c));
		switch (bb->kind) {
		case SB_OPTION:
			fprintf(fp, "question: %u, option: %c}\n",
				bb->question, bb->option);
			break;
		case SB_SCORE:
			fprintf(fp, "question: %u, ", bb->question);
			if (bb->criterion)
				fprintf(fp, "criterion: %u, ", bb->criterion);
			fprintf(fp, "group: %s, value: %s}\n",
				group_names[bb->group],
				format_number(bb->value, v));
			break;
		case SB_ID:
			fprintf(fp, "id_digit: %u, value: %s}\n", bb->digit,
				format_number(bb->value, v));
			break;
		}
	}
	if (pages && page_layout_write_regions(fp, pages) < 0)
		return -1;
	return ferror(fp) ? -1 : 0;
}

/* A number of a layout entry; false (after an error) if missing or not
 * a number in [lo, hi]. */
static bool layout_num(const struct ynode *e, const char *key, double lo,
		       double hi, double *out, const char *path,
		       struct diags *d)
{
	const struct ynode *v = ynode_get(e, key);
	char *end;
	double x;

	if (!v) {
		diags_error(d, path, e->line, e->col, "layout entry lacks '%s'",
			    key);
		return false;
	}
	if (v->kind != YNODE_SCALAR)
		goto bad;
	x = strtod(v->str, &end);
	if (end == v->str || *end || !(x >= lo && x <= hi))
		goto bad;
	*out = x;
	return true;
bad:
	diags_error(d, path, v->line, v->col, "'%s' must be a number from "
		    "%g to %g", key, lo, hi);
	return false;
}

/* Read a list of squares. */
static int load_squares(struct sheet_layout *L, const struct ynode *n,
			bool qr, const char *path, struct diags *d)
{
	struct sheet_square **v = qr ? &L->qr : &L->marks;
	size_t *cnt = qr ? &L->nqr : &L->nmarks;

	if (!n || n->kind != YNODE_SEQ) {
		diags_error(d, path, n ? n->line : 0, n ? n->col : 0,
			    "layout '%s' must be a list", qr ? "qr" : "marks");
		return -1;
	}
	*v = calloc(n->n ? n->n : 1, sizeof(**v));
	if (!*v) {
		diags_oom(d);
		return -1;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *e = n->items[i];
		double page;
		struct sheet_square *s = &(*v)[*cnt];

		/* a paper page's (page-layout.h) */
		if (qr && page_layout_is_paper_qr(e))
			continue;
		if (e->kind != YNODE_MAP ||
		    !layout_num(e, "page", 1, L->pages, &page, path, d) ||
		    !layout_num(e, "x", 0, SHEET_W, &s->x, path, d) ||
		    !layout_num(e, "y", 0, SHEET_H, &s->y, path, d) ||
		    !layout_num(e, "size", 1, 100, &s->size, path, d))
			return -1;
		s->page = (unsigned)page;
		(*cnt)++;
	}
	return 0;
}

/* Read one bubble entry. */
static int load_bubble(struct sheet_bubble *b, const struct ynode *e,
		       unsigned pages, const char *path, struct diags *d)
{
	const struct ynode *v;
	double page, x;

	if (e->kind != YNODE_MAP ||
	    !layout_num(e, "page", 1, pages, &page, path, d) ||
	    !layout_num(e, "x", 0, SHEET_W, &b->x, path, d) ||
	    !layout_num(e, "y", 0, SHEET_H, &b->y, path, d) ||
	    !layout_num(e, "r", 0.5, 20, &b->r, path, d))
		return -1;
	b->page = (unsigned)page;
	if (ynode_get(e, "id_digit")) {
		b->kind = SB_ID;
		if (!layout_num(e, "id_digit", 1, SHEET_ID_DIGITS, &x, path,
				d) ||
		    !layout_num(e, "value", 0, 9, &b->value, path, d))
			return -1;
		b->digit = (unsigned)x;
		return 0;
	}
	if (!layout_num(e, "question", 1, 100000, &x, path, d))
		return -1;
	b->question = (unsigned)x;
	if ((v = ynode_get(e, "option"))) {
		b->kind = SB_OPTION;
		if (v->kind != YNODE_SCALAR || v->len != 1 ||
		    v->str[0] < 'A' || v->str[0] > 'Z') {
			diags_error(d, path, v->line, v->col,
				    "'option' must be a letter");
			return -1;
		}
		b->option = v->str[0];
		return 0;
	}
	b->kind = SB_SCORE;
	if (ynode_get(e, "criterion")) {
		if (!layout_num(e, "criterion", 1, 1000, &x, path, d))
			return -1;
		b->criterion = (unsigned)x;
	}
	v = ynode_get(e, "group");
	for (int g = SG_TENS; v && g <= SG_HALF; g++)
		if (v->kind == YNODE_SCALAR &&
		    !strcmp(v->str, group_names[g])) {
			b->group = (enum sheet_group)g;
			return layout_num(e, "value", 0, 1000, &b->value, path,
					  d) ? 0 : -1;
		}
	diags_error(d, path, v ? v->line : e->line, v ? v->col : e->col,
		    "a score bubble needs 'group' tens, units or half");
	return -1;
}

/* Read a key's layout. */
int sheet_layout_load(struct sheet_layout *L, const struct ynode *n,
		      const char *path, struct diags *d)
{
	const struct ynode *b;
	double pages;

	arena_init(&L->arena);
	if (n->kind != YNODE_MAP) {
		diags_error(d, path, n->line, n->col,
			    "'layout' must be a mapping");
		return -1;
	}
	if (!layout_num(n, "pages", 1, 1000, &pages, path, d))
		return -1;
	L->pages = (unsigned)pages;
	if (load_squares(L, ynode_get(n, "marks"), false, path, d) < 0 ||
	    load_squares(L, ynode_get(n, "qr"), true, path, d) < 0)
		return -1;
	b = ynode_get(n, "bubbles");
	if (!b || b->kind != YNODE_SEQ) {
		diags_error(d, path, n->line, n->col,
			    "layout 'bubbles' must be a list");
		return -1;
	}
	L->bubbles = calloc(b->n ? b->n : 1, sizeof(*L->bubbles));
	if (!L->bubbles) {
		diags_oom(d);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		if (load_bubble(&L->bubbles[i], b->items[i], L->pages, path,
				d) < 0)
			return -1;
		L->nbubbles++;
	}
	/* four corner marks a page, and four check marks on newer sheets */
	if ((L->nmarks != 4 * (size_t)L->pages &&
	     L->nmarks != 8 * (size_t)L->pages) || L->nqr != L->pages) {
		diags_error(d, path, n->line, n->col, "layout needs four "
			    "or eight marks and one qr per page");
		return -1;
	}
	return 0;
}

/* Copy s into out (cap bytes) with ';' and '%' escaped as %3B, %25. */
static void qr_escape(char *out, size_t cap, const char *s)
{
	size_t o = 0;

	for (; *s && o + 4 < cap; s++) {
		if (*s == ';' || *s == '%')
			o += (size_t)snprintf(out + o, cap - o, "%%%02X",
					      (unsigned char)*s);
		else
			out[o++] = *s;
	}
	out[o] = '\0';
}

/* The QR text of a page of a sheet or (paper) of a paper. */
static const char *qr_text(char *buf, bool paper, const struct paper *p,
			   const struct paper_form *f, unsigned page,
			   unsigned pages, const char *cand_id)
{
	char code[96], c[96], build[BUILD_ID_LEN + 1];

	qr_escape(code, sizeof(code), p->tpl->code);
	qr_escape(c, sizeof(c), cand_id ? cand_id : "");
	snprintf(buf, SHEET_QR_MAX, "EXAMGEN1%s;%s;%s;%s;%u;%u%s%s",
		 paper ? "P" : "", code, buildid_of_paper(p, build),
		 f->name, page, pages, cand_id ? ";" : "", c);
	return buf;
}

/* The QR text of a sheet page. */
const char *sheet_qr_text(char *buf, const struct paper *p,
			  const struct paper_form *f, unsigned page,
			  unsigned pages, const char *cand_id)
{
	return qr_text(buf, false, p, f, page, pages, cand_id);
}

/* The QR text of a paper page. */
const char *sheet_qr_paper_text(char *buf, const struct paper *p,
				const struct paper_form *f, unsigned page,
				unsigned pages, const char *cand_id)
{
	return qr_text(buf, true, p, f, page, pages, cand_id);
}

/* Copy field [s, e) unescaped into out (cap bytes); false if too long
 * or if it holds a control character (NUL included, which would cut it
 * short): examgen never writes one, so the code is forged or damaged. */
static bool qr_field(const char *s, const char *e, char *out, size_t cap)
{
	size_t o = 0;

	while (s < e) {
		unsigned v;

		if (*s == '%' && e - s >= 3 && sscanf(s + 1, "%2x", &v) == 1) {
			out[o++] = (char)v;
			s += 3;
		} else {
			out[o++] = *s++;
		}
		if ((unsigned char)out[o - 1] < 0x20 || out[o - 1] == 0x7F ||
		    o + 1 >= cap)
			return false;
	}
	out[o] = '\0';
	return true;
}

/* Parse a sheet QR text. */
bool sheet_qr_parse(const char *text, size_t len, struct sheet_qr *q)
{
	const char *f[8], *end = text + len;
	size_t n = 0, skip = 9;
	char num[16];

	memset(q, 0, sizeof(*q));
	/* a paper page's: "EXAMGEN1P;..." */
	if (len >= 10 && !memcmp(text, "EXAMGEN1P;", 10)) {
		q->paper_page = true;
		skip = 10;
	} else if (len < 9 || memcmp(text, "EXAMGEN1;", 9)) {
		return false;
	}
	f[n++] = text + skip;
	for (const char *c = text + skip; c < end && n < 8; c++)
		if (*c == ';')
			f[n++] = c + 1;
	if (n < 5 || n > 6)
		return false;
	f[n] = end + 1;
	if (!qr_field(f[0], f[1] - 1, q->paper, sizeof(q->paper)) ||
	    !qr_field(f[1], f[2] - 1, q->build, sizeof(q->build)) ||
	    !qr_field(f[2], f[3] - 1, q->form, sizeof(q->form)) ||
	    !qr_field(f[3], f[4] - 1, num, sizeof(num)) ||
	    !(q->page = (unsigned)strtoul(num, NULL, 10)) ||
	    !qr_field(f[4], f[5] - 1, num, sizeof(num)) ||
	    !(q->pages = (unsigned)strtoul(num, NULL, 10)) ||
	    q->page > q->pages)
		return false;
	if (n == 6 && !qr_field(f[5], f[6] - 1, q->cand, sizeof(q->cand)))
		return false;
	return *q->paper && *q->form;
}
