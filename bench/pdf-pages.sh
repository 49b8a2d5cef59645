#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# PDF typesetting speed: pages per second of `examgen build --format pdf`
# (papers with their answer sheets and guides, every form) per template.
#   sh bench/pdf-pages.sh [EXAMGEN] [TEMPLATE...]
# Defaults: build/examgen and every templates/*.yaml.  Timing uses
# hyperfine (10 runs, 1 warm-up) when installed, else the mean of 10 runs
# of date +%s%N.  Prints one line per template and a total: wall-clock
# seconds per build and pages per second, and (hyperfine only) pages per
# CPU second (user + system), which is steadier on a busy machine.
set -eu
exe=${1:-build/examgen}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- templates/*.yaml
command -v pdfinfo >/dev/null || { echo "pdf-pages: needs pdfinfo" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=10
printf '%-30s %6s %9s %9s %11s\n' template pages seconds pages/s \
	pages/cpu-s
all_pages=0 all_secs=0 all_cpu=0
# One result line: template, pages, seconds, CPU seconds.
row() {
	awk -v t="$1" -v p="$2" -v s="$3" -v c="$4" 'BEGIN {
		r = "-"
		if (c > 0)
			r = sprintf("%.1f", p / c)
		printf "%-30s %6d %9.3f %9.1f %11s\n", t, p, s, p / s, r
	}'
}
for t in "$@"; do
	name=$(basename "$t" .yaml)
	"$exe" build "$t" --seed 1 --format pdf --out "$tmp/$name" \
		>/dev/null 2>&1
	pages=0
	for f in "$tmp/$name"/*.pdf; do
		n=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
		pages=$((pages + n))
	done
	cmd="$exe build $t --seed 1 --format pdf --out $tmp/$name --force"
	if command -v hyperfine >/dev/null; then
		hyperfine -N -w 1 -r $runs --export-json "$tmp/h.json" "$cmd" \
			>/dev/null 2>&1
		field() {
			sed -n "s/^ *\"$1\": *\([0-9.e-]*\),*\$/\1/p" \
				"$tmp/h.json" | head -1
		}
		secs=$(field mean)
		cpu=$(awk -v u="$(field user)" -v s="$(field system)" \
			'BEGIN { print u + s }')
	else
		start=$(date +%s%N)
		i=0
		while [ $i -lt $runs ]; do
			$cmd >/dev/null 2>&1
			i=$((i + 1))
		done
		secs=$(awk -v a="$start" -v b="$(date +%s%N)" -v r=$runs \
			'BEGIN { printf "%.6f", (b - a) / 1e9 / r }')
		cpu=0
	fi
	row "$name" $pages "$secs" "$cpu"
	all_pages=$((all_pages + pages))
	all_secs=$(awk -v a="$all_secs" -v b="$secs" 'BEGIN { print a + b }')
	all_cpu=$(awk -v a="$all_cpu" -v b="$cpu" 'BEGIN { print a + b }')
done
row total $all_pages "$all_secs" "$all_cpu"
