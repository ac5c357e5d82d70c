/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_full.c: htbl_synchronize on a slot that stays registered
 * waits for a handler call that was running when it was called, and
 * acquires what that call wrote. A second dispatch may start at any point
 * of the synchronize; only the first call writes.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

struct obj {
	int started; /* atomic: a handler call has begun */
	int value;   /* plain: the handler writes it, the syncer reads it */
};

static HTBL_DEFINE(table, 1);
static struct obj obj;

static void handler(void *arg)
{
	struct obj *o = arg;

	/* Release: pairs with the syncer's acquire load of started. */
	if (!__atomic_exchange_n(&o->started, 1, __ATOMIC_RELEASE))
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
	if (__atomic_load_n(&obj.started, __ATOMIC_ACQUIRE)) {
		htbl_synchronize(&table, 0);
		assert(obj.value == 42);
	}
	return NULL;
}

int main(void)
{
	pthread_t d1, d2, s;
	bool ok = htbl_register(&table, 0, handler, &obj);

	assert(ok);
	pthread_create(&d1, NULL, dispatcher, NULL);
	pthread_create(&d2, NULL, dispatcher, NULL);
	pthread_create(&s, NULL, syncer, NULL);
	pthread_join(d1, NULL);
	pthread_join(d2, NULL);
	pthread_join(s, NULL);
	return 0;
}
