# #15 item 6: the CSV summary of a 26 MB sheet (200,000 rows x 60 answers)
# must fit in 250 MB of address space; keeping every answer, as the
# JSON and xlsx need and as every run did before, takes about 390 MB.
# a 60-question true/false key and 200,000 answer rows (about 26 MB)
awk 'BEGIN {
	print "paper: MEM"; print "form: A"; print "total: 60"; print "pass: 36"
	printf "sections:\n  - {title: S, points: 60, questions: ["
	for (i = 1; i <= 60; i++) printf "%s%d", (i > 1 ? ", " : ""), i
	print "]}"; print "questions:"
	for (i = 1; i <= 60; i++)
		printf "  - {number: %d, id: q%d, type: true_false, points: 1, answer: T}\n", i, i
}' > MEM-A.key.yaml
awk 'BEGIN {
	printf "candidate_id,name,form"
	for (i = 1; i <= 60; i++) printf ",%d", i
	print ""
	for (r = 1; r <= 200000; r++) {
		printf "%d,n%d,A", r, r
		for (i = 1; i <= 60; i++) printf ",%s", ((r + i) % 3 ? "T" : "F")
		print ""
	}
}' > big.csv
