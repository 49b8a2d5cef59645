# The documented pipe, scan | grade, with pages that cannot be read: a
# page of another build and a damaged PNG.  Each
# becomes a pending row of grade's output with its file and page, and the
# pipe does not end with exit 0 (it used to leave them out: 2 rows, exit 0).
"$EXAMGEN" build t.yaml --seed 1 --out k --format pdf >/dev/null 2>&1
"$EXAMGEN" build t.yaml --seed 2 --out other --format pdf >/dev/null 2>&1
mkdir s o
"$SCANSIM" k/ZH-A.key.yaml s seed=3 sheets=2 dpi=150 >/dev/null
"$SCANSIM" other/ZH-A.key.yaml o seed=3 sheets=1 dpi=150 >/dev/null
cp o/page-0001.png other-build.png
python3 -c "
import sys
data = open('s/page-0001.png', 'rb').read()
open('damaged.png', 'wb').write(data[:len(data) // 3])
"
"$EXAMGEN" scan --key k --out - s/page-*.png other-build.png damaged.png 2>scan.err |
	"$EXAMGEN" grade --key k --csv out.csv -
