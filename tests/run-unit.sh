#!/bin/sh
# Run the Check unit test binaries given as arguments.
# VALGRIND=1: run each under valgrind (no fork, leaks are errors).
set -u
fail=0
for t in "$@"; do
	if [ "${VALGRIND:-0}" = 1 ]; then
		CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
			--show-possibly-lost=no \
			--suppressions="$(dirname "$0")/pdf/valgrind.supp" \
			--errors-for-leak-kinds=definite,indirect \
			"$t" || { echo "FAIL (valgrind): $t"; fail=1; }
	else
		"$t" || { echo "FAIL: $t"; fail=1; }
	fi
done
exit $fail
