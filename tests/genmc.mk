# SPDX-License-Identifier: BSD-2-Clause
# tests/genmc.mk: weak-memory model checking with GenMC (included by the
# Makefile). GenMC (MPI-SWS) explores every execution of a small C program
# with threads under the RC11 and IMM memory models.
#
#   make genmc-tool GENMC_SRC=dir   install GenMC's build dependencies and
#                  build it from a checkout in dir (not fetched here) into
#                  $(GENMC_DIR); prints the binary's path.
#   make genmc     runs each harness of tests/genmc/ against $(HTBL_SRC)
#                  under -rc11 and -imm, with $(GENMC) or the one genmc-tool
#                  built; without either it says it skipped. In check.
#   make genmc-mutants   each memory order of $(HTBL_SRC), then of the
#                  header's inline functions (include/handler_table.h, or
#                  HTBL_HDR: the quiescent-state dispatch of
#                  htbl_handle_inline), made relaxed in turn
#                  (tests/mutants.sh's awk), against every harness under
#                  both models: which harness kills it (not in check).

GENMC_SRC ?=
GENMC_DIR := $(BUILD)/genmc-tool
# Built by genmc-tool; GENMC=/path/to/genmc overrides it.
GENMC ?= $(wildcard $(GENMC_DIR)/genmc)
GENMC_TIMEOUT ?= 300
# Debian 12's LLVM 15 (llvm-config, headers, the shared libLLVM-15), and
# clang-15, which GenMC runs to turn a harness into LLVM IR.
GENMC_DEPS := g++ make autoconf automake llvm-15-dev clang-15 libffi-dev

.PHONY: genmc-tool genmc genmc-mutants

CHECK_STEPS += genmc

# GenMC 0.11 asks configure for C++23, which g++ 12 has only as -std=c++2b
# (__cplusplus 202100L, which the check rejects); it builds with that, so
# the check is replaced by the flag. Built in a copy: autoreconf writes
# into the source tree. ac_cv_path_GIT=no: configure would otherwise
# record the commit of the repository around $(BUILD) as GenMC's.
genmc-tool:
	$(Q)[ -n "$(GENMC_SRC)" ] && [ -f "$(GENMC_SRC)/configure.ac" ] || \
		{ echo "genmc-tool: set GENMC_SRC to a GenMC checkout (v0.11.0 is known to build)"; \
		  exit 1; }
	$(Q)DEPS="$(GENMC_DEPS)" sh tests/deps.sh
	$(Q)rm -rf $(GENMC_DIR) && mkdir -p $(GENMC_DIR)/src && \
	(cd "$(GENMC_SRC)" && tar -c --exclude=.git .) | \
		tar -x -C $(GENMC_DIR)/src && \
	cd $(GENMC_DIR)/src && \
	sed -i 's/^AX_CXX_COMPILE_STDCXX(\[23\].*/CXX="$$CXX -std=c++2b"/' \
		configure.ac && \
	autoreconf --install > ../build.log 2>&1 && \
	./configure --with-llvm=/usr/lib/llvm-15 ac_cv_path_GIT=no \
		>> ../build.log 2>&1 && \
	$(MAKE) -j$$(nproc) genmc >> ../build.log 2>&1 || \
		{ tail -30 ../build.log; echo "genmc-tool: failed, see $(GENMC_DIR)/build.log"; \
		  exit 1; }
	$(Q)ln -sf src/genmc $(GENMC_DIR)/genmc && \
	echo "genmc-tool: built $(GENMC_DIR)/genmc ($$($(GENMC_DIR)/genmc --version 2>&1 | grep -m1 -o "GenMC v[0-9.]*"))"

# Without a binary, say so and count nothing: CI has none.
genmc:
	$(Q)if [ -z "$(GENMC)" ]; then \
		echo "genmc: skipped (no GenMC binary; build one with make genmc-tool GENMC_SRC=...)"; \
	elif [ ! -x "$(GENMC)" ]; then \
		echo "genmc: $(GENMC) is not an executable"; exit 1; \
	else \
		GENMC="$(GENMC)" BUILD=$(BUILD) HTBL_SRC=$(HTBL_SRC) \
			GENMC_TIMEOUT=$(GENMC_TIMEOUT) sh tests/genmc.sh check; \
	fi

genmc-mutants:
	$(Q)[ -x "$(GENMC)" ] || \
		{ echo "genmc-mutants: no GenMC binary; build one with make genmc-tool GENMC_SRC=..."; \
		  exit 1; }
	$(Q)GENMC="$(GENMC)" BUILD=$(BUILD) HTBL_SRC=$(HTBL_SRC) \
		GENMC_TIMEOUT=$(GENMC_TIMEOUT) sh tests/genmc.sh mutants
