/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86.h: port I/O, memory-mapped register access and the hooks the x86
 * files share with each other (and with the assembly), for i386 and
 * x86_64 alike.
 */
#ifndef X86_H
#define X86_H

/* IDT vectors: 0..31 are exceptions, the 8259s are parked on 0x20..0x2f. */
#define VEC_TIMER 32
#define VEC_IPI 0x40		/* fixed IPI, a priority class above the timer */
#define VEC_SPURIOUS 0xff

/* Where the AP start-up code is copied: below 1 MiB, page aligned. */
#define AP_TRAMPOLINE 0x8000

/*
 * trampoline.S's GDT. The kernel runs in SEL_CODE, 64-bit code on x86_64;
 * every CPU passes through 32-bit code, SEL_CODE32, to get there, which on
 * i386 is SEL_CODE itself.
 */
#define SEL_CODE 0x08
#define SEL_DATA 0x10
#ifdef __x86_64__
#define SEL_CODE32 0x18
#else
#define SEL_CODE32 SEL_CODE
#endif

#ifndef __ASSEMBLER__

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

/*
 * The compiler barrier keeps earlier plain stores before the device write
 * (x86 itself does not reorder stores), e.g. AP start-up data before SIPI.
 */
static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint32_t *)addr = v;
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* Called from vectors.S and boot32.S or boot64.S. */
void lapic_timer_interrupt(void);
void lapic_ipi_interrupt(void);
void smp_ap_main(void);

/* idt.c */
void idt_init(void);
void idt_load(void);
/* lapic.c */
unsigned lapic_id(void);
void lapic_map_cpu(unsigned apic_id, unsigned cpu);
void lapic_start_ap(unsigned apic_id, uintptr_t start);
/* acpi.c */
unsigned acpi_lapic_ids(uint8_t *ids, unsigned max);
/* i8259.c, ns16550a.c */
void i8259_disable(void);
void ns16550a_init(void);

#else /* __ASSEMBLER__ */

/* Every data segment register to SEL_DATA (through %ax). */
.macro load_data_segments
	mov $SEL_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
.endm

/* Zero .bss (through %edi, %ecx, %eax), with 32-bit addressing. */
.macro clear_bss
	mov $__bss_start, %edi
	mov $__bss_end, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
.endm

#endif /* __ASSEMBLER__ */
#endif
