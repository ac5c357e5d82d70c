/* SPDX-License-Identifier: BSD-2-Clause */
// tu_a.cc: tables that tu_b.cc defines under the same names: static, in a
// header, in an unnamed namespace. And a global table followed by a
// namespaced one of the same name.
#include "in_header.h"
#include "tables.h"

static HTBL_DEFINE(irq, 16);
HTBL_DEFINE(dev, 4);

namespace drv {
HTBL_DEFINE(dev, 4);
}

namespace {
HTBL_DEFINE(anon, 4);
}

struct htbl *a_irq()
{
	return &irq;
}

struct htbl *a_header()
{
	return &hdr;
}

struct htbl *a_anon()
{
	return &anon;
}

struct htbl *a_dev()
{
	return &dev;
}

struct htbl *a_drv_dev()
{
	return &drv::dev;
}
