/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vectors.S: the EL1 exception vector table (VBAR_EL1). The kernel runs at
 * EL1 on SP_EL1, so interrupts arrive at "current EL with SP_ELx, IRQ"
 * (offset 0x280). Every other entry is an exception the kernel does not
 * expect: it goes to kernel_bad_trap with ESR_EL1, ELR_EL1 and FAR_EL1.
 */

/* x0-x18 and x30 are the registers a C call may clobber, then ELR and SPSR. */
#define FRAME_SIZE	(22 * 8)

.macro bad_vector what
	.balign 0x80
	.pushsection .rodata, "a"
9:	.asciz "\what"
	.popsection
	adrp	x0, 9b
	add	x0, x0, :lo12:9b
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	kernel_bad_trap
.endm

	.text
	.balign 2048
	.globl vectors
vectors:
	/* Current EL with SP_EL0: the kernel never runs on SP_EL0. */
	bad_vector "synchronous exception at EL1 on SP_EL0"
	bad_vector "IRQ at EL1 on SP_EL0"
	bad_vector "FIQ at EL1 on SP_EL0"
	bad_vector "SError at EL1 on SP_EL0"
	/* Current EL with SP_ELx: the kernel's own. */
	bad_vector "synchronous exception at EL1"
	.balign 0x80
	b	irq_entry
	bad_vector "FIQ at EL1"
	bad_vector "SError at EL1"
	/* Lower EL: nothing runs below EL1. */
	bad_vector "synchronous exception from EL0 (AArch64)"
	bad_vector "IRQ from EL0 (AArch64)"
	bad_vector "FIQ from EL0 (AArch64)"
	bad_vector "SError from EL0 (AArch64)"
	bad_vector "synchronous exception from EL0 (AArch32)"
	bad_vector "IRQ from EL0 (AArch32)"
	bad_vector "FIQ from EL0 (AArch32)"
	bad_vector "SError from EL0 (AArch32)"

/*
 * The interrupt can hit anywhere: save what the C handler may clobber, and
 * ELR/SPSR, which any exception taken inside the handler would overwrite.
 */
irq_entry:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x30, [sp, #16 * 9]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #16 * 10]

	bl	gicv2_irq

	ldp	x0, x1, [sp, #16 * 10]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x30, [sp, #16 * 9]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #FRAME_SIZE
	eret
