/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * riscv.h: CSR and memory-mapped register access, and the hooks the
 * RISC-V files share with each other and with entry.S and trap_entry.S. The
 * kernel runs in M-mode with no translation: addresses are physical. The
 * same files build for RV64 and RV32 (__riscv_xlen): CSRs and saved
 * registers are XLEN wide, unsigned long in both lp64 and ilp32.
 */
#ifndef RISCV_H
#define RISCV_H

/* The assembly's spelling of one XLEN register's store, load and size. */
#if __riscv_xlen == 64
#define REG_S sd
#define REG_L ld
#define REGBYTES 8
#elif __riscv_xlen == 32
#define REG_S sw
#define REG_L lw
#define REGBYTES 4
#else
#error "riscv.h: RV32 or RV64 only"
#endif

#ifndef __ASSEMBLER__

#include <stdint.h>

#define csr_read(csr)                                                          \
	({                                                                     \
		unsigned long v_;                                              \
		__asm__ volatile("csrr %0, " #csr : "=r"(v_));                 \
		v_;                                                            \
	})

#define csr_write(csr, v)                                                      \
	__asm__ volatile("csrw " #csr ", %0" : : "r"((unsigned long)(v))       \
			 : "memory")

#define csr_set(csr, bits)                                                     \
	__asm__ volatile("csrs " #csr ", %0" : : "r"((unsigned long)(bits))    \
			 : "memory")

#define csr_clear(csr, bits)                                                   \
	__asm__ volatile("csrc " #csr ", %0" : : "r"((unsigned long)(bits))    \
			 : "memory")

/* mstatus, mie/mip and mcause bits (privileged spec, machine level). */
#define MSTATUS_MIE (1ul << 3)
#define IRQ_M_SOFT 3
#define IRQ_M_TIMER 7
#define MIE_MSIE (1ul << IRQ_M_SOFT)
#define MIE_MTIE (1ul << IRQ_M_TIMER)
#define MIP_MSIP (1ul << IRQ_M_SOFT)
/* mcause's top bit, whatever XLEN is, tells an interrupt from an exception. */
#define MCAUSE_INTERRUPT (1ul << (__riscv_xlen - 1))

static inline uint32_t mmio_read32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

/*
 * One 64-bit access only where it is one instruction: on RV32 the compiler
 * splits it into two in an order of its choosing (clint.c orders its own).
 */
#if __riscv_xlen == 64
static inline uint64_t mmio_read64(uintptr_t addr)
{
	return *(volatile uint64_t *)addr;
}

static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
	*(volatile uint64_t *)addr = v;
}
#endif

static inline uint8_t mmio_read8(uintptr_t addr)
{
	return *(volatile uint8_t *)addr;
}

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

/* clint.c: mtime counts at 10 MHz on QEMU's virt board. */
#define CLINT_MTIME_HZ 10000000ul
uint64_t clint_mtime(void);
void clint_timer_rearm(void);
void clint_ipi_send(unsigned hart);
void clint_ipi_clear(unsigned hart);
/* smp.c: entry.S parks every hart but hart 0 here, on its own stack. */
void hart_park(unsigned hart) __attribute__((noreturn));
/* trap.c: called by trap_entry.S with the trap's cause registers. */
void trap_handler(unsigned long mcause, unsigned long mepc,
		  unsigned long mtval);

#endif /* !__ASSEMBLER__ */

#endif
