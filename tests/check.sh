#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# check.sh STEP...: run each make target of `make check` in turn, keep
# going past a failure, then print one total over every "N passed, N failed"
# line they printed. A step that fails without such a line (a build, a
# kernel that hung) counts as one failure.
set -u
log="${BUILD:-build}/check.log"
mkdir -p "$(dirname "$log")"
: > "$log"
failed_steps=
for step in "$@"; do
	echo "# ---- make $step"
	make --no-print-directory "$step" 2>&1 | tee "$log.step"
	rc=${PIPESTATUS[0]}
	cat "$log.step" >> "$log"
	if [ "$rc" -ne 0 ]; then
		failed_steps="$failed_steps $step"
		grep -Eq '^[0-9]+ passed, [1-9][0-9]* failed$' "$log.step" ||
			echo "0 passed, 1 failed" >> "$log"
	fi
done
rm -f "$log.step"
read -r passed failed < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ \
	{ p += $1; f += $3 } END { print p + 0, f + 0 }' "$log")
[ -n "$failed_steps" ] && echo "# failed steps:$failed_steps"
echo "check: $passed passed, $failed failed"
[ -z "$failed_steps" ] && [ "$failed" -eq 0 ]
