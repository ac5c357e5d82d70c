/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * qsbr_inline.c: htbl_handle_inline on a table in the quiescent-state
 * mode, which dispatches entirely in the header (htbl_private_dispatch_qsbr)
 * with loads only. While one thread registers a pair, removes it and
 * registers another, a CPU dispatches once: it calls a handler with its
 * own arg (never a torn pair), sees what the registrar wrote before
 * registering, and never calls the pair that main removed before.
 *
 * Kills the header's orders made relaxed: the acquire load of _state (the
 * pair, or the data behind arg, could be stale: the removed handler, or
 * an unordered read of the data) and the acquire fence (the seqlock read:
 * a pair of the second registration with the first's re-check passing).
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_QSBR_DEFINE(domain, 1);
static HTBL_DEFINE_QSBR(table, 1, domain);
static int a1, a2; /* plain: the registrar writes them, a handler reads */
static int old;
static bool ok;

static void removed(void *arg)
{
	(void)arg;
	assert(!"a removed handler was called");
}

static void f1(void *arg)
{
	assert(arg == &a1 && a1 == 1);
}

static void f2(void *arg)
{
	assert(arg == &a2 && a2 == 1);
}

static void *writer(void *unused)
{
	(void)unused;
	a1 = 1;
	ok = htbl_register(&table, 0, f1, &a1) &&
	     htbl_unregister(&table, 0, NULL) == f1;
	a2 = 1;
	ok = ok && htbl_register(&table, 0, f2, &a2);
	return NULL;
}

static void *cpu(void *unused)
{
	(void)unused;
	htbl_qsbr_online(&domain, 0);
	htbl_handle_inline(&table, 0);
	htbl_qsbr_offline(&domain, 0);
	return NULL;
}

int main(void)
{
	pthread_t w, c;
	bool reg = htbl_register(&table, 0, removed, &old) &&
		   htbl_unregister(&table, 0, NULL) == removed;

	assert(reg);
	pthread_create(&w, NULL, writer, NULL);
	pthread_create(&c, NULL, cpu, NULL);
	pthread_join(w, NULL);
	pthread_join(c, NULL);
	assert(ok);
	return 0;
}
