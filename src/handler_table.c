/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * handler_table.c: the slot protocol.
 *
 * A slot's _state word is its only point of synchronization:
 *
 *   EMPTY(r) --register CAS--> BUSY(g) --release store--> FULL(g)
 *   FULL(g)  --unregister CAS---------------------------> EMPTY(g)
 *   FULL(g)  --synchronize CAS--------------------------> FULL(g) ^ EPOCH
 *
 * g is a registration serial taken from one counter shared by every slot
 * of every table, so a state word names its slot and its registration at
 * once, and never comes back (until the counter wraps: 2^61 registrations
 * on 64-bit, 2^29 on 32-bit). _fn and _arg are written only in BUSY, by
 * the one register that won the CAS, and read as a seqlock: a reader that
 * saw FULL(g) before and after reading them has the pair of registration
 * g, untorn.
 *
 * Waiting for running handlers: each htbl_handle call that finds the slot
 * full claims a dispatch cell (two words on a cache line of their own,
 * shared by all tables) by writing into it the state word it read, then
 * checks _state again and calls only if it is unchanged. The claim and
 * every change of _state are sequentially consistent, so a waiter that
 * changed _state and then reads the cells either sees the claim or the
 * call sees the change and does not call. htbl_unregister_sync(g) waits
 * while a cell holds g: exactly the calls of the registration it removed.
 * htbl_synchronize flips the EPOCH bit of a full slot: calls that claimed
 * before wait for nothing and are waited for; calls that read the old
 * epoch and re-check after the flip re-tag their cell and go on, so no
 * event is lost and the waiter never waits for a call that started after
 * it. When every cell is taken, a call counts itself in one of the slot's
 * two tagged counters, or in its spill counter when both belong to other
 * registrations.
 *
 * Every compare-exchange goes through HTBL_CAS, and the two pieces of
 * inline asm (hiding the index mask, the spin-wait hint) are skipped under
 * -DHTBL_NO_ASM, so that model checkers that run C11 code (GenMC) check
 * this very file.
 */
#include <handler_table.h>

/* Cells: concurrent calls, over all CPUs and nesting levels, that get one. */
#ifndef HTBL_CELLS
#define HTBL_CELLS 32
#endif
/* Bytes between cells: one cell per cache line. */
#ifndef HTBL_CACHELINE
#define HTBL_CACHELINE 64
#endif
/*
 * The first cell a call tries. By default, a hash of the stack address
 * above HTBL_STACK_SHIFT bits: CPUs run on different stacks, so they start
 * at different cells. A kernel may pass its own (a CPU number, say) with
 * -DHTBL_CELL_HINT='expr'.
 */
#ifndef HTBL_STACK_SHIFT
#define HTBL_STACK_SHIFT 8
#endif

/* The kinds, shared with the header's inline dispatch. */
#define KIND_EMPTY ((uintptr_t)htbl_private_kind_empty)
#define KIND_BUSY ((uintptr_t)htbl_private_kind_busy)
#define KIND_FULL ((uintptr_t)htbl_private_kind_full)
#define KIND_MASK ((uintptr_t)htbl_private_kind_mask)
#define EPOCH ((uintptr_t)4)
#define SERIAL_ONE ((uintptr_t)8)
#define WORD_BITS (sizeof(uintptr_t) * __CHAR_BIT__)

/*
 * Fallback counters: a tag (the state word without its kind bits) above a
 * count of OVF_COUNT_BITS. The tag keeps the high bits of the serial: two
 * registrations 2^47 (64-bit) or 2^23 (32-bit) apart share a tag, and
 * htbl_synchronize compares serials modulo that.
 */
#define OVF_COUNT_BITS (WORD_BITS == 64 ? 16u : 8u)
#define OVF_COUNT_MASK (((uintptr_t)1 << OVF_COUNT_BITS) - 1)
#define OVF_SPILL 2

