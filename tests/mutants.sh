#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# mutants.sh: weaken each memory order of the library to __ATOMIC_RELAXED,
# one at a time, in a copy of the source, and see which test notices.
#
# Weak orders are invisible to a plain run on x86 (TSO), so each mutant
# faces ThreadSanitizer, which tracks the C11 happens-before of release and
# acquire (but ignores fences and treats seq_cst as acq_rel), running the
# stress and tests/qsbr.c (the quiescent-state mode), the test kernel on
# aarch64 SMP under QEMU (multi-threaded TCG: weakly ordered guest code,
# though on an x86 host it runs no weaker than TSO), and
# tests/mutant_killers.c under TSan. A CAS whose success order is weakened
# gets its failure order weakened too: it may not be the stronger.
#
# Environment: BUILD, HTBL_SRC, MAKE as in the Makefile; MUTANT_TSAN_RUNS,
# MUTANT_QSBR_RUNS and MUTANT_BOOT_RUNS runs per mutant and test (a mutant
# is killed by the first run that fails).
set -u
BUILD=${BUILD:-build}
SRC=${HTBL_SRC:-src/handler_table.c}
MAKE=${MAKE:-make}
MB=$BUILD/mutants
TSAN_RUNS=${MUTANT_TSAN_RUNS:-20}
QSBR_RUNS=${MUTANT_QSBR_RUNS:-5}
BOOT_RUNS=${MUTANT_BOOT_RUNS:-3}
KILLERS=tests/mutant_killers.c

