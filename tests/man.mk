# SPDX-License-Identifier: BSD-2-Clause
# tests/man.mk: section 3 man pages, made from the header's comments
# (included by the Makefile).
#
#   make man          $(BUILD)/man/*.3 (mdoc): handler_table.3, the
#                     overview, from the header's top comment, and a page
#                     per documented function and macro (tests/mangen.awk).
#                     View one: man -l build/man/htbl_handle.3
#   make install-man  installs them in $(DESTDIR)$(PREFIX)/share/man/man3
#   make man-check    in check: each page lints clean with mandoc -Tlint;
#                     every function and macro of the header has a block
#                     and a page whose SYNOPSIS is its declaration
#                     (tests/mancheck.sh). TAP lines, "N passed, N failed".
#
# The pages are made at build time and never kept in git, so none can
# outlive a change of the header. MAN_HEADER names another header (with a
# BUILD of its own), to see the check fail on a scratch copy.

MAN_HEADER ?= include/handler_table.h
MAN_DIR := $(BUILD)/man
MAN_STAMP := $(MAN_DIR)/.stamp

.PHONY: man install-man man-check

CHECK_STEPS += man-check

# Dated by the header's last change.
$(MAN_STAMP): $(MAN_HEADER) tests/mangen.awk
	@echo "  MAN $(MAN_DIR)"
	$(Q)rm -rf $(MAN_DIR) && mkdir -p $(MAN_DIR) && \
	awk -v out=$(MAN_DIR) -f tests/mangen.awk \
		-v date="$$(LC_ALL=C date -u -r $(MAN_HEADER) '+%B %-d, %Y')" \
		$(MAN_HEADER) && touch $@

man: $(MAN_STAMP)

install-man: $(MAN_STAMP)
	install -d $(DESTDIR)$(PREFIX)/share/man/man3
	install -m 644 $(MAN_DIR)/*.3 $(DESTDIR)$(PREFIX)/share/man/man3

man-check: $(MAN_STAMP)
	$(Q)sh tests/mancheck.sh $(MAN_HEADER) $(MAN_DIR) $(HOSTCC)
