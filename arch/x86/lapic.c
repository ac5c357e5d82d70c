/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lapic.c: each CPU's local APIC (Intel SDM vol. 3A, chapter 10), at its
 * reset base 0xfee00000 (IA32_APIC_BASE, left alone by SeaBIOS): the
 * periodic timer, end of interrupt, the fixed IPIs between CPUs, and the
 * INIT/SIPI that start an AP.
 * QEMU's LAPIC timer counts one per nanosecond before the divider
 * (hw/intc/apic.c counts the virtual clock in ns).
 */
#include "arch.h"
#include "x86.h"

#define LAPIC_BASE 0xfee00000u

#define ID 0x020
#define TPR 0x080		/* task priority */
#define EOI 0x0b0
#define SVR 0x0f0		/* spurious interrupt vector */
#define ICR_LOW 0x300		/* interrupt command */
#define ICR_HIGH 0x310
#define LVT_TIMER 0x320
#define TIMER_ICR 0x380		/* initial count */
#define TIMER_DCR 0x3e0		/* divide configuration */

#define SVR_ENABLE 0x100
#define ICR_FIXED 0x00000000	/* delivery mode 000: the vector given */
#define ICR_INIT 0x00000500
#define ICR_STARTUP 0x00000600
#define ICR_ASSERT 0x00004000
#define ICR_PENDING 0x00001000	/* delivery status: not yet accepted */
#define LVT_PERIODIC 0x00020000
#define DCR_DIV16 0x3
#define TIMER_HZ (1000000000u / 16)
#define TICKS_PER_MS (TIMER_HZ / 1000)

/* CPU number by APIC ID; an ID never mapped (the boot CPU's) reads 0. */
static uint8_t cpu_by_apic_id[256];
/* And back, for IPIs: the ICR's destination field takes the APIC ID. */
static uint8_t apic_id_by_cpu[MAX_CPUS];

static uint32_t lapic_read(unsigned reg)
{
	return mmio_read32(LAPIC_BASE + reg);
}

static void lapic_write(unsigned reg, uint32_t v)
{
	mmio_write32(LAPIC_BASE + reg, v);
}

unsigned lapic_id(void)
{
	return lapic_read(ID) >> 24;
}

unsigned arch_cpu_id(void)
{
	return cpu_by_apic_id[lapic_id()];
}

void lapic_map_cpu(unsigned apic_id, unsigned cpu)
{
	cpu_by_apic_id[apic_id] = cpu;
	apic_id_by_cpu[cpu] = apic_id;
}

size_t arch_timer_irq(void)
{
	return VEC_TIMER;
}

size_t arch_ipi_irq(void)
{
	return VEC_IPI;
}

/*
 * After INIT an AP's LAPIC is software-disabled: enable it here too; that
 * also lets it accept fixed IPIs, which need no LVT entry. The boot CPU,
 * first here, is the one CPU lapic_map_cpu never sees.
 */
void arch_timer_init(void)
{
	if (arch_cpu_id() == 0)
		apic_id_by_cpu[0] = lapic_id();
	lapic_write(SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(TPR, 0);
	lapic_write(TIMER_DCR, DCR_DIV16);
	lapic_write(LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	/* Writing the initial count starts the timer; it reloads itself. */
	lapic_write(TIMER_ICR, TICKS_PER_MS);
}

/* From vectors.S. EOI even when no handler ran, or the ticks stop. */
void lapic_timer_interrupt(void)
{
	kernel_irq(VEC_TIMER);
	lapic_write(EOI, 0);
}

/* Writing ICR_LOW sends; wait until the LAPIC accepted it. */
static void send_ipi(unsigned apic_id, uint32_t cmd)
{
	lapic_write(ICR_HIGH, apic_id << 24);
	lapic_write(ICR_LOW, cmd);
	while (lapic_read(ICR_LOW) & ICR_PENDING)
		cpu_relax();
}

/*
 * Physical destination mode, edge triggered; to this CPU's own APIC ID it
 * comes back to this LAPIC like any other. Interrupts are off around the
 * ICR_HIGH then ICR_LOW pair, so that a handler sending its own IPI cannot
 * retarget ours in between.
 */
void arch_ipi_send(unsigned cpu)
{
	uintptr_t flags;

	__asm__ volatile("pushf; pop %0; cli" : "=r"(flags) : : "memory");
	send_ipi(apic_id_by_cpu[cpu], ICR_FIXED | ICR_ASSERT | VEC_IPI);
	__asm__ volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
}

/*
 * From vectors.S. EOI even when no handler ran: until then its ISR bit
 * blocks every later IPI, and the timer too, of lower priority.
 */
void lapic_ipi_interrupt(void)
{
	kernel_irq(VEC_IPI);
	lapic_write(EOI, 0);
}

/*
 * INIT, then two STARTUPs, as the SDM's MP start-up sequence; QEMU needs
 * none of its delays, and a STARTUP to an AP already running is ignored.
 */
void lapic_start_ap(unsigned apic_id, uintptr_t start)
{
	send_ipi(apic_id, ICR_INIT | ICR_ASSERT);
	send_ipi(apic_id, ICR_STARTUP | ICR_ASSERT | (start >> 12));
	send_ipi(apic_id, ICR_STARTUP | ICR_ASSERT | (start >> 12));
}
