/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * demo.c: `make run`. A short console session: a timer interrupt
 * dispatched through the table to a handler and its context, removed,
 * reported unhandled, registered again, then taken on every CPU.
 */
#include <handler_table.h>

#include "arch.h"
#include "tap.h"

#ifndef KERNEL_CPUS
#define KERNEL_CPUS 1
#endif
#define SHOWN_TICKS 3

HTBL_DEFINE(irq_table, 256);

struct device {
	const char *name;
	unsigned long ticks[MAX_CPUS];	/* atomic */
};

static struct device timer0 = { "timer0", { 0 } };
static struct device timer1 = { "timer1", { 0 } };
static unsigned long unhandled;	/* atomic */
static unsigned console;	/* atomic: 1 while a CPU prints a line */
static bool irqs_on;		/* CPU 0 only */

void tap_putc(char c)
{
	arch_putc(c);
}

static void console_lock(void)
{
	while (__atomic_exchange_n(&console, 1, __ATOMIC_ACQUIRE))
		;
}

static void console_unlock(void)
{
	__atomic_store_n(&console, 0, __ATOMIC_RELEASE);
}

static void line_begin(void)
{
	if (irqs_on)
		arch_irq_disable();
	console_lock();
}

static void line_end(void)
{
	tap_putc('\n');
	console_unlock();
	if (irqs_on)
		arch_irq_enable();
}

/* One line from CPU 0's main flow: "<text>" or "<text><number>". */
static void say(const char *text, uintmax_t number, bool with_number)
{
	line_begin();
	tap_puts(text);
	if (with_number)
		tap_putu(number);
	line_end();
}

static void on_tick(void *arg)
{
	struct device *dev = arg;
	unsigned cpu = arch_cpu_id();
	unsigned long n = __atomic_add_fetch(&dev->ticks[cpu], 1,
					     __ATOMIC_RELAXED);

	if (n > SHOWN_TICKS)
		return;
	console_lock();
	tap_puts("  [irq] cpu ");
	tap_putu(cpu);
	tap_puts(": tick ");
	tap_putu(n);
	tap_puts(" -> on_tick(");
	tap_puts(dev->name);
	tap_puts(")\n");
	console_unlock();
}

void kernel_irq(size_t irq)
{
	if (!htbl_handle(&irq_table, irq))
		__atomic_fetch_add(&unhandled, 1, __ATOMIC_RELAXED);
}

static unsigned long load(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void wait_for(const unsigned long *p, unsigned long target)
{
	while (load(p) < target)
		arch_wait_irq();
}

static unsigned long online;	/* atomic */

static void secondary(unsigned cpu)
{
	(void)cpu;
	arch_timer_init();
	arch_irq_enable();
	__atomic_fetch_add(&online, 1, __ATOMIC_RELAXED);
	for (;;)
		arch_wait_irq();
}

void kernel_main(void)
{
	size_t irq = arch_timer_irq();
	unsigned long u0;
	unsigned ncpus;

	say("handler_table demo on " ARCH_NAME ": timer interrupt is event ",
	    irq, true);
	say("htbl_register(&irq_table, event, on_tick, &timer0)", 0, false);
	htbl_register(&irq_table, irq, on_tick, &timer0);
	arch_timer_init();
	irqs_on = true;
	arch_irq_enable();
	wait_for(&timer0.ticks[0], 100);
	say("... ticks dispatched to on_tick(timer0): ", load(&timer0.ticks[0]),
	    true);
	htbl_unregister_sync(&irq_table, irq, NULL);
	say("htbl_unregister_sync(&irq_table, event): slot empty, timer0 may "
	    "be freed", 0, false);
	u0 = load(&unhandled);
	wait_for(&unhandled, u0 + 50);
	say("50 more ticks came in unhandled; on_tick(timer0) ran in all ",
	    load(&timer0.ticks[0]), true);
	say("htbl_register(&irq_table, event, on_tick, &timer1), starting CPUs",
	    0, false);
	htbl_register(&irq_table, irq, on_tick, &timer1);
	ncpus = arch_start_cpus(secondary);
	wait_for(&online, ncpus - 1);
	for (unsigned c = 0; c < ncpus; c++)
		wait_for(&timer1.ticks[c], 50);
	htbl_unregister_sync(&irq_table, irq, NULL);
	for (unsigned c = 0; c < ncpus; c++) {
		line_begin();
		tap_puts("cpu ");
		tap_putu(c);
		tap_puts(": ");
		tap_putu(load(&timer1.ticks[c]));
		tap_puts(" ticks through the one slot");
		line_end();
	}
	say("done: every CPU's timer dispatched through the table", 0, false);
	arch_exit(0);
}
