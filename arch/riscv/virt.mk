# SPDX-License-Identifier: BSD-2-Clause
# What every RISC-V arch shares (riscv64.mk, riscv32.mk and rv32imc.mk
# include it). One toolchain: Debian's riscv64-unknown-elf-gcc builds RV32
# too, from its multilibs. One test kernel: QEMU's virt board in M-mode
# with -bios none, where RAM starts at 0x80000000 and every hart jumps there
# at reset; each arch adds smp.c (every hart) or up.c (hart 0 alone).
CROSS_COMPILE ?= riscv64-unknown-elf-
ARCH_SRCS := arch/riscv/entry.S arch/riscv/trap_entry.S arch/riscv/trap.c \
	arch/riscv/cpu.c arch/riscv/clint.c arch/riscv/ns16550a.c \
	arch/riscv/sifive_test.c

KERNEL_LDFLAGS := -Wl,--defsym=LOAD_ADDR=0x80000000
