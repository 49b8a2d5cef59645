#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The scan pipeline on simulated copier scans (fixed seeds, a few seconds):
# build a paper, fill in and degrade sheets with the simulator, scan them,
# and check: no mark read wrong without a flag, every page identified,
# 'scan | grade' gives the same totals as grading the answers as drawn,
# and so does the review workbook once its decisions are filled in;
# multi-page TIFF and PDF stacks read page by page; sheets printed for a
# roster are read under the ids of their QR codes; essay criteria come
# out as N.k columns; a 1-bit scan is refused (exit 2)
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

# the review workbook: a reviewer fills in every 复核结果 cell from the
# sheets (here: from what was drawn), grade applies the decisions, and the
# totals are those of the typed answers
[ -f "$work/review/review.xlsx" ] || fail "no review.xlsx"
python3 "$here/decide.py" "$work/review/review.xlsx" "$work/s" \
	"$work/decided.xlsx" >/dev/null
"$EXAMGEN" grade --key "$work/out" "$work/decided.xlsx" \
	>"$work/decided.grade" 2>"$work/decided.err" ||
	{ cat "$work/decided.err"; fail "reviewed workbook: grade exit $?"; }
"$EXAMGEN" grade --key "$work/out" "$work/s/truth.csv" \
	>"$work/s.grade" 2>/dev/null || true
cmp "$work/decided.grade" "$work/s.grade" ||
	{ diff "$work/decided.grade" "$work/s.grade"; \
	  fail "reviewed workbook grades differently from the typed answers"; }
if grep -q "without a decision" "$work/decided.err"; then
	fail "every mark was decided, yet some are said to be without one"
fi
# a decision left empty keeps its sheet pending; one for an id that is
# not in the workbook is reported and changes nothing
python3 "$here/decide.py" "$work/review/review.xlsx" "$work/s" \
	"$work/part.xlsx" skip=1 wrong=1 >/dev/null
set +e
"$EXAMGEN" grade --key "$work/out" "$work/part.xlsx" >"$work/part.grade" \
	2>"$work/part.err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "half-reviewed workbook: exit $rc, expected 1"
[ "$(grep -c ',pending,' "$work/part.grade")" -eq 1 ] ||
	fail "an undecided mark does not keep exactly its sheet pending"
grep -q "candidate 'NOSUCH0', column '1' not applied: no row" \
	"$work/part.err" || { cat "$work/part.err"; fail "stray decision"; }
grep -q "worksheet '待複核': 1 marks without a decision" "$work/part.err" ||
	{ cat "$work/part.err"; fail "the undecided mark is not reported"; }
# the workbook is not replaced without --force
set +e
"$EXAMGEN" scan --key "$work/out" --review "$work/review" \
	"$work"/s/page-0001.png >/dev/null 2>"$work/again.err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "review.xlsx' exists" "$work/again.err" ||
	fail "review.xlsx overwritten without --force (exit $rc)"

# dark marks only: nothing to review, and grade totals as typed
mkdir "$work/d"
"$SCANSIM" "$key" "$work/d" seed=8 sheets=2 marks=dark rotate=2 noise=4 \
	jpeg=80 dpi=150 stack=1
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

# the same pages as one multi-page TIFF and as one PDF of page images (a
# copier's scan-to-file): every page read, the same responses
"$EXAMGEN" scan --key "$work/out" "$work"/d/page-*.png >"$work/d.csv" \
	2>/dev/null
for f in stack.tif stack.pdf; do
	"$EXAMGEN" scan --key "$work/out" "$work/d/$f" >"$work/$f.csv" \
		2>"$work/$f.err" || { cat "$work/$f.err"; fail "$f: exit $?"; }
	n=$(ls "$work"/d/page-*.png | wc -l)
	grep -q "read $n pages into 2 sheets: 0 marks to review, 0 pages" \
		"$work/$f.err" || { cat "$work/$f.err"; fail "$f: pages"; }
	cmp "$work/d.csv" "$work/$f.csv" ||
		fail "$f read differently from its pages as PNG files"
done
# a copier's PDF of JPEG pages: each JPEG decoded as it is, the same
# responses as the JPEG files
mkdir "$work/j"
"$SCANSIM" "$key" "$work/j" seed=13 sheets=2 marks=dark rotate=2 noise=4 \
	jpeg=80 format=jpg stack=1
"$EXAMGEN" scan --key "$work/out" "$work"/j/page-*.jpg >"$work/j.csv" \
	2>/dev/null || true
"$EXAMGEN" scan --key "$work/out" "$work/j/stack.pdf" >"$work/jp.csv" \
	2>/dev/null || true
