/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * generic_timer.c: the EL1 virtual timer of the Arm Generic Timer
 * (CNTV_TVAL_EL0, CNTV_CTL_EL0; frequency in CNTFRQ_EL0). Each CPU has its
 * own; QEMU's virt board wires it to PPI 11, which is INTID 27 on every CPU
 * (ARCH_TIMER_VIRT_IRQ in include/hw/arm/virt.h).
 */
#include "aarch64.h"
#include "arch.h"
#include "../arm/gicv2.h"

#define VIRT_TIMER_INTID 27
#define CNTV_CTL_ENABLE 1u /* IMASK (bit 1) clear: the line is live */
#define TICK_HZ 1000

size_t arch_timer_irq(void)
{
	return VIRT_TIMER_INTID;
}

/*
 * TVAL counts down from now: writing it sets the compare value one tick
 * ahead, which also clears the condition that holds the interrupt line.
 */
void generic_timer_rearm(void)
{
	write_sysreg(cntv_tval_el0, read_sysreg(cntfrq_el0) / TICK_HZ);
	isb();
}

void arch_timer_init(void)
{
	gicv2_init_cpu();
	gicv2_enable_private(VIRT_TIMER_INTID);
	gicv2_enable_ipi();
	generic_timer_rearm();
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}
