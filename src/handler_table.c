/*
 * handler_table.c: the slot protocol.
 *
 * A slot's _state word is its only point of synchronization:
 *
 *   EMPTY(r) --register CAS--> BUSY(r+1) --release store--> FULL(r+1)
 *   FULL(r)  --unregister CAS-------------------------------> EMPTY(r)
 *
 * r is a serial number that grows with every registration, so a state word
 * never comes back (until r wraps: 2^62 registrations on 64-bit, 2^30 on
 * 32-bit, between two loads of one htbl_handle call). _fn and _arg are
 * written only in BUSY, by the one register that won the CAS, and read as
 * a seqlock: a reader that saw FULL(r) before and after reading them has
 * the pair of registration r, untorn.
 *
 * Waiting for running handlers: each htbl_handle call claims a dispatch cell
 * (one word per cache line, shared by all tables) and writes into it the
 * slot's address tagged with the low bits of r, then checks _state again.
 * htbl_unregister_sync empties the slot and then waits while any cell holds
 * that tag. The claim (an RMW) and the unregister CAS are both sequentially
 * consistent: either the sync sees the claim, or the handle sees the slot
 * empty and does not call. A CPU's calls start their search at the cell
 * picked by their stack address, so CPUs rarely share a cache line. When
 * every cell is taken, a call counts itself in the slot's _inflight instead.
 */
#include <handler_table.h>

#include <limits.h>

/* Cells: concurrent calls, over all CPUs and nesting levels, that get one. */
#ifndef HTBL_CELLS
#define HTBL_CELLS 32
#endif
/* Bytes between cells: one cell per cache line. */
#ifndef HTBL_CACHELINE
#define HTBL_CACHELINE 64
#endif
/* Stack address bits below this are ignored when picking a first cell. */
#define HTBL_STACK_SHIFT 12

#define HTBL_EMPTY 0u
#define HTBL_BUSY 1u
#define HTBL_FULL 2u
#define HTBL_KIND_MASK 3u
#define HTBL_SERIAL_ONE 4u
/* Serial bits carried in a cell tag: slots are aligned to 4 words (>= 16). */
#define HTBL_TAG_MASK ((uintptr_t)15)

_Static_assert(__atomic_always_lock_free(sizeof(uintptr_t), 0),
	       "uintptr_t atomics must be lock-free");
_Static_assert(__atomic_always_lock_free(sizeof(void *), 0),
	       "pointer atomics must be lock-free");
_Static_assert(__atomic_always_lock_free(sizeof(htbl_handler_fn), 0),
	       "function pointer atomics must be lock-free");
_Static_assert(_Alignof(struct htbl_slot) > HTBL_TAG_MASK,
	       "cell tags need the low bits of slot addresses");
_Static_assert((HTBL_CELLS & (HTBL_CELLS - 1)) == 0,
	       "HTBL_CELLS must be a power of two");
_Static_assert(HTBL_CACHELINE % sizeof(uintptr_t) == 0,
	       "HTBL_CACHELINE must be a multiple of the word size");

#define HTBL_CELL_STRIDE (HTBL_CACHELINE / sizeof(uintptr_t))

static uintptr_t _htbl_cells[HTBL_CELLS * HTBL_CELL_STRIDE]
	__attribute__((aligned(HTBL_CACHELINE)));

/*
 * All ones when idx < n, zero otherwise, computed without a branch so that
 * a mispredicted bounds check cannot index past the table (as Linux's
 * array_index_mask_nospec). Needs n <= SIZE_MAX / 2 + 1, which any table
 * that fits in memory meets.
 */
static inline size_t _htbl_index_mask(size_t idx, size_t n)
{
	const unsigned int top = sizeof(size_t) * CHAR_BIT - 1;

	return (size_t)((intptr_t)~(idx | (n - 1 - idx)) >> top);
}

/*
 * The slot for idx, which the caller checked against t->_n. The mask is
 * computed apart from that check, so the compiler cannot fold it into the
 * branch: on the mispredicted path, idx & mask is 0.
 */
static inline struct htbl_slot *_htbl_at(struct htbl *t, size_t idx)
{
	return &t->_slots[idx & _htbl_index_mask(idx, t->_n)];
}

static inline uintptr_t _htbl_kind(uintptr_t state)
{
	return state & HTBL_KIND_MASK;
}

static inline uintptr_t _htbl_tag(const struct htbl_slot *s, uintptr_t state)
{
	return (uintptr_t)s | ((state / HTBL_SERIAL_ONE) & HTBL_TAG_MASK);
}

static inline uintptr_t *_htbl_cell(size_t i)
{
	return &_htbl_cells[(i % HTBL_CELLS) * HTBL_CELL_STRIDE];
}

/* First cell to try: a hash of the stack page, which differs per CPU. */
static inline size_t _htbl_cell_hint(void)
{
	uintptr_t page = (uintptr_t)__builtin_frame_address(0) >>
			 HTBL_STACK_SHIFT;

	return (size_t)((page * (uintptr_t)0x9E3779B97F4A7C15ull) >>
			(sizeof(uintptr_t) * CHAR_BIT - 8));
}

/*
 * Claim a free cell for tag, or return NULL when all are taken.
 * The CAS is seq_cst: it must be ordered before the caller's re-check of
 * _state, and pairs with the seq_cst cell loads in _htbl_wait().
 */
