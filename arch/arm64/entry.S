/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * entry.S: AArch64 entry on QEMU's virt board. QEMU loads this ELF at its
 * link address and starts CPU 0 at _start, at EL1 with the MMU off and
 * interrupts masked; the other CPUs stay powered off until PSCI CPU_ON
 * (psci.c) starts them at secondary_start, in the same state, with x0 =
 * the context id, which is their CPU number.
 */

/* sp = top of CPU \cpu's stack: __stacks_start + (cpu + 1) * KSTACK_SIZE. */
.macro set_stack cpu, tmp1, tmp2
	ldr	\tmp1, =__stacks_start
	ldr	\tmp2, =KSTACK_SIZE
	madd	\tmp1, \cpu, \tmp2, \tmp1
	add	sp, \tmp1, \tmp2
.endm

.macro set_vectors tmp
	ldr	\tmp, =vectors
	msr	vbar_el1, \tmp
	isb
.endm

	.section .text.boot, "ax"
	.globl _start
_start:
	msr	daifset, #0xf
	/* A loader that starts every CPU here: only CPU 0 (Aff0) boots. */
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cbnz	x0, park
	set_stack x0, x1, x2
	set_vectors x1

	/* __bss_start is 64-byte aligned, __bss_end 16-byte (linker.ld). */
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:
	/* A zero frame record ends a debugger's backtrace here. */
	mov	x29, xzr
	mov	x30, xzr
	b	kernel_main

	.text
	.globl secondary_start
secondary_start:
	set_vectors x1
	set_stack x0, x1, x2
	mov	x29, xzr
	bl	psci_secondary
park:
	wfe
	b	park
