/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * waits.h: waiting in the host tests. A wait that must end is given
 * WAIT_LIMIT seconds before the case fails (so that a regression fails
 * instead of hanging): a liveness bound, not a measurement.
 */
#ifndef WAITS_H
#define WAITS_H

#include <stdbool.h>
#include <time.h>

#define WAIT_LIMIT 10

static inline void pause_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000 };

	nanosleep(&ts, NULL);
}

/* Wait until *p >= want, WAIT_LIMIT seconds at most. */
static inline bool wait_until(const unsigned *p, unsigned want)
{
	for (long ms = 0; ms < WAIT_LIMIT * 1000; ms++) {
		if (__atomic_load_n(p, __ATOMIC_ACQUIRE) >= want)
			return true;
		pause_ms(1);
	}
	return false;
}

#endif
