/* SPDX-License-Identifier: MIT */
/* The allocators every room uses, failure scopes and the torture counter
 * (see alloc.h). */
#include "base/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local struct alloc_scope *current;
static _Thread_local int unwinding;

/* --- torture --------------------------------------------------------------- */

static unsigned long torture_fail_at;   /* 0: off */
static int torture_count;
static unsigned long allocations;

static void print_count(void)
{
	fprintf(stderr, "tandem: %lu allocations\n",
		__atomic_load_n(&allocations, __ATOMIC_RELAXED));
}

void alloc_torture_init(void)
{
	const char *fail = getenv("TANDEM_ALLOC_FAIL");
	const char *count = getenv("TANDEM_ALLOC_COUNT");

	if (fail && *fail)
		torture_fail_at = strtoul(fail, NULL, 10);
	if (count && *count && strcmp(count, "0")) {
		torture_count = 1;
		atexit(print_count);
	}
}

int alloc_torture_enabled(void)
{
	return torture_fail_at || torture_count;
}

int alloc_torture_fail(void)
{
	unsigned long n;
	if (!torture_fail_at && !torture_count)
		return 0;
	n = __atomic_add_fetch(&allocations, 1, __ATOMIC_RELAXED);
	return n == torture_fail_at;
}

/* --- the set of a scope's live blocks -------------------------------------- */

static size_t slot_of(const struct alloc_scope *s, const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(h >> 32) & (s->cap - 1);
}

/* Returns -1 if the table could not grow (out of memory). */
static int set_add(struct alloc_scope *s, void *p)
{
	size_t i;
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		void **old = s->slots, **slots = calloc(cap, sizeof *slots);
		size_t oldcap = s->cap;
		if (!slots)
			return -1;
		s->slots = slots;
		s->cap = cap;
		for (size_t j = 0; j < oldcap; j++) {
			if (!old[j])
				continue;
			for (i = slot_of(s, old[j]); slots[i]; i = (i + 1) & (cap - 1))
				;
			slots[i] = old[j];
		}
		free(old);
	}
	for (i = slot_of(s, p); s->slots[i]; i = (i + 1) & (s->cap - 1))
		;
	s->slots[i] = p;
	s->n++;
	return 0;
}

/* Removes p if the set holds it (backward-shift deletion keeps every probe
 * chain unbroken, so no tombstones). Returns whether it did. */
static int set_remove(struct alloc_scope *s, const void *p)
{
	size_t i, j, mask = s->cap - 1;
	if (!s->n)
		return 0;
	for (i = slot_of(s, p); s->slots[i] != p; i = (i + 1) & mask)
		if (!s->slots[i])
			return 0;
	s->slots[i] = NULL;
	s->n--;
	for (j = (i + 1) & mask; s->slots[j]; j = (j + 1) & mask) {
		size_t home = slot_of(s, s->slots[j]);
		/* Move slots[j] into the hole at i unless its home lies
		 * cyclically in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			s->slots[i] = s->slots[j];
			s->slots[j] = NULL;
			i = j;
		}
	}
	return 1;
}

/* --- scopes ---------------------------------------------------------------- */

void alloc_scope_push(struct alloc_scope *s)
{
	s->outer = current;
	s->slots = NULL;
	s->cap = s->n = 0;
	s->cleanups = NULL;
	s->failed_size = 0;
	current = s;
}

static void die_oom(size_t n)
{
	fprintf(stderr, "tandem: out of memory (%zu bytes)\n", n);
	abort();
}

void alloc_scope_pop(struct alloc_scope *s)
{
	struct alloc_scope *outer = s->outer;
	current = outer;
	if (outer) {
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i] && set_add(outer, s->slots[i]) < 0)
				die_oom(sizeof(void *));
		while (s->cleanups) {
			struct alloc_cleanup *c = s->cleanups;
			alloc_cleanup_pop(c);
			alloc_cleanup_push(c, c->fn, c->arg);
		}
	}
	free(s->slots);
	s->slots = NULL;
	s->cap = s->n = 0;
	s->cleanups = NULL;
}

/* The failure: release everything the scope holds and return to its TRY. */
static _Noreturn void unwind(size_t n)
{
	struct alloc_scope *s = current;
	if (!s || unwinding)
		die_oom(n);
	unwinding = 1;
	s->failed_size = n;
	/* The cleanups run inside the scope, so that what they free leaves the
	 * set; an allocation failing now cannot be unwound again. */
	while (s->cleanups) {
		struct alloc_cleanup *c = s->cleanups;
		alloc_cleanup_pop(c);
		c->fn(c->arg);
	}
	current = s->outer;
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	s->slots = NULL;
	s->cap = s->n = 0;
	unwinding = 0;
	longjmp(s->unwind, 1);
}

void alloc_failed(size_t n)
{
	unwind(n);
}

void alloc_cleanup_push(struct alloc_cleanup *c, void (*fn)(void *), void *arg)
{
	c->fn = fn;
	c->arg = arg;
	c->prev = NULL;
	c->scope = current;
	c->next = current ? current->cleanups : NULL;
	if (c->next)
		c->next->prev = c;
	if (current)
		current->cleanups = c;
}

void alloc_cleanup_pop(struct alloc_cleanup *c)
{
	if (!c->scope)
		return;
	if (c->prev)
		c->prev->next = c->next;
	else
		c->scope->cleanups = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->scope = NULL;
	c->prev = c->next = NULL;
}

/* --- the allocators -------------------------------------------------------- */

/* Records a new block in the current scope; unwinds if even that fails. */
static void *track(void *p, size_t n)
{
	if (!p)
		unwind(n);
	if (current && set_add(current, p) < 0) {
		free(p);
		unwind(n);
	}
	return p;
}

void *xmalloc(size_t n)
{
	return track(alloc_torture_fail() ? NULL : malloc(n ? n : 1), n);
}

void *xcalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return track(NULL, SIZE_MAX);
	return track(alloc_torture_fail() ? NULL : calloc(n ? n : 1, size ? size : 1),
		     n * size);
}

void *xrealloc(void *p, size_t n)
{
	struct alloc_scope *owner = NULL;
	void *q;

	if (!p)
		return xmalloc(n);
	/* The new block belongs wherever the old one did. Taking the old one
	 * out first leaves room to put either back without growing the set. */
	for (struct alloc_scope *s = current; s; s = s->outer)
		if (set_remove(s, p)) {
			owner = s;
			break;
		}
	q = alloc_torture_fail() ? NULL : realloc(p, n ? n : 1);
	if (!q) {
		if (owner)
			set_add(owner, p);   /* untouched, so still the owner's */
		unwind(n);
	}
	if (owner)
		set_add(owner, q);
	return q;
}

void xfree(void *p)
{
	if (!p)
		return;
	for (struct alloc_scope *s = current; s; s = s->outer)
		if (set_remove(s, p))
			break;
	free(p);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
