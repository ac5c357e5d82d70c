/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stress_core.c: registrations are objects from a pool; each carries plain
 * data written before htbl_register, the id of the fn it was registered
 * with, and a magic word that is poisoned once htbl_unregister_sync has
 * returned it. Handlers check all three, so a torn pair, a missing release
 * or an early return from the sync shows up as a count (and, under
 * ThreadSanitizer, as a data race on the plain fields).
 */
#include "stress_core.h"
#include "tap.h"

/*
 * Plain unregisters retire objects for good: 4096 are enough for ~130000
 * mutations; a board with little RAM takes fewer (STRESS_NREGS), and the
 * runs that outlast them reuse synced ones.
 */
#ifdef STRESS_NREGS
#define NREGS STRESS_NREGS
#else
#define NREGS 4096
#endif
#define NFNS 4
#define LIVE 0x1badcafeu
#define DEAD 0xdeadbeefu

enum { REG_FREE, REG_PREP, REG_TABLE, REG_GONE };

struct reg {
	uint32_t state;	      /* atomic: REG_* */
	uint32_t magic;	      /* plain: LIVE while it may be called */
	uint32_t fn_id;	      /* plain: which of fns[] it was registered with */
	uint32_t gen;	      /* plain: bumped at each reuse */
	uint32_t payload;     /* plain: payload_of(this), before registering */
	unsigned long calls;  /* atomic: handler calls */
};

static struct reg regs[NREGS];
static struct htbl *table;
static size_t first_slot;

/* Atomic event counts: (relaxed: read only after every worker stopped). */
static unsigned long torn, stale, after_sync, bad_removal;
static unsigned long registered, removed, synced, retired;

static void count(unsigned long *c)
{
	__atomic_fetch_add(c, 1, __ATOMIC_RELAXED);
}

static uint32_t payload_of(const struct reg *r)
{
	return (uint32_t)(r - regs) * 2654435761u ^ r->gen;
}

static void handler(void *arg, uint32_t id)
{
	struct reg *r = arg;

	if (r->fn_id != id)
		count(&torn);
	if (r->payload != payload_of(r))
		count(&stale);
	if (r->magic != LIVE)
		count(&after_sync);
	/* Stay a while, so that a sync that returns early overlaps us. */
	for (int i = 0; i < 32; i++)
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_fetch_add(&r->calls, 1, __ATOMIC_RELAXED);
	if (r->magic != LIVE)
		count(&after_sync);
}

static void fn0(void *arg) { handler(arg, 0); }
static void fn1(void *arg) { handler(arg, 1); }
static void fn2(void *arg) { handler(arg, 2); }
static void fn3(void *arg) { handler(arg, 3); }
static const htbl_handler_fn fns[NFNS] = { fn0, fn1, fn2, fn3 };

void stress_setup(struct htbl *t, size_t first)
{
	static unsigned long *const counts[] = {
		&torn, &stale, &after_sync, &bad_removal,
		&registered, &removed, &synced, &retired,
	};

	table = t;
	first_slot = first;
	/*
	 * Relaxed: nothing else runs (see the header), and whatever ran
	 * before is ordered before us by how its runner stopped it. A
	 * registration a plain unregister retired is free again, since no
	 * handler of the last run can be running; gen goes on counting, so
	 * no payload repeats.
	 */
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		__atomic_store_n(counts[i], 0, __ATOMIC_RELAXED);
	for (size_t i = 0; i < NREGS; i++) {
		__atomic_store_n(&regs[i].state, REG_FREE, __ATOMIC_RELAXED);
		__atomic_store_n(&regs[i].calls, 0, __ATOMIC_RELAXED);
	}
}

void stress_dispatch(uint32_t *rng, unsigned long *handled)
{
	if (htbl_handle(table, first_slot + stress_rand(rng) % STRESS_SLOTS))
		++*handled;
}

/* Take a free registration object, or NULL when none is near. */
static struct reg *take_reg(uint32_t *rng)
{
	uint32_t start = stress_rand(rng);

