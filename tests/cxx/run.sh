#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# run.sh DIR "TUS" CONFIG...: report on each build of tests/cxx/ that
# tests/cxx.mk made in DIR/CONFIG: that it built; that no object of TUS
# (the files that define tables) has a dynamic initializer, a guard
# variable or an .init_array entry (nm, objdump); then the cases its
# program prints. TAP lines numbered across the configs, each named after
# its config, then "N passed, N failed".
set -u
dir=$1 tus=$2
shift 2
NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}
n=0 failed=0

report() {
	n=$((n + 1))
	[ "$1" = ok ] || failed=$((failed + 1))
	echo "$1 $n - $2"
}

for cfg in "$@"; do
	d=$dir/$cfg
	if [ ! -x "$d/tables" ]; then
		report "not ok" "$cfg: builds with -Wall -Wextra -Werror"
		continue
	fi
	report ok "$cfg: builds with -Wall -Wextra -Werror"

	found=
	for tu in $tus; do
		hits=$({ "$NM" "$d/$tu.o" || echo "nm failed"; } | grep -E \
			'_GLOBAL__sub_I|__cxx_global_var_init|__cxa_guard|_ZGV|nm failed'
			{ "$OBJDUMP" -h "$d/$tu.o" || echo "objdump failed"; } |
				grep -Eo '\.(init_array|ctors)[^ ]*|objdump failed')
		[ -z "$hits" ] && continue
		found=1
		printf '%s\n' "$hits" | sed "s|^|# $cfg: $tu.o: |"
	done
	if [ -z "$found" ]; then
		report ok "$cfg: no initializer, guard or .init_array in the tables' objects"
	else
		report "not ok" "$cfg: no initializer, guard or .init_array in the tables' objects"
	fi

	"$d/tables" > "$d/tables.out" 2>&1
	st=$?
	summary=
	while IFS= read -r line; do
		case $line in
		"ok "*) report ok "$cfg: ${line#* - }" ;;
		"not ok "*) report "not ok" "$cfg: ${line#* - }" ;;
		*" passed, "*" failed") summary=1 ;;
		"# "*) echo "# $cfg: ${line#\# }" ;;
		*) echo "# $cfg: $line" ;;
		esac
	done < "$d/tables.out"
	[ -n "$summary" ] ||
		report "not ok" "$cfg: the program runs to its summary (status $st)"
done
echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
