/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * idt.c: the interrupt descriptor table (Intel SDM vol. 3A, 6.11 and
 * 6.14.1), shared by every CPU, and the report of an unexpected exception.
 */
#include "arch.h"
#include "x86.h"

/* Present, DPL 0, interrupt gate: 64-bit in long mode, 32-bit in i386. */
#define GATE_INTERRUPT 0x8e
#define VEC_PAGE_FAULT 14

/* A 32-bit gate is the first 8 bytes of a 64-bit one, with ist zero. */
struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
#ifdef __x86_64__
	uint32_t offset_high;
	uint32_t reserved;
#endif
};

/* 64-bit mode also pushes RSP and SS; a 32-bit CPL 0 interrupt does not. */
struct exception_frame {
	uintptr_t vector, error;	/* pushed by vectors.S */
	uintptr_t ip, cs, flags;	/* pushed by the CPU */
};

extern const uintptr_t exception_stubs[32];
void irq_timer(void);
void irq_ipi(void);
void irq_spurious(void);
void x86_exception(const struct exception_frame *f)
	__attribute__((noreturn));

static struct idt_gate idt[256] __attribute__((aligned(16)));

static const char *const exception_names[32] = {
	[0] = "divide error",
	[1] = "debug",
	[2] = "NMI",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "BOUND range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available",
	[8] = "double fault",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack-segment fault",
	[13] = "general protection",
	[14] = "page fault",
	[16] = "x87 floating-point error",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection",
	[28] = "hypervisor injection",
	[29] = "VMM communication",
	[30] = "security exception",
};

static void set_gate(unsigned vector, uintptr_t handler)
{
	idt[vector] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = SEL_CODE,
		.type = GATE_INTERRUPT,
		.offset_mid = (handler >> 16) & 0xffff,
#ifdef __x86_64__
		.offset_high = handler >> 32,
#endif
	};
}

/* Vectors without a gate raise #GP, which is reported like any fault. */
void idt_init(void)
{
	for (unsigned v = 0; v < 32; v++)
		set_gate(v, exception_stubs[v]);
	set_gate(VEC_TIMER, (uintptr_t)irq_timer);
	set_gate(VEC_IPI, (uintptr_t)irq_ipi);
	set_gate(VEC_SPURIOUS, (uintptr_t)irq_spurious);
	idt_load();
}

void idt_load(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uintptr_t base;
	} idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void x86_exception(const struct exception_frame *f)
{
	const char *name = exception_names[f->vector];
	uintptr_t cr2 = 0;

	if (f->vector == VEC_PAGE_FAULT)
		__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	kernel_bad_trap(name ? name : "reserved exception", f->vector, f->ip,
			cr2);
}
