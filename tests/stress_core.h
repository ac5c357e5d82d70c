/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stress_core.h: the concurrency invariants, checked while dispatchers
 * hammer a few slots that mutators register and unregister. Freestanding:
 * driven by pthreads on the host (tests/stress.c) and by CPUs in the test
 * kernel (tests/kernel.c).
 */
#ifndef STRESS_CORE_H
#define STRESS_CORE_H

#include <handler_table.h>
#include <stdint.h>

#define STRESS_SLOTS 4

/*
 * Single-threaded, before a run (the first, or one after stress_report of
 * the last, whose handlers no longer run): use slots first .. first +
 * STRESS_SLOTS - 1 of t, every count at zero and the whole pool free.
 */
void stress_setup(struct htbl *t, size_t first);
/* One htbl_handle of a random stress slot; adds 1 to *handled if called. */
void stress_dispatch(uint32_t *rng, unsigned long *handled);
/* One random register, unregister or unregister_sync. */
void stress_mutate(uint32_t *rng);
/*
 * stress_mutate at least `rounds` times and until *hits (dispatches that
 * called a handler, counted by the caller's dispatchers) reaches
 * min_hits: on a loaded machine they may otherwise run only while the
 * table is empty.
 */
void stress_mutate_until(uint32_t *rng, unsigned rounds,
			 const unsigned long *hits, unsigned long min_hits);
/*
 * Single-threaded, once every dispatcher and mutator has stopped:
 * unregister_sync what is left and report the invariants as test cases.
 * handled is the sum of the dispatchers' counts.
 */
void stress_report(unsigned long handled, const char *where);

/* xorshift32: a freestanding random number generator; *state != 0. */
static inline uint32_t stress_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif
