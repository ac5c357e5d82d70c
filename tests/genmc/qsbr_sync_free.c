/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * qsbr_sync_free.c: the quiescent-state mode. A CPU goes online,
 * dispatches twice with a quiescent state between, then goes offline; the
 * owner unregister_syncs and frees the handler's arg (sets freed). No
 * handler call may see it freed, and what a call wrote is visible to the
 * owner once its sync returned.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

struct obj {
	int freed;   /* plain: the owner writes it, the handler reads it */
	int touched; /* plain: the handler writes it, the owner reads it */
};

static HTBL_QSBR_DEFINE(domain, 1);
static HTBL_DEFINE_QSBR(table, 1, domain);
static struct obj obj;

static void handler(void *arg)
{
	struct obj *o = arg;

	assert(!o->freed);
	o->touched = 1;
}

static void *cpu(void *unused)
{
	(void)unused;
	htbl_qsbr_online(&domain, 0);
	htbl_handle(&table, 0);
	htbl_qsbr_quiescent(&domain, 0);
	htbl_handle(&table, 0);
	htbl_qsbr_offline(&domain, 0);
	return NULL;
}

static void *owner(void *unused)
{
	(void)unused;
	assert(htbl_unregister_sync(&table, 0, NULL) == handler);
	/* A race here, if the sync did not acquire the calls' writes. */
	assert(obj.touched == 0 || obj.touched == 1);
	obj.freed = 1;
	return NULL;
}

int main(void)
{
	pthread_t c, o;
	bool ok = htbl_register(&table, 0, handler, &obj);

	assert(ok);
	pthread_create(&c, NULL, cpu, NULL);
	pthread_create(&o, NULL, owner, NULL);
	pthread_join(c, NULL);
	pthread_join(o, NULL);
	return 0;
}
