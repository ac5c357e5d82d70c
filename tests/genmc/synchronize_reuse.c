/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_reuse.c: htbl_synchronize must acquire the end of a call it
 * saw in a cell even when, before it reads which slot that cell serves,
 * the call has ended and a call of another slot has taken the cell. A
 * handler of slot 0 tells the syncer it has started, then writes into its
 * arg; a dispatch of slot 1 runs at the same time (all calls start at the
 * same cell here). The syncer synchronizes slot 0 and then reads what the
 * handler wrote: the call was running when synchronize was called, so
 * its write must be visible, without a race.
 *
 * The cell's slot word is then the later call's: synchronize skips the
 * cell (another slot), and acquires the end of the call before only
 * through that word, so the word's store must be a release (announce())
 * for the acquire load in cell_is_before to pair with. Kills either made
 * relaxed.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

struct obj {
	int started; /* atomic: a handler call has begun */
	int value;   /* plain: the handler writes it, the syncer reads it */
};

static HTBL_DEFINE(table, 2);
static struct obj obj;

static void handler(void *arg)
{
	struct obj *o = arg;

	/* Release: pairs with the syncer's acquire load of started. */
	__atomic_store_n(&o->started, 1, __ATOMIC_RELEASE);
	o->value = 42;
}

static void other(void *arg)
{
	(void)arg;
}

static void *dispatcher(void *idx)
{
	htbl_handle(&table, *(size_t *)idx);
	return NULL;
}

static void *syncer(void *unused)
{
	(void)unused;
	if (__atomic_load_n(&obj.started, __ATOMIC_ACQUIRE)) {
		htbl_synchronize(&table, 0);
		assert(obj.value == 42);
	}
	return NULL;
}

int main(void)
{
	static size_t idx[2] = { 0, 1 };
	pthread_t d[2], s;
	bool ok = htbl_register(&table, 0, handler, &obj) &&
		  htbl_register(&table, 1, other, NULL);

	assert(ok);
	pthread_create(&d[0], NULL, dispatcher, &idx[0]);
	pthread_create(&d[1], NULL, dispatcher, &idx[1]);
	pthread_create(&s, NULL, syncer, NULL);
	pthread_join(d[0], NULL);
	pthread_join(d[1], NULL);
	pthread_join(s, NULL);
	return 0;
}
