# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=armv6m: the microbit board, an nRF51822 with one
# Cortex-M0, its UART on stdio; semihosting (bkpt 0xab) for arch_exit,
# which exits with the status given.
QEMU := qemu-system-arm
KERNEL_CPUS := 1
# -singlestep, as for rv32imc (qemu/rv32imc.mk): interrupts may land
# between any two instructions, inside the atomic helpers too.
QEMU_FLAGS := -machine microbit -smp $(KERNEL_CPUS) \
	-semihosting-config enable=on,target=native -singlestep
QEMU_PASS := 0
# BOARD_NRF51: the board's interrupt lines (arch/arm/m/m_profile.h). The
# test kernel sized for 16 KiB of RAM: tables of 64 events (the timer is
# event 24, the IPI 36, the stress slots 48 to 51), 64 stress
# registrations of 24 bytes.
KERNEL_DEFS := -DBOARD_NRF51 -DKERNEL_NR_IRQS=64 -DSTRESS_NREGS=64
