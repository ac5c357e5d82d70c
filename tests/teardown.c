/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * teardown.c: what htbl_unregister_sync and htbl_synchronize wait for, and
 * what they must not wait for. Host threads stand for CPUs; a handler is
 * held running until the test releases it. Built twice: with the default
 * dispatch cells, and with -DTEARDOWN_CELLS (the library built with two
 * cells, both held by calls on another slot) so that the calls under test
 * take the fallback counters.
 *
 * A wait that must end is given WAIT_LIMIT seconds before the case fails
 * (so that a regression fails instead of hanging); that bound is a
 * liveness check, not a measurement. A wait that must not end is checked
 * after a pause, which can only miss a bug, never invent one.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tap.h"
#include "waits.h"

#define SLOT 0
#define HOLD_SLOT 1
/* Registrations between r and the one whose held call must not delay the
 * sync of r: the old 4-bit tags made r and r + 16 one. */
#define LATER 16

void tap_putc(char c)
{
	putchar(c);
}

static HTBL_DEFINE(table, 2);

/* A handler call that can be held: it announces itself, then waits. */
struct hold {
	unsigned entered, release, left; /* atomic */
	int touched;			 /* plain: written by the handler */
};

static void held(void *arg)
{
	struct hold *h = arg;

	__atomic_fetch_add(&h->entered, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&h->release, __ATOMIC_ACQUIRE))
		;
	h->touched = 1;
	__atomic_fetch_add(&h->left, 1, __ATOMIC_RELEASE);
}

static void nothing(void *arg)
{
	(void)arg;
}

static void *dispatch(void *p)
{
	(void)p;
	htbl_handle(&table, SLOT);
	return NULL;
}

/*
 * The same from a frame p KiB deeper: a call picks its first dispatch cell
 * from its stack address, so the rounds of a case put the newer call in
 * different cells, before and after the older one in a waiter's scan.
 */
static void *dispatch_deeper(void *p)
{
	volatile char pad[(size_t)p * 1024 + 1];

	pad[0] = 0;
	htbl_handle(&table, SLOT);
	return (void *)(uintptr_t)pad[0];
}

static void *dispatch_hold_slot(void *p)
{
	(void)p;
	htbl_handle(&table, HOLD_SLOT);
	return NULL;
}

static unsigned sync_done; /* atomic */