# The order arguments of the __atomic calls and of HTBL_CAS (the library's
# compare-exchange: success order, then failure order) outside comments and
# preprocessor lines (HTBL_CAS's own definition passes its parameters on),
# numbered. mode=list prints "k line function call role order" for each;
# mode=mutate prints the source with orders t1 and t2 made relaxed.
ORDERS='
function fname(s, w, n) {
	sub(/\(.*/, "", s); n = split(s, w, /[ \t*]+/); return w[n]
}
{
	if (!incomment && $0 ~ /^[A-Za-z_].*\(/ && $0 !~ /;[ \t]*$/ &&
	    $0 !~ /^_Static_assert/)
		func_name = fname($0)
	pp = inpp || (!incomment && $0 ~ /^[ \t]*#/)
	inpp = pp && $0 ~ /\\$/
	rest = $0; out = ""
	while (rest != "") {
		if (incomment) {
			p = index(rest, "*/")
			if (!p) { out = out rest; rest = ""; continue }
			out = out substr(rest, 1, p + 1); rest = substr(rest, p + 2)
			incomment = 0; continue
		}
		c = index(rest, "/*")
		ts = match(rest, /__atomic_[a-z_]+|HTBL_CAS[^A-Za-z0-9_]|__ATOMIC_[A-Z_]+/)
		tl = RLENGTH
		if (c && (!ts || c < ts)) {
			out = out substr(rest, 1, c + 1); rest = substr(rest, c + 2)
			incomment = 1; continue
		}
		if (!ts) { out = out rest; rest = ""; continue }
		tok = substr(rest, ts, tl)
		if (tok ~ /^HTBL_CAS/)
			tok = substr(tok, 1, tl = 8)
		out = out substr(rest, 1, ts - 1); rest = substr(rest, ts + tl)
		if (pp) {
		} else if (tok ~ /^__atomic_/) {
			call = substr(tok, 10); nth = 0; cline = NR
		} else if (tok == "HTBL_CAS") {
			call = tok; nth = 0; cline = NR
		} else {
			k++; nth++; role = "-"
			if (call ~ /compare_exchange|HTBL_CAS/)
				role = nth == 1 ? "success" : "failure"
			if (mode == "list")
				print k, cline, func_name, call, role, substr(tok, 10)
			if (k == t1 || k == t2)
				tok = "__ATOMIC_RELAXED"
		}
		out = out tok
	}
	if (mode == "mutate")
		print out
}'

mkdir -p "$MB"
awk -v mode=list "$ORDERS" "$SRC" > "$MB/orders" || exit 1
[ -s "$MB/orders" ] || { echo "no __ATOMIC_ orders found in $SRC"; exit 1; }

tsan_bin() { echo "$1/host-test/stress-tsan"; }
qsbr_bin() { echo "$1/host-test/qsbr-tsan"; }
killers_bin() { echo "$1/host-test/mutant-killers"; }

# run_tsan dir src: "ok", or why the first failing run failed.
run_tsan() {
	$MAKE --no-print-directory BUILD="$1" HTBL_SRC="$2" "$(tsan_bin "$1")" \
		> "$1/tsan-build.log" 2>&1 || { echo "build failed"; return; }
	run_bin "$(tsan_bin "$1")" "$1/tsan.log" "$TSAN_RUNS"
}

run_qsbr() {
	$MAKE --no-print-directory BUILD="$1" HTBL_SRC="$2" "$(qsbr_bin "$1")" \
		> "$1/qsbr-build.log" 2>&1 || { echo "build failed"; return; }
	run_bin "$(qsbr_bin "$1")" "$1/qsbr.log" "$QSBR_RUNS"
}

run_killers() {
	$MAKE --no-print-directory BUILD="$1" HTBL_SRC="$2" "$(killers_bin "$1")" \
		> "$1/killers-build.log" 2>&1 || { echo "build failed"; return; }
	run_bin "$(killers_bin "$1")" "$1/killers.log" "$TSAN_RUNS"
}

# run_bin binary log runs. A run that times out with nothing to show is
# run again, not counted, and three in a row are a hang: ThreadSanitizer's
# runtime itself can stall a store to a word that another thread spins on
# (the unmodified source's stress does, in about one run in five, when
# more processes than CPUs run it).
run_bin() {
	i=0 hangs=0
	while [ $i -lt "$3" ]; do
		i=$((i + 1))
		TSAN_OPTIONS="halt_on_error=1 exitcode=66" timeout 60 "$1" \
			> "$2" 2>&1
		st=$?
		if [ $st = 124 ] && [ $hangs -lt 2 ] &&
		   ! grep -q 'WARNING: ThreadSanitizer:' "$2"; then
			hangs=$((hangs + 1)) i=$((i - 1))
			continue
		fi
		hangs=0
		[ $st = 0 ] && continue
		if grep -q 'WARNING: ThreadSanitizer:' "$2"; then
			echo "$(sed -n 's/.*WARNING: ThreadSanitizer: \(.*\) (pid.*/\1/p' \
				"$2" | head -1) (run $i)"
		elif [ $st = 124 ]; then
			echo "hang (run $i, three times)"
		elif grep -q '^not ok' "$2"; then
			echo "$(grep -m1 '^not ok' "$2" | sed 's/^not ok [0-9]* - //') (run $i)"
		else
			echo "exit $st (run $i)"
		fi
		return
	done
	echo ok
}

run_boot() {
	i=0
	while [ $i -lt "$BOOT_RUNS" ]; do
		i=$((i + 1))
		$MAKE --no-print-directory BUILD="$1" HTBL_SRC="$2" ARCH=aarch64 \
			QEMU_TIMEOUT=30 boot > "$1/boot.log" 2>&1 && continue
		if grep -q '^not ok' "$1/boot.log"; then
			echo "$(grep -m1 '^not ok' "$1/boot.log" | sed 's/^not ok [0-9]* - //') (run $i)"
		elif grep -q 'QEMU status 124' "$1/boot.log"; then
			echo "hang (run $i)"
		else
			echo "$(grep -m1 'FAIL\|rror' "$1/boot.log") (run $i)"
		fi
		return
	done
	echo ok
}

# The unmodified source must pass, or its column is skipped.
base=$MB/base
mkdir -p "$base"
cp "$SRC" "$base/handler_table.c"
r=$(run_tsan "$base" "$base/handler_table.c")
[ "$r" = ok ] || { echo "the unmodified source fails under TSan: $r"; exit 1; }
qsbr=yes
r=$(run_qsbr "$base" "$base/handler_table.c")
if [ "$r" != ok ]; then
	qsbr=no
	echo "# tests/qsbr.c under TSan not available (unmodified source: $r)"
fi
boot=yes
r=$(run_boot "$base" "$base/handler_table.c")
if [ "$r" != ok ]; then
	boot=no
	echo "# aarch64 boot not available (unmodified source: $r)"
fi
killers=no
if [ -f "$KILLERS" ]; then
	killers=yes
	r=$(run_killers "$base" "$base/handler_table.c")
	[ "$r" = ok ] || { echo "the unmodified source fails $KILLERS: $r"; exit 1; }
fi

# Killed when any test failed; "skip" is a column not run.
alive() {
	for r; do [ "$r" = ok ] || [ "$r" = skip ] || return 1; done
}

short() {
	case $1 in
	ok) echo survived ;;
	skip) echo - ;;
	"build failed") echo "NO BUILD" ;;
	*) echo KILLED ;;
	esac
}

