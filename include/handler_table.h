/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * handler_table.h: a fixed-size, lock-free table mapping an event number
 * (an IRQ, a trap cause, a software event) to a handler and its context.
 *
 * Freestanding C11 (and C++): needs only stddef.h, stdint.h, stdbool.h.
 *
 * Synchronization table: which calls may run at the same time, on the same
 * table, from any CPU and from interrupt context, with no lock held.
 *
 *                 | register | unregister | unregister_sync | synchronize | handle
 * register        |   yes    |    yes     |       yes       |     yes     |  yes
 * unregister      |   yes    |    yes     |       yes       |     yes     |  yes
 * unregister_sync |   yes    |    yes     |     yes (1)     |     yes     |  (2)
 * synchronize     |   yes    |    yes     |       yes       |     yes     |  (2)
 * handle          |   yes    |    yes     |       (2)       |     (2)     |  yes
 *
 *   (1) two syncs of one slot: one removes the handler and waits, the other
 *       finds the slot empty and returns NULL at once.
 *   (2) yes, except that the waiting calls (unregister_sync, synchronize)
 *       must not run inside an htbl_handle of the same slot: not from its
 *       handler, and not from an interrupt nested anywhere in that
 *       htbl_handle on the same CPU. They would wait for a call that
 *       cannot go on until they return. htbl_synchronize must not run in
 *       an interrupt nested in any htbl_handle at all (of any slot or
 *       table): it may wait for the two instructions of that call between
 *       taking a dispatch cell and naming its slot in it. Two handlers that
 *       wait for each other's slots deadlock, as with any waiting teardown.
 *
 * Every call is lock-free. htbl_handle() never waits for anything another
 * context holds, so it may run in an interrupt that arrived while the same
 * CPU was inside any call on the same table. A registration that an
 * interrupt cuts in half makes the slot look empty, never torn: a handler is
 * only ever called with the arg it was registered with.
 *
 * Every result is linearizable (each call takes effect at one instant
 * between its start and its return, in one order all CPUs agree on), with
 * one exception that interrupt safety forces: a register that loses to
 * another register still half-way returns false at once, while until the
 * winner returns other calls may still find the slot empty.
 *
 * What every call requires:
 * - t points to a table made by HTBL_DEFINE or htbl_init (NULL, or a table
 *   that was never set up, is undefined behaviour, as for any pointer).
 * - The table (the struct htbl and its slots) outlives every call on it:
 *   a call reads the slot until it returns, and one that lost its race
 *   with a sync may still read it after the sync returned. Free a table's
 *   storage only once no CPU can be inside a call on it (its sources are
 *   stopped and every CPU has since left the code that calls in: an IPI
 *   round trip, a grace period of the kernel's own).
 * - Handlers return normally: no longjmp out of one, no C++ exception
 *   through it. A call that never returns keeps its dispatch cell, and
 *   every later wait for its registration or slot never ends.
 *
 * Cores without atomic read-modify-write instructions (ARMv6-M such as the
 * Cortex-M0/M0+, RISC-V without the A extension such as rv32imc) are
 * refused at compile time unless the library is built with
 * -DHTBL_UNIPROCESSOR. Then every read-modify-write is a call to an
 * __atomic_*_1/2/4 helper that src/up_atomic.c (its own archive member)
 * runs with interrupts masked: PRIMASK on M-profile Arm, mstatus.MIE on
 * RISC-V (sstatus.SIE with -DHTBL_UP_SUPERVISOR). Everything above holds
 * for one CPU and every interrupt nested on it; nothing holds between two
 * CPUs (a dual-core part such as the RP2040 needs its hardware spinlocks
 * in helpers of its own), nor for an NMI or HardFault handler, which the
 * mask does not hold off. A kernel that defines the helpers itself keeps
 * its own: the linker then never pulls the archive's.
 */
#ifndef HANDLER_TABLE_H
#define HANDLER_TABLE_H

/*
 * HTBL_VERSION_MAJOR, HTBL_VERSION_MINOR, HTBL_VERSION_PATCH, HTBL_VERSION:
 * the library's version. HTBL_VERSION is MAJOR * 10000 + MINOR * 100 +
 * PATCH, for the preprocessor: #if HTBL_VERSION >= 200 for 0.2.0 or later.
 * The one source of the version: the Makefile, CMake, Meson and the
 * installed .pc files read these lines.
 */
#define HTBL_VERSION_MAJOR 0
#define HTBL_VERSION_MINOR 2
#define HTBL_VERSION_PATCH 0
#define HTBL_VERSION                                                           \
	(HTBL_VERSION_MAJOR * 10000 + HTBL_VERSION_MINOR * 100 +               \
	 HTBL_VERSION_PATCH)

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*htbl_handler_fn)(void *arg);

