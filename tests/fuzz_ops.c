/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_ops.c: libFuzzer harness. The input is a program of table calls,
 * run on a real table and on a sequential reference model (an array of
 * (fn, arg) pairs); any difference in a result, in *arg_out, or in which
 * handler ran with which arg, calls abort(); a wait that never returns is
 * a libFuzzer timeout.
 *
 * Input format, one op after another (the input ending stops everything):
 *   op byte: low 3 bits the op, bit 3 set: pass arg_out = NULL
 *     0 init  cap byte (bit 7: the quiescent-state mode; the rest % 9),
 *       fill byte (old slot contents, any junk)
 *     1 register  index byte, fn/arg byte (fn low nibble, arg high nibble)
 *     2 unregister  index byte
 *     3 unregister_sync  index byte
 *     4 handle  index byte
 *     5 capacity
 *     6 return: end the innermost nesting handler's run of ops
 *     7 synchronize  index byte
 *   index byte: below 0xf0, byte % 10 (0 .. capacity + 1 and beyond);
 *   else a special index: SIZE_MAX, top bit set, capacity, ...
 *
 * Handlers named nest_* run the ops that follow, up to a return op, from
 * inside their call, as a nested interrupt would: those ops may dispatch,
 * register and unregister the very slot being dispatched. Init is skipped
 * while a handler runs (the table is in use). The waiting calls follow the
 * contract: synchronize of a slot whose handler is running in the nest is
 * skipped (it would wait for that call, for ever), as is unregister_sync
 * of a slot whose running handler is of the registration it would remove:
 * it is done as a plain unregister. An unregister_sync of a newer
 * registration does run: it must not wait for the older one's call,
 * unless that call spilled (the slot's _spill counter, which every sync of
 * the slot waits for). Nothing running, synchronize changes nothing the
 * model holds, and returns.
 *
 * In the quiescent-state mode the one CPU (CPU 0 of a one-CPU domain)
 * is online while it dispatches and goes offline around a sync, as the
 * header asks; a sync inside a handler, which would wait for this CPU's
 * next report, is skipped (synchronize) or done as a plain unregister.
 *
 * The table's slots are a heap block of exactly capacity slots, so that
 * AddressSanitizer sees any access past the bounds check.
 */
#include <handler_table.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CAP 8
/* Deeper than the library's dispatch cells, so the fallback runs too. */
#define MAX_DEPTH 40
#define NARGS 5

enum { OP_INIT, OP_REG, OP_UNREG, OP_SYNC, OP_HANDLE, OP_CAP, OP_RET,
       OP_SYNCHRONIZE };
/* Handlers: FN_NONE stands for a NULL fn; nest_* run nested ops. */
enum { FN_NONE, FN_LEAF_A, FN_LEAF_B, FN_NEST_A, FN_NEST_B, NFNS };

struct model_slot {
	int fn;			/* FN_*; FN_NONE: empty */
	void *arg;
	unsigned long reg;	/* which registration: one more each time */
};

/* A dispatch of slot idx that the model expects to call fn(arg). */
struct frame {
	size_t idx;
	void *arg;
	int fn;
	int calls;
	unsigned long reg;
};

static const uint8_t *in, *in_end;
static struct htbl table;
static struct htbl_slot *slots;
static struct model_slot model[MAX_CAP];
static size_t cap;
static bool qsbr;
static struct htbl_qsbr_cpu qsbr_cpu[1];
static struct htbl_qsbr domain;
static struct frame frames[MAX_DEPTH];
static size_t depth;
static unsigned long real_calls[NFNS], model_calls[NFNS];
static unsigned long regs;
static char arg_objs[3];
static char untouched;

static void run_ops(void);

/* A difference from the model: say which, and abort for libFuzzer. */
static void mismatch(int line, const char *what)
{
	fprintf(stderr, "fuzz_ops.c:%d: mismatch: %s\n", line, what);
	abort();
}

#define check(ok) ((ok) ? (void)0 : mismatch(__LINE__, #ok))

/* The next input byte, or -1 at the end. */
static int next(void)
{
	return in < in_end ? *in++ : -1;
}

/* Every handler: the call must be the one the model expects, once. */
static void called(int fn, void *arg)
{
	struct frame *f;

	check(depth > 0);
	f = &frames[depth - 1];
	check(f->fn == fn && f->arg == arg && f->calls == 0);
	f->calls++;
	real_calls[fn]++;
	if (fn >= FN_NEST_A && depth < MAX_DEPTH)
		run_ops();
}

static void leaf_a(void *arg) { called(FN_LEAF_A, arg); }
static void leaf_b(void *arg) { called(FN_LEAF_B, arg); }
static void nest_a(void *arg) { called(FN_NEST_A, arg); }
static void nest_b(void *arg) { called(FN_NEST_B, arg); }

static const htbl_handler_fn fns[NFNS] = { NULL, leaf_a, leaf_b, nest_a,
					   nest_b };
static void *const args[NARGS] = { NULL, &arg_objs[0], &arg_objs[1],
				   &arg_objs[2], (void *)UINTPTR_MAX };

static size_t index_of(int b)
{
	const size_t top = SIZE_MAX / 2 + 1;
	const size_t special[16] = {
		SIZE_MAX, SIZE_MAX - 1, top, top + 1, top | 3, top + cap,
		cap, cap + 1, cap - 1, cap + 2, (size_t)0 - cap,
		(size_t)UINT32_MAX, (size_t)UINT32_MAX + 1, 64, 4096, SIZE_MAX / 2,
	};

	return b < 0xf0 ? (size_t)b % 10 : special[b & 15];
}

