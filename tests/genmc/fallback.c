/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fallback.c: one dispatch cell, two dispatchers: when both are in
 * htbl_handle at once, one finds the cell taken and counts itself in the
 * slot instead. The sync must wait for that call too, and acquire what
 * it did; no handler call runs after the sync returned.
 */
#define HTBL_CELLS 1

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int calls;  /* atomic: handler calls, counted relaxed */
static int synced; /* atomic: the sync has returned */
static bool called[2], removed;
static int seen;

static void handler(void *arg)
{
	assert(!__atomic_load_n(&synced, __ATOMIC_RELAXED));
	__atomic_fetch_add((int *)arg, 1, __ATOMIC_RELAXED);
}

static void *dispatcher(void *id)
{
	called[*(int *)id] = htbl_handle(&table, 0);
	return NULL;
}

static void *syncer(void *unused)
{
	(void)unused;
	removed = htbl_unregister_sync(&table, 0, NULL) == handler;
	__atomic_store_n(&synced, 1, __ATOMIC_RELAXED);
	/* Relaxed: only the sync orders the handlers' increments before. */
	seen = __atomic_load_n(&calls, __ATOMIC_RELAXED);
	return NULL;
}

int main(void)
{
	static int ids[2] = { 0, 1 };
	pthread_t d[2], s;
	bool ok = htbl_register(&table, 0, handler, &calls);

	assert(ok);
	pthread_create(&d[0], NULL, dispatcher, &ids[0]);
	pthread_create(&d[1], NULL, dispatcher, &ids[1]);
	pthread_create(&s, NULL, syncer, NULL);
	pthread_join(d[0], NULL);
	pthread_join(d[1], NULL);
	pthread_join(s, NULL);
	assert(removed);
	assert(seen == called[0] + called[1]);
	return 0;
}