/*
 * Lock-free atomics, or a uniprocessor build that asks for the masked ones
 * of src/up_atomic.c: a core without atomic read-modify-write instructions
 * is refused unless -DHTBL_UNIPROCESSOR says the image runs on one CPU.
 */
#ifndef HTBL_UNIPROCESSOR
_Static_assert(__atomic_always_lock_free(sizeof(uintptr_t), 0),
	       "uintptr_t atomics must be lock-free (on a uniprocessor core "
	       "without atomic instructions, build with -DHTBL_UNIPROCESSOR)");
_Static_assert(__atomic_always_lock_free(sizeof(void *), 0),
	       "pointer atomics must be lock-free");
_Static_assert(__atomic_always_lock_free(sizeof(htbl_handler_fn), 0),
	       "function pointer atomics must be lock-free");
#else
_Static_assert(sizeof(uintptr_t) <= 4 && sizeof(void *) <= 4 &&
		       sizeof(htbl_handler_fn) <= 4,
	       "HTBL_UNIPROCESSOR: src/up_atomic.c provides atomics up to 4 bytes");
#endif
_Static_assert(HTBL_CELLS >= 1, "HTBL_CELLS must be at least 1");
_Static_assert((HTBL_CELLS & (HTBL_CELLS - 1)) == 0,
	       "HTBL_CELLS must be a power of two");
_Static_assert(HTBL_CACHELINE >= 2 * sizeof(uintptr_t) &&
		       HTBL_CACHELINE % sizeof(uintptr_t) == 0,
	       "HTBL_CACHELINE must hold a cell and be a multiple of a word");

/*
 * GenMC models a failed CAS with its success order; under HTBL_GENMC_CAS a
 * failure is a separate load with the failure order, so that the failure
 * order is checked too. Elsewhere it is the plain builtin.
 */
#ifdef HTBL_GENMC_CAS
#define HTBL_CAS(p, expected, desired, success, failure)                       \
	(__atomic_load_n((p), (failure)) != *(expected)                        \
		 ? (*(expected) = __atomic_load_n((p), (failure)), false)      \
		 : __atomic_compare_exchange_n((p), (expected), (desired),     \
					       false, (success), (failure)))
#else
#define HTBL_CAS(p, expected, desired, success, failure)                       \
	__atomic_compare_exchange_n((p), (expected), (desired), false,         \
				    (success), (failure))
#endif

/* A dispatch cell: the state word of the call that holds it, or 0, and
 * the slot it dispatches (read only by htbl_synchronize). */
struct cell {
	uintptr_t tag;
	struct htbl_slot *slot;
} __attribute__((aligned(HTBL_CACHELINE)));

static struct cell cells[HTBL_CELLS];

/* The next registration serial, on a line of its own: only registers
 * write it, and dispatches should not lose the line they read. */
static struct {
	uintptr_t next;
} __attribute__((aligned(HTBL_CACHELINE))) serial;

/* Where a call announced itself: a cell, or a fallback counter. */
struct claim {
	struct cell *cell;
	int ovf; /* 0, 1: _ovf[ovf]; OVF_SPILL: _spill */
};

/* The CPU's spin-wait hint, where it has one, in every wait loop. */
static inline void cpu_relax(void)
{
#if defined(HTBL_NO_ASM)
#elif defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__clang__) && (defined(__aarch64__) || defined(__arm__))
	__builtin_arm_yield();
#elif defined(__aarch64__) ||                                                 \
	(defined(__arm__) && (__ARM_ARCH >= 7 || defined(__ARM_ARCH_6M__) ||   \
			      defined(__ARM_ARCH_6K__)))
	__asm__ __volatile__("yield" ::: "memory");
#elif defined(__riscv) && defined(__riscv_zihintpause)
	__asm__ __volatile__("pause" ::: "memory");
#endif
}

