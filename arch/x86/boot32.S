/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot32.S: i386 entry on QEMU's pc/q35 machines. QEMU's -kernel loads
 * this ELF32 by its Multiboot header (Multiboot 0.6.96, 3.1; QEMU's
 * hw/i386/multiboot.c): the boot CPU enters _start in 32-bit protected
 * mode with paging and interrupts off, on flat segments, but with a GDTR
 * that may point anywhere (3.2): load our GDT before any segment register.
 * The other CPUs start in 16-bit real mode at AP_TRAMPOLINE (see smp.c)
 * and reach ap_start32 on our GDT (trampoline.S). Paging stays off:
 * virtual = physical, and the LAPIC's registers at 0xfee00000 are simply
 * there.
 */
#include "x86.h"

#define MULTIBOOT_MAGIC	0x1badb002
/*
 * No module alignment, memory map or video mode asked for; without bit 16
 * the loader places the image by its ELF program headers and enters it at
 * the ELF entry.
 */
#define MULTIBOOT_FLAGS	0

	.section .text.boot, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	lgdt gdt_ptr
	ljmp $SEL_CODE, $1f
1:	load_data_segments
	clear_bss

	/* CPU 0's stack: the first KSTACK_SIZE bytes of linker.ld's .stack */
	mov $__stacks_start, %esp
	add $KSTACK_SIZE, %esp
	call idt_init
	call i8259_disable
	call ns16550a_init
	call kernel_main
	jmp halt

	/* An AP, from the trampoline: on our GDT, in SEL_CODE32 = SEL_CODE. */
	.globl ap_start32
ap_start32:
	load_data_segments
	mov ap_stack_top, %esp
	call idt_load
	call smp_ap_main
halt:
	cli
	hlt
	jmp halt

	/*
	 * The loader looks for this in the image's first 8 KiB, 4-byte
	 * aligned; it follows _start's few bytes in .text.boot.
	 */
	.balign 4
multiboot_header:
	.long MULTIBOOT_MAGIC
	.long MULTIBOOT_FLAGS
	.long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
