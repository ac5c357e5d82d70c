/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * api_cases.c: the API's behaviour, single-threaded, including every bad
 * input. Freestanding: run by the host unit tests and by the test kernel
 * on every arch.
 */
#include <handler_table.h>

#include "api_cases.h"
#include "tap.h"

#define N 8

struct probe {
	unsigned calls;
	void *last_arg;
};

static struct probe probe_a, probe_b;

static void fn_a(void *arg)
{
	probe_a.calls++;
	probe_a.last_arg = arg;
}

static void fn_b(void *arg)
{
	probe_b.calls++;
	probe_b.last_arg = arg;
}

static void reset_probes(void)
{
	probe_a = (struct probe){ 0, 0 };
	probe_b = (struct probe){ 0, 0 };
}

static HTBL_DEFINE(defined_table, N);
static struct htbl_slot storage[N];
static struct htbl t;
static int arg1, arg2;

/* Every slot of tb is empty: htbl_handle reports false and calls nothing. */
static bool all_empty(struct htbl *tb)
{
	unsigned before = probe_a.calls + probe_b.calls;

	for (size_t i = 0; i < htbl_capacity(tb); i++)
		if (htbl_handle(tb, i))
			return false;
	return probe_a.calls + probe_b.calls == before;
}

/* Slot idx holds exactly (fn_a, arg): one dispatch calls fn_a(arg) once. */
static bool holds_a(struct htbl *tb, size_t idx, void *arg)
{
	unsigned before = probe_a.calls;

	return htbl_handle(tb, idx) && probe_a.calls == before + 1 &&
	       probe_a.last_arg == arg;
}

static void fresh(void)
{
	/* Garbage that htbl_init must clear, field by field: a struct copy
	 * would make the compiler call memset, which the kernels lack. */
	for (size_t i = 0; i < N; i++) {
		storage[i]._state = 0x5a5a;
		storage[i]._fn = fn_b;
		storage[i]._arg = &arg2;
		storage[i]._spill = 7;
	}
	htbl_init(&t, storage, N);
	reset_probes();
}

static void test_define_and_init(void)
{
	tap_check(htbl_capacity(&defined_table) == N &&
			  all_empty(&defined_table),
		  "HTBL_DEFINE: capacity n, every slot empty, no init call");
	fresh();
	tap_check(htbl_capacity(&t) == N && all_empty(&t),
		  "htbl_init: capacity n, every slot empty over old contents");
}

static void test_register_handle(void)
{
	fresh();
	tap_check(htbl_register(&t, 3, fn_a, &arg1) && holds_a(&t, 3, &arg1),
		  "register then handle calls fn(arg) once, returns true");
	tap_check(!htbl_handle(&t, 2) && !htbl_handle(&t, 4) &&
			  probe_a.calls == 1,
		  "other slots stay empty");
	tap_check(htbl_register(&t, 0, fn_a, NULL) && holds_a(&t, 0, NULL),
		  "register with a NULL arg");
	tap_check(!htbl_register(&t, 3, fn_b, &arg2) && holds_a(&t, 3, &arg1) &&
			  probe_b.calls == 0,
		  "register on an occupied slot: false, old pair kept");
	tap_check(!htbl_register(&t, 5, NULL, &arg1) && !htbl_handle(&t, 5),
		  "register a NULL fn: false, slot stays empty");
}

static void test_out_of_range(void)
{
	static const size_t bad[] = { N, N + 1, SIZE_MAX / 2, SIZE_MAX - 1,
				      SIZE_MAX };
	bool reg = true, unreg = true, sync = true, handle = true;
	void *out = &arg2;

	fresh();
	htbl_register(&t, N - 1, fn_a, &arg1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		reg &= !htbl_register(&t, bad[i], fn_b, &arg1);
		unreg &= htbl_unregister(&t, bad[i], &out) == NULL;
		sync &= htbl_unregister_sync(&t, bad[i], &out) == NULL;
		handle &= !htbl_handle(&t, bad[i]);
	}
	tap_check(reg, "register out of range (n .. SIZE_MAX): false");
	tap_check(unreg && sync && out == &arg2,
		  "unregister(_sync) out of range: NULL, arg_out untouched");
	tap_check(handle && probe_b.calls == 0,
		  "handle out of range: false, calls nothing");
	tap_check(holds_a(&t, N - 1, &arg1) && htbl_unregister(&t, N - 1, 0) &&
			  all_empty(&t),
		  "out-of-range calls changed nothing");
}

static void test_unregister(void)
{
	void *out = NULL;

	fresh();
	htbl_register(&t, 1, fn_a, &arg1);
	tap_check(htbl_unregister(&t, 1, &out) == fn_a && out == &arg1,
		  "unregister returns the fn and its arg");
	tap_check(!htbl_handle(&t, 1) && probe_a.calls == 0,
		  "after unregister: handle false, fn not called");
	out = &arg2;
	tap_check(htbl_unregister(&t, 1, &out) == NULL && out == &arg2,
		  "unregister an empty slot: NULL, arg_out untouched");
	htbl_register(&t, 1, fn_a, &arg1);
	tap_check(htbl_unregister(&t, 1, NULL) == fn_a && all_empty(&t),
		  "unregister with a NULL arg_out");
	tap_check(htbl_register(&t, 1, fn_b, &arg2) && !holds_a(&t, 1, 0) &&
			  probe_b.calls == 1 && probe_b.last_arg == &arg2,
		  "re-register after unregister: the new pair only");
}

