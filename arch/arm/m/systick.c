/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * systick.c: the SysTick timer (ARMv7-M ARM B3.3, at 0xE000E010; optional
 * on ARMv6-M), clocked from the core clock: 25 MHz SYSCLK on mps2-an385
 * (SYSCLK_FRQ in hw/arm/mps2.c). It reloads by itself, so every tick is
 * already re-armed; the event is exception number 15, TIMER_EXC.
 */
#include "arch.h"
#include "m_profile.h"

#define SYST_CSR	(*(volatile uint32_t *)0xe000e010u)	/* control */
#define SYST_RVR	(*(volatile uint32_t *)0xe000e014u)	/* reload */
#define SYST_CVR	(*(volatile uint32_t *)0xe000e018u)	/* current */

#define CSR_ENABLE	(1u << 0)
#define CSR_TICKINT	(1u << 1)
#define CSR_CLKSOURCE	(1u << 2)	/* core clock, not the reference */
#define CORE_HZ		25000000u
#define TICKS_PER_SECOND 1000u

#if TIMER_EXC != 15
#error "SysTick is exception 15: the board names another timer"
#endif

size_t arch_timer_irq(void)
{
	return TIMER_EXC;
}

void arch_timer_init(void)
{
	SYST_RVR = CORE_HZ / TICKS_PER_SECOND - 1;
	SYST_CVR = 0;	/* any write clears it: the first period is whole */
	SYST_CSR = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE;
	nvic_init_ipi();
}

/*
 * Taking the exception clears its pending state; reading CSR clears
 * COUNTFLAG, which acknowledges the wrap.
 */
void timer_handler(void)
{
	kernel_irq(TIMER_EXC);
	(void)SYST_CSR;
}
