/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ns16550a.c: the PC's COM1 16550A UART at I/O port 0x3f8 (QEMU's
 * hw/char/serial-isa.c, -serial stdio). Polled output only, no interrupts.
 */
#include "arch.h"
#include "x86.h"

#define COM1 0x3f8

#define THR 0			/* transmit holding */
#define IER 1			/* interrupt enable */
#define DLL 0			/* divisor latch, low/high, while LCR_DLAB */
#define DLM 1
#define FCR 2			/* FIFO control */
#define LCR 3			/* line control */
#define MCR 4			/* modem control */
#define LSR 5			/* line status */

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS 0x03
#define LSR_THRE 0x20		/* THR empty: room for a byte */

/* 115200 8N1, FIFOs on, interrupts off. */
void ns16550a_init(void)
{
	outb(COM1 + IER, 0);
	outb(COM1 + LCR, LCR_DLAB);
	outb(COM1 + DLL, 1);
	outb(COM1 + DLM, 0);
	outb(COM1 + LCR, LCR_8N1);
	outb(COM1 + FCR, FCR_ENABLE_CLEAR);
	outb(COM1 + MCR, MCR_DTR_RTS);
}

void arch_putc(char c)
{
	while (!(inb(COM1 + LSR) & LSR_THRE))
		;
	outb(COM1 + THR, c);
}
