/* SPDX-License-Identifier: BSD-2-Clause */
// tables.h: one accessor per table of the C++ scope test, named after the
// file and scope that define it. main.cc checks that they are all
// different tables (but a_dev and b_extern_dev, one table declared twice).
#ifndef CXX_TABLES_H
#define CXX_TABLES_H

#include <handler_table.h>

// tu_a.cc and tu_b.cc: the same definitions in two translation units.
struct htbl *a_irq();        // static HTBL_DEFINE(irq, 16)
struct htbl *b_irq();
struct htbl *a_header();     // static HTBL_DEFINE(hdr, 4) in in_header.h
struct htbl *b_header();
struct htbl *a_anon();       // namespace { HTBL_DEFINE(anon, 4); }
struct htbl *b_anon();
struct htbl *a_dev();        // HTBL_DEFINE(dev, 4), global
struct htbl *a_drv_dev();    // drv::dev, after it in the same file
struct htbl *b_net_dev();    // net::dev, in the other file
struct htbl *b_extern_dev(); // extern htbl_table<4> dev: a_dev's table

// scopes.cc: tables of one name in nested scopes of one file.
struct htbl *outer_t();      // outer::t
struct htbl *inner_t();      // outer::inner::t
struct htbl *global_u();     // ::u
struct htbl *unnamed_u();    // u in an unnamed namespace after ::u
struct htbl *global_local(); // ::local
struct htbl *fn_local();     // static local in a function, after ::local
struct htbl *fn_local2();    // the same in another function

// extern_c.cc: includes the header inside extern "C" { }.
struct htbl *c_irq();        // static HTBL_DEFINE(irq, 16)

#endif
