/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * entry.S: boot, exception vectors and interrupt entry for a Cortex-A15
 * (ARMv7-A, Arm state) on QEMU's virt board. QEMU enters _start on CPU 0
 * in SVC mode with IRQs and FIQs masked, MMU off; the other CPUs stay off
 * until PSCI CPU_ON starts them at arm_secondary_start.
 */
	.syntax unified
	.arm

#define MODE_FIQ	0x11
#define MODE_IRQ	0x12
#define MODE_SVC	0x13
#define MODE_ABT	0x17
#define MODE_UND	0x1b
#define SCTLR_V		(1 << 13)

/*
 * Each CPU's KSTACK_SIZE region (linker.ld), from the top down: IRQ
 * stack, abort stack, undefined (and FIQ) stack, then the SVC stack the
 * kernel runs on with the rest.
 */
#define IRQ_STACK	0x800
#define ABT_STACK	0x400
#define UND_STACK	0x400

/* Give every mode of CPU \cpu its stack; ends in SVC mode. */
.macro set_stacks cpu, tmp
	ldr	\tmp, =KSTACK_SIZE
	mla	\tmp, \cpu, \tmp, \tmp
	ldr	\cpu, =__stacks_start
	add	\tmp, \tmp, \cpu
	cps	#MODE_IRQ
	mov	sp, \tmp
	sub	\tmp, \tmp, #IRQ_STACK
	cps	#MODE_ABT
	mov	sp, \tmp
	sub	\tmp, \tmp, #ABT_STACK
	cps	#MODE_UND
	mov	sp, \tmp
	/* FIQs stay masked; a stray one reports on the undefined stack. */
	cps	#MODE_FIQ
	mov	sp, \tmp
	sub	\tmp, \tmp, #UND_STACK
	cps	#MODE_SVC
	mov	sp, \tmp
.endm

/* Point VBAR at our vectors; SCTLR.V = 0 so that VBAR is used. */
.macro set_vectors tmp
	mrc	p15, 0, \tmp, c1, c0, 0
	bic	\tmp, \tmp, #SCTLR_V
	mcr	p15, 0, \tmp, c1, c0, 0
	ldr	\tmp, =vectors
	mcr	p15, 0, \tmp, c12, c0, 0
	isb
.endm

	.section .text.boot, "ax"
	.globl	_start
_start:
	cpsid	if
	/* Only CPU 0 boots; park any other CPU that a loader let run. */
	mrc	p15, 0, r0, c0, c0, 5
	ands	r0, r0, #0xff
	bne	park
	set_stacks r0, r1
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	set_vectors r0
	bl	kernel_main
park:
	wfi
	b	park

	.text
	.globl	arm_secondary_start
arm_secondary_start:
	cpsid	if
	mov	r4, r0
	set_stacks r0, r1
	set_vectors r0
	ldr	r1, =arm_secondary_entry
	ldr	r1, [r1]
	mov	r0, r4
	blx	r1
	b	park

/* Reset never comes through VBAR, nor does the Hyp-only slot at 0x14. */
	.balign	32
vectors:
	b	.
	b	undef_trap
	b	svc_trap
	b	pabt_trap
	b	dabt_trap
	b	.
	b	irq_entry
	b	fiq_trap

/*
 * IRQ mode, IRQs masked until we return, so no nesting: the IRQ stack is
 * empty on entry. The interrupted code keeps its own banked sp and lr;
 * save the return state and the registers a C call may clobber (r0-r3,
 * r12, lr_irq): 8 + 24 bytes keep sp 8-byte aligned for AAPCS.
 */
irq_entry:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_IRQ
	push	{r0-r3, r12, lr}
	bl	gicv2_irq
	pop	{r0-r3, r12, lr}
	rfeia	sp!

/*
 * Unexpected exceptions: kernel_bad_trap(name, cause, pc, fault address)
 * on this mode's stack; it does not return. Everything here is Arm code
 * (-marm): lr points 4 past the faulting instruction, 8 for a data abort.
 * With no syndrome register at PL1, undefined, SVC and FIQ report SPSR.
 */
undef_trap:
	mrs	r1, spsr
	sub	r2, lr, #4
	mov	r3, r2
	ldr	r0, =str_undef
	b	bad_trap

svc_trap:
	mrs	r1, spsr
	sub	r2, lr, #4
	mov	r3, r2
	ldr	r0, =str_svc
	b	bad_trap

pabt_trap:
	mrc	p15, 0, r1, c5, c0, 1		/* IFSR */
	sub	r2, lr, #4
	mrc	p15, 0, r3, c6, c0, 2		/* IFAR */
	ldr	r0, =str_pabt
	b	bad_trap

dabt_trap:
	mrc	p15, 0, r1, c5, c0, 0		/* DFSR */
	sub	r2, lr, #8
	mrc	p15, 0, r3, c6, c0, 0		/* DFAR */
	ldr	r0, =str_dabt
	b	bad_trap

fiq_trap:
	mrs	r1, spsr
	sub	r2, lr, #4
	mov	r3, #0
	ldr	r0, =str_fiq

/* An SVC from the kernel's own stack may find sp only 4-byte aligned. */
bad_trap:
	bic	sp, sp, #7
	bl	kernel_bad_trap
	b	park

	.section .rodata, "a"
str_undef:
	.asciz	"undefined instruction"
str_svc:
	.asciz	"svc"
str_pabt:
	.asciz	"prefetch abort"
str_dabt:
	.asciz	"data abort"
str_fiq:
	.asciz	"fiq"
