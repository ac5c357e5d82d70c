# SPDX-License-Identifier: BSD-2-Clause
# tests/consumers.mk: the library as kernels take it (included by the
# Makefile).
#
#   make abi         every arch/variant's archive linked with a small
#                    object compiled for that variant's ABI; on riscv64,
#                    arm and armv7m the two variants crossed, which the
#                    linker must refuse (float ABI); and a change of flags
#                    or toolchain rebuilds the library, no change does not.
#                    About 7 s.
#   make consumers   make install into $(CONSUMERS)/stage, make dist, then
#                    tests/consumers/run.sh: the consumer of tests/consumers/
#                    through every route (two files alone, handler_table.mk,
#                    add_subdirectory, FetchContent, find_package, Meson
#                    subproject, pkg-config) for riscv64 lp64d, aarch64
#                    and armv6m (no atomic instructions: the library's
#                    masked helpers linked in), and the Make route's kernel
#                    booted under QEMU. ~20 s.
#   make dist-check  make dist, unpacked into $(BUILD)/dist-check: there
#                    make lib, make ARCH=host lib, and the unit and C++
#                    header tests built and run (DIST_CHECK=full: make
#                    test-host instead, 30 s more). About 4 s.
# Each prints TAP lines, then "N passed, N failed".

.PHONY: abi abi-link consumers dist-check print-boot

CHECK_STEPS += abi consumers dist-check

ABI_DIR := $(BUILD)/abi
# What the linker says when it refuses a float ABI mismatch: riscv64's,
# and arm's (armv7m's too).
ABI_REFUSED_riscv64 := can't link .*-float modules with .*-float modules
ABI_REFUSED_arm := uses VFP register arguments
# arch:object's variant:archive's variant, for each pair the linker must
# refuse.
ABI_CROSSED := riscv64:lp64:lp64d riscv64:lp64d:lp64 arm:soft:hard \
	arm:hard:soft armv7m:soft:hard armv7m:hard:soft
# ...of the arches of ARCHES, each with the archive's path appended.
abi_word = $(word $(2),$(subst :, ,$(1)))
ABI_CROSSED_RUNS := $(foreach c,$(filter $(addsuffix :%,$(ARCHES)),$(ABI_CROSSED)),\
	$(c):$(call variant_dir,$(call abi_word,$(c),1),$(call abi_word,$(c),3))/libhandlertable.a)

# abi-link [ABI_LIB=archive]: tests/consumers/consumer.c and start.c
# compiled with this arch/variant's flags, linked with $(ABI_LIB) (default:
# this variant's archive) and nothing else, into $(ABI_OUT).
ABI_LIB ?= $(LIB)
ABI_OUT ?= $(ABI_DIR)/$(ARCH)-$(VARIANT)/consumer.elf
abi-link: $(ABI_LIB)
	@mkdir -p $(dir $(ABI_OUT))
	$(Q)$(CC) $(LIB_CFLAGS) -c tests/consumers/consumer.c \
		-o $(dir $(ABI_OUT))consumer.o
	$(Q)$(CC) $(LIB_CFLAGS) -c tests/consumers/start.c \
		-o $(dir $(ABI_OUT))start.o
	$(Q)$(CC) $(TARGET_CFLAGS) $(KCFLAGS) -nostdlib -static -no-pie \
		$(dir $(ABI_OUT))consumer.o $(dir $(ABI_OUT))start.o $(ABI_LIB) \
		-o $(ABI_OUT)

# The flags test's scratch BUILD; its bin/ holds links to the riscv64
# tools, another toolchain as far as the build can tell. In the recipe,
# rebuilds WANT NAME ARGS... runs make lib with ARGS there and checks
# whether it compiled the library (WANT: yes or no).
ABI_FLAGS_BUILD := $(ABI_DIR)/flags-build

