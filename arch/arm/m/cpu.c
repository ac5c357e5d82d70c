/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu.c: the Cortex-M3 core: one CPU. The IRQ mask (PRIMASK) is in
 * arch/arm/irq_mask.c.
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