static void *unregister_sync(void *p)
{
	(void)p;
	htbl_unregister_sync(&table, SLOT, NULL);
	__atomic_store_n(&sync_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *synchronize(void *p)
{
	(void)p;
	htbl_synchronize(&table, SLOT);
	__atomic_store_n(&sync_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* A lock that the teardown holds and a newer handler takes. */
static unsigned teardown_lock; /* atomic */

static void takes_lock(void *arg)
{
	struct hold *h = arg;

	__atomic_fetch_add(&h->entered, 1, __ATOMIC_RELEASE);
	/*
	 * Give up after twice WAIT_LIMIT, once the case has seen its sync
	 * not return: a deadlock fails the case, not the whole run.
	 */
	for (long ms = 0; ms < 2 * WAIT_LIMIT * 1000; ms++) {
		if (!__atomic_exchange_n(&teardown_lock, 1, __ATOMIC_ACQUIRE)) {
			__atomic_store_n(&teardown_lock, 0, __ATOMIC_RELEASE);
			break;
		}
		pause_ms(1);
	}
	__atomic_fetch_add(&h->left, 1, __ATOMIC_RELEASE);
}

static void *unregister_sync_locked(void *p)
{
	(void)p;
	while (__atomic_exchange_n(&teardown_lock, 1, __ATOMIC_ACQUIRE))
		;
	htbl_unregister_sync(&table, SLOT, NULL);
	__atomic_store_n(&sync_done, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&teardown_lock, 0, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * With TEARDOWN_CELLS, hold a call on HOLD_SLOT per dispatch cell, so that
 * every call under test finds them all taken.
 */
#ifdef TEARDOWN_CELLS
#define FILLERS TEARDOWN_CELLS
#else
#define FILLERS 0
#endif
static struct hold filler;
static pthread_t filler_threads[FILLERS + 1];

static bool fill_cells(void)
{
	__atomic_store_n(&filler.release, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&filler.entered, 0, __ATOMIC_RELAXED);
	if (!htbl_register(&table, HOLD_SLOT, held, &filler))
		return false;
	for (int i = 0; i < FILLERS; i++)
		pthread_create(&filler_threads[i], NULL, dispatch_hold_slot, NULL);
	return wait_until(&filler.entered, FILLERS);
}

static void free_cells(void)
{
	__atomic_store_n(&filler.release, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < FILLERS; i++)
		pthread_join(filler_threads[i], NULL);
	htbl_unregister_sync(&table, HOLD_SLOT, NULL);
}

/*
 * Registration r's call is held; a sync of r starts; then the slot is
 * registered `later` more times and a call of the newest is held (or, with
 * lock, a call of the newest that takes the lock the sync's caller holds).
 * Releasing r's call must let the sync return with the newer call still
 * held.
 */
static bool sync_vs_later_at(unsigned later, bool lock, size_t depth_kib)
{
	struct hold old = { 0 }, newer = { 0 };
	pthread_t d_old, d_new, s;
	bool ok, returned_early, returned;

	__atomic_store_n(&sync_done, 0, __ATOMIC_RELAXED);
	ok = fill_cells() && htbl_register(&table, SLOT, held, &old);
	pthread_create(&d_old, NULL, dispatch, NULL);
	ok = ok && wait_until(&old.entered, 1);
	pthread_create(&s, NULL, lock ? unregister_sync_locked : unregister_sync,
		       NULL);
	for (unsigned i = 1; i < later; i++) {
		/* Spins until the sync has removed r; then r + i. */
		while (!htbl_register(&table, SLOT, nothing, NULL))
			;
		htbl_unregister(&table, SLOT, NULL);
	}
	while (!htbl_register(&table, SLOT, lock ? takes_lock : held, &newer))
		;
	pthread_create(&d_new, NULL, dispatch_deeper, (void *)depth_kib);
	ok = ok && wait_until(&newer.entered, 1);
	pause_ms(20);
	returned_early = __atomic_load_n(&sync_done, __ATOMIC_ACQUIRE);
	__atomic_store_n(&old.release, 1, __ATOMIC_RELEASE);
	returned = wait_until(&sync_done, 1);
	/* Without the lock, the newer call is still held here. */
	ok = ok && !returned_early && returned &&
	     (lock || __atomic_load_n(&newer.left, __ATOMIC_ACQUIRE) == 0) &&
	     old.touched;
	__atomic_store_n(&newer.release, 1, __ATOMIC_RELEASE);
	pthread_join(d_old, NULL);
	pthread_join(d_new, NULL);
	pthread_join(s, NULL);
	htbl_unregister_sync(&table, SLOT, NULL);
	free_cells();
	return ok;
}

static void sync_vs_later(unsigned later, bool lock, const char *name)
{
	bool ok = true;

	for (size_t kib = 0; kib < 32; kib += 4)
		ok = sync_vs_later_at(later, lock, kib) && ok;
	tap_check(ok, name);
}

/*
 * A handler removes itself with htbl_unregister and is held; its owner's
 * htbl_synchronize must wait for it. Then the owner frees arg: under ASan,
 * a synchronize that returned early makes the handler's last write a
 * use-after-free.
 */
static void self_removing(void *arg)
{
	struct hold *h = arg;

	htbl_unregister(&table, SLOT, NULL);
	held(h);
}

static void synchronize_after_self_removal(void)
{
	struct hold *h = calloc(1, sizeof(*h));
	pthread_t d, y;
	bool ok, returned_early;

	__atomic_store_n(&sync_done, 0, __ATOMIC_RELAXED);
	ok = fill_cells() && htbl_register(&table, SLOT, self_removing, h);
	pthread_create(&d, NULL, dispatch, NULL);
	ok = ok && wait_until(&h->entered, 1);
	pthread_create(&y, NULL, synchronize, NULL);
	pause_ms(20);
	returned_early = __atomic_load_n(&sync_done, __ATOMIC_ACQUIRE);
	__atomic_store_n(&h->release, 1, __ATOMIC_RELEASE);
	ok = ok && wait_until(&sync_done, 1) && !returned_early;
	pthread_join(y, NULL);
	/* What the handler wrote is visible: synchronize acquired it. */
	ok = ok && h->touched;
	free(h);
	pthread_join(d, NULL);
	free_cells();
	tap_check(ok, "synchronize: waits for a handler that removed itself; "
		      "its arg may then be freed");
}

/*
 * A call held before htbl_synchronize starts is waited for; a call of the
 * same registration that starts after it is not, however long it is held.
 */
static void synchronize_vs_later_call(void)
{
	struct hold h = { 0 };
	pthread_t d1, d2, y;
	uintptr_t before;
	bool ok, returned_early, returned;

	__atomic_store_n(&sync_done, 0, __ATOMIC_RELAXED);
	ok = fill_cells() && htbl_register(&table, SLOT, held, &h);
	pthread_create(&d1, NULL, dispatch, NULL);
	ok = ok && wait_until(&h.entered, 1);
	/* White-box: the state word changes when synchronize has begun. */
	before = __atomic_load_n(&table._slots[SLOT]._state, __ATOMIC_ACQUIRE);
	pthread_create(&y, NULL, synchronize, NULL);
	while (__atomic_load_n(&table._slots[SLOT]._state, __ATOMIC_ACQUIRE) ==
	       before)
		;
	pthread_create(&d2, NULL, dispatch, NULL);
	ok = ok && wait_until(&h.entered, 2);
	pause_ms(20);
	returned_early = __atomic_load_n(&sync_done, __ATOMIC_ACQUIRE);
	/* Release the first call only: the second keeps running. */
	__atomic_store_n(&h.release, 1, __ATOMIC_RELEASE);
	returned = wait_until(&sync_done, 1);
	ok = ok && !returned_early && returned;
	pthread_join(d1, NULL);
	pthread_join(d2, NULL);
	pthread_join(y, NULL);
	htbl_unregister_sync(&table, SLOT, NULL);
	free_cells();
	tap_check(ok, "synchronize: waits for the call that began before it, "
		      "not for one that began after");
}

/*
 * The handler keeps the slot's registration across synchronize: a call
 * that re-checks after the flip still runs (no event lost), and the
 * pair stays the one registered.
 */
static unsigned lossless_calls; /* atomic */
static int lossless_arg;

static void counts(void *arg)
{
	if (arg == &lossless_arg)
		__atomic_fetch_add(&lossless_calls, 1, __ATOMIC_RELAXED);
}

static unsigned flips_done; /* atomic */

static void *flipper(void *p)
{
	(void)p;
	for (int i = 0; i < 20000; i++)
		htbl_synchronize(&table, SLOT);
	__atomic_store_n(&flips_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void synchronize_loses_no_event(void)
{
	pthread_t y;
	unsigned called = 0, attempts = 0;
	bool ok;

	__atomic_store_n(&flips_done, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&lossless_calls, 0, __ATOMIC_RELAXED);
	ok = fill_cells() && htbl_register(&table, SLOT, counts, &lossless_arg);
	pthread_create(&y, NULL, flipper, NULL);
	while (!__atomic_load_n(&flips_done, __ATOMIC_ACQUIRE)) {
		attempts++;
		called += htbl_handle(&table, SLOT);
	}
	pthread_join(y, NULL);
	htbl_unregister_sync(&table, SLOT, NULL);
	free_cells();
	ok = ok && called == attempts &&
	     __atomic_load_n(&lossless_calls, __ATOMIC_RELAXED) == called;
	tap_check(ok, "synchronize: every dispatch during 20000 epoch flips "
		      "called the handler with its arg");
}

/* A table on the heap, freed once no thread can call into it. */
struct heap_arg {
	struct htbl *t;
	unsigned stop; /* atomic */
};

static void *heap_dispatch(void *p)
{
	struct heap_arg *a = p;

	while (!__atomic_load_n(&a->stop, __ATOMIC_ACQUIRE))
		for (size_t i = 0; i < 4; i++)
			htbl_handle(a->t, i);
	return NULL;
}

static void heap_table_freed_after_callers(void)
{
	struct htbl *t = malloc(sizeof(*t));
	struct htbl_slot *slots = malloc(4 * sizeof(*slots));
	struct heap_arg a = { t, 0 };
	pthread_t d[2];
	int arg = 0;
	bool ok = true;

	htbl_init(t, slots, 4);
	for (int i = 0; i < 2; i++)
		pthread_create(&d[i], NULL, heap_dispatch, &a);
	for (int r = 0; r < 20000; r++) {
		ok = ok && htbl_register(t, (size_t)r % 4, counts, &arg);
		if (r % 2)
			htbl_synchronize(t, (size_t)r % 4);
		ok = ok && htbl_unregister_sync(t, (size_t)r % 4, NULL) == counts;
	}
	/* The sources stop; every caller is gone once joined. */
	__atomic_store_n(&a.stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < 2; i++)
		pthread_join(d[i], NULL);
	free(slots);
	free(t);
	tap_check(ok, "a heap table is freed once its callers are gone "
		      "(ASan sees no access after)");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_diag(FILLERS ? "every dispatch cell held: the fallback counters"
			 : "dispatch cells");
	sync_vs_later(LATER, false,
		      "unregister_sync of r: not delayed by a held call of r+16");
	sync_vs_later(1, false,
		      "unregister_sync of r: not delayed by a held call of r+1");
	sync_vs_later(LATER, true,
		      "unregister_sync of r under a lock that r+16's handler "
		      "takes: no deadlock");
	synchronize_after_self_removal();
	synchronize_vs_later_call();
	synchronize_loses_no_event();
	heap_table_freed_after_callers();
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
