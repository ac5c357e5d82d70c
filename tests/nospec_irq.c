/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * nospec_irq.c: the library compiled into an IRQ entry, as a unity build or
 * LTO would see it, for `make nospec` (tests/nospec.mk). flatten inlines
 * htbl_handle into each entry: one is passed its table, the other uses a
 * static one whose size the compiler knows, and so could fold the clamp.
 */
#include HTBL_SRC_FILE

static HTBL_DEFINE(nospec_table, 64);
unsigned long nospec_unhandled;

void nospec_irq_entry(struct htbl *t, size_t irq) __attribute__((flatten));
void nospec_irq_static(size_t irq) __attribute__((flatten));

void nospec_irq_entry(struct htbl *t, size_t irq)
{
	if (!htbl_handle(t, irq))
		nospec_unhandled++;
}

void nospec_irq_static(size_t irq)
{
	if (!htbl_handle(&nospec_table, irq))
		nospec_unhandled++;
}
