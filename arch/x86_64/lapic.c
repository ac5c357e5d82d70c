/*
 * lapic.c: each CPU's local APIC (Intel SDM vol. 3A, chapter 10), at its
 * reset base 0xfee00000 (IA32_APIC_BASE, left alone by SeaBIOS): the
 * periodic timer, end of interrupt, and the INIT/SIPI that start an AP.
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
}

size_t arch_timer_irq(void)
{
	return VEC_TIMER;
}

/* After INIT an AP's LAPIC is software-disabled: enable it here too. */
void arch_timer_init(void)
{
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

static void send_ipi(unsigned apic_id, uint32_t cmd)
{
	lapic_write(ICR_HIGH, apic_id << 24);
	lapic_write(ICR_LOW, cmd);
	while (lapic_read(ICR_LOW) & ICR_PENDING)
		cpu_relax();
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
