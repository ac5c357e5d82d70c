/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicv2.h: the GICv2 driver (gicv2.c) and the timer hook it calls, shared
 * by ARCH=aarch64 and ARCH=arm, whose entry code and generic timer differ.
 */
#ifndef ARCH_ARM_GICV2_H
#define ARCH_ARM_GICV2_H

/* Before this CPU unmasks interrupts; CPU 0 first (arch_timer_init). */
void gicv2_init_cpu(void);
/* Enable SGI or PPI intid (0 to 31) on this CPU's banked registers. */
void gicv2_enable_private(unsigned intid);
/* Enable the IPI on this CPU. */
void gicv2_enable_ipi(void);
/* Called by the IRQ entry: claim, dispatch, end. */
void gicv2_irq(void);
/* The generic timer: acknowledge this tick and arm the next one. */
void generic_timer_rearm(void);

#endif
