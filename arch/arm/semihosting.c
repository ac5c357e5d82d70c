/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * semihosting.c: leave QEMU through Arm semihosting (QEMU's -semihosting),
 * for both ARCH=arm and ARCH=armv7m. The call is r0 = operation, r1 =
 * argument block, then "svc 0x123456" in A-profile Arm state or "bkpt 0xab"
 * on M-profile; QEMU handles it before it would trap. SYS_EXIT_EXTENDED
 * with ADP_Stopped_ApplicationExit makes QEMU exit with the given status.
 */
#include "arch.h"

#define SYS_EXIT_EXTENDED		0x20
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

#if __ARM_ARCH_PROFILE == 'M'
#define SEMIHOSTING_TRAP "bkpt 0xab"
#else
#define SEMIHOSTING_TRAP "svc 0x123456"
#endif

static int exiting;	/* atomic: set by the first arch_exit */

static void semihost(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile(SEMIHOSTING_TRAP : "+r"(r0) : "r"(r1) : "memory");
}

void arch_exit(int status)
{
	/* The host keeps 8 bits: never let a failure wrap to 0. */
	uint32_t code = status == 0 ? 0 : ((status & 0xff) ? status & 0xff : 1);
	uint32_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };

	/*
	 * Without -semihosting the call traps (SVC, or HardFault for the
	 * bkpt), and the trap report calls us again: hang instead, so that the caller's timeout ends the run. A
	 * second CPU failing at the same time hangs too while the first exits.
	 * Relaxed: the flag publishes nothing else.
	 */
	if (!__atomic_exchange_n(&exiting, 1, __ATOMIC_RELAXED))
		semihost(SYS_EXIT_EXTENDED, block);
	for (;;)
		__asm__ volatile("wfi");
}