/*
 * The slot for idx, which the caller checked against t->_n, clamped again
 * without a branch (htbl_private_index_nospec, in the header: its empty
 * asms hide the index and the mask from the optimizer, which could
 * otherwise fold the clamp into the bounds check; on Arm the second is
 * csdb, for which neither GCC 12 nor clang 14 has a builtin).
 */
static inline struct htbl_slot *slot_at(struct htbl *t, size_t idx)
{
	return &t->_slots[htbl_private_index_nospec(idx, t->_n)];
}

static inline uintptr_t kind(uintptr_t state)
{
	return state & KIND_MASK;
}

/* Two state words of one registration: they differ at most in EPOCH. */
static inline bool same_registration(uintptr_t a, uintptr_t b)
{
	return ((a ^ b) & ~EPOCH) == 0;
}

/*
 * Whether calls of the registration with serial a (known modulo
 * 2^(WORD_BITS - lost)) may have started before htbl_synchronize read
 * now: a is not after now's serial (a slot's serials grow; the difference
 * is taken modulo, so a wrap in between does not matter), and it is not
 * the registration that now shows being installed.
 */
static inline bool serial_before(uintptr_t a, uintptr_t now,
				 unsigned int lost)
{
	uintptr_t d = (now / SERIAL_ONE - a) << lost;

	if (kind(now) == KIND_BUSY && d == 0)
		return false;
	return (intptr_t)d >= 0;
}

static inline size_t cell_hint(void)
{
#ifdef HTBL_CELL_HINT
	return (size_t)(HTBL_CELL_HINT);
#else
	const unsigned int bits = (unsigned int)__builtin_ctz(HTBL_CELLS);
	uintptr_t a = (uintptr_t)__builtin_frame_address(0) >> HTBL_STACK_SHIFT;

	/*
	 * Fibonacci hashing, keeping the top log2(HTBL_CELLS) bits of the
	 * product: those are the ones that stacks a fixed distance apart
	 * spread over the cells.
	 */
	return (size_t)((a * (uintptr_t)0x9E3779B97F4A7C15ull) >>
			(WORD_BITS - 1 - bits) >> 1);
#endif
}

/* Fallback counter helpers. */
static inline uintptr_t ovf_tag(uintptr_t state)
{
	return (state >> 2) << OVF_COUNT_BITS;
}

static inline uintptr_t ovf_count(uintptr_t word)
{
	return word & OVF_COUNT_MASK;
}

/*
 * Whether counter word w holds calls that htbl_synchronize must wait for,
 * as cell_is_before(), on the serial bits that the tag keeps.
 */
static inline bool ovf_is_before(uintptr_t w, uintptr_t now)
{
	if (kind(now) == KIND_FULL && (w & ~OVF_COUNT_MASK) == ovf_tag(now))
		return false;
	return serial_before((w >> OVF_COUNT_BITS) >> 1, now,
			     OVF_COUNT_BITS + 1);
}

/*
 * Count a call of state in one of s's tagged counters, or in _spill when
 * both belong to other registrations (or are full). seq_cst RMWs: the same
 * Dekker pairing as the claim CAS, with the counter loads of the waiters.
 */
static int ovf_enter(struct htbl_slot *s, uintptr_t state)
{
	const uintptr_t tag = ovf_tag(state);

	for (int i = 0; i < 2; i++) {
		/* Relaxed: a guess, checked by the CAS. */
		uintptr_t w = __atomic_load_n(&s->_ovf[i], __ATOMIC_RELAXED);

		while ((ovf_count(w) == 0 ||
			(w & ~OVF_COUNT_MASK) == tag) &&
		       ovf_count(w) != OVF_COUNT_MASK) {
			uintptr_t next = ovf_count(w) ? w + 1 : tag | 1;

			if (HTBL_CAS(&s->_ovf[i], &w, next, __ATOMIC_SEQ_CST,
				     __ATOMIC_RELAXED))
				return i;
		}
	}
	__atomic_fetch_add(&s->_spill, 1, __ATOMIC_SEQ_CST);
	return OVF_SPILL;
}

