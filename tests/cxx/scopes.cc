/* SPDX-License-Identifier: BSD-2-Clause */
// scopes.cc: tables of one name in nested scopes of one file. Each inner
// definition must define a new table, not find the outer one.
#include "tables.h"

namespace outer {
HTBL_DEFINE(t, 4);
namespace inner {
HTBL_DEFINE(t, 4);
}
}

struct htbl *outer_t()
{
	return &outer::t;
}

struct htbl *inner_t()
{
	return &outer::inner::t;
}

HTBL_DEFINE(u, 4);

// Before the unnamed namespace's u, after which ::u is ambiguous.
struct htbl *global_u()
{
	return &u;
}

namespace {
HTBL_DEFINE(u, 4);

struct htbl *unnamed_u_here()
{
	return &u;
}
}

struct htbl *unnamed_u()
{
	return unnamed_u_here();
}

HTBL_DEFINE(local, 4);

struct htbl *global_local()
{
	return &local;
}

struct htbl *fn_local()
{
	static HTBL_DEFINE(local, 4);
	return &local;
}

struct htbl *fn_local2()
{
	static HTBL_DEFINE(local, 4);
	return &local;
}
