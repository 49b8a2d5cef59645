# Keys of seed 1; sheets of another paper, of seed 2 (YAML and CSV rows)
# and of seed 1: refused as a whole (exit 2), nothing written.
"$EXAMGEN" build t.yaml --seed 1 --out k1 --format txt >/dev/null 2>&1
"$EXAMGEN" build t.yaml --seed 2 --out k2 --format txt >/dev/null 2>&1
sed 's/^  1: .*/  1: T/' k2/TINY-A.sheet.yaml > seed2.yaml
b2=$(sed -n 's/^build: "\(.*\)"$/\1/p' k2/TINY-A.key.yaml)
b1=$(sed -n 's/^build: "\(.*\)"$/\1/p' k1/TINY-A.key.yaml)
printf 'candidate_id,name,form,paper,build,1\n1,a,A,TINY,%s,T\n2,b,A,TINY,%s,F\n3,c,A,TINY,%s,T\n' \
	"$b2" "$b1" "$b2" > rows.csv
exec "$EXAMGEN" grade --key k1 --csv r.csv other-paper.yaml seed2.yaml rows.csv
