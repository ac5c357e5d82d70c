/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * clint.c: the Core Local Interruptor of QEMU's virt board, at 0x2000000
 * (VIRT_CLINT in hw/riscv/virt.c; register layout in hw/intc/riscv_aclint.c):
 * a software interrupt bit (msip) and a timer compare (mtimecmp) per hart,
 * and one mtime counting at 10 MHz (RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ).
 * mip.MTIP is raised while mtime >= this hart's mtimecmp; mip.MSIP while
 * bit 0 of this hart's msip is set, which is how one hart interrupts
 * another (or itself): the kernel's inter-processor interrupt.
 */
#include "arch.h"
#include "riscv.h"

#define CLINT_BASE 0x2000000ul
#define CLINT_MSIP(hart) (CLINT_BASE + 0x0000 + 4 * (hart))
#define CLINT_MTIMECMP(hart) (CLINT_BASE + 0x4000 + 8 * (hart))
#define CLINT_MTIME (CLINT_BASE + 0xbff8)

#define TICK_HZ 1000

size_t arch_timer_irq(void)
{
	return IRQ_M_TIMER;
}

#if __riscv_xlen == 64
uint64_t clint_mtime(void)
{
	return mmio_read64(CLINT_MTIME);
}

static void mtimecmp_write(unsigned hart, uint64_t v)
{
	mmio_write64(CLINT_MTIMECMP(hart), v);
}
#else
/*
 * RV32 reads mtime in two halves: the high one again after the low, and
 * all over if the low half carried into it in between.
 */
uint64_t clint_mtime(void)
{
	uint32_t hi, lo;

	do {
		hi = mmio_read32(CLINT_MTIME + 4);
		lo = mmio_read32(CLINT_MTIME);
	} while (mmio_read32(CLINT_MTIME + 4) != hi);
	return (uint64_t)hi << 32 | lo;
}

/*
 * RV32 writes mtimecmp in two halves, in the order of the privileged
 * spec's example: the low half all ones, the high half, the low half. The
 * first value in between is no earlier than the old deadline, the second
 * no earlier than the new one, so neither can be due while those are not
 * and raise an interrupt that no deadline asked for. The new low half
 * first could: beside the old high half it is earlier than the new
 * deadline, perhaps already past, whenever the high half grows.
 */
static void mtimecmp_write(unsigned hart, uint64_t v)
{
	mmio_write32(CLINT_MTIMECMP(hart), UINT32_MAX);
	mmio_write32(CLINT_MTIMECMP(hart) + 4, (uint32_t)(v >> 32));
	mmio_write32(CLINT_MTIMECMP(hart), (uint32_t)v);
}
#endif

/*
 * One tick from now rather than from the last deadline: a hart that fell
 * behind (a busy host) takes one late tick, not a burst to catch up.
 */
void clint_timer_rearm(void)
{
	mtimecmp_write(arch_cpu_id(), clint_mtime() + CLINT_MTIME_HZ / TICK_HZ);
}

/*
 * The compare first: mtimecmp's reset value may already lie in the past.
 * MSIE for the IPI: hart_park (smp.c) left this hart's msip clear.
 */
void arch_timer_init(void)
{
	clint_timer_rearm();
	csr_set(mie, MIE_MTIE | MIE_MSIE);
}

/* The machine software interrupt: mcause code 3 on every hart. */
size_t arch_ipi_irq(void)
{
	return IRQ_M_SOFT;
}

/* On this board CPU n is hart n (smp.c). */
void arch_ipi_send(unsigned cpu)
{
	clint_ipi_send(cpu);
}

/*
 * The fence: memory the sender wrote before the IPI is visible to the
 * receiving hart's handler (the msip write is device output).
 */
void clint_ipi_send(unsigned hart)
{
	__asm__ volatile("fence rw, o" ::: "memory");
	mmio_write32(CLINT_MSIP(hart), 1);
}

void clint_ipi_clear(unsigned hart)
{
	mmio_write32(CLINT_MSIP(hart), 0);
}
