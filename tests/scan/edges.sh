#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Input edges of `examgen scan` (a few seconds): a black-and-white scan
# saved as JPEG is refused with how to rescan (exit 2); a digitally blank
# page is reported without losing the other pages (exit 1); 148 dpi is
# refused; a 20000x20000 image gets a clear message; pages turned a
# quarter are read; a run that reads no sheet does not end with exit 0.
#   EXAMGEN=... SCANSIM=... sh tests/scan/edges.sh ROOT
set -eu
root=$1
: "${EXAMGEN:?}" "${SCANSIM:?}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "scan edges: $*"; exit 1; }
# run scan on the rest of the arguments: $rc, $work/err, $work/csv
scan() {
	set +e
	"$EXAMGEN" scan --key "$work/out" "$@" >"$work/csv" 2>"$work/err"
	rc=$?
	set -e
}

"$EXAMGEN" build "$root/templates/cs-specialist-written.yaml" --seed 11 \
	--forms 1 --format pdf --out "$work/out" >/dev/null 2>&1
key=$(ls "$work"/out/*-A.key.yaml)
# a white page and a PNG that says it is 20000x20000 pixels
python3 - "$work" <<'PY'
import struct, sys, zlib
def png(path, w, h, rows):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
png(sys.argv[1] + "/blank.png", 1654, 2339, (b"\0" + b"\xff" * 1654) * 2339)
png(sys.argv[1] + "/huge.png", 20000, 20000, b"\0" + b"\xff" * 20000)
PY

mkdir "$work/bw" "$work/lo" "$work/t"
"$SCANSIM" "$key" "$work/bw" seed=5 sheets=1 bilevel=1 format=jpg jpeg=75 \
	2>/dev/null
scan "$work/bw/page-0001.jpg"
[ $rc -eq 2 ] || fail "black-and-white JPEG: exit $rc, expected 2"
grep -q "black and white only.*rescan in greyscale" "$work/err" ||
	{ cat "$work/err"; fail "black-and-white JPEG: no rescan advice"; }

"$SCANSIM" "$key" "$work/lo" seed=6 sheets=1 marks=dark dpi=148
scan "$work/lo/page-0001.png"
[ $rc -eq 2 ] || fail "148 dpi: exit $rc, expected 2"
grep -q "about 148 dpi" "$work/err" || { cat "$work/err"; fail "148 dpi"; }

scan "$work/huge.png"
[ $rc -eq 2 ] || fail "20000x20000: exit $rc, expected 2"
grep -q "the image is 20000x20000 pixels, more than any page scan" \
	"$work/err" || { cat "$work/err"; fail "20000x20000: no message"; }

# pages turned a quarter, some also upside down, and a blank page among
# them: every sheet read, the blank page reported, exit 1 (not refused)
"$SCANSIM" "$key" "$work/t" seed=7 sheets=2 marks=dark turn=1 flip=mixed \
	rotate=1 noise=4
scan "$work"/t/page-*.png "$work/blank.png"
[ $rc -eq 1 ] || { cat "$work/err"; fail "blank page: exit $rc, expected 1"; }
grep -q "blank.png: error: page 1: the page is blank" "$work/err" ||
	{ cat "$work/err"; fail "blank page not reported"; }
python3 "$here/evaluate.py" "$work/t" "$work/csv" turned >"$work/eval" ||
	{ cat "$work/eval" "$work/err"; fail "turned pages misread or lost"; }

# nothing read: the run says so and does not pass
scan "$work/blank.png"
[ $rc -eq 1 ] || fail "no sheet read: exit $rc, expected 1"
grep -q "read 0 pages into 0 sheets: 0 marks to review, 1 pages not read" \
	"$work/err" || { cat "$work/err"; fail "no sheet read: not said"; }
echo "scan edges: passed"
