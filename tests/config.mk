# SPDX-License-Identifier: BSD-2-Clause
# config.mk: the library's build-time settings and what they compile to.
#
#   make config   HTBL_CELLS below 1 or not a power of two fails the build
#                 with its message; 1 builds; every wait loop of each
#                 arch's archive has the CPU's spin-wait hint (x86 pause,
#                 Arm yield); every read-modify-write helper of a
#                 uniprocessor archive masks interrupts, and such an arch
#                 built without -DHTBL_UNIPROCESSOR is refused. TAP lines,
#                 then "N passed, N failed".

.PHONY: config

CHECK_STEPS += config

CONFIG_DIR := $(BUILD)/config
# arch[/KCFLAGS]:what masks interrupts in the __atomic_* read-modify-write
# helpers of its uniprocessor archive (src/up_atomic.c).
# (an awk regex, no spaces)
UP_MASKS := armv6m:cpsid rv32imc:csrrc.*mstatus \
	rv32imc/-DHTBL_UP_SUPERVISOR:csrrc.*sstatus
# arch:instruction that its archive's wait loops must contain.
SPIN_HINTS := x86_64:pause i386:pause aarch64:yield arm:yield armv7m:yield armv6m:yield

config:
	$(Q)mkdir -p $(CONFIG_DIR); n=0; fail=0; \
	t() { n=$$((n + 1)); if [ "$$1" = 0 ]; then echo "ok $$n - $$2"; \
		else echo "not ok $$n - $$2"; fail=$$((fail + 1)); fi; }; \
	cc() { $(HOSTCC) -std=c11 $(WARN) -ffreestanding -Iinclude -c $(HTBL_SRC) \
		-o $(CONFIG_DIR)/cells.o "$$@" 2> $(CONFIG_DIR)/cells.err; }; \
	for c in 0 3; do \
		! cc -DHTBL_CELLS=$$c && grep -q 'HTBL_CELLS must' $(CONFIG_DIR)/cells.err; \
		t $$? "HTBL_CELLS=$$c is refused at compile time"; \
	done; \
	cc -DHTBL_CELLS=1; t $$? "HTBL_CELLS=1 builds"; \
	for p in $(SPIN_HINTS); do \
		a=$${p%%:*}; i=$${p#*:}; \
		$(MAKE) --no-print-directory -s ARCH=$$a lib > /dev/null 2>&1 && \
		$$($(MAKE) --no-print-directory -s ARCH=$$a print-objdump) -d \
			$(BUILD)/$$a/libhandlertable.a | grep -qw "$$i"; \
		t $$? "$$a: wait loops use the spin-wait hint ($$i)"; \
	done; \
	for p in $(UP_MASKS); do \
		a=$${p%%[/:]*}; k=; case $$p in */*) k=$${p#*/}; k=$${k%:*} ;; esac; \
		i=$${p##*:}; b=$(CONFIG_DIR)/up; \
		$(MAKE) --no-print-directory -s ARCH=$$a BUILD=$$b KCFLAGS="$$k" \
			lib > /dev/null 2>&1 && \
		$$($(MAKE) --no-print-directory -s ARCH=$$a print-objdump) -d \
			$$b/$$a/libhandlertable.a | awk -v i="$$i" ' \
			/^[0-9a-f]+ <[^>]*>:$$/ && $$2 !~ /^<\.L/ { f = ""; \
				if ($$2 ~ /^<__atomic_/ && $$2 !~ /_(load|store)_/) { f = $$2; n++ } } \
			f != "" && $$0 ~ i && !(f in m) { m[f] = 1; k++ } \
			END { exit !(n > 0 && k == n) }'; \
		t $$? "$$a$${k:+ $$k}: every read-modify-write helper masks interrupts ($$i)"; \
	done; \
	for a in $(sort $(foreach p,$(UP_MASKS),$(firstword $(subst /, ,$(subst :, ,$(p)))))); do \
		! $$($(MAKE) --no-print-directory -s ARCH=$$a print-lib-cc) \
			-UHTBL_UNIPROCESSOR -c $(HTBL_SRC) -o $(CONFIG_DIR)/up.o \
			2> $(CONFIG_DIR)/up.err && \
			grep -q 'build with -DHTBL_UNIPROCESSOR' $(CONFIG_DIR)/up.err; \
		t $$? "$$a without -DHTBL_UNIPROCESSOR is refused at compile time"; \
	done; \
	echo "$$((n - fail)) passed, $$fail failed"; [ $$fail -eq 0 ]

.PHONY: print-objdump print-lib-cc
print-objdump:
	@echo $(CROSS_COMPILE)objdump
# The arch's compiler with the library's flags.
print-lib-cc:
	@echo '$(CC) $(LIB_CFLAGS)'
