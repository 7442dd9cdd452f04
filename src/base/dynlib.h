/* SPDX-License-Identifier: MIT */
/* Shared libraries loaded when first needed (dlopen), so that a process
 * that never uses one does not pay for loading it and the libraries it
 * links: libpq (store/postgres.c) and libmicrohttpd (web/server.c). Each
 * user keeps a table of function pointers, one for every function it
 * calls, typed from the library's own prototypes, and a struct dynlib that
 * says how to fill it. A library once loaded stays loaded (it is never
 * dlclose'd), so the pointers in its table stay valid until exit. */
#ifndef TANDEM_DYNLIB_H
#define TANDEM_DYNLIB_H

#include "base/buf.h"

#include <stddef.h>

/* One function of a library: its name, and the offset in the user's table
 * of the pointer that receives its address. */
struct dynlib_symbol {
	const char *name;
	size_t offset;
};

struct dynlib {
	const char *soname;     /* the file to load: "libpq.so.5" */
	const char *env;        /* a variable naming another file (a path or soname) */
	const struct dynlib_symbol *symbols;
	size_t n_symbols;
	void *table;            /* the user's struct of function pointers */
	int loaded;             /* read and written under dynlib.c's lock */
};

/* With a list LIST(X) that calls X(function) for every function used, a
 * table's members are declared by LIST(DYNLIB_POINTER) and its symbols
 * listed by a one-argument wrapper of DYNLIB_SYMBOL(struct table, ...).
 * The pointer has the type of the real function, so calls through it are
 * checked against the library's prototype. */
#define DYNLIB_POINTER(function) __typeof__(&function) function;
#define DYNLIB_SYMBOL(table_type, function) { #function, offsetof(table_type, function) }

/* Loads lib's library and fills its table, the first time; later calls
 * return at once. Any thread may call it, at any time. The file is
 * $lib->env when that is set and not empty, else lib->soname. Returns 0,
 * or -1 with dlerror's words in err ("libpq.so.5: cannot open shared
 * object file: No such file or directory"); a later call tries again. */
int dynlib_load(struct dynlib *lib, struct buf *err);

#endif
