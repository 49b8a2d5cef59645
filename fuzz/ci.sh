#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# CI: replay past findings and fuzz each target for 20 seconds.
exec sh "$(dirname "$0")/run.sh" "${FUZZ_SECONDS:-20}"