abi:
	$(Q)mkdir -p $(ABI_DIR); n=0; fail=0; \
	t() { n=$$((n + 1)); if [ "$$1" = 0 ]; then echo "ok $$n - $$2"; \
		else echo "not ok $$n - $$2"; fail=$$((fail + 1)); \
		[ -f "$$3" ] && tail -n 8 "$$3" | sed 's/^/# /'; fi; }; \
	for av in $(ALL_VARIANTS); do \
		a=$${av%/*}; v=$${av#*/}; log=$(ABI_DIR)/$$a-$$v.log; \
		$(MAKE) --no-print-directory ARCH=$$a VARIANT=$$v abi-link \
			> $$log 2>&1; \
		t $$? "$$a/$$v: an object of its ABI links with its archive" $$log; \
	done; \
	for c in $(ABI_CROSSED_RUNS); do \
		a=$${c%%:*}; o=$${c#*:}; o=$${o%%:*}; l=$${c#*:*:}; l=$${l%%:*}; \
		lib=$${c##*:}; want="$(ABI_REFUSED_arm)"; \
		[ $$a = riscv64 ] && want="$(ABI_REFUSED_riscv64)"; \
		log=$(ABI_DIR)/$$a-$$o-with-$$l.log; \
		$(MAKE) --no-print-directory ARCH=$$a VARIANT=$$l lib > $$log 2>&1; \
		! $(MAKE) --no-print-directory ARCH=$$a VARIANT=$$o abi-link \
			ABI_LIB=$$lib ABI_OUT=$(ABI_DIR)/crossed/$$a-$$o-$$l.elf \
			>> $$log 2>&1 && grep -q "$$want" $$log; \
		t $$? "$$a: a $$o object with the $$l archive is refused ($$want)" $$log; \
	done; \
	fb=$(ABI_FLAGS_BUILD); rm -rf $$fb; mkdir -p $$fb/bin; \
	for tool in gcc ar nm objcopy; do \
		ln -s "$$(command -v riscv64-unknown-elf-$$tool)" $$fb/bin/riscv64-unknown-elf-$$tool; \
	done; \
	rebuilds() { \
		want=$$1; name=$$2; shift 2; \
		$(MAKE) --no-print-directory BUILD=$$fb ARCH=riscv64 VARIANT=lp64 lib "$$@" \
			> $$fb/last.log 2>&1 || { t 1 "$$name" $$fb/last.log; return; }; \
		if grep -q '^  CC \[riscv64\]' $$fb/last.log; then got=yes; else got=no; fi; \
		[ $$got = $$want ]; \
		t $$? "flags are part of the build: $$name: rebuilt $$want" $$fb/last.log; \
	}; \
	rebuilds yes "first build"; \
	rebuilds no "the same flags again"; \
	rebuilds yes "KCFLAGS=-Os" KCFLAGS=-Os; \
	rebuilds no "KCFLAGS=-Os again" KCFLAGS=-Os; \
	rebuilds yes "ARCH_CFLAGS with -mcmodel=medlow" \
		ARCH_CFLAGS="-march=rv64imac_zicsr -mabi=lp64 -mcmodel=medlow"; \
	rebuilds yes "another toolchain (CROSS_COMPILE=<dir of links>/riscv64-unknown-elf-)" \
		CROSS_COMPILE=$$fb/bin/riscv64-unknown-elf-; \
	rebuilds yes "back to the default" ; \
	echo "$$((n - fail)) passed, $$fail failed"; [ $$fail -eq 0 ]

# For tests/consumers/run.sh, one line each: the boot stub's sources (with
# the shared TAP output and trap report), the flags they compile with
# besides the kernel's (KERNEL_DEFS: the M-profile sources need the board,
# -DBOARD_...), its link flags (the arch's linker script: the M-profile
# arches have their own, with the board's sizes in KERNEL_LDFLAGS), the
# QEMU command, QEMU's pass status.
print-boot:
	@echo '$(abspath $(ARCH_SRCS) tests/tap.c tests/bad_trap.c)'
	@echo '$(KERNEL_DEFS)'
	@echo '-T $(abspath $(LDSCRIPT)) -Wl,--no-warn-rwx-segments $(KERNEL_LDFLAGS)'
	@echo '$(QEMU) -display none -serial stdio -monitor none -no-reboot $(QEMU_FLAGS)'
	@echo '$(QEMU_PASS)'

CONSUMERS := $(BUILD)/consumers

# Outside a git checkout (an unpacked release) there is no make dist: the
# FetchContent route takes the source directory instead of the tarball.
IN_GIT = git rev-parse --git-dir > /dev/null 2>&1

consumers:
	$(Q)rm -rf $(CONSUMERS) && mkdir -p $(CONSUMERS)
	$(Q)$(MAKE) --no-print-directory install DESTDIR=$(abspath $(CONSUMERS))/stage \
		PREFIX=/usr/local > $(CONSUMERS)/install.log 2>&1 || \
		{ sed 's/^/# /' $(CONSUMERS)/install.log; \
		  echo "not ok 1 - make install"; echo "0 passed, 1 failed"; exit 1; }
	$(Q)! $(IN_GIT) || $(MAKE) --no-print-directory dist > $(CONSUMERS)/dist.log 2>&1 || \
		{ sed 's/^/# /' $(CONSUMERS)/dist.log; \
		  echo "not ok 1 - make dist"; echo "0 passed, 1 failed"; exit 1; }
	$(Q)HTBL_DIR=$(CURDIR) OUT=$(abspath $(CONSUMERS)) \
		STAGE=$(abspath $(CONSUMERS))/stage PREFIX=/usr/local \
		INSTALLED="$$(sed -n 's,^  INSTALL \[\(.*\)\] .*,\1,p' $(CONSUMERS)/install.log)" \
		TARBALL=$$($(IN_GIT) && echo $(abspath $(DIST))) MAKE="$(MAKE)" \
		bash tests/consumers/run.sh

DIST_CHECK_DIR := $(BUILD)/dist-check
DIST_CHECK ?= light

# The unpacked tree is removed once it passed: its .d files would otherwise
# join this tree's (the Makefile includes every .d under BUILD).
dist-check:
	$(Q)$(IN_GIT) || { echo "dist-check: skipped (not a git checkout)"; exit 0; }; \
	$(MAKE) --no-print-directory dist || exit 1; \
	rm -rf $(DIST_CHECK_DIR) && mkdir -p $(DIST_CHECK_DIR) && n=0; fail=0; \
	t() { n=$$((n + 1)); if [ "$$1" = 0 ]; then echo "ok $$n - $$2"; \
		else echo "not ok $$n - $$2"; fail=$$((fail + 1)); \
		[ -f "$$3" ] && tail -n 15 "$$3" | sed 's/^/# /'; fi; }; \
	tar -xzf $(DIST) -C $(DIST_CHECK_DIR); \
	t $$? "dist: $(notdir $(DIST)) unpacks"; \
	d=$(DIST_CHECK_DIR)/$(DIST_NAME); \
	git ls-files | while read -r f; do [ -e "$$f" ] || continue; \
		cmp -s "$$f" "$$d/$$f" || echo "missing or different: $$f"; \
	done > $(DIST_CHECK_DIR)/files.log; \
	[ ! -s $(DIST_CHECK_DIR)/files.log ]; \
	t $$? "dist: holds every file git tracks, as in the work tree" $(DIST_CHECK_DIR)/files.log; \
	in_dist() { log=$(abspath $(DIST_CHECK_DIR))/$$1.log; shift; \
		(cd $$d && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD \
			-u HTBL_SRC -u ARCHES -u VARIANT -u KCFLAGS "$$@") > $$log 2>&1; }; \
	in_dist lib make lib; \
	t $$? "dist: make lib in the unpacked tree" $(DIST_CHECK_DIR)/lib.log; \
	in_dist host make ARCH=host lib; \
	t $$? "dist: make ARCH=host lib" $(DIST_CHECK_DIR)/host.log; \
	if [ "$(DIST_CHECK)" = full ]; then \
		in_dist test-host make test-host; \
		t $$? "dist: make test-host" $(DIST_CHECK_DIR)/test-host.log; \
	else \
		in_dist unit sh -c 'make build/host-test/unit build/host-test/cxx && \
			build/host-test/unit && build/host-test/cxx'; \
		t $$? "dist: unit tests (ASan+UBSan) and C++ header test built and passed" \
			$(DIST_CHECK_DIR)/unit.log; \
	fi; \
	echo "$$((n - fail)) passed, $$fail failed"; \
	[ $$fail -eq 0 ] && rm -rf $$d
