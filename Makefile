# SPDX-License-Identifier: BSD-2-Clause
# handler_table: a lock-free handler table for kernels.
#
#   make [ARCH=riscv64] [VARIANT=lp64d] [KCFLAGS=...] [LLVM=1]
#                              build/<arch>[-<variant>][-clang]/libhandlertable.a
#   make run [ARCH=riscv64]    boot the demo kernel under QEMU
#   make debug [ARCH=...]      the same, halted, waiting for gdb
#   make check                 every test: host, sanitizers, cross builds,
#                              the test kernel booted on every arch, built
#                              by GCC and by clang
#   make bench                 host benchmark (not part of check)
#   make install PREFIX=/usr/local DESTDIR= [ARCHES="riscv64 arm"]
#                              the header, every ABI variant's archive and
#                              .pc file, the CMake package config
#   make dist                  build/handler_table-<version>.tar.gz
#
# ARCH is one of $(ALL_ARCHES); ARCHES (default: all of them) limits what
# install, cross and the per-arch checks cover. VARIANT is one of the arch's
# ABI variants (VARIANTS_<arch> below); the arch's first, its default, builds
# in build/<arch>/, the others in build/<arch>-<variant>/. KCFLAGS, the
# kernel's own flags (Linux's name), come last, after the arch's and the
# variant's: the last -march, -mabi, -mcpu, -mfloat-abi, -O wins.
# CROSS_COMPILE overrides the toolchain prefix that arch/<family>/<arch>.mk
# picks; V=1 shows the commands. A change of flags or toolchain rebuilds
# what they compiled (see CMD_FILES).

ALL_ARCHES := host x86_64 i386 riscv64 riscv32 rv32imc aarch64 arm armv7m armv6m
ARCHES ?= $(ALL_ARCHES)
ifneq ($(filter-out $(ALL_ARCHES),$(ARCHES)),)
$(error ARCHES=$(ARCHES): not supported: $(filter-out $(ALL_ARCHES),$(ARCHES)); use some of: $(ALL_ARCHES))
endif
# Arches whose test kernel boots under QEMU in check.
BOOT_ARCHES := x86_64 i386 riscv64 riscv32 rv32imc aarch64 arm armv7m armv6m
ARCH ?= riscv64
ifeq ($(filter $(ARCH),$(ALL_ARCHES)),)
$(error ARCH=$(ARCH) is not supported; use one of: $(ALL_ARCHES))
endif

# Each arch lives in its family's folder, as Linux lays out arch/: the
# family's devices and entry code once, then one arch/<family>/<arch>.mk
# per arch naming its flags and its test kernel's sources.
FAMILY_host := host
FAMILY_x86_64 := x86
FAMILY_i386 := x86
FAMILY_riscv64 := riscv
FAMILY_riscv32 := riscv
FAMILY_rv32imc := riscv
FAMILY_aarch64 := arm64
FAMILY_arm := arm
FAMILY_armv7m := arm
FAMILY_armv6m := arm
ARCH_MK := arch/$(FAMILY_$(ARCH))/$(ARCH).mk
# What an arch .mk may set besides ARCH_CFLAGS and ARCH_SRCS: CLANG_CFLAGS,
# the --target= clang builds it with; LDSCRIPT, where its memory is not
# one RAM from LOAD_ADDR up.
LDSCRIPT := linker.ld
include $(ARCH_MK)
ifneq ($(ARCH),host)
include qemu/$(ARCH).mk
endif

# ABI variants, installed side by side as GCC's multilibs are. The first of
# each VARIANTS_<arch> is the arch's default: arch/<family>/<arch>.mk's flags as
# they are. VARIANT_CFLAGS_<arch>_<variant> is what a variant changes: each
# of its options replaces the one of ARCH_CFLAGS with the same name before
# '=' (-march=, -mabi=, -mcpu=, -mfloat-abi=).
VARIANTS_host := default
VARIANTS_x86_64 := kernel
VARIANTS_i386 := default
VARIANTS_riscv32 := ilp32
VARIANTS_rv32imc := ilp32
VARIANTS_armv6m := soft
VARIANTS_aarch64 := lp64
VARIANTS_riscv64 := lp64 lp64d
VARIANTS_arm := soft hard
VARIANTS_armv7m := soft hard
# RV64GC: the F and D registers carry float arguments (the toolchain's
# default multilib, rv64imafdc/lp64d).
VARIANT_CFLAGS_riscv64_lp64d := -march=rv64imafdc_zicsr -mabi=lp64d
# Armv7-A with the VFPv3-D16 every A-profile FPU has (Debian's armhf).
VARIANT_CFLAGS_arm_hard := -mfloat-abi=hard -mfpu=vfpv3-d16
# Cortex-M4F: Armv7E-M with the single-precision FPv4.
VARIANT_CFLAGS_armv7m_hard := -mcpu=cortex-m4 -mfloat-abi=hard \
	-mfpu=fpv4-sp-d16
