/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * aarch64.h: system register access, and the hooks the aarch64 files
 * share with each other and with entry.S and vectors.S. Everything runs
 * at EL1 with the MMU off: addresses are physical, and every data access
 * is Device-nGnRnE (the shared devices of arch/arm/ rely on it too).
 */
#ifndef AARCH64_H
#define AARCH64_H

#include <stdint.h>

#define read_sysreg(reg)                                                       \
	({                                                                     \
		uint64_t v_;                                                   \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_));                  \
		v_;                                                            \
	})

#define write_sysreg(reg, v)                                                   \
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

/* entry.S: where PSCI starts a secondary CPU, with x0 = its number. */
extern char secondary_start[];
/* psci.c: called by secondary_start on the CPU's own stack. */
void psci_secondary(unsigned cpu);

#endif
