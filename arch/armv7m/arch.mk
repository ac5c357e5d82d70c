# SPDX-License-Identifier: BSD-2-Clause
# 32-bit Arm, M-profile (ARMv7-M, Cortex-M3), Thumb. ARMv6-M (Cortex-M0)
# has no exclusive loads and stores, so no lock-free atomics: unsupported.
CROSS_COMPILE ?= arm-none-eabi-
ARCH_CFLAGS := -mcpu=cortex-m3 -mthumb -mfloat-abi=soft -fno-stack-protector

# Test kernel on QEMU's mps2-an385 board (one Cortex-M3): vector table,
# CMSDK UART, SysTick, semihosting exit. The whole image, the vector table
# first, lives in ZBT SSRAM1, RAM at 0x00000000 (hw/arm/mps2.c), where the
# core fetches its initial SP and reset vector.
ARCH_SRCS := arch/armv7m/entry.S arch/armv7m/cpu.c arch/armv7m/scb.c \
	arch/armv7m/cmsdk_uart.c arch/armv7m/systick.c arch/armv7m/nvic.c \
	arch/arm/semihosting.c arch/arm/irq_mask.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x00000000
