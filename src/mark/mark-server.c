/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-server.c - the marking service over HTTP (see mark-server.h). */
#include "mark/mark-server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/fileio.h"
#include "mark/mark-page.h"

#define BODY_MAX 4096			/* bytes of a request body */
#define TOKEN_HEADER "X-Examgen-Token"
#define HOST_MAX (INET_ADDRSTRLEN + 8)	/* "ADDR:PORT" and NUL */
#define IMAGE_MAX ((size_t)64 * 1024 * 1024)	/* bytes of one crop */

/* One question to mark: a written question of a paper, as its first key
 * that has it describes it. */
struct mark_question {
	const char *paper;
	const char *qid;
	const struct key_item *it;
	const struct key *key;
	size_t ncrit;
	double points[MARK_MAX_CRITERIA];
};

struct mark_server {
	struct MHD_Daemon *mhd;
	struct mark_store *store;
	bool loopback;
	unsigned port;
	char addr[INET_ADDRSTRLEN];
	struct mark_question *questions;
	size_t nquestions;
	char *page;			/* the page with the title in */
	size_t page_len;
	char *csp;
	char *hosts[3];			/* Host values accepted */
};

/* A response being written: a growing text. */
struct out {
	char *buf;
	size_t len;
	FILE *fp;
};

/* Start an empty response text. */
static int out_open(struct out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->fp = open_memstream(&o->buf, &o->len);
	return o->fp ? 0 : -1;
}

/* Write s as a JSON string: quotes, backslashes and control characters
 * escaped, and < > & as \u escapes so that no text can close a tag. */
static void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20 || c == '<' || c == '>' || c == '&')
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

/* Write a number in plain decimal. */
static void json_num(FILE *fp, double v)
{
	char buf[FORMAT_NUMBER_MAX];

	fputs(format_number(v, buf), fp);
}

/* Queue a response of len bytes of buf (copied) with type and status. */
static enum MHD_Result reply(struct mark_server *s,
			     struct MHD_Connection *conn, unsigned status,
			     const char *type, const void *buf, size_t len)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)buf,
					    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy", s->csp);
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Reply with the JSON text of o (closed here). */
static enum MHD_Result reply_json(struct mark_server *s,
				  struct MHD_Connection *conn, unsigned status,
				  struct out *o)
{
	enum MHD_Result ret;

	if (fclose(o->fp) != 0) {
		free(o->buf);
		return MHD_NO;
	}
	ret = reply(s, conn, status, "application/json; charset=utf-8",
		    o->buf, o->len);
	free(o->buf);
	return ret;
}

/* Reply {"error": msg} with status. */
static enum MHD_Result reply_error(struct mark_server *s,
				   struct MHD_Connection *conn,
				   unsigned status, const char *msg)
{
	struct out o;

	if (out_open(&o) < 0)
		return MHD_NO;
	fputs("{\"error\":", o.fp);
	json_str(o.fp, msg);
	fputs("}", o.fp);
	return reply_json(s, conn, status, &o);
}

/* Decode %XX and '+' of a form value in place. */
static void url_decode(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '+') {
			*w++ = ' ';
		} else if (*s == '%' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], 0 };
			char *end;
			long v = strtol(hex, &end, 16);

			if (*end || v <= 0) {
				*w++ = *s;
				continue;
			}
			*w++ = (char)v;
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* The value of field name in a form body (decoded into buf of n bytes),
 * or NULL. */
static const char *form_value(const char *body, const char *name, char *buf,
			      size_t n)
{
	size_t len = strlen(name);

	for (const char *p = body; p && *p; p = strchr(p, '&'), p = p ? p + 1
								   : NULL) {
		const char *end;

		if (strncmp(p, name, len) || p[len] != '=')
			continue;
		end = strchr(p + len + 1, '&');
		if (!end)
			end = p + strlen(p);
		if ((size_t)(end - p - (long)len - 1) >= n)
			return NULL;
		memcpy(buf, p + len + 1, (size_t)(end - p) - len - 1);
		buf[(size_t)(end - p) - len - 1] = '\0';
		url_decode(buf);
		return buf;
	}
	return NULL;
}

/* A whole number from text (1..max), or 0. */
static long long parse_id(const char *t, long long max)
{
	char *end;
	long long v;

	if (!t || *t < '0' || *t > '9')
		return 0;
	errno = 0;
	v = strtoll(t, &end, 10);
	return errno || *end || v < 1 || v > max ? 0 : v;
}

