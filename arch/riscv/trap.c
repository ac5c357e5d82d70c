/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trap.c: what trap_entry.S hands over, sorted by mcause (RISC-V privileged
 * spec, "Machine Cause Register"). The machine timer and software interrupts
 * go to the kernel under their own cause codes; every other trap is one the
 * kernel does not expect.
 */
#include "arch.h"
#include "riscv.h"

static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store/AMO address misaligned",
	[7] = "store/AMO access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[11] = "environment call from M-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store/AMO page fault",
};

static const char *exception_name(unsigned long code)
{
	if (code < sizeof(exception_names) / sizeof(exception_names[0]) &&
	    exception_names[code])
		return exception_names[code];
	return "reserved exception";
}

void trap_handler(unsigned long mcause, unsigned long mepc,
		  unsigned long mtval)
{
	if (mcause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
		kernel_irq(IRQ_M_TIMER);
		/* Always: the line stays up until mtimecmp moves past mtime. */
		clint_timer_rearm();
		return;
	}
	if (mcause == (MCAUSE_INTERRUPT | IRQ_M_SOFT)) {
		/*
		 * Always, and before the handler: msip stays set until
		 * written 0, and an IPI sent while the handler runs raises
		 * it again rather than being lost.
		 */
		clint_ipi_clear(arch_cpu_id());
		kernel_irq(IRQ_M_SOFT);
		return;
	}
	if (mcause & MCAUSE_INTERRUPT)
		kernel_bad_trap("unexpected interrupt", mcause, mepc, mtval);
	kernel_bad_trap(exception_name(mcause), mcause, mepc, mtval);
}
