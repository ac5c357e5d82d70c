/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * publication.c: htbl_register is a release and htbl_handle an acquire of
 * it, so a handler sees what its registrar wrote before registering.
 *
 * Main first registers and removes another pair: a dispatch that reads
 * a stale fn or arg calls the removed handler or passes the wrong arg.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int data; /* plain: the registrar writes it, the handler reads it */
static int old;
static bool registered;

static void removed(void *arg)
{
	(void)arg;
	assert(!"a removed handler was called");
}

static void handler(void *arg)
{
	assert(arg == &data && data == 1);
}

static void *registrar(void *unused)
{
	(void)unused;
	data = 1;
	registered = htbl_register(&table, 0, handler, &data);
	return NULL;
}

static void *dispatcher(void *unused)
{
	(void)unused;
	htbl_handle(&table, 0);
	return NULL;
}

int main(void)
{
	pthread_t r, d;
	bool ok;

	ok = htbl_register(&table, 0, removed, &old) &&
	     htbl_unregister(&table, 0, NULL) == removed;
	assert(ok);
	pthread_create(&r, NULL, registrar, NULL);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_join(r, NULL);
	pthread_join(d, NULL);
	assert(registered);
	return 0;
}