/*
 * Release: the handler's accesses come before the count is seen to drop;
 * pairs with the acquire of the waiters' counter loads.
 */
static void ovf_exit(struct htbl_slot *s, int ovf)
{
	if (ovf == OVF_SPILL)
		__atomic_fetch_sub(&s->_spill, 1, __ATOMIC_RELEASE);
	else
		__atomic_fetch_sub(&s->_ovf[ovf], 1, __ATOMIC_RELEASE);
}

/*
 * Announce a call of state on slot s in *c: claim a free cell, or count in
 * the slot's fallback counters when all are taken. (Filled field by field:
 * a struct returned or copied whole becomes one wide access or a memcpy,
 * which GenMC cannot check.)
 * The claim CAS is seq_cst: it must be ordered before the caller's
 * re-check of _state, and pairs with the seq_cst cell loads of the waiters
 * (Dekker with the CAS that changed _state).
 */
static void announce(struct htbl_slot *s, uintptr_t state, struct claim *c)
{
	size_t hint = cell_hint();

	c->cell = NULL;
	c->ovf = 0;
	for (size_t i = 0; i < HTBL_CELLS; i++) {
		struct cell *cl = &cells[(hint + i) % HTBL_CELLS];
		uintptr_t free_tag = 0;

		/* Relaxed peek: skip taken cells without writing their line. */
		if (__atomic_load_n(&cl->tag, __ATOMIC_RELAXED) == 0 &&
		    HTBL_CAS(&cl->tag, &free_tag, state, __ATOMIC_SEQ_CST,
			     __ATOMIC_RELAXED)) {
			/*
			 * Release: a synchronize may read this store after our
			 * cell was freed and taken again, while it decides on
			 * the claim before ours; the release makes our claim's
			 * acquire of that call's end its acquire too (pairs
			 * with the acquire load in cell_is_before). Read only
			 * by htbl_synchronize; 0 until then reads as "wait".
			 */
			__atomic_store_n(&cl->slot, s, __ATOMIC_RELEASE);
			c->cell = cl;
			return;
		}
	}
	c->ovf = ovf_enter(s, state);
}

/*
 * Move an announcement to state (same registration, other epoch). We have
 * not called yet, and re-check after the new announcement, so a waiter
 * that misses us in between has changed _state before our re-check sees
 * it: the old announcement may go first. (On the counters it must: kept
 * while the new one is made, it could push that one into _spill.)
 */
static void reannounce(struct htbl_slot *s, struct claim *c, uintptr_t state)
{
	if (c->cell) {
		/*
		 * seq_cst: the new tag must be ordered before our next
		 * re-check, as the claim is (Dekker with the flip of the
		 * epoch); it replaces the old tag, which a synchronize may
		 * stop waiting for: we have not called yet.
		 */
		__atomic_store_n(&c->cell->tag, state, __ATOMIC_SEQ_CST);
	} else {
		ovf_exit(s, c->ovf);
		c->ovf = ovf_enter(s, state);
	}
}

static void withdraw(struct htbl_slot *s, struct claim *c)
{
	if (c->cell) {
		/*
		 * Relaxed: the release below orders it. Cleared first, so
		 * that the next holder of the cell never shows our slot.
		 */
		__atomic_store_n(&c->cell->slot, NULL, __ATOMIC_RELAXED);
		/*
		 * Release: the handler's accesses (to arg, above all) come
		 * before the cell is seen free; pairs with the waiters'
		 * seq_cst (hence acquire) loads of the tag.
		 */
		__atomic_store_n(&c->cell->tag, 0, __ATOMIC_RELEASE);
	} else {
		ovf_exit(s, c->ovf);
	}
}

/*
 * Wait while counter i of s holds a call that want() accepts; *seen is the
 * word it held when we first looked. seq_cst loads: pair with the RMWs of
 * ovf_enter (Dekker with the change of _state) and, being acquire, with
 * the release of ovf_exit.
 */
