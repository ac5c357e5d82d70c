/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * qsbr.c: the quiescent-state mode on the host: threads stand for CPUs,
 * go online, report quiescent states between their dispatches, and go
 * offline. A sync must wait for every online CPU's report after its
 * removal, and for no offline CPU; then the shared stress (poisoned args
 * after a sync) runs on a table in this mode, with dispatchers that go
 * offline and online as they run. Built plain and under ThreadSanitizer.
 *
 * A wait that must end is given WAIT_LIMIT seconds before the case fails
 * (a liveness bound, not a measurement); a wait that must not end is
 * checked after a pause, which can only miss a bug, never invent one.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "stress_core.h"
#include "stress_threads.h"
#include "tap.h"
#include "waits.h"

#define DISPATCHERS 2
#define MUTATORS 2
#define BATCH 64
#define MUTATIONS 3000

void tap_putc(char c)
{
	putchar(c);
}

static HTBL_QSBR_DEFINE(domain, DISPATCHERS + 1);
static HTBL_DEFINE_QSBR(table, 4 + STRESS_SLOTS, domain);

static int arg_a;
static unsigned calls; /* atomic */

static void count(void *arg)
{
	if (arg == &arg_a)
		__atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
}

static void test_api(void)
{
	void *arg = NULL;

	tap_check(htbl_register(&table, 0, count, &arg_a) &&
			  htbl_handle(&table, 0) && htbl_handle_inline(&table, 0) &&
			  __atomic_load_n(&calls, __ATOMIC_RELAXED) == 2,
		  "qsbr: register, then htbl_handle and htbl_handle_inline call");
	tap_check(!htbl_handle_inline(&table, 1) &&
			  !htbl_handle_inline(&table, htbl_capacity(&table)) &&
			  !htbl_handle_inline(&table, (size_t)-1),
		  "qsbr: inline dispatch of an empty slot or a bad index: false");
	/* Every CPU is offline: nothing to wait for. */
	tap_check(htbl_unregister_sync(&table, 0, &arg) == count &&
			  arg == &arg_a && !htbl_handle(&table, 0),
		  "qsbr: unregister_sync with every CPU offline returns at once");
	/* White-box: CPU 0's counter is 0 while it is offline. */
	htbl_qsbr_quiescent(&domain, 0);
	tap_check(__atomic_load_n(&domain._cpus[0]._ctr, __ATOMIC_RELAXED) == 0,
		  "qsbr: a quiescent state on an offline CPU leaves it offline");
	htbl_qsbr_online(&domain, 99);
	htbl_qsbr_quiescent(&domain, (size_t)-1);
	htbl_qsbr_offline(&domain, 99);
	htbl_synchronize(&table, 0);
	tap_check(true, "qsbr: a CPU number out of range changes nothing");
}

/* A CPU that dispatches one held call, then reports when told to. */
struct cpu {
	size_t id;
	unsigned entered, release, report, reported, stop; /* atomic */
	int touched;					   /* plain */
};

static void held(void *arg)
{
	struct cpu *c = arg;

	__atomic_store_n(&c->entered, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&c->release, __ATOMIC_ACQUIRE))
		;
	c->touched = 1;
}

static void *cpu_main(void *p)
{
	struct cpu *c = p;

	htbl_qsbr_online(&domain, c->id);
	htbl_handle(&table, 1);
	while (!__atomic_load_n(&c->report, __ATOMIC_ACQUIRE))
		;
	htbl_qsbr_quiescent(&domain, c->id);
	__atomic_store_n(&c->reported, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE))
		htbl_qsbr_quiescent(&domain, c->id);
	htbl_qsbr_offline(&domain, c->id);
	return NULL;
}

static unsigned sync_done; /* atomic */

static void *syncer(void *p)
{
	(void)p;
	htbl_unregister_sync(&table, 1, NULL);
	__atomic_store_n(&sync_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * A sync waits for the online CPU's report, not only for its handler to
 * return; an offline CPU is not waited for.
 */
static void test_grace_period(void)
{
	struct cpu c = { .id = 0 };
	pthread_t cpu, s;
	bool ok, early_in_call, early_after_call, returned;

	htbl_qsbr_online(&domain, 1);
	htbl_qsbr_offline(&domain, 1);
	ok = htbl_register(&table, 1, held, &c);
	pthread_create(&cpu, NULL, cpu_main, &c);
	ok = ok && wait_until(&c.entered, 1);
	pthread_create(&s, NULL, syncer, NULL);
	pause_ms(20);
	early_in_call = __atomic_load_n(&sync_done, __ATOMIC_ACQUIRE);
	__atomic_store_n(&c.release, 1, __ATOMIC_RELEASE);
	pause_ms(20);
	early_after_call = __atomic_load_n(&sync_done, __ATOMIC_ACQUIRE);
	__atomic_store_n(&c.report, 1, __ATOMIC_RELEASE);
	returned = wait_until(&sync_done, 1);
	pthread_join(s, NULL);
	ok = ok && !early_in_call && !early_after_call && returned && c.touched;
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELEASE);
	pthread_join(cpu, NULL);
	tap_check(ok, "qsbr: a sync waits for the online CPU's quiescent state "
		      "(not just its handler's return); offline CPUs not at all");
}

/* ---- the shared stress on a QSBR table -------------------------------- */

static unsigned mutators_left; /* atomic */
static unsigned long dispatch_hits;   /* atomic */
static unsigned long handled[DISPATCHERS];

static void *dispatcher(void *p)
{
	size_t me = (size_t)p;
	uint32_t rng = 0x12345u + (uint32_t)me;
	unsigned long n = 0;
	unsigned round = 0;

	htbl_qsbr_online(&domain, me);
	while (__atomic_load_n(&mutators_left, __ATOMIC_ACQUIRE)) {
		unsigned long before = n;

		for (int i = 0; i < BATCH; i++)
			stress_dispatch(&rng, &n);
		__atomic_fetch_add(&dispatch_hits, n - before, __ATOMIC_RELAXED);
		/* Between batches: quiescent; now and then offline a while. */
		if (++round % 16 == 0) {
			htbl_qsbr_offline(&domain, me);
			htbl_qsbr_online(&domain, me);
		} else {
			htbl_qsbr_quiescent(&domain, me);
		}
	}
	htbl_qsbr_offline(&domain, me);
	handled[me] = n;
	return NULL;
}

static void *mutator(void *p)
{
	uint32_t rng = 0xabcdefu + (uint32_t)(uintptr_t)p;

	stress_mutate_until(&rng, MUTATIONS, &dispatch_hits, 2000);
	__atomic_fetch_sub(&mutators_left, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void test_stress(void)
{
	unsigned long sum;

	mutators_left = MUTATORS;
	stress_setup(&table, 4);
	sum = stress_threads(dispatcher, DISPATCHERS, mutator, MUTATORS,
			     handled);
	stress_report(sum, "qsbr stress: 2 dispatchers (quiescent between "
			   "batches, offline now and then), 2 mutators");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_api();
	test_grace_period();
	test_stress();
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