static uintptr_t *_htbl_claim(uintptr_t tag)
{
	size_t hint = _htbl_cell_hint();

	for (size_t i = 0; i < HTBL_CELLS; i++) {
		uintptr_t *c = _htbl_cell(hint + i);
		uintptr_t free_cell = 0;

		/* Relaxed peek: skip taken cells without writing their line. */
		if (__atomic_load_n(c, __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(c, &free_cell, tag, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED))
			return c;
	}
	return NULL;
}

/* Wait until no call of the registration tagged tag is running. */
static void _htbl_wait(struct htbl_slot *s, uintptr_t tag)
{
	for (size_t i = 0; i < HTBL_CELLS; i++) {
		const uintptr_t *c = _htbl_cell(i);

		/*
		 * seq_cst: pairs with the claim CAS in htbl_handle (Dekker with
		 * our unregister CAS) and, being at least acquire, with the
		 * release store that frees the cell: the call's effects are
		 * visible once we see the cell change.
		 */
		while (__atomic_load_n(c, __ATOMIC_SEQ_CST) == tag)
			;
	}
	/* The same pairing for calls that counted themselves in _inflight. */
	while (__atomic_load_n(&s->_inflight, __ATOMIC_SEQ_CST) != 0)
		;
}

void htbl_init(struct htbl *t, struct htbl_slot *slots, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* Relaxed stores: t is not shared yet (see the header). Atomic
		 * so that GCC cannot turn the loop into a call to memset. */
		__atomic_store_n(&slots[i]._state, HTBL_EMPTY, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._fn, NULL, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._arg, NULL, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i]._inflight, 0, __ATOMIC_RELAXED);
	}
	t->_slots = slots;
	t->_n = n;
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
	s = _htbl_at(t, idx);
	/* Relaxed: only a guess for the CAS below, which checks it. */
	state = __atomic_load_n(&s->_state, __ATOMIC_RELAXED);
	if (_htbl_kind(state) != HTBL_EMPTY)
		return false;
	busy = (state & ~(uintptr_t)HTBL_KIND_MASK) + HTBL_SERIAL_ONE +
	       HTBL_BUSY;
	/*
	 * Acquire: pairs with the unregister CAS that emptied the slot, whose
	 * reads of the old _fn/_arg must come before our writes of new ones.
	 * Failure (someone else registered or is registering): false, which
	 * linearizes after the winner.
	 */
	if (!__atomic_compare_exchange_n(&s->_state, &state, busy, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
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
	 * with the acquire load of _state in htbl_handle and _htbl_take.
	 */
	__atomic_store_n(&s->_state, busy - HTBL_BUSY + HTBL_FULL,
			 __ATOMIC_RELEASE);
	return true;
}

/*
 * Empty slot s. Returns the removed fn (its arg in *arg_out) and the state
 * it removed in *removed, or NULL when the slot is empty or being written.
 */
static htbl_handler_fn _htbl_take(struct htbl_slot *s, void **arg_out,
				  uintptr_t *removed)
{
	/* Acquire: pairs with register's release store of FULL (_fn, _arg). */
	uintptr_t state = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);

	for (;;) {
		htbl_handler_fn fn;
		void *arg;

		/* BUSY: the registration has not taken effect yet: empty. */
		if (_htbl_kind(state) != HTBL_FULL)
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
		 * _htbl_wait (Dekker with the claim CAS and the re-check of
		 * _state in htbl_handle). Release: pairs with the acquire CAS
		 * of the next register. On failure, acquire the new state as
		 * the first load did.
		 */
		if (__atomic_compare_exchange_n(
			    &s->_state, &state,
			    state - HTBL_FULL + HTBL_EMPTY, false,
			    __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE)) {
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
	return _htbl_take(_htbl_at(t, idx), arg_out, &removed);
}

htbl_handler_fn htbl_unregister_sync(struct htbl *t, size_t idx,
				     void **arg_out)
{
	struct htbl_slot *s;
	htbl_handler_fn fn;
	uintptr_t removed;

	if (idx >= t->_n)
		return NULL;
	s = _htbl_at(t, idx);
	fn = _htbl_take(s, arg_out, &removed);
	if (fn)
		_htbl_wait(s, _htbl_tag(s, removed));
	return fn;
}

bool htbl_handle(struct htbl *t, size_t idx)
{
	struct htbl_slot *s;
	uintptr_t state, *cell;
	htbl_handler_fn fn;
	void *arg;
	bool called = false;

	if (idx >= t->_n)
		return false;
	s = _htbl_at(t, idx);
	/* Acquire: pairs with register's release store of FULL. */
	state = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);
	if (_htbl_kind(state) != HTBL_FULL)
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
	cell = _htbl_claim(_htbl_tag(s, state));
	/*
	 * Fallback when every cell is taken. seq_cst RMW: the same Dekker
	 * pairing as the claim CAS, with _htbl_wait's load of _inflight.
	 */
	if (!cell)
		__atomic_fetch_add(&s->_inflight, 1, __ATOMIC_SEQ_CST);
	/*
	 * seq_cst re-check: after our announcement in the single total order.
	 * If the slot was emptied since the first load, a sync may already
	 * have passed our cell: do not call. Unchanged: the pair is
	 * registration r's, and any sync removing r will wait for us.
	 */
	if (__atomic_load_n(&s->_state, __ATOMIC_SEQ_CST) == state) {
		fn(arg);
		called = true;
	}
	/*
	 * Release: the handler's accesses (to arg, above all) come before
	 * the cell is seen free; pairs with _htbl_wait's loads.
	 */
	if (cell)
		__atomic_store_n(cell, 0, __ATOMIC_RELEASE);
	else
		__atomic_fetch_sub(&s->_inflight, 1, __ATOMIC_RELEASE);
	return called;
}
