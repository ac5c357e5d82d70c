/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vectors.S: the IDT's entry points (Intel SDM vol. 3A, 6.14, exception
 * and interrupt handling in 64-bit mode); idt.c installs them as gates.
 */
#include "x86.h"

#define ALL_VECTORS 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20, \
	21,22,23,24,25,26,27,28,29,30,31

	/*
	 * #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC and #SX push an error
	 * code; push a zero for the others so that every frame looks alike.
	 */
	.macro exception n
	.balign 16
exception_\n:
	.if \n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30
	.else
	pushq $0
	.endif
	pushq $\n
	jmp exception_common
	.endm

	.text
	.irp n, ALL_VECTORS
	exception \n
	.endr

	/* Stack: vector, error code, then the CPU's RIP, CS, RFLAGS, RSP, SS. */
exception_common:
	cld
	mov %rsp, %rdi
	and $-16, %rsp
	call x86_exception
	ud2			/* not reached: x86_exception exits */

	/*
	 * A LAPIC interrupt can hit anywhere: save what the C ABI lets a
	 * callee clobber. The CPU aligned RSP to 16 before its 5-word frame,
	 * so the 9 pushes leave it aligned for the call.
	 */
	.macro lapic_irq name, handler
	.balign 16
	.globl \name
\name:
	push %rax
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %r8
	push %r9
	push %r10
	push %r11
	cld
	call \handler
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rax
	iretq
	.endm

	lapic_irq irq_timer, lapic_timer_interrupt
	lapic_irq irq_ipi, lapic_ipi_interrupt

	/* The LAPIC's spurious vector: it sets no ISR bit, so no EOI. */
	.balign 16
	.globl irq_spurious
irq_spurious:
	iretq

	.section .rodata
	.balign 8
	.globl exception_stubs
exception_stubs:
	.irp n, ALL_VECTORS
	.quad exception_\n
	.endr

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
