/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot64.S: x86_64 entry on QEMU's pc/q35 machines. QEMU's -kernel loads
 * this ELF64 as is because of its PVH note (hw/i386/x86.c, load_elfboot):
 * the boot CPU enters _start in 32-bit protected mode with paging off.
 * The other CPUs start in 16-bit real mode at AP_TRAMPOLINE (see smp.c),
 * switch to 32-bit mode there (trampoline.S), then take the same road to
 * long mode. Everything runs identity mapped, virtual = physical.
 */
#include "x86.h"

#define CR0_PE		0x00000001
#define CR0_PG		0x80000000
#define CR4_PAE		0x00000020
#define MSR_EFER	0xc0000080
#define EFER_LME	0x00000100

#define PTE_P		0x001
#define PTE_W		0x002
#define PTE_PWT		0x008
#define PTE_PCD		0x010
#define PTE_PS		0x080	/* in a page directory: a 2 MiB page */
#define MMIO_START	0xc0000000	/* top GiB: LAPIC, IOAPIC, ...: uncached */

#define XEN_ELFNOTE_PHYS32_ENTRY 18

	/*
	 * The PVH note; QEMU reads its value as a host pointer-sized word.
	 * linker.ld puts it in a PT_NOTE segment.
	 */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4
	.long 8
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.quad _start

	.section .text.boot, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	/* .bss holds the page tables: clear it before building them. */
	clear_bss

	/* 2048 pages of 2 MiB cover 0..4 GiB; %eax wraps (CF) after the last. */
	mov $pd, %edi
	mov $(PTE_P | PTE_W | PTE_PS), %eax
1:	mov %eax, %edx
	cmp $MMIO_START, %eax
	jb 2f
	or $(PTE_PCD | PTE_PWT), %edx
2:	mov %edx, (%edi)
	add $8, %edi
	add $0x200000, %eax
	jnc 1b

	/* Then the first 2 MiB again in 4 KiB pages without page 0: NULL faults. */
	mov $(pt0 + 8), %edi
	mov $(0x1000 | PTE_P | PTE_W), %eax
3:	mov %eax, (%edi)
	add $8, %edi
	add $0x1000, %eax
	cmp $0x200000, %eax
	jb 3b
	movl $(pt0 + PTE_P + PTE_W), pd

	mov $pdpt, %edi
	mov $(pd + PTE_P + PTE_W), %eax
	mov $4, %ecx
4:	mov %eax, (%edi)
	add $8, %edi
	add $4096, %eax
	loop 4b
	movl $(pdpt + PTE_P + PTE_W), pml4

	mov $start64, %ebp
	jmp long_mode

	/* An AP, from the trampoline: already on our GDT, in SEL_CODE32. */
	.globl ap_start32
ap_start32:
	mov $ap_start64, %ebp

	/* Turn on PAE paging with EFER.LME set, then jump to %ebp in 64 bits. */
long_mode:
	lgdt gdt_ptr
	load_data_segments
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $pml4, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	mov %cr0, %eax
	or $(CR0_PG | CR0_PE), %eax
	mov %eax, %cr0
	ljmp $SEL_CODE, $1f
	.code64
1:	mov %ebp, %eax		/* zero-extend: upper halves are undefined */
	jmp *%rax

start64:
	/* CPU 0's stack: the first KSTACK_SIZE bytes of linker.ld's .stack */
	mov $__stacks_start, %rsp
	add $KSTACK_SIZE, %rsp
	call idt_init
	call i8259_disable
	call ns16550a_init
	call kernel_main
	jmp halt

ap_start64:
	mov ap_stack_top(%rip), %rsp
	call idt_load
	call smp_ap_main
halt:
	cli
	hlt
	jmp halt

	.bss
	.balign 4096
pml4:	.skip 4096
pdpt:	.skip 4096
pd:	.skip 4 * 4096
pt0:	.skip 4096

	/* No executable stack wanted. */
	.section .note.GNU-stack, "", @progbits
