/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu.c: the AArch64 core itself: which CPU this is (MPIDR_EL1), the
 * PSTATE.I interrupt mask (DAIF), and waiting for an interrupt.
 */
#include "aarch64.h"
#include "arch.h"

#define MPIDR_AFF0 0xff
#define DAIF_I 2 /* the immediate of msr daifset/daifclr */

/* QEMU's virt board numbers its CPUs in Aff0, 0 to -smp - 1. */
unsigned arch_cpu_id(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF0;
}

/* "memory": no access moves across the unmask, into or out of a window. */
void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, %0" : : "i"(DAIF_I) : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, %0" : : "i"(DAIF_I) : "memory");
}

/* WFI wakes on a pending interrupt even while PSTATE.I masks it. */
void arch_wait_irq(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
