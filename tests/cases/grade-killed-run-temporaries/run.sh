# Temporaries that killed runs left (their process is gone, here a pid
# past the kernel's limit) are removed by the next run writing into the
# folder; one of a run still going (this shell), and other hidden files,
# are not touched.
dead=$(($(cat /proc/sys/kernel/pid_max) + 1))
: >".r.csv.examgen-$dead.a1B2c3"
: >".r.json.examgen-$dead.x9Y8z7.old"
: >".other.examgen-$dead.q1w2e3"
: >".r.csv.examgen-$$.d4E5f6"
: >".notes"
: >".r.csv.Ab12Cd"
"$EXAMGEN" grade --key CSM-A.key.yaml --csv r.csv sheets.csv 2>/dev/null
echo "$$" >live.pid
