# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=riscv32: riscv64's board (virt, M-mode, no firmware, four
# harts entering the kernel at 0x80000000, sifive_test for arch_exit) with
# RV32 harts.
QEMU := qemu-system-riscv32
KERNEL_CPUS := 4
QEMU_FLAGS := -machine virt -bios none -m 128M -smp $(KERNEL_CPUS) \
	-accel tcg,thread=multi
QEMU_PASS := 0
