# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=arm: the virt board with four Cortex-A15s (GICv2, PSCI
# through hvc), semihosting for arch_exit, which exits with the status given.
QEMU := qemu-system-arm
KERNEL_CPUS := 4
QEMU_FLAGS := -machine virt -cpu cortex-a15 -m 128M -smp $(KERNEL_CPUS) \
	-accel tcg,thread=multi -semihosting
QEMU_PASS := 0