VARIANT ?= $(firstword $(VARIANTS_$(ARCH)))
ifeq ($(filter $(VARIANT),$(VARIANTS_$(ARCH))),)
$(error VARIANT=$(VARIANT) is not one of ARCH=$(ARCH)'s: $(VARIANTS_$(ARCH)))
endif
VARIANT_CFLAGS := $(VARIANT_CFLAGS_$(ARCH)_$(VARIANT))
# The flags that make the target and its ABI: the arch's, the variant's.
TARGET_CFLAGS := $(filter-out $(foreach f,$(VARIANT_CFLAGS),\
	$(firstword $(subst =, ,$(f)))=%),$(ARCH_CFLAGS)) $(VARIANT_CFLAGS)
# variant_dir arch,variant: where that variant builds.
variant_dir = $(BUILD)/$(1)$(if $(filter-out $(firstword $(VARIANTS_$(1))),$(2)),-$(2))
# Every arch/variant of ARCHES, and those of them that cross compile.
ALL_VARIANTS := $(foreach a,$(ARCHES),$(addprefix $(a)/,$(VARIANTS_$(a))))
CROSS_VARIANTS := $(filter-out host/%,$(ALL_VARIANTS))

# The toolchain: the arch's GCC, or LLVM (clang, lld, llvm-ar) with
# LLVM=1, or LLVM=-14 for clang-14 and its kin, as Linux spells it. CC=clang
# (or clang-14) on the command line picks LLVM too. Clang builds every arch
# with the arch's --target= and the same flags, and a build of its own,
# build/<arch>[-<variant>]-clang/. The test kernels link GCC's libgcc for
# the same flags (what a freestanding GCC link takes), as Debian ships no
# bare-metal compiler-rt.
ifneq ($(LLVM),)
LLVM_SUFFIX := $(filter-out 1,$(LLVM))
CC := clang$(LLVM_SUFFIX)
else
CC := $(CROSS_COMPILE)gcc
endif
IS_CLANG := $(findstring clang,$(notdir $(firstword $(CC))))
# The target's flags as clang takes them: its --target=, and its spelling
# of -march (no _zicsr in clang 14).
CLANG_TARGET_CFLAGS := $(CLANG_CFLAGS) $(subst _zicsr,,$(TARGET_CFLAGS))
ifneq ($(IS_CLANG),)
LLVM_SUFFIX ?= $(patsubst clang%,%,$(notdir $(firstword $(CC))))
AR := llvm-ar$(LLVM_SUFFIX)
NM := llvm-nm$(LLVM_SUFFIX)
OBJCOPY := llvm-objcopy$(LLVM_SUFFIX)
GCC := $(CROSS_COMPILE)gcc
# The link takes the compile flags too: clang calls some unused.
CC_TARGET_CFLAGS := $(CLANG_TARGET_CFLAGS)
TOOLCHAIN_LDFLAGS := -fuse-ld=lld$(LLVM_SUFFIX) -Wno-unused-command-line-argument
else
AR := $(CROSS_COMPILE)ar
NM := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
GCC := $(CC)
# GCC: the flag that keeps it from turning loops into memset/memcpy calls;
# GNU ld's warning about the one RWX image (linker.ld) off.
CC_TARGET_CFLAGS := -fno-tree-loop-distribute-patterns $(TARGET_CFLAGS)
TOOLCHAIN_LDFLAGS := -Wl,--no-warn-rwx-segments
endif
# The test kernels' libgcc, by path: GCC's multilib for the target's flags.
# GCC 12 matches no multilib to an -march with _zicsr in it (it would give
# its default, rv64imafdc/lp64d: the wrong XLEN for RV32, the wrong float
# ABI for lp64), so it is asked without.
LIBGCC = $(shell $(GCC) $(subst _zicsr,,$(TARGET_CFLAGS) $(KCFLAGS)) \
	-print-libgcc-file-name 2>/dev/null)
HOSTCC ?= gcc
HOSTCXX ?= g++

ifeq ($(V),1)
Q :=
else
Q := @
endif

# BUILD: the output root; HTBL_SRC: the library source (both overridable,
# so that a variant of the library builds beside the real one).
BUILD ?= build
HTBL_SRC ?= src/handler_table.c
B := $(call variant_dir,$(ARCH),$(VARIANT))$(if $(IS_CLANG),-clang)
WARN := -Wall -Wextra -Werror
# Freestanding compiles see only the compiler's own headers (stddef.h,
# stdint.h, ...) and the project's, as Linux builds itself. Without
# -nostdinc, aarch64-linux-gnu-gcc also searches /usr/include, and a libc
# header found there builds only where a libc6-dev happens to be installed.
CC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
NOSTDINC := -nostdinc -isystem $(CC_INCLUDE)
LIB_CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -nostdlib $(NOSTDINC) \
	-fno-builtin -Iinclude $(CC_TARGET_CFLAGS) $(KCFLAGS)
LIB := $(B)/libhandlertable.a

.PHONY: all lib install install-variant dist check test-host cross boot \
	boot-all kernel run debug bench deps clean FORCE
all: lib
lib: $(LIB)

# CMD_FILES: as kbuild does, what is compiled depends on the command that
# compiles it. $(B)/<name>.cmd holds command CMD_<name> and the compiler's
# version; it is checked on every make (FORCE) and rewritten only when that
# changes, so the objects under it rebuild on a change of flags (ARCH_CFLAGS,
# VARIANT, KCFLAGS, ...) or toolchain, and only then.
CMD_lib = $(CC) $(LIB_CFLAGS) -c $(HTBL_SRC) src/up_atomic.c
CMD_kernel = $(CC) $(KERNEL_CFLAGS) $(KERNEL_LINK)
CMD_FILES := lib kernel
CC_VERSION = $(shell $(CC) --version 2>/dev/null | head -n 1)
sh_quote = '$(subst ','\'',$(1))'

