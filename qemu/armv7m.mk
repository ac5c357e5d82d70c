# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=armv7m: the mps2-an385 board, one Cortex-M3, UART0 on
# stdio; semihosting for arch_exit, which exits with the status given.
# BOARD_MPS2_AN385: the board's interrupt lines (arch/arm/m/m_profile.h).
QEMU := qemu-system-arm
KERNEL_CPUS := 1
QEMU_FLAGS := -machine mps2-an385 -smp $(KERNEL_CPUS) -semihosting
QEMU_PASS := 0
KERNEL_DEFS := -DBOARD_MPS2_AN385
