#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file the project tracks carries the licence line
# "SPDX-License-Identifier: GPL-3.0-or-later" in its first three lines.
# usage: spdx.sh [--add]   --add writes the line where it is missing
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
add=0
[ "${1:-}" = --add ] && add=1
tag="SPDX-License-Identifier: GPL-3.0-or-later"
missing=0
files=$(git ls-files -co --exclude-standard -- \
	'*.c' '*.h' '*.sh' '*.py' '*.bash' Makefile debian/rules .ci/run |
	grep -v '^fuzz/seeds/\|^fuzz/findings/\|^tests/cases/')
for f in $files; do
	[ -f "$f" ] || continue
	head -n 3 "$f" | grep -q "$tag" && continue
	if [ $add = 0 ]; then
		echo "spdx: '$f' has no licence line"
		missing=$((missing + 1))
		continue
	fi
	case $f in
	*.c | *.h) line="/* $tag */" ;;
	*) line="# $tag" ;;
	esac
	tmp=$f.spdx.$$
	if head -n 1 "$f" | grep -q '^#!'; then
		{ head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$tmp"
	else
		{ echo "$line"; cat "$f"; } >"$tmp"
	fi
	chmod --reference="$f" "$tmp" && mv "$tmp" "$f"
done
n=$(echo "$files" | wc -w)
if [ $missing != 0 ]; then
	echo "spdx: $missing of $n files lack the licence line (tests/lint/spdx.sh --add writes it)"
	exit 1
fi
echo "spdx: $n passed, 0 failed"
