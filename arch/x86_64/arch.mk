# x86_64, kernel code model: no red zone, no SSE, no PIC.
CROSS_COMPILE ?=
ARCH_CFLAGS := -m64 -mno-red-zone -mgeneral-regs-only -mcmodel=kernel \
	-fno-pie -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables
