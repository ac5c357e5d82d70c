/* SPDX-License-Identifier: BSD-2-Clause */
// main.cc: every HTBL_DEFINE of tests/cxx/ is a table of its own, and is
// ready before the first constructor runs. The tables are in the other
// files; this one defines none, so that its constructor below does not
// count against them in run.sh's check of their objects.
#include <stdio.h>

#include "tables.h"

extern "C" {
#include "tap.h"
}

void tap_putc(char c)
{
	putchar(c);
}

struct table {
	const char *name;
	struct htbl *(*get)();
	size_t n;
};

enum {
	A_IRQ, B_IRQ, C_IRQ, A_HDR, B_HDR, A_ANON, B_ANON, A_DEV, A_DRV_DEV,
	B_NET_DEV, OUTER_T, INNER_T, GLOBAL_U, UNNAMED_U, GLOBAL_LOCAL,
	FN_LOCAL, FN_LOCAL2, NTABLES
};

static const struct table tables[] = {
	{ "tu_a.cc irq", a_irq, 16 },
	{ "tu_b.cc irq", b_irq, 16 },
	{ "extern_c.cc irq", c_irq, 16 },
	{ "tu_a.cc hdr", a_header, 4 },
	{ "tu_b.cc hdr", b_header, 4 },
	{ "tu_a.cc (unnamed)::anon", a_anon, 4 },
	{ "tu_b.cc (unnamed)::anon", b_anon, 4 },
	{ "tu_a.cc dev", a_dev, 4 },
	{ "tu_a.cc drv::dev", a_drv_dev, 4 },
	{ "tu_b.cc net::dev", b_net_dev, 4 },
	{ "outer::t", outer_t, 4 },
	{ "outer::inner::t", inner_t, 4 },
	{ "u", global_u, 4 },
	{ "(unnamed)::u", unnamed_u, 4 },
	{ "local", global_local, 4 },
	{ "fn_local()::local", fn_local, 4 },
	{ "fn_local2()::local", fn_local2, 4 },
};
static_assert(sizeof(tables) / sizeof(tables[0]) == NTABLES,
	      "one entry per table");

struct pair {
	const char *what;
	int x, y;
};

static const struct pair pairs[] = {
	{ "static in two files: two tables", A_IRQ, B_IRQ },
	{ "static in a file that includes the header inside extern \"C\": "
	  "two tables", C_IRQ, A_IRQ },
	{ "static in a header included by two files: two tables", A_HDR,
	  B_HDR },
	{ "in unnamed namespaces of two files: two tables", A_ANON, B_ANON },
	{ "global, then namespaced of the same name: two tables", A_DEV,
	  A_DRV_DEV },
	{ "global in one file, namespaced in another: two tables", A_DEV,
	  B_NET_DEV },
	{ "in nested namespaces: two tables", OUTER_T, INNER_T },
	{ "global, then in an unnamed namespace: two tables", GLOBAL_U,
	  UNNAMED_U },
	{ "global, then function-local static: two tables", GLOBAL_LOCAL,
	  FN_LOCAL },
	{ "function-local static in two functions: two tables", FN_LOCAL,
	  FN_LOCAL2 },
};

static void *called_with;

static void record(void *arg)
{
	called_with = arg;
}

// Set before any constructor of default priority runs (dynamic
// initializers included): the table had its n slots then, and took a
// registration in its last slot, which must still be there in main.
static bool early_ok[NTABLES];

__attribute__((constructor(101))) static void before_constructors()
{
	for (int i = 0; i < NTABLES; i++) {
		struct htbl *t = tables[i].get();

		early_ok[i] = htbl_capacity(t) == tables[i].n &&
			      htbl_register(t, tables[i].n - 1, record,
					    &early_ok[i]);
	}
}

static bool still_registered(int i)
{
	return htbl_handle(tables[i].get(), tables[i].n - 1) &&
	       called_with == &early_ok[i];
}

// Slot 0 of x and of y hold what was registered in each, and only there.
static bool distinct(struct htbl *x, struct htbl *y)
{
	int in_x, in_y;
	bool ok = x != y && htbl_register(x, 0, record, &in_x) &&
		  !htbl_handle(y, 0) && htbl_register(y, 0, record, &in_y) &&
		  htbl_handle(x, 0) && called_with == &in_x &&
		  htbl_handle(y, 0) && called_with == &in_y;

	htbl_unregister(x, 0, NULL);
	htbl_unregister(y, 0, NULL);
	return ok;
}

static void check_pair(const struct pair *p)
{
	const struct table *x = &tables[p->x], *y = &tables[p->y];
	bool ok = htbl_capacity(x->get()) == x->n &&
		  htbl_capacity(y->get()) == y->n &&
		  distinct(x->get(), y->get());

	if (!ok) {
		tap_puts("# ");
		tap_puts(x->name);
		tap_puts(" and ");
		tap_puts(y->name);
		tap_puts(" share slots or have the wrong size\n");
	}
	tap_check(ok, p->what);
}

int main()
{
	bool ready = true;

	for (int i = 0; i < NTABLES; i++) {
		if (early_ok[i] && still_registered(i))
			continue;
		ready = false;
		tap_puts("# not ready before constructors, or changed after: ");
		tap_puts(tables[i].name);
		tap_putc('\n');
	}
	tap_check(ready, "every table is ready before the first constructor "
			 "and untouched after it");
	for (const struct pair &p : pairs)
		check_pair(&p);

	void *arg = NULL;
	int in_a;
	tap_check(a_dev() == b_extern_dev() &&
			  htbl_register(a_dev(), 0, record, &in_a) &&
			  htbl_handle(b_extern_dev(), 0) &&
			  called_with == &in_a &&
			  htbl_unregister(b_extern_dev(), 0, &arg) == record &&
			  arg == &in_a,
		  "extern htbl_table<4> dev in another file is the same table");
	return tap_done() ? 1 : 0;
}
