#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every bundled template built with seeds 1..100 (txt): OpenCC's own
# converter finds nothing left to convert in the papers, guides and keys
# (see script-check.py).  EXAMGEN names the binary.
set -eu
: "${EXAMGEN:?set EXAMGEN to the examgen binary}"
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
if ! python3 -c 'import yaml' 2>/dev/null && [ -x /usr/bin/python3 ]; then
	PATH=/usr/bin:$PATH
fi
for tool in opencc python3; do
	command -v $tool >/dev/null ||
		{ echo "script: error: '$tool' is missing (make deps)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "$root"/templates/*.yaml; do
	name=$(basename "$t" .yaml)
	seed=1
	while [ $seed -le 100 ]; do
		"$EXAMGEN" build "$t" --seed $seed --format txt \
			--out "$work/$name/$seed" >/dev/null 2>"$work/err" ||
			{ cat "$work/err" >&2; exit 1; }
		seed=$((seed + 1))
	done
done
python3 "$here/script-check.py" "$work" "$root"/templates/*.yaml
