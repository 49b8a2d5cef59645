#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/print.sh - the print benchmark (part of make bench).
#
#   sh bench/print.sh path/to/examgen
#
# A 30-question written test (10 true/false, 15 single, 5 multiple choice;
# bench/gen.py print) in English and in Chinese, built as 100 forms with
# --format pdf: the print file (100 papers with their answer sheets) and
# the guide file (100 guides).  Reports CPU (user + system, mean), wall
# (fastest), pages and PDF bytes, each beside the baseline measured in the
# same run: bench/base_pdf.c writing as many pages of text (30 lines a
# page) into one PDF with the same fonts, and nothing else.  Runs the build
# twice more to check that the bytes do not change.
#
# Environment: BENCH_DIR (work folder), BENCH_RUNS (hyperfine runs, 5),
# PRINT_FORMS (100), PRINT_BEFORE (another examgen binary, e.g. an older
# release, timed in the same run on the same job and shown as a row of its
# own).
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
for tool in hyperfine python3 cc pkg-config pdfinfo; do
	command -v $tool >/dev/null || die "'$tool' is missing (make deps)"
done
mkdir -p "$W"
cd "$W"
if [ ! -x base_pdf ] || [ "$ROOT/bench/base_pdf.c" -nt base_pdf ]; then
	# shellcheck disable=SC2046
	cc -std=c17 -O2 -o base_pdf "$ROOT/bench/base_pdf.c" \
		$(pkg-config --cflags --libs pangocairo cairo-pdf) ||
		die "cannot compile bench/base_pdf.c"
fi

# pages DIR: the pages of every PDF in DIR
pages() {
	n=0
	for f in "$1"/*.pdf; do
		n=$((n + $(pdfinfo "$f" | sed -n 's/^Pages: *//p')))
	done
	echo $n
}

# bytes DIR: the bytes of every PDF in DIR
bytes() {
	cat "$1"/*.pdf | wc -c
}

BEFORE=${PRINT_BEFORE:-}
rows=""
for lang in en zh; do
	python3 "$ROOT/bench/gen.py" print $lang .
	echo "bench: print ($lang, $FORMS forms) ..." >&2
	build="$EXAMGEN build print-$lang.yaml --seed 1 --forms $FORMS --format pdf --force"
	$build --out $lang >/dev/null 2>&1 || die "examgen build failed"
	n=$(pages $lang)
	b=$(bytes $lang)
	# byte-identical rebuilds
	$build --out $lang-again >/dev/null 2>&1 || die "examgen build failed"
	for f in $lang/*.pdf; do
		cmp -s "$f" "$lang-again/${f#$lang/}" ||
			die "'$f' differs between two builds with one seed"
	done
	hyperfine -N --style none --warmup 1 --runs "$RUNS" \
		--export-json print-$lang.json \
		"$build --out $lang" "./base_pdf base-$lang.pdf $n 30 $lang" \
		>/dev/null 2>hf.err || { cat hf.err >&2; die "hyperfine failed"; }
	bb=$(wc -c <base-$lang.pdf)
	rows="$rows $lang:$n:$b:$bb:print-$lang.json:0"
	if [ -n "$BEFORE" ]; then
		old="$BEFORE build print-$lang.yaml --seed 1 --forms $FORMS --format pdf --force"
		rm -rf before-$lang
		$old --out before-$lang >/dev/null 2>&1 || die "'$BEFORE' failed"
		hyperfine -N --style none --warmup 1 --runs "$RUNS" \
			--export-json before-$lang.json \
			"$old --out before-$lang" \
			"./base_pdf base-$lang.pdf $n 30 $lang" \
			>/dev/null 2>hf.err || { cat hf.err >&2; die "hyperfine failed"; }
		rows="$rows $lang-before:$(pages before-$lang):$(bytes before-$lang):$bb:before-$lang.json:1"
	fi
done
python3 - $FORMS $rows <<'PY'
import json, sys

forms = int(sys.argv[1])
print("| %d forms, pdf | examgen CPU | wall | base CPU | wall | CPU ratio | pages | PDF bytes | base bytes | bytes ratio |" % forms)
print("|---|---|---|---|---|---|---|---|---|---|")
for row in sys.argv[2:]:
    lang, pages, b, bb, js, before = row.split(":")
    r = json.load(open(js))["results"]
    cpu = [x["user"] + x["system"] for x in r]
    wall = [x["min"] for x in r]
    name = {"en": "English", "zh": "Chinese"}[lang.split("-")[0]]
    if before == "1":
        name += " (PRINT_BEFORE)"
    print("| %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f | %s | %.2f MB | %.2f MB | %.2f |"
          % (name, cpu[0], wall[0],
             cpu[1], wall[1], cpu[0] / cpu[1], pages, int(b) / 1e6,
             int(bb) / 1e6, int(b) / int(bb)))
PY
