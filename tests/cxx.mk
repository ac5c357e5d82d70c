# SPDX-License-Identifier: BSD-2-Clause
# cxx.mk: HTBL_DEFINE from C++ (included by the Makefile).
#
#   make cxx-tables   builds tests/cxx/ with g++ and clang++ in C++11, 14,
#                     17 and 20, linked with $(HTBL_SRC) compiled as C, and
#                     runs it in each: every HTBL_DEFINE is a table of its
#                     own (static in two files, in a header, global and
#                     namespaced, nested and unnamed namespaces,
#                     function-local static), ready before any constructor
#                     runs; nm and objdump find no dynamic initializer or
#                     guard in the files that define tables. One file
#                     includes the header inside extern "C" { }.
#                     TAP lines, then "N passed, N failed". ~10 s.

.PHONY: cxx-tables

CHECK_STEPS += cxx-tables

CLANGXX ?= clang++-14
CXXT := $(HB)/cxx-tables
CXXT_CONFIGS := $(foreach c,gcc clang,$(addprefix $(c)-,c++11 c++14 c++17 c++20))
CXXT_CXX_gcc := $(HOSTCXX)
CXXT_CXX_clang := $(CLANGXX)
# The files that define tables; main.cc has none, and the one constructor.
CXXT_TABLE_TUS := tu_a tu_b scopes extern_c
CXXT_PROGS := $(addsuffix /tables,$(addprefix $(CXXT)/,$(CXXT_CONFIGS)))

$(CXXT)/tap.o: tests/tap.c
	@mkdir -p $(@D)
	@echo "  CC $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) -MMD -MP -c $< -o $@

$(CXXT)/htbl.o: $(HTBL_SRC)
	@mkdir -p $(@D)
	@echo "  CC $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) -MMD -MP -c $< -o $@

# CXXT_RULES config: the objects and program of one config (compiler-std).
# -O0: at -O2 a compiler may turn a dynamic initializer into static data
# (clang-14 does), which would hide it from the nm check.
define CXXT_RULES
$(CXXT)/$(1)/%.o: tests/cxx/%.cc
	@mkdir -p $$(@D)
	@echo "  CXX [$(1)] $$<"
	$(Q)$(CXXT_CXX_$(word 1,$(subst -, ,$(1)))) -std=$(word 2,$(subst -, ,$(1))) \
		-O0 -g $(WARN) -Iinclude -Itests -MMD -MP -c $$< -o $$@

$(CXXT)/$(1)/tables: $(patsubst %,$(CXXT)/$(1)/%.o,main $(CXXT_TABLE_TUS)) \
		$(CXXT)/tap.o $(CXXT)/htbl.o
	@echo "  LD [$(1)] $$@"
	$(Q)$(CXXT_CXX_$(word 1,$(subst -, ,$(1)))) $$^ -o $$@
endef
$(foreach c,$(CXXT_CONFIGS),$(eval $(call CXXT_RULES,$(c))))

# A config that does not build is reported by run.sh and the others still
# run; its program from an earlier build is removed so as not to run it.
cxx-tables:
	$(Q)rm -f $(CXXT_PROGS)
	-$(Q)$(MAKE) --no-print-directory -k $(CXXT_PROGS)
	$(Q)sh tests/cxx/run.sh $(CXXT) "$(CXXT_TABLE_TUS)" $(CXXT_CONFIGS)
