/* SPDX-License-Identifier: BSD-2-Clause */
/* tap.c: the TAP-style reporter, on top of tap_putc only. */
#include "tap.h"

static unsigned tap_passed, tap_failed;

void tap_puts(const char *s)
{
	while (*s)
		tap_putc(*s++);
}

void tap_putu(uintmax_t v)
{
	char buf[24];
	int i = 0;

	do {
		buf[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		tap_putc(buf[--i]);
}

void tap_puthex(uintmax_t v)
{
	tap_puts("0x");
	for (int shift = (int)sizeof(v) * 8 - 4; shift >= 0; shift -= 4)
		tap_putc("0123456789abcdef"[(v >> shift) & 15]);
}

bool tap_check(bool ok, const char *name)
{
	if (ok)
		tap_passed++;
	else
		tap_failed++;
	tap_puts(ok ? "ok " : "not ok ");
	tap_putu(tap_passed + tap_failed);
	tap_puts(" - ");
	tap_puts(name);
	tap_putc('\n');
	return ok;
}

void tap_diag(const char *msg)
{
	tap_puts("# ");
	tap_puts(msg);
	tap_putc('\n');
}

unsigned tap_done(void)
{
	tap_putu(tap_passed);
	tap_puts(" passed, ");
	tap_putu(tap_failed);
	tap_puts(" failed\n");
	return tap_failed;
}
