# SPDX-License-Identifier: BSD-2-Clause
# QEMU for ARCH=rv32imc: the virt board as for riscv32, with one hart whose
# CPU model lacks the A extension (a=false: an AMO or LR/SC traps as an
# illegal instruction), so that one slipping into the kernel fails the boot.
# -singlestep makes each instruction a translation block of its own: TCG
# takes interrupts only between blocks, and without it no interrupt could
# land between the load and the store of an __atomic_* helper, so the test
# kernel's nesting test could not tell a masked helper from a broken one
# (with it, an unmasked src/up_atomic.c fails that test).
QEMU := qemu-system-riscv32
KERNEL_CPUS := 1
QEMU_FLAGS := -machine virt -cpu rv32,a=false -bios none -m 128M \
	-smp $(KERNEL_CPUS) -singlestep
QEMU_PASS := 0
