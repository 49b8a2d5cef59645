#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/run.sh - the examgen benchmark table (make bench).
#
#   sh bench/run.sh path/to/examgen
#
# Generates deterministic inputs with bench/gen.py under $BENCH_DIR (default
# build-bench/data, reused while gen.py is unchanged), builds the baseline
# programs bench/base_yaml.c and bench/base_xlsx.c with cc and pkg-config,
# times every task and its baseline in the same run with hyperfine, and
# measures peak memory with /usr/bin/time.  Everything runs pinned to one
# core (taskset -c 0) when taskset exists.  See docs/performance.md.
#
# Environment: BENCH_DIR (work folder), BENCH_RUNS (hyperfine runs, 5),
# BENCH_QUESTIONS (100000), BENCH_CANDIDATES (100000), BENCH_RECORD=1
# (record this run's figures in bench/recorded.json), BENCH_GUARD=1 (exit 1
# when a figure is more than 20 % worse than the recorded one).
set -eu

die() {
	echo "bench: error: $*" >&2
	exit 2
}

[ $# -eq 1 ] || die "usage: sh bench/run.sh EXAMGEN"
[ -x "$1" ] || die "'$1' is not an executable"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXAMGEN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
W=${BENCH_DIR:-$ROOT/build-bench/data}
RUNS=${BENCH_RUNS:-5}
NQ=${BENCH_QUESTIONS:-100000}
NC=${BENCH_CANDIDATES:-100000}
FORMS=1000		# forms built in one run
for tool in hyperfine python3 cc pkg-config; do
	command -v $tool >/dev/null || die "'$tool' is missing (make deps)"
done
[ -x /usr/bin/time ] || die "'/usr/bin/time' is missing (make deps)"
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
mkdir -p "$W"
cd "$W"

# --- baselines --------------------------------------------------------
for b in base_yaml base_xlsx; do
	if [ ! -x $b ] || [ "$ROOT/bench/$b.c" -nt $b ]; then
		# shellcheck disable=SC2046
		cc -std=c17 -O2 -o $b "$ROOT/bench/$b.c" \
			$(pkg-config --cflags --libs yaml-0.1 xlsxwriter) ||
			die "cannot compile bench/$b.c"
	fi
done

# --- inputs (deterministic; regenerated when gen.py or sizes change) ---
GEN="python3 $ROOT/bench/gen.py"
stamp="$(cksum <"$ROOT/bench/gen.py") $NQ $NC $(cksum <"$EXAMGEN")"
if [ ! -f stamp ] || [ "$(cat stamp)" != "$stamp" ]; then
	echo "bench: generating inputs in $W ..." >&2
	rm -rf keys stamp
	$GEN bank "$NQ" bank-big.yaml
	$GEN bank 10000 bank-10k.yaml --seed 2
	$GEN templates bank-10k.yaml .
	"$EXAMGEN" build bench-written.yaml --seed 7 --out keys \
		--format txt >/dev/null 2>&1 || die "examgen build failed"
	$GEN sheets keys "$NC" sheets.csv
	# a roster whose last row repeats an id: build reads and checks every
	# row, reports the one problem and writes nothing
	$GEN roster $((NC - 1)) roster.csv
	tail -n 1 roster.csv >>roster.csv
	echo "$stamp" >stamp
fi

# /usr/bin/time prefix that appends the peak resident KB of each run to
# mem-$1.out; peak NAME prints the largest.
MEM="/usr/bin/time -f %M -a -o"
peak() {
	sort -n "mem-$1.out" | tail -n 1
}
rm -f mem-*.out

# Fastest wall time, mean CPU (user + system) and mean user seconds of
# result $2 in hyperfine JSON $1, as "WALL/CPU/USER".
mean() {
	python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print("%.6f/%.6f/%.6f" % (r["min"], r["user"] + r["system"], r["user"]))' \
		"$1" "$2"
}

# hyperfine quietly: its notes on outliers go to hf.err, shown on failure
hf() {
	hyperfine --style none "$@" >/dev/null 2>hf.err ||
		{ cat hf.err >&2; die "a benchmark command failed"; }
}
HF="hf -N --warmup 1 --runs $RUNS"

echo "bench: validate ..." >&2
$HF --export-json validate.json \
	"$MEM mem-validate.out $PIN $EXAMGEN validate --bank bank-big.yaml" \
	"$PIN ./base_yaml bank-big.yaml" \
	"$PIN cat bank-big.yaml"
bank_bytes=$(wc -c <bank-big.yaml)

echo "bench: build ..." >&2
# 1,000 forms in one run, into a fresh folder as for a new paper; the
# baseline parses the same bank with libyaml and copies the same files
hf --runs 3 --prepare "rm -rf out; sync" --export-json build.json \
	"$PIN $EXAMGEN build bench-606060.yaml --seed 1 --forms $FORMS --format txt,html --out out"
hf --runs 3 --prepare "rm -rf copy; sync" --export-json build-base.json \
	"$PIN sh -c './base_yaml bank-10k.yaml >/dev/null && cp -r out copy'"
hf --runs 3 --prepare "rm -rf one; sync" --export-json build1.json \
	"$PIN $EXAMGEN build bench-606060.yaml --seed 1 --forms 1 --format txt,html --out one"

echo "bench: roster ..." >&2
$HF -i --export-json roster.json \
	"$PIN $EXAMGEN build bench-written.yaml --seed 7 --roster roster.csv --format txt --out roster-out" \
	"$PIN wc -l roster.csv"

echo "bench: grade ..." >&2
$HF --export-json grade.json \
	"$PIN $EXAMGEN grade --key keys --csv grade.csv --force sheets.csv" \
	"$PIN sh -c 'cat sheets.csv >grade-cat.csv; wc sheets.csv'"
# the xlsx baseline writes as many text, number and formula cells as the
# report examgen wrote (counted once per examgen binary and inputs)
if [ ! -f cells ] || [ "$(head -n 1 cells)" != "$stamp" ]; then
	$EXAMGEN grade --key keys --xlsx report.xlsx --force sheets.csv \
		>/dev/null 2>&1 || die "examgen grade --xlsx failed"
	echo "$stamp" >cells
	unzip -p report.xlsx 'xl/worksheets/sheet*.xml' | tr '<' '\n' |
		awk '/^c / { if (/ t="(s|inlineStr)"/) s++; else n++; next }
		     /^f>/ { f++ }
		     END { printf "%d %d %d\n", s, n - f, f }' >>cells
fi
# shellcheck disable=SC2046
set -- $(tail -n 1 cells)
# two runs each, no warm-up: a run takes seconds, the files are cached
hf -N --runs 2 --export-json xlsx.json \
	"$MEM mem-xlsx.out $PIN $EXAMGEN grade --key keys --xlsx report.xlsx --force sheets.csv" \
	"$MEM mem-base-xlsx.out $PIN ./base_xlsx base.xlsx $1 $2 $3"

# the guard: each figure against the last recorded one (bench/recorded.json);
# BENCH_RECORD=1 records this run's figures instead, BENCH_GUARD=1 makes a
# figure more than 20 % worse fail the run
guard="--compare $ROOT/bench/recorded.json"
[ "${BENCH_RECORD:-0}" = 1 ] && guard="--record $ROOT/bench/recorded.json"
[ "${BENCH_GUARD:-0}" = 1 ] && guard="--guard $guard"
# shellcheck disable=SC2086
python3 "$ROOT/bench/table.py" $guard \
	"validate=$(mean validate.json 0)" "base_yaml=$(mean validate.json 1)" \
	"cat_bank=$(mean validate.json 2)" \
	"mem_validate=$(peak validate)" "bank_bytes=$bank_bytes" \
	"nq=$NQ" "nc=$NC" "forms=$FORMS" \
	"build_k=$(mean build.json 0)" "build_base=$(mean build-base.json 0)" \
	"build_1=$(mean build1.json 0)" \
	"roster=$(mean roster.json 0)" "wc_roster=$(mean roster.json 1)" \
	"grade_csv=$(mean grade.json 0)" "cat_sheets=$(mean grade.json 1)" \
	"grade_xlsx=$(mean xlsx.json 0)" "base_xlsx=$(mean xlsx.json 1)" \
	"mem_xlsx=$(peak xlsx)" "mem_base_xlsx=$(peak base-xlsx)" \
	"cells=$1+$2+$3" "sheet_bytes=$(wc -c <sheets.csv)"
