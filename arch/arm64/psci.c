/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * psci.c: starting CPUs through the Arm Power State Coordination Interface.
 * QEMU's virt board, booting a -kernel at EL1, implements PSCI itself and
 * takes its calls by HVC (the "hvc" method of the /psci node it generates,
 * hw/arm/virt.c); secondary CPUs wait powered off until CPU_ON.
 */
#include "aarch64.h"
#include "arch.h"

#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_SUCCESS 0

static void (*secondary_entry)(unsigned cpu);

/* SMC Calling Convention: arguments in x0-x3, x4-x17 may be clobbered. */
static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

void psci_secondary(unsigned cpu)
{
	/* Acquire: pairs with the release in arch_start_cpus. */
	void (*entry)(unsigned) =
		__atomic_load_n(&secondary_entry, __ATOMIC_ACQUIRE);

	entry(cpu);
}

/* The target is an MPIDR_EL1 value: on this board CPU n has Aff0 = n. */
unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	unsigned cpu;

	/* Release: the entry pointer before any CPU that may read it runs. */
	__atomic_store_n(&secondary_entry, entry, __ATOMIC_RELEASE);
	for (cpu = 1; cpu < MAX_CPUS; cpu++)
		if (psci_call(PSCI_CPU_ON_64, cpu, (uintptr_t)secondary_start,
			      cpu) != PSCI_SUCCESS)
			break;
	return cpu;
}
