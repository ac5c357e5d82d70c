/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * up.c: the one hart of a uniprocessor build (-DHTBL_UNIPROCESSOR), in
 * place of smp.c. The library's atomics there mask mstatus.MIE
 * (src/up_atomic.c), which orders nothing against a second hart: entry.S
 * halts every hart but hart 0, so however many -smp gives, one runs.
 */
#include "arch.h"

unsigned arch_start_cpus(void (*entry)(unsigned cpu))
{
	(void)entry;
	return 1;
}