static void test_unregister_sync(void)
{
	void *out = NULL;

	fresh();
	htbl_register(&t, 6, fn_a, &arg1);
	htbl_handle(&t, 6);
	tap_check(htbl_unregister_sync(&t, 6, &out) == fn_a && out == &arg1 &&
			  all_empty(&t),
		  "unregister_sync on an idle slot returns fn and arg");
	out = &arg2;
	tap_check(htbl_unregister_sync(&t, 6, &out) == NULL && out == &arg2,
		  "unregister_sync on an empty slot: NULL, arg_out untouched");
	htbl_register(&t, 6, fn_a, &arg1);
	tap_check(htbl_unregister_sync(&t, 6, NULL) == fn_a,
		  "unregister_sync with a NULL arg_out");
}

static void test_empty_table(void)
{
	struct htbl z;

	htbl_init(&z, NULL, 0);
	tap_check(htbl_capacity(&z) == 0 && !htbl_register(&z, 0, fn_a, 0) &&
			  !htbl_unregister(&z, 0, 0) &&
			  !htbl_unregister_sync(&z, 0, 0) && !htbl_handle(&z, 0),
		  "a table of capacity 0 rejects every index");
}

/* Handlers that act on the table from inside a dispatch. */
static struct htbl *self_t;
static size_t self_depth, self_max_depth;
static void *self_out;

static void fn_remove_self(void *arg)
{
	self_out = htbl_unregister(self_t, (size_t)(uintptr_t)arg, NULL) ?
			   arg :
			   NULL;
}

static void fn_reregister_self(void *arg)
{
	size_t idx = (size_t)(uintptr_t)arg;

	htbl_unregister(self_t, idx, NULL);
	htbl_register(self_t, idx, fn_a, &arg1);
}

static void fn_sync_other(void *arg)
{
	self_out = (void *)htbl_unregister_sync(self_t, (size_t)(uintptr_t)arg,
						NULL);
}

/* Dispatches its own slot from inside itself, like nested interrupts. */
static void fn_nest(void *arg)
{
	if (++self_depth > self_max_depth)
		self_max_depth = self_depth;
	if (self_depth < (size_t)(uintptr_t)arg)
		htbl_handle(self_t, 7);
	self_depth--;
}

static void test_from_inside_handlers(void)
{
	fresh();
	self_t = &t;
	htbl_register(&t, 2, fn_remove_self, (void *)(uintptr_t)2);
	tap_check(htbl_handle(&t, 2) && self_out == (void *)(uintptr_t)2 &&
			  !htbl_handle(&t, 2),
		  "a handler unregisters its own slot");
	htbl_register(&t, 2, fn_reregister_self, (void *)(uintptr_t)2);
	tap_check(htbl_handle(&t, 2) && holds_a(&t, 2, &arg1),
		  "a handler replaces itself with another pair");
	htbl_register(&t, 4, fn_sync_other, (void *)(uintptr_t)5);
	htbl_register(&t, 5, fn_b, &arg2);
	tap_check(htbl_handle(&t, 4) && self_out == (void *)fn_b &&
			  !htbl_handle(&t, 5),
		  "a handler unregister_syncs another slot without waiting "
		  "for itself");
	/* Deeper than the dispatch cells: the overflow path is used too. */
	htbl_register(&t, 7, fn_nest, (void *)(uintptr_t)100);
	tap_check(htbl_handle(&t, 7) && self_max_depth == 100 &&
			  self_depth == 0,
		  "handle nested 100 deep in itself (nested interrupts)");
	tap_check(htbl_unregister_sync(&t, 7, NULL) == fn_nest,
		  "unregister_sync after deep nesting does not wait forever");
}

static void test_many_generations(void)
{
	bool ok = true;

	fresh();
	for (unsigned i = 0; i < 1000 && ok; i++) {
		void *arg = (i & 1) ? (void *)&arg1 : (void *)&arg2;
		void *out = NULL;

		ok = htbl_register(&t, i % N, fn_a, arg) &&
		     holds_a(&t, i % N, arg) &&
		     ((i & 2) ? htbl_unregister_sync(&t, i % N, &out) :
				htbl_unregister(&t, i % N, &out)) == fn_a &&
		     out == arg;
	}
	tap_check(ok && all_empty(&t),
		  "1000 register/handle/unregister rounds stay consistent");
}

void api_cases(void)
{
	test_define_and_init();
	test_register_handle();
	test_out_of_range();
	test_unregister();
	test_unregister_sync();
	test_empty_table();
	test_from_inside_handlers();
	test_many_generations();
}
