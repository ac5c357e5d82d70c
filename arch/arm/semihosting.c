/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * semihosting.c: leave QEMU through Arm semihosting (QEMU's -semihosting),
 * for every Arm arch here: aarch64, arm, armv7m and armv6m. The call is
 * the operation in x0/r0 and its parameter block in x1/r1, then the trap
 * of the state (Arm's semihosting specification): "hlt #0xf000" in
 * AArch64, "svc 0x123456" in A-profile Arm state, "bkpt 0xab" on
 * M-profile; QEMU handles it before it would trap. SYS_EXIT_EXTENDED
 * with ADP_Stopped_ApplicationExit, in a block of two words of the
 * register width, makes QEMU exit with the given status.
 */
#include "arch.h"

#define SYS_EXIT_EXTENDED		0x20
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

#if defined(__aarch64__)
#define SEMIHOSTING_TRAP "hlt #0xf000"
#define REG_OP "x0"
#define REG_ARG "x1"
#elif __ARM_ARCH_PROFILE == 'M'
#define SEMIHOSTING_TRAP "bkpt 0xab"
#define REG_OP "r0"
#define REG_ARG "r1"
#else
#define SEMIHOSTING_TRAP "svc 0x123456"
#define REG_OP "r0"
#define REG_ARG "r1"
#endif

static int exiting;	/* atomic: set by the first arch_exit */

static void semihost(uintptr_t op, const void *arg)
{
	register uintptr_t r0 __asm__(REG_OP) = op;
	register const void *r1 __asm__(REG_ARG) = arg;

	__asm__ volatile(SEMIHOSTING_TRAP : "+r"(r0) : "r"(r1) : "memory");
}

void arch_exit(int status)
{
	/* The host keeps 8 bits: never let a failure wrap to 0. */
	uintptr_t code = status == 0 ? 0 : ((status & 0xff) ? status & 0xff : 1);
	const uintptr_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };

	/*
	 * Without -semihosting the call traps (an undefined HLT or SVC, or
	 * a HardFault for the bkpt), and the trap report calls us again:
	 * hang instead, so that the caller's timeout ends the run, rather
	 * than recurse down the stack. A second CPU failing at the same time
	 * hangs too while the first exits. Relaxed: the flag publishes
	 * nothing else.
	 */
	arch_irq_disable();
	if (!__atomic_exchange_n(&exiting, 1, __ATOMIC_RELAXED))
		semihost(SYS_EXIT_EXTENDED, block);
	for (;;)
		arch_wait_irq();
}
