/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tap.h: test output, freestanding, shared by the host tests and the test
 * kernel: "ok N - name" / "not ok N - name", then "N passed, N failed".
 */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>
#include <stdint.h>

/* Write one character: provided by whoever links tap.c (stdio or a UART). */
void tap_putc(char c);

void tap_puts(const char *s);
void tap_putu(uintmax_t v);
void tap_puthex(uintmax_t v);
/* Report one case; returns ok. */
bool tap_check(bool ok, const char *name);
/* A "# ..." comment line. */
void tap_diag(const char *msg);
/* Print the summary line; returns the number of failed cases. */
unsigned tap_done(void);

#endif
