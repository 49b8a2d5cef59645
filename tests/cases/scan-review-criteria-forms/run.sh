# The manager paper's two forms disagree about most essays' rubrics (form
# A's question 10 has other criteria than form B's).  Form B's sheets,
# score marks drawn lightly, scanned with both keys loaded.
set -eu
"$EXAMGEN" build "$ROOT/templates/cs-manager-60-60-60.yaml" --seed 5 \
	--format pdf --out k >/dev/null 2>&1
mkdir s
"$SCANSIM" k/CSM-2026-B.key.yaml s seed=7 sheets=2 marks=light rotate=1 dpi=150 \
	noise=10 >/dev/null
# exit 1: there are marks to review
set +e
"$EXAMGEN" scan --key k --review r --out scan.csv s/page-*.png 2>scan.err
test $? -eq 1
