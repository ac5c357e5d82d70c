# SPDX-License-Identifier: BSD-2-Clause
# tests/qsbr_model.mk: the model check of the quiescent-state mode
# (included by the Makefile).
#
#   make model-qsbr  Spin explores every interleaving of tests/qsbr.pml
#                    (register, unregister, syncs and grace periods against
#                    CPUs that go online, dispatch, report and go offline,
#                    and a nested interrupt) in a few configurations, then
#                    with known bugs planted, each of which must be caught
#                    by the property named for it. TAP lines, then
#                    "N passed, N failed". About 30 s of CPU time: 15 s
#                    on two idle cores.

SPIN ?= spin
QSBR_MODEL_DIR := $(BUILD)/model-qsbr
# Partial order reduction off: it is unsound with the model's provided
# clauses. SAFETY: assertions and end states (property 3 is an end state).
QSBR_PAN_CFLAGS := -O2 -w -DNOREDUCE -DSAFETY
QSBR_MODEL_TIMEOUT ?= 120

# want:defines. pass: Spin finds nothing. Otherwise the error Spin must
# find, by property of tests/qsbr.pml: freed (1), a call after its sync
# returned; torn (2), a call with another registration's arg; stuck (3, 4),
# an invalid end state: a sync that never ends, or a dispatch that waits.
# The passing runs, then the planted bugs, then a kernel that breaks one
# of the header's rules for this mode.
QSBR_MODEL_RUNS := \
	pass:NCPU=2,OPS=3,WOPS=3,NIRQ=1 \
	pass:NCPU=3,OPS=2,WOPS=2,NIRQ=1 \
	pass:NCPU=2,OPS=3,WOPS=3,NIRQ=1,GP0=254 \
	pass:NCPU=2,OPS=3,WOPS=3,NIRQ=1,IRQ_REPORTS \
	pass:NCPU=1,OPS=3,WOPS=2,NIRQ=1,NW=2 \
	pass:NCPU=2,OPS=2,WOPS=3,NIRQ=2 \
	pass:NCPU=1,OPS=4,WOPS=4,NIRQ=2 \
	freed:BUG_REPORT_NO_CTR,OPS=2,WOPS=2 \
	stuck:BUG_REPORT_STALE,OPS=2,WOPS=2 \
	freed:BUG_GP_NO_WAIT,OPS=2,WOPS=2 \
	freed:BUG_GP_READ_FIRST,OPS=2,WOPS=2 \
	torn:BUG_NO_RELOAD,OPS=2,WOPS=2 \
	freed:BUG_REPORT_IN_DISPATCH,OPS=2,WOPS=2 \
	stuck:BUG_DISPATCH_SPINS,OPS=2,WOPS=2 \
	freed:BUG_PLAIN_COMPARE,GP0=254,OPS=2,WOPS=2 \
	freed:IRQ_REPORTS,IRQ_REPORTS_IN_DISPATCH,OPS=2,WOPS=2 \
	freed:IRQ_OFFLINE,OPS=2,WOPS=2 \
	freed:HANDLER_OFFLINE,OPS=2,WOPS=2

.PHONY: model-qsbr

CHECK_STEPS += model-qsbr

# Two lanes, odd and even runs, one run at a time each; run n leaves its
# TAP line (numbered later) in $(QSBR_MODEL_DIR)/<n>/tap. A "caught" run
# explores everything (-c0) and lists every kind of error it found; it
# passes only if the expected one is among them. A define that
# tests/qsbr.pml does not name (a misspelt bug) fails its run.
model-qsbr:
	$(Q)command -v $(SPIN) > /dev/null || \
		{ echo "$(SPIN) not found (Debian package spin)"; exit 1; }; \
	rm -rf $(QSBR_MODEL_DIR); \
	one() { \
		d=$(QSBR_MODEL_DIR)/$$1; want=$${2%%:*}; defs=$${2#*:}; \
		flags=$$(echo "$$defs" | sed 's/^/-D/; s/,/ -D/g'); \
		popt=-m100000; [ $$want = pass ] || popt="$$popt -c0 -n"; \
		case $$want in \
		freed) pat='running\[\|dead\['; prop='(1) call after its sync';; \
		torn) pat='f=='; prop='(2) torn pair';; \
		stuck) pat='invalid end state'; prop='(3, 4) invalid end state';; \
		esac; \
		mkdir -p $$d && cp tests/qsbr.pml $$d/ && \
		(cd $$d && $(SPIN) -a $$flags qsbr.pml && \
		 $(HOSTCC) $(QSBR_PAN_CFLAGS) -o pan pan.c && \
		 timeout $(QSBR_MODEL_TIMEOUT) ./pan $$popt) > $$d/log 2>&1; st=$$?; \
		errs=$$(sed -n 's/.*errors: \([0-9]*\)$$/\1/p' $$d/log); \
		states=$$(sed -n 's/^ *\([0-9]*\) states, stored.*/\1/p' $$d/log); \
		secs=$$(sed -n 's/^pan: elapsed time \([0-9.e+]*\) .*/\1/p' $$d/log); \
		found=$$(sed -n 's/^pan:[0-9]*: \(.*\) (at depth.*/\1/p' $$d/log | \
			sed 's/assertion violated *//' | sort -u | tr '\n' ' ' | \
			sed 's/ $$//'); \
		name="spin qsbr: $$(echo $$defs | tr , ' ')"; \
		unknown=; for def in $$(echo $$defs | tr , ' '); do \
			grep -qw "$${def%%=*}" tests/qsbr.pml || \
				unknown="$$unknown $${def%%=*}"; \
		done; \
		if [ -n "$$unknown" ]; then \
			echo "not ok - $$name: not in tests/qsbr.pml:$$unknown"; \
		elif [ $$st -ne 0 ] || [ -z "$$errs" ] || \
		   grep -q 'too small\|Error\|out of memory' $$d/log; then \
			echo "not ok - $$name: Spin did not finish (see $$d/log)"; \
		elif [ $$want = pass ] && [ $$errs != 0 ]; then \
			echo "not ok - $$name: $$found"; \
			echo "# replay: cd $$d && $(SPIN) -t -p $$flags qsbr.pml"; \
		elif grep -q 'not completed' $$d/log; then \
			echo "not ok - $$name: search not completed"; \
		elif [ $$want = pass ]; then \
			echo "ok - $$name: no error in $$states states, $$secs s"; \
		elif [ $$errs = 0 ]; then \
			echo "not ok - $$name: not caught ($$states states)"; \
		elif echo "$$found" | grep -q "$$pat"; then \
			echo "ok - $$name: caught by $$prop: $$found ($$states states, $$secs s)"; \
		else \
			echo "not ok - $$name: caught, but not by $$prop: $$found"; \
		fi > $$d/tap; \
	}; \
	lane() { \
		k=0; for run in $(QSBR_MODEL_RUNS); do \
			k=$$((k + 1)); [ $$((k % 2)) = $$1 ] && one $$k $$run; \
		done; \
	}; \
	lane 1 & lane 0 & wait; \
	n=0; for run in $(QSBR_MODEL_RUNS); do n=$$((n + 1)); done; \
	i=0; bad=0; while [ $$i -lt $$n ]; do \
		i=$$((i + 1)); \
		grep -q '^not ok' $(QSBR_MODEL_DIR)/$$i/tap && bad=$$((bad + 1)); \
		sed "1s/^\(.*ok\) -/\1 $$i -/" $(QSBR_MODEL_DIR)/$$i/tap; \
	done; \
	echo "$$((n - bad)) passed, $$bad failed"; [ $$bad = 0 ]
