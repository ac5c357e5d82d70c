/*
 * coverage_cases.c: the library's race paths, taken on purpose. Built only
 * for `make coverage`, against a library compiled with every
 * __atomic_load_n and __atomic_compare_exchange_n preceded by a call of
 * htbl_cov_hook(address) (tests/analysis.mk). The hook runs a test's action
 * at a chosen access, as an interrupt arriving at that instruction would:
 *
 * - between a load of _state and the CAS that acts on it, a nested call
 *   changes the slot: register loses its CAS, unregister retries its CAS,
 *   handle's re-check fails;
 * - between the peek at a free dispatch cell and the CAS that claims it,
 *   the cell is taken (standing for another CPU's claim);
 * - unregister_sync spins on a call running on another thread, through a
 *   dispatch cell and through _inflight: the hook releases that call once
 *   the sync is seen loading one word twice in a row, that is, waiting.
 *
 * White-box: the cases know the library's order of accesses (the second
 * access to _state is the CAS, or handle's re-check) and read _inflight. A
 * change of that order shows up as a case whose hook never fired.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"

#define N 4
/* More nesting than any HTBL_CELLS setting the tests use. */
#define MAX_NEST 1024

enum hook_mode {
	HOOK_AT,	/* the left-th access to the word at */
	HOOK_CELL,	/* the left-th access outside the table: a cell */
	HOOK_REPEAT,	/* an access to the word accessed just before */
};

static struct {
	enum hook_mode mode;
	const volatile void *at;
	int left;
	void (*act)(const volatile void *p);
	const volatile void *last;
} hook;
/* The hook acts only in the thread that armed it. */
static _Thread_local int hook_here;

static struct htbl_slot slots[N];
static struct htbl t;
static int arg_a, arg_b;
static unsigned calls_a, calls_b;
static htbl_handler_fn nested_fn;
static void *nested_arg;

void tap_putc(char c)
{
	putchar(c);
}

void htbl_cov_hook(const volatile void *p);

void htbl_cov_hook(const volatile void *p)
{
	bool fire;
	void (*act)(const volatile void *p);

	if (!hook_here || !hook.act)
		return;
	switch (hook.mode) {
	case HOOK_AT:
		fire = p == hook.at && --hook.left == 0;
		break;
	case HOOK_CELL:
		fire = ((uintptr_t)p < (uintptr_t)slots ||
			(uintptr_t)p >= (uintptr_t)(slots + N)) &&
		       --hook.left == 0;
		break;
	default:
		fire = p == hook.last;
		hook.last = p;
	}
	if (!fire)
		return;
	act = hook.act;
	hook.act = NULL;
	act(p);
}

static void arm(enum hook_mode mode, const volatile void *at, int left,
		void (*act)(const volatile void *p))
{
	hook.mode = mode;
	hook.at = at;
	hook.left = left;
	hook.last = NULL;
	hook.act = act;
	hook_here = 1;
}

/* Disarm; returns whether the action ran. */
static bool fired(void)
{
	bool ran = !hook.act;

	hook.act = NULL;
	hook_here = 0;
	return ran;
}

static void fn_a(void *arg)
{
	calls_a += arg == &arg_a;
}

static void fn_b(void *arg)
{
	calls_b += arg == &arg_b;
}

static void fresh(void)
{
	htbl_init(&t, slots, N);
	calls_a = calls_b = 0;
	nested_fn = NULL;
	nested_arg = NULL;
}

/* ---- nested calls between a load and the CAS that depends on it --------- */

static void act_register_b(const volatile void *p)
{
	(void)p;
	if (htbl_register(&t, 0, fn_b, &arg_b))
		nested_fn = fn_b;
}

static void act_unregister(const volatile void *p)
{
	(void)p;
	nested_fn = htbl_unregister(&t, 0, &nested_arg);
}

static void act_replace(const volatile void *p)
{
	act_unregister(p);
	htbl_register(&t, 0, fn_b, &arg_b);
}

static void test_register_loses(void)
{
	bool won;

	fresh();
	arm(HOOK_AT, &slots[0]._state, 2, act_register_b);
	won = htbl_register(&t, 0, fn_a, &arg_a);
	tap_check(fired() && !won && nested_fn == fn_b && htbl_handle(&t, 0) &&
			  calls_b == 1 && calls_a == 0,
		  "register whose CAS loses to a nested register: false, the "
		  "nested pair stays");
}

static void test_unregister_retries(void)
{
	void *out = &arg_b;
	htbl_handler_fn got;

	fresh();
	htbl_register(&t, 0, fn_a, &arg_a);
	arm(HOOK_AT, &slots[0]._state, 2, act_unregister);
	got = htbl_unregister(&t, 0, &out);
	tap_check(fired() && got == NULL && out == &arg_b &&
			  nested_fn == fn_a && nested_arg == &arg_a,
		  "unregister whose CAS loses to a nested unregister: NULL, "
		  "arg_out untouched");
	htbl_register(&t, 0, fn_a, &arg_a);
	out = NULL;
	arm(HOOK_AT, &slots[0]._state, 2, act_replace);
	got = htbl_unregister_sync(&t, 0, &out);
	tap_check(fired() && got == fn_b && out == &arg_b &&
			  nested_fn == fn_a && !htbl_handle(&t, 0),
		  "unregister whose CAS loses to a nested replace: removes the "
		  "new pair");
}

