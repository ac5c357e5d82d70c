/* SPDX-License-Identifier: BSD-2-Clause */
// in_header.h: a static table in a header: each file that includes it
// gets a table of its own.
#ifndef CXX_IN_HEADER_H
#define CXX_IN_HEADER_H

#include <handler_table.h>

static HTBL_DEFINE(hdr, 4);

#endif
