#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# nospec_check.sh DIR: `make nospec` (tests/nospec.mk). Builds $HTBL_SRC for
# every arch with its gcc and with clang, at -O1, -O2, -O3 and -Os, alone and
# inlined into an IRQ entry (tests/nospec_irq.c), disassembles each object and
# asks tests/nospec.awk whether each function of $NOSPEC_FUNCS still clamps
# the table index by data flow (and, on Arm, behind csdb). Three controls
# build without the hiding asms (-DHTBL_NO_ASM) and must be caught.
#
# DIR/flags has one line per arch: ARCH|gcc and its flags|objdump|clang's
# target flags. $NOSPEC_CLANG is clang with the flags every arch shares.
# Each object's disassembly stays in DIR/NAME.dis, its verdicts in
# DIR/NAME.res. Prints TAP, then "N passed, N failed".
set -u

# One build: NAME|ISA|OBJDUMP|COMPILER AND FLAGS|lib or irq|FUNCS.
job() {
	IFS='|' read -r name isa od cc tu funcs <<< "$1"
	# ARMv6-M has no csdb (no 32-bit hint encodings; the header leaves
	# it out), and a Cortex-M0 does not speculate: no strict mode.
	if [ "$isa" = armv6m ]; then isa=arm strict=0; fi
	o="$dir/$name.o"
	if [ "$tu" = lib ]; then
		set -- -c "$src"
	else
		set -- "-DHTBL_SRC_FILE=\"$src\"" -c tests/nospec_irq.c
	fi
	# shellcheck disable=SC2086 # cc is a command and its flags
	if ! $cc "$@" -o "$o" > "$dir/$name.log" 2>&1; then
		echo "build-failed" > "$dir/$name.res"
		return
	fi
	$od -dr --no-show-raw-insn "$o" > "$dir/$name.dis" &&
		awk -v isa="$isa" -v funcs="$funcs" -v strict="$strict" \
			-f tests/nospec.awk "$dir/$name.dis" > "$dir/$name.res"
}

if [ "${1:-}" = --job ]; then
	dir=$2 src=$3 strict=$4
	job "$5"
	exit 0
fi

dir=$1
src=$(realpath "$HTBL_SRC")
strict=${NOSPEC_STRICT:-0}
irq_funcs="nospec_irq_entry nospec_irq_static:i"
rm -f "$dir"/*.o "$dir"/*.dis "$dir"/*.res "$dir"/*.log "$dir/jobs"

# name|what the TAP line says|expect (ok or caught)|job
specs=()
while IFS='|' read -r arch gcc od clang; do
	case $arch in
	x86_64) isa=x86 ;;
	riscv* | rv32*) isa=riscv ;;
	aarch64) isa=aarch64 ;;
	armv6m) isa=armv6m ;;
	*) isa=arm ;;
	esac
	for c in gcc clang; do
		if [ $c = gcc ]; then cc=$gcc; else cc="$NOSPEC_CLANG $clang"; fi
		for O in 1 2 3 s; do
			n=$c-$arch-O$O
			specs+=("$n-lib|$c $arch -O$O library|ok|$n-lib|$isa|$od|$cc -O$O|lib|$NOSPEC_FUNCS")
			specs+=("$n-irq|$c $arch -O$O htbl_handle inlined into an irq entry|ok|$n-irq|$isa|$od|$cc -O$O|irq|$irq_funcs")
		done
		case $c-$arch in
		clang-riscv64 | clang-aarch64)
			specs+=("control-$c-$arch|control: $c $arch -O2 library without the asms is caught|caught|control-$c-$arch|$isa|$od|$cc -O2 -DHTBL_NO_ASM|lib|$NOSPEC_FUNCS") ;;
		gcc-x86_64)
			specs+=("control-$c-$arch|control: $c $arch -O2 static table without the asms is caught|caught|control-$c-$arch|$isa|$od|$cc -O2 -DHTBL_NO_ASM|irq|nospec_irq_static:i") ;;
		esac
	done
done < "$dir/flags"

for s in "${specs[@]}"; do
	IFS='|' read -r _ _ _ j <<< "$s"
	printf '%s\n' "$j"
done > "$dir/jobs"
xargs -d '\n' -P "$(nproc)" -n 1 bash "$0" --job "$dir" "$src" "$strict" \
	< "$dir/jobs"

i=0 fail=0
for s in "${specs[@]}"; do
	IFS='|' read -r name what expect _ <<< "$s"
	i=$((i + 1))
	res="$dir/$name.res"
	if [ ! -f "$res" ] || grep -q '^build-failed' "$res"; then
		verdict="not ok"; why="build failed"
	elif [ ! -s "$res" ]; then
		verdict="not ok"; why="none of the functions checked is in it"
	elif [ "$expect" = caught ]; then
		if grep ' bad ' "$res" | grep -vq ' bad no access'; then
			verdict=ok; why=
		else
			verdict="not ok"; why="not caught"
		fi
	elif grep -q ' bad ' "$res"; then
		verdict="not ok"; why=
	else
		verdict=ok; why=
	fi
	[ "$verdict" = ok ] || fail=$((fail + 1))
	echo "$verdict $i - $what${why:+: $why}"
	if [ "$verdict" != ok ]; then
		if [ "$why" = "build failed" ]; then
			sed 's/^/# /' "$dir/$name.log" 2>/dev/null | head -n 20
		else
			grep ' bad ' "$res" | sed 's/^\([^ ]*\) bad /# \1: /'
			echo "# disassembly: $dir/$name.dis"
		fi
	fi
done
echo "$((i - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
