/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cpu.c: the Cortex-A15 core itself: which CPU this is (MPIDR, ARMv7-A
 * ARM B4.1.106). The IRQ mask is in irq_mask.c.
 */
#include "arch.h"
#include "arm.h"

/* QEMU's virt board numbers CPUs 0..7 in Aff0, one cluster. */
#define MPIDR_AFF0	0xffu

unsigned arch_cpu_id(void)
{
	return CP15_READ(MPIDR) & MPIDR_AFF0;
}
