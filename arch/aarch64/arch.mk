# SPDX-License-Identifier: BSD-2-Clause
# AArch64 with the Linux-targeted GCC used freestanding. -mno-outline-atomics
# keeps atomics inline (by default they call libgcc's __aarch64_cas*).
CROSS_COMPILE ?= aarch64-linux-gnu-
ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mstrict-align \
	-fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables

# Test kernel on QEMU's virt board: RAM starts at 0x40000000, and the image
# sits where Linux's would, 512 KiB in.
ARCH_SRCS := arch/aarch64/entry.S arch/aarch64/vectors.S arch/aarch64/cpu.c \
	arch/aarch64/pl011.c arch/arm/gicv2.c arch/aarch64/generic_timer.c \
	arch/aarch64/psci.c arch/aarch64/semihosting.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x40080000
