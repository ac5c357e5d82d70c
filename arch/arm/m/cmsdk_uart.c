/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cmsdk_uart.c: the Arm CMSDK APB UART (Cortex-M System Design Kit TRM),
 * polled transmit only. UART0 of the mps2-an385 board is at 0x40004000
 * (AN385; hw/arm/mps2.c). The transmitter is off after reset: until CTRL
 * enables it nothing goes out and STATE reports the buffer full forever.
 */
#include "arch.h"
#include "m_profile.h"

#define UART0_BASE	0x40004000u
#define DATA		0x00
#define STATE		0x04
#define CTRL		0x08
#define BAUDDIV		0x10
#define STATE_TX_FULL	(1u << 0)
#define CTRL_TX_EN	(1u << 0)
/* 25 MHz SYSCLK / 115200 baud; the UART wants at least 16. */
#define UART_BAUDDIV	217u

static volatile uint32_t *reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(UART0_BASE + off);
}

void uart_init(void)
{
	*reg(BAUDDIV) = UART_BAUDDIV;
	*reg(CTRL) = CTRL_TX_EN;
}

void arch_putc(char c)
{
	while (*reg(STATE) & STATE_TX_FULL)
		;
	*reg(DATA) = (uint8_t)c;
}
