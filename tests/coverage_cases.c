/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * coverage_cases.c: the library's race paths, taken on purpose. Built only
 * for `make coverage`, against a library compiled with every atomic access
 * preceded by a call of htbl_cov_hook(address, op) (tests/analysis.mk). The
 * hook runs a test's action at a chosen access, as an interrupt arriving at
 * that instruction would, or holds the thread there, as a slow CPU would:
 *
 * - between a load of _state and the CAS that acts on it, a nested call
 *   changes the slot: register loses, unregister and synchronize retry,
 *   handle's re-check sees a removal;
 * - between a peek and the CAS that claims a cell or bumps a counter, the
 *   word changes under the call;
 * - a call on another thread is held just before its re-check (so that it
 *   sees an epoch flip and re-announces), or between its claim and the
 *   store of its slot in the cell (the window htbl_synchronize waits out);
 * - a register is held in BUSY, between its CAS and its store of FULL;
 * - a waiting call (unregister_sync, synchronize, a grace period of the
 *   quiescent-state mode) releases the call it waits for (or asks for the
 *   report it waits for) once the hook sees it load one word again and
 *   again.
 *
 * A thread that nests handlers of a filler slot until one of its calls is
 * counted holds every dispatch cell, so that the calls under test take the
 * fallback counters.
 *
 * White-box: the cases know the library's order of accesses (the CAS after
 * a load of _state, the store of a cell's slot after its claim, ...) and
 * read the fallback counters. A change of that order shows up as a case
 * whose hook never fired.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"

#define N 4
#define V 0	/* the slot under test */
#define W 1	/* another slot */
#define F 3	/* the filler's slot */
/* More nesting than any HTBL_CELLS setting the tests use. */
#define MAX_NEST 1024
/* The count field of a fallback counter (OVF_COUNT_BITS of the library). */
#define COUNT_MASK ((uintptr_t)(sizeof(uintptr_t) == 8 ? 0xffff : 0xff))
/* A counter fills at 2^16 - 1 nested calls, of ~128 bytes of stack each. */
#define DEEP_STACK ((size_t)64 << 20)

/* The op codes that tests/analysis.mk passes to the hook. */
enum { OP_ANY, OP_LOAD, OP_STORE, OP_CAS, OP_RMW };

/*
 * Per thread: each thread arms its own hook. It fires at the left-th
 * access that matches at (NULL: any word outside the slots: a cell, the
 * serial) and op; or, when wait is set, at the left-th load of a word that
 * was one of the two loaded just before, which only a wait loop does.
 */
static _Thread_local struct {
	const volatile void *at;
	int op;
	int left;
	bool wait;
	void (*act)(const volatile void *p);
	const volatile void *last[2];
	unsigned fired;
} hook;

static struct htbl_slot slots[N];
static struct htbl t;
static int arg_a, arg_b;
static unsigned calls_a, calls_b;
static htbl_handler_fn nested_fn;
static void *nested_arg;
static const char *volatile current;

void tap_putc(char c)
{
	putchar(c);
}

void htbl_cov_hook(const volatile void *p, int op);

static bool in_slots(const volatile void *p)
{
	return (uintptr_t)p >= (uintptr_t)slots &&
	       (uintptr_t)p < (uintptr_t)(slots + N);
}

void htbl_cov_hook(const volatile void *p, int op)
{
	bool fire;
	void (*act)(const volatile void *p);

	if (!hook.act)
		return;
	if (hook.wait) {
		bool again = op == OP_LOAD &&
			     (p == hook.last[0] || p == hook.last[1]);

		if (op == OP_LOAD) {
			hook.last[1] = hook.last[0];
			hook.last[0] = p;
		}
		fire = again && --hook.left == 0;
	} else {
		fire = (hook.at ? p == hook.at : !in_slots(p)) &&
		       (hook.op == OP_ANY || hook.op == op) && --hook.left == 0;
	}
	if (!fire)
		return;
	act = hook.act;
	hook.act = NULL;
	hook.fired++;
	act(p);
}

static void arm(const volatile void *at, int op, int left,
		void (*act)(const volatile void *p))
{
	hook.at = at;
	hook.op = op;
	hook.left = left;
	hook.wait = false;
	hook.last[0] = hook.last[1] = NULL;
	hook.fired = 0;
	hook.act = act;
}

/* Fire when the thread has reloaded one word left times: a wait. */
static void arm_wait_n(int left, void (*act)(const volatile void *p))
{
	arm(NULL, OP_LOAD, left, act);
	hook.wait = true;
}

/* Fire once the thread has found a word unchanged and looped: waiting. */
static void arm_wait(void (*act)(const volatile void *p))
{
	arm_wait_n(2, act);
}

