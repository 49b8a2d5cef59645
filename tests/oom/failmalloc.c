/* SPDX-License-Identifier: GPL-3.0-or-later */
/* failmalloc.c - out-of-memory fault injection for examgen, preloaded with
 * LD_PRELOAD.  Counts the allocations that examgen's own code makes (the
 * caller's address lies in the main program, not in a library) and makes
 * the Nth of them fail; tracks those allocations and reports at exit how
 * many were never freed.
 *   FAILMALLOC_FAIL=N     fail the Nth allocation of examgen's code (0: none)
 *   FAILMALLOC_REPORT=F   at exit write "allocations A leaked L" to file F
 *   FAILMALLOC_TRACE=1    print the call stack of the failed allocation
 * Library allocations are never failed: the test is of examgen's handling
 * of out of memory, not of libyaml's or cairo's. */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

/* The main program's loaded segments. */
static struct {
	uintptr_t lo[8], hi[8];
	int n;
} prog;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long fail_at, count;
static int ready;

/* An open-addressing set of the live pointers examgen's code allocated. */
static void **live;
static size_t live_cap, live_n;

/* Record the main program's PT_LOAD ranges (the first object listed). */
static int find_program(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum && prog.n < 8; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD)
			continue;
		prog.lo[prog.n] = info->dlpi_addr + ph->p_vaddr;
		prog.hi[prog.n] = prog.lo[prog.n] + ph->p_memsz;
		prog.n++;
	}
	return 1;
}

/* True when the address lies in the main program. */
static int in_program(const void *addr)
{
	uintptr_t a = (uintptr_t)addr;

	for (int i = 0; i < prog.n; i++)
		if (a >= prog.lo[i] && a < prog.hi[i])
			return 1;
	return 0;
}

/* Slot of p in the set (an empty one when p is absent). */
static size_t slot(void *p)
{
	size_t i = ((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15u & (live_cap - 1);

	while (live[i] && live[i] != p)
		i = (i + 1) & (live_cap - 1);
	return i;
}

/* Add p to the set (growing it when half full). */
static void track(void *p)
{
	if (2 * (live_n + 1) > live_cap) {
		void **old = live;
		size_t oldcap = live_cap;

		live_cap = live_cap ? 2 * live_cap : 1024;
		live = __libc_calloc(live_cap, sizeof(*live));
		if (!live)
			abort();
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				live[slot(old[i])] = old[i];
		__libc_free(old);
	}
	live[slot(p)] = p;
	live_n++;
}

/* Remove p from the set; true when it was there. */
static int untrack(void *p)
{
	size_t i, j;

	if (!live_cap || !p)
		return 0;
	i = slot(p);
	if (!live[i])
		return 0;
	live[i] = NULL;
	live_n--;
	/* re-insert the rest of the cluster */
	for (j = (i + 1) & (live_cap - 1); live[j]; j = (j + 1) & (live_cap - 1)) {
		void *q = live[j];

		live[j] = NULL;
		live[slot(q)] = q;
	}
	return 1;
}

/* True when this allocation, made from caller, is to fail (errno is then
 * ENOMEM, as the C library's own malloc sets it). */
static int should_fail(const void *caller)
{
	void *stack[32];

	if (!ready || !in_program(caller) || ++count != fail_at)
		return 0;
	if (getenv("FAILMALLOC_TRACE"))
		backtrace_symbols_fd(stack, backtrace(stack, 32), 2);
	errno = ENOMEM;
	return 1;
}

__attribute__((constructor)) static void failmalloc_init(void)
{
	const char *s = getenv("FAILMALLOC_FAIL");

	void *stack[1];

	fail_at = s ? strtoul(s, NULL, 10) : 0;
	dl_iterate_phdr(find_program, NULL);
	/* the first backtrace() loads libgcc, which allocates: do it now */
	backtrace(stack, 1);
	ready = 1;
}

__attribute__((destructor)) static void failmalloc_report(void)
{
	const char *path = getenv("FAILMALLOC_REPORT");
	FILE *fp;

	if (!path || !(fp = fopen(path, "w")))
		return;
	fprintf(fp, "allocations %lu leaked %zu\n", count, live_n);
	fclose(fp);
}

/* malloc on behalf of caller. */
static void *alloc(size_t size, const void *caller)
{
	void *p;
	int mine;

	pthread_mutex_lock(&lock);
	mine = ready && in_program(caller);
	if (should_fail(caller)) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	p = __libc_malloc(size);
	if (p && mine)
		track(p);
	pthread_mutex_unlock(&lock);
	return p;
}

/* malloc that fails when this is the allocation chosen to fail. */
void *malloc(size_t size)
{
	return alloc(size, __builtin_return_address(0));
}

/* calloc on top of the failing malloc (overflow checked). */
void *calloc(size_t n, size_t size)
{
	const void *caller = __builtin_return_address(0);
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = alloc(n * size, caller);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* realloc that can fail like malloc; the old block is kept then. */
void *realloc(void *old, size_t size)
{
	const void *caller = __builtin_return_address(0);
	void *p;
	int mine, was;

	pthread_mutex_lock(&lock);
	mine = ready && in_program(caller);
	if (should_fail(caller)) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	was = untrack(old);
	p = __libc_realloc(old, size);
	if (p && (mine || was))
		track(p);
	else if (!p && was)
		track(old);	/* still live */
	pthread_mutex_unlock(&lock);
	return p;
}

/* reallocarray: realloc with an overflow check. */
void *reallocarray(void *old, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(old, n * size);
}

/* free the block and stop tracking it. */
void free(void *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&lock);
	untrack(p);
	pthread_mutex_unlock(&lock);
	__libc_free(p);
}

/* strdup through the failing malloc. */
char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = alloc(n, __builtin_return_address(0));

	return p ? memcpy(p, s, n) : NULL;
}

/* strndup through the failing malloc. */
char *strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = alloc(n + 1, __builtin_return_address(0));

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
