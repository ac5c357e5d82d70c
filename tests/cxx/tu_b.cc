/* SPDX-License-Identifier: BSD-2-Clause */
// tu_b.cc: the same names as tu_a.cc, each a table of its own; and
// tu_a.cc's global dev, declared as the header says to in C++.
#include "in_header.h"
#include "tables.h"

static HTBL_DEFINE(irq, 16);
extern htbl_table<4> dev;

namespace net {
HTBL_DEFINE(dev, 4);
}

namespace {
HTBL_DEFINE(anon, 4);
}

struct htbl *b_irq()
{
	return &irq;
}

struct htbl *b_header()
{
	return &hdr;
}

struct htbl *b_anon()
{
	return &anon;
}

struct htbl *b_net_dev()
{
	return &net::dev;
}

struct htbl *b_extern_dev()
{
	return &dev;
}
