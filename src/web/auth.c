/* SPDX-License-Identifier: MIT */
/* Logging in and out, for the API and the pages, and the limits on trying:
 * per account (the store counts failures and locks the account, users.c)
 * and per address (an in-memory window here, so that one address cannot
 * walk through many accounts). The login form has no session to carry a
 * CSRF token, so it uses a double-submit cookie instead. */
#include "web/web_impl.h"

#include "base/clock.h"
#include "io/jsonw.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static struct addr_failures *addr_slot(struct web_server *srv, const char *addr, int create)
{
	uint32_t h = 2166136261u;
	for (const char *p = addr; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	struct addr_failures *slot = &srv->addrs[h % ADDR_SLOTS];
	if (strcmp(slot->addr, addr)) {
		if (!create)
			return NULL;
		/* A collision replaces the older address: the limit is a brake,
		 * not an accounting system. */
		memset(slot, 0, sizeof *slot);
		snprintf(slot->addr, sizeof slot->addr, "%s", addr);
	}
	return slot;
}

int web_addr_blocked(struct web_server *srv, const char *addr)
{
	int blocked = 0;
	time_t now = clock_now();
	pthread_mutex_lock(&srv->addr_lock);
	struct addr_failures *f = addr_slot(srv, addr, 0);
	if (f && now - f->window_start < srv->cfg.addr_window_seconds &&
	    f->count >= srv->cfg.addr_max_failures)
		blocked = 1;
	pthread_mutex_unlock(&srv->addr_lock);
	return blocked;
}

void web_addr_failed(struct web_server *srv, const char *addr)
{
	time_t now = clock_now();
	pthread_mutex_lock(&srv->addr_lock);
	struct addr_failures *f = addr_slot(srv, addr, 1);
	if (now - f->window_start >= srv->cfg.addr_window_seconds) {
		f->window_start = now;
		f->count = 0;
	}
	f->count++;
	pthread_mutex_unlock(&srv->addr_lock);
}

/* The hashing budget of an address: it may spend on average
 * cfg.login_cpu_percent of one core's time hashing passwords, in bursts of
 * up to HASH_BURST_US; a login from an address whose budget is spent is
 * answered 429 at once, unhashed. The budget is refilled with time and
 * charged with the CPU time each hash really took (measured on the thread
 * that hashed), so the cheap hashes of TANDEM_FAST_HASH never run out. */
#define HASH_BURST_US 2000000

static int64_t budget_refill_locked(struct web_server *srv, struct addr_failures *f,
				    uint64_t now_us)
{
	if (!f->budget_at_us) {
		f->budget_us = HASH_BURST_US;
	} else if (now_us > f->budget_at_us) {
		int64_t gain = (int64_t)((now_us - f->budget_at_us) *
					 (uint64_t)srv->cfg.login_cpu_percent / 100u);
		f->budget_us = f->budget_us + gain > HASH_BURST_US ? HASH_BURST_US
			: f->budget_us + gain;
	}
	f->budget_at_us = now_us;
	return f->budget_us;
}

/* 0 when addr may hash now; else the seconds until it may (at least 1). */
static int budget_wait_seconds(struct web_server *srv, const char *addr)
{
	int wait = 0;
	if (srv->cfg.login_cpu_percent <= 0)
		return 0;
	pthread_mutex_lock(&srv->addr_lock);
	int64_t left = budget_refill_locked(srv, addr_slot(srv, addr, 1), http_now_us());
	if (left <= 0)
		wait = (int)(-left * 100 / srv->cfg.login_cpu_percent / 1000000) + 1;
	pthread_mutex_unlock(&srv->addr_lock);
	return wait;
}

static void budget_charge(struct web_server *srv, const char *addr, uint64_t cpu_us)
{
	if (srv->cfg.login_cpu_percent <= 0)
		return;
	pthread_mutex_lock(&srv->addr_lock);
	struct addr_failures *f = addr_slot(srv, addr, 1);
	budget_refill_locked(srv, f, http_now_us());
	f->budget_us -= (int64_t)cpu_us;
	pthread_mutex_unlock(&srv->addr_lock);
}

/* Refusals (429) are cheap, but a flood of them is not: 6,000 a second
 * from one address cost a third of a core to answer. So each address may
 * be refused REFUSALS_PER_SECOND times a second (that many at once); a
 * refusal beyond that is answered only after TARPIT_US, the connection
 * held meanwhile without a worker (it is suspended), which slows a client
 * that waits for its answers down to one attempt per connection per
 * second. Logins that are hashed are not counted. */
#define REFUSALS_PER_SECOND 20
#define TARPIT_US 1000000

/* Takes a refusal token of addr: 1 when there was one (answer now). */
static int refusal_token(struct web_server *srv, const char *addr)
{
	uint64_t now = http_now_us();
	int ok;
	pthread_mutex_lock(&srv->addr_lock);
	struct addr_failures *f = addr_slot(srv, addr, 1);
	/* Millitokens: REFUSALS_PER_SECOND per second, at most that many. */
	if (!f->refusals_at_us) {
		f->refusals_milli = REFUSALS_PER_SECOND * 1000;
	} else if (now > f->refusals_at_us) {
		int64_t gain = (int64_t)((now - f->refusals_at_us) * REFUSALS_PER_SECOND / 1000u);
		f->refusals_milli = f->refusals_milli + gain > REFUSALS_PER_SECOND * 1000
			? REFUSALS_PER_SECOND * 1000 : f->refusals_milli + gain;
	}
	f->refusals_at_us = now;
	ok = f->refusals_milli >= 1000;
	if (ok)
		f->refusals_milli -= 1000;
	pthread_mutex_unlock(&srv->addr_lock);
	return ok;
}

static uint64_t thread_cpu_us(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void web_set_session_cookie(struct request *req, struct response *res, const char *token)
{
	const char *secure = req->srv->cfg.tls_proxy ? "; Secure" : "";
	char *c = token
		? arena_printf(&req->arena, "tandem_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
			       token, secure)
		: arena_printf(&req->arena, "tandem_session=; Path=/; HttpOnly; SameSite=Strict;"
			       " Max-Age=0%s", secure);
	http_header(res, req, "Set-Cookie", c);
}

enum login_outcome { OUT_OK, OUT_BAD, OUT_DISABLED, OUT_BUSY, OUT_HASHING, OUT_PENDING,
		     OUT_ERROR };

int web_hash_limit(int threads)
{
	int limit = threads - 1;
	if (limit > HASH_SLOTS)
		limit = HASH_SLOTS;
	return limit < 1 ? 1 : limit;
}

/* Takes a hashing slot for a login of name from addr: its index, or -1
 * when hash_limit hashes are under way, or one for the same name, or one
 * from the same address. An unknown name is treated as a known one, so
 * the answer says nothing about which exist; one address flooding one or
 * many names keeps one hashing thread busy at most. */
static int hash_slot_take(struct web_server *srv, const char *name, const char *addr)
{
	unsigned char by_name[16], by_addr[16];
	int used = 0, free_slot = -1, clash = 0;
	crypto_generichash(by_name, sizeof by_name, (const unsigned char *)name, strlen(name),
			   NULL, 0);
	crypto_generichash(by_addr, sizeof by_addr, (const unsigned char *)addr, strlen(addr),
			   NULL, 0);
	pthread_mutex_lock(&srv->hash_lock);
	for (int i = 0; i < HASH_SLOTS; i++) {
		if (!srv->hash_used[i]) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		used++;
		if (!memcmp(srv->hash_name[i], by_name, sizeof by_name) ||
		    !memcmp(srv->hash_addr[i], by_addr, sizeof by_addr))
			clash = 1;
	}
	if (clash || used >= srv->hash_limit || free_slot < 0) {
		free_slot = -1;
	} else {
		srv->hash_used[free_slot] = 1;
		memcpy(srv->hash_name[free_slot], by_name, sizeof by_name);
		memcpy(srv->hash_addr[free_slot], by_addr, sizeof by_addr);
	}
	pthread_mutex_unlock(&srv->hash_lock);
	return free_slot;
}

static void hash_slot_give(struct web_server *srv, int slot)
{
	pthread_mutex_lock(&srv->hash_lock);
	srv->hash_used[slot] = 0;
	pthread_mutex_unlock(&srv->hash_lock);
}

/* --- hashing threads ----------------------------------------------------
 * A password hash costs 0.1–0.3 s of CPU by design. Hashed on the worker
 * that received the login, it would hold that worker, and every kept-alive
 * connection libmicrohttpd gave that worker, for as long; and it would
 * compete for the cores with ordinary requests as an equal. So the worker
 * fetches the account, suspends the connection and hands the hash to one
 * of hash_limit hashing threads, which run at nice 19: an ordinary
 * request's thread (nice 0) weighs 68 times as much with the scheduler.
 * When the hash is done the thread resumes the connection, and a worker
 * records the outcome and answers. A refusal beyond an
 * address's rate (refusal_token) waits the same way, on the delay thread,
 * for TARPIT_US.
 *
 * At nice 19 a hash may starve when other processes keep every core busy
 * (measured on this machine at a load average of 16: logins waited more
 * than 10 s). So a hash not done RESCUE_US after it was handed over is
 * computed again by a rescue thread (as many as hashing threads), at
 * normal priority; whichever finishes first answers. A login thus waits
 * at most about RESCUE_US plus one hash at normal priority (a quiet
 * machine hashes in 0.1-0.2 s), and the work is done twice only when the
 * machine is that busy. And for BUSY_US after a rescue the machine is
 * taken to be busy still: the rescue threads take each hash at once, and
 * a hashing thread skips one they took. */
#define RESCUE_US 500000
#define BUSY_US 10000000

struct login_wait {
	int tarpit;                   /* a refusal waiting (else a hash) */
	enum login_outcome refusal;   /* tarpit: the answer, OUT_BUSY or OUT_HASHING */
	int retry_after;              /* tarpit: its Retry-After */
	uint64_t due_us;              /* tarpit: when to answer (http_now_us) */
	struct login_check check;
	char *password;               /* a copy, wiped when freed */
	char addr[64];                /* the client, for its hashing budget */
	int slot;                     /* the hashing slot held; -1 once given back */
	struct web_server *srv;
	uint64_t handed_us;           /* when it was handed over (http_now_us) */
	int rescued;                  /* the rescue thread is hashing it too */
	int refs;                     /* the request + the threads hashing it */
	/* Set, under the pool's lock, by the first thread to finish, before
	 * it resumes the connection. */
	int matches;                  /* 1, 0, or -1 with error */
	char error[160];
	int done;
	void (*resume)(void *arg);
	void *resume_arg;
	struct login_wait *next;
};

struct hasher_pool {
	pthread_mutex_t lock;
	pthread_cond_t wake, idle;
	struct login_wait *head, *tail;
	struct login_wait *delayed, *delayed_tail;   /* in due order */
	pthread_cond_t delay_wake;
	pthread_t delay_thread;
	int delay_started;
	int suspended;                /* logins handed over and not yet answered */
	int draining;                 /* stopping: logins are hashed by the workers */
	int stop;
	int n_threads;
	pthread_t threads[HASH_SLOTS];
	struct login_wait *inflight[HASH_SLOTS];   /* handed over, not done */
	pthread_cond_t rescue_wake;
	uint64_t busy_until_us;       /* a rescue was needed lately: rescue at once */
	pthread_t rescue_threads[HASH_SLOTS];
	int n_rescue;
};

static void login_wait_destroy(struct login_wait *w)
{
	login_check_release(&w->check);
	if (w->password)
		sodium_memzero(w->password, strlen(w->password));
	xfree(w->password);
	xfree(w);
}

/* Hashes w's password on the calling thread and, if no other thread has
 * yet, answers: the result is set and the connection resumed. Charges the
 * address's budget with this thread's work. Drops the thread's reference
 * (w may be freed on return). With pool->lock not held. */
static void hash_one(struct hasher_pool *pool, struct login_wait *w)
{
	struct buf err = BUF_INIT;
	uint64_t t0 = thread_cpu_us();
	int matches = users_password_matches(&w->check, w->password, &err);
	budget_charge(w->srv, w->addr, thread_cpu_us() - t0);
	void (*resume)(void *) = NULL;
	void *resume_arg = NULL;
	pthread_mutex_lock(&pool->lock);
	if (!w->done) {
		w->matches = matches;
		if (matches < 0)
			snprintf(w->error, sizeof w->error, "%s", err.data ? err.data : "hashing failed");
		w->done = 1;
		for (int i = 0; i < HASH_SLOTS; i++)
			if (pool->inflight[i] == w)
				pool->inflight[i] = NULL;
		resume = w->resume;
		resume_arg = w->resume_arg;
	}
	int last = --w->refs == 0;
	pthread_mutex_unlock(&pool->lock);
	buf_release(&err);
	if (last)
		login_wait_destroy(w);
	if (resume)
		resume(resume_arg);   /* the worker may answer and drop its reference now */
}

/* Takes over hashes left undone RESCUE_US after they were handed over
 * (hash_limit of these threads share the work). */
static void *rescue_main(void *arg)
{
	struct hasher_pool *pool = arg;
	pthread_mutex_lock(&pool->lock);
	while (!pool->stop) {
		struct login_wait *oldest = NULL;
		for (int i = 0; i < HASH_SLOTS; i++) {
			struct login_wait *w = pool->inflight[i];
			if (w && !w->rescued && (!oldest || w->handed_us < oldest->handed_us))
				oldest = w;
		}
		if (!oldest) {
			pthread_cond_wait(&pool->rescue_wake, &pool->lock);
			continue;
		}
		uint64_t now = http_now_us();
		uint64_t due = oldest->handed_us + (now < pool->busy_until_us ? 0 : RESCUE_US);
		if (now < due) {
			struct timespec at = { (time_t)(due / 1000000u), (long)(due % 1000000u) * 1000 };
			pthread_cond_timedwait(&pool->rescue_wake, &pool->lock, &at);
			continue;
		}
		oldest->rescued = 1;
		oldest->refs++;
		int quiet = now < pool->busy_until_us;
		if (!quiet)   /* starved: busy from now; after BUSY_US, nice 19 is tried again */
			pool->busy_until_us = now + BUSY_US;
		pthread_mutex_unlock(&pool->lock);
		if (!quiet)
			fprintf(stderr, "tandem serve: a password hash waited %.1f s at nice 19 (every core"
			" busy); hashing it again at normal priority\n",
			(double)(http_now_us() - oldest->handed_us) / 1e6);
		hash_one(pool, oldest);
		pthread_mutex_lock(&pool->lock);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

/* Nice 19 for the calling thread only (Linux keeps a niceness per
 * thread; an unprivileged thread may lower its own priority but never
 * raise it back, hence threads of their own). SCHED_IDLE was measured too
 * (docs/reliability.md): no better for ordinary requests, and the logins
 * themselves waited longer. */
static void lowest_priority(void)
{
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
}

static void *hasher_main(void *arg)
{
	struct hasher_pool *pool = arg;
	lowest_priority();
	pthread_mutex_lock(&pool->lock);
	for (;;) {
		while (!pool->head && !pool->stop)
			pthread_cond_wait(&pool->wake, &pool->lock);
		if (!pool->head)
			break;
		struct login_wait *w = pool->head;
		pool->head = w->next;
		if (!pool->head)
			pool->tail = NULL;
		if (w->done || w->rescued) {   /* a rescue thread has it */
			if (--w->refs == 0)
				login_wait_destroy(w);
			continue;
		}
		pthread_mutex_unlock(&pool->lock);
		hash_one(pool, w);
		pthread_mutex_lock(&pool->lock);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

/* Resumes the tarpitted refusals as they fall due. All wait the same
 * TARPIT_US, so the list is in due order. */
static void *delay_main(void *arg)
{
	struct hasher_pool *pool = arg;
	pthread_mutex_lock(&pool->lock);
	for (;;) {
		uint64_t now = http_now_us();
		struct login_wait *w = pool->delayed;
		if (w && (w->due_us <= now || pool->stop)) {
			pool->delayed = w->next;
			if (!pool->delayed)
				pool->delayed_tail = NULL;
			void (*resume)(void *) = w->resume;
			void *resume_arg = w->resume_arg;
			w->done = 1;
			pthread_mutex_unlock(&pool->lock);
			resume(resume_arg);       /* w may be freed from here on */
			pthread_mutex_lock(&pool->lock);
			continue;
		}
		if (pool->stop)
			break;
		if (!w) {
			pthread_cond_wait(&pool->delay_wake, &pool->lock);
		} else {
			struct timespec at = { (time_t)(w->due_us / 1000000u),
					       (long)(w->due_us % 1000000u) * 1000 };
			pthread_cond_timedwait(&pool->delay_wake, &pool->lock, &at);
		}
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

int web_hashers_start(struct web_server *srv, struct buf *err)
{
	struct hasher_pool *pool = xcalloc(1, sizeof *pool);
	pthread_condattr_t attr;
	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->wake, NULL);
	pthread_cond_init(&pool->idle, NULL);
	/* Due times are on the monotonic clock (http_now_us), so is the wait. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&pool->delay_wake, &attr);
	pthread_cond_init(&pool->rescue_wake, &attr);
	pthread_condattr_destroy(&attr);
	srv->hashers = pool;
	for (int i = 0; i < srv->hash_limit; i++) {
		int rrc = pthread_create(&pool->rescue_threads[i], NULL, rescue_main, pool);
		if (rrc) {
			buf_addf(err, "cannot start the login rescue threads: %s", strerror(rrc));
			return -1;
		}
		pool->n_rescue++;
	}
	int drc = pthread_create(&pool->delay_thread, NULL, delay_main, pool);
	if (drc) {
		buf_addf(err, "cannot start the login delay thread: %s", strerror(drc));
		return -1;
	}
	pool->delay_started = 1;
	for (int i = 0; i < srv->hash_limit; i++) {
		int rc = pthread_create(&pool->threads[i], NULL, hasher_main, pool);
		if (rc) {
			buf_addf(err, "cannot start the password hashing threads: %s", strerror(rc));
			return -1;
		}
		pool->n_threads++;
	}
	return 0;
}

/* From now on logins hash on the worker; waits (at most 60 s) until every
 * login handed over has been answered and its answer sent, so that the
 * daemon stops with no connection suspended and no answer unsent. */
void web_hashers_drain(struct web_server *srv)
{
	struct hasher_pool *pool = srv->hashers;
	if (!pool)
		return;
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 60;
	pthread_mutex_lock(&pool->lock);
	pool->draining = 1;
	while (pool->suspended > 0 &&
	       pthread_cond_timedwait(&pool->idle, &pool->lock, &until) == 0) {
	}
	pthread_mutex_unlock(&pool->lock);
}

void web_hashers_stop(struct web_server *srv)
{
	struct hasher_pool *pool = srv->hashers;
	if (!pool)
		return;
	pthread_mutex_lock(&pool->lock);
	pool->stop = 1;
	pthread_cond_broadcast(&pool->wake);
	pthread_cond_signal(&pool->delay_wake);
	pthread_cond_broadcast(&pool->rescue_wake);
	pthread_mutex_unlock(&pool->lock);
	for (int i = 0; i < pool->n_threads; i++)
		pthread_join(pool->threads[i], NULL);
	if (pool->delay_started)
		pthread_join(pool->delay_thread, NULL);
	for (int i = 0; i < pool->n_rescue; i++)
		pthread_join(pool->rescue_threads[i], NULL);
	pthread_cond_destroy(&pool->rescue_wake);
	pthread_cond_destroy(&pool->delay_wake);
	pthread_cond_destroy(&pool->wake);
	pthread_cond_destroy(&pool->idle);
	pthread_mutex_destroy(&pool->lock);
	xfree(pool);
	srv->hashers = NULL;
}

/* May this login be handed to a hashing thread? */
static int hashers_take(struct web_server *srv)
{
	struct hasher_pool *pool = srv->hashers;
	int ok;
	if (!pool || !pool->n_threads)
		return 0;
	pthread_mutex_lock(&pool->lock);
	ok = !pool->draining && !pool->stop;
	if (ok)
		pool->suspended++;
	pthread_mutex_unlock(&pool->lock);
	return ok;
}

int web_login_pending(const struct request *req)
{
	return req->login && !req->login->done && !req->login->resume;
}

void web_login_submit(struct request *req, void (*resume)(void *arg), void *arg)
{
	struct hasher_pool *pool = req->srv->hashers;
	struct login_wait *w = req->login;
	w->resume = resume;
	w->resume_arg = arg;
	pthread_mutex_lock(&pool->lock);
	if (w->tarpit) {
		if (pool->delayed_tail)
			pool->delayed_tail->next = w;
		else
			pool->delayed = w;
		pool->delayed_tail = w;
		pthread_cond_signal(&pool->delay_wake);
	} else {
		w->handed_us = http_now_us();
		w->refs++;                  /* the hashing thread's */
		if (pool->tail)
			pool->tail->next = w;
		else
			pool->head = w;
		pool->tail = w;
		pthread_cond_signal(&pool->wake);
		/* At most one hash per slot is ever in flight. */
		for (int i = 0; i < HASH_SLOTS; i++)
			if (!pool->inflight[i]) {
				pool->inflight[i] = w;
				break;
			}
		pthread_cond_broadcast(&pool->rescue_wake);
	}
	pthread_mutex_unlock(&pool->lock);
}

void web_login_sent(struct web_server *srv)
{
	struct hasher_pool *pool = srv->hashers;
	if (!pool)
		return;
	pthread_mutex_lock(&pool->lock);
	pool->suspended--;
	pthread_cond_broadcast(&pool->idle);
	pthread_mutex_unlock(&pool->lock);
}

void web_login_free(struct request *req)
{
	struct login_wait *w = req->login;
	struct hasher_pool *pool = req->srv->hashers;
	if (!w)
		return;
	int last = 1;
	if (w->slot >= 0)
		hash_slot_give(req->srv, w->slot);
	w->slot = -1;
	if (pool) {
		pthread_mutex_lock(&pool->lock);
		last = --w->refs == 0;   /* a thread may still be hashing it */
		pthread_mutex_unlock(&pool->lock);
	}
	if (last)
		login_wait_destroy(w);
	req->login = NULL;
}

/* The end of a login whose password was checked (matches: 1 or 0): the
 * outcome recorded, the session made and the cookie set (*csrf is its
 * token). */
static enum login_outcome finish_login(struct request *req, struct response *res,
				       const char *name, const struct login_check *check,
				       int matches, char csrf[65], struct buf *err)
{
	struct web_server *srv = req->srv;
	struct login_policy policy = { srv->cfg.max_failures, srv->cfg.lockout_seconds };
	enum login_result lr;
	struct user u;
	char token[65];

	if (users_login_record(req->store, name, check, matches, &policy, &lr, &u, err))
		return OUT_ERROR;
	switch (lr) {
	case LOGIN_OK:
		break;
	case LOGIN_BAD:
	case LOGIN_LOCKED:
		web_addr_failed(srv, req->remote);
		return OUT_BAD;
	case LOGIN_DISABLED:
		return OUT_DISABLED;
	}
	int ended = 0;
	if (sessions_create(req->store, u.name, req->lang, srv->cfg.session_ttl, srv->cfg.max_sessions,
			    &ended, token, csrf, err)) {
		user_release(&u);
		return OUT_ERROR;
	}
	if (ended)   /* a session the cache still trusts may be gone */
		web_session_forget_all(srv);
	/* The address's failures stay counted: a success (perhaps by another
	 * account from the same address) does not buy its owner new tries. */
	web_set_session_cookie(req, res, token);
	sodium_memzero(token, sizeof token);
	user_release(&u);
	return OUT_OK;
}

/* A refusal (OUT_BUSY or OUT_HASHING): answered now while the address has
 * refusal tokens, else held for TARPIT_US (OUT_PENDING, req->login). */
static enum login_outcome refuse(struct request *req, enum login_outcome refusal, int retry_after)
{
	if (refusal_token(req->srv, req->remote) || !hashers_take(req->srv))
		return refusal;
	struct login_wait *w = xcalloc(1, sizeof *w);
	w->tarpit = 1;
	w->refusal = refusal;
	w->retry_after = retry_after;
	w->due_us = http_now_us() + TARPIT_US;
	w->slot = -1;
	w->srv = req->srv;
	w->refs = 1;
	req->login = w;
	return OUT_PENDING;
}

/* Checks the limits and the password; on success makes the session and
 * sets the cookie, and *csrf is its token. OUT_PENDING: the password is to
 * be hashed on a hashing thread (req->login; the server suspends the
 * connection and calls the handler again when it is done). *retry_after:
 * the seconds to wait, for OUT_HASHING. */
static enum login_outcome do_login(struct request *req, struct response *res, const char *name,
				   const char *password, char csrf[65], int *retry_after)
{
	struct web_server *srv = req->srv;
	struct buf err = BUF_INIT;
	enum login_outcome out = OUT_ERROR;
	struct login_check check;
	int slot, matches;

	*retry_after = 1;
	if (!name)
		name = "";
	if (req->login && req->login->tarpit) {   /* a refusal, held */
		out = req->login->refusal;
		*retry_after = req->login->retry_after;
		web_login_free(req);
		goto done;
	}
	if (req->login) {               /* back from the hashing thread */
		struct login_wait *w = req->login;
		if (w->matches < 0)
			buf_addf(&err, "%s", w->error);
		else
			out = finish_login(req, res, name, &w->check, w->matches, csrf, &err);
		web_login_free(req);
		goto done;
	}
	if (web_addr_blocked(srv, req->remote)) {
		out = refuse(req, OUT_BUSY, 1);
		goto done;
	}
	if (!password || strlen(password) > PASSWORD_MAX) {
		web_addr_failed(srv, req->remote);
		out = OUT_BAD;
		goto done;
	}
	/* An unknown or malformed name costs a password hash too (a dummy),
	 * and a locked account is checked all the same and answered as a
	 * wrong password: neither the answer nor its time says which names
	 * exist or are locked. */
	if ((*retry_after = budget_wait_seconds(srv, req->remote)) > 0) {
		out = refuse(req, OUT_HASHING, *retry_after);
		goto done;
	}
	*retry_after = 1;
	slot = hash_slot_take(srv, name, req->remote);
	if (slot < 0) {
		out = refuse(req, OUT_HASHING, 1);
		goto done;
	}
	if (users_login_fetch(req->store, name, &check, &err)) {
		hash_slot_give(srv, slot);
		goto done;
	}
	if (hashers_take(srv)) {
		struct login_wait *w = xcalloc(1, sizeof *w);
		w->check = check;
		w->password = xstrdup(password);
		w->slot = slot;
		w->srv = srv;
		w->refs = 1;            /* the request's */
		snprintf(w->addr, sizeof w->addr, "%s", req->remote);
		req->login = w;
		out = OUT_PENDING;
		goto done;
	}
	/* No hashing threads (the server is stopping): hashed here. */
	uint64_t t0 = thread_cpu_us();
	matches = users_password_matches(&check, password, &err);
	budget_charge(srv, req->remote, thread_cpu_us() - t0);
	hash_slot_give(srv, slot);
	if (matches >= 0)
		out = finish_login(req, res, name, &check, matches, csrf, &err);
	login_check_release(&check);
done:
	if (out == OUT_ERROR)
		fprintf(stderr, "tandem serve: login: %s\n", err.data);
	buf_release(&err);
	return out;
}

static int is_json(const struct request *req)
{
	return req->content_type && !strncmp(req->content_type, "application/json", 16);
}

void api_login(struct request *req, struct response *res)
{
	struct param *p;
	size_t n;
	struct buf err = BUF_INIT, json = BUF_INIT;
	char csrf[65];
	const char *name = NULL, *password = NULL;
	int retry_after = 1;

	/* A cross-site form cannot send application/json without CORS. */
	if (!is_json(req)) {
		http_json_error(res, 415, NULL, "send the login as application/json");
		goto out;
	}
	if (jsonin_parse_flat(&req->arena, req->body.data, req->body.len, &p, &n, &err)) {
		http_json_error(res, 400, NULL, "%s", err.data);
		goto out;
	}
	static const char *const login_fields[] = { "name", "password", NULL };
	if (jsonin_known_only(res, p, n, login_fields))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(p[i].name, "name"))
			name = p[i].value;
		else if (!strcmp(p[i].name, "password"))
			password = p[i].value;
	}
	switch (do_login(req, res, name, password, csrf, &retry_after)) {
	case OUT_PENDING:
		break;          /* answered when the hash is done */
	case OUT_OK: {
		struct user u;
		memset(&u, 0, sizeof u);
		buf_adds(&json, "{\"name\":");
		json_write_string(&json, name, strlen(name));
		if (users_get(req->store, name, &u, &err) == 0) {
			const char *r = role_name(u.role);
			buf_adds(&json, ",\"role\":");
			json_write_string(&json, r ? r : "", r ? strlen(r) : 0);
			user_release(&u);
		}
		buf_addf(&json, ",\"csrf\":\"%s\"}", csrf);
		http_json(res, 200, &json);
		break;
	}
	case OUT_BAD:
		http_json_error(res, 401, NULL, "wrong name or password");
		break;
	case OUT_BUSY:
		http_json_error(res, 429, NULL, "too many failed logins from this address; try again later");
		break;
	case OUT_HASHING:
		http_header(res, req, "Retry-After", arena_printf(&req->arena, "%d", retry_after));
		http_json_error(res, 429, NULL, "too many logins at once; try again in a moment");
		break;
	case OUT_DISABLED:
		http_json_error(res, 403, NULL, "this account is disabled");
		break;
	case OUT_ERROR:
		http_json_error(res, 500, NULL, "internal error");
		break;
	}
out:
	sodium_memzero(csrf, sizeof csrf);
	buf_release(&err);
	buf_release(&json);
}

static void end_session(struct request *req, struct response *res)
{
	struct buf err = BUF_INIT;
	if (sessions_delete(req->store, req->session_token, &err) < 0)
		fprintf(stderr, "tandem serve: logout: %s\n", err.data);
	web_session_forget(req->srv, req->session_token);
	web_set_session_cookie(req, res, NULL);
	buf_release(&err);
}

void api_logout(struct request *req, struct response *res)
{
	struct buf json = BUF_INIT;
	end_session(req, res);
	buf_adds(&json, "{\"ok\":true}");
	http_json(res, 200, &json);
	buf_release(&json);
}

void page_logout(struct request *req, struct response *res)
{
	end_session(req, res);
	http_redirect(res, req, "/login");
}

/* Only local paths are followed after a login, so that a link cannot send
 * a user elsewhere. A browser drops tabs and line breaks from a URL and
 * reads a backslash as a slash, so "/\t/evil", "//evil" and "/\\evil" all
 * name another host: a target with any control character, space or
 * backslash, or that begins with two slashes, is refused (the user lands
 * on "/"). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/')
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

static void login_form(struct request *req, struct response *res, const char *error_key,
		       const char *name)
{
	struct buf *o = &res->body;
	char token[65];
	unsigned char raw[32];
	const char *next = safe_next(http_query(req, "next") ? http_query(req, "next")
				     : http_form(req, "next"));

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, sizeof token, raw, sizeof raw);
	http_header(res, req, "Set-Cookie",
		    arena_printf(&req->arena, "login_csrf=%s; Path=/login; HttpOnly; SameSite=Strict%s",
				 token, req->srv->cfg.tls_proxy ? "; Secure" : ""));
	html_page_begin(req, res, "login.title", NULL);
	html_raw(o, "<section class=\"card narrow\">\n");
	if (error_key) {
		html_raw(o, "<p class=\"notice error\" role=\"alert\" id=\"login-error\">");
		html_msg(o, req, error_key);
		html_raw(o, "</p>\n");
	}
	html_raw(o, "<form method=\"post\" action=\"/login\" class=\"stack\">\n"
		 "<input type=\"hidden\" name=\"login_csrf\" value=\"");
	html_escape(o, token);
	html_raw(o, "\">\n<input type=\"hidden\" name=\"next\" value=\"");
	html_escape(o, next);
	html_raw(o, "\">\n<label for=\"name\">");
	html_msg(o, req, "login.name");
	html_raw(o, "</label>\n<input id=\"name\" name=\"name\" autocomplete=\"username\" required"
		 " autofocus maxlength=\"64\" value=\"");
	html_escape(o, name ? name : "");
	html_raw(o, "\"");
	if (error_key)
		html_raw(o, " aria-describedby=\"login-error\"");
	html_raw(o, ">\n<label for=\"password\">");
	html_msg(o, req, "login.password");
	html_raw(o, "</label>\n<input id=\"password\" name=\"password\" type=\"password\""
		 " autocomplete=\"current-password\" required maxlength=\"1024\">\n"
		 "<button type=\"submit\" class=\"primary\">");
	html_msg(o, req, "login.submit");
	html_raw(o, "</button>\n</form>\n</section>\n");
	html_page_end(req, res);
}

void page_login(struct request *req, struct response *res)
{
	if (req->logged_in) {
		http_redirect(res, req, "/");
		return;
	}
	login_form(req, res, NULL, NULL);
}

void page_login_post(struct request *req, struct response *res)
{
	const char *cookie = http_cookie(req, "login_csrf");
	const char *field = http_form(req, "login_csrf");
	const char *name = http_form(req, "name");
	char csrf[65];
	int retry_after = 1;

	if (!cookie || !field || strlen(cookie) != 64 || strlen(field) != 64 ||
	    sodium_memcmp(cookie, field, 64)) {
		res->status = 403;
		login_form(req, res, "login.expired", name);
		return;
	}
	switch (do_login(req, res, name, http_form(req, "password"), csrf, &retry_after)) {
	case OUT_PENDING:
		break;          /* answered when the hash is done */
	case OUT_OK:
		http_redirect(res, req, safe_next(http_form(req, "next")));
		break;
	case OUT_BAD:
		res->status = 401;
		login_form(req, res, "login.bad", name);
		break;
	case OUT_BUSY:
		res->status = 429;
		login_form(req, res, "login.locked", name);
		break;
	case OUT_HASHING:
		res->status = 429;
		http_header(res, req, "Retry-After", arena_printf(&req->arena, "%d", retry_after));
		login_form(req, res, "login.busy", name);
		break;
	case OUT_DISABLED:
		res->status = 403;
		login_form(req, res, "login.disabled", name);
		break;
	case OUT_ERROR:
		html_error_page(req, res, 500, "error.internal", NULL);
		break;
	}
	sodium_memzero(csrf, sizeof csrf);
}

int web_demo_users(struct store *s, struct buf *out_passwords, struct buf *err)
{
	return users_demo(s, "demo", out_passwords, err);
}
