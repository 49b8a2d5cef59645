#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/amc.sh - optional, not part of make bench or CI: the print
# benchmark's exam made by examgen and by Auto Multiple Choice, timed as
# paired runs in the same job.
#
#   sh bench/amc.sh path/to/examgen
#
# Needs auto-multiple-choice, and for Chinese xelatex with xeCJK
# (texlive-xetex, texlive-lang-chinese; about 3 GB with TeX Live, so
# install them yourself - they are not among the project's dependencies).
# Without AMC it says so and exits 0; without xeCJK it skips Chinese.
# Writes the 30 questions of bench/gen.py print (10 true/false, 15 single,
# 5 multiple choice) as AMC-TXT files - the Chinese one with xelatex, xeCJK
# and Noto Serif CJK SC, without which AMC drops every Chinese character -
# then, per language, runs in turns `examgen build --forms N --format pdf`
# and `auto-multiple-choice prepare --mode s` (subject, correction,
# catalog and layout for N copies), then `examgen build --format txt,html`
# (papers, guides, keys, sheets) and `auto-multiple-choice prepare --mode
# b` (AMC's scoring data), one warm-up round and ROUNDS timed rounds, and
# prints CPU (user + system, children included) min / median / max of
# each, the ratio of the medians and the range of the ratios pair by
# pair, then pages and PDF bytes.
#
# Environment: BENCH_DIR (work folder), AMC_ROUNDS (5), AMC_FORMS (100).
set -eu

die() {
	echo "amc: error: $*" >&2
	exit 2
}