$(addprefix $(B)/,$(addsuffix .cmd,$(CMD_FILES))): $(B)/%.cmd: FORCE
	@mkdir -p $(@D)
	$(Q)printf '%s\n' $(call sh_quote,$(strip $(CMD_$*))) \
		$(call sh_quote,$(CC_VERSION)) > $@.new
	$(Q)if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

FORCE:

$(B)/src/handler_table.o: $(HTBL_SRC) $(B)/lib.cmd
	@mkdir -p $(@D)
	@echo "  CC [$(ARCH)] $<"
	$(Q)$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

# The masked atomics of a uniprocessor build (-DHTBL_UNIPROCESSOR, for a
# core without atomic instructions), a member of their own; empty in any
# other build.
LIB_OBJS := $(B)/src/handler_table.o $(B)/src/up_atomic.o

$(B)/src/up_atomic.o: src/up_atomic.c $(B)/lib.cmd
	@mkdir -p $(@D)
	@echo "  CC [$(ARCH)] $<"
	$(Q)$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

# The archive must stand alone in a freestanding link: fail on any symbol
# that a member needs and no member defines (a libatomic helper, a memset
# the compiler chose to emit).
$(LIB): $(LIB_OBJS)
	@echo "  AR [$(ARCH)] $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^
	$(Q)undef="$$($(NM) $@ | awk '$$1 == "U" { u[$$2] = 1 } \
		NF == 3 { d[$$3] = 1 } END { for (s in u) if (!(s in d)) print s }')"; \
	if [ -n "$$undef" ]; then \
		echo "$@ has undefined symbols:"; echo "$$undef"; rm -f $@; exit 1; \
	fi

# ---- install and dist ----------------------------------------------------

