/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * v7m.h: what the files of arch/armv7m share: the handlers entry.S puts
 * in the vector table and the start-up hooks it calls.
 */
#ifndef ARCH_V7M_H
#define ARCH_V7M_H

/*
 * The external interrupt line used as IPI (nvic.c): exception 16 + 31.
 * On mps2-an385 nothing the kernel uses drives it: the kernel's devices
 * are SysTick and UART0, whose interrupts stay disabled. entry.S puts
 * nvic_ipi_handler at its slot in the vector table.
 */
#define NVIC_IPI_LINE	31

#ifndef __ASSEMBLER__
#include <stdint.h>

/* cmsdk_uart.c: enable the transmitter, before main. */
void cmsdk_uart_init(void);
/* scb.c: enable the fault exceptions and set priorities, before main. */
void scb_init(void);
/* scb.c: any exception the kernel did not expect; frame as stacked. */
void scb_bad_exception(const uint32_t *frame) __attribute__((noreturn));
/* systick.c: the SysTick exception handler. */
void systick_handler(void);
/* nvic.c: enable the IPI line, in arch_timer_init. */
void nvic_init_ipi(void);
/* nvic.c: the IPI's exception handler. */
void nvic_ipi_handler(void);
#endif

#endif
