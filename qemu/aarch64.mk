# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=aarch64: the virt board with a Cortex-A53 and its GICv2, the
# kernel entered at EL1 with PSCI over HVC, and semihosting for arch_exit()
# (SYS_EXIT: QEMU exits with the kernel's status, so 0 is the pass).
QEMU := qemu-system-aarch64
KERNEL_CPUS := 4
QEMU_FLAGS := -machine virt -cpu cortex-a53 -m 128M -smp $(KERNEL_CPUS) \
	-accel tcg,thread=multi -semihosting
QEMU_PASS := 0
