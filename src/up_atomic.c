/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * up_atomic.c: the __atomic_* library calls that GCC and clang emit on a
 * core without atomic read-modify-write instructions (ARMv6-M, RISC-V
 * without the A extension), for a uniprocessor: each operation runs with
 * the CPU's interrupts masked, which on one CPU makes it atomic with
 * respect to everything else that runs there (threads it preempts,
 * interrupts, nested interrupts).
 *
 * It defines them only with -DHTBL_UNIPROCESSOR, and is otherwise empty;
 * every build route compiles it into an archive member of its own, so a
 * kernel that defines these functions itself (from its RTOS, or masking
 * differently) keeps its own, and the linker never pulls this member.
 *
 * What holds: every operation is atomic and sequentially consistent with
 * respect to code on the same CPU, at any interrupt nesting depth, NMI and
 * HardFault excepted (PRIMASK masks neither). What does not: a second CPU
 * or a DMA master writing the same words. Code must run privileged (an
 * unprivileged cpsid or csrrci does nothing, or traps).
 *
 * Sizes 1, 2 and 4; no 8-byte atomics (the library uses words only).
 */
#include <handler_table.h>

#ifdef HTBL_UNIPROCESSOR

#include <stdbool.h>
#include <stdint.h>

/*
 * irq_save(): mask interrupts, return what restores the previous state;
 * irq_restore(): put it back. The "memory" clobbers keep every access of
 * the operation between the two.
 */
#if defined(__arm__) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
/* M-profile: PRIMASK masks every exception of configurable priority. */
static inline unsigned long irq_save(void)
{
	unsigned long primask;

	__asm__ volatile("mrs %0, primask\n\tcpsid i"
			 : "=r"(primask) : : "memory");
	return primask;
}

static inline void irq_restore(unsigned long primask)
{
	__asm__ volatile("msr primask, %0" : : "r"(primask) : "memory");
}
#elif defined(__riscv)
/*
 * Machine mode by default (soft cores such as Ibex run there); a kernel in
 * supervisor mode builds with -DHTBL_UP_SUPERVISOR and sstatus.SIE is
 * masked instead of mstatus.MIE.
 */
#ifdef HTBL_UP_SUPERVISOR
#define UP_STATUS "sstatus"
#define UP_IE 0x2ul
#else
#define UP_STATUS "mstatus"
#define UP_IE 0x8ul
#endif
static inline unsigned long irq_save(void)
{
	unsigned long status;

	__asm__ volatile("csrrc %0, " UP_STATUS ", %1"
			 : "=r"(status) : "r"(UP_IE) : "memory");
	return status & UP_IE;
}

static inline void irq_restore(unsigned long ie)
{
	__asm__ volatile("csrs " UP_STATUS ", %0" : : "r"(ie) : "memory");
}
#else
#error "HTBL_UNIPROCESSOR: no interrupt mask known for this architecture (M-profile Arm and RISC-V are)"
#endif

/*
 * The functions are named by asm labels: both compilers reserve the
 * __atomic_ names for their builtins and refuse to define them in C.
 * The memory order arguments need nothing more: with interrupts masked,
 * nothing else on the CPU runs between the accesses, and the CPU sees its
 * own accesses in program order.
 */

/*
 * up_rmw: old value out, op(old, v) in, with interrupts masked. up_swap:
 * exchange's op.
 */
#define UP_RMW(n, type)                                                        \
	static inline type up_rmw_##n(volatile void *p, type v,                \
				      type (*op)(type old, type v))            \
	{                                                                      \
		volatile type *w = p;                                          \
		unsigned long f = irq_save();                                  \
		type old = *w;                                                 \
                                                                               \
		*w = op(old, v);                                               \
		irq_restore(f);                                                \
		return old;                                                    \
	}                                                                      \
	static inline type up_swap_##n(type old, type v)                       \
	{                                                                      \
		(void)old;                                                     \
		return v;                                                      \
	}

#define UP_ATOMIC_OP(n, type, name, expr)                                      \
	static inline type up_##name##_##n(type old, type v)                   \
	{                                                                      \
		return (type)(expr);                                           \
	}                                                                      \
	type up_fetch_##name##_##n(volatile void *p, type v, int order)        \
		__asm__("__atomic_fetch_" #name "_" #n);                       \
	type up_fetch_##name##_##n(volatile void *p, type v, int order)        \
	{                                                                      \
		(void)order;                                                   \
		return up_rmw_##n(p, v, up_##name##_##n);                      \
	}                                                                      \
	type up_##name##_fetch_##n(volatile void *p, type v, int order)        \
		__asm__("__atomic_" #name "_fetch_" #n);                       \
	type up_##name##_fetch_##n(volatile void *p, type v, int order)        \
	{                                                                      \
		(void)order;                                                   \
		return up_##name##_##n(up_rmw_##n(p, v, up_##name##_##n), v);  \
	}

#define UP_ATOMIC(n, type)                                                     \
	UP_RMW(n, type)                                                        \
	type up_load_##n(const volatile void *p, int order)                    \
		__asm__("__atomic_load_" #n);                                  \
	type up_load_##n(const volatile void *p, int order)                    \
	{                                                                      \
		(void)order;                                                   \
		return *(const volatile type *)p;                              \
	}                                                                      \
	void up_store_##n(volatile void *p, type v, int order)                 \
		__asm__("__atomic_store_" #n);                                 \
	void up_store_##n(volatile void *p, type v, int order)                 \
	{                                                                      \
		(void)order;                                                   \
		*(volatile type *)p = v;                                       \
	}                                                                      \
	type up_exchange_##n(volatile void *p, type v, int order)              \
		__asm__("__atomic_exchange_" #n);                              \
	type up_exchange_##n(volatile void *p, type v, int order)              \
	{                                                                      \
		(void)order;                                                   \
		return up_rmw_##n(p, v, up_swap_##n);                          \
	}                                                                      \
	bool up_compare_exchange_##n(volatile void *p, void *expected,         \
				     type desired, bool weak, int success,     \
				     int failure)                              \
		__asm__("__atomic_compare_exchange_" #n);                      \
	bool up_compare_exchange_##n(volatile void *p, void *expected,         \
				     type desired, bool weak, int success,     \
				     int failure)                              \
	{                                                                      \
		volatile type *w = p;                                          \
		type *e = expected;                                            \
		unsigned long f = irq_save();                                  \
		type old = *w;                                                 \
		bool equal = old == *e;                                        \
                                                                               \
		(void)weak, (void)success, (void)failure;                      \
		if (equal)                                                     \
			*w = desired;                                          \
		irq_restore(f);                                                \
		if (!equal)                                                    \
			*e = old;                                              \
		return equal;                                                  \
	}                                                                      \
	UP_ATOMIC_OP(n, type, add, old + v)                                    \
	UP_ATOMIC_OP(n, type, sub, old - v)                                    \
	UP_ATOMIC_OP(n, type, and, old & v)                                    \
	UP_ATOMIC_OP(n, type, or, old | v)                                     \
	UP_ATOMIC_OP(n, type, xor, old ^ v)                                    \
	UP_ATOMIC_OP(n, type, nand, ~(old & v))

UP_ATOMIC(1, uint8_t)
UP_ATOMIC(2, uint16_t)
UP_ATOMIC(4, uint32_t)

#endif /* HTBL_UNIPROCESSOR */
