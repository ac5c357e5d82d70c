/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_removed.c: one thread unregisters the handler, then tells a
 * second, which calls htbl_synchronize. A dispatch that saw the handler
 * before the removal was running when synchronize was called, so
 * synchronize waits for it and acquires what it wrote.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int value;   /* plain: the handler writes it, the syncer reads it */
static int removed; /* atomic: the handler is unregistered */
static bool called, synced, unregistered;
static int seen;

static void handler(void *arg)
{
	*(int *)arg = 42;
}

static void *dispatcher(void *unused)
{
	(void)unused;
	called = htbl_handle(&table, 0);
	return NULL;
}

static void *remover(void *unused)
{
	(void)unused;
	unregistered = htbl_unregister(&table, 0, NULL) == handler;
	/* Release: pairs with the syncer's acquire load of removed. */
	__atomic_store_n(&removed, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *syncer(void *unused)
{
	(void)unused;
	if (__atomic_load_n(&removed, __ATOMIC_ACQUIRE)) {
		htbl_synchronize(&table, 0);
		synced = true;
		seen = value;
	}
	return NULL;
}

int main(void)
{
	pthread_t d, r, s;
	bool ok = htbl_register(&table, 0, handler, &value);

	assert(ok);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_create(&r, NULL, remover, NULL);
	pthread_create(&s, NULL, syncer, NULL);
	pthread_join(d, NULL);
	pthread_join(r, NULL);
	pthread_join(s, NULL);
	assert(unregistered);
	assert(!synced || seen == (called ? 42 : 0));
	return 0;
}
