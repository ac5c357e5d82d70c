# RV64 with the A extension: without it atomics become libatomic calls.
CROSS_COMPILE ?= riscv64-unknown-elf-
ARCH_CFLAGS := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany \
	-fno-stack-protector
