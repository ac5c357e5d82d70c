/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scb.c: the System Control Block, at 0xE000ED00 in every M-profile core
 * (ARMv7-M ARM B3.2, ARMv6-M ARM B3.2): exception priorities and, on
 * ARMv7-M, the fault enables and the fault status registers that
 * kernel_bad_trap reports. ARMv6-M has only HardFault and no register
 * that says why: it reports the exception number.
 */
#include "arch.h"
#include "m_profile.h"

#define SCB_REG(off)	(*(volatile uint32_t *)(uintptr_t)(0xe000ed00u + (off)))
#define SHPR3		SCB_REG(0x20)	/* priorities of PendSV, SysTick */
#define SHPR3_SYSTICK_LOWEST	(0xffu << 24)
#define FRAME_PC	6	/* r0-r3, r12, lr, pc, xPSR */

#ifndef __ARM_ARCH_6M__
#define CCR		SCB_REG(0x14)	/* configuration and control */
#define SHCSR		SCB_REG(0x24)	/* system handler control/state */
#define CFSR		SCB_REG(0x28)	/* MemManage, BusFault, UsageFault */
#define HFSR		SCB_REG(0x2c)	/* HardFault status */
#define MMFAR		SCB_REG(0x34)	/* MemManage fault address */
#define BFAR		SCB_REG(0x38)	/* BusFault address */

#define CCR_STKALIGN		(1u << 9)
#define SHCSR_MEMFAULTENA	(1u << 16)
#define SHCSR_BUSFAULTENA	(1u << 17)
#define SHCSR_USGFAULTENA	(1u << 18)
#define HFSR_FORCED		(1u << 30)
#define CFSR_MMARVALID		(1u << 7)
#define CFSR_BFARVALID		(1u << 15)

#define EXC_HARDFAULT	3
#define EXC_MEMMANAGE	4
#define EXC_BUSFAULT	5
#define EXC_USAGEFAULT	6
#endif

/*
 * SysTick gets the lowest priority, as the external lines (nvic.c), so
 * that a fault in a handler can preempt it. On ARMv7-M each fault comes
 * to its own vector with CFSR saying why, rather than escalating to
 * HardFault, whenever the execution priority lets it (not under PRIMASK),
 * and STKALIGN keeps the frames the core stacks 8-byte aligned, as AAPCS
 * handlers need (ARMv6-M always aligns them).
 */
void scb_init(void)
{
	SHPR3 |= SHPR3_SYSTICK_LOWEST;
#ifndef __ARM_ARCH_6M__
	CCR |= CCR_STKALIGN;
	SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
#endif
}

static const char *const exc_names[16] = {
	[2] = "NMI", [3] = "hard fault", [4] = "memmanage fault",
	[5] = "bus fault", [6] = "usage fault", [11] = "svc",
	[12] = "debug monitor", [14] = "pendsv", [15] = "systick",
};

/*
 * Why exception ipsr was taken, and the fault address if one is known.
 * ARMv7-M faults report CFSR and the address it marks valid; any other
 * hard fault (vector read, debug event, an SVC while masked) reports
 * HFSR. Other exceptions (external interrupts: IPSR 16 and up), and every
 * exception on ARMv6-M, report their number.
 */
static uint32_t fault_cause(uint32_t ipsr, uint32_t *addr)
{
#ifndef __ARM_ARCH_6M__
	uint32_t cause;

	switch (ipsr) {
	case EXC_HARDFAULT:
		/* Escalated (PRIMASK set, or in a handler): CFSR says why. */
		if (!(HFSR & HFSR_FORCED) || !CFSR)
			return HFSR;
		/* fall through */
	case EXC_MEMMANAGE:
	case EXC_BUSFAULT:
	case EXC_USAGEFAULT:
		cause = CFSR;
		if (cause & CFSR_MMARVALID)
			*addr = MMFAR;
		else if (cause & CFSR_BFARVALID)
			*addr = BFAR;
		return cause;
	}
#endif
	(void)addr;
	return ipsr;
}

void scb_bad_exception(const uint32_t *frame)
{
	uint32_t ipsr, cause, addr = 0;
	const char *name;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	name = ipsr < 16 && exc_names[ipsr] ? exc_names[ipsr] : "interrupt";
	cause = fault_cause(ipsr, &addr);
	kernel_bad_trap(name, cause, frame[FRAME_PC], addr);
}
