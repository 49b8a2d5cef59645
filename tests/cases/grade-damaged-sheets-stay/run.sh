# #15 item 2: damaged sheets never vanish.  A YAML sheet with one Latin-1
# byte (a name typed on Windows), an empty sheet file, a UTF-16 file that
# does not decode and a CSV with one stray byte: every candidate read is in
# the CSV (and JSON) as pending, with its problems.
"$EXAMGEN" build t.yaml --seed 1 --out k --format txt >/dev/null 2>&1
sed -e 's/id: ""/id: "y1"/' -e 's/name: ""/name: "caf\xe9"/' \
	-e 's/^  1: .*/  1: T/' -e 's/^  4: .*/  4: 3/' -e 's/^  5: .*/  5: 8/' \
	k/TINY-A.sheet.yaml > latin1.yaml
: > empty.yaml
printf '\377\376c\000a\000\n' > utf16.csv
printf 'candidate_id,name,form,1,2,3,4,5\nc1,Ann,A,T,A,ABC,3,5\nc2,Jos\351,A,T,A,ABC,3,5\nc3,Bo,A,T,A,ABC,3,5\n' > stray.csv
exec "$EXAMGEN" grade --key k --json r.json --csv - latin1.yaml empty.yaml \
	utf16.csv stray.csv