static void wait_ovf(struct htbl_slot *s, int i, uintptr_t tag, bool any_epoch)
{
	const uintptr_t mask = ~OVF_COUNT_MASK & ~(any_epoch ? ovf_tag(EPOCH) : 0);
	uintptr_t w;

	while (w = __atomic_load_n(&s->_ovf[i], __ATOMIC_SEQ_CST),
	       ovf_count(w) != 0 && ((w ^ tag) & mask) == 0)
		cpu_relax();
}

static void wait_spill(struct htbl_slot *s)
{
	/* seq_cst: as wait_ovf, for _spill. */
	while (__atomic_load_n(&s->_spill, __ATOMIC_SEQ_CST) != 0)
		cpu_relax();
}

/* Wait until no call of the removed registration `removed` runs. */
static void wait_removed(struct htbl_slot *s, uintptr_t removed)
{
	for (size_t i = 0; i < HTBL_CELLS; i++) {
		/*
		 * seq_cst: pairs with the claim CAS in announce() (Dekker with
		 * our removal CAS) and, being acquire, with the release store
		 * that frees the cell: the call's effects are visible once we
		 * see the cell change.
		 */
		while (same_registration(
			__atomic_load_n(&cells[i].tag, __ATOMIC_SEQ_CST), removed))
			cpu_relax();
	}
	for (int i = 0; i < 2; i++)
		wait_ovf(s, i, ovf_tag(removed), true);
	wait_spill(s);
}

/*
 * Quiescent-state mode. A CPU's counter is 0 while it is offline, else the
 * grace-period counter it last saw, made odd; grace periods add 2 to the
 * domain's counter, so a counter that reached a grace period's value has
 * reported a quiescent state since it began.
 */
static inline uintptr_t qsbr_seen(const struct htbl_qsbr *d)
{
	/* Relaxed: ordered by the fence in report() (see grace_period()). */
	return __atomic_load_n(&d->_gp, __ATOMIC_RELAXED) | 1;
}

/* Publish a CPU's counter, then order its later dispatches after it. */
static void report(struct htbl_qsbr *d, size_t cpu)
{
	if (cpu >= d->_ncpus)
		return;
	/*
	 * Release: the CPU's earlier handler calls come before the report;
	 * pairs with the acquire load in grace_period().
	 */
	__atomic_store_n(&d->_cpus[cpu]._ctr, qsbr_seen(d), __ATOMIC_RELEASE);
	/*
	 * seq_cst fence: the report comes before the CPU's later loads of
	 * _state. Pairs with the fence in grace_period(): if we saw its
	 * counter, its removal comes before our later dispatches.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void htbl_qsbr_init(struct htbl_qsbr *d, struct htbl_qsbr_cpu *cpus,
		    size_t ncpus)
{
	for (size_t i = 0; i < ncpus; i++)
		/* Relaxed: d is not shared yet (see the header). */
		__atomic_store_n(&cpus[i]._ctr, 0, __ATOMIC_RELAXED);
	d->_gp = 0;
	d->_cpus = cpus;
	d->_ncpus = ncpus;
}

void htbl_qsbr_online(struct htbl_qsbr *d, size_t cpu)
{
	report(d, cpu);
}

void htbl_qsbr_quiescent(struct htbl_qsbr *d, size_t cpu)
{
	/*
	 * Relaxed: only this CPU writes its counter. An offline CPU stays
	 * offline: a report must not bring it online behind its back.
	 */
	if (cpu < d->_ncpus &&
	    __atomic_load_n(&d->_cpus[cpu]._ctr, __ATOMIC_RELAXED) != 0)
		report(d, cpu);
}

void htbl_qsbr_offline(struct htbl_qsbr *d, size_t cpu)
{
	if (cpu >= d->_ncpus)
		return;
	/* Release: the CPU's earlier handler calls come before; pairs with
	 * the acquire load in grace_period(). */
	__atomic_store_n(&d->_cpus[cpu]._ctr, 0, __ATOMIC_RELEASE);
}

