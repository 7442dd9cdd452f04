/* SPDX-License-Identifier: MIT */
/* Allocation, and what happens when it fails.
 *
 * xmalloc and friends never return NULL. Outside a failure scope an
 * allocation failure prints a message and aborts, as it always has. Inside
 * one (every CLI command runs in one, see src/main.c), it unwinds instead,
 * the way PostgreSQL's memory contexts and error longjmp do:
 *
 *   1. the cleanups registered in the scope run, newest first (an open store
 *      is closed, which rolls its transaction back; an open file is closed);
 *   2. every block allocated in the scope and not yet freed is freed;
 *   3. control returns to the scope's ALLOC_SCOPE_TRY with a false value.
 *
 * So code between allocations needs no error paths for out-of-memory, and
 * nothing leaks. The rules that make it true: memory is released with
 * xfree() (never free(3)) so that the scope forgets it, and a resource that
 * is not memory (a file descriptor, a database connection) registers an
 * alloc_cleanup while it is open. A block that outlives its scope normally
 * belongs to the enclosing scope, or to nobody at the outermost one.
 *
 * The torture mode of curl's test suite, for Tandem: TANDEM_ALLOC_FAIL=N
 * makes the Nth allocation fail (counting xmalloc's, jansson's through it,
 * and SQLite's when the store hooks it), and TANDEM_ALLOC_COUNT=1 prints the
 * number of allocations at exit, so that a test can fail each one in turn
 * (tests/cli/torture.sh). */
#ifndef TANDEM_ALLOC_H
#define TANDEM_ALLOC_H

#include <setjmp.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void xfree(void *p);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct alloc_scope;

/* Something to release if the scope unwinds; embed one in the object that
 * owns the resource. Pushing outside any scope does nothing. */
struct alloc_cleanup {
	void (*fn)(void *arg);
	void *arg;
	struct alloc_cleanup *prev, *next;
	struct alloc_scope *scope;
};

struct alloc_scope {
	jmp_buf unwind;
	struct alloc_scope *outer;
	void **slots;                   /* open-addressed set of live blocks */
	size_t cap, n;
	struct alloc_cleanup *cleanups; /* newest first */
	size_t failed_size;             /* the request that failed */
};

/* if (ALLOC_SCOPE_TRY(&scope)) { ...work...; alloc_scope_pop(&scope); }
 * else { the work ran out of memory and was unwound; the scope is popped }
 * The scope belongs to the calling thread. */
#define ALLOC_SCOPE_TRY(s) (alloc_scope_push(s), setjmp((s)->unwind) == 0)
void alloc_scope_push(struct alloc_scope *s);
/* Ends the scope normally: its blocks and cleanups pass to the enclosing
 * scope, or are simply forgotten at the outermost. */
void alloc_scope_pop(struct alloc_scope *s);

void alloc_cleanup_push(struct alloc_cleanup *c, void (*fn)(void *), void *arg);
void alloc_cleanup_pop(struct alloc_cleanup *c);

/* For memory another allocator failed to give (SQLite's SQLITE_NOMEM from a
 * call that has no other way to fail): unwinds the scope, or aborts. */
_Noreturn void alloc_failed(size_t n);

/* Torture mode: reads TANDEM_ALLOC_FAIL and TANDEM_ALLOC_COUNT once. */
void alloc_torture_init(void);
int alloc_torture_enabled(void);
/* Counts one allocation; true when this one must fail. For allocators
 * outside this file (SQLite's hook) that report failure by returning NULL. */
int alloc_torture_fail(void);

#endif
