# SPDX-License-Identifier: BSD-2-Clause
# AArch64 with the Linux-targeted GCC used freestanding. -mno-outline-atomics
# keeps atomics inline (by default they call libgcc's __aarch64_cas*).
CROSS_COMPILE ?= aarch64-linux-gnu-
CLANG_CFLAGS := --target=aarch64-none-elf
ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mstrict-align \
	-fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables

# Test kernel on QEMU's virt board: RAM starts at 0x40000000, and the image
# sits where Linux's would, 512 KiB in. What 32-bit arm shares, the virt
# board's PL011 and GICv2 and semihosting, comes from arch/arm/.
ARCH_SRCS := arch/arm64/entry.S arch/arm64/vectors.S arch/arm64/cpu.c \
	arch/arm/pl011.c arch/arm/gicv2.c arch/arm64/generic_timer.c \
	arch/arm64/psci.c arch/arm/semihosting.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x40080000