/*
 * Wait until every online CPU of d has reported a quiescent state since
 * the removal that the caller made before.
 */
static void grace_period(struct htbl_qsbr *d)
{
	uintptr_t target;

	/*
	 * seq_cst fence: the caller's removal comes before our new counter.
	 * A CPU that saw that counter (or a later one) has its seq_cst fence
	 * after it (report()), so its later loads of _state see the removal.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Relaxed: the RMW's order among grace periods is all it needs. */
	target = (__atomic_add_fetch(&d->_gp, 2, __ATOMIC_RELAXED)) | 1;
	for (size_t i = 0; i < d->_ncpus; i++) {
		uintptr_t c;

		/*
		 * Acquire: pairs with the release of report() and offline:
		 * the CPU's handler calls before it are visible to us.
		 */
		while ((c = __atomic_load_n(&d->_cpus[i]._ctr,
					    __ATOMIC_ACQUIRE)) != 0 &&
		       (intptr_t)(c - target) < 0)
			cpu_relax();
	}
}

void htbl_init(struct htbl *t, struct htbl_slot *slots, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* Relaxed stores: t is not shared yet (see the header). Atomic
		 * so that GCC cannot turn the loop into a call to memset. */
		__atomic_store_n(&slots[i]._state, KIND_EMPTY, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._fn, NULL, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._arg, NULL, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._ovf[0], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._ovf[1], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._spill, 0, __ATOMIC_RELAXED);
	}
	t->_slots = slots;
	t->_n = n;
	t->_qsbr = NULL;
}

void htbl_init_qsbr(struct htbl *t, struct htbl_slot *slots, size_t n,
		    struct htbl_qsbr *d)
{
	htbl_init(t, slots, n);
	t->_qsbr = d;
}

size_t htbl_capacity(const struct htbl *t)
{
	return t->_n;
}

bool htbl_register(struct htbl *t, size_t idx, htbl_handler_fn fn, void *arg)
{
	struct htbl_slot *s;
	uintptr_t state, busy;

	if (idx >= t->_n || !fn)
		return false;
	s = slot_at(t, idx);
	/*
	 * Acquire: a guess for the CAS below, which checks it; and, reading
	 * the unregister that emptied the slot, it orders the serial of the
	 * registration removed before ours: a slot's serials grow, which
	 * htbl_synchronize's serial_before() relies on.
	 */
	state = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);
	if (kind(state) != KIND_EMPTY)
		return false;
	/*
	 * Relaxed: the RMW makes the serial unique, and the acquire above
	 * puts it after the removed registration's; _state's CAS and store
	 * order everything else. A serial lost to a failed CAS below is
	 * skipped.
	 */
	busy = __atomic_add_fetch(&serial.next, SERIAL_ONE, __ATOMIC_RELAXED) |
	       KIND_BUSY;
	/*
	 * Acquire: pairs with the unregister CAS that emptied the slot, whose
	 * reads of the old _fn/_arg must come before our writes of new ones
	 * (under C11; RC11 and IMM forbid that reordering already, by the
	 * control dependency on this CAS). Failure (someone else registered
	 * or is registering): false, which linearizes after the winner.
	 */
	if (!HTBL_CAS(&s->_state, &state, busy, __ATOMIC_ACQUIRE,
		      __ATOMIC_RELAXED))
		return false;
	/*
	 * Release fence: a reader whose _fn/_arg loads see the stores below
	 * also sees BUSY (or later) in its re-check of _state; pairs with the
	 * acquire fence in htbl_handle. This is the seqlock writer's barrier.
	 */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&s->_fn, fn, __ATOMIC_RELAXED);
	__atomic_store_n(&s->_arg, arg, __ATOMIC_RELAXED);
	/*
	 * Release: publishes _fn, _arg and all the caller wrote before; pairs
	 * with the acquire load of _state in htbl_handle and take().
	 */
	__atomic_store_n(&s->_state, busy - KIND_BUSY + KIND_FULL,
			 __ATOMIC_RELEASE);
	return true;
}

