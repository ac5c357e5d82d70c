/*
 * mutant_killers.c: the ordering of the fallback path, under
 * ThreadSanitizer. A call that finds every dispatch cell taken counts
 * itself in its slot's _inflight; htbl_unregister_sync must then wait for
 * it and acquire what it wrote: the release of the fetch_sub that ends it,
 * paired with the acquire of _htbl_wait's load of _inflight. The stress
 * test never fills the cells, so only this test sees either order weakened.
 *
 * Thread D nests calls of a filler handler until every cell is taken, then
 * dispatches the victim. Thread S syncs the victim, then reads what the
 * victim wrote. D keeps the cells until S is done, so that nothing but
 * _inflight orders the victim's write before S's read.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

/* Well past the library's default of 32 cells. */
#define NEST 64
#define ROUNDS 20
#define FILLER 0
#define VICTIM 1

void tap_putc(char c)
{
	putchar(c);
}

static HTBL_DEFINE(table, 2);
static int depth;			/* plain: thread D only */
static unsigned entered, go, checked;	/* atomic */
static uintptr_t inflight_seen;		/* atomic */
static int victim_data;			/* plain: D writes, S reads */

static void victim(void *arg)
{
	__atomic_store_n(&inflight_seen,
			 __atomic_load_n(&table._slots[VICTIM]._inflight,
					 __ATOMIC_RELAXED),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&entered, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		;
	*(int *)arg = 42;
}

static void filler(void *arg)
{
	(void)arg;
	if (++depth < NEST) {
		htbl_handle(&table, FILLER);
		return;
	}
	htbl_handle(&table, VICTIM);
	/* Keep every cell taken until S has read victim_data. */
	while (!__atomic_load_n(&checked, __ATOMIC_ACQUIRE))
		;
}

static void *dispatcher(void *p)
{
	(void)p;
	depth = 0;
	htbl_handle(&table, FILLER);
	return NULL;
}

int main(void)
{
	unsigned fallback = 0, waited = 0;

	for (int r = 0; r < ROUNDS; r++) {
		pthread_t d;

		victim_data = 0;
		__atomic_store_n(&entered, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&go, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&checked, 0, __ATOMIC_RELAXED);
		htbl_register(&table, FILLER, filler, NULL);
		htbl_register(&table, VICTIM, victim, &victim_data);
		pthread_create(&d, NULL, dispatcher, NULL);
		while (!__atomic_load_n(&entered, __ATOMIC_ACQUIRE))
			;
		fallback += __atomic_load_n(&inflight_seen, __ATOMIC_RELAXED) == 1;
		__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
		/* A race report here: the sync did not acquire the call's end. */
		waited += htbl_unregister_sync(&table, VICTIM, NULL) == victim &&
			  victim_data == 42;
		__atomic_store_n(&checked, 1, __ATOMIC_RELEASE);
		pthread_join(d, NULL);
		htbl_unregister_sync(&table, FILLER, NULL);
	}
	tap_check(fallback == ROUNDS,
		  "fallback: a call that finds every cell taken counts in _inflight");
	tap_check(waited == ROUNDS,
		  "fallback: unregister_sync waits for it and sees its writes");
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
