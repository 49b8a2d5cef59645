/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mark-server.h - the marking service of `examgen mark` (docs/marking.md):
 * an HTTP server (libmicrohttpd, one thread) that serves the marking page
 * (mark-page) and its JSON calls over the marks store.  Every call but the
 * page itself carries the marker's token in a header (never in a URL);
 * sign-in by name is open on a loopback address only, elsewhere markers
 * come in through their secret links.  The server refuses what the page
 * would refuse whatever the client sends, serves images only from the
 * store's own list of crops, checks the Host of every request (no DNS
 * rebinding) and the origin of every write, and sends a strict
 * Content-Security-Policy. */
#ifndef EXAMGEN_MARK_MARK_SERVER_H
#define EXAMGEN_MARK_MARK_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "mark/mark-store.h"
#include "paper/key.h"

struct mark_server_config {
	const char *addr;		/* IPv4 address to listen on */
	unsigned port;			/* 0: any free port */
	struct key *const *keys;	/* the questions to mark */
	size_t nkeys;
	struct mark_store *store;
};

struct mark_server;

/* True if addr is an IPv4 loopback address (127.0.0.0/8). */
bool mark_server_loopback(const char *addr);
/* Start serving; NULL with the reason in d. */
struct mark_server *mark_server_start(const struct mark_server_config *c,
				      struct diags *d);
/* The port it listens on. */
unsigned mark_server_port(const struct mark_server *s);
/* Stop serving and free the server. */
void mark_server_stop(struct mark_server *s);

#endif
