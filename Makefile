# handler_table: a lock-free handler table for kernels.
#
#   make [ARCH=riscv64]        build/<arch>/libhandlertable.a
#   make run [ARCH=riscv64]    boot the demo kernel under QEMU
#   make debug [ARCH=...]      the same, halted, waiting for gdb
#   make check                 every test: host, sanitizers, cross builds,
#                              the test kernel booted on every arch
#   make bench                 host benchmark (not part of check)
#   make install PREFIX=/usr/local DESTDIR=
#
# ARCH is one of $(ARCHES). CROSS_COMPILE overrides the toolchain prefix
# that arch/<arch>/arch.mk picks; V=1 shows the commands.

ARCHES := host x86_64 riscv64 aarch64 arm armv7m
# Arches whose test kernel boots under QEMU in check.
BOOT_ARCHES := x86_64 riscv64 aarch64 arm armv7m
ARCH ?= riscv64
ifeq ($(filter $(ARCH),$(ARCHES)),)
$(error ARCH=$(ARCH) is not supported; use one of: $(ARCHES))
endif

include arch/$(ARCH)/arch.mk
ifneq ($(ARCH),host)
include qemu/$(ARCH).mk
endif

CC := $(CROSS_COMPILE)gcc
AR := $(CROSS_COMPILE)ar
NM := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
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
B := $(BUILD)/$(ARCH)
WARN := -Wall -Wextra -Werror
# Freestanding compiles see only the compiler's own headers (stddef.h,
# stdint.h, ...) and the project's, as Linux builds itself. Without
# -nostdinc, aarch64-linux-gnu-gcc also searches /usr/include, and a libc
# header found there builds only where a libc6-dev happens to be installed.
CC_INCLUDE := $(shell $(CC) -print-file-name=include 2>/dev/null)
NOSTDINC := -nostdinc -isystem $(CC_INCLUDE)
LIB_CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -nostdlib $(NOSTDINC) \
	-fno-builtin -fno-tree-loop-distribute-patterns -Iinclude $(ARCH_CFLAGS)
LIB := $(B)/libhandlertable.a

PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all lib install check test-host cross boot boot-all kernel run debug \
	bench deps clean
all: lib
lib: $(LIB)

$(B)/src/handler_table.o: $(HTBL_SRC)
	@mkdir -p $(@D)
	@echo "  CC [$(ARCH)] $<"
	$(Q)$(CC) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

# The archive must stand alone in a freestanding link: fail on any
# undefined symbol (a libatomic helper, a memset GCC chose to emit).
$(LIB): $(B)/src/handler_table.o
	@echo "  AR [$(ARCH)] $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^
	$(Q)undef="$$($(NM) -u $@ | grep -v ':$$' | grep .)"; \
	if [ -n "$$undef" ]; then \
		echo "$@ has undefined symbols:"; echo "$$undef"; rm -f $@; exit 1; \
	fi

install:
	$(Q)for a in $(ARCHES); do \
		$(MAKE) --no-print-directory ARCH=$$a lib || exit 1; \
		install -D -m 644 $(BUILD)/$$a/libhandlertable.a \
			$(DESTDIR)$(PREFIX)/lib/handler_table/$$a/libhandlertable.a || exit 1; \
	done
	install -D -m 644 include/handler_table.h $(DESTDIR)$(PREFIX)/include/handler_table.h

# ---- test and demo kernels (arch/<arch>/ + tests/) ----------------------

KERNEL_SRCS := tests/kernel.c tests/api_cases.c tests/stress_core.c tests/tap.c \
	tests/bad_trap.c
DEMO_SRCS := tests/demo.c tests/tap.c tests/bad_trap.c
KERNEL_CFLAGS := -std=c11 -O2 -g $(WARN) -ffreestanding -nostdlib $(NOSTDINC) \
	-fno-builtin -fno-tree-loop-distribute-patterns -Iinclude -Itests $(ARCH_CFLAGS) \
	-DARCH_NAME='"$(ARCH)"' -DKERNEL_CPUS=$(KERNEL_CPUS)
# One RWX image by design (linker.ld): no segment permissions to warn about.
KERNEL_LINK := -nostdlib -static -no-pie -T linker.ld \
	-Wl,--no-warn-rwx-segments $(KERNEL_LDFLAGS)
# Kernel objects are compiled with flags from both (KERNEL_CPUS comes from
# qemu/<arch>.mk): rebuild them when either changes.
KERNEL_CONF := arch/$(ARCH)/arch.mk qemu/$(ARCH).mk
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
$(B)/%.elf: $(LIB) linker.ld arch/$(ARCH)/arch.mk
	@echo "  LD [$(ARCH)] $@"
	$(Q)$(CC) $(KERNEL_CFLAGS) $(KERNEL_LINK) $(filter %.o,$^) $(LIB) -lgcc -o $@

$(B)/kernel.elf: $(call K_OBJS,$(KERNEL_SRCS))
$(B)/demo.elf: $(call K_OBJS,$(DEMO_SRCS))

QEMU_RUN = timeout $(QEMU_TIMEOUT) $(QEMU) -display none -serial stdio \
	-monitor none -no-reboot $(QEMU_FLAGS)
QEMU_TIMEOUT ?= 60

kernel: $(B)/kernel.elf $(B)/demo.elf

# Boot the test kernel; pass only on the arch's own success status.
boot: $(B)/kernel.elf
	$(Q)$(QEMU_RUN) -kernel $< > $(B)/boot.log 2>&1; st=$$?; \
	cat $(B)/boot.log; \
	if [ $$st -eq $(QEMU_PASS) ] && grep -q '^[0-9]* passed, 0 failed' $(B)/boot.log; then \
		echo "boot $(ARCH): PASS" | tee $(B)/boot.result; \
	else \
		echo "boot $(ARCH): FAIL (QEMU status $$st, pass is $(QEMU_PASS))" \
			| tee $(B)/boot.result; exit 1; \
	fi

boot-all:
	$(Q)rm -f $(foreach a,$(BOOT_ARCHES),$(BUILD)/$(a)/boot.result); fail=; for a in $(BOOT_ARCHES); do \
		$(MAKE) --no-print-directory ARCH=$$a boot || fail="$$fail $$a"; \
	done; \
	for a in $(BOOT_ARCHES); do grep -h "^boot $$a:" $(BUILD)/$$a/boot.result 2>/dev/null; done; \
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

cross:
	$(Q)for av in $(CROSS_VARIANTS); do \
		$(MAKE) --no-print-directory ARCH=$${av%/*} VARIANT=$${av#*/} lib || \
			exit 1; \
	done

# The steps of check, in order; tests/*.mk add theirs.
CHECK_STEPS := test-host cross boot-all

check: deps
	$(Q)BUILD=$(BUILD) bash tests/check.sh $(CHECK_STEPS)

bench: $(HB)/bench
	$(Q)$(HB)/bench

# ---- set-up -------------------------------------------------------------

# Debian packages that check needs.
DEPS := gcc g++ make libasan8 libubsan1 libtsan2 \
	gcc-riscv64-unknown-elf gcc-aarch64-linux-gnu gcc-arm-none-eabi \
	qemu-system-x86 qemu-system-misc qemu-system-arm \
	clang-14 libclang-rt-14-dev cppcheck clang-tidy-14 spin mandoc

deps:
	$(Q)DEPS="$(DEPS)" sh tests/deps.sh

clean:
	rm -rf $(BUILD)

# Verification and analysis targets (tests/*.mk).
include $(wildcard tests/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
