# SPDX-License-Identifier: BSD-2-Clause
# handler_table.mk: the library built by a kernel's own Makefile, with the
# kernel's compiler and flags, into the kernel's build directory.
#
#   HTBL_DIR   := path/to/handler_table    # default: this file's directory
#   HTBL_BUILD := $(BUILD)/handler_table   # default: build/handler_table
#   include $(HTBL_DIR)/handler_table.mk
#
#   CFLAGS += $(HTBL_CPPFLAGS)             # -I for <handler_table.h>
#   kernel.elf: $(OBJS) $(HTBL_LIB)        # or link $(HTBL_OBJS) directly
#
# Reads (as they are when the rule runs, so later += count):
#   CC, CFLAGS, CPPFLAGS   the kernel's: its ABI (-march/-mabi, -mfloat-abi,
#                          the same as its own objects'), freestanding, and
#                          atomics inline (aarch64: -mno-outline-atomics, or
#                          link libgcc). Nothing is added but HTBL_CPPFLAGS.
#   AR                     for HTBL_LIB (make's default is plain ar: set it
#                          to the cross one, e.g. $(CROSS_COMPILE)ar)
#   HTBL_CFLAGS            extra flags for the library alone (default none)
# Gives:
#   HTBL_OBJS      $(HTBL_BUILD)/handler_table.o $(HTBL_BUILD)/up_atomic.o
#                  (the second empty but with -DHTBL_UNIPROCESSOR: the masked
#                  __atomic_* helpers; link the archive, not the objects, to
#                  keep a kernel's own helpers, see src/up_atomic.c)
#   HTBL_LIB       $(HTBL_BUILD)/libhandlertable.a
#   HTBL_CPPFLAGS  -I$(HTBL_DIR)/include
#   HTBL_VERSION   e.g. 0.2.0, from include/handler_table.h
#
# The command line the object is compiled with, and the compiler's version,
# are kept in $(HTBL_BUILD)/flags, rewritten only when they change; the
# object depends on it, so a change of flags or toolchain rebuilds it.
# Every name this file defines starts with HTBL_, htbl_ or htbl-; it leaves
# the including Makefile's default goal alone.

htbl_goal := $(.DEFAULT_GOAL)

HTBL_DIR ?= $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
HTBL_BUILD ?= build/handler_table
HTBL_CFLAGS ?=
HTBL_CPPFLAGS := -I$(HTBL_DIR)/include
HTBL_OBJS := $(HTBL_BUILD)/handler_table.o $(HTBL_BUILD)/up_atomic.o
HTBL_LIB := $(HTBL_BUILD)/libhandlertable.a
HTBL_VERSION = $(shell sed -n 's/^\#define HTBL_VERSION_[A-Z]* \([0-9]*\)$$/\1/p' \
	$(HTBL_DIR)/include/handler_table.h | paste -sd .)

htbl_compile = $(CC) $(CFLAGS) $(CPPFLAGS) \
	$(filter-out $(CFLAGS) $(CPPFLAGS),$(HTBL_CPPFLAGS)) $(HTBL_CFLAGS) -c
htbl_quote = '$(subst ','\'',$(1))'

.PHONY: htbl-force
htbl-force:

$(HTBL_BUILD)/flags: htbl-force
	@mkdir -p $(@D)
	@printf '%s\n' $(call htbl_quote,$(strip $(htbl_compile))) \
		"$$($(CC) --version 2>/dev/null | head -n 1)" > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

$(HTBL_OBJS): $(HTBL_BUILD)/%.o: $(HTBL_DIR)/src/%.c \
		$(HTBL_DIR)/include/handler_table.h $(HTBL_BUILD)/flags
	$(htbl_compile) $< -o $@

$(HTBL_LIB): $(HTBL_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

.DEFAULT_GOAL := $(htbl_goal)