/* The question of index text, or NULL. */
static const struct mark_question *question_of(struct mark_server *s,
					       const char *text)
{
	long long q = parse_id(text, (long long)s->nquestions);

	return q ? &s->questions[q - 1] : NULL;
}

/* Marks a question needs before it can be final without an arbiter. */
static unsigned question_need(const struct mark_question *q)
{
	return q->key->marking.twice ? 2 : 1;
}

/* Write the progress of question q for marker m as JSON members. */
static int write_progress(struct mark_server *s, FILE *fp,
			  const struct mark_marker *m,
			  const struct mark_question *q)
{
	struct mark_progress p;

	if (mark_store_progress(s->store, m, q->paper, q->qid, &p) < 0)
		return -1;
	fprintf(fp, "\"answers\":%u,\"need\":%u,\"mine\":%u,\"marks\":%u,"
		"\"arbitrate\":%u,\"final\":%u", p.answers, question_need(q),
		p.mine, p.marks, p.arbitrate, p.final);
	return 0;
}

/* GET /api/state: who is signed in and the questions with progress. */
static enum MHD_Result api_state(struct mark_server *s,
				 struct MHD_Connection *conn,
				 const struct mark_marker *m)
{
	struct out o;

	if (out_open(&o) < 0)
		return MHD_NO;
	fputs("{\"name\":", o.fp);
	json_str(o.fp, m->name);
	fprintf(o.fp, ",\"arbiter\":%s,\"lang\":",
		m->role == MARK_ROLE_ARBITER ? "true" : "false");
	json_str(o.fp, s->nquestions ? s->questions[0].key->language : "zh");
	fputs(",\"questions\":[", o.fp);
	for (size_t i = 0; i < s->nquestions; i++) {
		const struct mark_question *q = &s->questions[i];

		fprintf(o.fp, "%s{\"q\":%zu,\"paper\":", i ? "," : "", i + 1);
		json_str(o.fp, q->paper);
		fprintf(o.fp, ",\"number\":%u,\"id\":", q->it->no);
		json_str(o.fp, q->qid);
		fputs(",\"stem\":", o.fp);
		json_str(o.fp, q->it->stem ? q->it->stem : "");
		fputs(",\"points\":", o.fp);
		json_num(o.fp, q->it->points);
		fprintf(o.fp, ",\"double\":%s,\"tolerance\":",
			q->key->marking.twice ? "true" : "false");
		json_num(o.fp, q->key->marking.tolerance);
		fputs(",", o.fp);
		if (write_progress(s, o.fp, m, q) < 0) {
			fclose(o.fp);
			free(o.buf);
			return reply_error(s, conn, 500, "store error");
		}
		fputs("}", o.fp);
	}
	fputs("]}", o.fp);
	return reply_json(s, conn, 200, &o);
}

/* Write a list of texts as a JSON array. */
static void json_texts(FILE *fp, const char *const *v, size_t n)
{
	fputc('[', fp);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "," : "", fp);
		json_str(fp, v[i]);
	}
	fputc(']', fp);
}

/* GET /api/rubric?q=N: the question's stem, criteria, reference, keys
 * and deductions. */
static enum MHD_Result api_rubric(struct mark_server *s,
				  struct MHD_Connection *conn,
				  const struct mark_question *q)
{
	const struct key_item *it = q->it;
	struct out o;

	if (out_open(&o) < 0)
		return MHD_NO;
	fputs("{\"stem\":", o.fp);
	json_str(o.fp, it->stem ? it->stem : "");
	fputs(",\"points\":", o.fp);
	json_num(o.fp, it->points);
	fputs(",\"criteria\":[", o.fp);
	for (size_t k = 0; k < q->ncrit; k++) {
		fputs(k ? ",{\"text\":" : "{\"text\":", o.fp);
		json_str(o.fp, it->type == Q_ESSAY ? it->criteria[k] : "");
		fputs(",\"points\":", o.fp);
		json_num(o.fp, q->points[k]);
		fputs("}", o.fp);
	}
	fputs("],\"reference\":", o.fp);
	json_str(o.fp, it->reference ? it->reference : "");
	fputs(",\"keys\":", o.fp);
	json_texts(o.fp, it->keys, it->nkeys);
	fputs(",\"deductions\":", o.fp);
	json_texts(o.fp, it->deductions, it->ndeductions);
	fputs("}", o.fp);
	return reply_json(s, conn, 200, &o);
}

