/* SPDX-License-Identifier: BSD-2-Clause */
// extern_c.cc: the header included the way C headers often are, inside
// extern "C" { }: its C++ part must keep C++ linkage.
extern "C" {
#include <handler_table.h>
}

#include "tables.h"

static HTBL_DEFINE(irq, 16);

struct htbl *c_irq()
{
	return &irq;
}
