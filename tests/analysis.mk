# SPDX-License-Identifier: BSD-2-Clause
# analysis.mk: verification beyond the tests (included by the Makefile).
#
#   make fuzz-check   fuzz the API against a reference model for
#                     FUZZ_CHECK_TIME seconds (30), from the seed corpus
#   make fuzz         the same for FUZZ_TIME seconds (600), keeping the
#                     corpus it grows in build/analysis/fuzz/corpus
#   make coverage     line and branch coverage of the library by the host
#                     tests, with every line and branch never reached
#   make analyze      cppcheck, clang-tidy and gcc -fanalyzer: no finding
#
# Each prints "ok N - ..." lines and "N passed, N failed".

.PHONY: fuzz-check fuzz coverage analyze

CHECK_STEPS += analyze fuzz-check

AB := $(BUILD)/analysis
FUZZCC ?= clang-14
CLANG_TIDY ?= clang-tidy-14
FUZZ_TIME ?= 600
FUZZ_CHECK_TIME ?= 30

# ---- fuzzing (tests/fuzz_ops.c) ------------------------------------------

$(AB)/fuzz/fuzz_ops: tests/fuzz_ops.c $(HTBL_SRC) include/handler_table.h
	@mkdir -p $(@D)
	@echo "  CC [libfuzzer+asan+ubsan] $@"
	$(Q)$(FUZZCC) -std=c11 -O1 -g $(WARN) -Iinclude \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(filter %.c,$^) -o $@

# The seeds are copied: libFuzzer writes what it finds into its corpus.
fuzz-check: $(AB)/fuzz/fuzz_ops
	$(Q)sh tests/fuzz.sh $< tests/fuzz_corpus $(AB)/fuzz/check \
		$(FUZZ_CHECK_TIME) fresh

fuzz: $(AB)/fuzz/fuzz_ops
	$(Q)sh tests/fuzz.sh $< tests/fuzz_corpus $(AB)/fuzz $(FUZZ_TIME)

# ---- coverage ------------------------------------------------------------

# The library is built once, and its counters add up over every program.
# Each atomic access in it (__atomic_load_n, __atomic_store_n, the
# compare-exchange that HTBL_CAS expands to, and the read-modify-writes)
# first calls htbl_cov_hook(address, op), op 1 for a load, 2 a store, 3 a
# compare-exchange, 4 a read-modify-write: tests/coverage_cases.c uses that
# to run a nested call, or to hold the thread, between two accesses, where
# only a race would get otherwise; the unit and stress programs link a hook
# that does nothing.
COV := $(BUILD)/coverage
COV_CFLAGS := -std=c11 -O0 -g $(WARN) -Iinclude -Itests -pthread --coverage
cov_hook = extern void htbl_cov_hook(const volatile void *, int); \
	htbl_cov_hook(p, $(1))
COV_HOOKS := \
	-D'__atomic_load_n(p, o)=({ $(call cov_hook,1); __atomic_load_n(p, o); })' \
	-D'__atomic_store_n(p, v, o)=({ $(call cov_hook,2); \
		__atomic_store_n(p, v, o); })' \
	-D'__atomic_compare_exchange_n(p, e, d, w, s, f)=({ $(call cov_hook,3); \
		__atomic_compare_exchange_n(p, e, d, w, s, f); })' \
	-D'__atomic_fetch_add(p, v, o)=({ $(call cov_hook,4); \
		__atomic_fetch_add(p, v, o); })' \
	-D'__atomic_fetch_sub(p, v, o)=({ $(call cov_hook,4); \
		__atomic_fetch_sub(p, v, o); })' \
	-D'__atomic_add_fetch(p, v, o)=({ $(call cov_hook,4); \
		__atomic_add_fetch(p, v, o); })'
