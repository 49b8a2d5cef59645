#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Render the HTML papers and guides of every bundled template in a headless
# Chromium, as a person would print them, and check the PDFs: pages were
# produced, the title, the page numbers and the answer sheet are in the
# text, and page by page (pages.py) no heading or question stem is left at
# a page foot without what follows it.  One template is also built with a
# roster: each candidate's paper (papers/ID.paper.html) must carry their
# name and id.  The layouts in tests/html/bad/ must fail pages.py.
# Skips (exit 0, tests/lib/skip.sh) when chromium or poppler is absent.
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
	sh "$here/tests/lib/skip.sh" html "needs chromium and poppler-utils"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${1:-}
fail=0

# print file $1 to $2 as the browser would
print_pdf() {
	profile=$(mktemp -d)
	"$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$profile" \
		--print-to-pdf="$2" --no-pdf-header-footer \
		"file://$1" >/dev/null 2>&1
	rm -rf "$profile"
}

# keep a printed PDF and its pages as PNG in $keep
keep_pdf() {
	[ -n "$keep" ] || return 0
	mkdir -p "$keep"
	cp "$1" "$keep/"
	command -v pdftoppm >/dev/null 2>&1 &&
		pdftoppm -png -r 60 "$1" "$keep/$(basename "$1" .pdf)"
}

# the page checker itself must refuse the layouts it is there to catch
for html in "$here"/tests/html/bad/*.html; do
	pdf="$work/$(basename "$html" .html).pdf"
	print_pdf "$html" "$pdf"
	if python3 "$here/tests/html/pages.py" "$html" "$pdf" >/dev/null; then
		echo "FAIL pages.py passed tests/html/bad/$(basename "$html")"
		fail=1
	fi
done

for t in "$here"/templates/*.yaml; do
	name=$(basename "$t" .yaml)
	if ! "$EXAMGEN" build "$t" --seed 1 --format html --out "$work/$name" \
		>/dev/null 2>"$work/err"; then
		echo "FAIL $name: build"; cat "$work/err"; fail=1; continue
	fi
	title=$(sed -n 's/^title: *//p' "$t")
	for html in "$work/$name"/*.paper.html "$work/$name"/*.guide.html; do
		pdf=${html%.html}.pdf
		print_pdf "$html" "$pdf"
		pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
		if [ -z "$pages" ] || [ "$pages" -lt 2 ]; then
			echo "FAIL $(basename "$html"): ${pages:-no} pages"
			fail=1; continue
		fi
		pdftotext -layout "$pdf" "$pdf.txt"
		# CJK text is checked without the spaces pdftotext may insert
		flat=$(tr -d ' \n' < "$pdf.txt")
		want_title=$(printf '%s' "$title" | tr -d ' ')
		paper=
		case $html in
		*.paper.html) paper="答题卡\|答題卡\|Answersheet 得分\|Score" ;;
		esac
		for want in "$want_title" "共${pages}" $paper; do
			if ! printf '%s' "$flat" | grep -q "$want"; then
				echo "FAIL $(basename "$html"): '$want' not in the PDF"
				fail=1
			fi
		done
		python3 "$here/tests/html/pages.py" "$html" "$pdf" || fail=1
		echo "ok $(basename "$html"): $pages pages"
		keep_pdf "$pdf"
	done
done

# a roster: each candidate's own paper names them on its first page and on
# the answer sheet
t="$here/templates/cs-manager-60-60-60.yaml"
printf 'id,name\n2026001,张三\n2026002,李四\n' > "$work/roster.csv"
if ! "$EXAMGEN" build "$t" --seed 1 --format html --roster "$work/roster.csv" \
	--out "$work/roster" >/dev/null 2>"$work/err"; then
	echo "FAIL roster: build"; cat "$work/err"; exit 1
fi
for c in 2026001:张三 2026002:李四; do
	id=${c%%:*} cname=${c#*:}
	html="$work/roster/papers/$id.paper.html"
	pdf="$work/roster/papers/$id.paper.pdf"
	print_pdf "$html" "$pdf"
	python3 "$here/tests/html/pages.py" "$html" "$pdf" \
		--candidate "$cname" "$id" || fail=1
	echo "ok papers/$id.paper.html"
	keep_pdf "$pdf"
done
exit $fail
