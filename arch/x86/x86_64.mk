# SPDX-License-Identifier: BSD-2-Clause
# x86_64, kernel code model: no red zone, no SSE, no PIC.
CROSS_COMPILE ?=
CLANG_CFLAGS := --target=x86_64-unknown-none-elf
ARCH_CFLAGS := -m64 -mno-red-zone -mgeneral-regs-only -mcmodel=kernel \
	-fno-pie -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables

# Test kernel: identity mapped at 1 MiB. -mcmodel=kernel still links there:
# its sign-extended 32-bit addresses reach 0..2 GiB as well as the top 2 GiB.
ARCH_SRCS := arch/x86/boot64.S arch/x86/trampoline.S arch/x86/vectors.S \
	arch/x86/idt.c arch/x86/cpu.c arch/x86/lapic.c arch/x86/i8259.c \
	arch/x86/ns16550a.c arch/x86/isa_debug_exit.c \
	arch/x86/acpi.c arch/x86/smp.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x100000 -Wl,--build-id=none \
	-Wl,-z,max-page-size=0x1000
