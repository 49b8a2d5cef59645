/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-mark.c - `examgen mark`: mark essays and short answers on screen
 * (docs/marking.md).  Loads the keys, opens the marks store, imports the
 * answers folders, names the markers given on the command line (printing
 * each one's secret link), serves the marking page until interrupted.
 * mark/ does the work; this layer checks the command line and prints. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "cmd/cmd.h"
#include "mark/mark-server.h"
#include "mark/mark-store.h"
#include "paper/keyset.h"

#define DEFAULT_PORT 8400

/* The command line of one run. */
struct mark_opts {
	const struct cmd_optval *keys, *answers, *markers, *arbiters;
	const char *store;
	char addr[64];
	unsigned port;
};

/* Split --listen ADDR:PORT into o; EXIT_DONE or a usage error. */
static int read_listen(struct mark_opts *o, const char *listen)
{
	const char *colon;
	char *end;
	unsigned long port;

	snprintf(o->addr, sizeof(o->addr), "127.0.0.1");
	o->port = DEFAULT_PORT;
	if (!listen)
		return EXIT_DONE;
	colon = strrchr(listen, ':');
	if (!colon || colon == listen || (size_t)(colon - listen) >=
	    sizeof(o->addr))
		return cmdline_usage_error(&cmd_mark_entry, "'--listen' must be "
				       "ADDR:PORT such as 127.0.0.1:8400, not "
				       "'%s'", listen);
	port = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || port > 65535)
		return cmdline_usage_error(&cmd_mark_entry, "'--listen' port must "
				       "be 0 to 65535, not '%s'", colon + 1);
	memcpy(o->addr, listen, (size_t)(colon - listen));
	o->addr[colon - listen] = '\0';
	if (!strcmp(o->addr, "localhost"))
		snprintf(o->addr, sizeof(o->addr), "127.0.0.1");
	o->port = (unsigned)port;
	return EXIT_DONE;
}

/* Read and check the options; EXIT_DONE or a usage error. */
static int read_opts(const struct cmd_args *a, struct mark_opts *o)
{
	o->keys = cmdline_arg(a, "key");
	o->answers = cmdline_arg(a, "answers");
	o->markers = cmdline_arg(a, "marker");
	o->arbiters = cmdline_arg(a, "arbiter");
	o->store = cmdline_arg_text(a, "store");
	if (!o->keys->n)
		return cmdline_usage_error(&cmd_mark_entry, "no '--key' given");
	if (!o->store)
		return cmdline_usage_error(&cmd_mark_entry, "no '--store' given");
	if (a->noperands)
		return cmdline_usage_error(&cmd_mark_entry, "unexpected operand "
				       "'%s'", a->operands[0]);
	return read_listen(o, cmdline_arg_text(a, "listen"));
}

/* Name the markers and arbiters of the command line in the store and
 * print each one's link; -1 with the error in d. */
static int name_markers(const struct mark_opts *o, struct mark_store *st,
			const char *base, struct diags *d)
{
	for (int role = 0; role < 2; role++) {
		const struct cmd_optval *v = role ? o->arbiters : o->markers;

		for (size_t i = 0; i < v->n; i++) {
			struct mark_marker m;

			if (strlen(v->v[i]) >= MARK_NAME_MAX) {
				diags_fail(d, DIAG_REFUSED, NULL, 0, 0,
					   "marker name '%.40s...' is longer "
					   "than %d bytes", v->v[i],
					   MARK_NAME_MAX - 1);
				return -1;
			}
			if (mark_store_marker(st, v->v[i], role ?
					      MARK_ROLE_ARBITER :
					      MARK_ROLE_MARKER, true,
					      &m) != 1) {
				diags_fail(d, DIAG_SYSTEM, st->path, 0, 0,
					   "cannot add marker '%s': %s",
					   v->v[i], mark_store_error(st));
				return -1;
			}
			fprintf(stderr, "examgen: %s '%s': %s#t=%s\n",
				m.role == MARK_ROLE_ARBITER ? "arbiter" :
				"marker", m.name, base, m.token);
		}
	}
	return 0;
}

/* Load the keys and import the answers folders into the store. */
static int load(const struct mark_opts *o, struct keyset *ks,
		struct mark_store *st, struct diags *d)
{
	int failed = 0;

	for (size_t i = 0; i < o->keys->n; i++)
		failed |= keyset_add(ks, o->keys->v[i], d) != 0;
	if (failed || mark_store_open(st, o->store, d) < 0)
		return -1;
	for (size_t i = 0; i < o->answers->n; i++) {
		size_t added = 0;

		if (mark_store_import(st, o->answers->v[i], ks->keys,
				      ks->nkeys, &added, d) < 0)
			return -1;
		fprintf(stderr, "examgen: %zu new answer parts from %s\n",
			added, o->answers->v[i]);
	}
	return 0;
}