/*
 * Empty slot s. Returns the removed fn (its arg in *arg_out) and the state
 * it removed in *removed, or NULL when the slot is empty or being written.
 */
static htbl_handler_fn take(struct htbl_slot *s, void **arg_out,
			    uintptr_t *removed)
{
	/* Acquire: pairs with register's release store of FULL (_fn, _arg). */
	uintptr_t state = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);

	for (;;) {
		htbl_handler_fn fn;
		void *arg;

		/* BUSY: the registration has not taken effect yet: empty. */
		if (kind(state) != KIND_FULL)
			return NULL;
		/*
		 * Relaxed: valid if the CAS below finds _state unchanged, since
		 * only a register, after an unregister, rewrites them; the
		 * CAS's release keeps these loads before it.
		 */
		fn = __atomic_load_n(&s->_fn, __ATOMIC_RELAXED);
		arg = __atomic_load_n(&s->_arg, __ATOMIC_RELAXED);
		/*
		 * seq_cst: the removal must be ordered before the cell loads of
		 * wait_removed (Dekker with the claim CAS and the re-check of
		 * _state in htbl_handle). Release: pairs with the acquire CAS
		 * of the next register. On failure (a flip of the epoch, or
		 * another unregister), acquire the new state as the first load
		 * did.
		 */
		if (HTBL_CAS(&s->_state, &state,
			     state - KIND_FULL + KIND_EMPTY, __ATOMIC_SEQ_CST,
			     __ATOMIC_ACQUIRE)) {
			if (arg_out)
				*arg_out = arg;
			*removed = state;
			return fn;
		}
	}
}

htbl_handler_fn htbl_unregister(struct htbl *t, size_t idx, void **arg_out)
{
	uintptr_t removed;

	if (idx >= t->_n)
		return NULL;
	return take(slot_at(t, idx), arg_out, &removed);
}

htbl_handler_fn htbl_unregister_sync(struct htbl *t, size_t idx,
				     void **arg_out)
{
	struct htbl_slot *s;
	htbl_handler_fn fn;
	uintptr_t removed;

	if (idx >= t->_n)
		return NULL;
	s = slot_at(t, idx);
	fn = take(s, arg_out, &removed);
	if (fn && t->_qsbr)
		grace_period(t->_qsbr);
	else if (fn)
		wait_removed(s, removed);
	return fn;
}

/*
 * Whether a cell holding tag may hold a call of slot s that htbl_synchronize
 * must wait for. `now` is the state after our flip: calls of it started
 * after us; older registrations (and the old epoch of `now`) did not.
 * Waits while the slot is not yet written (a claim a few instructions old).
 */
static bool cell_is_before(struct cell *cl, uintptr_t tag,
			   const struct htbl_slot *s, uintptr_t now)
{
	const struct htbl_slot *owner;

	if (tag == now)
		return false;
	/*
	 * Acquire: our seq_cst load of tag read the claim, which follows
	 * the release that freed the cell before: we see the slot store of
	 * this claim, or the 0 of the clearing that came first, or the slot
	 * store of a later claim of the cell, whose release carries the end
	 * of this claim's call (pairs with the release in announce()).
	 */
	while ((owner = __atomic_load_n(&cl->slot, __ATOMIC_ACQUIRE)) == NULL) {
		/* seq_cst: as the scan in htbl_synchronize. */
		if (__atomic_load_n(&cl->tag, __ATOMIC_SEQ_CST) != tag)
			return false;
		cpu_relax();
	}
	return owner == s && serial_before(tag / SERIAL_ONE, now, 3);
}

