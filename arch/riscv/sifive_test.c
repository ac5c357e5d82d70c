/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sifive_test.c: the SiFive test finisher of QEMU's virt board, at
 * 0x100000 (VIRT_TEST in hw/riscv/virt.c; hw/misc/sifive_test.c). Writing
 * FINISHER_PASS makes QEMU exit with status 0, FINISHER_FAIL with the
 * code in the upper 16 bits as its status.
 */
#include "arch.h"
#include "riscv.h"

#define SIFIVE_TEST_BASE 0x100000ul
#define FINISHER_FAIL 0x3333
#define FINISHER_PASS 0x5555

void arch_exit(int status)
{
	uint32_t code = (uint32_t)status & 0xffff;

	/* The host keeps the low 8 bits: a failure must not come out as 0. */
	if (status != 0 && (code & 0xff) == 0)
		code = 1;
	mmio_write32(SIFIVE_TEST_BASE,
		     status == 0 ? FINISHER_PASS : code << 16 | FINISHER_FAIL);
	for (;;)
		arch_wait_irq();
}
