/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * entry.S: RISC-V entry (RV64 and RV32) on QEMU's virt board with -bios
 * none. Every hart starts here at once, in M-mode at the start of RAM
 * (0x80000000, VIRT_DRAM in hw/riscv/virt.c), with interrupts off. Hart 0
 * clears .bss and boots; the others park in hart_park (smp.c), touching
 * nothing but .data, their own stacks and the CLINT, until arch_start_cpus
 * releases them. A uniprocessor build (-DHTBL_UNIPROCESSOR, up.c) halts
 * them instead: its atomics only mask interrupts, which is no protection
 * against a second hart. Nothing here needs the A extension.
 */
#include "riscv.h"

/* An absolute linker.ld symbol (a size or a count), not an address. */
.macro li_sym reg, sym
	lui	\reg, %hi(\sym)
	addi	\reg, \reg, %lo(\sym)
.endm

	.section .text.boot, "ax"
	.globl _start
_start:
	csrci	mstatus, 8		/* MIE */
	csrw	mie, zero
	csrr	a0, mhartid
#ifdef HTBL_UNIPROCESSOR
	bnez	a0, halt
#endif
	/* A hart without a stack of its own never runs. */
	li_sym	t0, NR_KSTACKS
	bgeu	a0, t0, halt
	la	t0, trap_entry
	csrw	mtvec, t0

	/* sp = __stacks_start + (hart + 1) * KSTACK_SIZE: the stack grows down. */
	li_sym	t0, KSTACK_SIZE
	addi	t1, a0, 1
	mul	t1, t1, t0
	la	sp, __stacks_start
	add	sp, sp, t1

#ifndef HTBL_UNIPROCESSOR
	bnez	a0, secondary
#endif

	/* __bss_start is 64-byte aligned, __bss_end 16-byte (linker.ld). */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	REG_S	zero, 0(t0)
	addi	t0, t0, REGBYTES
	j	1b
2:
	/* A zero return address ends a debugger's backtrace here. */
	mv	ra, zero
	tail	kernel_main

#ifndef HTBL_UNIPROCESSOR
secondary:
	mv	ra, zero
	tail	hart_park
#endif

halt:
	wfi
	j	halt
