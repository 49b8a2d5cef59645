#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# concurrent.sh [ROUNDS] - two `examgen build` runs race on one --out.
# Without --force exactly one wins (exit 0) and the other is refused as
# SPEC says for an output that already exists (exit 2, "already exists"),
# whether the folder is new or exists empty; with --force both succeed.
# Either way the folder then holds exactly one complete build, byte for
# byte, and nothing is left beside it.  EXAMGEN names the binary (default
# build/examgen).  responses.xlsx is left out of the byte comparison:
# the spreadsheet library stamps it with the time it was written.  Exit 0 when every check held; prints the tally.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
EXAMGEN=${EXAMGEN:-$root/build/examgen}
n=${1:-20}
tpl=$root/tests/cases/build-basic/tpl.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

fail() {
	echo "concurrent: FAIL in round $r ($mode): $*" >&2
	exit 1
}

awk 'BEGIN { print "id,name"; for (k = 1; k <= 200; k++) printf "c%d,n%d\n", k, k }' >roster.csv
for s in 1 2; do
	"$EXAMGEN" build "$tpl" --seed $s --roster roster.csv --format txt,md \
		--out ref/$s >/dev/null 2>&1 || { echo "reference build failed"; exit 2; }
done

refused=0 forced=0
for mode in new empty force; do
	r=0
	while [ $r -lt "$n" ]; do
		r=$((r + 1))
		rm -rf out
		mkdir out
		[ $mode = empty ] && mkdir out/paper
		[ $mode = force ] && cp -R ref/1 out/paper
		flag=
		[ $mode = force ] && flag=--force
		for s in 1 2; do
			"$EXAMGEN" build "$tpl" --seed $s --roster roster.csv \
				--format txt,md --out out/paper $flag \
				>/dev/null 2>err$s &
			eval pid$s=\$!
		done
		wait "$pid1"
		rc1=$?
		wait "$pid2"
		rc2=$?
		if [ $mode = force ]; then
			[ "$rc1$rc2" = 00 ] ||
				{ cat err1 err2; fail "exits $rc1 and $rc2, expected 0 and 0"; }
			forced=$((forced + 1))
		else
			case "$rc1$rc2" in
			02) loser=2 ;;
			20) loser=1 ;;
			*) cat err1 err2; fail "exits $rc1 and $rc2, expected 0 and 2" ;;
			esac
			grep -q "already exists (use --force to replace it); nothing written" \
				err$loser || { cat err$loser; fail "the loser's message"; }
			refused=$((refused + 1))
		fi
		got=$(sed -n 's/^seed: //p' out/paper/*.key.yaml | sort -u)
		[ "$got" = 1 ] || [ "$got" = 2 ] || fail "keys of seeds: $got"
		diff -r -x responses.xlsx "ref/$got" out/paper >diff.out 2>&1 ||
			{ head -20 diff.out; fail "the folder is not exactly build $got"; }
		[ "$(ls -A out)" = paper ] || fail "left beside it: $(ls -A out)"
	done
done
echo "concurrent: $n races each on a new folder, an empty folder and with" \
	"--force: $refused losers refused with exit 2, $forced forced pairs" \
	"both done, every folder exactly one build, nothing left beside"
