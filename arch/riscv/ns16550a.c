/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ns16550a.c: the NS16550A UART of QEMU's virt board, at 0x10000000
 * (VIRT_UART0 in hw/riscv/virt.c). QEMU's model transmits without any
 * set-up; output only, polled.
 */
#include "arch.h"
#include "riscv.h"

#define UART0_BASE 0x10000000ul
#define THR 0			/* transmit holding */
#define LSR 5			/* line status */
#define LSR_THRE 0x20		/* THR empty: room for a byte */

void arch_putc(char c)
{
	while (!(mmio_read8(UART0_BASE + LSR) & LSR_THRE))
		;
	mmio_write8(UART0_BASE + THR, (uint8_t)c);
}
