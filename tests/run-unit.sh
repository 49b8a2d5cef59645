#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run the Check unit test binaries given as arguments, UNIT_JOBS at once
# (default: the number of processors).
# VALGRIND=1: run each under valgrind (no fork, leaks are errors).
set -u
VALGRIND=${VALGRIND:-0}
# one test binary: its output into scratch, "FAIL" marker on failure
one() {
	log="$scratch/$(basename "$1").log"
	if [ "$VALGRIND" = 1 ]; then
		CK_FORK=no valgrind -q --error-exitcode=99 --num-callers=50 \
			--leak-check=full --show-possibly-lost=no \
			--suppressions="$supp" \
			--errors-for-leak-kinds=definite,indirect \
			"$1" >"$log" 2>&1 || echo "FAIL (valgrind): $1" >>"$log.fail"
	else
		"$1" >"$log" 2>&1 || echo "FAIL: $1" >>"$log.fail"
	fi
}
if [ "${1:-}" = --one ]; then
	one "$2"
	exit 0
fi
supp="$(cd "$(dirname "$0")" && pwd)/pdf/valgrind.supp"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
XDG_CACHE_HOME="$scratch/cache"
unset FC_DEBUG
export XDG_CACHE_HOME VALGRIND supp scratch
printf '%s\n' "$@" |
	xargs -P "${UNIT_JOBS:-$(nproc 2>/dev/null || echo 1)}" -I{} \
		sh "$0" --one {}
fail=0
for t in "$@"; do
	log="$scratch/$(basename "$t").log"
	cat "$log"
	if [ -f "$log.fail" ]; then
		cat "$log.fail"
		fail=1
	fi
done
exit $fail
