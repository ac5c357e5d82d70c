/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bad_trap.c: the report of an exception a kernel did not expect, shared
 * by the test and demo kernels: the cause and registers as a TAP comment, a
 * failed case, the summary, and a failing exit.
 */
#include "arch.h"
#include "tap.h"

static unsigned trapped;	/* atomic: a CPU is reporting */

void kernel_bad_trap(const char *what, uintptr_t cause, uintptr_t pc,
		     uintptr_t addr)
{
	arch_irq_disable();
	/* One CPU reports; any other that traps meanwhile waits for the exit. */
	while (__atomic_exchange_n(&trapped, 1, __ATOMIC_ACQUIRE))
		;
	tap_puts("# unexpected trap: ");
	tap_puts(what);
	tap_puts(" cause ");
	tap_puthex(cause);
	tap_puts(" pc ");
	tap_puthex(pc);
	tap_puts(" addr ");
	tap_puthex(addr);
	tap_putc('\n');
	tap_check(false, "no unexpected trap");
	tap_done();
	arch_exit(3);
}