/* Serve until SIGINT or SIGTERM. */
static int serve(const struct mark_opts *o, struct keyset *ks,
		 struct mark_store *st, struct diags *d)
{
	struct mark_server_config c = { o->addr, o->port, ks->keys, ks->nkeys,
					st };
	struct mark_server *srv;
	char base[96];
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (!(srv = mark_server_start(&c, d)))
		return -1;
	snprintf(base, sizeof(base), "http://%s:%u/", o->addr,
		 mark_server_port(srv));
	if (name_markers(o, st, base, d) < 0) {
		mark_server_stop(srv);
		return -1;
	}
	fprintf(stderr, "examgen: marking at %s%s (Ctrl-C stops)\n", base,
		mark_server_loopback(o->addr) ? "" : " through the links above");
	fflush(stderr);
	sigwait(&set, &sig);
	mark_server_stop(srv);
	fprintf(stderr, "examgen: stopped; every mark given is in %s\n",
		o->store);
	return 0;
}

/* Run `examgen mark`. */
static int cmd_mark_exec(const struct cmd_args *a)
{
	struct diags d = DIAGS_INIT;
	struct mark_store st = { NULL, NULL };
	struct mark_opts o;
	struct keyset ks;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = read_opts(a, &o)))
		return rc;
	if (!mark_server_loopback(o.addr) && !o.markers->n && !o.arbiters->n)
		return cmdline_usage_error(&cmd_mark_entry, "listening on '%s' "
				       "needs markers named with '--marker' or "
				       "'--arbiter' (they mark through secret "
				       "links; signing in by name is for "
				       "127.0.0.1 only)", o.addr);
	keyset_init(&ks);
	if (load(&o, &ks, &st, &d) == 0) {
		diags_print(&d, stderr);
		serve(&o, &ks, &st, &d);
	}
	diags_print(&d, stderr);
	rc = diags_exit(&d);
	mark_store_close(&st);
	diags_release(&d);
	keyset_release(&ks);
	return rc;
}

const struct cmd_entry cmd_mark_entry = {
	.name = "mark",
	.usage = "mark --key PATH... --store FILE [--listen ADDR:PORT] "
		 "[--answers DIR]... [--marker NAME]... [--arbiter NAME]...",
	.help =
	"Mark essays and short answers on screen: serve the marking page,\n"
	"keeping every mark in the store the moment it is given:\n"
	"  examgen mark --key out/ --store marks.db --answers answers/\n",
	.options = (const struct cmd_option[]){
		{ .name = "key", .arg = "PATH", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a key file (CODE-F.key.yaml) or a build output "
			  "folder (all its *.key.yaml); repeat for more" },
		{ .name = "store", .arg = "FILE", .type = OPT_TEXT,
		  .help = "the marks store (SQLite), created when absent" },
		{ .name = "listen", .arg = "ADDR:PORT", .type = OPT_TEXT,
		  .help = "where to serve (default 127.0.0.1:8400; port 0: "
			  "any free port)" },
		{ .name = "answers", .arg = "DIR", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "import the answers that 'scan --answers DIR' cut "
			  "(DIR/answers.csv); repeat for more" },
		{ .name = "marker", .arg = "NAME", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a marker, given a secret link (printed on standard "
			  "error); repeat for more" },
		{ .name = "arbiter", .arg = "NAME", .type = OPT_TEXT,
		  .repeat = true,
		  .help = "a senior marker (题组长) who settles answers "
			  "whose marks differ beyond the tolerance" },
		{ 0 },
	},
	.help_tail =
	"On 127.0.0.1 (the default) a marker signs in with their name; on any\n"
	"other address only through their secret link.  A marker chooses a\n"
	"question and marks its answers one at a time, in an order of their\n"
	"own, without the candidate's name or id, criterion by criterion\n"
	"(keyboard or mouse, halves allowed).  With 'marking: {double: true}'\n"
	"in the template each answer goes to two markers; marks more than\n"
	"the tolerance apart go to an arbiter.  'examgen grade --marks FILE'\n"
	"takes the final scores.  Ctrl-C stops the server; marks are saved\n"
	"as they are given.\n"
	"\n"
	"Exit: 0 stopped; 2 usage error, missing key, bad answers list or a\n"
	"store of a newer examgen; 3 system error (cannot listen, I/O).\n",
	.exec = cmd_mark_exec,
};
