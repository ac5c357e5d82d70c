/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kernel.c: the Make-route consumer as a kernel. Booted with the project's
 * boot stub for its arch (arch/<arch>/, the interface in tests/arch.h), it
 * wires the table into its interrupt entry as a kernel does (kernel_irq:
 * htbl_handle, count what no handler took), runs consumer_run(), then sends
 * itself an IPI and waits for its handler, and for a timer tick that no
 * handler takes. TAP on the UART; QEMU's exit status says pass or fail.
 */
#include <handler_table.h>

#include "arch.h"
#include "consumer.h"
#include "tap.h"

/* Interrupts (a timer tick is about 1 ms) to wait for before giving up. */
#define WAIT_IRQS 2000

HTBL_DEFINE(irq_table, 256);

static unsigned long unhandled;	/* atomic: interrupts no handler took */
static unsigned long ipis;	/* atomic */

void tap_putc(char c)
{
	arch_putc(c);
}

void kernel_irq(size_t irq)
{
	if (!htbl_handle(&irq_table, irq))
		__atomic_fetch_add(&unhandled, 1, __ATOMIC_RELAXED);
}

static void on_ipi(void *arg)
{
	__atomic_fetch_add((unsigned long *)arg, 1, __ATOMIC_RELAXED);
}

void kernel_main(void)
{
	tap_check(consumer_run() == 0,
		  "consumer_run: register, dispatch, empty slot");
	tap_check(htbl_register(&irq_table, arch_ipi_irq(), on_ipi, &ipis),
		  "register the IPI handler");
	arch_timer_init();
	arch_irq_enable();
	arch_ipi_send(0);
	/* The IPI, and a timer tick that nobody registered for. */
	for (unsigned n = 0; n < WAIT_IRQS &&
	     (__atomic_load_n(&ipis, __ATOMIC_RELAXED) == 0 ||
	      __atomic_load_n(&unhandled, __ATOMIC_RELAXED) == 0); n++)
		arch_wait_irq();
	arch_irq_disable();
	tap_check(__atomic_load_n(&ipis, __ATOMIC_RELAXED) == 1,
		  "an IPI to this CPU dispatched through the table");
	tap_check(__atomic_load_n(&unhandled, __ATOMIC_RELAXED) > 0,
		  "timer ticks with no handler counted as unhandled");
	arch_exit(tap_done() ? 1 : 0);
}
