#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One office condition on a few simulated sheets (a second or two): build a
# paper, fill in and degrade its sheets with the simulator under CONDITION,
# scan them, and check that no mark is read wrong without a flag and every
# sheet is there (evaluate.py), plus what the condition itself asks.
#   EXAMGEN=... SCANSIM=... sh tests/scan/condition.sh ROOT CONDITION
# CONDITION: cut (a corner cut off, a bubble-sized fill near it), doodle
# (a dark square in the margin outside a corner mark), shadow (part of
# the page in a soft-edged shadow, pen and pencil marks, some faint),
# circle (some answers circled instead of filled).
set -eu
root=$1 cond=$2
: "${EXAMGEN:?}" "${SCANSIM:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "scan $cond: $*"; exit 1; }

"$EXAMGEN" build "$root/templates/cs-specialist-written.yaml" --seed 11 \
	--forms 1 --format pdf --out "$work/out" >/dev/null 2>&1
key=$(ls "$work"/out/*-A.key.yaml)
mkdir "$work/s"
case $cond in
cut) sim="seed=21 sheets=3 marks=dark cut=1 rotate=2 noise=4" ;;
doodle) sim="seed=22 sheets=3 marks=dark doodle=1 rotate=2 noise=4" ;;
circle) sim="seed=24 sheets=3 marks=dark circle=1 rotate=2 noise=4" ;;
shadow) sim="seed=23 sheets=3 marks=office shadow=0.45 rotate=2 noise=4" ;;
*) fail "no such condition" ;;
esac
# shellcheck disable=SC2086
"$SCANSIM" "$key" "$work/s" $sim
set +e
"$EXAMGEN" scan --key "$work/out" "$work"/s/page-*.png >"$work/scan.csv" \
	2>"$work/scan.err"
rc=$?
set -e
[ $rc -le 1 ] || { cat "$work/scan.err"; fail "scan exit $rc"; }
python3 "$here/evaluate.py" "$work/s" "$work/scan.csv" "$cond" \
	>"$work/eval" 2>&1 || { cat "$work/eval" "$work/scan.err"; \
	fail "misread or missing sheets"; }
echo "scan $cond: passed"
