#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate docs/examples/: for every bundled template, form A of the paper
# built with seed 1 - the paper and marker's guide as PDF, HTML and
# Markdown, the blank answer sheet and the key.
#   sh scripts/make-examples.sh [EXAMGEN]   (default build/examgen)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
examgen=${1:-$root/build/examgen}
[ -x "$examgen" ] || { echo "make-examples: build examgen first ($examgen)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "$root"/templates/*.yaml; do
	name=$(basename "$t" .yaml)
	"$examgen" build "$t" --seed 1 --forms 1 --format md,html,pdf --split \
		--out "$work/$name" >/dev/null
	dest="$root/docs/examples/$name"
	mkdir -p "$dest"
	rm -f "$dest"/*
	for f in "$work/$name"/*-A.paper.pdf "$work/$name"/*-A.guide.pdf \
		 "$work/$name"/*-A.paper.html "$work/$name"/*-A.paper.md \
		 "$work/$name"/*-A.guide.html "$work/$name"/*-A.guide.md \
		 "$work/$name"/*-A.sheet.yaml "$work/$name"/*-A.key.yaml; do
		cp "$f" "$dest/"
	done
	echo "docs/examples/$name: $(ls "$dest" | wc -l) files"
done
