/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * spill.c: overflow calls of three registrations of one slot at once, the
 * case the spill counter is for. One dispatch cell: a CPU dispatches slot
 * 1, whose handler holds the cell while it dispatches slot 0, as an
 * interrupt nested in it would; each handler of slot 0 replaces itself
 * (htbl_unregister, htbl_register of the next) and dispatches slot 0
 * again, nested. So the first call of slot 0 counts itself in _ovf[0],
 * the second (the next registration) in _ovf[1], and the third, of a
 * third registration, finds both counters taken by others: it counts
 * itself in _spill. Meanwhile the owner unregister_syncs slot 0, then
 * frees the arg of whichever registration it removed (sets freed): no
 * handler call may see its arg freed, nor read it unordered with the
 * free. (When the owner removes a registration first, its handler's
 * htbl_unregister finds nothing and the chain goes on.)
 *
 * Kills the spill orders: the seq_cst fetch_add of _spill (with the
 * call's re-check against the removal CAS and the seq_cst load of
 * wait_spill, a Dekker pair), that load, and the release of the
 * fetch_sub that drops the count (under RC11, as the race on freed).
 */
#define HTBL_CELLS 1

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

struct obj {
	int freed; /* plain: the owner writes it, a handler reads it */
};

static HTBL_DEFINE(table, 2);
static struct obj objs[3];

static void f3(void *arg)
{
	assert(!((struct obj *)arg)->freed);
}

static void f2(void *arg)
{
	htbl_unregister(&table, 0, NULL);
	htbl_register(&table, 0, f3, &objs[2]);
	htbl_handle(&table, 0);
	assert(!((struct obj *)arg)->freed);
}

static void f1(void *arg)
{
	htbl_unregister(&table, 0, NULL);
	htbl_register(&table, 0, f2, &objs[1]);
	htbl_handle(&table, 0);
	assert(!((struct obj *)arg)->freed);
}

/* Slot 1's handler: holds the one cell while slot 0 is dispatched. */
static void outer(void *arg)
{
	(void)arg;
	htbl_handle(&table, 0);
}

static void *cpu(void *unused)
{
	(void)unused;
	htbl_handle(&table, 1);
	return NULL;
}

static void *owner(void *unused)
{
	void *arg;

	(void)unused;
	if (htbl_unregister_sync(&table, 0, &arg))
		((struct obj *)arg)->freed = 1;
	return NULL;
}

int main(void)
{
	pthread_t c, o;
	bool ok = htbl_register(&table, 1, outer, NULL) &&
		  htbl_register(&table, 0, f1, &objs[0]);

	assert(ok);
	pthread_create(&c, NULL, cpu, NULL);
	pthread_create(&o, NULL, owner, NULL);
	pthread_join(c, NULL);
	pthread_join(o, NULL);
	return 0;
}