	for (uint32_t i = 0; i < 16; i++) {
		struct reg *r = &regs[(start + i) % NREGS];
		uint32_t expect = REG_FREE;

		/* Acquire: pairs with the release that freed it after the
		 * poison, so our plain writes below come after that one. */
		if (__atomic_compare_exchange_n(&r->state, &expect, REG_PREP,
						false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return r;
	}
	return NULL;
}

static void do_register(uint32_t *rng, size_t slot)
{
	struct reg *r = take_reg(rng);

	if (!r)
		return;
	r->gen++;
	r->fn_id = stress_rand(rng) % NFNS;
	r->payload = payload_of(r);
	r->magic = LIVE;
	/* Relaxed: htbl_register's release publishes it with the rest. */
	__atomic_store_n(&r->state, REG_TABLE, __ATOMIC_RELAXED);
	if (htbl_register(table, slot, fns[r->fn_id], r)) {
		count(&registered);
		return;
	}
	/* Never published: still ours. Release: pairs with take_reg. */
	__atomic_store_n(&r->state, REG_FREE, __ATOMIC_RELEASE);
}

/* Check a pair that an unregister returned, and take it out of the table. */
static struct reg *removed_reg(htbl_handler_fn fn, void *arg, uint32_t to)
{
	struct reg *r = arg;
	uint32_t expect = REG_TABLE;

	if (r < regs || r >= regs + NREGS || fn != fns[r->fn_id] ||
	    !__atomic_compare_exchange_n(&r->state, &expect, to, false,
					 __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
		count(&bad_removal);
		return NULL;
	}
	count(&removed);
	return r;
}

static void do_unregister_sync(size_t slot)
{
	void *arg = NULL;
	htbl_handler_fn fn = htbl_unregister_sync(table, slot, &arg);
	struct reg *r;

	if (!fn || !(r = removed_reg(fn, arg, REG_PREP)))
		return;
	count(&synced);
	r->magic = DEAD;
	/* Release: pairs with take_reg's acquire; the poison comes first. */
	__atomic_store_n(&r->state, REG_FREE, __ATOMIC_RELEASE);
}

void stress_mutate(uint32_t *rng)
{
	uint32_t op = stress_rand(rng);
	size_t slot = first_slot + (op >> 8) % STRESS_SLOTS;
	void *arg = NULL;
	htbl_handler_fn fn;

	switch (op % 8) {
	case 0: case 1: case 2: case 3:
		do_register(rng, slot);
		break;
	case 4:
		/*
		 * One time in four, a plain unregister: a call may still run,
		 * so the object is never reused. Only while half the pool is
		 * left, so that a run that goes on until the dispatchers did
		 * their share never runs out. Relaxed: a bound, not an order.
		 */
		if ((op >> 16) % 4 == 0 &&
		    __atomic_load_n(&retired, __ATOMIC_RELAXED) < NREGS / 2) {
			fn = htbl_unregister(table, slot, &arg);
			if (fn && removed_reg(fn, arg, REG_GONE))
				count(&retired);
			break;
		}
		do_unregister_sync(slot);
		break;
	default:
		do_unregister_sync(slot);
		break;
	}
}

void stress_report(unsigned long handled, const char *where)
{
	unsigned long calls = 0;

	for (size_t i = 0; i < STRESS_SLOTS; i++)
		do_unregister_sync(first_slot + i);
	for (size_t i = 0; i < NREGS; i++)
		calls += regs[i].calls;
	tap_diag(where);
	tap_check(registered > 0 && synced > 0 && handled > 0,
		  "stress: registrations, syncs and dispatches all happened");
	tap_check(torn == 0,
		  "stress: no handler called with another registration's arg");
	tap_check(stale == 0,
		  "stress: data written before register seen by the handler");
	tap_check(after_sync == 0,
		  "stress: no handler ran after unregister_sync returned");
	tap_check(bad_removal == 0 && removed == registered,
		  "stress: each registration removed exactly once, with its fn");
	tap_check(calls == handled,
		  "stress: handler calls add up to handle() returning true");
}

void stress_mutate_until(uint32_t *rng, unsigned rounds,
			 const unsigned long *hits, unsigned long min_hits)
{
	/* Relaxed: a bound on the run, not a synchronization. */
	for (unsigned i = 0;
	     i < rounds || __atomic_load_n(hits, __ATOMIC_RELAXED) < min_hits;
	     i++)
		stress_mutate(rng);
}
