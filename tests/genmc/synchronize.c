/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize.c: a handler removes itself with htbl_unregister, then
 * writes into its arg. A thread that saw the removal calls
 * htbl_synchronize: the call was running then, so synchronize waits for
 * it and acquires its write.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

struct obj {
	int removed; /* atomic: the handler has unregistered itself */
	int value;   /* plain: the handler writes it, the syncer reads it */
};

static HTBL_DEFINE(table, 1);
static struct obj obj;
static bool removed_self;

static void handler(void *arg)
{
	struct obj *o = arg;

	removed_self = htbl_unregister(&table, 0, NULL) == handler;
	/* Release: pairs with the syncer's acquire load of removed. */
	__atomic_store_n(&o->removed, 1, __ATOMIC_RELEASE);
	o->value = 42;
}

static void *dispatcher(void *unused)
{
	(void)unused;
	htbl_handle(&table, 0);
	return NULL;
}

static void *syncer(void *unused)
{
	(void)unused;
	if (__atomic_load_n(&obj.removed, __ATOMIC_ACQUIRE)) {
		htbl_synchronize(&table, 0);
		assert(obj.value == 42);
	}
	return NULL;
}

int main(void)
{
	pthread_t d, s;
	bool ok = htbl_register(&table, 0, handler, &obj);

	assert(ok);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_create(&s, NULL, syncer, NULL);
	pthread_join(d, NULL);
	pthread_join(s, NULL);
	assert(removed_self);
	return 0;
}
