/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nrf51_timer.c: the nRF51's TIMER0 (nRF51 Series Reference Manual, TIMER
 * chapter), at 0x40008000 on NVIC line 8 (hw/arm/nrf51_soc.c), the tick
 * of a board whose Cortex-M0 has no SysTick. In timer mode it counts
 * the 16 MHz HFCLK divided by 2^PRESCALER; the shortcut from COMPARE[0]
 * to CLEAR restarts it at each match, so every tick is already re-armed.
 * The event is exception 16 + 8, TIMER_EXC.
 */
#include "arch.h"
#include "m_profile.h"

#define TIMER0_BASE		0x40008000u
#define TASKS_START		0x000
#define TASKS_CLEAR		0x00c
#define EVENTS_COMPARE0		0x140
#define SHORTS			0x200
#define INTENSET		0x304
#define MODE			0x504
#define BITMODE			0x508
#define PRESCALER		0x510
#define CC0			0x540

#define SHORTS_COMPARE0_CLEAR	(1u << 0)
#define INTEN_COMPARE0		(1u << 16)
#define MODE_TIMER		0u
#define BITMODE_16		0u
/* 16 MHz / 2^4: a count per microsecond. */
#define PRESCALE_1MHZ		4u
#define COUNTS_PER_TICK		1000u	/* 1 ms */

static volatile uint32_t *reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(TIMER0_BASE + off);
}

size_t arch_timer_irq(void)
{
	return TIMER_EXC;
}

void arch_timer_init(void)
{
	*reg(MODE) = MODE_TIMER;
	*reg(BITMODE) = BITMODE_16;
	*reg(PRESCALER) = PRESCALE_1MHZ;
	*reg(CC0) = COUNTS_PER_TICK;
	*reg(SHORTS) = SHORTS_COMPARE0_CLEAR;
	*reg(INTENSET) = INTEN_COMPARE0;
	*reg(TASKS_CLEAR) = 1;
	*reg(TASKS_START) = 1;
	nvic_enable_line(NRF51_TIMER0_LINE);
	nvic_init_ipi();
}

/*
 * The line stays high while EVENTS_COMPARE[0] is set: clear it, and read
 * it back so that the write has reached the peripheral before the
 * handler returns, or the interrupt is taken again.
 */
void timer_handler(void)
{
	kernel_irq(TIMER_EXC);
	*reg(EVENTS_COMPARE0) = 0;
	(void)*reg(EVENTS_COMPARE0);
}