/*
 * One entry. Fields are private: use the htbl_* calls. All-zero bytes are an
 * empty slot, so slots in .bss need no set-up.
 *
 * _state packs the kind (empty, being written, full) in its low two bits,
 * an epoch bit and a registration serial above them; _fn and _arg are valid
 * while _state says full; _ovf and _spill count the calls that found every
 * dispatch cell taken. Six words; on 64-bit aligned to 64 bytes, one slot
 * per cache line, so that a change of one slot never takes the line that
 * another slot's dispatches read (24 bytes on 32-bit parts, which rarely
 * have caches).
 */
struct htbl_slot {
	uintptr_t _state;
	htbl_handler_fn _fn;
	void *_arg;
	uintptr_t _ovf[2];
	uintptr_t _spill;
} __attribute__((aligned(__SIZEOF_POINTER__ == 8 ? 64 : sizeof(void *))));

/*
 * A quiescent-state domain (see htbl_qsbr_init): one counter per CPU, each
 * on a cache line of its own, and the grace-period counter. Private.
 */
struct htbl_qsbr_cpu {
	uintptr_t _ctr;
} __attribute__((aligned(64)));

struct htbl_qsbr {
	uintptr_t _gp;
	struct htbl_qsbr_cpu *_cpus;
	size_t _ncpus;
};

/*
 * A table: n slots in caller-provided storage, and the quiescent-state
 * domain of a table in that mode (NULL: the default mode). Private.
 */
struct htbl {
	struct htbl_slot *_slots;
	size_t _n;
	struct htbl_qsbr *_qsbr;
};

/*
 * HTBL_DEFINE(name, n): at file scope, optionally preceded by `static`,
 * defines `struct htbl name` with n empty slots, usable at once with no
 * init call (early boot, before any allocator).
 */
#ifndef __cplusplus
#define HTBL_DEFINE(name, n)                                                   \
	struct htbl name = { (struct htbl_slot[(n)]){ { 0 } }, (n), NULL }
#else
/*
 * In C++, HTBL_DEFINE(name, n) defines `htbl_table<n> name`: an object of
 * a type derived from struct htbl that holds its own n slots, so &name is
 * a struct htbl * for every htbl_* call. Each use defines a table of its
 * own wherever C++ allows a definition: at namespace scope, static or not,
 * in any namespace (unnamed ones too), and as a function-local static. The
 * constructor is constexpr, so the table is constant-initialized: no
 * dynamic initializer, no guard variable, nothing for a kernel that never
 * runs constructors to miss.
 *
 * Limits: `extern struct htbl name;` does not declare it (in the same file
 * it is a compile error); other C++ files declare `extern htbl_table<n>
 * name;`. It cannot be copied: the copy would use the original's slots.
 * The slots sit in the object beside the pointer to them, so all of it is
 * in .data, not .bss: the image (and the flash of a microcontroller that
 * copies .data from there) carries the n slots.
 *
 * extern "C++" keeps the template's linkage when this header is included
 * inside extern "C" { }.
 */
extern "C++" {
template <size_t N> struct htbl_table : htbl {
	constexpr htbl_table() noexcept : htbl{ _storage, N, nullptr }, _storage{}
	{
	}
	constexpr explicit htbl_table(struct htbl_qsbr *d) noexcept
		: htbl{ _storage, N, d }, _storage{}
	{
	}
	htbl_table(const htbl_table &) = delete;
	htbl_table &operator=(const htbl_table &) = delete;

private:
	struct htbl_slot _storage[N];
};
}
#define HTBL_DEFINE(name, n) htbl_table<(n)> name
#endif

/*
 * HTBL_QSBR_DEFINE(name, ncpus), HTBL_DEFINE_QSBR(name, n, domain): define
 * a quiescent-state domain, and a table in its mode (see "Quiescent-state
 * mode" below).
 *
 * HTBL_QSBR_DEFINE, at file scope, optionally preceded by `static`,
 * defines the domain `name` for CPUs 0 to ncpus - 1, all offline, usable
 * at once with no init call. In C++ it is an object of a type derived
 * from struct htbl_qsbr holding its own per-CPU counters, as HTBL_DEFINE's
 * tables are. HTBL_DEFINE_QSBR is HTBL_DEFINE for a table in the
 * quiescent-state mode of domain, defined before it.
 */
#ifndef __cplusplus
#define HTBL_QSBR_DEFINE(name, ncpus)                                          \
	struct htbl_qsbr name = { 0, (struct htbl_qsbr_cpu[(ncpus)]){ { 0 } }, \
				  (ncpus) }
