/*
 * cpu.c: the Cortex-A15 core itself: which CPU this is (MPIDR, ARMv7-A
 * ARM B4.1.106), the IRQ mask in CPSR, and waiting for an interrupt.
 */
#include "arch.h"
#include "arm.h"

/* QEMU's virt board numbers CPUs 0..7 in Aff0, one cluster. */
#define MPIDR_AFF0	0xffu

unsigned arch_cpu_id(void)
{
	return CP15_READ(MPIDR) & MPIDR_AFF0;
}

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
