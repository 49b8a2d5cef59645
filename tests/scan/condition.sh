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
# circle (some answers circled instead of filled), reversed (two-page
# blank sheets scanned last page first), missing (a sheet's page 2 left
# out: what it holds is '?', never a number).
set -eu
root=$1 cond=$2
: "${EXAMGEN:?}" "${SCANSIM:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "scan $cond: $*"; exit 1; }

# blank sheets of two pages for the page-order conditions
case $cond in
reversed|missing) tpl=cs-director-interview ;;
*) tpl=cs-specialist-written ;;
esac
"$EXAMGEN" build "$root/templates/$tpl.yaml" --seed 11 \
	--forms 1 --format pdf --out "$work/out" >/dev/null 2>&1
key=$(ls "$work"/out/*-A.key.yaml)
mkdir "$work/s"
case $cond in
cut) sim="seed=21 sheets=3 marks=dark cut=1 rotate=2 noise=4" ;;
doodle) sim="seed=22 sheets=3 marks=dark doodle=1 rotate=2 noise=4" ;;
circle) sim="seed=24 sheets=3 marks=dark circle=1 rotate=2 noise=4" ;;
reversed|missing) sim="seed=25 sheets=3 marks=dark rotate=2 noise=4" ;;
shadow) sim="seed=23 sheets=3 marks=office shadow=0.45 rotate=2 noise=4" ;;
*) fail "no such condition" ;;
esac
# shellcheck disable=SC2086
"$SCANSIM" "$key" "$work/s" $sim
pages=$(ls "$work"/s/page-*.png)
case $cond in
# the stack scanned last page first
reversed) pages=$(ls -r "$work"/s/page-*.png) ;;
# the first sheet's page 2 left out
missing) rm "$work/s/page-0002.png"; pages=$(ls "$work"/s/page-*.png) ;;
esac
set +e
# shellcheck disable=SC2086
"$EXAMGEN" scan --key "$work/out" $pages >"$work/scan.csv" 2>"$work/scan.err"
rc=$?
set -e
[ $rc -le 1 ] || { cat "$work/scan.err"; fail "scan exit $rc"; }
python3 "$here/evaluate.py" "$work/s" "$work/scan.csv" "$cond" \
	>"$work/eval" 2>&1 || { cat "$work/eval" "$work/scan.err"; \
	fail "misread or missing sheets"; }
case $cond in
missing)
	[ $rc -eq 1 ] || fail "exit $rc, expected 1"
	grep -q "lacks its page 2 of 2: its answers there are written '?'" \
		"$work/scan.err" || { cat "$work/scan.err"; fail "not reported"; }
	# every cell of the first sheet with a bubble on page 2 is '?'
	row=$(sed -n 2p "$work/scan.csv")
	python3 - "$key" "$row" "$(head -1 "$work/scan.csv")" <<'PY' ||
import sys, yaml
key = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
row = dict(zip(sys.argv[3].strip().split(","), sys.argv[2].strip().split(",")))
on2 = set()
for b in key["layout"]["bubbles"]:
    if b["page"] == 2 and "question" in b:
        q = str(b["question"])
        on2.add(q + "." + str(b["criterion"]) if "criterion" in b and q + ".1" in row else q)
bad = [c for c in sorted(on2) if not row.get(c, "").startswith("?")]
sys.exit("cells with bubbles on the missing page not '?': %s" % bad if bad else 0)
PY
		fail "a number written where nothing was read"
	;;
esac
echo "scan $cond: passed"