#define HTBL_DEFINE_QSBR(name, n, domain)                                      \
	struct htbl name = { (struct htbl_slot[(n)]){ { 0 } }, (n), &(domain) }
#else
extern "C++" {
template <size_t N> struct htbl_qsbr_domain : htbl_qsbr {
	constexpr htbl_qsbr_domain() noexcept
		: htbl_qsbr{ 0, _storage, N }, _storage{}
	{
	}
	htbl_qsbr_domain(const htbl_qsbr_domain &) = delete;
	htbl_qsbr_domain &operator=(const htbl_qsbr_domain &) = delete;

private:
	struct htbl_qsbr_cpu _storage[N];
};
}
#define HTBL_QSBR_DEFINE(name, ncpus) htbl_qsbr_domain<(ncpus)> name
/* name is a declarator: it cannot take parentheses. */
#define HTBL_DEFINE_QSBR(name, n, domain)                                      \
	htbl_table<(n)> name{ &(domain) } /* NOLINT(bugprone-macro-parentheses) */
#endif

/*
 * htbl_init: make t a table of the n slots at `slots`, all empty.
 *
 * Ordering: plain stores; publish t to other CPUs (or enable the interrupts
 * that use it) after this returns, with the release/acquire of your choice.
 * Concurrency: none; t must not be in use. n == 0 gives a table on which
 * every call reports out of range.
 * Returns: nothing.
 */
void htbl_init(struct htbl *t, struct htbl_slot *slots, size_t n);

/*
 * htbl_capacity: the number of slots. Valid event numbers are 0 to n - 1.
 * Concurrency: any. Returns: n.
 */
size_t htbl_capacity(const struct htbl *t);

/*
 * htbl_register: install fn(arg) in slot idx if the slot is empty.
 *
 * Ordering: release. Everything this CPU wrote before the call (the device
 * struct behind arg, say) is visible to every call of fn made through
 * htbl_handle() for this registration, on any CPU.
 * Concurrency: any other call, from any context. Of several registers of
 * one slot, exactly one wins. An interrupt that arrives half-way sees the
 * slot empty.
 * Returns: true if (fn, arg) was installed. false, with nothing changed,
 * when idx >= capacity, fn == NULL, or the slot is occupied (or being
 * registered by a call that wins). arg may be NULL.
 */
bool htbl_register(struct htbl *t, size_t idx, htbl_handler_fn fn, void *arg);

/*
 * htbl_unregister: empty slot idx.
 *
 * Ordering: full barrier (sequentially consistent) when it removes a handler.
 * Concurrency: any other call, from any context, including the slot's own
 * handler. It returns at once: a call of fn that already started on another
 * CPU may still be running, so arg must not be freed yet (use
 * htbl_unregister_sync for that).
 * Returns: the fn that was removed, with its arg through *arg_out when
 * arg_out is not NULL. NULL when idx >= capacity or the slot was empty;
 * then *arg_out is left untouched.
 */
htbl_handler_fn htbl_unregister(struct htbl *t, size_t idx, void **arg_out);

/*
 * htbl_unregister_sync: htbl_unregister, then wait until every call of the
 * removed handler that started before the removal has returned, on every
 * CPU. After it returns, the removed fn is not running and will not run
 * for this registration: its arg may be freed.
 *
 * Teardown rule: disable the event at its source (the interrupt
 * controller), then htbl_unregister_sync, then free arg.
 *
 * Ordering: full barrier, and acquire of every removed call's completion:
 * what the handler wrote is visible to the caller on return.
 * Concurrency: any other call, but see (2) above. It waits for calls of
 * the registration it removed and nothing else: not for other slots, not
 * for a later registration of the same slot, not for a call that started
 * after the removal (with one exception: when more than HTBL_CELLS calls
 * run at once, and overflow calls of three registrations of one slot
 * overlap (or two, across an epoch flip of htbl_synchronize), the third
 * one's are counted together and waited for by every sync of that
 * slot). The slot's own handler may remove itself with
 * htbl_unregister instead, and its owner wait with htbl_synchronize. It
 * spins (with the CPU's spin-wait hint); call it where spinning for the
 * length of a handler call is acceptable.
 * Returns: as htbl_unregister.
 */
htbl_handler_fn htbl_unregister_sync(struct htbl *t, size_t idx,
				     void **arg_out);

