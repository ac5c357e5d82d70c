#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# genmc.sh check|mutants: GenMC against the library (see tests/genmc.mk).
#
# check: every harness of tests/genmc/ under each model, as TAP lines and
# "N passed, N failed". mutants: each memory order of the source, then of
# the header's inline functions (the quiescent-state dispatch that
# htbl_handle_inline runs in its caller), made relaxed in turn, with
# tests/mutants.sh's awk, against every harness under each model; prints
# which harness and model kill each.
#
# A harness includes "../../src/handler_table.c", which includes
# <handler_table.h>, so each run gets a copy of the source, the header and
# the harnesses laid out as in the repo, in its own directory, and that
# copy's include/ on its include path. A harness that calls an htbl_
# function the header does not declare (one being added) is skipped and
# says so.
#
# Environment: GENMC (the binary), BUILD, HTBL_SRC, HTBL_HDR (the header),
# GENMC_TIMEOUT seconds per run.
set -u
GENMC=${GENMC:?GENMC: the genmc binary}
BUILD=${BUILD:-build}
SRC=${HTBL_SRC:-src/handler_table.c}
HDR=${HTBL_HDR:-include/handler_table.h}
TIMEOUT=${GENMC_TIMEOUT:-300}
GB=$BUILD/genmc
MODELS="rc11 imm"
# GenMC runs C11, not inline asm nor __builtin_frame_address (src/ skips
# them under these), and models a failed CAS with its success order unless
# HTBL_GENMC_CAS splits off a load with the failure order.
CFLAGS="-DHTBL_NO_ASM -DHTBL_CELL_HINT=0 -DHTBL_GENMC_CAS"

# The harnesses that can build: their names, one a line; a "#" line for
# each one skipped.
harnesses() {
	for f in tests/genmc/*.c; do
		missing=
		for fn in $(grep -o 'htbl_[a-z_]*(' "$f" | tr -d '(' | sort -u); do
			grep -q "[^a-z_]$fn(" "$HDR" ||
				missing="$missing $fn"
		done
		name=$(basename "$f" .c)
		if [ -n "$missing" ]; then
			echo "# $name: skipped ($HDR has no$missing)"
		else
			echo "$name"
		fi
	done
}

# stage dir: the source, the header and the harnesses, laid out as in the
# repo.
stage() {
	rm -rf "$1" && mkdir -p "$1/src" "$1/include" "$1/tests/genmc" &&
		cp "$SRC" "$1/src/handler_table.c" &&
		cp "$HDR" "$1/include/handler_table.h" &&
		cp tests/genmc/*.c "$1/tests/genmc/"
}

# run dir harness model: "ok: <executions> executions, <time>", or why not.
# --check-liveness: a wait that never ends (a sync that misses a call's
# end) is an error, not just a blocked execution.
run() {
	log=$1/$2.$3.log
	# $CFLAGS unquoted: a list of flags.
	timeout "$TIMEOUT" "$GENMC" "--$3" --disable-estimation \
		--check-liveness -- -I"$1/include" $CFLAGS \
		"$1/tests/genmc/$2.c" > "$log" 2>&1
	st=$?
	if [ $st = 0 ] && grep -q '^No errors were detected' "$log"; then
		echo "ok: $(sed -n 's/^Number of complete executions explored: //p' \
			"$log") executions, $(sed -n \
			's/^Total wall-clock time: //p' "$log")"
	elif [ $st = 124 ]; then
		echo "timeout after ${TIMEOUT}s"
	elif ! grep -q '^\*\*\* Compilation complete' "$log"; then
		echo "build failed: $(grep -m1 'error' "$log")"
	elif grep -q '^Error' "$log"; then
		echo "$(grep -m1 '^Error' "$log")$(where "$log")"
	else
		echo "genmc exit $st: $(grep -m1 -i 'error' "$log")"
	fi
}

# where log: what an error names: the assertion; or the two racing
# accesses; or the event that failed, with what GenMC detected. An event
# is shown with the last word of its line in the graph, its source line.
where() {
	a=$(sed -n 's/^Assertion violation: //p' "$1" | head -1)
	if [ -n "$a" ]; then
		echo " assert($a)"
		return
	fi
	events=$(sed -n -e 's/^Event (\([0-9, ]*\)) conflicts with event (\([0-9, ]*\)).*/\1;\2/p' \
		-e 's/^Event (\([0-9, ]*\)) in graph.*/\1/p' "$1" | head -1)
	case $events in
	*\;*) pre=" between" ;;
	*) pre=" at" ;;
	esac
	echo "$events" | tr ';' '\n' | while read -r e; do
		[ -n "$e" ] || continue
		printf '%s (%s) %s' "$pre" "$e" \
			"$(grep -m1 "^[[:space:]]*($e):" "$1" | awk '{ print $NF }')"
		pre=" and"
	done
	sed -n 's/.* detected: \(.*\)/: \1/p' "$1" | head -1
}

