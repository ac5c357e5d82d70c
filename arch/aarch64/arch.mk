# AArch64 with the Linux-targeted GCC used freestanding. -mno-outline-atomics
# keeps atomics inline (by default they call libgcc's __aarch64_cas*).
CROSS_COMPILE ?= aarch64-linux-gnu-
ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics -mstrict-align \
	-fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables
