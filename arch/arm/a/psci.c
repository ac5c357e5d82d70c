/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * psci.c: start the other CPUs with PSCI CPU_ON (Arm DEN 0022, SMC32
 * calling convention). QEMU's virt board implements PSCI itself and, with
 * neither EL3 nor EL2 (secure=off, virtualization=off), takes the call
 * through hvc (psci-conduit in hw/arm/virt.c); CPUs 1.. start powered off.
 */
#include "arch.h"
#include "arm.h"

#define PSCI_CPU_ON	0x84000003u
#define PSCI_SUCCESS	0

void (*arm_secondary_entry)(unsigned cpu);

static int32_t psci_call(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3)
{
	register uint32_t r0 __asm__("r0") = fn;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r2 __asm__("r2") = a2;
	register uint32_t r3 __asm__("r3") = a3;

	__asm__ volatile(".arch_extension virt\n\thvc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			 :
			 : "memory");
	return (int32_t)r0;
}

/*
 * CPU n has MPIDR Aff0 = n on virt; it enters arm_secondary_start with
 * r0 = n (the context id). Stop at the first CPU the machine lacks.
 */
unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	unsigned ncpus = 1;

	arm_secondary_entry = entry;
	/* The new CPU reads arm_secondary_entry with its MMU and caches off. */
	__asm__ volatile("dsb" ::: "memory");
	while (ncpus < MAX_CPUS &&
	       psci_call(PSCI_CPU_ON, ncpus, (uintptr_t)arm_secondary_start,
			 ncpus) == PSCI_SUCCESS)
		ncpus++;
	return ncpus;
}