COV_HDRS := include/handler_table.h $(wildcard tests/*.h)
COV_PROGS := unit stress cases

$(COV)/handler_table.o: $(HTBL_SRC) include/handler_table.h tests/analysis.mk
	@mkdir -p $(@D)
	@echo "  CC [coverage] $@"
	$(Q)$(HOSTCC) $(COV_CFLAGS) $(COV_HOOKS) -c $< -o $@

$(COV)/nohook.o: tests/analysis.mk
	@mkdir -p $(@D)
	$(Q)echo 'void htbl_cov_hook(const volatile void *p, int op)' \
		'{ (void)p; (void)op; }' | \
		$(HOSTCC) -std=c11 -x c -c - -o $@

$(COV)/unit: tests/unit_main.c tests/api_cases.c tests/tap.c $(COV)/nohook.o
$(COV)/stress: tests/stress.c tests/stress_core.c tests/tap.c $(COV)/nohook.o
$(COV)/cases: tests/coverage_cases.c tests/tap.c
$(addprefix $(COV)/,$(COV_PROGS)): $(COV)/handler_table.o $(COV_HDRS)
	@echo "  CC [coverage] $@"
	$(Q)$(HOSTCC) $(COV_CFLAGS) $(filter %.c %.o,$^) -o $@

coverage: $(addprefix $(COV)/,$(COV_PROGS))
	$(Q)rm -f $(COV)/*.gcda
	$(Q)for p in $(COV_PROGS); do \
		if ! $(COV)/$$p > $(COV)/$$p.log 2>&1; then \
			sed 's/^/# /' $(COV)/$$p.log; \
			echo "not ok 1 - coverage: $$p failed"; \
			echo "0 passed, 1 failed"; exit 1; \
		fi; \
		echo "# $$p: $$(tail -n 1 $(COV)/$$p.log)"; \
	done
	$(Q)sh tests/coverage.sh $(HTBL_SRC) $(COV)

# ---- static analysis -----------------------------------------------------

# Host C files, the freestanding kernels, and the C++ header test.
TIDY_HOST := $(HTBL_SRC) tests/api_cases.c tests/tap.c tests/unit_main.c \
	tests/stress.c tests/stress_core.c tests/bench.c tests/fuzz_ops.c \
	tests/coverage_cases.c tests/mutant_killers.c tests/teardown.c \
	tests/qsbr.c
TIDY_KERNEL := tests/kernel.c tests/demo.c
TIDY := $(CLANG_TIDY) --quiet --warnings-as-errors='*'

# One TAP case per analyzer; its findings are printed as comments.
# cppcheck 2.10 (Debian 12) takes htbl_table's htbl{ _storage, N } base
# initializer for no initializer at all (cppcheck #12128, fixed in 2.13).
CPPCHECK_SUPPRESS := --suppress=uninitDerivedMemberVar:include/handler_table.h

analyze:
	$(Q)mkdir -p $(AB)/analyze; n=0; fail=0; \
	run() { \
		name=$$1; shift; n=$$((n + 1)); \
		if "$$@" > $(AB)/analyze/$$n.log 2>&1; then \
			echo "ok $$n - analyze: $$name"; \
		else \
			fail=$$((fail + 1)); echo "not ok $$n - analyze: $$name"; \
			grep -v 'warnings generated' $(AB)/analyze/$$n.log | \
				sed 's/^/# /'; \
		fi; \
	}; \
	run "cppcheck, warning portability performance, src/ tests/" \
		cppcheck -q --std=c11 --enable=warning,portability,performance \
		$(CPPCHECK_SUPPRESS) \
		--error-exitcode=1 -Iinclude -Itests $(dir $(HTBL_SRC)) tests; \
	run "$(CLANG_TIDY), checks of .clang-tidy, src/ tests/" sh -c \
		"$(TIDY) $(TIDY_HOST) -- -std=c11 -Iinclude -Itests && \
		$(TIDY) $(TIDY_KERNEL) -- -std=c11 -ffreestanding -Iinclude \
			-Itests -DARCH_NAME='\"host\"' && \
		$(TIDY) tests/cxx_header.cc -- -std=c++11 -Iinclude -Itests"; \
	run "gcc -fanalyzer, src/" \
		$(HOSTCC) -std=c11 -O2 $(WARN) -ffreestanding -fno-builtin \
		-fanalyzer -Iinclude -c $(HTBL_SRC) -o $(AB)/analyze/htbl.o; \
	echo "$$((n - fail)) passed, $$fail failed"; [ $$fail -eq 0 ]
