# A zh-Hant paper's sheets, marks drawn lightly, scanned for review.
"$EXAMGEN" build t.yaml --seed 1 --out k --format pdf >/dev/null 2>&1
mkdir s
"$SCANSIM" k/HT-A.key.yaml s seed=3 sheets=2 marks=light dpi=150 noise=10 >/dev/null
exec "$EXAMGEN" scan --key k --review r --out scan.csv s/page-*.png
