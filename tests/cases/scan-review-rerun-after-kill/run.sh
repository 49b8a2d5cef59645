# A scan --review killed after it wrote its crops and before its review.csv
# and review.xlsx: the crops stay in the folder.  The rerun replaces them
# and writes every output (it used to stop at the first crop, exit 3, and
# say a sheet lacked a page).
"$EXAMGEN" build t.yaml --seed 1 --out k --format pdf >/dev/null 2>&1
mkdir s
"$SCANSIM" k/ZH-A.key.yaml s seed=3 sheets=2 marks=light dpi=150 noise=10 >/dev/null
"$EXAMGEN" scan --key k --review r --out first.csv s/page-*.png 2>/dev/null
ls r/*.png >/dev/null || exit 9
rm r/review.csv r/review.xlsx
exec "$EXAMGEN" scan --key k --review r --out scan.csv s/page-*.png
