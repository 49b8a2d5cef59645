# Sheets printed for a roster, filled in and scanned: every row of the
# scan CSV carries the candidate's roster name (from the build's
# responses.csv beside the keys), and so do grade's outputs.
set -eu
"$EXAMGEN" build t.yaml --seed 1 --forms 2 --roster roster.csv --out k \
	--format pdf >/dev/null 2>&1
mkdir s
"$SCANSIM" k/ZH-A.key.yaml s seed=3 marks=dark print=k/ZH.print.pdf \
	>/dev/null
"$EXAMGEN" scan --key k --review r --out scan.csv s/page-*.png 2>/dev/null
