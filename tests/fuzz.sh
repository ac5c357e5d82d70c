#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# fuzz.sh BINARY SEEDS WORKDIR SECONDS [fresh]: run a libFuzzer binary for
# SECONDS on WORKDIR/corpus, a copy of the seed corpus (the checked-in seeds
# are never written), and report it as one TAP case. "fresh" starts from
# the seeds alone; otherwise the corpus that earlier runs grew is kept.
set -u
bin=$1 seeds=$2 work=$3 secs=$4 mode=${5:-}

[ "$mode" = fresh ] && rm -rf "$work/corpus"
mkdir -p "$work/corpus"
rm -f "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*
cp "$seeds"/* "$work/corpus/"
# -timeout: an input that runs 10 s is a sync waiting for ever: a failure.
"$bin" -max_total_time="$secs" -timeout=10 -artifact_prefix="$work/" \
	"$work/corpus" >"$work/log" 2>&1
st=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/log")
if [ "$st" -eq 0 ] && [ -n "$runs" ]; then
	echo "ok 1 - fuzz: $runs runs against the reference model, no mismatch"
	echo "1 passed, 0 failed"
	exit 0
fi
input=$(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* \
	"$work"/leak-* 2>/dev/null | head -n 1)
echo "not ok 1 - fuzz: a mismatch, crash or hang (libFuzzer status $st)"
grep -E 'mismatch:|SUMMARY|ERROR|runtime error' "$work/log" | head -n 5 |
	sed 's/^/# /'
echo "# input: ${input:-none}; replay: $bin ${input:-}"
echo "# log: $work/log"
echo "0 passed, 1 failed"
exit 1
