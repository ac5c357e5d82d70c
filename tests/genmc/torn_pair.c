/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * torn_pair.c: a dispatcher never sees a torn (fn, arg) pair, while one
 * thread registers, unregisters and registers again with another pair.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int a1, a2;
static bool ok;

static void f1(void *arg)
{
	assert(arg == &a1);
}

static void f2(void *arg)
{
	assert(arg == &a2);
}

static void *writer(void *unused)
{
	void *arg = NULL;

	(void)unused;
	ok = htbl_register(&table, 0, f1, &a1) &&
	     htbl_unregister(&table, 0, &arg) == f1 && arg == &a1 &&
	     htbl_register(&table, 0, f2, &a2);
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
	pthread_t w, d;

	pthread_create(&w, NULL, writer, NULL);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_join(w, NULL);
	pthread_join(d, NULL);
	assert(ok);
	return 0;
}
