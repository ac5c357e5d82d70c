/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * m_profile.h: what the files of arch/arm/m/ share, on ARMv7-M (armv7m)
 * and ARMv6-M (armv6m): the board's interrupt lines, the handlers entry.S
 * puts in the vector table and the start-up hooks it calls.
 */
#ifndef ARCH_M_PROFILE_H
#define ARCH_M_PROFILE_H

/*
 * The board, which qemu/<arch>.mk names in KERNEL_DEFS with the QEMU
 * machine it picks. Per board: its external interrupts (exceptions 16 and
 * up), the exception of the timer the kernel uses, and the line used as
 * IPI (nvic.c), one that nothing the kernel uses drives.
 */
#if defined(BOARD_MPS2_AN385)
/*
 * mps2-an385, a Cortex-M3 (AN385; hw/arm/mps2.c): 32 external lines.
 * The timer is SysTick; the IPI is line 31 (the UART's interrupts stay
 * disabled).
 */
#define NR_EXT_IRQS	32
#define TIMER_EXC	15
#define NVIC_IPI_LINE	31
#elif defined(BOARD_NRF51)
/*
 * microbit, an nRF51822 Cortex-M0 (nRF51 Series Reference Manual;
 * hw/arm/nrf51_soc.c): 32 external lines. The nRF51 has no SysTick (QEMU
 * models one anyway): the timer is TIMER0, line 8. The IPI is SWI0, line
 * 20, which the SoC leaves to software.
 */
#define NR_EXT_IRQS		32
#define NRF51_TIMER0_LINE	8
#define TIMER_EXC		(16 + NRF51_TIMER0_LINE)
#define NVIC_IPI_LINE		20
#else
#error "no board: qemu/<arch>.mk's KERNEL_DEFS names it (-DBOARD_...)"
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

/* cmsdk_uart.c or nrf51_uart.c: enable the transmitter, before main. */
void uart_init(void);
/* scb.c: enable the fault exceptions and set priorities, before main. */
void scb_init(void);
/* scb.c: any exception the kernel did not expect; frame as stacked. */
void scb_bad_exception(const uint32_t *frame) __attribute__((noreturn));
/* systick.c or nrf51_timer.c: the timer's handler, at TIMER_EXC. */
void timer_handler(void);
/* nvic.c: give an external line the lowest priority and enable it. */
void nvic_enable_line(unsigned line);
/* nvic.c: enable the IPI line, in arch_timer_init. */
void nvic_init_ipi(void);
/* nvic.c: the IPI's exception handler. */
void nvic_ipi_handler(void);
#endif

#endif
