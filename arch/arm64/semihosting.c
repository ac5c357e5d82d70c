/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * semihosting.c: leaving QEMU through Arm semihosting (QEMU's
 * -semihosting). The call is HLT #0xF000 with the operation in x0 and its
 * parameter block in x1; SYS_EXIT with ADP_Stopped_ApplicationExit makes
 * QEMU exit with the given status (AArch64 semihosting, "SYS_EXIT").
 */
#include "aarch64.h"
#include "arch.h"

#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static unsigned exiting; /* atomic */

static void semihosting_call(uint64_t op, const void *block)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = (uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

void arch_exit(int status)
{
	/* QEMU keeps the low 8 bits: a failure must not come out as 0. */
	uint64_t code = status == 0 ? 0 : (status & 0xff) ? status & 0xff : 1;
	const uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };

	/*
	 * Without -semihosting the HLT is an undefined instruction, whose
	 * report comes back here: stop then, and let the caller's timeout
	 * end the run, rather than recurse down the stack.
	 */
	arch_irq_disable();
	if (!__atomic_exchange_n(&exiting, 1, __ATOMIC_RELAXED))
		semihosting_call(SYS_EXIT, block);
	for (;;)
		arch_wait_irq();
}
