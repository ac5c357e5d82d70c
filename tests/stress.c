/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stress.c: the concurrency tests on the host, with pthreads (run under
 * ThreadSanitizer, and without it for more interleavings per second):
 * - registers racing on one slot: exactly one wins; unregisters racing:
 *   exactly one gets the pair;
 * - unregister_sync waits for a handler that is running, and only for it;
 * - the shared stress (tests/stress_core.c): dispatchers against mutators.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "stress_core.h"
#include "stress_threads.h"
#include "tap.h"

#define RACE_ROUNDS 5000
#define DISPATCHERS 2
#define MUTATORS 2
#define MUTATIONS 40000
#define BATCH 256
#define MIN_HITS 100000

void tap_putc(char c)
{
	putchar(c);
}

static HTBL_DEFINE(table, 16);

/* ---- two threads racing on one slot, round after round ---------------- */

static unsigned gate;		/* atomic: last step both threads reached */
static unsigned arrived;	/* atomic: barrier arrivals so far */
static int racer_arg[2];
static bool won[2];
static htbl_handler_fn got_fn[2];
static void *got_arg[2];
static int ran[2];

static void racer_fn0(void *arg) { ran[0] += arg == &racer_arg[0]; }
static void racer_fn1(void *arg) { ran[1] += arg == &racer_arg[1]; }
static const htbl_handler_fn racer_fns[2] = { racer_fn0, racer_fn1 };

/* Both threads leave step n together; each calls it with n = 1, 2, ... */
static void barrier(unsigned *step)
{
	unsigned n = ++*step;

	if (__atomic_add_fetch(&arrived, 1, __ATOMIC_ACQ_REL) == 2 * n)
		__atomic_store_n(&gate, n, __ATOMIC_RELEASE);
	while (__atomic_load_n(&gate, __ATOMIC_ACQUIRE) < n)
		;
}

static void *racer(void *p)
{
	int me = (int)(intptr_t)p;
	unsigned step = 0;

	for (unsigned r = 0; r < RACE_ROUNDS; r++) {
		barrier(&step);
		won[me] = htbl_register(&table, 0, racer_fns[me],
					&racer_arg[me]);
		barrier(&step);
		got_fn[me] = htbl_unregister(&table, 0, &got_arg[me]);
		barrier(&step);
	}
	return NULL;
}

static void test_races(void)
{
	pthread_t other;
	unsigned bad_reg = 0, bad_unreg = 0, step = 0;

	/* This thread is racer 0 and checks each round after its last step. */
	pthread_create(&other, NULL, racer, (void *)1);
	for (unsigned r = 0; r < RACE_ROUNDS; r++) {
		int w;

		barrier(&step);
		won[0] = htbl_register(&table, 0, racer_fns[0], &racer_arg[0]);
		barrier(&step);
		got_fn[0] = htbl_unregister(&table, 0, &got_arg[0]);
		barrier(&step);
		w = won[1];
		bad_reg += won[0] + won[1] != 1;
		bad_unreg += !!got_fn[0] + !!got_fn[1] != 1 ||
			     got_fn[!got_fn[0]] != racer_fns[w] ||
			     got_arg[!got_fn[0]] != &racer_arg[w];
	}
	pthread_join(other, NULL);
	tap_check(bad_reg == 0, "race: of two registers, exactly one wins");
	tap_check(bad_unreg == 0,
		  "race: of two unregisters, exactly one gets the winner's pair");
}

/* ---- unregister_sync against a handler that is held running ------------ */

static unsigned held_entered, held_release, held_done;	/* atomic */
static unsigned sync_returned, saw_done;		/* atomic */
static int held_arg;

static void held_fn(void *arg)
{
	(void)arg;
	__atomic_store_n(&held_entered, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&held_release, __ATOMIC_ACQUIRE))
		;
	__atomic_store_n(&held_done, 1, __ATOMIC_RELAXED);
}

static void other_fn(void *arg)
{
	++*(int *)arg;
}

static void *dispatch_held(void *p)
{
	(void)p;
	htbl_handle(&table, 1);
	return NULL;
}

static void *sync_held(void *p)
{
	(void)p;
	htbl_unregister_sync(&table, 1, NULL);
	__atomic_store_n(&saw_done,
			 __atomic_load_n(&held_done, __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&sync_returned, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_sync_waits(void)
{
	pthread_t d, s;
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	int other = 0;
	bool others_ok = true;

	htbl_register(&table, 1, held_fn, &held_arg);
	pthread_create(&d, NULL, dispatch_held, NULL);
	while (!__atomic_load_n(&held_entered, __ATOMIC_ACQUIRE))
		;
	pthread_create(&s, NULL, sync_held, NULL);
	/* While the sync waits, other slots work as usual. */
	for (int i = 0; i < 1000; i++)
		others_ok &= htbl_register(&table, 2, other_fn, &other) &&
			     htbl_handle(&table, 2) &&
			     htbl_unregister_sync(&table, 2, NULL) == other_fn;
	nanosleep(&pause, NULL);
	tap_check(!__atomic_load_n(&sync_returned, __ATOMIC_ACQUIRE) &&
			  !htbl_handle(&table, 1),
		  "sync: does not return while the removed handler runs");
	tap_check(others_ok && other == 1000,
		  "sync: other slots register and dispatch meanwhile");
	__atomic_store_n(&held_release, 1, __ATOMIC_RELEASE);
	pthread_join(s, NULL);
	pthread_join(d, NULL);
	tap_check(__atomic_load_n(&saw_done, __ATOMIC_RELAXED) == 1,
		  "sync: returns after the handler finished, and sees its writes");
}

/* ---- the shared stress --------------------------------------------------- */

static unsigned mutators_left = MUTATORS;	/* atomic */
static unsigned long dispatch_hits;		/* atomic: calls made so far */
static unsigned long handled[DISPATCHERS];

static void *dispatcher(void *p)
{
	int me = (int)(intptr_t)p;
	uint32_t rng = 0x12345u + (uint32_t)me;
	unsigned long n = 0;

	while (__atomic_load_n(&mutators_left, __ATOMIC_ACQUIRE)) {
		unsigned long before = n;

		for (int i = 0; i < BATCH; i++)
			stress_dispatch(&rng, &n);
		__atomic_fetch_add(&dispatch_hits, n - before, __ATOMIC_RELAXED);
	}
	handled[me] = n;
	return NULL;
}

static void *mutator(void *p)
{
	uint32_t rng = 0xabcdefu + (uint32_t)(intptr_t)p;

	stress_mutate_until(&rng, MUTATIONS, &dispatch_hits, MIN_HITS);
	__atomic_fetch_sub(&mutators_left, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_stress(void)
{
	unsigned long sum;

	stress_setup(&table, 4);
	sum = stress_threads(dispatcher, DISPATCHERS, mutator, MUTATORS,
			     handled);
	stress_report(sum, "stress: 2 dispatcher and 2 mutator threads");
}

int main(void)
{
	test_races();
	test_sync_waits();
	test_stress();
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
