/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu.c: the CPU's interrupt flag (EFLAGS.IF, RFLAGS.IF in 64-bit mode)
 * and halt.
 */
#include "arch.h"

void arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

/* With IF set, any interrupt (the next tick at worst) ends the hlt. */
void arch_wait_irq(void)
{
	__asm__ volatile("hlt" ::: "memory");
}
