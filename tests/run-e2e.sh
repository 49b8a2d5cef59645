#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests as data.  Each folder tests/cases/NAME/ holds:
#   cmd              the arguments to examgen, one shell line (run in a
#                    scratch copy of the folder, so outputs never litter)
#   stdin            optional: fed to standard input
#   expected.stdout  optional: standard output must match exactly
#   expected.stderr  optional: standard error must match exactly
#   status           optional: the expected exit code (default 0)
#   check            optional: a shell script run afterwards in the scratch
#                    folder (with $EXAMGEN set); it must exit 0
#   slow             optional: skipped under valgrind
# Add a case by adding a folder; no C needed.
#
# usage: run-e2e.sh [NAME...]     every case, or only the named ones
# EXAMGEN names the binary; VALGRIND=1 runs it under valgrind; E2E_JOBS
# cases run at once (default: the number of processors).  Every case gets
# an empty font cache folder of its own run (XDG_CACHE_HOME), so nothing
# cached on this machine changes a result.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# check scripts use python3 with Debian's python3-yaml and python3-scipy;
# prefer the system one when the python3 found first in PATH lacks them
if ! python3 -c 'import yaml, scipy' 2>/dev/null && [ -x /usr/bin/python3 ]; then
	PATH=/usr/bin:$PATH
	export PATH
fi
: "${EXAMGEN:?set EXAMGEN to the examgen binary}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/cache" "$scratch/result"
XDG_CACHE_HOME="$scratch/cache"
unset FC_DEBUG
export XDG_CACHE_HOME
run="$EXAMGEN"
if [ "${VALGRIND:-0}" = 1 ]; then
	# one word, so check scripts can quote "$EXAMGEN"
	run="$scratch/examgen-valgrind"
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --num-callers=50 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect --suppressions=%s/pdf/valgrind.supp %s "$@"\n' \
		"$here" "$EXAMGEN" >"$run"
	chmod +x "$run"
fi
if [ $# -gt 0 ]; then
	for name in "$@"; do
		[ -f "$here/cases/$name/cmd" ] || {
			echo "run-e2e: no case '$name' in $here/cases" >&2
			exit 2
		}
	done
	names=$*
else
	names=$(cd "$here/cases" && for c in */; do
		[ -f "$c/cmd" ] && printf '%s\n' "${c%/}"; done)
fi
jobs=${E2E_JOBS:-$(nproc 2>/dev/null || echo 1)}
export here scratch run
# shellcheck disable=SC2086
printf '%s\n' $names |
	xargs -P "$jobs" -I{} sh "$here/lib/e2e-case.sh" {}
pass=0 failed=0 skipped=0
for name in $names; do
	case $(cat "$scratch/result/$name.status" 2>/dev/null) in
	pass) pass=$((pass + 1)) ;;
	skip) skipped=$((skipped + 1)) ;;
	*)
		cat "$scratch/result/$name.report" 2>/dev/null ||
			echo "FAIL $name: the case did not run"
		failed=$((failed + 1)) ;;
	esac
done
echo "e2e: $pass passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
