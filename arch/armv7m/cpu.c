/*
 * cpu.c: the Cortex-M3 core: one CPU, PRIMASK for the IRQ mask, WFI.
 */
#include "arch.h"

unsigned arch_cpu_id(void)
{
	return 0;
}

/* mps2-an385 has a single core. */
unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	(void)entry;
	return 1;
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
