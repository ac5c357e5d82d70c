# SPDX-License-Identifier: BSD-2-Clause
# RV64 with the A extension: without it atomics become libatomic calls.
CROSS_COMPILE ?= riscv64-unknown-elf-
ARCH_CFLAGS := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany \
	-fno-stack-protector

# Test kernel on QEMU's virt board in M-mode with -bios none: RAM starts at
# 0x80000000 and every hart jumps there at reset.
ARCH_SRCS := arch/riscv64/entry.S arch/riscv64/trap_entry.S arch/riscv64/trap.c \
	arch/riscv64/cpu.c arch/riscv64/clint.c arch/riscv64/ns16550a.c \
	arch/riscv64/sifive_test.c arch/riscv64/smp.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x80000000
