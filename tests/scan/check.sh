#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The scan pipeline on simulated copier scans (fixed seeds, a few seconds):
# build a paper, fill in and degrade sheets with the simulator, scan them,
# and check: no mark read wrong without a flag, every page identified,
# 'scan | grade' gives the same totals as grading the answers as drawn;
# essay criteria come out as N.k columns; a 1-bit scan is refused (exit 2)
# and a defaced QR code is reported.
#   EXAMGEN=... SCANSIM=... sh tests/scan/check.sh ROOT
set -eu
root=$1
: "${EXAMGEN:?}" "${SCANSIM:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "scan check: $*"; exit 1; }

"$EXAMGEN" build "$root/templates/cs-specialist-written.yaml" --seed 11 \
	--format pdf --out "$work/out" >/dev/null 2>&1
key=$(ls "$work"/out/*-A.key.yaml)

# mixed marks on a degraded 200 dpi stack, some pages upside down
mkdir "$work/s"
"$SCANSIM" "$key" "$work/s" seed=7 sheets=2 marks=mixed rotate=3 noise=6 \
	blur=1 jpeg=70 tone=0.15 offset=3 scale=0.02 flip=mixed
set +e
"$EXAMGEN" scan --key "$work/out" --review "$work/review" \
	"$work"/s/page-*.png >"$work/scan.csv" 2>"$work/scan.err"
rc=$?
set -e
[ $rc -le 1 ] || { cat "$work/scan.err"; fail "scan exit $rc"; }
grep -q "pages not read" "$work/scan.err" || fail "no summary"
grep -q ", 0 pages not read" "$work/scan.err" ||
	{ cat "$work/scan.err"; fail "a page was not identified"; }
python3 "$here/evaluate.py" "$work/s" "$work/scan.csv" mixed >"$work/eval" ||
	{ cat "$work/eval"; fail "misread or missing sheets"; }
# every doubt has its crop and its line in the review list
n=$(grep -c "written '?" "$work/scan.err" || true)
[ "$(tail -n +2 "$work/review/review.csv" | wc -l)" -eq "$n" ] ||
	fail "review list does not list the $n doubts"
[ "$(ls "$work"/review/*.png 2>/dev/null | wc -l)" -eq "$n" ] ||
	fail "not one crop per doubt"

# dark marks only: nothing to review, and grade totals as typed
mkdir "$work/d"
"$SCANSIM" "$key" "$work/d" seed=8 sheets=2 marks=dark rotate=2 noise=4 \
	jpeg=80 dpi=150
"$EXAMGEN" scan --key "$work/out" "$work"/d/page-*.png 2>"$work/d.err" |
	"$EXAMGEN" grade --key "$work/out" - >"$work/scanned.grade" 2>/dev/null ||
	true
"$EXAMGEN" grade --key "$work/out" "$work/d/truth.csv" \
	>"$work/typed.grade" 2>/dev/null || true
grep -q "0 marks to review" "$work/d.err" ||
	{ cat "$work/d.err"; fail "dark marks sent to review"; }
cmp "$work/scanned.grade" "$work/typed.grade" ||
	{ diff "$work/scanned.grade" "$work/typed.grade"; \
	  fail "scan | grade differs from the typed answers"; }

# essays scored per rubric criterion: N.k columns, one per criterion row
# of score bubbles (form A's key alone, so no other form disagrees)
"$EXAMGEN" build "$root/templates/cs-manager-60-60-60.yaml" --seed 5 \
	--format pdf --out "$work/m" >/dev/null 2>&1
mkdir "$work/mk" "$work/ms"
cp "$work"/m/*-A.key.yaml "$work/mk/"
"$SCANSIM" "$work"/m/*-A.key.yaml "$work/ms" seed=3 sheets=1 marks=dark \
	rotate=2 noise=4 jpeg=80
"$EXAMGEN" scan --key "$work/mk" "$work"/ms/page-*.png >"$work/m.csv" \
	2>"$work/m.err" || { cat "$work/m.err"; fail "manager scan"; }
head -1 "$work/m.csv" | grep -q ',1\.1,1\.2,1\.3,' ||
	fail "no N.k criterion columns: $(head -1 "$work/m.csv")"
python3 "$here/evaluate.py" "$work/ms" "$work/m.csv" dark >"$work/m.eval" ||
	{ cat "$work/m.eval"; fail "criterion scores misread"; }
"$EXAMGEN" grade --key "$work/mk" "$work/m.csv" >"$work/m.scanned" \
	2>/dev/null || true
"$EXAMGEN" grade --key "$work/mk" "$work/ms/truth.csv" >"$work/m.typed" \
	2>/dev/null || true
cmp "$work/m.scanned" "$work/m.typed" ||
	fail "criterion columns grade differently from the typed scores"
# with both forms loaded (their essays differ) one summed column each
"$EXAMGEN" scan --key "$work/m" "$work"/ms/page-*.png >"$work/m2.csv" \
	2>/dev/null || fail "manager scan, two forms"
python3 "$here/evaluate.py" "$work/ms" "$work/m2.csv" dark >/dev/null ||
	fail "summed criterion columns misread"

# a 1-bit scan is refused with how to rescan
mkdir "$work/b"
"$SCANSIM" "$key" "$work/b" seed=9 sheets=1 bilevel=1
set +e
"$EXAMGEN" scan --key "$work/out" "$work/b/page-0001.png" \
	>/dev/null 2>"$work/b.err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "1-bit scan: exit $rc, expected 2"
grep -q "rescan in greyscale" "$work/b.err" || fail "no rescan advice"

# a defaced QR code: the page is reported with file and page
mkdir "$work/q"
"$SCANSIM" "$key" "$work/q" seed=10 sheets=1 deface=1
set +e
"$EXAMGEN" scan --key "$work/out" "$work/q/page-0001.png" \
	>/dev/null 2>"$work/q.err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "defaced QR: exit $rc, expected 1"
grep -q "page-0001.png: error: page 1: the QR code cannot be read" \
	"$work/q.err" || { cat "$work/q.err"; fail "defaced QR not reported"; }
echo "scan check: passed"
