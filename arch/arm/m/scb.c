/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scb.c: the ARMv7-M System Control Block (ARMv7-M ARM B3.2, at
 * 0xE000ED00 in every ARMv7-M core): fault enables, exception priorities
 * and the fault status registers that kernel_bad_trap reports.
 */
#include "arch.h"
#include "v7m.h"

#define SCB_REG(off)	(*(volatile uint32_t *)(uintptr_t)(0xe000ed00u + (off)))
#define CCR		SCB_REG(0x14)	/* configuration and control */
#define SHPR3		SCB_REG(0x20)	/* priorities of PendSV, SysTick */
#define SHCSR		SCB_REG(0x24)	/* system handler control/state */
#define CFSR		SCB_REG(0x28)	/* MemManage, BusFault, UsageFault */
#define HFSR		SCB_REG(0x2c)	/* HardFault status */
#define MMFAR		SCB_REG(0x34)	/* MemManage fault address */
#define BFAR		SCB_REG(0x38)	/* BusFault address */

#define CCR_STKALIGN		(1u << 9)
#define SHPR3_SYSTICK_LOWEST	(0xffu << 24)
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
#define FRAME_PC	6	/* r0-r3, r12, lr, pc, xPSR */

/*
 * Each fault comes to its own vector with CFSR saying why, rather than
 * escalating to HardFault, whenever the execution priority lets it (not
 * under PRIMASK). SysTick gets the lowest priority so that a fault in its
 * handler can preempt it. STKALIGN keeps the frames the core stacks
 * 8-byte aligned, as AAPCS handlers need.
 */
void scb_init(void)
{
	CCR |= CCR_STKALIGN;
	SHPR3 |= SHPR3_SYSTICK_LOWEST;
	SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
}

static const char *const exc_names[16] = {
	[2] = "NMI", [3] = "hard fault", [4] = "memmanage fault",
	[5] = "bus fault", [6] = "usage fault", [11] = "svc",
	[12] = "debug monitor", [14] = "pendsv", [15] = "systick",
};

/*
 * Faults report CFSR and the fault address it marks valid; any other
 * hard fault (vector read, debug event, an SVC while masked) reports
 * HFSR. Other exceptions (external interrupts: IPSR 16 and up) report
 * their number.
 */
void scb_bad_exception(const uint32_t *frame)
{
	uint32_t ipsr, cause, addr = 0;
	const char *name;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	name = ipsr < 16 && exc_names[ipsr] ? exc_names[ipsr] : "interrupt";
	switch (ipsr) {
	case EXC_HARDFAULT:
		/* Escalated (PRIMASK set, or in a handler): CFSR says why. */
		if (!(HFSR & HFSR_FORCED) || !CFSR) {
			cause = HFSR;
			break;
		}
		/* fall through */
	case EXC_MEMMANAGE:
	case EXC_BUSFAULT:
	case EXC_USAGEFAULT:
		cause = CFSR;
		if (cause & CFSR_MMARVALID)
			addr = MMFAR;
		else if (cause & CFSR_BFARVALID)
			addr = BFAR;
		break;
	default:
		cause = ipsr;
	}
	kernel_bad_trap(name, cause, frame[FRAME_PC], addr);
}
