# The Chinese report lists the problems in Chinese with full-width
# punctuation (，：；（）？).
"$EXAMGEN" build t.yaml --seed 1 --out k --format txt >/dev/null 2>&1
printf 'candidate_id,name,form,1,2,3,4,5\n1,张三,A,T,A,ABC,4,9\n2,李四,A,F,E,AB,2,5\n3,王五,A,T,A,ABC,4,12\n' > s.csv
exec "$EXAMGEN" grade --key k --xlsx r.xlsx s.csv