/*
 * htbl_synchronize: wait until every call of slot idx's handler that was
 * running when htbl_synchronize was called has returned, whatever
 * registration it ran (Linux's synchronize_irq). Serves the handler that
 * removed itself with htbl_unregister: its owner calls htbl_synchronize,
 * then frees arg.
 *
 * Ordering: full barrier, and acquire of the completion of every call it
 * waited for. After it returns, no handler of a registration removed
 * before it was called is running or will run.
 * Concurrency: any other call, but see (2) above. It never waits for a
 * call that started after it took effect, that is, after it flipped the
 * slot's epoch, early in the call (a call of the registration still
 * installed that re-checks the slot after it began goes on unwaited for,
 * and is not lost), with the exception noted at htbl_unregister_sync, and
 * one more: two htbl_synchronize of one full slot at the same time may
 * each wait for calls that start during the other's. It spins.
 * Returns: nothing. idx >= capacity: returns at once.
 */
void htbl_synchronize(struct htbl *t, size_t idx);

/*
 * htbl_handle: dispatch event idx: call fn(arg) of slot idx.
 *
 * Ordering: acquire of the registration: fn sees what its registrar wrote
 * before htbl_register. The bounds check holds under speculation too: the
 * index is clamped before it addresses the table.
 * Concurrency: any other call, from any context, including an interrupt
 * nested in another call on the same CPU. Lock-free: it never waits.
 * Returns: true if fn was called; false when idx >= capacity or the slot
 * was empty (or was being changed) when the call took effect.
 */
bool htbl_handle(struct htbl *t, size_t idx);

/*
 * Quiescent-state mode. A table in this mode (HTBL_DEFINE_QSBR,
 * htbl_init_qsbr) dispatches with loads only: htbl_handle writes nothing
 * to shared memory and runs no read-modify-write and no full barrier.
 * Its htbl_unregister_sync and htbl_synchronize wait instead for a grace
 * period of its domain: every online CPU of the domain has reported a
 * quiescent state (htbl_qsbr_quiescent) since the removal, as liburcu's
 * QSBR flavour and the kernel's RCU do. Offline CPUs are not waited for.
 *
 * The rule a kernel must follow: a CPU reports a quiescent state only at
 * a point where it runs no htbl_handle of the domain's tables: its idle
 * loop, its scheduler, the exit of its outermost interrupt. Never inside
 * htbl_handle (from a handler, or an interrupt nested in one). A CPU that
 * stops reporting while online makes every sync of the domain wait; take
 * it offline (htbl_qsbr_offline) before it sleeps, halts or leaves. A CPU
 * that calls htbl_unregister_sync or htbl_synchronize on a table of the
 * domain waits for every online CPU, itself included: it goes offline
 * around the call (offline, sync, online), as liburcu's QSBR does for its
 * caller. An interrupt taken while its CPU is offline (asleep) goes online
 * before it dispatches and offline again on its way out (Linux's
 * rcu_irq_enter and rcu_irq_exit from idle); a kernel that also reports
 * at interrupt exit masks interrupts around its thread-level online and
 * offline calls, since those of one CPU must not overlap (a quiescent
 * report nested in another only delays a grace period).
 *
 * What differs from the default mode: the waiting calls (unregister_sync,
 * synchronize) must not run inside any htbl_handle of the domain's tables
 * at all, not only of their own slot: they wait for this CPU's next
 * report. And a grace period waits for the next report of every online
 * CPU, whatever it is running then: the default mode's promise that a
 * sync waits for its own registration's calls and nothing else becomes
 * "until every online CPU has passed a quiescent state". Everything else
 * in the header holds for both modes.
 */

/*
 * htbl_qsbr_init: make d a domain of the ncpus counters at `cpus`, every
 * CPU offline.
 *
 * Ordering: plain stores; publish d as for htbl_init.
 * Concurrency: none; d must not be in use.
 * Returns: nothing.
 */
void htbl_qsbr_init(struct htbl_qsbr *d, struct htbl_qsbr_cpu *cpus,
		    size_t ncpus);

/*
 * htbl_init_qsbr: as htbl_init, for a table in the quiescent-state mode of
 * domain d.
 *
 * Ordering: as htbl_init.
 * Concurrency: none; t must not be in use.
 * Returns: nothing.
 */
void htbl_init_qsbr(struct htbl *t, struct htbl_slot *slots, size_t n,
		    struct htbl_qsbr *d);

/*
 * htbl_qsbr_online: CPU cpu of d starts dispatching: from now on, grace
 * periods wait for its quiescent states. Call it on that CPU before its
 * first htbl_handle of d's tables (and again after htbl_qsbr_offline).
 *
 * Ordering: full barrier after the counter is published: the CPU's later
 * htbl_handle calls see every removal that a sync waiting for it made.
 * Concurrency: any call but another online, offline or quiescent of the
 * same cpu; safe in interrupt context of that CPU when not nested in its
 * own htbl_handle.
 * Returns: nothing. cpu >= ncpus: nothing happens.
 */
