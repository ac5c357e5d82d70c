/* SPDX-License-Identifier: BSD-2-Clause */
// cxx_header.cc: the public header from C++: extern "C" linkage, and
// HTBL_DEFINE at namespace scope, plain and static, with no init call.
#include <handler_table.h>

#include <cstdio>

extern "C" {
#include "tap.h"
}

void tap_putc(char c)
{
	std::putchar(c);
}

HTBL_DEFINE(cxx_table, 4);
static HTBL_DEFINE(cxx_static_table, 2);

static int calls;

static void count(void *arg)
{
	calls += *static_cast<int *>(arg);
}

int main()
{
	int one = 1;

	tap_check(htbl_capacity(&cxx_table) == 4 &&
			  htbl_capacity(&cxx_static_table) == 2 &&
			  !htbl_handle(&cxx_table, 3) &&
			  !htbl_handle(&cxx_static_table, 1),
		  "C++: HTBL_DEFINE tables are empty with no init call");
	tap_check(htbl_register(&cxx_table, 3, count, &one) &&
			  htbl_handle(&cxx_table, 3) && calls == 1 &&
			  !htbl_handle(&cxx_static_table, 3),
		  "C++: register and handle; tables do not share slots");
	return tap_done() ? 1 : 0;
}