# make install puts, for each arch of ARCHES whose compiler is installed
# (an arch named in ARCHES= on the command line must have one), every ABI
# variant of it:
#   $(PREFIX)/include/handler_table.h
#   $(PREFIX)/lib/handler_table/<arch>/<variant>/libhandlertable.a
#   $(PREFIX)/lib/pkgconfig/handler_table-<arch>-<variant>.pc
#   $(PREFIX)/lib/cmake/handler_table/handler_tableConfig.cmake
#   $(PREFIX)/lib/cmake/handler_table/handler_tableConfigVersion.cmake
# then runs install-man where a tests/*.mk defines it. The version in the
# .pc and CMake files is the header's (VERSION).
PREFIX ?= /usr/local
DESTDIR ?=
LIBDIR := $(PREFIX)/lib
# VERSION_SED: the header on stdin, MAJOR.MINOR.PATCH out.
VERSION_SED := { sed -n 's/^\#define HTBL_VERSION_[A-Z]* \([0-9]*\)$$/\1/p' | paste -sd .; }
VERSION = $(shell $(VERSION_SED) < include/handler_table.h)
# The options of TARGET_CFLAGS and KCFLAGS that make the ABI: the .pc
# file's abi_cflags, for a consumer to compare with its own.
ABI_CFLAGS = $(filter -march=% -mabi=% -mcpu=% -mfloat-abi=% -mfpu=% -mthumb \
	-marm -mcmodel=% -m64 -m32 -mno-red-zone -mgeneral-regs-only -DHTBL_UNIPROCESSOR,$(TARGET_CFLAGS) $(KCFLAGS))
empty :=
space := $(empty) $(empty)
# arch=default-variant;...: what the CMake config picks when not told.
DEFAULT_VARIANTS := $(subst $(space),;,$(foreach a,$(ALL_ARCHES),$(a)=$(firstword $(VARIANTS_$(a)))))
CMAKE_PKG := $(DESTDIR)$(LIBDIR)/cmake/handler_table
INSTALL_MAN_RULE := '^([^:\#=]*[[:space:]])?install-man([[:space:]][^:\#=]*)?:([^=]|$$)'

install:
	$(Q)for av in $(ALL_VARIANTS); do \
		$(MAKE) --no-print-directory ARCH=$${av%/*} VARIANT=$${av#*/} \
			install-variant || exit 1; \
	done
	@echo "  INSTALL $(DESTDIR)$(PREFIX)/include/handler_table.h"
	$(Q)install -D -m 644 include/handler_table.h \
		$(DESTDIR)$(PREFIX)/include/handler_table.h
	@echo "  INSTALL $(CMAKE_PKG)/handler_tableConfig*.cmake"
	$(Q)mkdir -p $(CMAKE_PKG) && \
	for f in handler_tableConfig handler_tableConfigVersion; do \
		sed -e 's|@VERSION@|$(VERSION)|g' \
			-e 's|@DEFAULT_VARIANTS@|$(DEFAULT_VARIANTS)|g' \
			cmake/$$f.cmake.in > $(CMAKE_PKG)/$$f.cmake || exit 1; \
	done
	$(Q)if grep -Eqs $(INSTALL_MAN_RULE) $(filter Makefile %.mk,$(MAKEFILE_LIST)); then \
		$(MAKE) --no-print-directory install-man PREFIX=$(PREFIX) DESTDIR=$(DESTDIR); \
	fi

