/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * start.c: the entry of the consumers that are linked but not booted. The
 * link is the test (every symbol resolved, the ABIs agree); this only makes
 * consumer_run reachable from the entry, so that the library is pulled in.
 */
#include "consumer.h"

volatile int consumer_status = -1;

void _start(void)
{
	consumer_status = consumer_run();
	for (;;)
		;
}
