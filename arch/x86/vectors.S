/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vectors.S: the IDT's entry points (Intel SDM vol. 3A, 6.12 and 6.14,
 * exception and interrupt handling in 32-bit and in 64-bit mode); idt.c
 * installs them as gates. The two modes differ in what the CPU pushes,
 * in which registers a callee may clobber and in how an argument is
 * passed: those parts are written once for each.
 */
#include "x86.h"

#define ALL_VECTORS 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20, \
	21,22,23,24,25,26,27,28,29,30,31

#ifdef __x86_64__
#define IRET iretq
#define PTR .quad
#else
#define IRET iret
#define PTR .long
#endif

	/*
	 * #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC and #SX push an error
	 * code; push a zero for the others so that every frame looks alike.
	 * A push of an immediate is word-sized: 8 bytes, or 4 on i386.
	 */
	.macro exception n
	.balign 16
exception_\n:
	.if \n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30
	.else
	push $0
	.endif
	push $\n
	jmp exception_common
	.endm

	.text
	.irp n, ALL_VECTORS
	exception \n
	.endr

	/*
	 * Stack: vector, error code, then the CPU's IP, CS, FLAGS (and, in
	 * 64-bit mode, RSP and SS): idt.c's struct exception_frame.
	 */
exception_common:
	cld
#ifdef __x86_64__
	mov %rsp, %rdi
	and $-16, %rsp
#else
	mov %esp, %eax
	and $-16, %esp
	sub $12, %esp		/* the 4-byte argument then leaves it aligned */
	push %eax		/* the argument, on the stack: the frame */
#endif
	call x86_exception
	ud2			/* not reached: x86_exception exits */

	/*
	 * A LAPIC interrupt can hit anywhere: save what the C ABI lets a
	 * callee clobber, and call with the stack 16-byte aligned as the ABI
	 * wants. In 64-bit mode the CPU aligned RSP to 16 before its 5-word
	 * frame, so the 9 pushes leave it aligned; in 32-bit mode it does not
	 * align ESP, so align it here, keeping the old one in callee-saved EBP.
	 */
	.macro lapic_irq name, handler
	.balign 16
	.globl \name
\name:
#ifdef __x86_64__
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
#else
	push %eax
	push %ecx
	push %edx
	push %ebp
	mov %esp, %ebp
	and $-16, %esp
	cld
	call \handler
	mov %ebp, %esp
	pop %ebp
	pop %edx
	pop %ecx
	pop %eax
#endif
	IRET
	.endm

	lapic_irq irq_timer, lapic_timer_interrupt
	lapic_irq irq_ipi, lapic_ipi_interrupt

	/* The LAPIC's spurious vector: it sets no ISR bit, so no EOI. */
	.balign 16
	.globl irq_spurious
irq_spurious:
	IRET

	.section .rodata
	.balign 8
	.globl exception_stubs
exception_stubs:
	.irp n, ALL_VECTORS
	PTR exception_\n
	.endr

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