# One arch/variant: its archive and .pc file; skipped (or, with ARCHES= on
# the command line, failed) when its compiler is not installed.
install-variant:
	$(Q)if ! command -v $(firstword $(CC)) > /dev/null; then \
		if [ "$(origin ARCHES)" = "command line" ]; then \
			echo "install: $(CC) not found, and ARCHES names $(ARCH)"; exit 1; \
		fi; \
		echo "  SKIP [$(ARCH)/$(VARIANT)] $(CC) not found"; exit 0; \
	fi; \
	$(MAKE) --no-print-directory lib || exit 1; \
	lib=$(DESTDIR)$(LIBDIR)/handler_table/$(ARCH)/$(VARIANT)/libhandlertable.a; \
	pc=$(DESTDIR)$(LIBDIR)/pkgconfig/handler_table-$(ARCH)-$(VARIANT).pc; \
	echo "  INSTALL [$(ARCH)/$(VARIANT)] $$lib"; \
	install -D -m 644 $(LIB) $$lib && mkdir -p $${pc%/*} && \
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
		-e 's|@ARCH@|$(ARCH)|g' -e 's|@VARIANT@|$(VARIANT)|g' \
		-e 's|@ABI_CFLAGS@|$(ABI_CFLAGS)|g' handler_table.pc.in > $$pc

# make dist: $(DIST), the files git tracks and those it would add (not
# ignored) as they are in the work tree, under $(DIST_NAME)/; with
# DIST_REV=<commit>, that commit (git archive), named by the version in its
# header. Names in C order, owners and
# times fixed (the last commit's): the same files give the same bytes.
DIST_REV ?=
DIST_VERSION = $(if $(DIST_REV),$(shell git show \
	'$(DIST_REV):include/handler_table.h' 2>/dev/null | $(VERSION_SED)),$(VERSION))
DIST_NAME = handler_table-$(DIST_VERSION)
DIST = $(BUILD)/$(DIST_NAME).tar.gz

dist:
	$(Q)git rev-parse --git-dir > /dev/null 2>&1 || \
		{ echo "make dist: needs the git checkout"; exit 1; }
	$(Q)[ -n "$(DIST_VERSION)" ] || \
		{ echo "make dist: no HTBL_VERSION_* in $(DIST_REV):include/handler_table.h"; exit 1; }
	@mkdir -p $(BUILD)
	@echo "  DIST $(DIST)$(if $(DIST_REV), from $(DIST_REV))"
ifneq ($(DIST_REV),)
	$(Q)git archive --format=tar --prefix=$(DIST_NAME)/ -o $(DIST:.gz=) \
		$(DIST_REV) && gzip -n -f $(DIST:.gz=)
else
	$(Q){ git ls-files --cached --others --exclude-standard; \
		git ls-files --deleted; } | LC_ALL=C sort | uniq -u > $(DIST).files
	$(Q)tar -c -f $(DIST:.gz=) --owner=0 --group=0 --numeric-owner \
		--mtime=@$$(git log -1 --format=%ct) \
		--transform 's,^,$(DIST_NAME)/,S' \
		--verbatim-files-from -T $(DIST).files && \
	gzip -n -f $(DIST:.gz=) && rm -f $(DIST).files
endif

# ---- test and demo kernels (arch/<family>/ + tests/) --------------------

KERNEL_SRCS := tests/kernel.c tests/api_cases.c tests/stress_core.c tests/tap.c \
	tests/bad_trap.c
DEMO_SRCS := tests/demo.c tests/tap.c tests/bad_trap.c
# KERNEL_DEFS, from qemu/<arch>.mk: the test kernel sized for a board with
# little RAM (-DKERNEL_NR_IRQS=, -DSTRESS_NREGS=).
KERNEL_CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -nostdlib $(NOSTDINC) \
	-fno-builtin -Iinclude -Itests $(CC_TARGET_CFLAGS) \
	$(KCFLAGS) -DARCH_NAME='"$(ARCH)"' -DKERNEL_CPUS=$(KERNEL_CPUS) $(KERNEL_DEFS)
# TOOLCHAIN_LDFLAGS: the linker's own (lld for clang; GNU ld told that the
# one RWX image is by design).
KERNEL_LINK := -nostdlib -static -no-pie -T $(LDSCRIPT) $(TOOLCHAIN_LDFLAGS) \
	$(KERNEL_LDFLAGS)
# Kernel objects are compiled with flags from both (KERNEL_CPUS comes from
# qemu/<arch>.mk): rebuild them when either changes, or the command line.
KERNEL_CONF := $(ARCH_MK) qemu/$(ARCH).mk $(B)/kernel.cmd
K_OBJS = $(patsubst %,$(B)/%.o,$(basename $(1)) $(basename $(ARCH_SRCS)))
ifneq ($(words $(sort $(basename $(ARCH_SRCS)))),$(words $(ARCH_SRCS)))
$(error ARCH_SRCS names two files that differ only by extension: one .o)
endif

$(B)/tests/%.o: tests/%.c $(KERNEL_CONF)
	@mkdir -p $(@D)
	@echo "  CC [$(ARCH)] $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/arch/%.o: arch/%.c $(KERNEL_CONF)
	@mkdir -p $(@D)
	@echo "  CC [$(ARCH)] $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/arch/%.o: arch/%.S $(KERNEL_CONF)
	@mkdir -p $(@D)
	@echo "  AS [$(ARCH)] $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

# Linked against the archive exactly as a user's kernel would link it.
$(B)/%.elf: $(LIB) $(LDSCRIPT) $(ARCH_MK) $(B)/kernel.cmd
	@echo "  LD [$(ARCH)] $@"
	$(Q)$(CC) $(KERNEL_CFLAGS) $(KERNEL_LINK) $(filter %.o,$^) $(LIB) $(LIBGCC) -o $@

$(B)/kernel.elf: $(call K_OBJS,$(KERNEL_SRCS))
$(B)/demo.elf: $(call K_OBJS,$(DEMO_SRCS))

QEMU_RUN = timeout $(QEMU_TIMEOUT) $(QEMU) -display none -serial stdio \
	-monitor none -no-reboot $(QEMU_FLAGS)
QEMU_TIMEOUT ?= 60

kernel: $(B)/kernel.elf $(B)/demo.elf

# Boot the test kernel; pass only on the arch's own success status.
BOOT_NAME := $(ARCH)$(if $(IS_CLANG), (clang))
boot: $(B)/kernel.elf
	$(Q)$(QEMU_RUN) -kernel $< > $(B)/boot.log 2>&1; st=$$?; \
	cat $(B)/boot.log; \
	if [ $$st -eq $(QEMU_PASS) ] && grep -q '^[0-9]* passed, 0 failed' $(B)/boot.log; then \
		echo "boot $(BOOT_NAME): PASS" | tee $(B)/boot.result; \
	else \
		echo "boot $(BOOT_NAME): FAIL (QEMU status $$st, pass is $(QEMU_PASS))" \
			| tee $(B)/boot.result; exit 1; \
	fi

# Every arch of BOOT_ARCHES, its kernel built by GCC, then by clang.
BOOT_BUILDS := $(foreach a,$(BOOT_ARCHES),$(a) $(a)-clang)
boot-all:
	$(Q)rm -f $(foreach b,$(BOOT_BUILDS),$(BUILD)/$(b)/boot.result); fail=; \
	for b in $(BOOT_BUILDS); do \
		case $$b in *-clang) t=LLVM=1 ;; *) t= ;; esac; \
		$(MAKE) --no-print-directory ARCH=$${b%-clang} $$t boot || fail="$$fail $$b"; \
	done; \
	for b in $(BOOT_BUILDS); do cat $(BUILD)/$$b/boot.result 2>/dev/null; done; \
	if [ -n "$$fail" ]; then echo "boot failed on:$$fail"; exit 1; fi

run: deps $(B)/demo.elf
	$(Q)$(QEMU_RUN) -kernel $(B)/demo.elf; st=$$?; \
	[ $$st -eq $(QEMU_PASS) ] || { echo "demo exited with status $$st"; exit 1; }

debug: $(B)/demo.elf
	@echo "QEMU waits for gdb on localhost:1234. In another terminal:"
	@echo "  gdb-multiarch $(B)/demo.elf -ex 'target remote localhost:1234'"
	$(Q)$(QEMU) -display none -serial stdio -monitor none -no-reboot \
		$(QEMU_FLAGS) -kernel $(B)/demo.elf -s -S

# ---- host tests ---------------------------------------------------------

HB := $(BUILD)/host-test
TEST_CFLAGS := -std=c11 -O2 -g $(WARN) -Iinclude -Itests -pthread
ASAN := -fsanitize=address,undefined -fno-sanitize-recover=all
TSAN := -fsanitize=thread -Wno-tsan

$(HB)/unit: tests/unit_main.c tests/api_cases.c tests/tap.c $(HTBL_SRC)
	@mkdir -p $(@D)
	@echo "  CC [asan+ubsan] $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) $(ASAN) -MMD -MP $(filter %.c,$^) -o $@

# Teardown: with the default cells, and with two cells that the test holds
# so that the calls under test take the fallback counters.
TEARDOWN_SRCS := tests/teardown.c tests/tap.c $(HTBL_SRC)

$(HB)/teardown: $(TEARDOWN_SRCS)
	@mkdir -p $(@D)
	@echo "  CC [asan+ubsan] $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) $(ASAN) -MMD -MP $^ -o $@

$(HB)/teardown-fallback: $(TEARDOWN_SRCS)
	@mkdir -p $(@D)
	@echo "  CC [asan+ubsan, 2 cells] $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) $(ASAN) -DHTBL_CELLS=2 -DTEARDOWN_CELLS=2 \
		-MMD -MP $^ -o $@

QSBR_SRCS := tests/qsbr.c tests/stress_core.c tests/tap.c $(HTBL_SRC)

$(HB)/qsbr: $(QSBR_SRCS)
	@mkdir -p $(@D)
	@echo "  CC $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) -MMD -MP $^ -o $@

$(HB)/qsbr-tsan: $(QSBR_SRCS)
	@mkdir -p $(@D)
	@echo "  CC [tsan] $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) $(TSAN) -MMD -MP $^ -o $@

STRESS_SRCS := tests/stress.c tests/stress_core.c tests/tap.c $(HTBL_SRC)

$(HB)/stress-tsan: $(STRESS_SRCS)
	@mkdir -p $(@D)
	@echo "  CC [tsan] $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) $(TSAN) -MMD -MP $^ -o $@

$(HB)/stress: $(STRESS_SRCS)
	@mkdir -p $(@D)
	@echo "  CC $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) -MMD -MP $^ -o $@

$(HB)/cxx: tests/cxx_header.cc tests/tap.c $(HTBL_SRC)
	@mkdir -p $(@D)
	@echo "  CXX $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) -c tests/tap.c -o $(HB)/tap-cxx.o
	$(Q)$(HOSTCC) $(TEST_CFLAGS) -c $(HTBL_SRC) -o $(HB)/htbl-cxx.o
	$(Q)$(HOSTCXX) -std=c++11 -O2 $(WARN) -Iinclude -Itests tests/cxx_header.cc \
		$(HB)/tap-cxx.o $(HB)/htbl-cxx.o -o $@

BENCH_CFLAGS := -std=c11 -O2 $(WARN) -pthread

$(HB)/bench: tests/bench.c $(HTBL_SRC) include/handler_table.h
	@mkdir -p $(@D)
	@echo "  CC [bench] $@"
	$(Q)$(HOSTCC) $(BENCH_CFLAGS) -Iinclude $(filter %.c,$^) -o $@

test-host: $(HB)/unit $(HB)/cxx $(HB)/teardown $(HB)/teardown-fallback \
		$(HB)/stress-tsan $(HB)/stress $(HB)/qsbr $(HB)/qsbr-tsan
	@echo "# unit tests (ASan+UBSan)"
	$(Q)$(HB)/unit
	@echo "# teardown (ASan+UBSan)"
	$(Q)$(HB)/teardown
	$(Q)$(HB)/teardown-fallback
	@echo "# C++ header"
	$(Q)$(HB)/cxx
	@echo "# concurrency tests (ThreadSanitizer)"
	$(Q)TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(HB)/stress-tsan
	@echo "# concurrency tests (optimized, no sanitizer)"
	$(Q)$(HB)/stress
	@echo "# quiescent-state mode (ThreadSanitizer, then optimized)"
	$(Q)TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(HB)/qsbr-tsan
	$(Q)$(HB)/qsbr

# Every arch's archive in every ABI variant, by GCC and by clang.
cross:
	$(Q)for av in $(CROSS_VARIANTS); do for t in "" LLVM=1; do \
		$(MAKE) --no-print-directory ARCH=$${av%/*} VARIANT=$${av#*/} $$t lib || \
			exit 1; \
	done; done

# The steps of check, in order; tests/*.mk add theirs.
CHECK_STEPS := test-host cross boot-all

check: deps
	$(Q)BUILD=$(BUILD) bash tests/check.sh $(CHECK_STEPS)

bench: $(HB)/bench
	$(Q)$(HB)/bench

# ---- set-up -------------------------------------------------------------

# Debian packages that check needs.
DEPS := gcc g++ make libasan8 libubsan1 libtsan2 lib32gcc-12-dev \
	gcc-riscv64-unknown-elf gcc-aarch64-linux-gnu gcc-arm-none-eabi \
	qemu-system-x86 qemu-system-misc qemu-system-arm \
	clang-14 libclang-rt-14-dev clang lld llvm cppcheck clang-tidy-14 spin mandoc \
	cmake meson ninja-build pkgconf

deps:
	$(Q)DEPS="$(DEPS)" sh tests/deps.sh

clean:
	rm -rf $(BUILD)

# Verification and analysis targets (tests/*.mk).
include $(wildcard tests/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