static void test_handle_recheck(void)
{
	bool called;

	fresh();
	htbl_register(&t, 0, fn_a, &arg_a);
	/* The second access to _state in handle is the re-check. */
	arm(HOOK_AT, &slots[0]._state, 2, act_unregister);
	called = htbl_handle(&t, 0);
	tap_check(fired() && !called && calls_a == 0 && nested_fn == fn_a,
		  "handle whose slot is emptied between claim and re-check: "
		  "false, fn not called");
}

/* ---- a dispatch cell taken between the peek and the claim ---------------- */

static uintptr_t *stolen;

static void act_steal_cell(const volatile void *p)
{
	/* 1 is no slot's tag (slots are aligned): no sync waits on it. */
	stolen = (uintptr_t *)(uintptr_t)p;
	__atomic_store_n(stolen, 1, __ATOMIC_RELAXED);
}

static void test_claim_loses(void)
{
	bool called;

	fresh();
	htbl_register(&t, 0, fn_a, &arg_a);
	/* First access to a cell: the peek; second: the claim CAS. */
	arm(HOOK_CELL, NULL, 2, act_steal_cell);
	called = htbl_handle(&t, 0);
	tap_check(fired() && called && calls_a == 1 &&
			  __atomic_load_n(stolen, __ATOMIC_RELAXED) == 1,
		  "handle whose free cell is taken before its claim: claims "
		  "another, calls fn");
	__atomic_store_n(stolen, 0, __ATOMIC_RELEASE);
	tap_check(htbl_unregister_sync(&t, 0, NULL) == fn_a,
		  "unregister_sync after a lost claim returns");
}

/* ---- unregister_sync waiting for a call on another thread ---------------- */

static int blocked_entered, blocked_release;	/* atomic */
static int blocked_done;			/* plain: read after sync */
static int deep_full, deep_release;		/* atomic */
static unsigned deep_level;

static void fn_blocked(void *arg)
{
	(void)arg;
	__atomic_store_n(&blocked_entered, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&blocked_release, __ATOMIC_ACQUIRE))
		;
	blocked_done = 1;
}

/* Nests in its own slot until a call finds every cell taken, then holds. */
static void fn_deep(void *arg)
{
	(void)arg;
	if (__atomic_load_n(&slots[2]._inflight, __ATOMIC_RELAXED) == 0 &&
	    ++deep_level < MAX_NEST) {
		htbl_handle(&t, 2);
		return;
	}
	__atomic_store_n(&deep_full, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&deep_release, __ATOMIC_ACQUIRE))
		;
}

static void *dispatch(void *idx)
{
	htbl_handle(&t, (size_t)(uintptr_t)idx);
	return NULL;
}

static void act_release(const volatile void *p)
{
	(void)p;
	__atomic_store_n(&blocked_release, 1, __ATOMIC_RELEASE);
}

/* Sync slot 1 while thread b runs fn_blocked; true if the sync waited. */
static bool sync_waits(pthread_t b)
{
	htbl_handler_fn got;
	bool waited;

	arm(HOOK_REPEAT, NULL, 0, act_release);
	got = htbl_unregister_sync(&t, 1, NULL);
	waited = fired() && got == fn_blocked && blocked_done == 1;
	__atomic_store_n(&blocked_release, 1, __ATOMIC_RELEASE);
	pthread_join(b, NULL);
	return waited;
}

static void start_blocked(pthread_t *b)
{
	blocked_entered = blocked_release = blocked_done = 0;
	htbl_register(&t, 1, fn_blocked, NULL);
	pthread_create(b, NULL, dispatch, (void *)1);
	while (!__atomic_load_n(&blocked_entered, __ATOMIC_ACQUIRE))
		;
}

static void test_sync_waits_cell(void)
{
	pthread_t b;

	fresh();
	start_blocked(&b);
	tap_check(sync_waits(b),
		  "unregister_sync waits for a call holding a cell, sees its "
		  "writes");
}

static void test_sync_waits_inflight(void)
{
	pthread_t a, b;
	bool counted;

	fresh();
	htbl_register(&t, 2, fn_deep, NULL);
	pthread_create(&a, NULL, dispatch, (void *)2);
	while (!__atomic_load_n(&deep_full, __ATOMIC_ACQUIRE))
		;
	start_blocked(&b);
	counted = __atomic_load_n(&slots[1]._inflight, __ATOMIC_RELAXED) == 1;
	tap_check(counted && sync_waits(b),
		  "unregister_sync waits for a call counted in _inflight, sees "
		  "its writes");
	__atomic_store_n(&deep_release, 1, __ATOMIC_RELEASE);
	pthread_join(a, NULL);
	tap_check(htbl_unregister_sync(&t, 2, NULL) == fn_deep,
		  "unregister_sync after the deep nest returns");
}

int main(void)
{
	/* A sync that never stops waiting fails the run. */
	alarm(60);
	test_register_loses();
	test_unregister_retries();
	test_handle_recheck();
	test_claim_loses();
	test_sync_waits_cell();
	test_sync_waits_inflight();
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
