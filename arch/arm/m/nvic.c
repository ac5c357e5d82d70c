/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nvic.c: the Nested Vectored Interrupt Controller, at 0xE000E100 in every
 * M-profile core (ARMv7-M ARM B3.4, ARMv6-M ARM B3.4): external lines
 * enabled, prioritized and, for the IPI, pended by software. With one
 * core, an IPI is an interrupt this CPU raises on itself: an external
 * line that no device the kernel uses drives (m_profile.h). It arrives as
 * exception 16 + NVIC_IPI_LINE, the event number. Word accesses only, as
 * ARMv6-M requires (ARMv7-M also allows bytes, and STIR, which ARMv6-M
 * lacks).
 */
#include "arch.h"
#include "m_profile.h"

#define NVIC_REG(off)	(*(volatile uint32_t *)(uintptr_t)(0xe000e100u + (off)))
#define NVIC_ISER(n)	NVIC_REG(0x000 + 4 * (n))	/* set-enable */
#define NVIC_ISPR(n)	NVIC_REG(0x100 + 4 * (n))	/* set-pending */
#define NVIC_IPR(n)	NVIC_REG(0x300 + 4 * (n))	/* priority, 4 lines */

#define EXC_EXTERNAL0	16u
#define IPI_EXC		(EXC_EXTERNAL0 + NVIC_IPI_LINE)
#define LINE_BIT(line)	(1u << ((line) % 32))
/*
 * Lowest priority, as SysTick's (scb.c): no interrupt preempts another.
 * The core keeps the top bits it implements (two on ARMv6-M).
 */
#define PRIO_LOWEST	0xffu

void nvic_enable_line(unsigned line)
{
	unsigned shift = line % 4 * 8;

	NVIC_IPR(line / 4) |= PRIO_LOWEST << shift;
	NVIC_ISER(line / 32) = LINE_BIT(line);
}

size_t arch_ipi_irq(void)
{
	return IPI_EXC;
}

/* Called from arch_timer_init, interrupts still masked. */
void nvic_init_ipi(void)
{
	nvic_enable_line(NVIC_IPI_LINE);
}

/*
 * Only CPU 0 exists, so cpu is always this CPU. The DSB completes the
 * write to ISPR, and the ISB lets the exception be taken before the next
 * instruction when interrupts are unmasked.
 */
void arch_ipi_send(unsigned cpu)
{
	(void)cpu;
	NVIC_ISPR(NVIC_IPI_LINE / 32) = LINE_BIT(NVIC_IPI_LINE);
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Taking the exception clears its pending state: nothing to acknowledge. */
void nvic_ipi_handler(void)
{
	kernel_irq(IPI_EXC);
}