/* The earlier marks of answer id (for the arbiter) as a JSON array. */
struct earlier {
	FILE *fp;
	long long id;
	unsigned n;
};

/* Write one earlier mark of the answer being arbitrated. */
static int earlier_mark(const struct mark_answer *a,
			const struct mark_given *g, size_t n, void *ctx)
{
	struct earlier *e = ctx;

	if (a->id != e->id)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (g[i].slot == 3)
			continue;
		fputs(e->n++ ? ",[" : "[", e->fp);
		for (size_t k = 0; k < g[i].nscores; k++) {
			fputs(k ? "," : "", e->fp);
			json_num(e->fp, g[i].scores[k]);
		}
		fputs("]", e->fp);
	}
	return 1;
}

/* POST /api/next (q=N, arb=0|1): the marker's next answer, dealt now. */
static enum MHD_Result api_next(struct mark_server *s,
				struct MHD_Connection *conn,
				const struct mark_marker *m,
				const struct mark_question *q, bool arb)
{
	struct mark_answer a;
	long long id = 0;
	struct out o;
	int rc;

	if (arb && m->role != MARK_ROLE_ARBITER)
		return reply_error(s, conn, 403, "not an arbiter");
	rc = mark_store_next(s->store, m, q->paper, q->qid, question_need(q),
			     arb, &id);
	if (rc < 0)
		return reply_error(s, conn, 500, "store error");
	if (out_open(&o) < 0)
		return MHD_NO;
	if (rc == 0) {
		fputs("{\"answer\":null,", o.fp);
	} else {
		if (mark_store_answer(s->store, id, &a) != 1) {
			fclose(o.fp);
			free(o.buf);
			return reply_error(s, conn, 500, "store error");
		}
		fprintf(o.fp, "{\"answer\":%lld,\"parts\":%zu,", id, a.nparts);
		mark_store_answer_release(&a);
		if (arb) {
			struct earlier e = { o.fp, id, 0 };

			fputs("\"earlier\":[", o.fp);
			mark_store_each(s->store, earlier_mark, &e);
			fputs("],", o.fp);
		}
	}
	if (write_progress(s, o.fp, m, q) < 0) {
		fclose(o.fp);
		free(o.buf);
		return reply_error(s, conn, 500, "store error");
	}
	fputs("}", o.fp);
	return reply_json(s, conn, 200, &o);
}

/* The marker's own marks being written. */
struct history {
	FILE *fp;
	struct mark_store *store;
	unsigned n;
};

/* Write one of the marker's own marks as a JSON object. */
static int history_mark(const struct mark_given *g, void *ctx)
{
	struct history *h = ctx;
	struct mark_answer a;
	double total = 0;
	size_t parts = 0;

	if (mark_store_answer(h->store, g->answer, &a) == 1) {
		parts = a.nparts;
		mark_store_answer_release(&a);
	}
	fprintf(h->fp, "%s{\"answer\":%lld,\"parts\":%zu,\"arbiter\":%s,"
		"\"scores\":[", h->n++ ? "," : "", g->answer, parts,
		g->slot == 3 ? "true" : "false");
	for (size_t k = 0; k < g->nscores; k++) {
		fputs(k ? "," : "", h->fp);
		json_num(h->fp, g->scores[k]);
		total += g->scores[k];
	}
	fputs("],\"total\":", h->fp);
	json_num(h->fp, total);
	fputs(",\"time\":", h->fp);
	json_str(h->fp, g->time);
	fputs("}", h->fp);
	return 0;
}

/* GET /api/history?q=N: the marker's own marks of the question, oldest
 * first (for going back). */
static enum MHD_Result api_history(struct mark_server *s,
				   struct MHD_Connection *conn,
				   const struct mark_marker *m,
				   const struct mark_question *q)
{
	struct out o;
	struct history h;

	if (out_open(&o) < 0)
		return MHD_NO;
	h.fp = o.fp;
	h.store = s->store;
	h.n = 0;
	fputs("[", o.fp);
	if (mark_store_history(s->store, m, q->paper, q->qid, history_mark,
			       &h) < 0) {
		fclose(o.fp);
		free(o.buf);
		return reply_error(s, conn, 500, "store error");
	}
	fputs("]", o.fp);
	return reply_json(s, conn, 200, &o);
}

/* GET /api/image?a=ID&p=K: crop K of an answer the marker holds, read
 * from the store's list of files only. */
