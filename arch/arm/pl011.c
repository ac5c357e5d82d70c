/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pl011.c: the Arm PrimeCell PL011 UART, polled transmit only, for arm
 * and aarch64. QEMU's virt board maps it at 0x09000000 (VIRT_UART in
 * hw/arm/virt.c) and needs no set-up: baud rate and line control do not
 * matter to the emulation.
 */
#include "arch.h"

#define PL011_BASE	0x09000000u
#define UARTDR		0x00		/* data register */
#define UARTFR		0x18		/* flag register */
#define UARTFR_TXFF	(1u << 5)	/* transmit FIFO full */

static volatile uint32_t *reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(PL011_BASE + off);
}

void arch_putc(char c)
{
	while (*reg(UARTFR) & UARTFR_TXFF)
		;
	*reg(UARTDR) = (uint8_t)c;
}
