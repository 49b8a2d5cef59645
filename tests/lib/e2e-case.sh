#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run one end-to-end case (see tests/run-e2e.sh, which sets $here, $scratch
# and $run).  Writes $scratch/result/NAME.status (pass, fail or skip) and,
# for a failure, NAME.report with what differed.
set -u
name=$1
case=$here/cases/$name
result=$scratch/result/$name
if [ "${VALGRIND:-0}" = 1 ] && [ -f "$case/slow" ]; then
	echo skip >"$result.status"
	exit 0
fi
# $run already holds the valgrind wrapper; keep VALGRIND out of the case's
# environment, since other programs read it too: LibreOffice's soffice
# then starts itself under valgrind with --tool=$VALGRIND ("1") and fails
unset VALGRIND
work=$scratch/$name
mkdir -p "$work"
cp -R "$case"/. "$work"/
# cases may refer to the repository's bank/ and templates/ as $ROOT
cmd=$(cat "$case/cmd")
input=/dev/null
[ -f "$case/stdin" ] && input=$case/stdin
(cd "$work" && ROOT="$here/.." EXAMGEN="$run" eval "$run $cmd" \
	<"$input" >"$result.out" 2>"$result.err")
status=$?
want=0
[ -f "$case/status" ] && want=$(cat "$case/status")
ok=1
{
	if [ "$status" != "$want" ]; then
		echo "FAIL $name: exit $status, expected $want"
		ok=0
	fi
	for s in out err; do
		long=stdout
		[ $s = err ] && long=stderr
		if [ -f "$case/expected.$long" ] &&
			! diff -u "$case/expected.$long" "$result.$s" >"$result.diff"; then
			echo "FAIL $name: $long differs"
			head -40 "$result.diff"
			ok=0
		fi
	done
	if [ $ok = 1 ] && [ -f "$case/check" ] &&
		! (cd "$work" && ROOT="$here/.." EXAMGEN="$run" \
			sh "$case/check" >"$result.chk" 2>&1); then
		echo "FAIL $name: check script failed"
		head -40 "$result.chk"
		ok=0
	fi
	if [ $ok = 0 ] && [ -s "$result.err" ]; then
		echo "--- stderr:"
		head -20 "$result.err"
	fi
} >"$result.report"
if [ $ok = 1 ]; then
	echo pass >"$result.status"
	rm -rf "$work"
else
	echo fail >"$result.status"
fi
