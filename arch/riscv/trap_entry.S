/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trap_entry.S: the M-mode trap entry (mtvec, direct mode: every trap comes
 * here). The trap can hit anywhere: save every register a C call may
 * clobber, hand the cause registers to trap_handler (trap.c), restore and
 * return with mret. MIE stays clear throughout (the hart clears it on
 * entry), so nothing nests and mepc/mstatus need no saving.
 */

#include "riscv.h"

/*
 * ra, t0-t6, a0-a7: 16 XLEN registers, a frame of 64 (RV32) or 128 (RV64)
 * bytes: either keeps sp 16-byte aligned, as both ABIs want.
 */
#define FRAME_SIZE	(16 * REGBYTES)

	.text
	.balign 4		/* mtvec's low two bits are its MODE */
	.globl trap_entry
trap_entry:
	addi	sp, sp, -FRAME_SIZE
	REG_S	ra, 0 * REGBYTES(sp)
	REG_S	t0, 1 * REGBYTES(sp)
	REG_S	t1, 2 * REGBYTES(sp)
	REG_S	t2, 3 * REGBYTES(sp)
	REG_S	t3, 4 * REGBYTES(sp)
	REG_S	t4, 5 * REGBYTES(sp)
	REG_S	t5, 6 * REGBYTES(sp)
	REG_S	t6, 7 * REGBYTES(sp)
	REG_S	a0, 8 * REGBYTES(sp)
	REG_S	a1, 9 * REGBYTES(sp)
	REG_S	a2, 10 * REGBYTES(sp)
	REG_S	a3, 11 * REGBYTES(sp)
	REG_S	a4, 12 * REGBYTES(sp)
	REG_S	a5, 13 * REGBYTES(sp)
	REG_S	a6, 14 * REGBYTES(sp)
	REG_S	a7, 15 * REGBYTES(sp)

	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	call	trap_handler

	REG_L	ra, 0 * REGBYTES(sp)
	REG_L	t0, 1 * REGBYTES(sp)
	REG_L	t1, 2 * REGBYTES(sp)
	REG_L	t2, 3 * REGBYTES(sp)
	REG_L	t3, 4 * REGBYTES(sp)
	REG_L	t4, 5 * REGBYTES(sp)
	REG_L	t5, 6 * REGBYTES(sp)
	REG_L	t6, 7 * REGBYTES(sp)
	REG_L	a0, 8 * REGBYTES(sp)
	REG_L	a1, 9 * REGBYTES(sp)
	REG_L	a2, 10 * REGBYTES(sp)
	REG_L	a3, 11 * REGBYTES(sp)
	REG_L	a4, 12 * REGBYTES(sp)
	REG_L	a5, 13 * REGBYTES(sp)
	REG_L	a6, 14 * REGBYTES(sp)
	REG_L	a7, 15 * REGBYTES(sp)
	addi	sp, sp, FRAME_SIZE
	mret
