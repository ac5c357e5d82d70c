/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * consumer.c: what each test consumer does with the library: one table,
 * one handler, registered, dispatched once through its slot, a neighbour
 * slot found empty. Built by each route with the route's own compiler and
 * flags, and only ever against the header it installs or points to.
 */
#include <handler_table.h>

#include "consumer.h"

#if !defined(HTBL_VERSION) || HTBL_VERSION < 200
#error "handler_table.h without HTBL_VERSION 0.2.0 or later"
#endif

#define EVENT 5

HTBL_DEFINE(consumer_table, 16);

static unsigned hits;

static void on_event(void *arg)
{
	unsigned *n = arg;

	(*n)++;
}

int consumer_run(void)
{
	if (!htbl_register(&consumer_table, EVENT, on_event, &hits))
		return 1;
	if (!htbl_handle(&consumer_table, EVENT))
		return 2;
	if (htbl_handle(&consumer_table, EVENT + 1))
		return 3;
	return hits == 1 ? 0 : 4;
}
