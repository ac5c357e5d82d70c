/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_swap.c: htbl_synchronize on a slot that stays registered,
 * as Linux's synchronize_irq is used: the owner points the handler at a
 * new buffer, synchronizes, then frees the old one (sets its freed flag).
 * A handler call that still reads the old pointer was running when the
 * synchronize was called (it did not see the owner's store, which comes
 * before the flip), so synchronize must wait for it: no handler may see
 * the old buffer freed, nor read it unordered with the free.
 *
 * The flip CAS and the dispatcher's claim CAS and re-check form a Dekker
 * pair: if the flip were not sequentially consistent (or not a release),
 * the synchronize could miss the claim while the call's re-check misses
 * the flip, or the call could see the flip without the owner's store.
 * Kills the relaxed flip CAS of htbl_synchronize (its success order, with
 * its failure order).
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

/* Threads dispatching the slot (synchronize_swap_fallback.c takes two). */
#ifndef SWAP_DISPATCHERS
#define SWAP_DISPATCHERS 1
#endif

#include "../../src/handler_table.c"

struct buf {
	int freed; /* plain: the owner writes it, a handler reads it */
};

static HTBL_DEFINE(table, 1);
static struct buf bufs[2];
static struct buf *current = &bufs[0]; /* atomic */

static void handler(void *arg)
{
	/* Relaxed: the flip, or the synchronize's wait, orders it. */
	struct buf *b = __atomic_load_n((struct buf **)arg, __ATOMIC_RELAXED);

	assert(!b->freed);
}

static void *dispatcher(void *unused)
{
	(void)unused;
	htbl_handle(&table, 0);
	return NULL;
}

static void *owner(void *unused)
{
	(void)unused;
	/* Relaxed: synchronize is a full barrier. */
	__atomic_store_n(&current, &bufs[1], __ATOMIC_RELAXED);
	htbl_synchronize(&table, 0);
	bufs[0].freed = 1;
	return NULL;
}

int main(void)
{
	pthread_t d[SWAP_DISPATCHERS], o;
	bool ok = htbl_register(&table, 0, handler, &current);

	assert(ok);
	for (int i = 0; i < SWAP_DISPATCHERS; i++)
		pthread_create(&d[i], NULL, dispatcher, NULL);
	pthread_create(&o, NULL, owner, NULL);
	for (int i = 0; i < SWAP_DISPATCHERS; i++)
		pthread_join(d[i], NULL);
	pthread_join(o, NULL);
	return 0;
}
