# SPDX-License-Identifier: BSD-2-Clause
# tests/bench.mk: the benchmark against an earlier version of the library
# (included by the Makefile).
#
#   make bench-base [BASE=<git rev>]   builds tests/bench.c a second time,
#       against src/handler_table.c and include/handler_table.h as they are
#       at BASE (default: the last release), and runs it and the normal
#       bench alternately, ROUNDS (9) times each. Prints the key rows' ratios
#       to each run's own floor and current/base. About 15 s.

BASE ?= 9ae0dff
BENCH_BASE := $(BUILD)/bench-base

.PHONY: bench-base bench-base-rev

# The commit BASE names, rewritten only when it changes, so that the files
# below are extracted again when BASE (or the branch it names) moves.
$(BENCH_BASE)/rev: bench-base-rev
	@mkdir -p $(@D)
	$(Q)rev=$$(git rev-parse --verify --quiet '$(BASE)^{commit}') || \
		{ echo "BASE=$(BASE) names no commit"; exit 1; }; \
	[ "$$(cat $@ 2>/dev/null)" = "$$rev" ] || echo "$$rev" > $@

# The header goes to a directory of its own: the base source must not see
# the current include/handler_table.h.
BASE_FILES := src/handler_table.c include/handler_table.h

$(BASE_FILES:%=$(BENCH_BASE)/%): $(BENCH_BASE)/rev
	@mkdir -p $(@D)
	@echo "  GIT $(BASE):$(@:$(BENCH_BASE)/%=%)"
	$(Q)git show "$$(cat $<):$(@:$(BENCH_BASE)/%=%)" > $@.tmp && \
		mv $@.tmp $@

# The flags of $(HB)/bench, with the base's header instead of include/.
$(BENCH_BASE)/bench: tests/bench.c $(BASE_FILES:%=$(BENCH_BASE)/%)
	@echo "  CC [bench, $(BASE)] $@"
	$(Q)$(HOSTCC) $(BENCH_CFLAGS) -I$(BENCH_BASE)/include $(filter %.c,$^) -o $@

bench-base: $(HB)/bench $(BENCH_BASE)/bench
	@echo "current: $(HTBL_SRC) with include/; base: $(BASE)" \
		"($$(cut -c1-12 $(BENCH_BASE)/rev))"
	$(Q)$(HB)/bench --versus $(BENCH_BASE)/bench
