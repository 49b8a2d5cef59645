#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make analyze: cppcheck over src/ and clang's scan-build over the build.
# Clean, or every finding listed with its reason: cppcheck.supp (cppcheck)
# and scan-build.known (scan-build).  Exit 1 on any other finding.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
cd "$root" || exit 2
out=${ANALYZE_DIR:-build-analyze}
fail=0
rm -rf "$out"
mkdir -p "$out"
for tool in cppcheck scan-build; do
	command -v $tool >/dev/null 2>&1 || {
		echo "analyze: $tool not found (install-deps.sh test installs it)" >&2
		exit 2
	}
done

# cppcheck: warnings, style, performance and portability
cppcheck -q --enable=warning,style,performance,portability --std=c11 \
	--inline-suppr -Isrc \
	--suppress=missingIncludeSystem --suppress=missingInclude \
	--suppressions-list="$here/cppcheck.supp" -j2 \
	--template='{file}:{line}: {severity}: {message} [{id}]' \
	src/*/*.c >"$out/cppcheck.txt" 2>&1 || true
if [ -s "$out/cppcheck.txt" ]; then
	cat "$out/cppcheck.txt"
	echo "analyze: cppcheck: $(wc -l <"$out/cppcheck.txt") findings"
	fail=1
else
	echo "analyze: cppcheck: clean"
fi

# scan-build: the whole build analysed; each report is FILE:FUNCTION:TYPE
scan-build -o "$out/report" make -s BUILD="$out/obj" WERROR=0 \
	"$out/obj/examgen" >"$out/scan-build.log" 2>&1 || {
	tail -20 "$out/scan-build.log"
	echo "analyze: scan-build: the build failed"
	exit 1
}
new=0 known=0
for f in "$out"/report/*/report-*.html; do
	[ -f "$f" ] || continue
	type=$(sed -n 's/^<!-- BUGTYPE \(.*\) -->$/\1/p' "$f")
	file=$(sed -n 's/^<!-- FILENAME \(.*\) -->$/\1/p' "$f")
	func=$(sed -n 's/^<!-- FUNCTIONNAME \(.*\) -->$/\1/p' "$f")
	key="$file:$func:$type"
	if grep -qxF "$key" "$here/scan-build.known"; then
		known=$((known + 1))
	else
		line=$(sed -n 's/^<!-- BUGLINE \(.*\) -->$/\1/p' "$f")
		desc=$(sed -n 's/^<!-- BUGDESC \(.*\) -->$/\1/p' "$f")
		echo "$(sed -n 's/^<!-- BUGFILE \(.*\) -->$/\1/p' "$f"):$line: $desc [$key] ($f)"
		new=$((new + 1))
	fi
done
if [ $new -gt 0 ]; then
	echo "analyze: scan-build: $new new findings ($known reviewed in tests/analyze/scan-build.known)"
	fail=1
else
	echo "analyze: scan-build: clean ($known reviewed findings in tests/analyze/scan-build.known)"
fi
exit $fail
