/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trampoline.S: the GDT every CPU runs on, and the real-mode start of
 * the application processors (Intel SDM vol. 3A, 8.4.4), the same for
 * i386 and x86_64: smp.c copies it to AP_TRAMPOLINE, and an AP's SIPI
 * starts it there in 16-bit real mode; it turns on protected mode and
 * jumps to ap_start32 in boot32.S or boot64.S.
 */
#include "x86.h"

#define CR0_PE		0x00000001

	/*
	 * A SIPI with vector AP_TRAMPOLINE >> 12 starts an AP here at
	 * CS:IP = (AP_TRAMPOLINE >> 4):0, so address data through DS = 0 at
	 * its copied location.
	 */
	.text
	.code16
	.globl ap_trampoline, ap_trampoline_end
ap_trampoline:
	cli
	xor %ax, %ax
	mov %ax, %ds
	lgdtl AP_TRAMPOLINE + (gdt_ptr - ap_trampoline)
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	ljmpl $SEL_CODE32, $ap_start32

	/*
	 * The boot CPU loads the GDT through the same pointer at its link
	 * address, in 32-bit mode: a 32-bit base either way.
	 */
	.balign 8
	.globl gdt_ptr
gdt_ptr:
	.word gdt_end - gdt - 1
	.long gdt
ap_trampoline_end:

	.data
	.balign 16
gdt:
	.quad 0
#ifdef __x86_64__
	.quad 0x00af9a000000ffff	/* SEL_CODE: present, L=1 */
	.quad 0x00cf92000000ffff	/* SEL_DATA: flat 4 GiB, writable */
	.quad 0x00cf9a000000ffff	/* SEL_CODE32: flat 4 GiB, D=1 */
#else
	.quad 0x00cf9a000000ffff	/* SEL_CODE: flat 4 GiB, D=1 */
	.quad 0x00cf92000000ffff	/* SEL_DATA: flat 4 GiB, writable */
#endif
gdt_end:

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
