# The manager paper graded for four candidates.
set -eu
"$EXAMGEN" build "$ROOT/templates/cs-manager-60-60-60.yaml" --seed 5 \
	--format pdf --out k >/dev/null 2>&1
mkdir s
"$SCANSIM" k/CSM-2026-A.key.yaml s seed=3 sheets=4 marks=dark >/dev/null
"$EXAMGEN" grade --key k s/truth.csv --xlsx r.xlsx >/dev/null 2>&1
