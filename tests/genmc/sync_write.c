/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sync_write.c: htbl_unregister_sync acquires the completion of the
 * handler call it waited for: what the handler wrote into its arg, the
 * syncing thread reads without a race once the sync returns. And no call
 * runs the handler after the sync returned.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int value;  /* plain: the handler writes it, the syncer reads it */
static int synced; /* atomic: the sync has returned */
static bool called, removed;
static int seen;

static void handler(void *arg)
{
	assert(!__atomic_load_n(&synced, __ATOMIC_RELAXED));
	*(int *)arg = 42;
}

static void *dispatcher(void *unused)
{
	(void)unused;
	called = htbl_handle(&table, 0);
	return NULL;
}

static void *syncer(void *unused)
{
	(void)unused;
	removed = htbl_unregister_sync(&table, 0, NULL) == handler;
	__atomic_store_n(&synced, 1, __ATOMIC_RELAXED);
	seen = value;
	return NULL;
}

int main(void)
{
	pthread_t d, s;
	bool ok = htbl_register(&table, 0, handler, &value);

	assert(ok);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_create(&s, NULL, syncer, NULL);
	pthread_join(d, NULL);
	pthread_join(s, NULL);
	assert(removed);
	assert(seen == (called ? 42 : 0));
	return 0;
}
