/* SPDX-License-Identifier: MIT */
/* The invariants the engine and the store assert (issue 15 item 6) stop
 * the program instead of giving a wrong number silently: each violation is
 * made in a child process, which must die of SIGABRT. And the build keeps
 * assert() on: these tests are compiled with the library's flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/score_impl.h"
#include "store/blocks.h"

#ifdef NDEBUG
#error "the tests and the library they link must keep assert() (no -DNDEBUG)"
#endif

/* Runs f in a child with stderr silenced: did it die of SIGABRT? */
static int aborts(void (*f)(void))
{
	pid_t pid = fork();
	int status;
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 2);
		f();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void zero_denominator(void)
{
	struct score_criterion c;
	memset(&c, 0, sizeof c);
	score_measure_set(&c, 0, 3, 0);
}

static void good_denominator(void)
{
	struct score_criterion c;
	memset(&c, 0, sizeof c);
	score_measure_set(&c, 0, 3, 4);
	score_measure_exact(&c, 0, 3, 4);
}

static void exact_before_set(void)
{
	struct score_criterion c;
	memset(&c, 0, sizeof c);
	score_measure_exact(&c, 0, 3, 4);
}

static void day_32(void)
{
	struct day_block b;
	unsigned char out[BLOCK_MAX_BYTES];
	memset(&b, 0, sizeof b);
	b.present = 1u << 31;
	block_encode(&b, out);
}

static void day_31(void)
{
	struct day_block b;
	unsigned char out[BLOCK_MAX_BYTES];
	memset(&b, 0, sizeof b);
	b.present = 1u << 30;
	b.num[30] = 1500000;
	b.den[30] = 2000000;
	block_encode(&b, out);
}

static void engine_invariants(void **state)
{
	(void)state;
	assert_true(aborts(zero_denominator));
	assert_true(aborts(exact_before_set));
	assert_false(aborts(good_denominator));
}

static void store_invariants(void **state)
{
	(void)state;
	assert_true(aborts(day_32));
	assert_false(aborts(day_31));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(engine_invariants),
		cmocka_unit_test(store_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
