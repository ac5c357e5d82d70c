#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# coverage.sh SOURCE OBJDIR: line and branch coverage of SOURCE from the
# gcov data in OBJDIR, as TAP cases, listing every line and branch that no
# test reached. The annotated source is left in OBJDIR/<source>.gcov.
set -u
src=$1 obj=$2
out="$obj/$(basename "$src").gcov"

summary=$(gcov -b -c -n -o "$obj" "$src") || exit 1
gcov -b -c -t -o "$obj" "$src" >"$out" || exit 1
lines=$(echo "$summary" | sed -n 's/^Lines executed:\(.*\)/\1/p' | head -n 1)
branches=$(echo "$summary" | sed -n 's/^Taken at least once:\(.*\)/\1/p' |
	head -n 1)

# gcov -t: "count: line:source", then "branch N taken C" or "branch N never
# executed" lines for the line above; ##### marks a line never run.
awk -v src="$src" '
function trim(s) { sub(/^[ \t]+/, "", s); return s }
/^ *(#####|=====):/ {
	split($0, f, ":"); n = trim(f[2])
	text = $0; sub(/^[^:]*:[^:]*:/, "", text)
	printf "# %s:%d: line never run: %s\n", src, n, trim(text)
	next
}
/^ *[-0-9*]+: *[0-9]+:/ {
	split($0, f, ":"); n = trim(f[2]); next
}
/^branch +[0-9]+ (taken 0( |$)|never executed)/ {
	printf "# %s:%d: branch %s never taken\n", src, n, $2
}' "$out" >"$obj/gaps"

pass=0 fail=0
report() { # ok-or-not name
	if [ "$1" = ok ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	echo "$1 $((pass + fail)) - $2"
}
case "$lines" in 100.00%*) r=ok ;; *) r="not ok" ;; esac
report "$r" "coverage: lines of $src: ${lines:-no data}"
case "$branches" in 100.00%*) r=ok ;; *) r="not ok" ;; esac
report "$r" "coverage: branches of $src each taken: ${branches:-no data}"
cat "$obj/gaps"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
