#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Render the HTML paper and guide of every bundled template in a headless
# Chromium, as a person would print them, and check the PDFs: pages were
# produced and the title, the page numbers and the answer sheet are in the
# text.  Skips (exit 0) with a message when chromium or poppler is absent.
#   EXAMGEN=build/examgen sh tests/html/render-check.sh [KEEP_DIR]
# With KEEP_DIR the PDFs and 60 dpi PNG pages are kept there to look at.
set -u
: "${EXAMGEN:?set EXAMGEN to the examgen binary}"
here=$(cd "$(dirname "$0")/../.." && pwd)
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ] || ! command -v pdfinfo >/dev/null 2>&1 ||
   ! command -v pdftotext >/dev/null 2>&1; then
	echo "render-check: skipped (needs chromium and poppler-utils)"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${1:-}
fail=0
for t in "$here"/templates/*.yaml; do
	name=$(basename "$t" .yaml)
	if ! "$EXAMGEN" build "$t" --seed 1 --format html --out "$work/$name" \
		>/dev/null 2>"$work/err"; then
		echo "FAIL $name: build"; cat "$work/err"; fail=1; continue
	fi
	title=$(sed -n 's/^title: *//p' "$t")
	for html in "$work/$name"/*-A.paper.html "$work/$name"/*-A.guide.html; do
		pdf=${html%.html}.pdf
		profile=$(mktemp -d)
		"$browser" --headless --no-sandbox --disable-gpu --no-first-run \
			--disable-background-networking --disable-component-update \
			--disable-sync --user-data-dir="$profile" \
			--print-to-pdf="$pdf" --no-pdf-header-footer \
			"file://$html" >/dev/null 2>&1
		rm -rf "$profile"
		pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
		if [ -z "$pages" ] || [ "$pages" -lt 2 ]; then
			echo "FAIL $(basename "$html"): ${pages:-no} pages"
			fail=1; continue
		fi
		pdftotext -layout "$pdf" "$pdf.txt"
		# CJK text is checked without the spaces pdftotext may insert
		flat=$(tr -d ' \n' < "$pdf.txt")
		want_title=$(printf '%s' "$title" | tr -d ' ')
		score=
		case $html in *.paper.html) score="得分\|Score" ;; esac
		for want in "$want_title" "共${pages}" "答题卡\|答題卡\|Answersheet" $score; do
			if ! printf '%s' "$flat" | grep -q "$want"; then
				echo "FAIL $(basename "$html"): '$want' not in the PDF"
				fail=1
			fi
		done
		echo "ok $(basename "$html"): $pages pages"
		if [ -n "$keep" ]; then
			mkdir -p "$keep"
			cp "$pdf" "$keep/"
			command -v pdftoppm >/dev/null 2>&1 &&
				pdftoppm -png -r 60 "$pdf" "$keep/$(basename "$pdf" .pdf)"
		fi
	done
done
exit $fail
