#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A test stage that cannot run here (no root, a tool missing) says so:
#   sh tests/lib/skip.sh STAGE REASON
# prints "STAGE: SKIPPED: REASON" and, under make check (which names the
# file in CHECK_SKIP), records the reason there, so the summary reports the
# stage as skipped, never as passed.  The caller then exits 0.
printf '%s: SKIPPED: %s\n' "$1" "$2"
if [ -n "${CHECK_SKIP:-}" ]; then
	printf '%s\n' "$2" >"$CHECK_SKIP"
fi
