# SPDX-License-Identifier: BSD-2-Clause
# 32-bit Arm, M-profile (ARMv6-M, Cortex-M0), Thumb, soft float. ARMv6-M
# has no exclusive loads and stores: every atomic read-modify-write is an
# __atomic_* library call, which the library provides for one CPU with
# HTBL_UNIPROCESSOR (src/up_atomic.c, masking PRIMASK). Clang warns that
# each atomic, loads too, is such a call: that is the point here. The
# Cortex-M0 has no data cache: the library's cells need no cache-line
# spacing (HTBL_CACHELINE=8: packed, two words each), which saves 1.75
# KiB of RAM.
CROSS_COMPILE ?= arm-none-eabi-
CLANG_CFLAGS := --target=thumbv6m-none-eabi -Wno-atomic-alignment
ARCH_CFLAGS := -mcpu=cortex-m0 -mthumb -mfloat-abi=soft -fno-stack-protector \
	-DHTBL_UNIPROCESSOR -DHTBL_CACHELINE=8

# Test kernel on QEMU's microbit board (an nRF51822, one Cortex-M0):
# vector table, nRF51 UART and TIMER0, semihosting exit. The image, the
# vector table first, is in the 256 KiB of flash at 0x00000000; .data,
# .bss and the stack in the 16 KiB of RAM at 0x20000000 (NRF51_SRAM_BASE
# and the 16 KiB nrf51.sram of hw/arm/nrf51_soc.c, as QEMU 7.2's
# "info mtree" shows). 9 KiB of stack: the test kernel's deepest path,
# handlers dispatching their own slot 100 deep (tests/api_cases.c), takes
# about 7.5, an interrupt on top of it a few hundred bytes more.
ARCH_SRCS := arch/arm/m/entry.S arch/arm/m/cpu.c arch/arm/m/scb.c \
	arch/arm/m/nrf51_uart.c arch/arm/m/nrf51_timer.c arch/arm/m/nvic.c \
	arch/arm/semihosting.c arch/arm/irq_mask.c
LDSCRIPT := arch/arm/m/linker.ld
KERNEL_LDFLAGS := -Wl,--defsym=ROM_SIZE=0x40000,--defsym=RAM_SIZE=0x4000 \
	-Wl,--defsym=KSTACK_SIZE=0x2400
