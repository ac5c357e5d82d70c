/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * generic_timer.c: the Arm generic timer's virtual timer, through CP15
 * c14 (ARMv7-A ARM B8). QEMU's virt board wires each CPU's virtual timer
 * to PPI 11, GIC INTID 27 (ARCH_TIMER_VIRT_IRQ in hw/arm/virt.c), and
 * sets CNTFRQ. With no EL2 the virtual offset is 0 and PL1 may use it.
 */
#include "arch.h"
#include "arm.h"
#include "../gicv2.h"

#define TIMER_INTID		27u
#define CNTV_CTL_ENABLE		(1u << 0)
#define TICKS_PER_SECOND	1000u

size_t arch_timer_irq(void)
{
	return TIMER_INTID;
}

/* A new TVAL both arms the next tick and clears the current condition. */
void generic_timer_rearm(void)
{
	CP15_WRITE(CNTV_TVAL, CP15_READ(CNTFRQ) / TICKS_PER_SECOND);
}

void arch_timer_init(void)
{
	gicv2_init_cpu();
	gicv2_enable_private(TIMER_INTID);
	gicv2_enable_ipi();
	generic_timer_rearm();
	/* IMASK clear: the timer's output reaches the GIC. */
	CP15_WRITE(CNTV_CTL, CNTV_CTL_ENABLE);
	__asm__ volatile("isb" ::: "memory");
}
