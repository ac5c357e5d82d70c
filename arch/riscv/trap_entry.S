/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trap_entry.S: the M-mode trap entry (mtvec, direct mode: every trap comes
 * here). The trap can hit anywhere: save every register a C call may
 * clobber, hand the cause registers to trap_handler (trap.c), restore and
 * return with mret. MIE stays clear throughout (the hart clears it on
 * entry), so nothing nests and mepc/mstatus need no saving.
 */

/* ra, t0-t6, a0-a7: 16 registers, a 16-byte aligned frame. */
#define FRAME_SIZE	(16 * 8)

	.text
	.balign 4		/* mtvec's low two bits are its MODE */
	.globl trap_entry
trap_entry:
	addi	sp, sp, -FRAME_SIZE
	sd	ra, 0 * 8(sp)
	sd	t0, 1 * 8(sp)
	sd	t1, 2 * 8(sp)
	sd	t2, 3 * 8(sp)
	sd	t3, 4 * 8(sp)
	sd	t4, 5 * 8(sp)
	sd	t5, 6 * 8(sp)
	sd	t6, 7 * 8(sp)
	sd	a0, 8 * 8(sp)
	sd	a1, 9 * 8(sp)
	sd	a2, 10 * 8(sp)
	sd	a3, 11 * 8(sp)
	sd	a4, 12 * 8(sp)
	sd	a5, 13 * 8(sp)
	sd	a6, 14 * 8(sp)
	sd	a7, 15 * 8(sp)

	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	call	trap_handler

	ld	ra, 0 * 8(sp)
	ld	t0, 1 * 8(sp)
	ld	t1, 2 * 8(sp)
	ld	t2, 3 * 8(sp)
	ld	t3, 4 * 8(sp)
	ld	t4, 5 * 8(sp)
	ld	t5, 6 * 8(sp)
	ld	t6, 7 * 8(sp)
	ld	a0, 8 * 8(sp)
	ld	a1, 9 * 8(sp)
	ld	a2, 10 * 8(sp)
	ld	a3, 11 * 8(sp)
	ld	a4, 12 * 8(sp)
	ld	a5, 13 * 8(sp)
	ld	a6, 14 * 8(sp)
	ld	a7, 15 * 8(sp)
	addi	sp, sp, FRAME_SIZE
	mret
