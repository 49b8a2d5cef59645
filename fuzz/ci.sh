#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# CI: replay past findings and fuzz each target for 20 seconds (skipped,
# tests/lib/skip.sh, without clang).
if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
	sh "$(dirname "$0")/../tests/lib/skip.sh" fuzz-smoke \
		"'${FUZZ_CC:-clang}' is missing (make test-deps)"
	exit 0
fi
exec sh "$(dirname "$0")/run.sh" "${FUZZ_SECONDS:-20}"
