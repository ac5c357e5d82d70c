# SPDX-License-Identifier: BSD-2-Clause
# RV64 with the A extension: without it atomics become libatomic calls.
include arch/riscv/virt.mk
# lld 14 cannot relax: clang must not emit relaxable sequences.
CLANG_CFLAGS := --target=riscv64-unknown-elf -mno-relax
ARCH_CFLAGS := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany \
	-fno-stack-protector
ARCH_SRCS += arch/riscv/smp.c
