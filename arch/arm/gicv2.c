/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gicv2.c: the Arm Generic Interrupt Controller v2 (IHI 0048B) of QEMU's
 * virt board, for both ARCH=aarch64 and ARCH=arm: distributor at
 * 0x08000000, CPU interface at 0x08010000 (VIRT_GIC_DIST and VIRT_GIC_CPU
 * in hw/arm/virt.c). Without the security extensions (the board's default)
 * every interrupt is in Group 0 and, with GICC_CTLR.FIQEn clear, is
 * signalled as IRQ.
 */
#include "arch.h"
#include "gicv2.h"

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

#define GICD_BASE 0x08000000UL
#define GICD_CTLR 0x000
#define GICD_ISENABLER(n) (0x100 + 4 * (n))
#define GICD_IPRIORITYR(n) (0x400 + (n)) /* byte n: INTID n */
#define GICD_SGIR 0xf00
#define GICD_SGIR_TARGETLISTFILTER_LIST (0u << 24) /* only CPUTargetList */
#define GICD_SGIR_CPUTARGETLIST(cpu) (1u << (16 + (cpu)))
#define GICD_CTLR_ENABLE 1u

#define GICC_BASE 0x08010000UL
#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010
#define GICC_CTLR_ENABLE 1u
#define GICC_IAR_INTID 0x3ff
#define GIC_SPURIOUS 1023

/* Lower is more urgent; the mask lets everything above the lowest through. */
#define GIC_PRIO 0xa0
#define GIC_PMR_ALL 0xf0

/*
 * The IPI is SGI 1: SGIs (INTID 0 to 15) exist on every CPU interface and
 * only software raises them, so no device can share the number.
 */
#define IPI_INTID 1

/* Before this CPU unmasks interrupts; CPU 0 first (arch_timer_init). */
void gicv2_init_cpu(void)
{
	if (arch_cpu_id() == 0)
		mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE);
	mmio_write32(GICC_BASE + GICC_PMR, GIC_PMR_ALL);
	mmio_write32(GICC_BASE + GICC_CTLR, GICC_CTLR_ENABLE);
}

/*
 * SGIs and PPIs (INTID 0 to 31) have banked registers: this sets this
 * CPU's. Whether an SGI's enable bit can be changed is implementation
 * defined (QEMU's SGIs are always enabled); setting it states the intent.
 */
void gicv2_enable_private(unsigned intid)
{
	mmio_write8(GICD_BASE + GICD_IPRIORITYR(intid), GIC_PRIO);
	mmio_write32(GICD_BASE + GICD_ISENABLER(intid / 32),
		     1u << (intid % 32));
}

size_t arch_ipi_irq(void)
{
	return IPI_INTID;
}

/* Called from arch_timer_init on each CPU, before it unmasks interrupts. */
void gicv2_enable_ipi(void)
{
	gicv2_enable_private(IPI_INTID);
}

/*
 * TargetListFilter 0: the SGI goes to the CPU interfaces set in
 * CPUTargetList, bit n for interface n, which on virt is CPU n (MPIDR
 * Aff0, arch_cpu_id()); the sender itself may be among them.
 */
void arch_ipi_send(unsigned cpu)
{
	/* The sender's earlier stores are visible before the target runs. */
	__asm__ volatile("dsb ishst" ::: "memory");
	mmio_write32(GICD_BASE + GICD_SGIR, GICD_SGIR_TARGETLISTFILTER_LIST |
					     GICD_SGIR_CPUTARGETLIST(cpu) |
					     IPI_INTID);
}

/* From vectors.S, interrupts masked: claim, dispatch, end. */
void gicv2_irq(void)
{
	uint32_t iar = mmio_read32(GICC_BASE + GICC_IAR);
	/* For an SGI, bits 12:10 hold the source CPU: dispatch by INTID. */
	unsigned intid = iar & GICC_IAR_INTID;

	/* Nothing pending any more (another CPU took it, or it went away). */
	if (intid == GIC_SPURIOUS)
		return;
	kernel_irq(intid);
	/*
	 * The timer's line is level-sensitive: re-arming drops it, and must
	 * come before the end of interrupt or the tick is taken again.
	 */
	if (intid == arch_timer_irq())
		generic_timer_rearm();
	/* The whole IAR: an SGI's end must name its source CPU too. */
	mmio_write32(GICC_BASE + GICC_EOIR, iar);
}