static enum MHD_Result api_image(struct mark_server *s,
				 struct MHD_Connection *conn,
				 const struct mark_marker *m, const char *a_text,
				 const char *p_text)
{
	long long id = parse_id(a_text, INT64_MAX / 2);
	long long part = parse_id(p_text, MARK_MAX_PARTS);
	struct mark_answer a;
	enum MHD_Result ret;
	char *buf = NULL;
	size_t len = 0;
	enum fileio_err fe = FILEIO_ENOENT;

	if (!id || !part || mark_store_holds(s->store, m, id) != 1 ||
	    mark_store_answer(s->store, id, &a) != 1)
		return reply_error(s, conn, 404, "no such image");
	if ((size_t)part <= a.nparts)
		fe = fileio_read(a.files[part - 1], IMAGE_MAX, &buf, &len);
	mark_store_answer_release(&a);
	if (fe != FILEIO_OK)
		return reply_error(s, conn, 404, "no such image");
	ret = reply(s, conn, 200, "image/png", buf, len);
	free(buf);
	return ret;
}

/* Read "1,2.5,3" into v (at most max); the count, or 0 if malformed. */
static size_t parse_scores_text(const char *t, double *v, size_t max)
{
	size_t n = 0;

	while (t && *t) {
		char *end;

		if (n == max || !((*t >= '0' && *t <= '9') || *t == '-'))
			return 0;
		v[n++] = strtod(t, &end);
		if (end == t || (*end && *end != ','))
			return 0;
		t = *end ? end + 1 : end;
	}
	return n;
}

/* POST /api/mark (a=ID, s=SCORES): save the marker's scores. */
static enum MHD_Result api_mark(struct mark_server *s,
				struct MHD_Connection *conn,
				const struct mark_marker *m, const char *body)
{
	char abuf[32], sbuf[1024];
	long long id = parse_id(form_value(body, "a", abuf, sizeof(abuf)),
				INT64_MAX / 2);
	double scores[MARK_MAX_CRITERIA];
	const struct mark_question *q = NULL;
	struct mark_answer a;
	size_t n;
	static const char *const why[] = {
		[MARK_NOT_ASSIGNED] = "this answer is not yours to mark",
		[MARK_ALREADY] = "you have marked this answer already",
		[MARK_BAD_SCORES] = "a score is over its criterion's points "
				    "or not in halves",
		[MARK_STORE_ERROR] = "the mark could not be saved",
	};
	enum mark_refusal r;

	n = parse_scores_text(form_value(body, "s", sbuf, sizeof(sbuf)),
			      scores, MARK_MAX_CRITERIA);
	if (!id || mark_store_answer(s->store, id, &a) != 1)
		return reply_error(s, conn, 404, "no such answer");
	for (size_t i = 0; i < s->nquestions && !q; i++)
		if (!strcmp(s->questions[i].paper, a.paper) &&
		    !strcmp(s->questions[i].qid, a.qid))
			q = &s->questions[i];
	mark_store_answer_release(&a);
	if (!q)
		return reply_error(s, conn, 404, "no such answer");
	if (n != q->ncrit)
		return reply_error(s, conn, 422, why[MARK_BAD_SCORES]);
	r = mark_store_save(s->store, m, id, scores, n, q->points,
			    &q->key->marking);
	if (r == MARK_OK)
		return reply(s, conn, 200, "application/json", "{\"ok\":true}",
			     11);
	return reply_error(s, conn, r == MARK_STORE_ERROR ? 500 :
			   r == MARK_BAD_SCORES ? 422 : 409, why[r]);
}

/* POST /api/login (name, arbiter=1): sign in by name, loopback only. */
static enum MHD_Result api_login(struct mark_server *s,
				 struct MHD_Connection *conn, const char *body)
{
	char name[MARK_NAME_MAX * 3], flag[8];
	struct mark_marker m;
	const char *arb = form_value(body, "arbiter", flag, sizeof(flag));
	struct out o;

	if (!s->loopback)
		return reply_error(s, conn, 403, "sign in through your link");
	if (!form_value(body, "name", name, sizeof(name)) || !name[0] ||
	    strlen(name) >= MARK_NAME_MAX)
		return reply_error(s, conn, 422, "a name of 1 to 63 bytes");
	if (mark_store_marker(s->store, name, arb && !strcmp(arb, "1") ?
			      MARK_ROLE_ARBITER : MARK_ROLE_MARKER, true,
			      &m) != 1)
		return reply_error(s, conn, 500, "store error");
	if (out_open(&o) < 0)
		return MHD_NO;
	fputs("{\"token\":", o.fp);
	json_str(o.fp, m.token);
	fputs("}", o.fp);
	return reply_json(s, conn, 200, &o);
}

