# SPDX-License-Identifier: BSD-2-Clause
# RV64 with the A extension: without it atomics become libatomic calls.
CROSS_COMPILE ?= riscv64-unknown-elf-
# lld 14 cannot relax: clang must not emit relaxable sequences.
CLANG_CFLAGS := --target=riscv64-unknown-elf -mno-relax
ARCH_CFLAGS := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany \
	-fno-stack-protector

# Test kernel on QEMU's virt board in M-mode with -bios none: RAM starts at
# 0x80000000 and every hart jumps there at reset.
ARCH_SRCS := arch/riscv/entry.S arch/riscv/trap_entry.S arch/riscv/trap.c \
	arch/riscv/cpu.c arch/riscv/clint.c arch/riscv/ns16550a.c \
	arch/riscv/sifive_test.c arch/riscv/smp.c
KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x80000000
