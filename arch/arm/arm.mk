# SPDX-License-Identifier: BSD-2-Clause
# 32-bit Arm, A-profile (ARMv7-A, Cortex-A15), Arm state, soft float.
CROSS_COMPILE ?= arm-none-eabi-
CLANG_CFLAGS := --target=armv7a-none-eabi
ARCH_CFLAGS := -mcpu=cortex-a15 -marm -mfloat-abi=soft -fno-stack-protector

# Test kernel on QEMU's virt board: boot stub, PL011, GICv2, generic
# timer, PSCI, semihosting exit. The image sits 64 KiB into RAM, which
# starts at 0x40000000 (VIRT_MEM in hw/arm/virt.c); QEMU jumps to _start.
ARCH_SRCS := arch/arm/a/entry.S arch/arm/a/cpu.c arch/arm/pl011.c \
	arch/arm/gicv2.c arch/arm/a/generic_timer.c arch/arm/a/psci.c \
	arch/arm/semihosting.c arch/arm/irq_mask.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x40010000