/* Disarm; returns whether the action ran. */
static bool fired(void)
{
	hook.act = NULL;
	return hook.fired != 0;
}

static void on_alarm(int sig)
{
	static const char msg[] = "not ok - timed out (a wait that never ends) in: ";
	const char *c = current;
	size_t n = 0;

	(void)sig;
	while (c && c[n])
		n++;
	(void)!write(1, msg, sizeof(msg) - 1);
	(void)!write(1, c, n);
	(void)!write(1, "\n", 1);
	_exit(EXIT_FAILURE);
}

static uintptr_t load(const uintptr_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void set(int *p)
{
	__atomic_store_n(p, 1, __ATOMIC_RELEASE);
}

static void wait_set(const int *p)
{
	while (!__atomic_load_n(p, __ATOMIC_ACQUIRE))
		;
}

static uintptr_t count(uintptr_t w)
{
	return w & COUNT_MASK;
}

static void fn_a(void *arg)
{
	calls_a += arg == &arg_a;
}

static void fn_b(void *arg)
{
	calls_b += arg == &arg_b;
}

static void fresh(const char *name)
{
	current = name;
	htbl_init(&t, slots, N);
	calls_a = calls_b = 0;
	nested_fn = NULL;
	nested_arg = NULL;
}

/* ---- parking a thread at an access ---------------------------------------- */

static int parked, go;	/* atomic */

static void act_park(const volatile void *p)
{
	(void)p;
	set(&parked);
	wait_set(&go);
}

static void act_go(const volatile void *p)
{
	(void)p;
	set(&go);
}

static void park_reset(void)
{
	__atomic_store_n(&parked, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&go, 0, __ATOMIC_RELAXED);
}

/* ---- calls held on other threads ----------------------------------------- */

/* A dispatch of idx on a thread of its own, whose handler fn_block holds
 * until released. The slot's arg is the blocker itself. */
struct blocker {
	size_t idx;
	void (*arm)(void);	/* run on the thread before it dispatches */
	int entered, release, done;	/* atomic */
	bool started, called;
	pthread_t thread;
};

static void fn_block(void *arg)
{
	struct blocker *b = arg;

	set(&b->entered);
	wait_set(&b->release);
	set(&b->done);
}

static void *block_main(void *p)
{
	struct blocker *b = p;

	if (b->arm)
		b->arm();
	b->called = htbl_handle(&t, b->idx);
	return NULL;
}

/* Start b's dispatch of idx; wait until fn_block runs unless arm_fn parks. */
static void block_start(struct blocker *b, size_t idx, void (*arm_fn)(void))
{
	*b = (struct blocker){ .idx = idx, .arm = arm_fn, .started = true };
	pthread_create(&b->thread, NULL, block_main, b);
	if (!arm_fn)
		wait_set(&b->entered);
}

static bool block_entered(struct blocker *b)
{
	return __atomic_load_n(&b->entered, __ATOMIC_ACQUIRE);
}

static bool block_done(struct blocker *b)
{
	return __atomic_load_n(&b->done, __ATOMIC_ACQUIRE);
}

/* Release b, if started; returns whether its dispatch called fn_block.
 * Cases read what they check first, then finish every blocker. */
static bool block_finish(struct blocker *b)
{
	if (!b->started)
		return false;
	set(&b->release);
	pthread_join(b->thread, NULL);
	return b->called && block_done(b);
}

/* The blockers a waiting call's hook releases. */
static struct blocker *wake[2];

static void act_wake(const volatile void *p)
{
	(void)p;
	for (int i = 0; i < 2; i++)
		if (wake[i])
			set(&wake[i]->release);
}

static void wake_only(struct blocker *b0, struct blocker *b1)
{
	wake[0] = b0;
	wake[1] = b1;
}

/* ---- every dispatch cell taken -------------------------------------------- */

static int fill_full, fill_release;	/* atomic */
static pthread_t filler;

/* Nests in slot F until one of its calls is counted: every cell is ours. */
static void fn_fill(void *arg)
{
	unsigned *level = arg;

	if (count(load(&slots[F]._ovf[0])) == 0 && ++*level < MAX_NEST) {
		htbl_handle(&t, F);
		return;
	}
	set(&fill_full);
	wait_set(&fill_release);
}

static void *fill_main(void *p)
{
	unsigned level = 0;

	(void)p;
	htbl_unregister(&t, F, NULL);
	htbl_register(&t, F, fn_fill, &level);
	htbl_handle(&t, F);
	return NULL;
}

static void fill(void)
{
	__atomic_store_n(&fill_full, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&fill_release, 0, __ATOMIC_RELAXED);
	pthread_create(&filler, NULL, fill_main, NULL);
	wait_set(&fill_full);
}

static void unfill(void)
{
	set(&fill_release);
	pthread_join(filler, NULL);
}

/* ---- nested calls between a load and the CAS that depends on it --------- */

static void act_register_b(const volatile void *p)
{
	(void)p;
	if (htbl_register(&t, V, fn_b, &arg_b))
		nested_fn = fn_b;
}

static void act_unregister(const volatile void *p)
{
	(void)p;
	nested_fn = htbl_unregister(&t, V, &nested_arg);
}

static void act_replace(const volatile void *p)
{
	act_unregister(p);
	htbl_register(&t, V, fn_b, &arg_b);
}

static void act_synchronize(const volatile void *p)
{
	(void)p;
	htbl_synchronize(&t, V);
	nested_fn = fn_a;
}

static void test_register_loses(void)
{
	bool won;

	fresh("register loses");
	arm(&slots[V]._state, OP_CAS, 1, act_register_b);
	won = htbl_register(&t, V, fn_a, &arg_a);
	tap_check(fired() && !won && nested_fn == fn_b && htbl_handle(&t, V) &&
			  calls_b == 1 && calls_a == 0,
		  "register whose CAS loses to a nested register: false, the "
		  "nested pair stays");
}

static void test_unregister_retries(void)
{
	void *out = &arg_b;
	htbl_handler_fn got;

	fresh("unregister retries");
	htbl_register(&t, V, fn_a, &arg_a);
	arm(&slots[V]._state, OP_CAS, 1, act_unregister);
	got = htbl_unregister(&t, V, &out);
	tap_check(fired() && got == NULL && out == &arg_b &&
			  nested_fn == fn_a && nested_arg == &arg_a,
		  "unregister whose CAS loses to a nested unregister: NULL, "
		  "arg_out untouched");
	htbl_register(&t, V, fn_a, &arg_a);
	out = NULL;
	arm(&slots[V]._state, OP_CAS, 1, act_replace);
	got = htbl_unregister_sync(&t, V, &out);
	tap_check(fired() && got == fn_b && out == &arg_b &&
			  nested_fn == fn_a && !htbl_handle(&t, V),
		  "unregister whose CAS loses to a nested replace: removes the "
		  "new pair");
	htbl_register(&t, V, fn_a, &arg_a);
	out = NULL;
	arm(&slots[V]._state, OP_CAS, 1, act_synchronize);
	got = htbl_unregister(&t, V, &out);
	tap_check(fired() && got == fn_a && out == &arg_a &&
			  !htbl_handle(&t, V) && calls_a == 0,
		  "unregister whose CAS loses to a nested epoch flip: retries, "
		  "removes the pair");
}

static void test_synchronize_simple(void)
{
	fresh("synchronize, nothing running");
	htbl_synchronize(&t, V);
	htbl_synchronize(&t, N);
	htbl_synchronize(&t, SIZE_MAX);
	tap_check(!htbl_handle(&t, V),
		  "synchronize of an empty slot or out of range: returns");
	htbl_register(&t, V, fn_a, &arg_a);
	htbl_synchronize(&t, V);
	htbl_synchronize(&t, V);
	htbl_synchronize(&t, V);
	tap_check(htbl_handle(&t, V) && calls_a == 1 &&
			  htbl_unregister(&t, V, NULL) == fn_a,
		  "synchronize of a full slot, three epoch flips: returns, the "
		  "pair stays and is called");
}

static void test_synchronize_retries(void)
{
	fresh("synchronize retries");
	htbl_register(&t, V, fn_a, &arg_a);
	arm(&slots[V]._state, OP_CAS, 1, act_synchronize);
	htbl_synchronize(&t, V);
	tap_check(fired() && nested_fn == fn_a && htbl_handle(&t, V) &&
			  calls_a == 1,
		  "synchronize whose flip loses to a nested flip: flips again, "
		  "the pair stays");
	arm(&slots[V]._state, OP_CAS, 1, act_unregister);
	htbl_synchronize(&t, V);
	tap_check(fired() && nested_fn == fn_a && !htbl_handle(&t, V) &&
			  calls_a == 1,
		  "synchronize whose flip loses to a nested unregister: returns");
}

static void test_handle_recheck(void)
{
	bool called;

	fresh("handle re-check");
	htbl_register(&t, V, fn_a, &arg_a);
	/* The second load of _state in handle is the re-check. */
	arm(&slots[V]._state, OP_LOAD, 2, act_unregister);
	called = htbl_handle(&t, V);
	tap_check(fired() && !called && calls_a == 0 && nested_fn == fn_a,
		  "handle whose slot is emptied between claim and re-check: "
		  "false, fn not called");
}

/* ---- a cell or a counter changed between the peek and the CAS ----------- */

static uintptr_t *stolen;

static void act_steal_cell(const volatile void *p)
{
	/* 1 is no registration's tag (kind BUSY, serial 0): no wait is for it. */
	stolen = (uintptr_t *)(uintptr_t)p;
	__atomic_store_n(stolen, 1, __ATOMIC_RELAXED);
}

static void test_claim_loses(void)
{
	bool called;

	fresh("claim loses");
	htbl_register(&t, V, fn_a, &arg_a);
	/* The first CAS outside the slots: the claim of a cell. */
	arm(NULL, OP_CAS, 1, act_steal_cell);
	called = htbl_handle(&t, V);
	tap_check(fired() && called && calls_a == 1 &&
			  __atomic_load_n(stolen, __ATOMIC_RELAXED) == 1,
		  "handle whose free cell is taken before its claim: claims "
		  "another, calls fn");
	__atomic_store_n(stolen, 0, __ATOMIC_RELEASE);
	tap_check(htbl_unregister_sync(&t, V, NULL) == fn_a,
		  "unregister_sync after a lost claim returns");
}

static void act_handle(const volatile void *p)
{
	(void)p;
	htbl_handle(&t, V);
}

static void test_counter_cas_loses(void)
{
	bool called;

	fresh("counter CAS loses");
	htbl_register(&t, V, fn_a, &arg_a);
	fill();
	/* A nested call takes and leaves the counter before our CAS. */
	arm(&slots[V]._ovf[0], OP_CAS, 1, act_handle);
	called = htbl_handle(&t, V);
	tap_check(fired() && called && calls_a == 2 &&
			  count(load(&slots[V]._ovf[0])) == 0,
		  "handle whose counter changes before its CAS: retries, both "
		  "calls made and counted out");
	unfill();
}

/* ---- the fallback counters ------------------------------------------------ */

static uintptr_t seen[2];

static void fn_nest_once(void *arg)
{
	(void)arg;
	if (calls_a++ == 0) {
		htbl_handle(&t, V);
		return;
	}
	seen[0] = load(&slots[V]._ovf[0]);
	seen[1] = load(&slots[V]._ovf[1]);
}

static void test_counter_shared(void)
{
	bool called;

	fresh("counter shared");
	seen[0] = seen[1] = 1;
	htbl_register(&t, V, fn_nest_once, NULL);
	fill();
	called = htbl_handle(&t, V);
	tap_check(called && calls_a == 2 && count(seen[0]) == 2 &&
			  seen[1] == 0 && load(&slots[V]._spill) == 0 &&
			  count(load(&slots[V]._ovf[0])) == 0,
		  "every cell taken: two nested calls of one registration "
		  "share a counter, then leave it");
	unfill();
}

static unsigned deep_level, deep_failed;

/* Nests until a call finds counter 0 full and takes counter 1. */
static void fn_deep(void *arg)
{
	(void)arg;
	if (count(load(&slots[V]._ovf[1])) == 0 && ++deep_level <= 1u << 17) {
		deep_failed += !htbl_handle(&t, V);
		return;
	}
	seen[0] = load(&slots[V]._ovf[0]);
	seen[1] = load(&slots[V]._ovf[1]);
}

static void *deep_main(void *p)
{
	(void)p;
	deep_failed += !htbl_handle(&t, V);
	return NULL;
}

static void test_counter_full(void)
{
	pthread_attr_t attr;
	pthread_t d;
	bool ran;

	fresh("counter full");
	deep_level = deep_failed = 0;
	seen[0] = seen[1] = 0;
	htbl_register(&t, V, fn_deep, NULL);
	fill();
	pthread_attr_init(&attr);
	ran = pthread_attr_setstacksize(&attr, DEEP_STACK) == 0 &&
	      pthread_create(&d, &attr, deep_main, NULL) == 0;
	if (ran)
		pthread_join(d, NULL);
	pthread_attr_destroy(&attr);
	tap_check(ran && deep_failed == 0 && count(seen[0]) == COUNT_MASK &&
			  count(seen[1]) == 1 &&
			  (seen[0] & ~COUNT_MASK) == (seen[1] & ~COUNT_MASK) &&
			  load(&slots[V]._ovf[0]) == (seen[0] & ~COUNT_MASK),
		  "every cell taken: the call past a full counter takes the "
		  "other one; every call made and counted out");
	unfill();
}

/* ---- waits: unregister_sync ----------------------------------------------- */

static void test_sync_waits_cell(void)
{
	struct blocker b;
	htbl_handler_fn got;
	bool ok;

	fresh("unregister_sync waits on a cell");
	htbl_register(&t, V, fn_block, &b);
	block_start(&b, V, NULL);
	wake_only(&b, NULL);
	arm_wait(act_wake);
	got = htbl_unregister_sync(&t, V, NULL);
	ok = fired() && got == fn_block && block_done(&b);
	tap_check(block_finish(&b) && ok,
		  "unregister_sync waits for a call holding a cell, sees its "
		  "writes");
}

static void test_sync_waits_counter(void)
{
	struct blocker b;
	htbl_handler_fn got;
	bool counted, ok;

	fresh("unregister_sync waits on a counter");
	htbl_register(&t, V, fn_block, &b);
	fill();
	block_start(&b, V, NULL);
	counted = count(load(&slots[V]._ovf[0])) == 1;
	wake_only(&b, NULL);
	arm_wait(act_wake);
	got = htbl_unregister_sync(&t, V, NULL);
	ok = counted && fired() && got == fn_block && block_done(&b);
	tap_check(block_finish(&b) && ok,
		  "unregister_sync waits for a call in a tagged counter, sees "
		  "its writes");
	unfill();
}

/*
 * Registrations 1 and 2 of slot V each hold a counter with a call; the
 * call of registration 3 spills. unregister_sync of 3 waits for the spill
 * only; synchronize of registration 4 waits for the calls of 1 and 2.
 */
static void test_spill(void)
{
	struct blocker b[3];
	htbl_handler_fn got;
	bool spilled, ok;

	fresh("spill");
	fill();
	for (int i = 0; i < 3; i++) {
		htbl_unregister(&t, V, NULL);
		htbl_register(&t, V, fn_block, &b[i]);
		block_start(&b[i], V, NULL);
	}
	spilled = count(load(&slots[V]._ovf[0])) == 1 &&
		  count(load(&slots[V]._ovf[1])) == 1 &&
		  load(&slots[V]._spill) == 1;
	wake_only(&b[2], NULL);
	arm_wait(act_wake);
	got = htbl_unregister_sync(&t, V, NULL);
	ok = spilled && got == fn_block && fired() && block_done(&b[2]) &&
	     !block_done(&b[0]) && !block_done(&b[1]);
	tap_check(block_finish(&b[2]) && ok,
		  "both counters of other registrations: the call spills; "
		  "unregister_sync waits for the spill, not the counters");
	htbl_register(&t, V, fn_a, &arg_a);
	wake_only(&b[0], &b[1]);
	arm_wait(act_wake);
	htbl_synchronize(&t, V);
	ok = fired() && block_done(&b[0]) && block_done(&b[1]);
	ok = block_finish(&b[0]) && ok;
	ok = block_finish(&b[1]) && ok;
	tap_check(ok && htbl_handle(&t, V) && calls_a == 1,
		  "synchronize waits for the counted calls of older "
		  "registrations, sees their writes");
	unfill();
}

/* ---- waits: synchronize --------------------------------------------------- */

static void arm_recheck(void)
{
	/* The second load of _state in handle is the re-check. */
	arm(&slots[V]._state, OP_LOAD, 2, act_park);
}

/*
 * A call that claimed (a cell, or a counter when every cell is taken) in
 * the old epoch is held before its re-check until synchronize, which
 * flipped the epoch, waits for it; then it re-checks, re-announces in the
 * new epoch and calls, and synchronize returns without waiting for it.
 */
static void recheck_flip(bool counters, const char *name)
{
	struct blocker b;
	bool waited;

	fresh(name);
	park_reset();
	htbl_register(&t, V, fn_block, &b);
	if (counters)
		fill();
	block_start(&b, V, arm_recheck);
	wait_set(&parked);
	arm_wait(act_go);
	htbl_synchronize(&t, V);
	waited = fired() && !block_done(&b);
	tap_check(block_finish(&b) && waited, name);
	if (counters)
		unfill();
}

static void test_recheck_flip(void)
{
	recheck_flip(false,
		     "handle whose re-check sees an epoch flip re-tags its "
		     "cell and calls; synchronize waits for the old tag only");
	recheck_flip(true,
		     "every cell taken: handle whose re-check sees an epoch "
		     "flip counts itself again in the new epoch and calls; "
		     "synchronize waits for the old count only");
}

static void test_synchronize_waits_older(void)
{
	struct blocker b;
	bool ok;

	fresh("synchronize waits on an older registration's cell");
	htbl_register(&t, V, fn_block, &b);
	block_start(&b, V, NULL);
	htbl_unregister(&t, V, NULL);
	htbl_register(&t, V, fn_a, &arg_a);
	wake_only(&b, NULL);
	arm_wait(act_wake);
	htbl_synchronize(&t, V);
	ok = fired() && block_done(&b);
	tap_check(block_finish(&b) && ok && htbl_handle(&t, V) && calls_a == 1,
		  "synchronize waits for a call of an older registration "
		  "holding a cell, sees its writes; the new pair stays");
	htbl_unregister(&t, V, NULL);
	htbl_register(&t, V, fn_block, &b);
	block_start(&b, V, NULL);
	htbl_unregister(&t, V, NULL);
	wake_only(&b, NULL);
	arm_wait(act_wake);
	htbl_synchronize(&t, V);
	ok = fired() && block_done(&b);
	tap_check(block_finish(&b) && ok,
		  "synchronize of an emptied slot waits for a call of the "
		  "removed registration, sees its writes");
}

/* What a synchronize hook does at the first cell it reads: start late
 * (replacing the registration first if late_replace); late_other runs. */
static struct blocker *late, *late_other;
static bool late_replace;

/* Then a synchronize that waits for what it should not is let go. */
static void arm_wake_late(void)
{
	wake_only(late, late_other);
	arm_wait(act_wake);
}

static void act_late_call(const volatile void *p)
{
	(void)p;
	if (late_replace) {
		htbl_unregister(&t, V, NULL);
		htbl_register(&t, V, fn_block, late);
	}
	block_start(late, V, NULL);
	arm_wake_late();
}

/*
 * A call that starts after synchronize flipped the epoch, in a cell or a
 * counter, of the registration it flipped or of a newer one (the slot
 * replaced after the flip): synchronize returns while it runs.
 */
static void late_call(bool counters, bool replace, const char *name)
{
	struct blocker b = { 0 }, other;
	bool ok;

	fresh(name);
	htbl_register(&t, V, fn_block, &b);
	/* Another slot's call (in a cell or a counter): not waited for. */
	htbl_register(&t, W, fn_block, &other);
	if (counters)
		fill();
	block_start(&other, W, NULL);
	late = &b;
	late_other = &other;
	late_replace = replace;
	/* The first load outside the slots, after the flip: cell 0. */
	arm(NULL, OP_LOAD, 1, act_late_call);
	htbl_synchronize(&t, V);
	ok = !fired() && block_entered(&b) && !block_done(&b) &&
	     !block_done(&other);
	ok = block_finish(&b) && ok;
	tap_check(block_finish(&other) && ok, name);
	if (counters)
		unfill();
}

static void test_synchronize_skips_later(void)
{
	late_call(false, false,
		  "synchronize skips a cell of its new epoch and one of "
		  "another slot; returns while they run");
	late_call(false, true,
		  "synchronize skips a cell of a registration newer than its "
		  "flip; returns while it runs");
	late_call(true, false,
		  "every cell taken: synchronize skips a counter of its new "
		  "epoch; returns while it runs");
	late_call(true, true,
		  "every cell taken: synchronize skips a counter of a "
		  "registration newer than its flip; returns while it runs");
}

static void arm_slot_store(void)
{
	/* handle's first store outside the slots: the cell's slot word, just
	 * after its claim. */
	arm(NULL, OP_STORE, 1, act_park);
}

/* Let the held call go, and return once its cell's tag has changed. */
static void act_go_until_retagged(const volatile void *p)
{
	const uintptr_t *tag = (const uintptr_t *)(uintptr_t)p;
	uintptr_t old = load(tag);

	set(&go);
	while (load(tag) == old)
		;
}

/*
 * A call held between its claim and the store of its slot in the cell:
 * synchronize sees a tag with no slot, and waits until the slot is written
 * (then waits for the old tag) or the tag changes (the call re-tagged).
 */
static void test_synchronize_window(void)
{
	struct blocker b;
	bool waited;

	fresh("synchronize in the slot-word window");
	park_reset();
	htbl_register(&t, V, fn_block, &b);
	block_start(&b, V, arm_slot_store);
	wait_set(&parked);
	arm_wait(act_go);
	htbl_synchronize(&t, V);
	waited = fired() && !block_done(&b);
	tap_check(block_finish(&b) && waited,
		  "synchronize waits while a claimed cell names no slot yet, "
		  "returns once the call re-tags");
	park_reset();
	block_start(&b, V, arm_slot_store);
	wait_set(&parked);
	arm_wait_n(1, act_go_until_retagged);
	htbl_synchronize(&t, V);
	waited = fired() && !block_done(&b);
	tap_check(block_finish(&b) && waited,
		  "synchronize stops waiting for a cell that names no slot "
		  "when its tag changes");
}

/* ---- a register held in BUSY ---------------------------------------------- */

static struct {
	htbl_handler_fn fn;
	void *arg;
	bool won;
	int done;	/* atomic */
	pthread_t thread;
} reg;

static void *register_main(void *p)
{
	(void)p;
	/* After the CAS to BUSY, before FULL: the store of _fn. */
	arm(&slots[V]._fn, OP_STORE, 1, act_park);
	reg.won = htbl_register(&t, V, reg.fn, reg.arg);
	set(&reg.done);
	return NULL;
}

/* Start registering (fn, arg) in slot V; return once it is held in BUSY. */
static void busy_start(htbl_handler_fn fn, void *arg)
{
	park_reset();
	reg.fn = fn;
	reg.arg = arg;
	reg.won = false;
	__atomic_store_n(&reg.done, 0, __ATOMIC_RELAXED);
	pthread_create(&reg.thread, NULL, register_main, NULL);
	wait_set(&parked);
}

static bool busy_finish(void)
{
	set(&go);
	pthread_join(reg.thread, NULL);
	return reg.won;
}

static void test_busy(void)
{
	bool empty;

	fresh("busy slot");
	busy_start(fn_a, &arg_a);
	empty = !htbl_handle(&t, V) && htbl_unregister(&t, V, NULL) == NULL &&
		!htbl_register(&t, V, fn_b, &arg_b);
	htbl_synchronize(&t, V);
	tap_check(busy_finish() && empty && htbl_handle(&t, V) &&
			  calls_a == 1 && calls_b == 0,
		  "a slot held in BUSY: handle false, unregister NULL, "
		  "register false, synchronize returns; then the pair works");
}

/* A call of an older registration, then a register held in BUSY. */
static void busy_older(bool counters, const char *name)
{
	struct blocker b;
	bool ok;

	fresh(name);
	htbl_register(&t, V, fn_block, &b);
	if (counters)
		fill();
	block_start(&b, V, NULL);
	htbl_unregister(&t, V, NULL);
	busy_start(fn_a, &arg_a);
	wake_only(&b, NULL);
	arm_wait(act_wake);
	htbl_synchronize(&t, V);
	ok = fired() && block_done(&b);
	ok = block_finish(&b) && ok;
	ok = busy_finish() && ok;
	tap_check(ok && htbl_handle(&t, V) && calls_a == 1, name);
	if (counters)
		unfill();
}

/* At synchronize's first cell: the held register completes (and, when
 * late_replace, is replaced), and a call of it starts. */
static void act_busy_late(const volatile void *p)
{
	(void)p;
	set(&go);
	wait_set(&reg.done);
	if (late_replace) {
		htbl_unregister(&t, V, NULL);
		htbl_register(&t, V, fn_block, late);
	}
	block_start(late, V, NULL);
	arm_wake_late();
}

/*
 * synchronize reads BUSY; then the registration completes and a call of it
 * (or of a newer one) starts, in a cell or a counter: it started after
 * synchronize, which returns while it runs.
 */
static void busy_late(bool counters, bool replace, const char *name)
{
	struct blocker b = { 0 };
	bool ok;

	fresh(name);
	if (counters)
		fill();
	busy_start(fn_block, &b);
	late = &b;
	late_other = NULL;
	late_replace = replace;
	arm(NULL, OP_LOAD, 1, act_busy_late);
	htbl_synchronize(&t, V);
	ok = !fired() && block_entered(&b) && !block_done(&b);
	ok = busy_finish() && ok;
	tap_check(block_finish(&b) && ok, name);
	if (counters)
		unfill();
}

static void test_busy_waits(void)
{
	busy_older(false,
		   "synchronize of a slot held in BUSY waits for a call of "
		   "an older registration in a cell");
	busy_older(true,
		   "every cell taken: synchronize of a slot held in BUSY "
		   "waits for a counted call of an older registration");
	busy_late(false, false,
		  "synchronize that read BUSY skips a cell of that "
		  "registration, completed after it; returns while it runs");
	busy_late(false, true,
		  "synchronize that read BUSY skips a cell of a newer "
		  "registration; returns while it runs");
	busy_late(true, false,
		  "every cell taken: synchronize that read BUSY skips a "
		  "counter of that registration; returns while it runs");
}

/* ---- the quiescent-state mode --------------------------------------------- */

/* CPU 0 is the main thread, CPU 1 a thread of its own. */
#define NCPUS 2

static struct htbl_qsbr_cpu qcpus[NCPUS];
static struct htbl_qsbr dom;
static struct htbl q;	/* on the same slots as t, which is unused meanwhile */
static int qdata;	/* plain: CPU 1's handler writes, the sync reads */

static void fresh_qsbr(const char *name)
{
	fresh(name);
	htbl_qsbr_init(&dom, qcpus, NCPUS);
	htbl_init_qsbr(&q, slots, N, &dom);
}

static void act_unregister_q(const volatile void *p)
{
	(void)p;
	nested_fn = htbl_unregister(&q, V, &nested_arg);
}

static void test_qsbr_dispatch(void)
{
	bool ok, called;

	fresh_qsbr("qsbr dispatch");
	htbl_qsbr_online(&dom, 0);
	ok = htbl_register(&q, V, fn_a, &arg_a) && htbl_handle(&q, V) &&
	     calls_a == 1 && !htbl_handle(&q, W) && !htbl_handle(&q, N);
	tap_check(ok, "quiescent-state mode: handle calls the pair; false on "
		      "an empty slot and out of range");
	/* The second load of _state is the re-check of the seqlock read. */
	arm(&slots[V]._state, OP_LOAD, 2, act_unregister_q);
	called = htbl_handle(&q, V);
	tap_check(fired() && !called && calls_a == 1 && nested_fn == fn_a,
		  "quiescent-state mode: handle whose slot is emptied before "
		  "its re-check: false, fn not called");
	htbl_qsbr_offline(&dom, 0);
}

static void test_qsbr_offline(void)
{
	htbl_handler_fn got, again;
	bool waited;

	fresh_qsbr("qsbr, every CPU offline");
	htbl_register(&q, V, fn_a, &arg_a);
	/* CPU 1 reports while offline: it stays offline. Out of range: no
	 * CPU at all. */
	htbl_qsbr_quiescent(&dom, 1);
	htbl_qsbr_online(&dom, NCPUS);
	htbl_qsbr_quiescent(&dom, NCPUS);
	htbl_qsbr_offline(&dom, NCPUS);
	arm_wait(act_go);
	got = htbl_unregister_sync(&q, V, NULL);
	again = htbl_unregister_sync(&q, V, NULL);
	htbl_synchronize(&q, V);
	htbl_synchronize(&q, N);
	waited = fired();
	tap_check(!waited && got == fn_a && again == NULL && !htbl_handle(&q, V),
		  "quiescent-state mode, every CPU offline (a report of an "
		  "offline CPU, or of none): syncs return without waiting");
}

/* CPU 1: dispatch once, then report a quiescent state when asked. */
static int q_dispatched, q_leave;	/* atomic */
static unsigned q_asked, q_reported;	/* atomic */

static void fn_q(void *arg)
{
	*(int *)arg = 42;
}

static void *cpu1_main(void *p)
{
	(void)p;
	htbl_qsbr_online(&dom, 1);
	htbl_handle(&q, V);
	set(&q_dispatched);
	while (!__atomic_load_n(&q_leave, __ATOMIC_ACQUIRE)) {
		unsigned asked = __atomic_load_n(&q_asked, __ATOMIC_ACQUIRE);

		if (asked != __atomic_load_n(&q_reported, __ATOMIC_RELAXED)) {
			htbl_qsbr_quiescent(&dom, 1);
			__atomic_store_n(&q_reported, asked, __ATOMIC_RELEASE);
		}
	}
	htbl_qsbr_offline(&dom, 1);
	return NULL;
}

/* Ask CPU 1 for a report, and return once it made it. */
static void act_report(const volatile void *p)
{
	unsigned asked = __atomic_add_fetch(&q_asked, 1, __ATOMIC_RELEASE);

	(void)p;
	while (__atomic_load_n(&q_reported, __ATOMIC_ACQUIRE) != asked)
		;
}

static void test_qsbr_grace_period(void)
{
	pthread_t cpu1;
	htbl_handler_fn got;
	bool ok;

	fresh_qsbr("qsbr grace period");
	qdata = 0;
	__atomic_store_n(&q_dispatched, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&q_leave, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&q_asked, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&q_reported, 0, __ATOMIC_RELAXED);
	htbl_register(&q, V, fn_q, &qdata);
	pthread_create(&cpu1, NULL, cpu1_main, NULL);
	wait_set(&q_dispatched);
	/* CPU 0 (this thread) is offline: the grace period waits for 1. */
	arm_wait(act_report);
	got = htbl_unregister_sync(&q, V, NULL);
	ok = fired() && got == fn_q && qdata == 42;
	tap_check(ok, "quiescent-state mode: unregister_sync waits for the "
		      "report of an online CPU, sees what its handler wrote");
	arm_wait(act_report);
	htbl_synchronize(&q, V);
	ok = fired() && __atomic_load_n(&q_reported, __ATOMIC_ACQUIRE) == 2;
	set(&q_leave);
	pthread_join(cpu1, NULL);
	tap_check(ok, "quiescent-state mode: synchronize waits for the next "
		      "report of an online CPU");
}

int main(void)
{
	/* A wait that never ends fails the run, naming its case. */
	signal(SIGALRM, on_alarm);
	alarm(120);
	test_register_loses();
	test_unregister_retries();
	test_synchronize_simple();
	test_synchronize_retries();
	test_handle_recheck();
	test_claim_loses();
	test_counter_cas_loses();
	test_counter_shared();
	test_counter_full();
	test_sync_waits_cell();
	test_sync_waits_counter();
	test_spill();
	test_recheck_flip();
	test_synchronize_waits_older();
	test_synchronize_skips_later();
	test_synchronize_window();
	test_busy();
	test_busy_waits();
	test_qsbr_dispatch();
	test_qsbr_offline();
	test_qsbr_grace_period();
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
