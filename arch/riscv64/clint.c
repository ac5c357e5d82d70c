/*
 * clint.c: the Core Local Interruptor of QEMU's virt board, at 0x2000000
 * (VIRT_CLINT in hw/riscv/virt.c; register layout in hw/intc/riscv_aclint.c):
 * a software interrupt bit (msip) and a timer compare (mtimecmp) per hart,
 * and one mtime counting at 10 MHz (RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ).
 * mip.MTIP is raised while mtime >= this hart's mtimecmp.
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

uint64_t clint_mtime(void)
{
	return mmio_read64(CLINT_MTIME);
}

/*
 * One tick from now rather than from the last deadline: a hart that fell
 * behind (a busy host) takes one late tick, not a burst to catch up.
 */
void clint_timer_rearm(void)
{
	mmio_write64(CLINT_MTIMECMP(arch_cpu_id()),
		     clint_mtime() + CLINT_MTIME_HZ / TICK_HZ);
}

/* The compare first: mtimecmp's reset value may already lie in the past. */
void arch_timer_init(void)
{
	clint_timer_rearm();
	csr_set(mie, MIE_MTIE);
}

void clint_ipi_send(unsigned hart)
{
	mmio_write32(CLINT_MSIP(hart), 1);
}

void clint_ipi_clear(unsigned hart)
{
	mmio_write32(CLINT_MSIP(hart), 0);
}
