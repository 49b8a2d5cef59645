#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Check the PDF outputs of one build: check-pdf.sh DIR FONT SHEETWORD
#   DIR        build output folder with CODE.print.pdf and CODE.guide.pdf
#              (and CODE-F.paper.pdf / CODE-F.guide.pdf when split)
#   FONT       a font pdffonts must list as embedded (e.g. NotoSerifCJKsc)
#   SHEETWORD  text the answer-sheet page must contain (e.g. 答题卡)
# Every print, paper and guide file must be a valid PDF with an even number
# of pages (each copy starts on an odd page), embed only Noto CJK fonts,
# each once, and end with "page N of N"; a print file is whole copies of
# that many pages.  Papers hold no guide-only text (reference answers,
# keys, deductions, explanations) while guides do.
set -eu
dir=$1 font=$2 sheet=$3
n=0
# pages FILE: its page count
pages() {
	pdfinfo "$1" | sed -n 's/^Pages: *//p'
}
for f in "$dir"/*.print.pdf "$dir"/*.guide.pdf "$dir"/*.paper.pdf; do
	[ -f "$f" ] || continue
	pages=$(pages "$f")
	[ "${pages:-0}" -ge 1 ] || { echo "$f: no pages"; exit 1; }
	[ $((pages % 2)) = 0 ] || { echo "$f: odd page count $pages"; exit 1; }
	fonts=$(pdffonts "$f")
	echo "$fonts" | grep -q "$font" || { echo "$f: no $font"; exit 1; }
	if echo "$fonts" | tail -n +3 | grep -v NotoS | grep -q .; then
		echo "$f: a font other than Noto CJK:"; echo "$fonts"
		exit 1
	fi
	dup=$(echo "$fonts" | tail -n +3 | awk '{ sub(/^[A-Z]+\+/, "", $1); print $1 }' |
		sort | uniq -d)
	[ -z "$dup" ] || { echo "$f: font embedded twice: $dup"; exit 1; }
	# the last page says it is the last of its copy (spaces between
	# Chinese words are dropped by pdftotext)
	last=$(pdftotext -f "$pages" -l "$pages" "$f" - | tr -d ' ' |
		sed -n 's/.*\(共\|of\)\([0-9][0-9]*\)\(页\|頁\|\)$/\2/p' | tail -n 1)
	[ -n "$last" ] || { echo "$f: no 'page N of N' on the last page"; exit 1; }
	pdftotext -f "$pages" -l "$pages" "$f" - | tr -d ' ' |
		grep -Eq "(第|Page)${last}(页|頁|of)" ||
		{ echo "$f: last page is not page $last of $last"; exit 1; }
	case $f in
	*.guide.pdf) [ "$pages" -ge "$last" ] ;;
	*) [ $((pages % last)) = 0 ] ||
		{ echo "$f: $pages pages, not whole copies of $last"; exit 1; } ;;
	esac
	text=$(pdftotext "$f" -)
	case $f in
	*.guide.pdf)
		echo "$text" | grep -Eq '答案：|Answer: ' ||
			{ echo "$f: no answers"; exit 1; } ;;
	*)
		echo "$text" | grep -q "$sheet" ||
			{ echo "$f: no answer sheet"; exit 1; }
		for w in 参考答案 參考答案 高分关键 高分關鍵 扣分项 扣分項 解析 \
			答案： "Reference answer" Explanation \
			"Earns high marks" "Loses marks" "Answer: "; do
			if echo "$text" | grep -q "$w"; then
				echo "$f: guide text '$w' on the paper"; exit 1
			fi
		done ;;
	esac
	n=$((n + 1))
done
[ "$n" -ge 2 ] || { echo "$dir: no print and guide files"; exit 1; }
