# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=riscv64: the virt board in M-mode with no firmware (-bios
# none), every hart entering the kernel at 0x80000000; the sifive_test
# device for arch_exit() (FINISHER_PASS: QEMU exits with status 0).
QEMU := qemu-system-riscv64
KERNEL_CPUS := 4
QEMU_FLAGS := -machine virt -bios none -m 128M -smp $(KERNEL_CPUS) \
	-accel tcg,thread=multi
QEMU_PASS := 0
