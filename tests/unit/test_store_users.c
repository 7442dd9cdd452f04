/* SPDX-License-Identifier: MIT */
/* A login in three steps (store/users.h), as the server runs it with the
 * hash on a thread of its own: fetch, match, record. The count of
 * failures, the lockout at the fifth, an unknown name (a dummy hash, never
 * a match, nothing counted) and an account changed between the fetch and
 * the record (the new state counts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/audit.h"
#include "store/users.h"
#include "test_store_fixture.h"

static struct store *fresh_store(char *path)
{
	struct store *s = test_store_new(path, 1);
	struct buf err = BUF_INIT;
	if (users_add(s, "ann", ROLE_SALES, NULL, "password-ann", "test", &err))
		fail_msg("%s", err.data);
	buf_release(&err);
	return s;
}

/* One login through the three steps: its result. */
static enum login_result login3(struct store *s, const char *name, const char *password)
{
	static const struct login_policy policy = { 5, 900 };
	struct login_check c;
	struct user u;
	struct buf err = BUF_INIT;
	enum login_result r;
	assert_int_equal(users_login_fetch(s, name, &c, &err), 0);
	int matches = users_password_matches(&c, password, &err);
	assert_true(matches == 0 || matches == 1);
	assert_int_equal(users_login_record(s, name, &c, matches, &policy, &r, &u, &err), 0);
	if (r == LOGIN_OK) {
		assert_string_equal(u.name, name);
		user_release(&u);
	}
	login_check_release(&c);
	buf_release(&err);
	return r;
}

static long failures(struct store *s, const char *name)
{
	struct user u;
	struct buf err = BUF_INIT;
	assert_int_equal(users_get(s, name, &u, &err), 0);
	long n = u.failed_logins;
	user_release(&u);
	buf_release(&err);
	return n;
}

static void login_steps(void **state)
{
	(void)state;
	setenv("TANDEM_FAST_HASH", "1", 1);
	char path[] = "/tmp/tandem-users-XXXXXX";
	struct store *s = fresh_store(path);
	struct login_check c;
	struct buf err = BUF_INIT;

	assert_int_equal(login3(s, "ann", "password-ann"), LOGIN_OK);
	assert_int_equal(login3(s, "ann", "wrong"), LOGIN_BAD);
	assert_int_equal(failures(s, "ann"), 1);
	assert_int_equal(login3(s, "ann", "password-ann"), LOGIN_OK);
	assert_int_equal(failures(s, "ann"), 0);

	/* An unknown name: no hash fetched, a dummy hash, never a match. */
	assert_int_equal(users_login_fetch(s, "nobody", &c, &err), 0);
	assert_null(c.hash);
	assert_int_equal(users_password_matches(&c, "password-ann", &err), 0);
	login_check_release(&c);
	assert_int_equal(login3(s, "nobody", "password-ann"), LOGIN_BAD);

	/* The fifth failure in a row locks; then even the right password is
	 * answered as locked. */
	for (int i = 1; i <= 4; i++) {
		assert_int_equal(login3(s, "ann", "wrong"), LOGIN_BAD);
		assert_int_equal(failures(s, "ann"), i);
	}
	assert_int_equal(login3(s, "ann", "wrong"), LOGIN_BAD);   /* the fifth: locked now */
	assert_int_equal(login3(s, "ann", "password-ann"), LOGIN_LOCKED);

	store_close(s);
	test_store_remove(path);
	buf_release(&err);
}

/* The password changed while the old one was being hashed: the check of
 * the old hash is a failure, and it is not counted against the account. */
static void login_changed_meanwhile(void **state)
{
	(void)state;
	setenv("TANDEM_FAST_HASH", "1", 1);
	static const struct login_policy policy = { 5, 900 };
	char path[] = "/tmp/tandem-users-XXXXXX";
	struct store *s = fresh_store(path);
	struct login_check c;
	struct user u;
	enum login_result r;
	struct buf err = BUF_INIT;

	assert_int_equal(users_login_fetch(s, "ann", &c, &err), 0);
	assert_non_null(c.hash);
	assert_int_equal(users_password_matches(&c, "password-ann", &err), 1);
	assert_int_equal(users_set_password(s, "ann", "password-new", "test", &err), 0);
	assert_int_equal(users_login_record(s, "ann", &c, 1, &policy, &r, &u, &err), 0);
	assert_int_equal(r, LOGIN_BAD);
	assert_int_equal(failures(s, "ann"), 0);
	login_check_release(&c);
	assert_int_equal(login3(s, "ann", "password-new"), LOGIN_OK);

	store_close(s);
	test_store_remove(path);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_steps),
		cmocka_unit_test(login_changed_meanwhile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
