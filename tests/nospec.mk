# SPDX-License-Identifier: BSD-2-Clause
# tests/nospec.mk: the table index stays clamped against speculation in the
# machine code (included by the Makefile).
#
#   make nospec   builds $(HTBL_SRC) for every arch of NOSPEC_ARCHES with
#                 its gcc and with clang-14, at -O1, -O2, -O3 and -Os, alone and inlined into
#                 an IRQ entry (tests/nospec_irq.c), disassembles each, and
#                 fails where a function of NOSPEC_FUNCS clamps the index with
#                 a branch, lets the compiler drop the clamp, or, on Arm,
#                 selects the index on flags with no csdb before the access
#                 (tests/nospec.awk). NOSPEC_STRICT=1 (the default) also wants, on Arm, a
#                 csdb after a mask made without flags (not on ARMv6-M,
#                 which has none). TAP lines, then
#                 "N passed, N failed". About 20 s on 2 cores.

.PHONY: nospec nospec-flags

CHECK_STEPS += nospec

NOSPEC_DIR := $(BUILD)/nospec
NOSPEC_FUNCS ?= htbl_register htbl_unregister htbl_unregister_sync \
	htbl_handle htbl_synchronize
NOSPEC_STRICT ?= 1
NOSPEC_CC ?= clang-14
# The arches checked: those whose disassembly tests/nospec.awk reads.
# (not i386, whose arguments come on the stack).
NOSPEC_ARCHES ?= x86_64 riscv64 riscv32 rv32imc aarch64 arm armv7m armv6m
NOSPEC_CLANG = $(NOSPEC_CC) -std=c11 $(WARN) -ffreestanding -nostdlib \
	-fno-builtin -fno-stack-protector -nostdinc \
	-isystem $(shell $(NOSPEC_CC) -print-resource-dir)/include -Iinclude

# Each arch's gcc flags come from a make for that arch (nospec-flags).
nospec:
	$(Q)mkdir -p $(NOSPEC_DIR) && for a in $(filter $(NOSPEC_ARCHES),$(ARCHES)); do \
		$(MAKE) --no-print-directory -s ARCH=$$a nospec-flags || exit 1; \
	done > $(NOSPEC_DIR)/flags.out && \
	sed -n 's/^nospec-flags: //p' $(NOSPEC_DIR)/flags.out > $(NOSPEC_DIR)/flags
	$(Q)HTBL_SRC=$(HTBL_SRC) NOSPEC_FUNCS="$(NOSPEC_FUNCS)" \
		NOSPEC_STRICT=$(NOSPEC_STRICT) NOSPEC_CLANG="$(NOSPEC_CLANG)" \
		bash tests/nospec_check.sh $(NOSPEC_DIR)

# ARCH|its gcc and the library's flags|its objdump|clang's target flags
# (the arch's, as LLVM=1 builds it)
nospec-flags:
	@echo 'nospec-flags: $(ARCH)|$(CC) $(filter-out -O% -g,$(LIB_CFLAGS))|$(CROSS_COMPILE)objdump|$(CLANG_TARGET_CFLAGS)'