check() {
	d=$GB/check
	stage "$d" || exit 1
	n=0 bad=0
	for h in $(harnesses | tee "$d/skipped" | grep -v '^#'); do
		for m in $MODELS; do
			n=$((n + 1))
			r=$(run "$d" "$h" "$m")
			case $r in
			ok:*) echo "ok $n - $h -$m: ${r#ok: }" ;;
			*)
				bad=$((bad + 1))
				echo "not ok $n - $h -$m: $r (log: $d/$h.$m.log)" ;;
			esac
		done
	done
	grep '^#' "$d/skipped"
	echo "$((n - bad)) passed, $bad failed"
	[ $bad = 0 ]
}

# The ORDERS awk program of tests/mutants.sh, as it stands there.
orders_awk() {
	awk '/^ORDERS=\x27$/ { on = 1; next }
	     on && /^}\x27$/ { print "}"; exit }
	     on' tests/mutants.sh
}

# mutate file dest: each order of file (a copy of which the runs find at
# dest) made relaxed in turn, against every harness under each model; one
# row each, numbered on from $n, counted in $killed, $survived, $undecided.
mutate() {
	orders=$GB/mutants/orders.$(basename "$1")
	awk -v mode=list "$awk_prog" "$1" > "$orders" || exit 1
	echo "# $1: each order made relaxed in turn, against every harness" \
		"under -rc11 and -imm"
	printf "$row" '#' 'function:line call (role)' order 'killed by'
	while read -r k line func call role order <&3; do
		what="$func:$line $call"
		[ "$role" = - ] || what="$what ($role)"
		[ "$order" = RELAXED ] && continue
		n=$((n + 1))
		d=$GB/mutants/$n
		# A CAS's failure order may not be stronger than its success
		# order: weaken both, as tests/mutants.sh does.
		t2=0
		if [ "$role" = success ]; then
			next=$(awk -v k=$((k + 1)) '$1 == k { print $5 " " $6 }' "$orders")
			[ "$next" = "failure RELAXED" ] || t2=$((k + 1))
		fi
		stage "$d" || exit 1
		awk -v mode=mutate -v t1="$k" -v t2="$t2" "$awk_prog" "$1" \
			> "$d/$2"
		# Killed: GenMC found an error. A run that did not finish
		# (no build, a timeout, a tool error) decides nothing.
		by='' why='' odd=''
		for h in $hs; do
			for m in $MODELS; do
				r=$(run "$d" "$h" "$m")
				case $r in
				ok:*) ;;
				Error*) by="$by $h/$m"; why=${why:-"$h/$m: $r"} ;;
				*) odd=${odd:-"$h/$m: $r"} ;;
				esac
			done
		done
		if [ -n "$by" ]; then
			killed=$((killed + 1))
		elif [ -n "$odd" ]; then
			by=" no verdict"
			why=$odd
			undecided=$((undecided + 1))
		else
			survived=$((survived + 1))
		fi
		by=${by# }
		printf "$row" "$n" "$what" "$order" "${by:-survived}"
		[ -z "$why" ] || echo "      # $why"
	done 3< "$orders" < /dev/null
}

mutants() {
	mkdir -p "$GB/mutants"
	awk_prog=$(orders_awk)
	[ -n "$awk_prog" ] || { echo "no ORDERS program in tests/mutants.sh"; exit 1; }
	hs=$(harnesses | grep -v '^#')
	harnesses | grep '^#'
	# The unmodified source and header must pass every run.
	stage "$GB/mutants/base" || exit 1
	for h in $hs; do
		for m in $MODELS; do
			r=$(run "$GB/mutants/base" "$h" "$m")
			case $r in
			ok:*) ;;
			*) echo "the unmodified source fails $h -$m: $r"; exit 1 ;;
			esac
		done
	done
	row='%-3s %-45s %-8s %s\n'
	n=0 killed=0 survived=0 undecided=0
	mutate "$SRC" src/handler_table.c
	mutate "$HDR" include/handler_table.h
	tail=
	[ $undecided = 0 ] || tail=", $undecided with no verdict"
	echo "$n mutants: $killed killed, $survived survived$tail"
}

case ${1:-} in
check) check ;;
mutants) mutants ;;
*) echo "usage: genmc.sh check|mutants"; exit 2 ;;
esac
