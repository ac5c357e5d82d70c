/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arm.h: what the files of arch/arm share: CP15 system register access
 * (ARMv7-A Architecture Reference Manual, B4) and the PSCI start-up hooks.
 * The GIC's are in gicv2.h, shared with aarch64.
 */
#ifndef ARCH_ARM_H
#define ARCH_ARM_H

#include <stdint.h>

/* "mrc p15, opc1, Rt, CRn, CRm, opc2" as one string argument. */
#define CP15_READ(spec) ({						\
	uint32_t v_;							\
	__asm__ volatile("mrc " spec : "=r"(v_));			\
	v_;								\
})
#define CP15_WRITE(spec, v) \
	__asm__ volatile("mcr " spec :: "r"((uint32_t)(v)) : "memory")

#define MPIDR		"p15, 0, %0, c0, c0, 5"
#define CNTFRQ		"p15, 0, %0, c14, c0, 0"
#define CNTV_TVAL	"p15, 0, %0, c14, c3, 0"
#define CNTV_CTL	"p15, 0, %0, c14, c3, 1"

/* entry.S: where a CPU started by PSCI begins, r0 = its number. */
extern char arm_secondary_start[];
/* psci.c: what arm_secondary_start calls once the CPU has its stacks. */
extern void (*arm_secondary_entry)(unsigned cpu);


#endif
