#!/bin/sh
# Check the PDF outputs of one build: check-pdf.sh DIR FONT SHEETWORD
#   DIR        build output folder with CODE-F.paper.pdf / CODE-F.guide.pdf
#   FONT       a font pdffonts must list as embedded (e.g. NotoSerifCJKsc)
#   SHEETWORD  text the answer-sheet page must contain (e.g. 答题卡)
# Every paper and guide must be a valid PDF with at least one page, embed
# only Noto CJK fonts, say "page X of Y" with the true page count, and the
# paper must hold no guide-only text (reference answers, keys,
# deductions, explanations) while its guide does.
set -eu
dir=$1 font=$2 sheet=$3
n=0
for paper in "$dir"/*.paper.pdf; do
	guide=${paper%.paper.pdf}.guide.pdf
	for f in "$paper" "$guide"; do
		pages=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
		[ "${pages:-0}" -ge 1 ] || { echo "$f: no pages"; exit 1; }
		fonts=$(pdffonts "$f")
		echo "$fonts" | grep -q "$font" || { echo "$f: no $font"; exit 1; }
		if echo "$fonts" | tail -n +3 | grep -v NotoS | grep -q .; then
			echo "$f: a font other than Noto CJK:"; echo "$fonts"
			exit 1
		fi
		# the last page says it is the last (spaces between Chinese
		# words are dropped by pdftotext)
		pdftotext -f "$pages" -l "$pages" "$f" - | tr -d ' ' |
			grep -Eq "(共|of)$pages(页|頁|$)" ||
			{ echo "$f: no 'page $pages of $pages'"; exit 1; }
	done
	text=$(pdftotext "$paper" -)
	echo "$text" | grep -q "$sheet" || { echo "$paper: no answer sheet"; exit 1; }
	for w in 参考答案 參考答案 高分关键 高分關鍵 扣分项 扣分項 解析 答案： \
		"Reference answer" Explanation "Earns high marks" \
		"Loses marks" "Answer: "; do
		if echo "$text" | grep -q "$w"; then
			echo "$paper: guide text '$w' on the paper"; exit 1
		fi
	done
	pdftotext "$guide" - | grep -Eq '答案：|Answer: ' ||
		{ echo "$guide: no answers"; exit 1; }
	n=$((n + 1))
done
[ "$n" -ge 1 ] || { echo "$dir: no papers"; exit 1; }
