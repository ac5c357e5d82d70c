/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irq_mask.c: masking IRQs and waiting for one, the same instructions on
 * both 32-bit Arm profiles: "cpsie/cpsid i" set the CPSR I bit on
 * A-profile (ARCH=arm) and PRIMASK on M-profile (ARCH=armv7m, armv6m).
 */
#include "arch.h"

/* "memory": no access moves across the point where handlers may run. */
void arch_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

void arch_wait_irq(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
