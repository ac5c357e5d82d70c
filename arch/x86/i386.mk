# SPDX-License-Identifier: BSD-2-Clause
# i386: 32-bit protected mode, no x87/MMX/SSE, no PIC. -march=i686 (the
# Pentium Pro, QEMU's qemu32 and Debian's i386 baseline) so that GCC and
# clang, whose i386 defaults differ, build the same code; the library's
# atomics are all word-sized, lock cmpxchg / xchg / lock xadd.
CROSS_COMPILE ?=
CLANG_CFLAGS := --target=i386-unknown-none-elf
ARCH_CFLAGS := -m32 -march=i686 -mgeneral-regs-only \
	-fno-pie -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables

# Test kernel: at 1 MiB, paging off. boot32.S must come first: it has
# _start and the Multiboot header that QEMU looks for in the first 8 KiB.
ARCH_SRCS := arch/x86/boot32.S arch/x86/trampoline.S arch/x86/vectors.S \
	arch/x86/idt.c arch/x86/cpu.c arch/x86/lapic.c arch/x86/i8259.c \
	arch/x86/ns16550a.c arch/x86/isa_debug_exit.c \
	arch/x86/acpi.c arch/x86/smp.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x100000 -Wl,--build-id=none \
	-Wl,-z,max-page-size=0x1000