void htbl_qsbr_online(struct htbl_qsbr *d, size_t cpu);

/*
 * htbl_qsbr_offline: CPU cpu of d stops dispatching (before it sleeps in
 * wfi or hlt, say): grace periods no longer wait for it, an extended
 * quiescent state. It must not call htbl_handle on d's tables until
 * htbl_qsbr_online.
 *
 * Ordering: release: the CPU's earlier handler calls come before.
 * Concurrency: as htbl_qsbr_online.
 * Returns: nothing. cpu >= ncpus: nothing happens.
 */
void htbl_qsbr_offline(struct htbl_qsbr *d, size_t cpu);

/*
 * htbl_qsbr_quiescent: CPU cpu of d reports a quiescent state: it runs no
 * htbl_handle of d's tables right now. One store of its counter and the
 * full barrier that publishes it; cheap enough for every idle loop pass or
 * outermost interrupt exit.
 *
 * Ordering: release of the CPU's earlier handler calls (a sync that sees
 * the report sees what they wrote), then a full barrier: the CPU's later
 * htbl_handle calls see every removal that a sync waiting for it made.
 * Concurrency: as htbl_qsbr_online. Never from inside htbl_handle.
 * Returns: nothing. cpu >= ncpus, or a CPU that is offline: nothing
 * happens (it stays offline).
 */
void htbl_qsbr_quiescent(struct htbl_qsbr *d, size_t cpu);

/* Private: the kinds of a slot's state word, for the library too. */
enum {
	htbl_private_kind_empty = 0,
	htbl_private_kind_busy = 1,
	htbl_private_kind_full = 2,
	htbl_private_kind_mask = 3,
};

/*
 * Private, for htbl_handle_inline and the library: idx when idx < n, else
 * 0, with no branch for a mispredicted bounds check to skip (Linux's
 * array_index_nospec).
 */
static inline size_t htbl_private_index_nospec(size_t idx, size_t n)
{
	size_t mask;

#ifndef HTBL_NO_ASM
	__asm__("" : "+r"(idx));
#endif
	mask = (size_t)((intptr_t)~(idx | (n - 1 - idx)) >>
			(sizeof(size_t) * __CHAR_BIT__ - 1));
#if defined(HTBL_NO_ASM)
#elif defined(__aarch64__) || (defined(__arm__) && __ARM_ARCH >= 7)
	__asm__("csdb" : "+r"(mask));
#else
	__asm__("" : "+r"(mask));
#endif
	return idx & mask;
}

/*
 * Private, for htbl_handle_inline and htbl_handle: the dispatch of a table
 * in the quiescent-state mode, idx already checked against t->_n.
 */
static inline bool htbl_private_dispatch_qsbr(struct htbl *t, size_t idx)
{
	struct htbl_slot *s = &t->_slots[htbl_private_index_nospec(idx, t->_n)];
	uintptr_t state;
	htbl_handler_fn fn;
	void *arg;

	/* Acquire: pairs with htbl_register's release store of FULL. */
	state = __atomic_load_n(&s->_state, __ATOMIC_ACQUIRE);
	if ((state & htbl_private_kind_mask) != htbl_private_kind_full)
		return false;
	fn = __atomic_load_n(&s->_fn, __ATOMIC_RELAXED);
	arg = __atomic_load_n(&s->_arg, __ATOMIC_RELAXED);
	/*
	 * Acquire fence, then the state again: the seqlock read that keeps
	 * the pair untorn (pairs with htbl_register's release fence).
	 */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (__atomic_load_n(&s->_state, __ATOMIC_RELAXED) != state)
		return false;
	fn(arg);
	return true;
}

/*
 * htbl_handle_inline: htbl_handle, compiled into the caller (an interrupt
 * entry, say). A table in the quiescent-state mode dispatches entirely
 * inline: an acquire load of the state, the pair, an acquire fence, the
 * state again, and the call. A table in the
 * default mode checks the index inline and calls htbl_handle.
 *
 * Ordering, concurrency and return value: as htbl_handle.
 */
static inline bool htbl_handle_inline(struct htbl *t, size_t idx);

static inline bool htbl_handle_inline(struct htbl *t, size_t idx)
{
	if (idx >= t->_n)
		return false;
	if (!t->_qsbr)
		return htbl_handle(t, idx);
	return htbl_private_dispatch_qsbr(t, idx);
}

#ifdef __cplusplus
}
#endif

#endif /* HANDLER_TABLE_H */
