# SPDX-License-Identifier: BSD-2-Clause
# 32-bit Arm, M-profile (ARMv7-M, Cortex-M3), Thumb. ARMv6-M (Cortex-M0)
# has no exclusive loads and stores, so no lock-free atomics: unsupported.
CROSS_COMPILE ?= arm-none-eabi-
CLANG_CFLAGS := --target=thumbv7m-none-eabi
ARCH_CFLAGS := -mcpu=cortex-m3 -mthumb -mfloat-abi=soft -fno-stack-protector

# Test kernel on QEMU's mps2-an385 board (one Cortex-M3): vector table,
# CMSDK UART, SysTick, semihosting exit. The whole image, the vector table
# first, lives in ZBT SSRAM1, RAM at 0x00000000 (hw/arm/mps2.c), where the
# core fetches its initial SP and reset vector.
ARCH_SRCS := arch/arm/m/entry.S arch/arm/m/cpu.c arch/arm/m/scb.c \
	arch/arm/m/cmsdk_uart.c arch/arm/m/systick.c arch/arm/m/nvic.c \
	arch/arm/semihosting.c arch/arm/irq_mask.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x00000000
