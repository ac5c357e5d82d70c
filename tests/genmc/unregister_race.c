/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * unregister_race.c: each registration is removed exactly once, and the
 * unregister that removes it returns its own pair. One thread removes the
 * first registration and registers a second while another unregisters:
 * that one may find the first, the second, or nothing, and must get the
 * pair of the registration its removal took effect on.
 */
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

#include "../../src/handler_table.c"

static HTBL_DEFINE(table, 1);
static int a1, a2;
static htbl_handler_fn got_fn[3];
static void *got_arg[3];
static bool registered;

static void f1(void *arg)
{
	(void)arg;
}

static void f2(void *arg)
{
	(void)arg;
}

static void *reregister(void *unused)
{
	(void)unused;
	got_fn[0] = htbl_unregister(&table, 0, &got_arg[0]);
	registered = htbl_register(&table, 0, f2, &a2);
	return NULL;
}

static void *unregister(void *unused)
{
	(void)unused;
	got_fn[1] = htbl_unregister(&table, 0, &got_arg[1]);
	return NULL;
}

int main(void)
{
	pthread_t r, u;
	int n1 = 0, n2 = 0;
	bool ok = htbl_register(&table, 0, f1, &a1);

	assert(ok);
	pthread_create(&r, NULL, reregister, NULL);
	pthread_create(&u, NULL, unregister, NULL);
	pthread_join(r, NULL);
	pthread_join(u, NULL);
	got_fn[2] = htbl_unregister(&table, 0, &got_arg[2]);
	assert(registered);
	for (int i = 0; i < 3; i++) {
		if (got_fn[i] == f1) {
			assert(got_arg[i] == &a1);
			n1++;
		} else if (got_fn[i] == f2) {
			assert(got_arg[i] == &a2);
			n2++;
		} else {
			assert(got_fn[i] == NULL);
		}
	}
	assert(n1 == 1 && n2 == 1);
	return 0;
}
