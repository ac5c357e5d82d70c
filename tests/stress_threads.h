/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stress_threads.h: the host's run of the shared stress (stress_core.c):
 * n_disp dispatcher and n_mut mutator threads, started with their index,
 * joined; returns the handler calls the dispatchers counted in handled[].
 */
#ifndef STRESS_THREADS_H
#define STRESS_THREADS_H

#include <pthread.h>
#include <stdint.h>

#define STRESS_MAX_THREADS 8

static inline unsigned long stress_threads(void *(*dispatcher)(void *),
					   size_t n_disp,
					   void *(*mutator)(void *),
					   size_t n_mut,
					   const unsigned long *handled)
{
	pthread_t d[STRESS_MAX_THREADS], m[STRESS_MAX_THREADS];
	unsigned long sum = 0;

	for (size_t i = 0; i < n_disp; i++)
		pthread_create(&d[i], NULL, dispatcher, (void *)(uintptr_t)i);
	for (size_t i = 0; i < n_mut; i++)
		pthread_create(&m[i], NULL, mutator, (void *)(uintptr_t)i);
	for (size_t i = 0; i < n_mut; i++)
		pthread_join(m[i], NULL);
	for (size_t i = 0; i < n_disp; i++) {
		pthread_join(d[i], NULL);
		sum += handled[i];
	}
	return sum;
}

#endif
