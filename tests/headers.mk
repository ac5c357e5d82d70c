# SPDX-License-Identifier: BSD-2-Clause
# headers.mk: what a freestanding compile sees (included by the Makefile).
#
#   make headers       for every arch but host whose compiler is installed,
#                      preprocesses the library (both sources), its header
#                      alone and every kernel source (C and .S) with the
#                      build's own flags and -M: a header from outside
#                      the compiler's own include directories and the
#                      project's fails, as does one not found. TAP lines,
#                      "N passed, N failed".
#   make headers-one   the same for one ARCH, lines not numbered.
#
# A libc header that slips in builds only where that libc's -dev package
# happens to be installed: this step fails on every machine instead.

.PHONY: headers headers-one

CHECK_STEPS += headers

# GCC's own headers (include-fixed holds its limits.h where GCC uses one),
# the project's, and the library source's directory (HTBL_SRC may be a copy).
HDR_ALLOWED := $(realpath $(CC_INCLUDE) $(CC_INCLUDE)-fixed include src tests \
	arch $(dir $(HTBL_SRC)))
HDR_KERNEL_SRCS := $(sort $(KERNEL_SRCS) $(DEMO_SRCS) $(ARCH_SRCS))

headers:
	$(Q)for a in $(filter-out host,$(ARCHES)); do \
		out=$$($(MAKE) --no-print-directory ARCH=$$a headers-one 2>&1); \
		st=$$?; printf '%s\n' "$$out"; \
		[ $$st -eq 0 ] || printf '%s\n' "$$out" | grep -q '^not ok' || \
			echo "not ok - $$a: make headers-one failed, status $$st"; \
	done | awk '/^(not )?ok / { n++; sub(/ok /, "ok " n " "); \
			if (/^not /) bad++ } \
		!/^(not )?ok |^#/ { $$0 = "# " $$0 } \
		{ print } \
		END { print n - bad " passed, " bad + 0 " failed"; exit (bad > 0) }'

# check NAME CMD...: runs CMD -M and lists every header it read that lies
# outside $(HDR_ALLOWED); a compile error (a header not found) fails too.
headers-one:
	$(Q)command -v $(CC) > /dev/null || \
		{ echo "# $(ARCH): $(CC) not found, skipped"; exit 0; }; \
	fail=0; \
	check() { \
		name="$(ARCH) $$1"; shift; \
		if ! deps=$$("$$@" -M 2>/dev/null); then \
			fail=1; echo "not ok - $$name: does not preprocess"; \
			"$$@" -M 2>&1 >/dev/null | sed 's/^/# /'; return; \
		fi; \
		out=$$(printf '%s\n' "$$deps" | sed 's/\\$$//' | tr -s ' ' '\n' | \
			grep -v -e ':$$' -e '^/dev/null$$' -e '^$$' | xargs -r realpath -m | \
			while read -r f; do \
				for d in $(HDR_ALLOWED); do \
					case $$f in "$$d"/*) continue 2;; esac; \
				done; echo "$$f"; \
			done); \
		if [ -z "$$out" ]; then echo "ok - $$name"; return; fi; \
		fail=1; echo "not ok - $$name: headers from outside"; \
		printf '%s\n' "$$out" | sed 's/^/# /'; \
	}; \
	check "include/handler_table.h alone" $(CC) $(LIB_CFLAGS) \
		-include handler_table.h -x c /dev/null; \
	check $(HTBL_SRC) $(CC) $(LIB_CFLAGS) $(HTBL_SRC); \
	check src/up_atomic.c $(CC) $(LIB_CFLAGS) src/up_atomic.c; \
	for s in $(HDR_KERNEL_SRCS); do \
		check $$s $(CC) $(KERNEL_CFLAGS) $$s; \
	done; \
	exit $$fail
