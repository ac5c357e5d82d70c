/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * register_race.c: of two registers racing on one empty slot exactly one
 * wins, and the slot then holds the winner's pair, untorn.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int a1, a2;
static bool won[2];

static void f1(void *arg)
{
	(void)arg;
}

static void f2(void *arg)
{
	(void)arg;
}

static void *registrar1(void *unused)
{
	(void)unused;
	won[0] = htbl_register(&table, 0, f1, &a1);
	return NULL;
}

static void *registrar2(void *unused)
{
	(void)unused;
	won[1] = htbl_register(&table, 0, f2, &a2);
	return NULL;
}

int main(void)
{
	pthread_t r1, r2;
	htbl_handler_fn fn;
	void *arg = NULL;

	pthread_create(&r1, NULL, registrar1, NULL);
	pthread_create(&r2, NULL, registrar2, NULL);
	pthread_join(r1, NULL);
	pthread_join(r2, NULL);
	assert(won[0] != won[1]);
	fn = htbl_unregister(&table, 0, &arg);
	assert(won[0] ? fn == f1 && arg == &a1 : fn == f2 && arg == &a2);
	return 0;
}
