/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sync_free.c: after htbl_unregister_sync returns, the owner frees the
 * handler's arg (here: sets freed). No handler call may see it freed, nor
 * read it without being ordered before the free.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

struct obj {
	int freed; /* plain: the owner writes it, the handler reads it */
};

static HTBL_DEFINE(table, 1);
static struct obj obj;
static bool removed;

static void handler(void *arg)
{
	assert(!((struct obj *)arg)->freed);
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
	removed = htbl_unregister_sync(&table, 0, NULL) == handler;
	obj.freed = 1;
	return NULL;
}

int main(void)
{
	pthread_t d, o;
	bool ok = htbl_register(&table, 0, handler, &obj);

	assert(ok);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_create(&o, NULL, owner, NULL);
	pthread_join(d, NULL);
	pthread_join(o, NULL);
	assert(removed);
	return 0;
}