/* Whether the request's Host is one of ours (no DNS rebinding). */
static bool host_ok(struct mark_server *s, struct MHD_Connection *conn)
{
	const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						    "Host");

	for (size_t i = 0; h && i < 3; i++)
		if (s->hosts[i] && !strcmp(h, s->hosts[i]))
			return true;
	return false;
}

/* Whether a write comes from our own page: an Origin, when sent, naming
 * our host, and no cross-site fetch. */
static bool origin_ok(struct mark_server *s, struct MHD_Connection *conn)
{
	const char *o = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						    "Origin");
	const char *site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						       "Sec-Fetch-Site");

	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return false;
	if (!o)
		return true;
	if (strncmp(o, "http://", 7))
		return false;
	for (size_t i = 0; i < 3; i++)
		if (s->hosts[i] && !strcmp(o + 7, s->hosts[i]))
			return true;
	return false;
}

/* The body of a POST being received. */
struct body {
	char buf[BODY_MAX + 1];
	size_t len;
	bool too_long;
};

/* Route one request. */
static enum MHD_Result route(struct mark_server *s,
			     struct MHD_Connection *conn, const char *url,
			     bool post, const char *body)
{
	const char *token = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							TOKEN_HEADER);
	const char *qtext = MHD_lookup_connection_value(conn,
							MHD_GET_ARGUMENT_KIND,
							"q");
	char qbuf[16];
	const struct mark_question *q;
	struct mark_marker m;

	if (!post && !strcmp(url, "/"))
		return reply(s, conn, 200, "text/html; charset=utf-8", s->page,
			     s->page_len);
	if (post && !strcmp(url, "/api/login"))
		return api_login(s, conn, body);
	if (strncmp(url, "/api/", 5))
		return reply_error(s, conn, 404, "not found");
	if (!token || strlen(token) != MARK_TOKEN_LEN ||
	    mark_store_marker_by_token(s->store, token, &m) != 1)
		return reply_error(s, conn, 401, "sign in first");
	if (post)
		qtext = form_value(body, "q", qbuf, sizeof(qbuf));
	q = question_of(s, qtext);
	if (!post && !strcmp(url, "/api/state"))
		return api_state(s, conn, &m);
	if (!post && !strcmp(url, "/api/image"))
		return api_image(s, conn, &m,
				 MHD_lookup_connection_value(
					 conn, MHD_GET_ARGUMENT_KIND, "a"),
				 MHD_lookup_connection_value(
					 conn, MHD_GET_ARGUMENT_KIND, "p"));
	if (post && !strcmp(url, "/api/mark"))
		return api_mark(s, conn, &m, body);
	if (!q)
		return reply_error(s, conn, 404, "no such question");
	if (!post && !strcmp(url, "/api/rubric"))
		return api_rubric(s, conn, q);
	if (!post && !strcmp(url, "/api/history"))
		return api_history(s, conn, &m, q);
	if (post && !strcmp(url, "/api/next")) {
		char abuf[4];
		const char *arb = form_value(body, "arb", abuf, sizeof(abuf));

		return api_next(s, conn, &m, q, arb && !strcmp(arb, "1"));
	}
	return reply_error(s, conn, 404, "not found");
}

/* libmicrohttpd's request handler: gather a POST body, check the host and
 * origin, route. */
static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct mark_server *s = cls;
	bool post = !strcmp(method, "POST");
	struct body *b = *con_cls;

	(void)version;
	if (!post && strcmp(method, "GET"))
		return reply_error(s, conn, 405, "method not allowed");
	if (post && !b) {
		if (!(b = calloc(1, sizeof(*b))))
			return MHD_NO;
		*con_cls = b;
		return MHD_YES;
	}
	if (post && *upload_size) {
		if (b->len + *upload_size > BODY_MAX)
			b->too_long = true;
		else
			memcpy(b->buf + b->len, upload, *upload_size);
		if (!b->too_long)
			b->len += *upload_size;
		*upload_size = 0;
		return MHD_YES;
	}
	if (!host_ok(s, conn))
		return reply_error(s, conn, 421, "wrong host");
	if (post && !origin_ok(s, conn))
		return reply_error(s, conn, 403, "cross-site request");
	if (post && b->too_long)
		return reply_error(s, conn, 413, "request too long");
	if (post)
		b->buf[b->len] = '\0';
	return route(s, conn, url, post, post ? b->buf : "");
}

