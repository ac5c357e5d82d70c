/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * entry.S: the vector table and reset for a Cortex-M3 (ARMv7-M) on QEMU's
 * mps2-an385 board. The core reads its initial SP and reset vector from
 * the table at VTOR, 0 after reset, so the table is _start: linker.ld
 * puts .text.boot first at LOAD_ADDR. Handlers are plain AAPCS functions:
 * the core stacks r0-r3, r12, lr, pc and xPSR itself.
 */
	.syntax unified
	.thumb

#include "v7m.h"

/*
 * AN385 has 32 external interrupts, exceptions 16 to 47; the only one
 * used is NVIC_IPI_LINE, which software pends as the IPI (nvic.c).
 */
#define NR_EXT_IRQS	32
#if NVIC_IPI_LINE >= NR_EXT_IRQS
#error "the IPI line has no slot in the vector table"
#endif

	.section .text.boot, "ax"
	.globl	_start
_start:
	.word	__stacks_end		/* replaced by CPU 0's stack in reset */
	.word	reset
	.word	bad_exception		/* 2: NMI */
	.word	bad_exception		/* 3: HardFault */
	.word	bad_exception		/* 4: MemManage */
	.word	bad_exception		/* 5: BusFault */
	.word	bad_exception		/* 6: UsageFault */
	.rept	4
	.word	bad_exception		/* 7-10: reserved */
	.endr
	.word	bad_exception		/* 11: SVCall */
	.word	bad_exception		/* 12: DebugMonitor */
	.word	bad_exception		/* 13: reserved */
	.word	bad_exception		/* 14: PendSV */
	.word	systick_handler		/* 15: SysTick */
	.rept	NVIC_IPI_LINE
	.word	bad_exception
	.endr
	.word	nvic_ipi_handler	/* 16 + NVIC_IPI_LINE: the IPI */
	.rept	NR_EXT_IRQS - NVIC_IPI_LINE - 1
	.word	bad_exception
	.endr

	.text
	.thumb_func
reset:
	cpsid	i
	ldr	r0, =__stacks_start
	ldr	r1, =KSTACK_SIZE
	add	r0, r0, r1
	mov	sp, r0
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	movs	r2, #0
1:	cmp	r0, r1
	itt	lo
	strlo	r2, [r0], #4
	blo	1b
	bl	scb_init
	bl	cmsdk_uart_init
	bl	kernel_main
2:	wfi
	b	2b

/*
 * Thread mode runs on MSP too (CONTROL.SPSEL = 0), so on entry sp points
 * at the frame the core stacked.
 */
	.thumb_func
bad_exception:
	mov	r0, sp
	b	scb_bad_exception
