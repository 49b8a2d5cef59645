#!/bin/sh
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
# EXAMGEN names the binary; VALGRIND=1 runs it under valgrind.
set -u
here=$(cd "$(dirname "$0")" && pwd)
# check scripts use python3 with Debian's python3-yaml; prefer the system
# one when the python3 found first in PATH lacks it
if ! python3 -c 'import yaml' 2>/dev/null && [ -x /usr/bin/python3 ]; then
	PATH=/usr/bin:$PATH
	export PATH
fi
: "${EXAMGEN:?set EXAMGEN to the examgen binary}"
pass=0 failed=0 skipped=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run="$EXAMGEN"
if [ "${VALGRIND:-0}" = 1 ]; then
	# one word, so check scripts can quote "$EXAMGEN"
	run="$scratch/examgen-valgrind"
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect --suppressions=%s/pdf/valgrind.supp %s "$@"\n' \
		"$here" "$EXAMGEN" >"$run"
	chmod +x "$run"
fi
for case in "$here"/cases/*/; do
	name=$(basename "$case")
	[ -f "$case/cmd" ] || continue
	if [ "${VALGRIND:-0}" = 1 ] && [ -f "$case/slow" ]; then
		skipped=$((skipped + 1))
		continue
	fi
	work="$scratch/$name"
	mkdir -p "$work"
	cp -R "$case"/. "$work"/
	# cases may refer to the repository's bank/ and templates/ as $ROOT
	cmd=$(cat "$case/cmd")
	if [ -f "$case/stdin" ]; then
		(cd "$work" && ROOT="$here/.." EXAMGEN="$run" eval "$run $cmd" \
			<stdin >"$scratch/$name.out" 2>"$scratch/$name.err")
	else
		(cd "$work" && ROOT="$here/.." EXAMGEN="$run" eval "$run $cmd" \
			</dev/null >"$scratch/$name.out" 2>"$scratch/$name.err")
	fi
	status=$?
	want=0
	[ -f "$case/status" ] && want=$(cat "$case/status")
	ok=1
	if [ "$status" != "$want" ]; then
		echo "FAIL $name: exit $status, expected $want"
		ok=0
	fi
	for s in stdout stderr; do
		if [ -f "$case/expected.$s" ]; then
			short=out
			[ $s = stderr ] && short=err
			if ! diff -u "$case/expected.$s" "$scratch/$name.$short" \
				>"$scratch/$name.diff"; then
				echo "FAIL $name: $s differs"
				head -40 "$scratch/$name.diff"
				ok=0
			fi
		fi
	done
	if [ $ok = 1 ] && [ -f "$case/check" ]; then
		if ! (cd "$work" && ROOT="$here/.." EXAMGEN="$run" \
			sh "$case/check" >"$scratch/$name.chk" 2>&1); then
			echo "FAIL $name: check script failed"
			head -40 "$scratch/$name.chk"
			ok=0
		fi
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		[ -s "$scratch/$name.err" ] && { echo "--- stderr:"; head -20 "$scratch/$name.err"; }
		failed=$((failed + 1))
	fi
done
echo "e2e: $pass passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
