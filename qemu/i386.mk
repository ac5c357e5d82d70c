# SPDX-License-Identifier: BSD-2-Clause
# QEMU for i386: pc (i440FX) PC, SeaBIOS, the kernel loaded by its
# Multiboot header; COM1 on stdio, isa-debug-exit for the exit status (see
# arch/x86/isa_debug_exit.c: arch_exit(0) exits with 33).
QEMU := qemu-system-i386
KERNEL_CPUS := 4
QEMU_FLAGS := -machine pc -cpu qemu32 -m 128M -smp $(KERNEL_CPUS) \
	-accel tcg,thread=multi -device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMU_PASS := 33
