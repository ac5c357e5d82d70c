/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * consumer.h: the smallest user of the library, shared by every build
 * route tested in tests/consumers/ (Make fragment, CMake, Meson,
 * pkg-config, the two files alone).
 */
#ifndef CONSUMER_H
#define CONSUMER_H

/* Register a handler, dispatch it; 0 when both went as they should. */
int consumer_run(void);

/* The entry of the consumers that are linked, not run (start.c). */
void _start(void) __attribute__((noreturn));

#endif
