/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mutant_killers.c: orders that the stress test does not see weakened,
 * under ThreadSanitizer: the fallback path, and htbl_synchronize's wait.
 *
 * A call that finds every dispatch cell taken counts itself in one of its
 * slot's two tagged counters (_ovf), or in _spill when both hold calls of
 * other registrations; htbl_unregister_sync must then wait for it and
 * acquire what it wrote: the release of the fetch_sub that ends it, paired
 * with the acquire of the waiter's load (wait_ovf, wait_spill). The stress
 * test never fills the cells. Nor does it read, after htbl_synchronize,
 * what a call it waited for wrote: the acquire of its wait on a cell.
 *
 * Thread D nests calls of a filler handler until one of them is counted
 * (every cell is then D's), then dispatches the victim's slot (or, for
 * synchronize, dispatches it at once, in a cell). Thread S syncs the
 * victim, then reads what the victim wrote. The victim writes a while
 * after S has started its sync, so that S is waiting by then; D keeps the
 * cells until S is done, so that nothing but the counter (or the cell)
 * orders the victim's write before S's read. For the spill, two handlers
 * nested on D first each replace the victim's registration and dispatch
 * it again: their calls hold the two counters when the victim's call
 * comes.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tap.h"

/* Well past the library's default of 32 cells. */
#define NEST_MAX 1024
#define ROUNDS 20
#define FILLER 0
#define VICTIM 1
/* The count field of a counter (OVF_COUNT_BITS of the library). */
#define COUNT_MASK ((uintptr_t)(sizeof(uintptr_t) == 8 ? 0xffff : 0xff))

/* Where the victim's call is announced, and who waits for it. */
enum mode { COUNTER, SPILL, CELL };

void tap_putc(char c)
{
	putchar(c);
}

static HTBL_DEFINE(table, 2);
static enum mode mode;			/* set before D starts */
static int depth, olders;		/* plain: thread D only */
static unsigned entered, go, checked;	/* atomic */
static uintptr_t seen[3];		/* atomic: _ovf[0], _ovf[1], _spill */
static int victim_data;			/* plain: D writes, S reads */

static uintptr_t peek(const uintptr_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void victim(void *arg)
{
	const struct htbl_slot *s = &table._slots[VICTIM];

	__atomic_store_n(&seen[0], peek(&s->_ovf[0]) & COUNT_MASK,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&seen[1], peek(&s->_ovf[1]) & COUNT_MASK,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&seen[2], peek(&s->_spill), __ATOMIC_RELAXED);
	__atomic_store_n(&entered, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		;
	/* By now S waits for us (if it has not, this round proves less). */
	nanosleep(&(struct timespec){ 0, 1000 * 1000 }, NULL);
	*(int *)arg = 42;
}

/* Holds a counter: replaces the victim's registration, dispatches it. */
static void older(void *arg)
{
	(void)arg;
	htbl_unregister(&table, VICTIM, NULL);
	if (++olders < 2)
		htbl_register(&table, VICTIM, older, NULL);
	else
		htbl_register(&table, VICTIM, victim, &victim_data);
	htbl_handle(&table, VICTIM);
}

static void filler(void *arg)
{
	(void)arg;
	if ((peek(&table._slots[FILLER]._ovf[0]) & COUNT_MASK) == 0 &&
	    ++depth < NEST_MAX) {
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
	olders = 0;
	htbl_handle(&table, mode == CELL ? VICTIM : FILLER);
	return NULL;
}

/* S: sync the victim (its call is running); whether S sees its write. */
static bool sync_sees_write(void)
{
	if (mode == CELL) {
		htbl_synchronize(&table, VICTIM);
		return victim_data == 42;
	}
	return htbl_unregister_sync(&table, VICTIM, NULL) == victim &&
	       victim_data == 42;
}

/* ROUNDS of a victim counted in a counter, spilled, or in a cell: in
 * *counted of them it found the counters as expected, in *waited S saw
 * its write. */
static void run(enum mode m, unsigned *counted, unsigned *waited)
{
	const uintptr_t want[3] = { m != CELL, m == SPILL, m == SPILL };

	*counted = *waited = 0;
	for (int r = 0; r < ROUNDS; r++) {
		pthread_t d;

		victim_data = 0;
		__atomic_store_n(&entered, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&go, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&checked, 0, __ATOMIC_RELAXED);
		mode = m;
		htbl_register(&table, FILLER, filler, NULL);
		if (m == SPILL)
			htbl_register(&table, VICTIM, older, NULL);
		else
			htbl_register(&table, VICTIM, victim, &victim_data);
		pthread_create(&d, NULL, dispatcher, NULL);
		while (!__atomic_load_n(&entered, __ATOMIC_ACQUIRE))
			;
		*counted += peek(&seen[0]) == want[0] &&
			    peek(&seen[1]) == want[1] &&
			    peek(&seen[2]) == want[2];
		__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
		/* A race report here: the sync did not acquire the call's end. */
		*waited += sync_sees_write();
		__atomic_store_n(&checked, 1, __ATOMIC_RELEASE);
		pthread_join(d, NULL);
		htbl_unregister_sync(&table, VICTIM, NULL);
		htbl_unregister_sync(&table, FILLER, NULL);
	}
}

int main(void)
{
	unsigned counted, waited;

	run(COUNTER, &counted, &waited);
	tap_check(counted == ROUNDS,
		  "fallback: a call that finds every cell taken counts in a "
		  "tagged counter");
	tap_check(waited == ROUNDS,
		  "fallback: unregister_sync waits for the counted call and "
		  "sees its writes");
	run(SPILL, &counted, &waited);
	tap_check(counted == ROUNDS,
		  "fallback: with both counters held by older registrations, "
		  "a call counts in _spill");
	tap_check(waited == ROUNDS,
		  "fallback: unregister_sync waits for the spilled call and "
		  "sees its writes");
	run(CELL, &counted, &waited);
	tap_check(counted == ROUNDS && waited == ROUNDS,
		  "synchronize waits for a call holding a cell and sees its "
		  "writes");
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
