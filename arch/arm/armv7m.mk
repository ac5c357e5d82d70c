# SPDX-License-Identifier: BSD-2-Clause
# 32-bit Arm, M-profile (ARMv7-M, Cortex-M3), Thumb.
CROSS_COMPILE ?= arm-none-eabi-
CLANG_CFLAGS := --target=thumbv7m-none-eabi
ARCH_CFLAGS := -mcpu=cortex-m3 -mthumb -mfloat-abi=soft -fno-stack-protector

# Test kernel on QEMU's mps2-an385 board (one Cortex-M3): vector table,
# CMSDK UART, SysTick, semihosting exit. The image, the vector table
# first, is in ZBT SSRAM1 at 0x00000000, where the core fetches its
# initial SP and reset vector; .data, .bss and the stack in SSRAM2/3 at
# 0x20000000 (hw/arm/mps2.c): 4 MiB each.
ARCH_SRCS := arch/arm/m/entry.S arch/arm/m/cpu.c arch/arm/m/scb.c \
	arch/arm/m/cmsdk_uart.c arch/arm/m/systick.c arch/arm/m/nvic.c \
	arch/arm/semihosting.c arch/arm/irq_mask.c
LDSCRIPT := arch/arm/m/linker.ld
KERNEL_LDFLAGS := -Wl,--defsym=ROM_SIZE=0x400000,--defsym=RAM_SIZE=0x400000 \
	-Wl,--defsym=KSTACK_SIZE=0x4000
