/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu.c: the RISC-V hart itself, in M-mode: which hart this is (mhartid),
 * the global interrupt enable (mstatus.MIE), and waiting for an interrupt.
 */
#include "arch.h"
#include "riscv.h"

/* QEMU's virt board numbers its harts 0 to -smp - 1. */
unsigned arch_cpu_id(void)
{
	return csr_read(mhartid);
}

/* "memory": no access moves across the unmask, into or out of a window. */
void arch_irq_enable(void)
{
	csr_set(mstatus, MSTATUS_MIE);
}

void arch_irq_disable(void)
{
	csr_clear(mstatus, MSTATUS_MIE);
}

/* WFI wakes on any interrupt enabled in mie, even while MIE masks it. */
void arch_wait_irq(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
