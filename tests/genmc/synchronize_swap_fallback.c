/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_swap_fallback.c: synchronize_swap.c with one dispatch cell
 * and two dispatchers: when both are in htbl_handle at once, one finds the
 * cell taken and counts itself in the slot's overflow counter instead. The
 * owner points the handler at a new buffer, synchronizes, then frees the
 * old one: a call that still reads the old pointer, counted or in the
 * cell, was running when the synchronize was called and must be waited
 * for, and no handler may see the old buffer freed.
 *
 * The counter's CAS in ovf_enter and the call's re-check against the flip
 * and htbl_synchronize's load of the counter form a Dekker pair, as the
 * claim does with the cell loads. Kills the relaxed counter load of
 * htbl_synchronize (it would miss the count while the call misses the
 * flip), and the relaxed flip CAS, as synchronize_swap.c does.
 */
#define HTBL_CELLS 1

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

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
	pthread_t d[2], o;
	bool ok = htbl_register(&table, 0, handler, &current);

	assert(ok);
	pthread_create(&d[0], NULL, dispatcher, NULL);
	pthread_create(&d[1], NULL, dispatcher, NULL);
	pthread_create(&o, NULL, owner, NULL);
	pthread_join(d[0], NULL);
	pthread_join(d[1], NULL);
	pthread_join(o, NULL);
	return 0;
}
