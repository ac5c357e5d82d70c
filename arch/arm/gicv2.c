/*
 * gicv2.c: the Arm Generic Interrupt Controller v2 (GIC-400 programming
 * model, IHI 0048B). QEMU's virt board maps the distributor at 0x08000000
 * and the CPU interface at 0x08010000 (VIRT_GIC_DIST, VIRT_GIC_CPU in
 * hw/arm/virt.c), without the Security Extensions when secure=off, so
 * every interrupt is group 0 and signalled as IRQ.
 */
#include "arch.h"
#include "arm.h"

#define GICD_BASE	0x08000000u
#define GICD_CTLR	0x000		/* distributor control */
#define GICD_ISENABLER	0x100		/* set-enable, 32 INTIDs a word */
#define GICD_IPRIORITYR	0x400		/* priority, one byte per INTID */
#define GICD_SGIR	0xf00		/* software generated interrupt */

#define GICC_BASE	0x08010000u
#define GICC_CTLR	0x00		/* CPU interface control */
#define GICC_PMR	0x04		/* priority mask */
#define GICC_IAR	0x0c		/* interrupt acknowledge */
#define GICC_EOIR	0x10		/* end of interrupt */

#define GIC_ENABLE	1u
#define GICC_PMR_ALL	0xffu		/* let every priority through */
#define GIC_PRIO	0xa0u
#define GICC_IAR_INTID	0x3ffu
#define GIC_SPURIOUS	1020u		/* 1020..1023: nothing to handle */

/*
 * The IPI is SGI 1: SGIs (INTIDs 0..15) exist on every CPU interface and
 * are raised by software alone. GICD_SGIR TargetListFilter 0 sends to
 * the CPUs in CPUTargetList, bit n for CPU interface n, which on virt is
 * MPIDR Aff0 = arch_cpu_id().
 */
#define IPI_INTID		1u
#define GICD_SGIR_TARGETS_SHIFT	16
#define GICD_SGIR_FILTER_LIST	(0u << 24)

static volatile uint32_t *gicd(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(GICD_BASE + off);
}

static volatile uint32_t *gicc(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(GICC_BASE + off);
}

/*
 * SGIs and PPIs (INTIDs 0..31) have their enable and priority registers
 * banked per CPU, so each CPU sets up its own. Enabling the distributor
 * again from every CPU is harmless.
 */
void gicv2_init_cpu(unsigned intid)
{
	volatile uint8_t *prio = (volatile uint8_t *)gicd(GICD_IPRIORITYR);

	prio[intid] = GIC_PRIO;
	*gicd(GICD_ISENABLER + 4 * (intid / 32)) = 1u << (intid % 32);
	*gicd(GICD_CTLR) = GIC_ENABLE;
	*gicc(GICC_PMR) = GICC_PMR_ALL;
	*gicc(GICC_CTLR) = GIC_ENABLE;
}

size_t arch_ipi_irq(void)
{
	return IPI_INTID;
}

/* Called from arch_timer_init: SGI enable and priority are per CPU. */
void gicv2_init_ipi(void)
{
	gicv2_init_cpu(IPI_INTID);
}

void arch_ipi_send(unsigned cpu)
{
	/* Whatever the sender wrote is visible before the target runs. */
	__asm__ volatile("dsb" ::: "memory");
	*gicd(GICD_SGIR) = GICD_SGIR_FILTER_LIST |
			   (1u << (GICD_SGIR_TARGETS_SHIFT + cpu)) | IPI_INTID;
}

/*
 * Acknowledge, dispatch, end. The timer is re-armed before EOI: its PPI
 * is level-triggered and would otherwise be pending again at once.
 */
void gicv2_handle_irq(void)
{
	uint32_t iar = *gicc(GICC_IAR);
	uint32_t intid = iar & GICC_IAR_INTID;

	if (intid >= GIC_SPURIOUS)
		return;
	/*
	 * For an SGI, IAR also holds the source CPU (bits 12:10); dispatch
	 * by INTID only, and EOIR takes the whole IAR value back.
	 */
	kernel_irq(intid);
	if (intid == arch_timer_irq())
		generic_timer_rearm();
	*gicc(GICC_EOIR) = iar;
}
