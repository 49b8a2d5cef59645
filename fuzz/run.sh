#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Build the libFuzzer targets in build-fuzz/ (clang, ASan + UBSan + LSan)
# and run each for SECONDS.  Usage: sh fuzz/run.sh SECONDS [TARGET]...
# FUZZ_JOBS=2 runs two targets at a time.  Crash inputs are saved under
# build-fuzz/artifacts/; the corpus grows in build-fuzz/corpus/ (not kept
# in git), seeded from fuzz/seeds/, bank/, templates/ and tests/cases/.
# Inputs in fuzz/regress/TARGET/ (past findings) are replayed first.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
secs=${1:-60}
shift 2>/dev/null
targets=${*:-"fuzz_bank fuzz_template fuzz_sheet_yaml fuzz_csv fuzz_xlsx fuzz_review fuzz_scan_image fuzz_cff fuzz_pdf_file"}
jobs=${FUZZ_JOBS:-1}
B=build-fuzz
CLANG=${FUZZ_CC:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# the libraries' own known leaks (cairo, fontconfig)
LSAN_OPTIONS="suppressions=$root/tests/asan/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "fuzz: $CLANG not found; install clang to fuzz" >&2
	exit 2
fi
mkdir -p $B
if ! make --no-print-directory -s BUILD=$B CC="$CLANG" CFLAGS="-O1 -g" \
	EXTRA_CFLAGS="-fsanitize=fuzzer-no-link $SAN" \
	$B/libexamgen.a >$B/build.log 2>&1; then
	grep -v warning $B/build.log | tail -20
	echo "fuzz: cannot build the library (see $B/build.log)" >&2
	exit 2
fi
cflags="-std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g -Isrc \
	$(pkg-config --cflags yaml-0.1 xlsxwriter pangocairo cairo-pdf fontconfig minizip expat)"
libs="$(pkg-config --libs yaml-0.1 xlsxwriter pangocairo cairo-pdf fontconfig minizip expat) -lm"
cflags="$cflags $(pkg-config --cflags opencc)"
libs="$libs $(pkg-config --libs opencc)"
scan="lept zbar libqrencode poppler-glib"
cflags="$cflags $(pkg-config --cflags $scan | sed 's/-I/-isystem /g')"
libs="$libs $(pkg-config --libs $scan)"

# Seed files for a target, one per line.
seeds() {
	ls fuzz/seeds/"$1"/* 2>/dev/null
	case $1 in
	fuzz_bank) ls bank/*.yaml; grep -l '^questions:' tests/cases/*/*.yaml 2>/dev/null ;;
	fuzz_template) ls templates/*.yaml; grep -l '^sections:' tests/cases/*/*.yaml 2>/dev/null ;;
	fuzz_sheet_yaml) grep -l '^answers:' tests/cases/*/*.yaml tests/cases/*/*/*.yaml 2>/dev/null ;;
	fuzz_csv) ls tests/cases/*/*.csv 2>/dev/null ;;
	fuzz_xlsx) ls tests/cases/*/*.xlsx 2>/dev/null ;;
	esac
}

# Build one target, replay its regression inputs, then fuzz it.
run_one() {
	t=$1
	if ! $CLANG $cflags -fsanitize=fuzzer $SAN -o $B/$t fuzz/$t.c \
		$B/libexamgen.a $libs >$B/$t.build.log 2>&1; then
		cat $B/$t.build.log
		echo "fuzz: $t: cannot build"
		return 1
	fi
	mkdir -p $B/corpus/$t $B/artifacts
	for f in $(seeds "$t"); do
		# big seeds (the e2e stress cases) would only slow fuzzing
		[ "$(wc -c <"$f")" -le 65536 ] || continue
		cp "$f" $B/corpus/$t/seed-$(echo "$f" | tr / _)
	done
	if ls fuzz/regress/"$t"/* >/dev/null 2>&1; then
		./$B/$t -runs=1 fuzz/regress/"$t"/* >$B/$t.regress.log 2>&1 || {
			echo "fuzz: $t: a past finding fails again:"
			tail -30 $B/$t.regress.log
			return 1
		}
	fi
	# a bank near the alias limit expands into thousands of question
	# reads; shorter inputs keep fuzz_bank at ~1000 runs a second
	maxlen=65536
	[ "$t" = fuzz_bank ] && maxlen=8192
	./$B/$t -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=$maxlen -dict=fuzz/yaml.dict -print_final_stats=1 \
		-artifact_prefix=$B/artifacts/$t- $B/corpus/$t \
		>$B/$t.log 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' $B/$t.log)
	if [ $rc = 0 ]; then
		echo "fuzz: $t: ${execs:-?} runs in ${secs}s, no finding"
	else
		echo "fuzz: $t: FINDING (exit $rc), see $B/$t.log and $B/artifacts/"
		grep -A25 '^==[0-9]*==ERROR\|runtime error\|^fuzz:' $B/$t.log | head -40
	fi
	return $rc
}

failed=0
running=0
for t in $targets; do
	if [ "$jobs" -gt 1 ]; then
		run_one "$t" >$B/$t.summary 2>&1 &
		running=$((running + 1))
		if [ $running -ge "$jobs" ]; then
			wait
			running=0
		fi
	else
		run_one "$t" || failed=1
	fi
done
if [ "$jobs" -gt 1 ]; then
	wait
	for t in $targets; do
		cat $B/$t.summary
		grep -q 'FINDING\|fails again\|cannot build' $B/$t.summary && failed=1
	done
fi
exit $failed
