# scan writes the responses CSV, review.csv and review.xlsx all or none:
# here the workbook cannot be put in place (a folder is in the way), so
# the CSV and the list keep their earlier contents (the CSV used to be new
# and the workbook old).
"$EXAMGEN" build t.yaml --seed 1 --out k --format pdf >/dev/null 2>&1
mkdir s r r/review.xlsx
touch r/review.xlsx/keep
echo "old csv" >out.csv
echo "old list" >r/review.csv
"$SCANSIM" k/ZH-A.key.yaml s seed=3 sheets=2 marks=light dpi=150 noise=10 >/dev/null
exec "$EXAMGEN" scan --key k --review r --force --out out.csv s/page-*.png
