#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# kill-loop.sh [ITERATIONS] - kill -9 `examgen build --force` at random
# moments, again and again, over one output folder that also holds a file
# of the user's.  After every kill the folder must hold exactly one
# complete build: byte for byte what a clean build with the seed found in
# its keys writes (so every paper, key and sheet is of one build), plus
# the user's file, unchanged.  After a final clean run no staging folder
# may be left beside it.  responses.xlsx is left out of the byte
# comparison: the spreadsheet library stamps it with the time written.  EXAMGEN names the binary (default build/examgen).
# Exit 0 when every check held; prints the tally.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
EXAMGEN=${EXAMGEN:-$root/build/examgen}
n=${1:-100}
tpl=$root/tests/cases/build-basic/tpl.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

fail() {
	echo "kill-loop: FAIL after kill $i: $*" >&2
	exit 1
}

# a roster makes each build write 300 more files, so kills land in every
# phase: loading, writing, syncing, swapping, cleaning
awk 'BEGIN { print "id,name"; for (k = 1; k <= 300; k++) printf "c%d,n%d\n", k, k }' >roster.csv
build() {	# SEED OUT [--force]
	"$EXAMGEN" build "$tpl" --seed "$1" --roster roster.csv \
		--format txt,md --out "$2" ${3:-} >/dev/null 2>&1
}
# the clean build of a seed, made once, to compare against
ref() {
	[ -d "ref/$1" ] || build "$1" "ref/$1" || fail "reference build $1"
}

i=0
build 1 out/paper || fail "first build"
echo "the user's own notes" >out/paper/notes.txt
# how long one build takes, in microseconds: kills are spread over twice
# that, so some land before, some during and some after the swap
t0=$(date +%s%N)
build 1 tmp-timing --force
t1=$(date +%s%N)
rm -rf tmp-timing
span=$(( (t1 - t0) / 1000 * 2 ))
[ "$span" -gt 0 ] || span=100000

old=0 new=0 stale_max=0
prev=1
while [ $i -lt "$n" ]; do
	i=$((i + 1))
	seed=$((i + 1))
	# examgen itself in the background (not a subshell), so the kill
	# reaches it
	"$EXAMGEN" build "$tpl" --seed $seed --roster roster.csv \
		--format txt,md --out out/paper --force >/dev/null 2>&1 &
	pid=$!
	us=$(awk -v s="$span" -v r="$(od -An -N4 -tu4 /dev/urandom)" \
		'BEGIN { printf "%.6f", (r % s) / 1e6 }')
	sleep "$us"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ -d out/paper ] || fail "the output folder is missing"
	[ "$(cat out/paper/notes.txt 2>/dev/null)" = "the user's own notes" ] ||
		fail "the user's file was lost or changed"
	got=$(sed -n 's/^seed: //p' out/paper/*.key.yaml | sort -u)
	[ "$(echo "$got" | wc -l)" = 1 ] || fail "keys of several seeds: $got"
	ref "$got"
	diff -r -x notes.txt -x responses.xlsx "ref/$got" out/paper >diff.out 2>&1 ||
		{ head -20 diff.out; fail "the folder is not exactly build $got"; }
	if [ "$got" = "$seed" ]; then
		new=$((new + 1))
		prev=$seed
	elif [ "$got" = "$prev" ]; then
		old=$((old + 1))
	else
		fail "build $got is neither the earlier ($prev) nor the new one ($seed)"
	fi
	stale=$(ls -A out | grep -c '^\.paper\.examgen-')
	[ "$stale" -gt "$stale_max" ] && stale_max=$stale
	rm -rf "ref/$((seed - 2))"	# keep only recent references
done
# a clean run replaces the last build and cleans what the kills left
build 999 out/paper --force || fail "the final clean build failed"
left=$(ls -A out | grep -v '^paper$')
[ -z "$left" ] || fail "left beside the folder after a clean run: $left"
hidden=$(cd out/paper && find . -name '.*' ! -name . | sort | tr '\n' ' ')
[ "$hidden" = "./.examgen-set-T " ] ||
	fail "hidden files left in the folder: $hidden"
[ "$(cat out/paper/notes.txt)" = "the user's own notes" ] ||
	fail "the user's file was lost"
echo "kill-loop: $n kills over ${span}us: $old left the earlier build," \
	"$new the new one, 0 mixed; at most $stale_max staging folder(s)" \
	"after a kill, none after a clean run"
