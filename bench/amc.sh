#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/amc.sh - optional, not part of make bench or CI: the print
# benchmark's exam made with Auto Multiple Choice, for comparison.
#
#   sh bench/amc.sh [FORMS]          (default 100 copies)
#
# Needs auto-multiple-choice and, for Chinese, texlive-lang-chinese (about
# 3 GB with TeX Live; install them yourself).  Writes the same 30 questions
# as bench/gen.py print (in build-bench/data/print) as AMC-TXT files - the
# Chinese one with xelatex + xeCJK and Noto Serif CJK SC, without which AMC
# drops every Chinese character - and times `auto-multiple-choice prepare
# --mode s` (subject, correction and layout for FORMS copies) for each.
set -eu
command -v auto-multiple-choice >/dev/null ||
	{ echo "amc: auto-multiple-choice is not installed" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FORMS=${1:-100}
W=${BENCH_DIR:-$ROOT/build-bench/data}/print/amc
mkdir -p "$W"
cd "$W"
for lang in en zh; do
	python3 "$ROOT/bench/gen.py" print $lang ..
	python3 - "../print-$lang.bank.yaml" $lang >"$lang.txt" <<'PY'
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
	mkdir -p "$lang"
	echo "amc: $lang, $FORMS copies" >&2
	/usr/bin/time -f "amc $lang: %U s user, %S s system, %e s wall" \
		auto-multiple-choice prepare --mode s --filter plain \
		--with "$([ $lang = zh ] && echo xelatex || echo pdflatex)" \
		--n-copies "$FORMS" --prefix "$lang/" \
		--out-sujet "$lang/subject.pdf" --out-corrige "$lang/correction.pdf" \
		--out-calage "$lang/calage.xy" "$lang.txt" >/dev/null
	cat "$lang"/*.pdf | wc -c | sed "s/^/amc $lang: PDF bytes /"
done
