/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * entry.S: the vector table and reset for an M-profile core, ARMv7-M
 * (mps2-an385) or ARMv6-M (microbit), so Thumb-1 only: low registers, no
 * IT blocks, no post-indexed stores. The core reads its initial SP and
 * reset vector from the table at address 0 (VTOR, where the core has
 * one, is 0 after reset), so the table is _start, which
 * arch/arm/m/linker.ld puts first. Handlers are plain AAPCS functions: the core stacks r0-r3,
 * r12, lr, pc and xPSR itself.
 */
	.syntax unified
	.thumb

#include "m_profile.h"

#if NVIC_IPI_LINE >= NR_EXT_IRQS || TIMER_EXC >= 16 + NR_EXT_IRQS
#error "the timer or the IPI has no slot in the vector table"
#endif

/*
 * Exceptions 2 (NMI) to 15 (SysTick), then the board's external lines:
 * the timer's and the IPI's handlers in their slots (m_profile.h), every
 * other slot reports an exception the kernel did not expect.
 */
	.section .text.boot, "ax"
	.globl	_start
_start:
	.word	__stacks_end		/* the one stack (linker.ld) */
	.word	reset
	.set	exc, 2
	.rept	16 + NR_EXT_IRQS - 2
	.if	exc == TIMER_EXC
	.word	timer_handler
	.elseif	exc == 16 + NVIC_IPI_LINE
	.word	nvic_ipi_handler
	.else
	.word	bad_exception
	.endif
	.set	exc, exc + 1
	.endr

/* QEMU loads .data at its load address in ROM: copy it to RAM. */
	.text
	.thumb_func
reset:
	cpsid	i
	ldr	r0, =__data_start
	ldr	r1, =__data_end
	ldr	r2, =__data_load
	b	2f
1:	ldr	r3, [r2]
	str	r3, [r0]
	adds	r0, r0, #4
	adds	r2, r2, #4
2:	cmp	r0, r1
	blo	1b
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	movs	r2, #0
	b	4f
3:	str	r2, [r0]
	adds	r0, r0, #4
4:	cmp	r0, r1
	blo	3b
	bl	scb_init
	bl	uart_init
	bl	kernel_main
5:	wfi
	b	5b

/*
 * Thread mode runs on MSP too (CONTROL.SPSEL = 0), so on entry sp points
 * at the frame the core stacked. bl, not b: Thumb-1's b reaches 2 KiB;
 * scb_bad_exception does not return.
 */
	.thumb_func
bad_exception:
	mov	r0, sp
	bl	scb_bad_exception
