/*
 * v7m.h: what the files of arch/armv7m share: the handlers entry.S puts
 * in the vector table and the start-up hooks it calls.
 */
#ifndef ARCH_V7M_H
#define ARCH_V7M_H

#include <stdint.h>

/* cmsdk_uart.c: enable the transmitter, before main. */
void cmsdk_uart_init(void);
/* scb.c: enable the fault exceptions and set priorities, before main. */
void scb_init(void);
/* scb.c: any exception the kernel did not expect; frame as stacked. */
void scb_bad_exception(const uint32_t *frame) __attribute__((noreturn));
/* systick.c: the SysTick exception handler. */
void systick_handler(void);

#endif