[ "$(wc -l <"$work/j.csv")" -eq 3 ] || fail "jpeg pages: $(cat "$work/j.csv")"
cmp "$work/j.csv" "$work/jp.csv" ||
	fail "a PDF of JPEG pages read differently from the JPEG files"
# a PDF page is read from its embedded image, at that image's resolution:
# 120 dpi images are refused (a rendering at 300 dpi would hide it)
mkdir "$work/lo"
"$SCANSIM" "$key" "$work/lo" seed=12 sheets=2 marks=dark dpi=120 stack=1
for f in stack.tif stack.pdf; do
	set +e
	"$EXAMGEN" scan --key "$work/out" "$work/lo/$f" >/dev/null \
		2>"$work/lo.err"
	rc=$?
	set -e
	[ $rc -eq 2 ] || fail "$f at 120 dpi: exit $rc, expected 2"
	grep -q "$f: error: page 1: the scan has about 120 dpi" \
		"$work/lo.err" || { cat "$work/lo.err"; fail "$f: no dpi"; }
	grep -q "$f: error: page 2: the scan has about 120 dpi" \
		"$work/lo.err" || { cat "$work/lo.err"; fail "$f: page 2"; }
done

# sheets printed for a roster: the candidate's name and id on the sheet,
# the id in the QR code and no id bubbles.  Scanned in reverse order (the
# pages of a sheet apart), each sheet is still whole, under its roster id
# with its leading zeros, and grades as typed (a two-page sheet).
printf 'id,name\n0001,张三\n0002,李四\n0103,王五\n' >"$work/roster.csv"
"$EXAMGEN" build "$root/templates/cs-director-interview.yaml" --seed 11 \
	--forms 1 --roster "$work/roster.csv" --format pdf --out "$work/ro" \
	>/dev/null 2>&1
mkdir "$work/rs"
"$SCANSIM" "$work"/ro/*-A.key.yaml "$work/rs" seed=5 marks=dark rotate=2 \
	noise=4 flip=mixed print="$(ls "$work"/ro/*.print.pdf)"
"$EXAMGEN" scan --key "$work/ro" $(ls -r "$work"/rs/page-*.png) \
	>"$work/rs.csv" 2>"$work/rs.err" || { cat "$work/rs.err"; fail "roster"; }
[ "$(cut -d, -f1 "$work/rs.csv" | tail -n +2 | sort | tr '\n' ' ')" = \
	"0001 0002 0103 " ] || fail "roster ids: $(cut -d, -f1 "$work/rs.csv")"
python3 "$here/evaluate.py" "$work/rs" "$work/rs.csv" dark >/dev/null ||
	fail "roster sheets misread"
"$EXAMGEN" grade --key "$work/ro" "$work/rs.csv" 2>/dev/null |
	sort >"$work/rs.scanned" || true
"$EXAMGEN" grade --key "$work/ro" "$work/rs/truth.csv" 2>/dev/null |
	sort >"$work/rs.typed" || true
cmp "$work/rs.scanned" "$work/rs.typed" ||
	fail "roster sheets grade differently from the typed answers"

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
# light score marks: every doubt is one criterion (N.k) in the review
# workbook; decided, the grade is that of the typed scores
mkdir "$work/ml"
"$SCANSIM" "$work"/m/*-A.key.yaml "$work/ml" seed=4 sheets=1 marks=light \
	rotate=1 noise=4
set +e
"$EXAMGEN" scan --key "$work/mk" --review "$work/mlr" "$work"/ml/page-*.png \
	>/dev/null 2>"$work/ml.err"
set -e
grep -q "question [0-9]* criterion [0-9]*: .*written '?" "$work/ml.err" ||
	{ cat "$work/ml.err"; fail "no criterion doubts from light marks"; }
python3 "$here/decide.py" "$work/mlr/review.xlsx" "$work/ml" \
	"$work/ml.xlsx" >/dev/null
"$EXAMGEN" grade --key "$work/mk" "$work/ml.xlsx" >"$work/ml.scanned" \
	2>/dev/null || fail "reviewed criterion scores still flagged"
"$EXAMGEN" grade --key "$work/mk" "$work/ml/truth.csv" >"$work/ml.typed" \
	2>/dev/null || true
cmp "$work/ml.scanned" "$work/ml.typed" ||
	fail "reviewed criterion scores grade differently from the typed"
# with both forms loaded (their essays differ) still the criterion columns
"$EXAMGEN" scan --key "$work/m" "$work"/ms/page-*.png >"$work/m2.csv" \
	2>/dev/null || fail "manager scan, two forms"
python3 "$here/evaluate.py" "$work/ms" "$work/m2.csv" dark >/dev/null ||
	fail "criterion columns of two forms misread"

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
