# SPDX-License-Identifier: BSD-2-Clause
# RV32 without the A extension (rv32imc: small cores such as Ibex): every
# atomic becomes an __atomic_*_4 call, which -DHTBL_UNIPROCESSOR has the
# library provide (src/up_atomic.c, masking mstatus.MIE), and the test
# kernel runs one hart (up.c).
include arch/riscv/virt.mk
# lld 14 cannot relax: clang must not emit relaxable sequences. Clang warns
# of every atomic that it is a library call here: that is the design.
CLANG_CFLAGS := --target=riscv32-unknown-elf -mno-relax -Wno-atomic-alignment
ARCH_CFLAGS := -march=rv32imc_zicsr -mabi=ilp32 -fno-stack-protector \
	-DHTBL_UNIPROCESSOR
ARCH_SRCS += arch/riscv/up.c
