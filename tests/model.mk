# tests/model.mk: the model check and the mutants (included by the Makefile).
#
#   make model     Spin explores every interleaving of the slot protocol
#                  (tests/slot.pml) in a few configurations, then runs the
#                  model with known bugs planted, each of which it must
#                  reject. TAP lines, then "N passed, N failed". About 35 s
#                  on two idle cores (65 s of CPU; MODEL_JOBS runs at once).
#   make mutants   weakens each memory order of $(HTBL_SRC) to relaxed, one
#                  at a time, and runs ThreadSanitizer (the stress and
#                  tests/qsbr.c), the aarch64 SMP boot and
#                  tests/mutant_killers.c against each (tests/mutants.sh).
#                  Prints a table. About 20 min on two cores.
#   make mutant-killers  tests/mutant_killers.c, under ThreadSanitizer.

SPIN ?= spin
MODEL_DIR := $(BUILD)/model
MODEL_JOBS ?= 2
# Partial order reduction off, to stay sound with the model's provided
# clause (it reduces nothing there anyway); COLLAPSE halves the memory of
# the larger runs for a tenth more time; -O1 builds pan in half the time
# of -O2, and it runs as fast.
PAN_CFLAGS := -O1 -w -DNOREDUCE -DSAFETY -DCOLLAPSE
MODEL_TIMEOUT ?= 300

# want:defines. pass: Spin finds nothing; caught: Spin finds an error (it
# stops at the first). The pass runs, and their states:
#   NCPU=2,OPS=2                     2.5M  any two calls on each of two CPUs
#   NCPU=3,OPS=1                      12M  three CPUs: cells run out
#   NCPU=2,OPS=2,NIRQ=2              6.7M  two interrupts
#   NCPU=2,OPS=2,NCELLS=1,STALE=2    4.5M  one cell, held by an older call
#   NCPU=2,OPS=2,$(MODEL_SPILL)      3.2M  no cell: the counters, _spill
#   NCPU=2,OPS=1,FOREIGN=2           2.7M  another slot's calls take cells
MODEL_SPILL := NCELLS=1,TAKEN=1,STALE=1
MODEL_RUNS := \
	pass:NCPU=2,OPS=2 \
	pass:NCPU=3,OPS=1 \
	pass:NCPU=2,OPS=2,NIRQ=2 \
	pass:NCPU=2,OPS=2,NCELLS=1,STALE=2 \
	pass:NCPU=2,OPS=2,$(MODEL_SPILL) \
	pass:NCPU=2,OPS=1,FOREIGN=2 \
	caught:BUG_NO_RECHECK \
	caught:BUG_NO_WAIT \
	caught:BUG_NO_SERIAL \
	caught:BUG_NO_COUNT \
	caught:BUG_READ_AFTER_CAS \
	caught:BUG_CLAIM_SPINS \
	caught:BUG_FEW_TAG_BITS \
	caught:BUG_ONE_COUNTER,$(MODEL_SPILL) \
	caught:BUG_NO_FLIP \
	caught:BUG_EPOCH_FALSE \
	caught:STRICT_LIN \
	caught:STRICT_SPILL,$(MODEL_SPILL)

.PHONY: model mutants mutant-killers

CHECK_STEPS += mutant-killers model

# MODEL_JOBS lanes walk the runs in order, each taking the next run that no
# other lane took (mkdir of its directory is the claim); each run leaves
# its TAP line in $(MODEL_DIR)/<n>/tap.
model:
	$(Q)command -v $(SPIN) > /dev/null || \
		{ echo "$(SPIN) not found (Debian package spin)"; exit 1; }; \
	rm -rf $(MODEL_DIR); mkdir -p $(MODEL_DIR); \
	one() { \
		d=$(MODEL_DIR)/$$1; want=$${2%%:*}; defs=$${2#*:}; \
		flags=$$(echo "$$defs" | sed 's/^/-D/; s/,/ -D/g'); \
		popt=-m100000; [ $$want = caught ] && popt="$$popt -c1 -n"; \
		cp tests/slot.pml $$d/ && \
		(cd $$d && $(SPIN) -a $$flags slot.pml && \
		 $(HOSTCC) $(PAN_CFLAGS) -o pan pan.c && \
		 timeout $(MODEL_TIMEOUT) ./pan $$popt) > $$d/log 2>&1; st=$$?; \
		errs=$$(sed -n 's/.*errors: \([0-9]*\)$$/\1/p' $$d/log); \
		states=$$(sed -n 's/^ *\([0-9]*\) states, stored.*/\1/p' $$d/log); \
		found=$$(sed -n 's/^pan:[0-9]*: \(.*\) (at depth.*/\1/p' $$d/log | \
			sed 's/assertion violated *//' | sort -u | tr '\n' ' ' | \
			sed 's/ $$//'); \
		name="spin: $$(echo $$defs | tr , ' ')"; \
		if [ $$st -ne 0 ] || [ -z "$$errs" ] || \
		   grep -q 'too small\|Error' $$d/log; then \
			echo "not ok - $$name: Spin did not finish (see $$d/log)"; \
		elif [ $$want = pass ] && [ $$errs != 0 ]; then \
			echo "not ok - $$name: $$found"; \
			echo "# replay: cd $$d && $(SPIN) -t -p $$flags slot.pml"; \
		elif [ $$want = pass ] && ! grep -q 'not completed' $$d/log; then \
			echo "ok - $$name: no error in $$states states"; \
		elif [ $$want = pass ]; then \
			echo "not ok - $$name: search not completed"; \
		elif [ $$errs != 0 ] && [ -n "$$found" ]; then \
			echo "ok - $$name: caught: $$found"; \
		else \
			echo "not ok - $$name: not caught"; \
		fi > $$d/tap; \
	}; \
	lane() { \
		n=0; for run in $(MODEL_RUNS); do \
			n=$$((n + 1)); \
			mkdir $(MODEL_DIR)/$$n 2> /dev/null && one $$n $$run; \
		done; \
	}; \
	j=0; while [ $$j -lt $(MODEL_JOBS) ]; do j=$$((j + 1)); lane & done; \
	wait; \
	n=0; for run in $(MODEL_RUNS); do n=$$((n + 1)); done; \
	i=0; bad=0; while [ $$i -lt $$n ]; do \
		i=$$((i + 1)); \
		grep -q '^not ok' $(MODEL_DIR)/$$i/tap && bad=$$((bad + 1)); \
		sed "1s/^\(.*ok\) -/\1 $$i -/" $(MODEL_DIR)/$$i/tap; \
	done; \
	echo "$$((n - bad)) passed, $$bad failed"; [ $$bad = 0 ]

mutants:
	$(Q)BUILD=$(BUILD) HTBL_SRC=$(HTBL_SRC) MAKE="$(MAKE)" sh tests/mutants.sh

$(HB)/mutant-killers: tests/mutant_killers.c tests/tap.c $(HTBL_SRC)
	@mkdir -p $(@D)
	@echo "  CC [tsan] $@"
	$(Q)$(HOSTCC) $(TEST_CFLAGS) $(TSAN) -MMD -MP $^ -o $@

mutant-killers: $(HB)/mutant-killers
	$(Q)TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(HB)/mutant-killers
