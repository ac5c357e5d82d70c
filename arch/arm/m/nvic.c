/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nvic.c: the ARMv7-M Nested Vectored Interrupt Controller (ARMv7-M ARM
 * B3.4, at 0xE000E100 in every ARMv7-M core), used for the IPI. With one
 * core, an IPI is an interrupt this CPU raises on itself: an external
 * interrupt line that no device the kernel uses drives, set pending by
 * software. It arrives as exception 16 + NVIC_IPI_LINE, the event number.
 */
#include "arch.h"
#include "v7m.h"

#define NVIC_REG(off)	(*(volatile uint32_t *)(uintptr_t)(0xe000e100u + (off)))
#define NVIC_ISER(n)	NVIC_REG(0x000 + 4 * (n))	/* set-enable */
#define NVIC_ISPR(n)	NVIC_REG(0x100 + 4 * (n))	/* set-pending */
#define NVIC_IPR	((volatile uint8_t *)(uintptr_t)0xe000e400u)

#define EXC_EXTERNAL0	16u
#define IPI_EXC		(EXC_EXTERNAL0 + NVIC_IPI_LINE)
#define IPI_BIT		(1u << (NVIC_IPI_LINE % 32))
/* Lowest priority, as SysTick's (scb.c): neither preempts the other. */
#define IPI_PRIO	0xffu

size_t arch_ipi_irq(void)
{
	return IPI_EXC;
}

/* Called from arch_timer_init (systick.c), interrupts still masked. */
void nvic_init_ipi(void)
{
	NVIC_IPR[NVIC_IPI_LINE] = IPI_PRIO;
	NVIC_ISER(NVIC_IPI_LINE / 32) = IPI_BIT;
}

/*
 * Only CPU 0 exists, so cpu is always this CPU. The DSB completes the
 * write to ISPR, and the ISB lets the exception be taken before the next
 * instruction when interrupts are unmasked.
 */
void arch_ipi_send(unsigned cpu)
{
	(void)cpu;
	NVIC_ISPR(NVIC_IPI_LINE / 32) = IPI_BIT;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Taking the exception clears its pending state: nothing to acknowledge. */
void nvic_ipi_handler(void)
{
	kernel_irq(IPI_EXC);
}
