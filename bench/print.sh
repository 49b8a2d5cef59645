#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/print.sh - the print benchmark (part of make bench).
#
#   sh bench/print.sh path/to/examgen
#
# A 30-question written test (10 true/false, 15 single, 5 multiple choice;
# bench/gen.py print) in English and in Chinese, built as 100 forms with
# --format pdf: the print file (100 papers with their answer sheets), the
# guide file (100 guides) and the 100 answer sheets alone.  The build and
# the baseline - bench/base_pdf.c writing as many pages of text (30 lines a
# page) into one PDF with the same fonts, and nothing else - run in turns
# (paired runs: one warm-up round, then BENCH_RUNS rounds), each under
# /usr/bin/time; reported are CPU (user + system) min / median / max, the
# fastest wall time, the ratio of the medians, pages and PDF bytes (all
# files, and the print and guide files alone).  Runs the build twice more
# to check that the bytes do not change.
#
# Environment: BENCH_DIR (work folder), BENCH_RUNS (rounds, 5),
# PRINT_FORMS (100), PRINT_BEFORE (another examgen binary, e.g. an older
# release, run in the same rounds on the same job and shown as rows of
# its own, with its ratio to this one).
set -eu

die() {
	echo "bench: error: $*" >&2
	exit 2
}

[ $# -eq 1 ] || die "usage: sh bench/print.sh EXAMGEN"
[ -x "$1" ] || die "'$1' is not an executable"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXAMGEN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
W=${BENCH_DIR:-$ROOT/build-bench/data}/print
RUNS=${BENCH_RUNS:-5}
FORMS=${PRINT_FORMS:-100}
BEFORE=${PRINT_BEFORE:-}
for tool in python3 cc pkg-config pdfinfo /usr/bin/time; do
	command -v $tool >/dev/null || die "'$tool' is missing (make deps)"
done
[ -z "$BEFORE" ] || [ -x "$BEFORE" ] || die "'$BEFORE' is not an executable"
mkdir -p "$W"
cd "$W"
if [ ! -x base_pdf ] || [ "$ROOT/bench/base_pdf.c" -nt base_pdf ]; then
	# shellcheck disable=SC2046
	cc -std=c17 -O2 -o base_pdf "$ROOT/bench/base_pdf.c" \
		$(pkg-config --cflags --libs pangocairo cairo-pdf) ||
		die "cannot compile bench/base_pdf.c"
fi

# pages FILE..., cpu OUT CMD...
. "$ROOT/bench/timing.sh"

rows=""
for lang in en zh; do
	python3 "$ROOT/bench/gen.py" print $lang .
	echo "bench: print ($lang, $FORMS forms, 1 + $RUNS rounds) ..." >&2
	set -- build print-$lang.yaml --seed 1 --forms "$FORMS" --format pdf
	rm -rf $lang $lang-again
	"$EXAMGEN" "$@" --out $lang >/dev/null 2>&1 ||
		die "examgen build failed"
	n=$(pages $lang/*.pdf)
	# byte-identical rebuilds
	"$EXAMGEN" "$@" --out $lang-again >/dev/null 2>&1 ||
		die "examgen build failed"
	for f in $lang/*.pdf; do
		cmp -s "$f" "$lang-again/${f#$lang/}" ||
			die "'$f' differs between two builds with one seed"
	done
	rm -f eg-$lang.cpu base-$lang.cpu before-$lang.cpu
	for r in $(seq 0 "$RUNS"); do
		cpu eg-$lang.cpu "$EXAMGEN" "$@" --force --out $lang
		cpu base-$lang.cpu ./base_pdf base-$lang.pdf "$n" 30 $lang
		if [ -n "$BEFORE" ]; then
			cpu before-$lang.cpu "$BEFORE" "$@" --force \
				--out before-$lang
		fi
	done
	row="$lang:$n:$(cat $lang/*.pdf | wc -c)"
	row="$row:$(cat $lang/*.print.pdf $lang/*.guide.pdf | wc -c)"
	row="$row:$(wc -c <base-$lang.pdf)"
	if [ -n "$BEFORE" ]; then
		row="$row:$(pages before-$lang/*.pdf):$(cat before-$lang/*.pdf | wc -c)"
		row="$row:$(cat before-$lang/*.print.pdf before-$lang/*.guide.pdf | wc -c)"
	fi
	rows="$rows $row"
done
python3 - "$FORMS" $rows <<'PY'
import statistics, sys

forms = int(sys.argv[1])


def runs(path):
    v = [tuple(map(float, l.split())) for l in open(path)]
    return v[1:]          # the first round is the warm-up


def mmm(v):
    return "%.2f / %.2f / %.2f s" % (min(v), statistics.median(v), max(v))


print("| %d forms, pdf | CPU min / median / max | fastest wall | base CPU "
      "median | CPU ratio (medians) | pages | PDF bytes (all) | print + "
      "guide | base bytes |" % forms)
print("|---|---|---|---|---|---|---|---|---|")
for row in sys.argv[2:]:
    f = row.split(":")
    lang, n, b, pg, bb = f[0], f[1], int(f[2]), int(f[3]), int(f[4])
    name = {"en": "English", "zh": "Chinese"}[lang]
    eg, base = runs("eg-%s.cpu" % lang), runs("base-%s.cpu" % lang)
    ec, bc = [x[0] for x in eg], [x[0] for x in base]
    bmed = statistics.median(bc)
    print("| %s | %s | %.2f s | %.2f s | %.2f | %s | %.2f MB | %.2f MB | "
          "%.2f MB |" % (name, mmm(ec), min(x[1] for x in eg), bmed,
                          statistics.median(ec) / bmed, n, b / 1e6, pg / 1e6,
                          bb / 1e6))
    if len(f) > 5:
        old = runs("before-%s.cpu" % lang)
        oc = [x[0] for x in old]
        pair = [o / e for o, e in zip(oc, ec)]
        print("| %s, PRINT_BEFORE | %s | %.2f s | %.2f s | %.2f | %s | "
              "%.2f MB | %.2f MB | %.2f MB |"
              % (name, mmm(oc), min(x[1] for x in old), bmed,
                 statistics.median(oc) / bmed, f[5], int(f[6]) / 1e6,
                 int(f[7]) / 1e6, bb / 1e6))
        print("| %s: PRINT_BEFORE / this, CPU | %.2f× (medians), %.2f×-%.2f× "
              "pair by pair | | | | | %.2f× bytes (all) | %.2f× | |"
              % (name, statistics.median(oc) / statistics.median(ec),
                 min(pair), max(pair), int(f[6]) / b, int(f[7]) / pg))
PY
