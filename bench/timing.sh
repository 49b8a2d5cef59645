# SPDX-License-Identifier: GPL-3.0-or-later
# bench/timing.sh - sourced by bench/print.sh and bench/amc.sh (after
# their die()): pages and CPU of the runs they time, in their work folder.

# pages FILE...: their pages together
pages() {
	n=0
	for f in "$@"; do
		n=$((n + $(pdfinfo "$f" | sed -n 's/^Pages: *//p')))
	done
	echo $n
}

# cpu OUT CMD...: run CMD, add "user+system wall" to OUT
cpu() {
	out=$1
	shift
	/usr/bin/time -o time.tmp -f "%U %S %e" "$@" >run.log 2>&1 ||
		{ tail -20 run.log >&2; die "'$1' failed"; }
	awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' time.tmp >>"$out"
}