/* Free a request's body when it completes. */
static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	free(*con_cls);
	*con_cls = NULL;
}

/* True if addr is an IPv4 loopback address. */
bool mark_server_loopback(const char *addr)
{
	struct in_addr in;

	return inet_pton(AF_INET, addr, &in) == 1 &&
	       (ntohl(in.s_addr) >> 24) == 127;
}

/* Collect the written questions of the keys, each (paper, id) once. */
static int collect_questions(struct mark_server *s,
			     const struct mark_server_config *c)
{
	size_t cap = 0;

	for (size_t i = 0; i < c->nkeys; i++)
		cap += c->keys[i]->nitems;
	if (!(s->questions = calloc(cap ? cap : 1, sizeof(*s->questions))))
		return -1;
	for (size_t i = 0; i < c->nkeys; i++) {
		const struct key *k = c->keys[i];

		for (size_t j = 0; j < k->nitems; j++) {
			const struct key_item *it = &k->items[j];
			struct mark_question *q;
			bool seen = false;

			if (it->type != Q_ESSAY && it->type != Q_SHORT)
				continue;
			for (size_t x = 0; x < s->nquestions && !seen; x++)
				seen = !strcmp(s->questions[x].paper,
					       k->paper) &&
				       !strcmp(s->questions[x].qid, it->id);
			if (seen || (it->type == Q_ESSAY &&
				     it->ncriteria > MARK_MAX_CRITERIA))
				continue;
			q = &s->questions[s->nquestions++];
			q->paper = k->paper;
			q->qid = it->id;
			q->it = it;
			q->key = k;
			q->ncrit = it->type == Q_ESSAY ? it->ncriteria : 1;
			for (size_t x = 0; x < q->ncrit; x++)
				q->points[x] = it->type == Q_ESSAY ?
					       it->criterion_points[x] :
					       it->points;
		}
	}
	return 0;
}

/* Start serving. */
struct mark_server *mark_server_start(const struct mark_server_config *c,
				      struct diags *d)
{
	struct mark_server *s = calloc(1, sizeof(*s));
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;

	if (!s) {
		diags_oom(d);
		return NULL;
	}
	s->store = c->store;
	s->loopback = mark_server_loopback(c->addr);
	snprintf(s->addr, sizeof(s->addr), "%s", c->addr);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)c->port);
	if (inet_pton(AF_INET, c->addr, &sa.sin_addr) != 1) {
		diags_fail(d, DIAG_REFUSED, NULL, 0, 0, "'%s' is not an IPv4 "
			   "address", c->addr);
		goto fail;
	}
	if (collect_questions(s, c) < 0 ||
	    !(s->page = mark_page_render(c->nkeys ? c->keys[0]->title : "",
					 &s->page_len)) ||
	    !(s->csp = mark_page_csp())) {
		diags_oom(d);
		goto fail;
	}
	s->mhd = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
				  MHD_USE_AUTO, 0, NULL, NULL, handle, s,
				  MHD_OPTION_SOCK_ADDR, &sa,
				  MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
				  MHD_OPTION_CONNECTION_LIMIT, 200u,
				  MHD_OPTION_CONNECTION_TIMEOUT, 60u,
				  MHD_OPTION_END);
	if (!s->mhd) {
		diags_fail(d, DIAG_SYSTEM, NULL, 0, 0, "cannot listen on "
			   "%s:%u: %s", c->addr, c->port, strerror(errno));
		goto fail;
	}
	info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : c->port;
	for (size_t i = 0; i < 2; i++) {
		if (!(s->hosts[i] = malloc(HOST_MAX))) {
			diags_oom(d);
			goto fail;
		}
		snprintf(s->hosts[i], HOST_MAX, "%s:%u", i ? "localhost" :
			 s->addr, s->port);
		if (!s->loopback)
			break;
	}
	return s;
fail:
	mark_server_stop(s);
	return NULL;
}

/* The port it listens on. */
unsigned mark_server_port(const struct mark_server *s)
{
	return s->port;
}

/* Stop serving and free the server. */
void mark_server_stop(struct mark_server *s)
{
	if (!s)
		return;
	if (s->mhd)
		MHD_stop_daemon(s->mhd);
	for (size_t i = 0; i < 3; i++)
		free(s->hosts[i]);
	free(s->questions);
	free(s->page);
	free(s->csp);
	free(s);
}
