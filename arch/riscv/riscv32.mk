# SPDX-License-Identifier: BSD-2-Clause
# RV32 with the A extension (rv32imac, the ilp32 multilib of Debian's
# riscv64-unknown-elf-gcc), SMP like riscv64: the same files, XLEN 32.
include arch/riscv/virt.mk
# lld 14 cannot relax: clang must not emit relaxable sequences.
CLANG_CFLAGS := --target=riscv32-unknown-elf -mno-relax
ARCH_CFLAGS := -march=rv32imac_zicsr -mabi=ilp32 -fno-stack-protector
ARCH_SRCS += arch/riscv/smp.c
