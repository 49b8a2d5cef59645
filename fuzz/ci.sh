#!/bin/sh
# CI: replay past findings and fuzz each target for 20 seconds.
exec sh "$(dirname "$0")/run.sh" "${FUZZ_SECONDS:-20}"
