/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu.c: the M-profile boards here (mps2-an385, microbit) have one core.
 * The IRQ mask (PRIMASK) is in arch/arm/irq_mask.c.
 */
#include "arch.h"

unsigned arch_cpu_id(void)
{
	return 0;
}

unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	(void)entry;
	return 1;
}
