#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The scan accuracy and speed table (make bench): simulated stacks of
# every bundled template under each copier condition, read by examgen scan
# and compared with what was drawn.  Prints a Markdown table by condition
# and mark type, then pages per second on one core.
#   EXAMGEN=... SCANSIM=... sh tests/scan/bench.sh ROOT [SHEETS]
set -eu
root=$1
sheets=${2:-20}
: "${EXAMGEN:?}" "${SCANSIM:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# name and simulator settings of each condition
conditions="clean-200dpi:dpi=200
skew3-noise-200dpi:dpi=200,rotate=3,noise=8,offset=3
jpeg50-150dpi:dpi=150,rotate=2,jpeg=50,noise=4
blur-tone-200dpi:dpi=200,rotate=1,blur=1,tone=0.25,noise=5
scale-offset-300dpi:dpi=300,rotate=2,scale=0.03,offset=4,jpeg=90
upside-down-200dpi:dpi=200,rotate=3,flip=1,jpeg=75
worst-150dpi:dpi=150,rotate=3,noise=8,blur=1,jpeg=50,tone=0.2,offset=3,scale=0.03,flip=mixed"
echo "condition,mark,cells,right,review,misread" >"$work/all.csv"
seed=100
for t in "$root"/templates/*.yaml; do
	name=$(basename "$t" .yaml)
	"$EXAMGEN" build "$t" --seed 5 --format pdf --out "$work/$name" \
		>/dev/null 2>&1
	key=$(ls "$work/$name"/*-A.key.yaml)
	echo "$conditions" | while IFS=: read -r cond set; do
		seed=$((seed + 1))
		dir="$work/$name-$cond"
		mkdir "$dir"
		# shellcheck disable=SC2046
		"$SCANSIM" "$key" "$dir" seed=$seed sheets="$sheets" \
			marks=mixed $(echo "$set" | tr ',' ' ')
		"$EXAMGEN" scan --key "$work/$name" "$dir"/page-*.* \
			>"$dir/scan.csv" 2>"$dir/scan.err" || true
		if ! grep -q ", 0 pages not read" "$dir/scan.err"; then
			echo "$name $cond: pages not read" >&2
			grep -v warning "$dir/scan.err" >&2
		fi
		python3 "$here/evaluate.py" "$dir" "$dir/scan.csv" "$cond" \
			>>"$work/all.csv" || echo "$name $cond: MISREAD" >&2
		rm -f "$dir"/page-*
	done
done
python3 - "$work/all.csv" <<'PY'
import csv, sys
from collections import defaultdict
rows = list(csv.DictReader(open(sys.argv[1])))
conds = []
for r in rows:
    if r["condition"] not in conds:
        conds.append(r["condition"])
marks = ["empty", "dark", "medium", "light", "partial", "tick", "cross"]
agg = defaultdict(lambda: [0, 0, 0, 0])
for r in rows:
    a = agg[(r["condition"], r["mark"])]
    b = agg[("all", r["mark"])]
    for x in (a, b):
        x[0] += int(r["cells"]); x[1] += int(r["right"])
        x[2] += int(r["review"]); x[3] += int(r["misread"])
print("| condition | " + " | ".join(marks) + " | misread |")
print("|---" * (len(marks) + 2) + "|")
for c in conds + ["all"]:
    cells, wrong = [], 0
    for m in marks:
        n, right, rev, bad = agg[(c, m)]
        wrong += bad
        cells.append(f"{100 * right / n:.1f}% of {n} ({rev} rev)" if n
                     else "-")
    print(f"| {c} | " + " | ".join(cells) + f" | {wrong} |")
print()
print("Cells are questions answered with that mark type: the share read "
      "right without review, and how many went to review.")
PY
# speed: one core, 200 dpi PNG pages
mkdir "$work/speed"
key=$(ls "$work"/cs-specialist-written/*-A.key.yaml)
"$SCANSIM" "$key" "$work/speed" seed=1 sheets=25 marks=mixed rotate=2 \
	noise=4 jpeg=85 format=jpg
n=$(ls "$work"/speed/page-* | wc -l)
# CPU time of the scan (user + system), on one core
/usr/bin/time -f "%U %S %e" -o "$work/time" taskset -c 0 "$EXAMGEN" scan \
	--key "$work/cs-specialist-written" "$work"/speed/page-* \
	>/dev/null 2>&1 || true
python3 -c "import sys; n = int(sys.argv[1]); u, s, e = map(float, \
open(sys.argv[2]).read().split()[-3:]); print(f'\nspeed: {n} pages \
(200 dpi JPEG) in {u + s:.2f} s of CPU on one core ({e:.2f} s wall): \
{n / (u + s):.1f} pages/s')" "$n" "$work/time"
