/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smp.c: starting the application processors (Intel SDM vol. 3A, 8.4.4),
 * the CPUs the ACPI MADT lists, one at a time: each gets its CPU number
 * and stack here, then runs trampoline.S's code from AP_TRAMPOLINE.
 */
#include "arch.h"
#include "x86.h"

extern const char ap_trampoline[], ap_trampoline_end[];
extern char __stacks_start[], KSTACK_SIZE[];	/* linker.ld */

/* For the AP being started; written before its INIT, read by it. */
uintptr_t ap_stack_top;	/* boot32.S or boot64.S: the stack pointer */
static unsigned ap_cpu;
static void (*ap_entry)(unsigned cpu);
static unsigned ap_started;	/* atomic: the last CPU number to check in */

/* An AP, on its own stack, interrupts disabled since its SIPI. */
void smp_ap_main(void)
{
	unsigned cpu = ap_cpu;
	void (*entry)(unsigned cpu) = ap_entry;

	/* Release: our reads of ap_* before CPU 0 reuses them for the next. */
	__atomic_store_n(&ap_started, cpu, __ATOMIC_RELEASE);
	entry(cpu);
}

static void copy_trampoline(void)
{
	void *dst = (void *)AP_TRAMPOLINE;
	const void *src = ap_trampoline;
	size_t n = ap_trampoline_end - ap_trampoline;

	__asm__ volatile("rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(n)
			 :
			 : "memory");
}

unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	uint8_t ids[MAX_CPUS];
	unsigned n = acpi_lapic_ids(ids, MAX_CPUS);
	unsigned self = lapic_id();
	unsigned cpus = 1;

	copy_trampoline();
	ap_entry = entry;
	for (unsigned i = 0; i < n && cpus < MAX_CPUS; i++) {
		if (ids[i] == self)
			continue;
		lapic_map_cpu(ids[i], cpus);
		ap_cpu = cpus;
		ap_stack_top = (uintptr_t)__stacks_start +
			       (cpus + 1) * (uintptr_t)KSTACK_SIZE;
		/* mmio_write32 keeps the stores above before the IPIs. */
		lapic_start_ap(ids[i], AP_TRAMPOLINE);
		/* Acquire: pairs with the AP's release in smp_ap_main. */
		while (__atomic_load_n(&ap_started, __ATOMIC_ACQUIRE) != cpus)
			cpu_relax();
		cpus++;
	}
	return cpus;
}
