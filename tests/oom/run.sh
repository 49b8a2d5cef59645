#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Out-of-memory fault injection: for a validate, a build, a grade run, a
# scan with a review workbook and the grading of a reviewed workbook, count the allocations examgen's own code makes, then run again once for
# every N, making the Nth allocation fail (tests/oom/failmalloc.c, preloaded).
# Each run must: exit 3 (never a crash or another code), say "out of memory" (the one failure reported once)
# on standard error, free everything it allocated (no leak), and leave no
# temporary file behind.
# usage: run.sh EXAMGEN FAILMALLOC_SO SCANSIM
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shim=$2
scansim=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
runs=0 failed=0

# The sheets to grade: a build with a roster, answers filled in.
"$exe" build "$top/templates/cs-manager-60-60-60.yaml" --seed 1 --format txt \
	--roster "$top/docs/examples/roster.csv" --out "$scratch/keys" >/dev/null 2>&1 &&
	python3 "$top/scripts/fill-demo.py" "$scratch/keys" "$scratch/filled.csv" || {
	echo "FAIL oom: cannot prepare the sheets to grade"
	exit 1
}

# The pages to scan: two sheets with light marks (so some are doubtful and
# the review workbook lists them) of a small paper.
cases=$top/tests/cases
cp "$cases/scan-review-reasons-zh/bank.yaml" "$cases/scan-review-reasons-zh/t.yaml" \
	"$scratch/" && mkdir "$scratch/pages" &&
	(cd "$scratch" && "$exe" build t.yaml --seed 1 --out scankeys --format pdf) \
		>/dev/null 2>&1 &&
	"$scansim" "$scratch/scankeys/ZH-A.key.yaml" "$scratch/pages" seed=3 sheets=2 \
		marks=light dpi=150 noise=10 >/dev/null || {
	echo "FAIL oom: cannot prepare the pages to scan"
	exit 1
}

# One run of scenario $1 with allocation $2 failing (0: none), in folder $3.
run() {
	case $1 in
	validate) set -- "$1" "$2" "$3" validate "$top"/templates/*.yaml ;;
	build) set -- "$1" "$2" "$3" build "$top/templates/cs-manager-60-60-60.yaml" \
		--seed 7 --forms 2 --format txt,md,html \
		--roster "$top/docs/examples/roster.csv" --out "$3/out" ;;
	grade) set -- "$1" "$2" "$3" grade --key "$scratch/keys" --xlsx "$3/r.xlsx" \
		--json "$3/r.json" --csv "$3/r.csv" "$scratch/filled.csv" ;;
	scan) set -- "$1" "$2" "$3" scan --key "$scratch/scankeys" --review "$3/review" \
		--out "$3/scan.csv" "$scratch"/pages/page-*.png ;;
	review) set -- "$1" "$2" "$3" grade --key "$cases/grade-xlsx-review/CSM-A.key.yaml" \
		--json "$3/r.json" --csv "$3/r.csv" "$cases/grade-xlsx-review/review.xlsx" ;;
	esac
	fail=$2 dir=$3
	shift 3
	FAILMALLOC_FAIL=$fail FAILMALLOC_REPORT="$dir/report" LD_PRELOAD="$shim" \
		"$exe" "$@" >"$dir/stdout" 2>"$dir/stderr"
	echo $? >"$dir/status"
}

for scenario in ${OOM_SCENARIOS:-validate build grade scan review}; do
	mkdir -p "$scratch/$scenario-0"
	run "$scenario" 0 "$scratch/$scenario-0"
	total=$(sed -n 's/^allocations \([0-9]*\) .*/\1/p' "$scratch/$scenario-0/report")
	if [ -z "$total" ] || [ "$(cat "$scratch/$scenario-0/status")" -ge 2 ]; then
		echo "FAIL oom: $scenario does not run without fault injection"
		cat "$scratch/$scenario-0/stderr"
		exit 1
	fi
	errors0=$(grep -c 'error:' "$scratch/$scenario-0/stderr")
	n=1
	while [ "$n" -le "$total" ]; do
		d=$scratch/$scenario-$n
		mkdir -p "$d"
		run "$scenario" "$n" "$d"
		runs=$((runs + 1))
		st=$(cat "$d/status")
		why=""
		[ "$st" = 3 ] || why="exit $st, expected 3"
		grep -qE "out of memory|cannot allocate memory" "$d/stderr" || why="$why; no 'out of memory' message"
		grep -q "leaked 0\$" "$d/report" 2>/dev/null || why="$why; $(cat "$d/report" 2>/dev/null || echo 'no report')"
		left=$(find "$d" -name '.*' 2>/dev/null)
		[ -z "$left" ] || why="$why; temporaries left: $left"
		# the failure is reported once: no more error lines than the
		# input's own problems (the run without a failure) and one
		[ "$(grep -c 'error:' "$d/stderr")" -gt $((errors0 + 1)) ] &&
			why="$why; the one failure reported more than once"
		if [ -n "$why" ]; then
			echo "FAIL oom: $scenario, allocation $n of $total failing: ${why#; }"
			head -5 "$d/stderr"
			failed=$((failed + 1))
		fi
		rm -rf "$d"
		n=$((n + 1))
	done
	echo "oom: $scenario: $total allocations, each made to fail once"
done
echo "oom: $((runs - failed)) passed, $failed failed"
[ $failed = 0 ]
