/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pl011.c: the Arm PrimeCell PL011 UART of QEMU's virt board, at
 * 0x09000000 (VIRT_UART in hw/arm/virt.c). QEMU's model transmits
 * without any set-up; output only, polled.
 */
#include "aarch64.h"
#include "arch.h"

#define PL011_BASE 0x09000000UL
#define UARTDR 0x000
#define UARTFR 0x018
#define UARTFR_TXFF (1u << 5) /* transmit FIFO full */

void arch_putc(char c)
{
	while (mmio_read32(PL011_BASE + UARTFR) & UARTFR_TXFF)
		;
	mmio_write32(PL011_BASE + UARTDR, (uint8_t)c);
}