void htbl_synchronize(struct htbl *t, size_t idx)
{
	struct htbl_slot *s;
	uintptr_t now;

	if (idx >= t->_n)
		return;
	if (t->_qsbr) {
		grace_period(t->_qsbr);
		return;
	}
	s = slot_at(t, idx);
	/* Acquire: as take(); seq_cst below where it matters. */
	now = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);
	/*
	 * Flip the epoch of a full slot. seq_cst: ordered before our cell
	 * loads (Dekker with the claim CAS and the re-check in htbl_handle,
	 * as the unregister CAS). On failure, acquire the new state.
	 */
	while (kind(now) == KIND_FULL &&
	       !HTBL_CAS(&s->_state, &now, now ^ EPOCH, __ATOMIC_SEQ_CST,
			 __ATOMIC_ACQUIRE))
		;
	if (kind(now) == KIND_FULL)
		now ^= EPOCH;
	else
		/*
		 * seq_cst fence: orders the removals that happened before this
		 * call (the caller's, or a handler's own htbl_unregister that
		 * the caller learned of) before our cell loads.
		 */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (size_t i = 0; i < HTBL_CELLS; i++) {
		uintptr_t tag;

		/* seq_cst: pairs with the claim CAS, as in wait_removed. */
		tag = __atomic_load_n(&cells[i].tag, __ATOMIC_SEQ_CST);
		if (tag == 0 || !cell_is_before(&cells[i], tag, s, now))
			continue;
		/* seq_cst: as above; acquire of the call's completion. */
		while (__atomic_load_n(&cells[i].tag, __ATOMIC_SEQ_CST) == tag)
			cpu_relax();
	}
	for (int i = 0; i < 2; i++) {
		/* seq_cst: pairs with ovf_enter, as in wait_ovf. */
		uintptr_t w = __atomic_load_n(&s->_ovf[i], __ATOMIC_SEQ_CST);

		if (ovf_count(w) != 0 && ovf_is_before(w, now))
			wait_ovf(s, i, w & ~OVF_COUNT_MASK, false);
	}
	wait_spill(s);
}

bool htbl_handle(struct htbl *t, size_t idx)
{
	struct htbl_slot *s;
	uintptr_t state, now;
	struct claim c;
	htbl_handler_fn fn;
	void *arg;
	bool called = false;

	if (idx >= t->_n)
		return false;
	s = slot_at(t, idx);
	/* Acquire: pairs with register's release store of FULL. */
	state = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);
	if (kind(state) != KIND_FULL)
		return false;
	fn = __atomic_load_n(&s->_fn, __ATOMIC_RELAXED);
	arg = __atomic_load_n(&s->_arg, __ATOMIC_RELAXED);
	/*
	 * Acquire fence: if either load above saw a later register's store,
	 * the re-check below sees that register's BUSY (or later); pairs with
	 * the release fence in htbl_register. This is the seqlock reader's
	 * barrier that keeps the pair untorn.
	 */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	/*
	 * The quiescent-state mode stops here (as the header's
	 * htbl_private_dispatch_qsbr, with which it shares everything above,
	 * so that the default mode pays one test of _qsbr for it, after its
	 * empty-slot exit): relaxed re-check, ordered by the fence above.
	 */
	if (t->_qsbr) {
		if (__atomic_load_n(&s->_state, __ATOMIC_RELAXED) != state)
			return false;
		fn(arg);
		return true;
	}
	announce(s, state, &c);
	for (;;) {
		/*
		 * seq_cst re-check: after our announcement in the single total
		 * order. Unchanged: the pair is registration state's, and any
		 * waiter that changes _state from here will wait for us.
		 * Changed in EPOCH only (a synchronize): announce the new
		 * epoch and check again. Otherwise the slot was emptied: a
		 * waiter may already have passed us: do not call.
		 */
		now = __atomic_load_n(&s->_state, __ATOMIC_SEQ_CST);
		if (now == state) {
			fn(arg);
			called = true;
			break;
		}
		if (!same_registration(now, state))
			break;
		state = now;
		reannounce(s, &c, state);
	}
	withdraw(s, &c);
	return called;
}
