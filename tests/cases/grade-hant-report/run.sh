# A zh-Hant paper: its key says so, and grade's report and --bom CSV are
# in Traditional script (labels, results and problems), while the CSV for
# scripts keeps SPEC's header.
"$EXAMGEN" build t.yaml --seed 1 --out k --format txt >/dev/null 2>&1
printf 'candidate_id,name,form,1,2,3,4,5\n1,張三,A,T,A,ABC,4,9\n2,李四,A,F,E,AB,2,5\n' > s.csv
"$EXAMGEN" grade --key k --csv - s.csv
exec "$EXAMGEN" grade --key k --xlsx r.xlsx --bom --csv people.csv s.csv