[ $# -eq 1 ] || die "usage: sh bench/amc.sh EXAMGEN"
[ -x "$1" ] || die "'$1' is not an executable"
if ! command -v auto-multiple-choice >/dev/null; then
	echo "amc: auto-multiple-choice is not installed; skipped" >&2
	exit 0
fi
for tool in python3 pdfinfo /usr/bin/time; do
	command -v $tool >/dev/null || die "'$tool' is missing"
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXAMGEN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROUNDS=${AMC_ROUNDS:-5}
FORMS=${AMC_FORMS:-100}
W=${BENCH_DIR:-$ROOT/build-bench/data}/print/amc
mkdir -p "$W"
cd "$W"
langs=en
if kpsewhich xeCJK.sty >/dev/null 2>&1 && command -v xelatex >/dev/null
then
	langs="en zh"
else
	echo "amc: xelatex with xeCJK is not installed; Chinese skipped" >&2
fi

# pages FILE..., cpu OUT CMD...
. "$ROOT/bench/timing.sh"

rows=""
for lang in $langs; do
	python3 "$ROOT/bench/gen.py" print $lang .
	python3 - "print-$lang.bank.yaml" $lang >"$lang.txt" <<'PY'
import sys, yaml

bank = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
zh = sys.argv[2] == "zh"
print("# AMC-TXT source")
print("Title: " + ("客服专员招聘笔试(基准)" if zh else
                   "Customer service written test (benchmark)"))
if zh:
    print("LaTeXEngine: xelatex")
    print("LaTeX-Preambule: \\usepackage{xeCJK}"
          "\\setCJKmainfont{Noto Serif CJK SC}")
print()
for q in bank["questions"]:
    t = q["type"]
    if t == "true_false":
        print("* " + q["stem"])
        yes, no = ("对", "错") if zh else ("True", "False")
        print(("+ " if q["answer"] else "- ") + yes)
        print(("- " if q["answer"] else "+ ") + no)
    else:
        print(("** " if t == "multiple" else "* ") + q["stem"])
        right = q["answer"]
        for i, o in enumerate(q["options"]):
            print(("+ " if "ABCDE"[i] in right else "- ") + str(o))
    print()
PY
	engine=pdflatex
	[ $lang = zh ] && engine=xelatex
	rm -f eg-$lang.cpu amc-$lang.cpu egt-$lang.cpu amcb-$lang.cpu
	echo "amc: $lang, $FORMS copies, 1 + $ROUNDS rounds ..." >&2
	for r in $(seq 0 "$ROUNDS"); do
		rm -rf "eg-$lang" "egt-$lang" "amc-$lang" "amc-$lang-data"
		mkdir -p "amc-$lang" "amc-$lang-data"
		cpu eg-$lang.cpu "$EXAMGEN" build "print-$lang.yaml" --seed 1 \
			--forms "$FORMS" --format pdf --out "eg-$lang"
		cpu amc-$lang.cpu auto-multiple-choice prepare --mode s \
			--filter plain --with $engine --n-copies "$FORMS" \
			--prefix "amc-$lang/" --data "amc-$lang-data" \
			--out-sujet "amc-$lang/subject.pdf" \
			--out-corrige "amc-$lang/correction.pdf" \
			--out-catalog "amc-$lang/catalog.pdf" \
			--out-calage "amc-$lang/calage.xy" "$lang.txt"
		cpu egt-$lang.cpu "$EXAMGEN" build "print-$lang.yaml" --seed 1 \
			--forms "$FORMS" --format txt,html --out "egt-$lang"
		cpu amcb-$lang.cpu auto-multiple-choice prepare --mode b \
			--filter plain --with $engine --prefix "amc-$lang/" \
			--data "amc-$lang-data" "$lang.txt"
	done
	amc_pdfs="amc-$lang/subject.pdf amc-$lang/correction.pdf amc-$lang/catalog.pdf"
	# shellcheck disable=SC2086
	rows="$rows $lang:$(pages eg-$lang/*.pdf):$(cat eg-$lang/*.pdf | wc -c):$(cat eg-$lang/*.print.pdf eg-$lang/*.guide.pdf | wc -c):$(pages $amc_pdfs):$(cat $amc_pdfs | wc -c)"
done
python3 - "$FORMS" "$ROUNDS" $rows <<'PY'
import statistics, sys

forms, rounds = sys.argv[1], int(sys.argv[2])


def runs(path):
    v = [tuple(map(float, l.split())) for l in open(path)]
    return v[1:]          # the first pair is the warm-up


def mmm(v):
    return "%.2f / %.2f / %.2f s" % (min(v), statistics.median(v), max(v))


print("| %s copies | AMC CPU min / median / max | examgen CPU "
      "min / median / max | AMC / examgen (medians) | pair by pair |"
      % forms)
print("|---|---|---|---|---|")
sizes = []
work = (("eg", "amc", "`prepare --mode s` vs `build --format pdf`"),
        ("egt", "amcb", "`prepare --mode b` vs `build --format txt,html`"))
for row in sys.argv[3:]:
    lang, egp, egb, egpg, amcp, amcb = row.split(":")
    name = {"en": "English", "zh": "Chinese"}[lang]
    for e, a, what in work:
        ec = [x[0] for x in runs("%s-%s.cpu" % (e, lang))]
        ac = [x[0] for x in runs("%s-%s.cpu" % (a, lang))]
        pair = [x / y for x, y in zip(ac, ec)]
        print("| %s, %s (%d pairs) | %s | %s | %.2f× | %.2f×-%.2f× |"
              % (name, what, len(pair), mmm(ac), mmm(ec),
                 statistics.median(ac) / statistics.median(ec),
                 min(pair), max(pair)))
    sizes.append((name, egp, egb, egpg, amcp, amcb))
print()
print("| %s copies | examgen pages | examgen PDF bytes (all) | print + guide "
      "| AMC pages | AMC bytes (subject + correction + catalog) |" % forms)
print("|---|---|---|---|---|---|")
for name, egp, egb, egpg, amcp, amcb in sizes:
    print("| %s | %s | %.2f MB | %.2f MB | %s | %.2f MB |"
          % (name, egp, int(egb) / 1e6, int(egpg) / 1e6, amcp,
             int(amcb) / 1e6))
PY