static struct model_slot *model_at(size_t idx)
{
	return idx < cap ? &model[idx] : NULL;
}

static void op_init(int cap_b, int fill)
{
	/* The table is in use while a handler runs: init is not allowed. */
	if (depth > 0)
		return;
	free(slots);
	qsbr = cap_b & 0x80;
	cap = (size_t)(cap_b & 0x7f) % (MAX_CAP + 1);
	slots = NULL;
	if (cap) {
		slots = aligned_alloc(_Alignof(struct htbl_slot),
				      cap * sizeof(*slots));
		check(slots != NULL);
		memset(slots, fill, cap * sizeof(*slots));
	}
	if (qsbr) {
		htbl_qsbr_init(&domain, qsbr_cpu, 1);
		htbl_init_qsbr(&table, slots, cap, &domain);
		htbl_qsbr_online(&domain, 0);
	} else {
		htbl_init(&table, slots, cap);
	}
	memset(model, 0, sizeof(model));
}

static void op_register(size_t idx, int fa)
{
	struct model_slot *m = model_at(idx);
	int fn = (fa & 15) % NFNS;
	void *arg = args[(fa >> 4) % NARGS];
	bool want = m && fn && !m->fn;

	check(htbl_register(&table, idx, fns[fn], arg) == want);
	if (want)
		*m = (struct model_slot){ fn, arg, ++regs };
}

/* Is a handler of slot idx being called somewhere in the nest? */
static bool running(size_t idx)
{
	for (size_t i = 0; i < depth; i++)
		if (frames[i].idx == idx)
			return true;
	return false;
}

/* Would unregister_sync of slot idx, holding m, wait for the nest? */
static bool sync_waits_for_nest(size_t idx, const struct model_slot *m)
{
	bool older = false;

	if (!m || !m->fn)
		return false;
	if (qsbr)
		return depth > 0;
	for (size_t i = 0; i < depth; i++) {
		if (frames[i].idx != idx)
			continue;
		if (frames[i].reg == m->reg)
			return true;
		older = true;
	}
	/* White-box: spilled calls are waited for, whatever registration. */
	return older &&
	       __atomic_load_n(&slots[idx]._spill, __ATOMIC_RELAXED) != 0;
}

static void op_unregister(size_t idx, bool sync, bool null_out)
{
	struct model_slot *m = model_at(idx);
	void *out = &untouched;
	htbl_handler_fn got;

	if (sync && sync_waits_for_nest(idx, m))
		sync = false;
	if (sync && qsbr)
		htbl_qsbr_offline(&domain, 0);
	got = sync ? htbl_unregister_sync(&table, idx, null_out ? NULL : &out)
		   : htbl_unregister(&table, idx, null_out ? NULL : &out);
	if (sync && qsbr)
		htbl_qsbr_online(&domain, 0);
	if (!m || !m->fn) {
		check(got == NULL && out == &untouched);
		return;
	}
	check(got == fns[m->fn] && out == (null_out ? &untouched : m->arg));
	*m = (struct model_slot){ FN_NONE, NULL, 0 };
}

static void op_synchronize(size_t idx)
{
	if (qsbr ? depth > 0 : running(idx))
		return;
	if (qsbr)
		htbl_qsbr_offline(&domain, 0);
	htbl_synchronize(&table, idx);
	if (qsbr)
		htbl_qsbr_online(&domain, 0);
}

static void op_handle(size_t idx)
{
	struct model_slot *m = model_at(idx);
	bool want = m && m->fn;
	bool got;

	if (!want) {
		check(!htbl_handle(&table, idx));
		return;
	}
	frames[depth++] = (struct frame){ idx, m->arg, m->fn, 0, m->reg };
	model_calls[m->fn]++;
	got = htbl_handle(&table, idx);
	depth--;
	check(got && frames[depth].calls == 1);
}

/* Run ops until the input ends or, inside a handler, a return op. */
static void run_ops(void)
{
	int op;

	while ((op = next()) >= 0) {
		bool null_out = op & 8;
		int b, c;

		switch (op & 7) {
		case OP_INIT:
			b = next();
			if (b >= 0 && (c = next()) >= 0)
				op_init(b, c);
			break;
		case OP_REG:
			b = next();
			if (b >= 0 && (c = next()) >= 0)
				op_register(index_of(b), c);
			break;
		case OP_UNREG:
		case OP_SYNC:
			if ((b = next()) >= 0)
				op_unregister(index_of(b), (op & 7) == OP_SYNC,
					      null_out);
			break;
		case OP_HANDLE:
			if ((b = next()) >= 0)
				op_handle(index_of(b));
			break;
		case OP_SYNCHRONIZE:
			if ((b = next()) >= 0)
				op_synchronize(index_of(b));
			break;
		case OP_CAP:
			check(htbl_capacity(&table) == cap);
			break;
		default:
			if (depth > 0)
				return;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = data;
	in_end = data + size;
	depth = 0;
	memset(real_calls, 0, sizeof(real_calls));
	memset(model_calls, 0, sizeof(model_calls));
	if (size > 0)
		op_init(next(), 0);
	run_ops();
	/* What is left in the table is what the model holds. */
	for (size_t i = 0; i < cap; i++)
		op_unregister(i, true, false);
	check(memcmp(real_calls, model_calls, sizeof(real_calls)) == 0);
	free(slots);
	slots = NULL;
	cap = 0;
	qsbr = false;
	htbl_init(&table, NULL, 0);
	return 0;
}
