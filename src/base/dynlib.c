/* SPDX-License-Identifier: MIT */
/* The loader of dynlib.h: dlopen, then dlsym for every function of the
 * table. The handle is never closed (see dynlib.h). */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* dlsym gives a function's address as a void *; POSIX requires that it
 * convert to a function pointer, which the table's members are. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
	       "function pointers are stored from dlsym's void *");

/* One lock for every library: loads are rare (once per process each), and
 * the server's worker threads may open PostgreSQL stores at the same time. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

static void add_dlerror(struct buf *err, const char *file)
{
	const char *why = dlerror();
	if (why)
		buf_adds(err, why);
	else
		buf_addf(err, "%s: cannot be loaded", file);
}

int dynlib_load(struct dynlib *lib, struct buf *err)
{
	const char *file = getenv(lib->env);
	void *handle;
	int rc = -1;

	pthread_mutex_lock(&load_lock);
	if (lib->loaded) {
		rc = 0;
		goto out;
	}
	if (!file || !*file)
		file = lib->soname;
	/* RTLD_LOCAL: the library's symbols (and its own dependencies') stay
	 * out of the global namespace, where they could shadow another
	 * library's. RTLD_NOW: a library that lacks a symbol fails here, not
	 * at some later call. */
	handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		add_dlerror(err, file);
		goto out;
	}
	for (size_t i = 0; i < lib->n_symbols; i++) {
		void *address;
		dlerror();
		address = dlsym(handle, lib->symbols[i].name);
		if (!address) {
			add_dlerror(err, file);
			goto out;
		}
		/* memcpy, not a store through a void **: the member is a
		 * function pointer. */
		memcpy((char *)lib->table + lib->symbols[i].offset, &address, sizeof address);
	}
	lib->loaded = 1;
	rc = 0;
out:
	pthread_mutex_unlock(&load_lock);
	return rc;
}
