/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * unit_main.c: the host unit tests (run under ASan and UBSan): the shared
 * API cases, then a nested-interrupt test that only a host can do: POSIX
 * signals, sent from another thread, dispatch through the table while the
 * interrupted thread is inside htbl_register, htbl_unregister(_sync) or
 * htbl_handle on the same slots.
 */
#define _POSIX_C_SOURCE 200809L
#include <handler_table.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "api_cases.h"
#include "tap.h"

#define ROUNDS 200000

void tap_putc(char c)
{
	putchar(c);
}

static HTBL_DEFINE(sig_table, 2);
static int arg_a, arg_b, arg_fixed;
static volatile sig_atomic_t torn, signals, fixed_calls;
static volatile sig_atomic_t finished;

static void fn_a(void *arg)
{
	if (arg != &arg_a)
		torn = 1;
}

static void fn_b(void *arg)
{
	if (arg != &arg_b)
		torn = 1;
}

static void fn_fixed(void *arg)
{
	if (arg != &arg_fixed)
		torn = 1;
	fixed_calls = fixed_calls + 1;
}

/* The "interrupt": dispatch both slots from a signal handler. */
static void on_signal(int sig)
{
	(void)sig;
	signals = signals + 1;
	htbl_handle(&sig_table, 0);
	htbl_handle(&sig_table, 1);
}

static void *interrupter(void *target)
{
	const struct timespec gap = { 0, 20 * 1000 };

	while (!finished) {
		pthread_kill(*(pthread_t *)target, SIGUSR1);
		nanosleep(&gap, NULL);
	}
	return NULL;
}

static void test_signal_nesting(void)
{
	pthread_t self = pthread_self(), irq;
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, old;
	unsigned long reg_ok = 0;
	void *out;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	htbl_register(&sig_table, 1, fn_fixed, &arg_fixed);
	pthread_create(&irq, NULL, interrupter, &self);
	for (unsigned i = 0; i < ROUNDS; i++) {
		bool a = i & 1;

		reg_ok += htbl_register(&sig_table, 0, a ? fn_a : fn_b,
					a ? &arg_a : &arg_b);
		htbl_handle(&sig_table, 0);
		if (i & 2)
			htbl_unregister_sync(&sig_table, 0, &out);
		else
			htbl_unregister(&sig_table, 0, &out);
	}
	/* Stop the interrupts before reading what they counted. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	finished = 1;
	pthread_join(irq, NULL);
	tap_check(reg_ok == ROUNDS,
		  "signals: every registration of the interrupted thread won");
	tap_check(signals > 0 && !torn,
		  "signals: no torn pair seen from a nested dispatch");
	tap_check(fixed_calls == signals,
		  "signals: every nested dispatch of a stable slot ran, none "
		  "waited on the interrupted call");
	tap_check(htbl_unregister_sync(&sig_table, 1, NULL) == fn_fixed,
		  "signals: stable slot still intact afterwards");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int main(void)
{
	/* A dispatch that waits on the context it interrupted hangs: fail. */
	alarm(120);
	api_cases();
	test_signal_nesting();
	return tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