# why column result: "column: reason" for a killed column, else nothing.
why() {
	case $2 in
	ok | skip) ;;
	*) printf '%s: %s; ' "$1" "$2" ;;
	esac
}

echo "# $SRC: each order made relaxed in turn;" \
	"TSan stress x$TSAN_RUNS, TSan qsbr x$QSBR_RUNS," \
	"aarch64 boot x$BOOT_RUNS, mutant killers x$TSAN_RUNS"
row='%-3s %-45s %-8s %-9s %-9s %-9s %s\n'
printf "$row" '#' 'function:line call (role)' order tsan qsbr aarch64 killers
n=0 killed=0 survived=0
while read -r k line func call role order <&3; do
	what="$func:$line $call"
	[ "$role" = - ] || what="$what ($role)"
	if [ "$order" = RELAXED ]; then
		printf '%-3s %-45s %-8s %s\n' "" "$what" "$order" "(relaxed already)"
		continue
	fi
	n=$((n + 1))
	d=$MB/$n
	mkdir -p "$d"
	t2=0
	note=
	if [ "$role" = success ]; then
		next=$(awk -v k=$((k + 1)) '$1 == k { print $5 " " $6 }' "$MB/orders")
		if [ "$next" != "failure RELAXED" ]; then
			t2=$((k + 1))
			note="failure order ${next#failure } made relaxed too; "
		fi
	fi
	awk -v mode=mutate -v t1="$k" -v t2="$t2" "$ORDERS" "$SRC" \
		> "$d/handler_table.c"
	tsan=$(run_tsan "$d" "$d/handler_table.c")
	qs=skip
	[ $qsbr = yes ] && qs=$(run_qsbr "$d" "$d/handler_table.c")
	aarch=skip
	[ $boot = yes ] && aarch=$(run_boot "$d" "$d/handler_table.c")
	kill=skip
	[ $killers = yes ] && kill=$(run_killers "$d" "$d/handler_table.c")
	if alive "$tsan" "$qs" "$aarch" "$kill"; then
		survived=$((survived + 1))
	else
		killed=$((killed + 1))
	fi
	printf "$row" "$n" "$what" "$order" "$(short "$tsan")" "$(short "$qs")" \
		"$(short "$aarch")" "$(short "$kill")"
	notes="$note$(why tsan "$tsan")$(why qsbr "$qs")$(why aarch64 "$aarch")"
	notes="$notes$(why killers "$kill")"
	[ -z "$notes" ] || echo "      # ${notes%; }"
done 3< "$MB/orders" < /dev/null
echo "$n mutants: $killed killed, $survived survived"
