/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smp.c: starting harts on QEMU's virt board. With -bios none there is no
 * SBI to ask: every hart runs entry.S at reset, and all but hart 0 wait
 * here, in wfi with only the machine software interrupt enabled, until
 * arch_start_cpus sets their state to HART_GO and rings their CLINT msip.
 */
#include <stdbool.h>

#include "arch.h"
#include "riscv.h"

#define HART_ABSENT 0	/* not (yet) in hart_park: maybe not on this board */
#define HART_PARKED 1
#define HART_GO 2
/* Every hart starts at reset: one that is not parked by now is not there. */
#define PARK_TIMEOUT CLINT_MTIME_HZ	/* 1 s in mtime ticks */

/* In .data, not .bss: the harts write it while hart 0 clears .bss. */
static unsigned long hart_state[MAX_CPUS] __attribute__((section(".data"))) = {
	HART_ABSENT
};
static void (*secondary_entry)(unsigned cpu);

void hart_park(unsigned hart)
{
	void (*entry)(unsigned);

	csr_write(mie, MIE_MSIE);
	/* Relaxed: it tells hart 0 only that this hart exists. */
	__atomic_store_n(&hart_state[hart], HART_PARKED, __ATOMIC_RELAXED);
	/*
	 * msip stays pending until cleared below: rung between the load and
	 * the wfi, it still makes wfi return. Acquire: pairs with the
	 * release in arch_start_cpus, so secondary_entry is set.
	 */
	while (__atomic_load_n(&hart_state[hart], __ATOMIC_ACQUIRE) != HART_GO)
		arch_wait_irq();
	/*
	 * HART_GO can be seen (a spurious wfi return) before hart 0's ring
	 * lands: wait for the ring itself, so that clearing msip here is
	 * after it. A ring left set would come back as a spurious IPI once
	 * arch_timer_init enables MSIE.
	 */
	while (!(csr_read(mip) & MIP_MSIP))
		arch_wait_irq();
	clint_ipi_clear(hart);
	csr_write(mie, 0);
	entry = secondary_entry;
	entry(hart);
	for (;;)
		arch_wait_irq();
}

static bool hart_parked(unsigned hart)
{
	uint64_t start = clint_mtime();

	/* Relaxed: nothing is read on the strength of it (hart_park). */
	while (__atomic_load_n(&hart_state[hart], __ATOMIC_RELAXED) !=
	       HART_PARKED)
		if (clint_mtime() - start > PARK_TIMEOUT)
			return false;
	return true;
}

/* On this board hart n is CPU n, and harts are numbered without gaps. */
unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	unsigned hart;

	secondary_entry = entry;
	for (hart = 1; hart < MAX_CPUS; hart++) {
		if (!hart_parked(hart))
			break;
		/* Release: secondary_entry before the hart can see HART_GO. */
		__atomic_store_n(&hart_state[hart], HART_GO, __ATOMIC_RELEASE);
		clint_ipi_send(hart);
	}
	return hart;
}
