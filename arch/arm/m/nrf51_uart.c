/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nrf51_uart.c: the nRF51 UART (nRF51 Series Reference Manual, UART
 * chapter), polled transmit only, at 0x40002000 (hw/arm/nrf51_soc.c).
 * Nothing goes out until ENABLE selects the UART and TASKS_STARTTX starts
 * the transmitter; then each byte written to TXD raises EVENTS_TXDRDY once
 * it has left, and the event must be cleared before the next one.
 */
#include "arch.h"
#include "m_profile.h"

#define UART0_BASE	0x40002000u
#define TASKS_STARTTX	0x008
#define EVENTS_TXDRDY	0x11c
#define ENABLE		0x500
#define PSELTXD		0x50c
#define TXD		0x51c
#define BAUDRATE	0x524
#define ENABLE_UART	4u
/* The micro:bit's TX pin, P0.24, to its USB interface chip. */
#define MICROBIT_TX_PIN	24u
#define BAUD_115200	0x01d7e000u

static volatile uint32_t *reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(UART0_BASE + off);
}

void uart_init(void)
{
	*reg(PSELTXD) = MICROBIT_TX_PIN;
	*reg(BAUDRATE) = BAUD_115200;
	*reg(ENABLE) = ENABLE_UART;
	*reg(TASKS_STARTTX) = 1;
}

void arch_putc(char c)
{
	*reg(TXD) = (uint8_t)c;
	while (!*reg(EVENTS_TXDRDY))
		;
	*reg(EVENTS_TXDRDY) = 0;
}
