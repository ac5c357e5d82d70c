# SPDX-License-Identifier: BSD-2-Clause
# The build machine itself: the library as the host tests link it.
CROSS_COMPILE ?=
ARCH_CFLAGS := -fno-stack-protector
