/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * synchronize_found_empty.c: the owner's teardown when something else may
 * have removed the handler first (the handler itself, or another CPU's
 * htbl_unregister): htbl_unregister_sync, and when that finds the slot
 * already empty, htbl_synchronize to wait for the calls still running;
 * then free the handler's arg (set freed). Here another thread
 * unregisters. No handler call may see arg freed, nor read it unordered
 * with the free.
 *
 * The owner learns of the removal only through the slot itself: its
 * acquire loads of _state read the unregister's CAS, and nothing of the
 * remover's thread comes after that CAS for the owner to read. RC11
 * orders that CAS before the synchronize's cell loads only through the
 * seq_cst fence that htbl_synchronize runs on a slot it finds not full
 * (the removal, then the fence, then the cell loads, against the claim
 * CAS and the call's re-check: a Dekker pair). Kills that fence made
 * relaxed: the synchronize misses the claim of a call whose re-check
 * read the slot before the removal.
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
static htbl_handler_fn got[2];

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

static void *remover(void *unused)
{
	(void)unused;
	got[0] = htbl_unregister(&table, 0, NULL);
	return NULL;
}

static void *owner(void *unused)
{
	(void)unused;
	got[1] = htbl_unregister_sync(&table, 0, NULL);
	if (!got[1])
		htbl_synchronize(&table, 0);
	obj.freed = 1;
	return NULL;
}

int main(void)
{
	pthread_t d, r, o;
	bool ok = htbl_register(&table, 0, handler, &obj);

	assert(ok);
	pthread_create(&d, NULL, dispatcher, NULL);
	pthread_create(&r, NULL, remover, NULL);
	pthread_create(&o, NULL, owner, NULL);
	pthread_join(d, NULL);
	pthread_join(r, NULL);
	pthread_join(o, NULL);
	/* Exactly one of them removed it. */
	assert((got[0] == handler) != (got[1] == handler));
	return 0;
}
