/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arch.h: what each arch/<arch>/ provides to the test kernel, and what the
 * kernel provides back. Everything else about the kernel lives in tests/.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* CPUs the kernel may run, each on its own KSTACK_SIZE stack (linker.ld). */
#define MAX_CPUS 4

/* ---- provided by arch/<arch>/ --------------------------------------- */

/* Write one character to the serial UART, polling. */
void arch_putc(char c);
/* Leave QEMU: 0 is success, anything else failure. */
void arch_exit(int status) __attribute__((noreturn));
/* This CPU's number, 0 for the boot CPU, below MAX_CPUS. */
unsigned arch_cpu_id(void);
/*
 * Set up this CPU's interrupt controller and its timer, so that once
 * interrupts are enabled the timer fires about every millisecond. The
 * arch's interrupt entry calls kernel_irq(arch_timer_irq()) for each tick,
 * then acknowledges and re-arms the timer whether or not it was handled.
 */
void arch_timer_init(void);
/* The event number of the timer interrupt, the same on every CPU. */
size_t arch_timer_irq(void);
void arch_irq_enable(void);
void arch_irq_disable(void);
/* Sleep until an interrupt arrives (it may also return spuriously). */
void arch_wait_irq(void);
/*
 * Start CPUs 1 to MAX_CPUS - 1 that the machine has, each calling
 * entry(cpu) on its own stack with interrupts disabled. Returns how many
 * CPUs run, the boot CPU included: 1 on a single-CPU machine.
 */
unsigned arch_start_cpus(void (*entry)(unsigned cpu));
/*
 * The event number of the inter-processor (software-generated) interrupt,
 * the same on every CPU, below 240. The arch's interrupt entry calls
 * kernel_irq(arch_ipi_irq()) for it and acknowledges it, handled or not.
 */
size_t arch_ipi_irq(void);
/* Raise that interrupt on CPU cpu (which may be this CPU). */
void arch_ipi_send(unsigned cpu);

/* ---- provided by the kernel (tests/kernel.c, tests/demo.c) ----------- */

/* Boot CPU entry, after stack, .bss and the trap vector are set up. */
void kernel_main(void) __attribute__((noreturn));
/* Dispatch one interrupt through the table; counts it if unhandled. */
void kernel_irq(size_t irq);
/* An exception the kernel did not expect: report and exit with failure. */
void kernel_bad_trap(const char *what, uintptr_t cause, uintptr_t pc,
		     uintptr_t addr) __attribute__((noreturn));

#endif
